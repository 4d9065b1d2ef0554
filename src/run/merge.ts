/**
 * `pagesynth merge`: joins the folders of a run made in shards (`generate --shard i/N`, one per machine) into one run
 * folder whose images, annotations.json, labels.jsonl and specs.jsonl are byte for byte those of the same run made on
 * one machine. Each shard numbers its COCO annotations from 1; the merge renumbers them as the one-machine run does
 * (consecutive over the pages in page order): a shard's ids, `parent_id`s and labels.jsonl ids move up by the number of
 * boxes of the shards before it. Image ids, file names, page seeds and train/val splits are already global.
 *
 * Every output the shards hold is joined:
 * - coco: images/ placed; annotations.json and labels.jsonl streamed line by line with ids renumbered (a pagesynth COCO
 *   file holds one image or annotation per line: CocoStreamWriter.finish);
 * - yolo, yolo-seg: images/ and labels/ placed; data.yaml written again for the merged folder (path, counts);
 * - hf: images placed; metadata.jsonl of each split joined in page order with `objects.id` renumbered; the card's
 *   front matter (splits) and count line written again;
 * - webdataset: the tars side by side under their own names (the writer names a sharded run's tars apart so they
 *   sort into page order); the `objects[].id` of each `.json` member renumbered, so a box has the same id in every
 *   output (a tar of the first shard, which needs no renumbering, is placed as it is);
 * - pdf: the PDFs placed; pdf/annotations.json joined like annotations.json;
 * - specs.jsonl joined; run.json written with the one-machine identity (no `shard`), counts summed.
 *
 * Refused, every problem at once, each naming its folders: a shard folder named twice, two folders that are the same
 * shard, missing shard indices, shards of different runs (the identity field that differs), unfinished shards (run.json
 * status not complete), files a shard should hold but does not.
 *
 * Files are placed by hard link, falling back to a copy (copy-on-write where the filesystem clones) when the shards are
 * on another filesystem or links are not allowed: shards and merged run usually share one volume, so a merge of
 * 100000 pages takes seconds and no extra space; pagesynth never rewrites a file in place (a run removes its files before
 * writing new ones), so the shared files cannot change under either folder, and the shard folders can be deleted after
 * the merge without touching the merged run.
 *
 * Atomic and idempotent: run.json says `merging` while the outputs are built under `.partial` names, renamed into place
 * at the end, then run.json says `complete`. Merging the same shards into the same folder again gives the same bytes
 * (run.json too: no clock time but the shards' own). A folder holding a different run is refused unless `overwrite`.
 */
import { createReadStream, createWriteStream, constants as fsConstants, type WriteStream } from 'node:fs';
import { access, constants, copyFile, link, mkdir, opendir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { parse as parseYaml } from 'yaml';
import { writeFileAtomic } from '../annotate/index.js';
import { describe, InputError, inputErrorOf, invalidParameter, OutputError, type Problem } from '../errors.js';
import { COCO_FILE, RUN_FILE, SPECS_FILE } from './folder.js';
import { shardRange, type ShardIndex } from './shard.js';
import { clearOwned } from './writers/coco.js';
import { hfCardHeader } from './writers/hf.js';
import { WRITERS } from './writers/index.js';
import type { WriterSummary } from './writers/types.js';
import { yamlText } from './writers/util.js';

/** What `mergeRuns` takes. */
export interface MergeOptions {
  /** The shard run folders (`generate --shard i/N`), every index 0..N-1 of one run, in any order. */
  shards: string[];
  /** The merged run folder. */
  out: string;
  /** Replace a different run already in `out` (default false). */
  overwrite?: boolean;
}

/** What a merge made (run.json holds the same counts). */
export interface MergeResult {
  /** The merged run folder (absolute). */
  out: string;
  /** Shards joined. */
  shards: number;
  pages: number;
  /** Boxes (COCO annotations) of the run. */
  boxes: number;
  /** What each writer's merged output holds. */
  writers: Record<string, WriterSummary>;
  /** Image, label and PDF files placed by hard link and by copy. */
  files: { linked: number; copied: number };
  seconds: number;
}

/** run.json as generate writes it (the fields the merge reads). */
interface RunRecord {
  tool?: string;
  status?: string;
  identity?: Record<string, unknown> & { pages?: number; shard?: ShardIndex; output?: string[] };
  options?: Record<string, unknown>;
  network?: unknown;
  versions?: Record<string, string>;
  started?: string;
  finished?: string;
  counts?: { images?: number; annotations?: number; per_category?: Record<string, number> };
  writers?: Record<string, WriterSummary>;
  timings?: { seconds?: number; mean_ms_per_page_per_stage?: Record<string, number> };
}

/** A shard folder that passed the checks. */
interface Shard {
  /** As given, resolved. */
  folder: string;
  record: RunRecord;
  shard: ShardIndex;
  /** Its page indices. */
  start: number;
  end: number;
  /** Its COCO annotations (boxes), from run.json. */
  boxes: number;
  /** Boxes of the shards before it: what its ids move up by. */
  offset: number;
}

/** Files each writer's output must hold in a shard folder (relative). */
const NEEDS: Record<string, string[]> = {
  coco: ['images', COCO_FILE, 'labels.jsonl'],
  yolo: ['yolo/data.yaml', 'yolo/images', 'yolo/labels'],
  'yolo-seg': ['yolo-seg/data.yaml', 'yolo-seg/images', 'yolo-seg/labels'],
  hf: ['hf/README.md'],
  webdataset: ['webdataset'],
  pdf: ['pdf/annotations.json'],
};

const exists = (p: string) => access(p).then(
  () => true,
  () => false,
);

/** The identity without the shard: what every shard of one run shares, and the merged run's identity. */
function runIdentity(record: RunRecord): Record<string, unknown> {
  const { shard: _shard, ...rest } = record.identity ?? {};
  return rest;
}

/** Reads and checks the shard folders: every problem found, then one InputError. */
async function readShards(folders: readonly string[]): Promise<Shard[]> {
  const problems: Problem[] = [];
  const found: Array<{ folder: string; real: string; record: RunRecord; shard: ShardIndex }> = [];
  const seen = new Map<string, string>();
  for (const given of folders) {
    const folder = resolve(given);
    let real: string;
    try {
      if (!(await stat(folder)).isDirectory()) {
        problems.push({ file: given, path: '', message: 'not a folder (expected a shard run folder)' });
        continue;
      }
      real = await realpath(folder);
    } catch {
      problems.push({ file: given, path: '', message: 'not found (expected a shard run folder)' });
      continue;
    }
    const twin = seen.get(real);
    if (twin !== undefined) {
      problems.push({ file: given, path: '', message: `named twice (as ${twin} and ${given})` });
      continue;
    }
    seen.set(real, given);
    let record: RunRecord;
    try {
      record = JSON.parse(await readFile(join(folder, RUN_FILE), 'utf8')) as RunRecord;
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      problems.push({ file: given, path: '', message: missing ? 'not a run folder: no run.json' : `run.json cannot be read: ${(err as Error).message}` });
      continue;
    }
    if (record.status !== 'complete') {
      problems.push({ file: given, path: '', message: `unfinished shard: its run.json says status ${describe(record.status)} (wait for it to finish, or run it again)` });
      continue;
    }
    const s = record.identity?.shard;
    if (!s || !Number.isSafeInteger(s.index) || !Number.isSafeInteger(s.count) || s.index < 0 || s.index >= s.count) {
      problems.push({ file: given, path: '', message: 'not a shard: its run.json identity has no shard (a run made without --shard i/N is whole already)' });
      continue;
    }
    found.push({ folder: given, real, record, shard: { index: s.index, count: s.count } });
  }

  found.sort((a, b) => a.shard.index - b.shard.index);
  const ref = found[0];
  const shards: Shard[] = [];
  if (ref) {
    const refId = runIdentity(ref.record);
    const byIndex = new Map<number, string>();
    for (const f of found) {
      const other = byIndex.get(f.shard.index);
      if (other !== undefined) {
        problems.push({ file: f.folder, path: '', message: `overlapping shards: ${other} and ${f.folder} are both shard ${f.shard.index}/${f.shard.count}` });
        continue;
      }
      byIndex.set(f.shard.index, f.folder);
      if (f === ref) continue;
      // Shards of one run: the same identity (seed, network sha, pages, options...), count and software.
      const id = runIdentity(f.record);
      const fields = [...new Set([...Object.keys(refId), ...Object.keys(id)])];
      for (const k of fields) {
        if (JSON.stringify(refId[k]) !== JSON.stringify(id[k])) problems.push({ path: '', message: `mismatched shards: identity.${k} is ${describe(refId[k])} in ${ref.folder} but ${describe(id[k])} in ${f.folder}` });
      }
      if (f.shard.count !== ref.shard.count) problems.push({ path: '', message: `mismatched shards: ${ref.folder} is shard ${ref.shard.index} of ${ref.shard.count} but ${f.folder} is shard ${f.shard.index} of ${f.shard.count}` });
      const versions = [...new Set([...Object.keys(ref.record.versions ?? {}), ...Object.keys(f.record.versions ?? {})])];
      for (const k of versions) {
        const [a, b] = [ref.record.versions?.[k], f.record.versions?.[k]];
        if (a !== b) problems.push({ path: '', message: `mismatched shards: versions.${k} is ${describe(a)} in ${ref.folder} but ${describe(b)} in ${f.folder} (the same options give the same bytes only with the same software)` });
      }
    }
    const count = ref.shard.count;
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
    if (missing.length) {
      const given = [...byIndex.keys()].sort((a, b) => a - b).join(', ');
      const shown = missing.length > 20 ? `${missing.slice(0, 20).join(', ')} and ${missing.length - 20} more` : missing.join(', ');
      problems.push({ path: '', message: `missing shard${missing.length > 1 ? 's' : ''} ${shown} of ${count} (given: ${given || 'none'})` });
    }
    const pages = Number(refId.pages);
    const writers = [...((refId.output as string[] | undefined) ?? [])];
    for (const w of writers) if (!(w in NEEDS)) problems.push({ file: ref.folder, path: '', message: `merge does not know how to join the output of writer ${describe(w)}` });
    let offset = 0;
    for (const f of found) {
      if (shards.some((s) => s.shard.index === f.shard.index)) continue;
      const { start, end } = shardRange(pages, f.shard);
      if (f.record.counts?.images !== end - start) {
        problems.push({ file: f.folder, path: '', message: `holds ${describe(f.record.counts?.images)} pages; shard ${f.shard.index}/${f.shard.count} of ${pages} pages has ${end - start}` });
      }
      const boxes = f.record.counts?.annotations;
      if (!Number.isSafeInteger(boxes) || boxes! < 0) problems.push({ file: f.folder, path: '', message: `run.json counts.annotations must be a count, got ${describe(boxes)}` });
      for (const rel of [SPECS_FILE, ...writers.flatMap((w) => NEEDS[w] ?? [])]) {
        if (!(await exists(join(f.folder, rel)))) problems.push({ file: join(f.folder, rel), path: '', message: 'not found (the shard\'s run.json says its run wrote it)' });
      }
      shards.push({ folder: resolve(f.folder), record: f.record, shard: f.shard, start, end, boxes: boxes ?? 0, offset });
      offset += boxes ?? 0;
    }
  }
  if (problems.length) throw inputErrorOf(problems);
  return shards;
}

/** Makes `out` ready: created, writable, not one of the shards, holding no different run (unless `overwrite`). */
async function prepareOutput(out: string, identity: unknown, overwrite: boolean, shards: readonly Shard[]): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
    await access(out, constants.W_OK);
  } catch (err) {
    throw new OutputError(`output directory ${out} cannot be created or written: ${(err as Error).message}`);
  }
  const real = await realpath(out);
  const shardReals = await Promise.all(shards.map((s) => realpath(s.folder)));
  const clash = shards.find((_, i) => shardReals[i] === real);
  if (clash) throw new OutputError(`--out ${out} is one of the shards (${clash.folder}); merge into another folder`);
  const entries = (await readdir(out)).filter((e) => !e.endsWith('.partial'));
  if (entries.length > 0) {
    let same = false;
    try {
      const prev = JSON.parse(await readFile(join(out, RUN_FILE), 'utf8')) as RunRecord;
      same = JSON.stringify(prev.identity) === JSON.stringify(identity);
    } catch {
      same = false;
    }
    if (!same && !overwrite) {
      const what = entries.includes(RUN_FILE) ? 'a different run' : 'other files';
      throw new OutputError(`output directory ${out} already holds ${what}; use --overwrite to replace it or choose another --out`);
    }
  }
  await Promise.all([...WRITERS.map((w) => clearOwned(out, w)), rm(join(out, SPECS_FILE), { force: true }), rm(join(out, RUN_FILE), { force: true })]);
  for (const e of await readdir(out)) {
    const p = join(out, e);
    if (e.endsWith('.partial') && !shardReals.includes(await realpath(p).catch(() => p))) await rm(p, { recursive: true, force: true });
  }
}

/** Error codes after which a hard link will not work here: the merge copies instead. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EACCES']);

/** Places files by hard link while the filesystem allows it, then by copy (a clone where the filesystem can). */
class Placer {
  private linking = true;
  linked = 0;
  copied = 0;

  async place(src: string, dst: string): Promise<void> {
    if (this.linking) {
      try {
        await link(src, dst);
        this.linked++;
        return;
      } catch (err) {
        if (!NO_LINK.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
        this.linking = false;
      }
    }
    await copyFile(src, dst, fsConstants.COPYFILE_FICLONE);
    this.copied++;
  }

  /** Places every file of `src` (not folders, not `skip`) into `dst` (created); returns how many. */
  async placeAll(src: string, dst: string, skip: (name: string) => boolean = () => false): Promise<number> {
    await mkdir(dst, { recursive: true });
    let n = 0;
    let batch: Array<Promise<void>> = [];
    for await (const e of await opendir(src)) {
      if (!e.isFile() || skip(e.name)) continue;
      batch.push(this.place(join(src, e.name), join(dst, e.name)));
      n++;
      if (batch.length >= 32) {
        await Promise.all(batch);
        batch = [];
      }
    }
    await Promise.all(batch);
    return n;
  }
}

/**
 * A file written as a stream: each write waits for 'drain' when the disk is behind, with its listeners removed again
 * (a merge writes millions of lines through one stream).
 */
class Sink {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (err) => (this.failure ??= err));
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((res) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          res();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
    if (this.failure) throw this.failure;
  }

  /** Appends a whole file, streamed. */
  async append(file: string): Promise<void> {
    for await (const chunk of createReadStream(file)) await this.write(chunk as Buffer);
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.closed) return;
    await new Promise<void>((res, rej) => this.stream.end((err?: Error | null) => (err ? rej(err) : res())));
    if (this.failure) throw this.failure;
  }

  /** Stops at once (after a failure); errors of writes still pending are swallowed. */
  destroy(): void {
    if (!this.stream.closed) this.stream.destroy();
  }
}

/** Lines of a text file, streamed. */
function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path), crlfDelay: Infinity });
}

/** A line that is not the layout pagesynth writes: an InputError naming the file and the line. */
function layoutError(file: string, line: number, expected: string, got: string): InputError {
  return new InputError([{ file, path: `line ${line}`, message: `expected ${expected}, got ${describe(got)} (not a file as pagesynth writes it)` }]);
}

interface CocoPart {
  file: string;
  /** First image id of the shard and its page count. */
  firstImageId: number;
  images: number;
}

/**
 * Joins shard COCO files as CocoStreamWriter.finish lays them out (head of three lines; one image per line; `],`;
 * `"annotations":[`; one annotation per line; `]}`) into `dest`, each part's annotation ids and `parent_id`s moved up by
 * the annotation count of the parts before it. Returns the annotation count of each part.
 */
async function mergeCoco(parts: readonly CocoPart[], dest: string): Promise<{ images: number; annotations: number[] }> {
  const out = new Sink(dest);
  const sidePath = `${dest.replace(/\.partial$/, '')}.annotations.partial`;
  const side = new Sink(sidePath);
  let head: string[] | undefined;
  let images = 0;
  let total = 0;
  const counts: number[] = [];
  try {
    for (const part of parts) {
      const offset = total;
      let state: 'head' | 'images' | 'between' | 'annotations' | 'end' = 'head';
      const own: string[] = [];
      let n = 0;
      let localImages = 0;
      let localAnns = 0;
      for await (const line of lines(part.file)) {
        n++;
        if (state === 'head') {
          own.push(line);
          if (own.length < 3) continue;
          if (!own[0]!.startsWith('{"info":') || !own[1]!.startsWith('"categories":') || own[2] !== '"images":[') throw layoutError(part.file, n, 'the COCO head (info, categories, "images":[)', own.join('\n'));
          if (!head) {
            head = own;
            await out.write(head.join('\n'));
          } else if (own[0] !== head[0] || own[1] !== head[1]) {
            throw new InputError([{ file: part.file, path: 'info, categories', message: `differ from those of ${parts[0]!.file}: the shards are not of one run` }]);
          }
          state = 'images';
          continue;
        }
        if (state === 'images') {
          if (line === '],') {
            state = 'between';
            continue;
          }
          const text = line.endsWith(',') ? line.slice(0, -1) : line;
          const image = JSON.parse(text) as { id?: number };
          const want = part.firstImageId + localImages;
          if (image.id !== want) throw layoutError(part.file, n, `image id ${want}`, text);
          localImages++;
          await out.write(`${images++ ? ',\n' : '\n'}${text}`);
          continue;
        }
        if (state === 'between') {
          if (line !== '"annotations":[') throw layoutError(part.file, n, '"annotations":[', line);
          state = 'annotations';
          continue;
        }
        if (state === 'annotations') {
          if (line === ']}') {
            state = 'end';
            continue;
          }
          const a = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as { id: number; parent_id?: number };
          if (a.id !== ++localAnns) throw layoutError(part.file, n, `annotation id ${localAnns} (ids from 1 in each shard)`, line);
          a.id += offset;
          if (a.parent_id !== undefined) a.parent_id += offset;
          await side.write(`${total++ ? ',\n' : '\n'}${JSON.stringify(a)}`);
          continue;
        }
        if (line !== '') throw layoutError(part.file, n, 'the end of the file', line);
      }
      if (state !== 'end') throw layoutError(part.file, n, 'the rest of the COCO file', '(end of file)');
      if (localImages !== part.images) throw new InputError([{ file: part.file, path: 'images', message: `holds ${localImages} images; the shard has ${part.images} pages` }]);
      counts.push(localAnns);
    }
    await side.close();
    await out.write('\n],\n"annotations":[');
    await out.append(sidePath);
    await out.write('\n]}\n');
    await out.close();
    return { images, annotations: counts };
  } finally {
    out.destroy();
    side.destroy();
    await rm(sidePath, { force: true });
  }
}

/** Moves every annotation id of a labels.jsonl line up by `offset` (null ids, of regions not in the COCO file, stay). */
function shiftLabels(page: { regions?: Array<Record<string, unknown>> }, offset: number): void {
  const shift = (o: Record<string, unknown>) => {
    if (typeof o.id === 'number') o.id += offset;
  };
  for (const r of page.regions ?? []) {
    shift(r);
    for (const l of (r.lines as Array<Record<string, unknown>>) ?? []) {
      shift(l);
      for (const w of (l.words as Array<Record<string, unknown>>) ?? []) shift(w);
    }
    for (const c of (r.cells as Array<Record<string, unknown>>) ?? []) shift(c);
    for (const p of (r.parts as Array<Record<string, unknown>>) ?? []) shift(p);
  }
}

/** Joins JSON-lines files, each line passed through `edit` (of its part) and written again. */
async function mergeJsonLines(parts: ReadonlyArray<{ file: string; edit: (row: Record<string, unknown>) => void }>, dest: string): Promise<number> {
  const out = new Sink(dest);
  let n = 0;
  try {
    for (const part of parts) {
      for await (const line of lines(part.file)) {
        if (line === '') continue;
        const row = JSON.parse(line) as Record<string, unknown>;
        part.edit(row);
        await out.write(`${JSON.stringify(row)}\n`);
        n++;
      }
    }
    await out.close();
    return n;
  } finally {
    out.destroy();
  }
}

/** Copies a tar, moving the `objects[].id` of each `.json` member up by `offset`; other members as they are. */
async function shiftTar(src: string, dest: string, offset: number): Promise<void> {
  const extract = tarExtract();
  const pack = tarPack();
  const written = pipeline(pack, createWriteStream(dest));
  written.catch(() => undefined);
  const source = createReadStream(src);
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      let data = Buffer.concat(chunks);
      const h = entry.header;
      if (h.name.endsWith('.json')) {
        const labels = JSON.parse(data.toString('utf8')) as { objects?: Array<{ id: number }> };
        for (const o of labels.objects ?? []) o.id += offset;
        data = Buffer.from(JSON.stringify(labels));
      }
      const header = { name: h.name, mode: h.mode, uid: h.uid, gid: h.gid, uname: h.uname, gname: h.gname, mtime: h.mtime, type: h.type, size: data.byteLength };
      await new Promise<void>((res, rej) => pack.entry(header, data, (err) => (err ? rej(err) : res())));
    }
    pack.finalize();
    await written;
  } catch (err) {
    pack.destroy(err as Error);
    source.destroy();
    throw err;
  }
}

/** The leading `# ` comment lines of a YAML file (yamlText's header), without the `# `. */
function yamlHeader(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    out.push(line.replace(/^# ?/, ''));
  }
  return out;
}

/** A `{0: a, 1: b}` map (YOLO names, ClassLabel names) as the list [a, b]. */
function namesOf(map: unknown): string[] {
  if (Array.isArray(map)) return map.map(String);
  if (!map || typeof map !== 'object') return [];
  return Object.entries(map as Record<string, unknown>)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, v]) => String(v));
}

/**
 * data.yaml of a merged YOLO folder, as the yolo writer writes it for a one-machine run (yolo.ts dataYaml): the path of
 * the merged folder, the summed counts in the header's second line, an empty split pointed at the other's images. The
 * header's other lines and the class names come from a shard's data.yaml (they are the same in every shard).
 */
function yoloDataYaml(shardYaml: string, o: { path: string; task: 'detect' | 'segment'; train: number; val: number; boxes: number }): string {
  const parsed = parseYaml(shardYaml) as { nc?: number; names?: unknown };
  const names = namesOf(parsed.names);
  const header = yamlHeader(shardYaml);
  const unit = o.task === 'detect' ? 'boxes' : 'polygons';
  header[1] = `${o.train} train pages, ${o.val} val pages, ${o.boxes} ${unit} (crowd boxes left out)`;
  const comments: Record<string, string> = {};
  let trainDir = 'images/train';
  let valDir = 'images/val';
  if (o.val === 0 && o.train > 0) {
    valDir = 'images/train';
    comments.val = 'no validation pages: validates on the train images (images/val is empty)';
  } else if (o.train === 0 && o.val > 0) {
    trainDir = 'images/val';
    comments.train = 'no train pages: trains on the val images (images/train is empty)';
  }
  return yamlText({ path: o.path, train: trainDir, val: valDir, nc: parsed.nc ?? names.length, names }, { intKeyMaps: ['names'], comments, header: header.join('\n') });
}

/**
 * The dataset card of a merged hf folder, as the hf writer writes it for a one-machine run: the front matter again for
 * the splits present (hfCardHeader), the count line with the summed counts; the rest as a shard's card has it.
 */
function hfCard(shardCard: string, o: { splits: string[]; train: number; validation: number; boxes: number }): string {
  const close = shardCard.indexOf('\n---\n', 4);
  if (!shardCard.startsWith('---\n') || close < 0) throw new InputError('not a dataset card as the hf writer writes it (no YAML front matter)');
  const front = parseYaml(shardCard.slice(4, close + 1)) as { dataset_info?: { features?: Array<{ name: string; sequence?: Array<{ name: string; dtype?: { class_label?: { names?: unknown } } }> }> } };
  const category = front.dataset_info?.features?.find((f) => f.name === 'objects')?.sequence?.find((f) => f.name === 'category');
  const names = namesOf(category?.dtype?.class_label?.names);
  const counts = o.splits.map((s) => `${s === 'train' ? o.train : o.validation} ${s}`).join(', ');
  const body = shardCard.slice(close + 5).replace(/^\d+ (?:train|validation)(?:, \d+ (?:train|validation))* images, \d+ boxes/m, `${counts} images, ${o.boxes} boxes`);
  return `---\n${yamlText(hfCardHeader(names, o.splits))}---\n${body}`;
}

/** Sums the numeric counts of one writer's summaries (paths from the first). */
function summed(list: ReadonlyArray<WriterSummary | undefined>): WriterSummary {
  const counts: Record<string, number> = {};
  for (const s of list) for (const [k, v] of Object.entries(s?.counts ?? {})) counts[k] = (counts[k] ?? 0) + v;
  return { paths: [...(list[0]?.paths ?? [])], counts };
}

/**
 * Joins the folders of a run made in shards (`generate` with `shard: { index, count }`, one folder per shard) into one
 * run folder: images, annotations.json, labels.jsonl and specs.jsonl byte-identical to the same run made on one machine
 * (annotation ids renumbered as it numbers them), and every other output the shards hold joined too (yolo, yolo-seg, hf,
 * webdataset, pdf). run.json gets the one-machine identity (no `shard`), status complete, counts summed. Files are
 * hard-linked where the filesystem allows, else copied. Merging the same shards into the same folder again gives the
 * same bytes.
 * @throws InputError listing every problem with the shards (named twice, overlapping, missing indices, of different
 *   runs: the identity field, unfinished, missing files); OutputError when `out` holds a different run (unless
 *   `overwrite`) or is one of the shards.
 * @example
 * import { generate, mergeRuns } from 'pagesynth';
 * for (let index = 0; index < 4; index++) await generate({ pages: 100, seed: 1, out: `shards/${index}`, shard: { index, count: 4 } });
 * const run = await mergeRuns({ shards: ['shards/0', 'shards/1', 'shards/2', 'shards/3'], out: 'output/run' });
 * console.log(run.pages, run.boxes); // 100 pages, as `generate({ pages: 100, seed: 1 })` makes them
 */
export async function mergeRuns(options: MergeOptions): Promise<MergeResult> {
  if (options === null || typeof options !== 'object') throw invalidParameter('options', 'an object', options);
  const { shards: folders, overwrite = false } = options;
  if (!Array.isArray(folders) || folders.length === 0 || folders.some((f) => typeof f !== 'string' || !f)) throw invalidParameter('shards', 'a non-empty list of shard run folders', folders);
  if (typeof options.out !== 'string' || !options.out) throw invalidParameter('out', 'a folder path', options.out);
  const t0 = performance.now();
  const shards = await readShards(folders);
  const ref = shards[0]!.record;
  const identity = runIdentity(ref);
  const writers = [...((identity.output as string[] | undefined) ?? [])];
  const out = resolve(options.out);
  await prepareOutput(out, identity, overwrite, shards);

  const pages = shards.reduce((n, s) => n + (s.end - s.start), 0);
  const boxes = shards.reduce((n, s) => n + s.boxes, 0);
  const perCategory: Record<string, number> = {};
  for (const s of shards) for (const [k, v] of Object.entries(s.record.counts?.per_category ?? {})) perCategory[k] = (perCategory[k] ?? 0) + v;
  const started = shards.map((s) => s.record.started ?? '').sort()[0];
  const finished = shards.map((s) => s.record.finished ?? '').sort().at(-1);
  const stageMs: Record<string, number> = {};
  for (const s of shards) for (const [k, v] of Object.entries(s.record.timings?.mean_ms_per_page_per_stage ?? {})) stageMs[k] = (stageMs[k] ?? 0) + v * (s.end - s.start);
  const { shard: _shard, ...refOptions } = ref.options ?? {};
  const record = (status: string, extra: Record<string, unknown> = {}) => ({
    tool: 'pagesynth',
    status,
    identity,
    options: { ...refOptions, out },
    network: ref.network,
    versions: ref.versions,
    started,
    ...extra,
    merged_from: shards.map((s) => ({ folder: s.folder, shard: s.shard, pages: s.end - s.start, annotations: s.boxes })),
  });
  await writeFileAtomic(join(out, RUN_FILE), JSON.stringify(record('merging'), null, 2));

  const placer = new Placer();
  /** [partial, final] names, renamed in this order once everything is built. */
  const commits: Array<[string, string]> = [];
  const partial = (name: string) => {
    const p = join(out, `${name}.partial`);
    commits.push([p, join(out, name)]);
    return p;
  };
  const summaries: Record<string, WriterSummary> = {};
  const from = (s: Shard, ...rel: string[]) => join(s.folder, ...rel);
  try {
    for (const w of writers) {
      const list = shards.map((s) => s.record.writers?.[w]);
      summaries[w] = summed(list);
      if (w === 'coco') {
        const images = partial('images');
        for (const s of shards) {
          const n = await placer.placeAll(from(s, 'images'), images);
          if (n !== s.end - s.start) throw new InputError([{ file: from(s, 'images'), path: '', message: `holds ${n} images; the shard has ${s.end - s.start} pages` }]);
        }
        const labels = partial('labels.jsonl');
        const lineCount = await mergeJsonLines(
          shards.map((s) => {
            let next = s.start + 1;
            const file = from(s, 'labels.jsonl');
            return {
              file,
              edit: (row: Record<string, unknown>) => {
                if (row.image_id !== next) throw new InputError([{ file, path: `line ${next - s.start}`, message: `expected the labels of image ${next}, got image_id ${describe(row.image_id)}` }]);
                next++;
                shiftLabels(row, s.offset);
              },
            };
          }),
          labels,
        );
        if (lineCount !== pages) throw new InputError(`the shards' labels.jsonl files hold ${lineCount} pages, not ${pages}`);
        const coco = partial(COCO_FILE);
        const merged = await mergeCoco(
          shards.map((s) => ({ file: from(s, COCO_FILE), firstImageId: s.start + 1, images: s.end - s.start })),
          coco,
        );
        merged.annotations.forEach((n, i) => {
          if (n !== shards[i]!.boxes) throw new InputError([{ file: from(shards[i]!, COCO_FILE), path: 'annotations', message: `holds ${n} annotations; its run.json counts ${shards[i]!.boxes}` }]);
        });
      } else if (w === 'yolo' || w === 'yolo-seg') {
        const dir = partial(w);
        for (const s of shards) {
          for (const kind of ['images', 'labels']) for (const split of ['train', 'val']) await placer.placeAll(from(s, w, kind, split), join(dir, kind, split));
        }
        const c = summaries[w]!.counts;
        const yaml = yoloDataYaml(await readFile(from(shards[0]!, w, 'data.yaml'), 'utf8'), { path: join(out, w), task: w === 'yolo' ? 'detect' : 'segment', train: c.train ?? 0, val: c.val ?? 0, boxes: c.boxes ?? 0 });
        await writeFile(join(dir, 'data.yaml'), yaml);
      } else if (w === 'hf') {
        const dir = partial('hf');
        const splits: string[] = [];
        for (const split of ['train', 'validation']) {
          const holding = [];
          for (const s of shards) if (await exists(from(s, 'hf', split, 'metadata.jsonl'))) holding.push(s);
          if (!holding.length) continue;
          splits.push(split);
          for (const s of holding) await placer.placeAll(from(s, 'hf', split), join(dir, split), (name) => name === 'metadata.jsonl');
          await mergeJsonLines(
            holding.map((s) => ({
              file: from(s, 'hf', split, 'metadata.jsonl'),
              edit: (row) => {
                const ids = (row.objects as { id?: number[] } | undefined)?.id;
                if (ids) for (let k = 0; k < ids.length; k++) ids[k]! += s.offset;
              },
            })),
            join(dir, split, 'metadata.jsonl'),
          );
        }
        const c = summaries.hf!.counts;
        await writeFile(join(dir, 'README.md'), hfCard(await readFile(from(shards[0]!, 'hf', 'README.md'), 'utf8'), { splits, train: c.train ?? 0, validation: c.validation ?? 0, boxes: c.boxes ?? 0 }));
      } else if (w === 'webdataset') {
        const dir = partial('webdataset');
        await mkdir(dir, { recursive: true });
        const owner = new Map<string, string>();
        for (const s of shards) {
          const tars = (await readdir(from(s, 'webdataset'))).filter((n) => n.endsWith('.tar')).sort();
          for (const name of tars) {
            const twin = owner.get(name);
            if (twin !== undefined) throw new InputError([{ file: from(s, 'webdataset', name), path: '', message: `${twin} holds a tar of the same name: these shards were made before sharded runs named their tars apart (shard-K-I.tar); make them again` }]);
            owner.set(name, from(s, 'webdataset', name));
            if (s.offset === 0) await placer.place(from(s, 'webdataset', name), join(dir, name));
            else await shiftTar(from(s, 'webdataset', name), join(dir, name), s.offset);
          }
        }
      } else if (w === 'pdf') {
        const dir = partial('pdf');
        for (const s of shards) {
          const n = await placer.placeAll(from(s, 'pdf'), dir, (name) => !name.endsWith('.pdf'));
          if (n !== s.end - s.start) throw new InputError([{ file: from(s, 'pdf'), path: '', message: `holds ${n} PDFs; the shard has ${s.end - s.start} pages` }]);
        }
        await mergeCoco(
          shards.map((s) => ({ file: from(s, 'pdf', COCO_FILE), firstImageId: s.start + 1, images: s.end - s.start })),
          join(dir, COCO_FILE),
        );
      }
    }
    const specs = new Sink(partial(SPECS_FILE));
    try {
      for (const s of shards) await specs.append(from(s, SPECS_FILE));
      await specs.close();
    } finally {
      specs.destroy();
    }
    for (const [p, final] of commits) await rename(p, final);
  } catch (err) {
    await Promise.all(commits.map(([p]) => rm(p, { recursive: true, force: true })));
    await writeFileAtomic(join(out, RUN_FILE), JSON.stringify(record('failed', { error: (err as Error).message }), null, 2)).catch(() => undefined);
    throw err;
  }
  const meanStageMs = Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, +(v / Math.max(1, pages)).toFixed(3)]));
  await writeFileAtomic(
    join(out, RUN_FILE),
    JSON.stringify(
      record('complete', {
        finished,
        counts: { images: pages, annotations: boxes, per_category: perCategory },
        writers: summaries,
        timings: { seconds_per_shard: shards.map((s) => s.record.timings?.seconds ?? null), mean_ms_per_page_per_stage: meanStageMs },
      }),
      null,
      2,
    ),
  );
  return { out, shards: shards.length, pages, boxes, writers: summaries, files: { linked: placer.linked, copied: placer.copied }, seconds: +((performance.now() - t0) / 1000).toFixed(3) };
}
