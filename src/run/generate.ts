/**
 * A run: checks everything at the door (options, network, fonts, output folder), then streams pages from the worker
 * pool to the writers asked for (`output`), with specs.jsonl and run.json beside them. The CLI's `generate` is one
 * client of `generate()`; a Node program is another.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { access, constants, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { applyProfile, categoriesOf, loadProfile, withConventions, writeFileAtomic, type LabelProfile } from '../annotate/index.js';
import { InterruptedError, invalidParameter, OutputError } from '../errors.js';
import { checkKinds, defaultKinds, withKindDefaults } from '../kinds/index.js';
import { compileNetwork, loadNetwork, parseInterventions } from '../network/index.js';
import type { PageResult, WorkerSetup } from '../pipeline/index.js';
import { createPagePool, defaultWorkers, runPages } from '../pool/index.js';
import { imageExtension, registerFonts, type ImageFormat } from '../render/index.js';
import { TABLE_CELL, TEXT_LINE, WORD, type Region } from '../types.js';
import { CHECKPOINT_FILE, RUN_FILE, SPECS_FILE } from './folder.js';
import { lockRun } from './lock.js';
import { shardRange } from './shard.js';

export { shardRange };
import { splitOf } from './split.js';
import { clearOwned } from './writers/coco.js';
import { resolveWriters, WRITERS } from './writers/index.js';
import type { PageBox, Writer, WriterContext, WriterDefinition, WriterOptions, WriterPage, WriterState, WriterSummary } from './writers/types.js';
import { TextStream } from './writers/util.js';

/** Milliseconds between checkpoints (`--resume` loses at most the pages since the last). */
const CHECKPOINT_MS = 1000;

/** Parts of a region a run can put in its label files as boxes of their own (`parts`). */
export const PART_CLASSES = { lines: ['Text-line', TEXT_LINE], words: ['Word', WORD], cells: ['Table-cell', TABLE_CELL] } as const;
export type PartName = keyof typeof PART_CLASSES;

/** What `generate` takes. Only `pages` is required; every other field has the CLI's default. */
export interface GenerateOptions {
  /** Pages to make (a positive integer). */
  pages: number;
  /** Run folder (default `output/run`). */
  out?: string;
  /** Master seed: page i is made from a seed derived from it and i (default 0). */
  seed?: number;
  /** Bundled network name (`default`, `simple`, or a genre such as `invoice`) or a .json/.yaml/.yml file (default `default`). */
  template?: string;
  /** Network nodes to fix, `node=value` (`effects.profile=clean`, `language=de`). */
  set?: string[];
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** Image format (default png). */
  format?: ImageFormat;
  /** Resolution (default 150: A4 at 1240x1754). */
  dpi?: number;
  /** PNG compression level 0-9 (default 1). */
  pngLevel?: number;
  /** JPEG quality 1-100 (default 90). */
  jpegQuality?: number;
  /** Label profile: doclaynet (default), docling, publaynet, docbank, or a mapping file. */
  labels?: string;
  /** Region parts written as boxes of their own, with classes Text-line, Word, Table-cell (default none). */
  parts?: PartName[];
  /** Writers (default `['coco']`): see `WRITERS`. */
  output?: string[];
  /** Share of pages in the validation split, 0..1 (yolo, yolo-seg, hf; default 0.1). */
  valFraction?: number;
  /** Pages per tar shard (webdataset; default 1000). */
  shardSize?: number;
  /** Also write each page as a vector PDF (pdf/), with a COCO file of the clean page's boxes. */
  pdf?: boolean;
  /**
   * Make only shard `index` (0-based) of `count`: a fixed, contiguous part of the page indices (pages
   * floor(index*pages/count) to floor((index+1)*pages/count) - 1), each page the same bytes as in a one-machine run.
   * `pagesynth merge` joins the shard folders into one run.
   */
  shard?: { index: number; count: number };
  /**
   * Finish the unfinished run of these options in `out` from its last checkpoint (the result is byte-identical to an
   * uninterrupted run); a complete run is left as it is. Without it, a folder holding this run is refused.
   */
  resume?: boolean;
  /** Replace a different run already in `out` (default false). */
  overwrite?: boolean;
  /** Called after each page is written. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the run: writers are aborted, nothing that looks complete is left. */
  signal?: AbortSignal;
}

/** What a finished run reports (also kept in run.json). */
export interface GenerateResult {
  /** The run folder (absolute). */
  out: string;
  pages: number;
  /** Boxes written (per page, in the label profile). */
  boxes: number;
  perCategory: Record<string, number>;
  seconds: number;
  pagesPerSecond: number;
  /** Mean milliseconds per page per pipeline stage (layout, content, draw, read, boxes, effects, encode). */
  meanStageMs: Record<string, number>;
  /** What each writer made. */
  writers: Record<string, WriterSummary>;
  /** `resume` found the run complete and left it as it was. */
  alreadyComplete?: boolean;
}

type Optional = 'onProgress' | 'signal' | 'valFraction' | 'shardSize' | 'shard';
type Resolved = Required<Omit<GenerateOptions, Optional>> & Pick<GenerateOptions, Optional>;

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Options with defaults, checked at the door: each bad field named with what was expected. */
export function resolveOptions(o: GenerateOptions): Resolved {
  if (o === null || typeof o !== 'object') throw invalidParameter('options', 'an object', o);
  const r: Resolved = {
    pages: o.pages,
    out: o.out ?? 'output/run',
    seed: o.seed ?? 0,
    template: o.template ?? 'default',
    set: o.set ?? [],
    workers: o.workers ?? defaultWorkers(),
    format: o.format ?? 'png',
    dpi: o.dpi ?? 150,
    pngLevel: o.pngLevel ?? 1,
    jpegQuality: o.jpegQuality ?? 90,
    labels: o.labels ?? 'doclaynet',
    parts: o.parts ?? [],
    output: o.output ?? ['coco'],
    pdf: o.pdf ?? false,
    resume: o.resume ?? false,
    overwrite: o.overwrite ?? false,
    ...(o.valFraction !== undefined ? { valFraction: o.valFraction } : {}),
    ...(o.shardSize !== undefined ? { shardSize: o.shardSize } : {}),
    ...(o.shard !== undefined ? { shard: o.shard } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  };
  if (!isInt(r.pages, 1, 10_000_000)) throw invalidParameter('pages', 'an integer from 1 to 10000000', r.pages);
  if (typeof r.out !== 'string' || !r.out) throw invalidParameter('out', 'a folder path', r.out);
  if (!isInt(r.seed, 0)) throw invalidParameter('seed', 'a non-negative integer', r.seed);
  if (typeof r.template !== 'string' || !r.template) throw invalidParameter('template', 'a bundled network name or a .json/.yaml/.yml file', r.template);
  if (!Array.isArray(r.set) || r.set.some((s) => typeof s !== 'string')) throw invalidParameter('set', 'a list of node=value strings', r.set);
  if (!isInt(r.workers, 1, 256)) throw invalidParameter('workers', 'an integer from 1 to 256', r.workers);
  if (r.format !== 'png' && r.format !== 'jpeg') throw invalidParameter('format', "'png' or 'jpeg'", r.format);
  if (!isInt(r.dpi, 36, 600)) throw invalidParameter('dpi', 'an integer from 36 to 600', r.dpi);
  if (!isInt(r.pngLevel, 0, 9)) throw invalidParameter('pngLevel', 'an integer from 0 to 9', r.pngLevel);
  if (!isInt(r.jpegQuality, 1, 100)) throw invalidParameter('jpegQuality', 'an integer from 1 to 100', r.jpegQuality);
  if (typeof r.labels !== 'string' || !r.labels) throw invalidParameter('labels', 'a label profile name or mapping file', r.labels);
  if (!Array.isArray(r.parts) || r.parts.some((p) => !(p in PART_CLASSES))) throw invalidParameter('parts', `a list of ${Object.keys(PART_CLASSES).join(', ')}`, r.parts);
  if (!Array.isArray(r.output) || r.output.length === 0) throw invalidParameter('output', `a non-empty list of writers (${WRITERS.map((w) => w.name).join(', ')})`, r.output);
  if (r.valFraction !== undefined && !(typeof r.valFraction === 'number' && r.valFraction >= 0 && r.valFraction <= 1)) throw invalidParameter('valFraction', 'a number from 0 to 1', r.valFraction);
  if (r.shardSize !== undefined && !isInt(r.shardSize, 1, 10_000_000)) throw invalidParameter('shardSize', 'a positive integer', r.shardSize);
  if (r.shard !== undefined) {
    const { index, count } = r.shard ?? ({} as { index?: unknown; count?: unknown });
    if (!isInt(count, 1, r.pages)) throw invalidParameter('shard.count', `an integer from 1 to the page count (${r.pages})`, count);
    if (!isInt(index, 0, (count as number) - 1)) throw invalidParameter('shard.index', `an integer from 0 to ${(count as number) - 1}`, index);
  }
  return r;
}


/** A label profile with the asked-for parts added as classes of their own (after the profile's classes). */
export function withParts(profile: LabelProfile, parts: readonly PartName[]): LabelProfile {
  if (!parts.length) return profile;
  const added = parts.map((p) => PART_CLASSES[p]);
  return {
    ...profile,
    name: `${profile.name}+${parts.join('+')}`,
    classes: [...profile.classes, ...added.map(([cls]) => cls).filter((c) => !profile.classes.includes(c))],
    map: { ...profile.map, ...Object.fromEntries(added.map(([cls, kind]) => [kind, cls])) },
  };
}

/** The options that decide a run's bytes (workers and progress do not). */
function identity(o: Resolved, networkHash: string, writers: readonly WriterDefinition[], writerOptions: WriterOptions) {
  return {
    pages: o.pages,
    seed: o.seed,
    template: o.template,
    network_sha256: networkHash,
    set: o.set,
    format: o.format,
    dpi: o.dpi,
    png_level: o.pngLevel,
    jpeg_quality: o.jpegQuality,
    labels: o.labels,
    parts: o.parts,
    output: writers.map((w) => w.name),
    pdf: o.pdf,
    ...writerOptions,
    ...(o.shard ? { shard: { index: o.shard.index, count: o.shard.count } } : {}),
  };
}

function packageVersions(): Record<string, string> {
  const version = (name: string) => {
    try {
      const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
      return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const self = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { pagesynth: self.version, node: process.versions.node, sharp: version('sharp'), '@napi-rs/canvas': version('@napi-rs/canvas'), piscina: version('piscina'), '@faker-js/faker': version('@faker-js/faker'), pdfkit: version('pdfkit') };
}

/** Names in a run folder that belong to the run itself (not to a writer). */
const RUN_OWNED = [SPECS_FILE, RUN_FILE, CHECKPOINT_FILE];

/**
 * Creates `dir` and its missing parents one level at a time (Node's recursive mkdir loops for ever under /proc), so a
 * path the run cannot create fails at once, naming the level that failed.
 */
async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    try {
      const st = await stat(at);
      if (!st.isDirectory()) throw new OutputError(`output directory ${dir} cannot be created or written: ${at} is a file`);
      break;
    } catch (err) {
      if (err instanceof OutputError) throw err;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(`output directory ${dir} cannot be created or written: ${(err as Error).message}`);
      missing.push(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new OutputError(`output directory ${dir} cannot be created or written: ${(err as Error).message}`);
    }
  }
  try {
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new OutputError(`output directory ${dir} cannot be created or written: ${(err as Error).message}`);
  }
}

/** What a run folder holds already. */
type Found = { kind: 'empty' } | { kind: 'foreign' } | { kind: 'other-run' } | { kind: 'same'; status: string; record: Record<string, unknown> };

async function inspectOutput(out: string, id: unknown): Promise<Found> {
  const entries = (await readdir(out)).filter((e) => !e.endsWith('.partial') && !e.startsWith('.lock'));
  if (entries.length === 0) return { kind: 'empty' };
  if (!entries.includes(RUN_FILE)) return { kind: 'foreign' };
  try {
    const prev = JSON.parse(await readFile(join(out, RUN_FILE), 'utf8')) as { identity?: unknown; status?: string };
    if (JSON.stringify(prev.identity) !== JSON.stringify(id)) return { kind: 'other-run' };
    return { kind: 'same', status: prev.status ?? 'unknown', record: prev as Record<string, unknown> };
  } catch {
    return { kind: 'other-run' };
  }
}

/** Empties what a fresh run will write (every writer's names, the run's files, partials) and checks `out` takes files. */
async function clearOutput(out: string): Promise<void> {
  // Everything any writer may own goes, so a run that changed its writers leaves no stale format behind.
  await Promise.all([...WRITERS.map((w) => clearOwned(out, w)), ...RUN_OWNED.map((f) => rm(join(out, f), { force: true }))]);
  for (const e of await readdir(out)) if (e.endsWith('.partial')) await rm(join(out, e), { recursive: true, force: true });
  // Probe: a folder can be listed yet refuse new files.
  try {
    await writeFile(join(out, '.write-test.partial'), '');
    await rm(join(out, '.write-test.partial'));
  } catch (err) {
    throw new OutputError(`output directory ${out} is not writable: ${(err as Error).message}`);
  }
}

/** The run's checkpoint: where every writer and the run's own files stood after the last page it records. */
interface Checkpoint {
  /** Pages of this process's range written so far. */
  done: number;
  specsBytes: number;
  boxes: number;
  perCategory: Record<string, number>;
  stageMs: Record<string, number>;
  writers: Record<string, WriterState>;
  /** Writers that finished (after the last page), with what they reported: a resumed run does not start them again. */
  finished?: Record<string, WriterSummary>;
}

/** A page's boxes in the run's profile, with their category ids. */
function pageBoxes(profile: LabelProfile, idOf: ReadonlyMap<string, number>, regions: readonly Region[]): PageBox[] {
  return applyProfile(profile, regions).map((r) => ({
    categoryId: idOf.get(r.cls)!,
    category: r.cls,
    box: r.box,
    sources: r.sources,
    ...(r.polygons ? { polygons: r.polygons } : {}),
    ...(r.crowd ? { crowd: true } : {}),
  }));
}

/**
 * Makes a run: `pages` pages sampled from the network, rendered in worker threads, written by every writer in
 * `output` (COCO by default) into `out`, with specs.jsonl (each page's spec) and run.json (options, versions, counts,
 * timings). Same options and seed: the same bytes, whatever the worker count.
 * @throws UsageError for a bad option (named), InputError for a bad network file, OutputError for a folder that
 *   cannot hold the run, InterruptedError for a run stopped through `signal`.
 * @example
 * import { generate } from 'pagesynth';
 * const run = await generate({ pages: 20, out: 'output/demo', seed: 7, output: ['coco', 'yolo'] });
 * console.log(run.boxes, run.writers.yolo.counts);
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const o = resolveOptions(options);
  const out = resolve(o.out);
  const writerOptions: WriterOptions = { ...(o.valFraction !== undefined ? { valFraction: o.valFraction } : {}), ...(o.shardSize !== undefined ? { shardSize: o.shardSize } : {}) };
  const definitions = resolveWriters(o.output, writerOptions, o.pdf);
  const loaded = await loadNetwork(o.template);
  checkKinds(loaded.def, defaultKinds, loaded.source);
  const def = withKindDefaults(loaded.def, defaultKinds);
  const network = compileNetwork(def);
  // `template: 'invoice'`: the default network with its genre fixed (an explicit set template=... wins).
  const sets = loaded.genre && !o.set.some((x) => x.startsWith('template=')) ? [`template=${loaded.genre}`, ...o.set] : o.set;
  const interventions = parseInterventions(sets, network);
  const profile = withParts(loadProfile(o.labels), o.parts);
  registerFonts(); // a missing font stops the run here, before any file is written
  const networkHash = createHash('sha256').update(JSON.stringify(loaded.def)).digest('hex');
  const id = identity(o, networkHash, definitions, writerOptions);
  await makeFolder(out);
  const release = await lockRun(out, `generate ${o.pages} pages into ${out}`);
  try {
    return await runLocked();
  } finally {
    await release();
  }

  async function runLocked(): Promise<GenerateResult> {
  const found = await inspectOutput(out, id);
  let checkpoint: Checkpoint | undefined;
  if (found.kind === 'same' && found.status === 'complete' && !o.overwrite) {
    if (!o.resume) throw new OutputError(`${out} already holds this run, complete; --resume leaves it as it is, --overwrite makes it again`);
    const rec = found.record as { counts?: { images?: number; annotations?: number; per_category?: Record<string, number> }; writers?: Record<string, WriterSummary>; timings?: { seconds?: number; pages_per_second?: number; mean_ms_per_page_per_stage?: Record<string, number> } };
    return { out, pages: rec.counts?.images ?? 0, boxes: rec.counts?.annotations ?? 0, perCategory: rec.counts?.per_category ?? {}, seconds: rec.timings?.seconds ?? 0, pagesPerSecond: rec.timings?.pages_per_second ?? 0, meanStageMs: rec.timings?.mean_ms_per_page_per_stage ?? {}, writers: rec.writers ?? {}, alreadyComplete: true };
  }
  if (found.kind === 'same' && !o.overwrite) {
    if (!o.resume) throw new OutputError(`${out} holds an unfinished run of this command (status ${found.status}); add --resume to finish it, or --overwrite to start again`);
    try {
      checkpoint = JSON.parse(await readFile(join(out, CHECKPOINT_FILE), 'utf8')) as Checkpoint;
    } catch {
      checkpoint = undefined; // killed before its first checkpoint: start again
    }
  } else if ((found.kind === 'foreign' || found.kind === 'other-run') && !o.overwrite) {
    throw new OutputError(`output directory ${out} already holds ${found.kind === 'other-run' ? 'a different run' : 'other files'}; use --overwrite to replace it or choose another --out`);
  }
  if (!checkpoint) await clearOutput(out);

  const range = shardRange(o.pages, o.shard);
  const count = range.end - range.start;
  const versions = packageVersions();
  const started = new Date();
  const categories = categoriesOf(profile.classes);
  const idOf = new Map(categories.map((c) => [c.name, c.id]));
  const valFraction = o.valFraction ?? 0.1;
  const runRecord = (status: string, extra: Record<string, unknown> = {}) => ({
    tool: 'pagesynth',
    status,
    identity: id,
    options: { ...o, out, onProgress: undefined, signal: undefined },
    network: { name: loaded.def.name ?? o.template, source: loaded.source, sha256: networkHash },
    versions,
    started: started.toISOString(),
    ...extra,
  });
  // A run.json that says "running" marks the folder as ours and as unfinished until the end.
  await writeFileAtomic(join(out, RUN_FILE), JSON.stringify(runRecord('running', checkpoint ? { resumed_at_page: range.start + checkpoint.done } : {}), null, 2));

  const ctx: WriterContext = {
    out,
    categories,
    profile,
    pages: count,
    totalPages: o.pages,
    ...(o.shard ? { shard: o.shard } : {}),
    seed: o.seed,
    dpi: o.dpi,
    options: { valFraction, ...(o.shardSize !== undefined ? { shardSize: o.shardSize } : {}) },
    description: `pagesynth ${o.pages} pages, template ${o.template}, seed ${o.seed}`,
    version: versions.pagesynth!,
  };
  const writers: Array<[WriterDefinition, Writer]> = definitions.map((d) => [d, d.create(ctx)]);
  const specsPath = join(out, SPECS_FILE);
  const setup: WorkerSetup = {
    network: def,
    interventions,
    render: { format: o.format, dpi: o.dpi, pngLevel: o.pngLevel, jpegQuality: o.jpegQuality, ...(o.pdf ? { pdf: true } : {}) },
  };
  const first = range.start + (checkpoint?.done ?? 0);
  const todo = range.end - first;
  const pool = createPagePool({ workers: Math.max(1, Math.min(o.workers, Math.max(1, todo))), setup });
  const perCategory: Record<string, number> = { ...(checkpoint?.perCategory ?? {}) };
  const stageMs: Record<string, number> = { ...(checkpoint?.stageMs ?? {}) };
  const ext = imageExtension(o.format);
  let done = checkpoint?.done ?? 0;
  let boxes = checkpoint?.boxes ?? 0;
  const t0 = performance.now();
  const onAbort = () => void pool.destroy();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const summaries: Record<string, WriterSummary> = {};
  let specs: TextStream | undefined;
  let lastCheckpoint = performance.now();
  const finished: Record<string, WriterSummary> = { ...(checkpoint?.finished ?? {}) };
  const live = writers.filter(([d]) => !finished[d.name]);
  const saveCheckpoint = async () => {
    const states: Record<string, WriterState> = {};
    for (const [d, w] of live) if (!finished[d.name]) states[d.name] = await w.checkpoint();
    const cp: Checkpoint = { done, specsBytes: await specs!.flush(), boxes, perCategory, stageMs, writers: states, finished };
    await writeFileAtomic(join(out, CHECKPOINT_FILE), JSON.stringify(cp));
    lastCheckpoint = performance.now();
  };
  try {
    if (o.signal?.aborted) throw new InterruptedError('stopped before the first page');
    // Killed after specs.jsonl was renamed but before the run ended: take it back.
    if (checkpoint && !existsSync(`${specsPath}.partial`) && existsSync(specsPath)) await rename(specsPath, `${specsPath}.partial`);
    specs = new TextStream(`${specsPath}.partial`, checkpoint?.specsBytes);
    for (const [d, w] of live) await w.start(checkpoint?.writers[d.name]);
    if (!checkpoint) await saveCheckpoint();
    await runPages(pool, { seed: o.seed, start: first, count: todo, inFlight: o.workers * 4 }, async (rendered: PageResult) => {
      // The page's label conventions (spec nodes label_*: merged paragraphs, padded boxes...), then the profile's boxes.
      const page = withConventions(rendered, profile);
      const key = String(page.index + 1).padStart(6, '0');
      const pageBoxList = pageBoxes(profile, idOf, page.regions);
      const wp: WriterPage = {
        index: page.index,
        imageId: page.index + 1,
        key,
        fileName: `${key}.${ext}`,
        ext,
        image: page.image,
        width: page.width,
        height: page.height,
        split: splitOf(o.seed, page.index, valFraction),
        boxes: pageBoxList,
        regions: page.regions,
        spec: page.spec,
        ...(page.pdf ? { pdf: { bytes: page.pdf.bytes, regions: page.pdf.regions, boxes: pageBoxes(profile, idOf, page.pdf.regions), width: page.pdf.width, height: page.pdf.height } } : {}),
      };
      for (const [, w] of live) await w.page(wp);
      await specs!.write(`${JSON.stringify({ image_id: wp.imageId, file_name: wp.fileName, ...page.spec })}\n`);
      for (const b of pageBoxList) perCategory[b.category] = (perCategory[b.category] ?? 0) + 1;
      boxes += pageBoxList.length;
      for (const [k, v] of Object.entries(page.timings)) stageMs[k] = (stageMs[k] ?? 0) + v;
      done++;
      // A checkpoint every second (and after the last page): a killed run loses at most that much work.
      if (performance.now() - lastCheckpoint >= CHECKPOINT_MS || done === count) await saveCheckpoint();
      o.onProgress?.(done, count);
    });
    if (done < count) throw new Error(`pages stopped at ${done} of ${count}`);
    for (const [d, w] of live) {
      finished[d.name] = await w.finish();
      await saveCheckpoint();
    }
    for (const [d] of writers) summaries[d.name] = finished[d.name]!;
    await specs.close();
    await rename(`${specsPath}.partial`, specsPath);
    await rm(join(out, CHECKPOINT_FILE), { force: true });
  } catch (err) {
    // The partial files and the last checkpoint stay: `--resume` goes on from there. Streams are closed.
    specs?.destroy();
    for (const [d, w] of live) if (!finished[d.name]) await w.suspend?.().catch(() => undefined);
    await pool.destroy();
    if (o.signal?.aborted) {
      await writeFileAtomic(join(out, RUN_FILE), JSON.stringify(runRecord('interrupted', { pages_done: done }), null, 2)).catch(() => undefined);
      throw new InterruptedError(`interrupted after ${done} pages; run the same command with --resume to finish it (${out} holds no finished label files yet)`);
    }
    await writeFileAtomic(join(out, RUN_FILE), JSON.stringify(runRecord('failed', { pages_done: done, error: (err as Error).message }), null, 2)).catch(() => undefined);
    throw err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  await pool.destroy();
  const seconds = (performance.now() - t0) / 1000;
  const meanStageMs = Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, +(v / Math.max(1, done)).toFixed(3)]));
  const result: GenerateResult = { out, pages: done, boxes, perCategory, seconds: +seconds.toFixed(3), pagesPerSecond: +(todo / seconds).toFixed(2), meanStageMs, writers: summaries };
  await writeFileAtomic(
    join(out, RUN_FILE),
    JSON.stringify(
      runRecord('complete', {
        finished: new Date().toISOString(),
        counts: { images: done, annotations: boxes, per_category: perCategory },
        writers: summaries,
        timings: { seconds: result.seconds, pages_per_second: result.pagesPerSecond, mean_ms_per_page_per_stage: meanStageMs },
      }),
      null,
      2,
    ),
  );
  return result;
  }
}
