/**
 * `pagesynth generate`: the main job. Checks everything at the door (options, network, fonts, output folder),
 * then streams pages from the worker pool into images/, annotations.json, specs.jsonl and run.json.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { access, constants, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { annotationIds, applyProfile, CocoStreamWriter, type BoxExtras, categoriesOf, LabelsWriter, loadProfile, writeFileAtomic } from '../annotate/index.js';
import { OutputError } from '../errors.js';
import { compileNetwork, loadNetwork, parseInterventions } from '../network/index.js';
import { checkKinds, defaultKinds, withKindDefaults } from '../kinds/index.js';
import type { PageResult, WorkerSetup } from '../pipeline/index.js';
import { createPagePool, runPages } from '../pool/index.js';
import { imageExtension, registerFonts, type ImageFormat } from '../render/index.js';
import type { XYXY } from '../types.js';
import { createProgress } from './progress.js';

export interface GenerateOptions {
  pages: number;
  out: string;
  seed: number;
  template: string;
  set: string[];
  workers: number;
  format: ImageFormat;
  dpi: number;
  pngLevel: number;
  jpegQuality: number;
  overwrite: boolean;
  progress: boolean;
  /** Label profile name or mapping file (default doclaynet). */
  labels: string;
}

/** Files a run owns in its folder; `--overwrite` removes exactly these. */
const RUN_FILES = ['images', 'annotations.json', 'labels.jsonl', 'specs.jsonl', 'run.json'];

/** The options that decide a run's bytes (workers and progress do not). */
function identity(o: GenerateOptions, networkHash: string) {
  return { pages: o.pages, seed: o.seed, template: o.template, network_sha256: networkHash, set: o.set, format: o.format, dpi: o.dpi, png_level: o.pngLevel, jpeg_quality: o.jpegQuality, labels: o.labels };
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
  return { pagesynth: self.version, node: process.versions.node, sharp: version('sharp'), '@napi-rs/canvas': version('@napi-rs/canvas'), piscina: version('piscina'), '@faker-js/faker': version('@faker-js/faker') };
}

/** Makes sure `out` can hold this run: creates it, checks it is writable, refuses a different run. */
async function prepareOutput(out: string, id: ReturnType<typeof identity>, overwrite: boolean): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
    await access(out, constants.W_OK);
  } catch (err) {
    throw new OutputError(`output directory ${out} cannot be created or written: ${(err as Error).message}`);
  }
  const entries = (await readdir(out)).filter((e) => !e.endsWith('.partial'));
  if (entries.length > 0) {
    let same = false;
    if (existsSync(join(out, 'run.json'))) {
      try {
        const prev = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as { identity?: unknown };
        same = JSON.stringify(prev.identity) === JSON.stringify(id);
      } catch {
        same = false;
      }
    }
    if (!same && !overwrite) {
      throw new OutputError(`output directory ${out} already holds ${existsSync(join(out, 'run.json')) ? 'a different run' : 'other files'}; use --overwrite to replace it or choose another --out`);
    }
  }
  await Promise.all(RUN_FILES.map((f) => rm(join(out, f), { recursive: true, force: true })));
  for (const e of await readdir(out)) if (e.endsWith('.partial')) await rm(join(out, e), { force: true });
  await mkdir(join(out, 'images'), { recursive: true });
  // Probe: a folder can be listed yet refuse new files.
  try {
    await writeFile(join(out, '.write-test.partial'), '');
    await rm(join(out, '.write-test.partial'));
  } catch (err) {
    throw new OutputError(`output directory ${out} is not writable: ${(err as Error).message}`);
  }
}

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

export async function generateCommand(opts: GenerateOptions): Promise<void> {
  const out = resolve(opts.out);
  const loaded = await loadNetwork(opts.template);
  checkKinds(loaded.def, defaultKinds, loaded.source);
  const def = withKindDefaults(loaded.def, defaultKinds);
  const network = compileNetwork(def);
  // `--template invoice`: the default network with its genre fixed (an explicit --set template=... wins).
  const sets = loaded.genre && !opts.set.some((x) => x.startsWith('template=')) ? [`template=${loaded.genre}`, ...opts.set] : opts.set;
  const interventions = parseInterventions(sets, network);
  const profile = loadProfile(opts.labels);
  registerFonts(); // a missing font stops the run here, before any file is written
  const networkHash = createHash('sha256').update(JSON.stringify(loaded.def)).digest('hex');
  const id = identity(opts, networkHash);
  await prepareOutput(out, id, opts.overwrite);

  const started = new Date();
  const categories = categoriesOf(profile.classes);
  const idOf = new Map(categories.map((c) => [c.name, c.id]));
  const toBoxes = (page: PageResult): Array<[number, XYXY, BoxExtras]> =>
    applyProfile(profile, page.regions).map((r) => [idOf.get(r.cls)!, r.box, { ...(r.polygons ? { polygons: r.polygons } : {}), ...(r.crowd ? { crowd: true } : {}) }]);
  const runRecord = (status: string, extra: Record<string, unknown> = {}) => ({
    tool: 'pagesynth',
    status,
    identity: id,
    options: { ...opts, out },
    network: { name: loaded.def.name ?? opts.template, source: loaded.source, sha256: networkHash },
    versions: packageVersions(),
    started: started.toISOString(),
    ...extra,
  });
  // A run.json that says "running" marks the folder as ours and as unfinished until the end.
  await writeFileAtomic(join(out, 'run.json'), JSON.stringify(runRecord('running'), null, 2));

  const writer = new CocoStreamWriter(join(out, 'annotations.json'), categories, {
    description: `pagesynth ${opts.pages} pages, template ${opts.template}, seed ${opts.seed}`,
    version: packageVersions().pagesynth,
    url: '',
    contributor: 'pagesynth',
  });
  // Every granularity (lines, words, cells, reading order) beside the COCO file, with its annotation ids.
  const labels = new LabelsWriter(join(out, 'labels.jsonl'));
  await labels.start();
  const specsPath = join(out, 'specs.jsonl');
  const specs = createWriteStream(`${specsPath}.partial`);
  const setup: WorkerSetup = {
    network: def,
    interventions,
    render: { format: opts.format, dpi: opts.dpi, pngLevel: opts.pngLevel, jpegQuality: opts.jpegQuality },
  };
  const pool = createPagePool({ workers: opts.workers, setup });
  const progress = createProgress(opts.pages, opts.progress);
  const perCategory: Record<string, number> = {};
  const stageMs: Record<string, number> = {};
  const ext = imageExtension(opts.format);
  const t0 = performance.now();
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    void pool.destroy();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runPages(pool, { seed: opts.seed, count: opts.pages, inFlight: opts.workers * 4 }, async (page: PageResult) => {
      const fileName = `${String(page.index + 1).padStart(6, '0')}.${ext}`;
      const imageId = page.index + 1;
      const boxes = toBoxes(page);
      await writeFile(join(out, 'images', fileName), page.image);
      const firstId = writer.annotationCount + 1;
      await writer.addImage({ id: imageId, file_name: fileName, width: page.width, height: page.height }, boxes);
      await labels.page({ id: imageId, file_name: fileName, width: page.width, height: page.height }, page.regions, annotationIds(profile, page.regions, firstId, boxes.length));
      await writeLine(specs, `${JSON.stringify({ image_id: imageId, file_name: fileName, ...page.spec })}\n`);
      for (const [cat] of boxes) perCategory[profile.classes[cat - 1]!] = (perCategory[profile.classes[cat - 1]!] ?? 0) + 1;
      for (const [k, v] of Object.entries(page.timings)) stageMs[k] = (stageMs[k] ?? 0) + v;
      progress.tick();
    });
    await new Promise<void>((res, rej) => specs.end((err?: Error | null) => (err ? rej(err) : res())));
    await writer.finish();
    await labels.finish();
    await rename(`${specsPath}.partial`, specsPath);
  } catch (err) {
    progress.stop();
    specs.on('error', () => undefined); // pending writes of pages in flight fail after destroy: expected
    specs.destroy();
    await writer.abort();
    await labels.abort();
    await rm(`${specsPath}.partial`, { force: true });
    await pool.destroy();
    if (interrupted) throw new OutputError(`interrupted after ${progress.done} pages; ${out} holds no annotations.json`);
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await pool.destroy();
  progress.stop();
  const seconds = (performance.now() - t0) / 1000;
  const mean = Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, +(v / Math.max(1, opts.pages)).toFixed(3)]));
  await writeFileAtomic(
    join(out, 'run.json'),
    JSON.stringify(
      runRecord('complete', {
        finished: new Date().toISOString(),
        counts: { images: writer.imageCount, annotations: writer.annotationCount, per_category: perCategory },
        timings: { seconds: +seconds.toFixed(3), pages_per_second: +(opts.pages / seconds).toFixed(2), mean_ms_per_page_per_stage: mean },
      }),
      null,
      2,
    ),
  );
  process.stdout.write(`pagesynth: ${writer.imageCount} pages, ${writer.annotationCount} boxes in ${seconds.toFixed(1)} s (${(opts.pages / seconds).toFixed(1)} pages/s) -> ${out}\n`);
}
