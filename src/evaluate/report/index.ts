/**
 * `writeReport`: a self-contained HTML report of a run folder — a gallery of pages with their boxes (class
 * toggles, zoom, page navigation), counts per class, genre, language and effects profile, box-size histograms,
 * and optionally the results of `pagesynth compare` and `pagesynth experiment`.
 *
 * The report folder holds `index.html` (CSS, script, data and charts inline; a Content-Security-Policy forbids
 * any network request) and `thumbs/` (JPEG thumbnails). The zoom view shows the run's own image through a
 * path relative to the report folder: full resolution at no extra disk, but the report and the run must stay
 * where they are relative to each other (when the image is missing the viewer falls back to the thumbnail and
 * says so).
 */
import { readdir, readFile, rename, rm, stat, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import sharp from 'sharp';
import { InputError, invalidParameter, OutputError, type Problem } from '../../errors.js';
import { GENERATOR, reportHtml, type EmbeddedPlot, type PageData, type ReportModel } from './html.js';
import { loadCompare, loadExperiment, loadRun, type LoadedRun } from './load.js';
import { runCounts, samplePages, sizeHistograms } from './stats.js';

export { checkCoco, loadCompare, loadExperiment, loadRun, type LoadedRun, type SpecSummary } from './load.js';
export { runCounts, samplePages, sizeHistograms, classColour, type RunCounts, type Histogram, type PageSample } from './stats.js';
export { GENERATOR, reportHtml, type PageData, type ReportModel } from './html.js';

export interface ReportOptions {
  /** Run folder (annotations.json, images/, specs.jsonl, run.json). */
  run: string;
  /** Report folder (default `<run>/report`); replaced if it holds an older report. */
  out?: string;
  /** compare.json from `pagesynth compare --report DIR`; PNG plots beside it are embedded. */
  compare?: string;
  /** experiment.json from `pagesynth experiment`; the PNG chart beside it is embedded. */
  experiment?: string;
  /** Pages in the gallery (default 200): all when the run has no more, else an even sample. */
  maxPages?: number;
  /** Thumbnail width in px (default 400). */
  thumbWidth?: number;
  /** Called after each thumbnail. */
  onProgress?: (done: number, total: number) => void;
}

export interface ReportResult {
  /** The report's index.html. */
  path: string;
  /** Pages in the gallery. */
  pages: number;
  /** Pages in the run. */
  totalPages: number;
}

/** Embedded PNGs larger than this are left out (a note says so). */
const MAX_PLOT_BYTES = 8 * 1024 * 1024;
/** Thumbnails made at once (sharp works on libuv's thread pool). */
const THUMB_CONCURRENCY = 4;

async function kindOf(path: string): Promise<'file' | 'dir' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

/** `to` relative to the folder `from`, as a URL path (segments encoded, '/' separators). */
export function relativeUrl(from: string, to: string): string {
  return relative(from, to).split(sep).map(encodeURIComponent).join('/');
}

const inside = (parent: string, child: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** Checks the report folder can be (re)placed: not the run, not around it, and no foreign folder. */
async function checkOut(outDir: string, runDir: string): Promise<void> {
  if (inside(outDir, runDir)) throw new OutputError(`${outDir}: the report folder must not be the run folder or hold it (it is replaced as a whole); choose another --out`);
  const k = await kindOf(outDir);
  if (k === 'file') throw new OutputError(`${outDir}: is a file; expected a folder for the report`);
  if (k === 'dir') {
    const entries = await readdir(outDir);
    if (entries.length === 0) return;
    const html = await readFile(join(outDir, 'index.html'), 'utf8').catch(() => '');
    if (!html.includes(`<meta name="generator" content="${GENERATOR}">`)) {
      throw new OutputError(`${outDir}: exists and is not a pagesynth report (no index.html written by \`pagesynth report\`); it is not replaced: choose another --out or remove it`);
    }
  }
}

/** The image file of a page: images/<file_name>, else <file_name> under the run folder. */
async function imagePath(runDir: string, fileName: string): Promise<string | undefined> {
  for (const p of [join(runDir, 'images', fileName), join(runDir, fileName)]) if ((await kindOf(p)) === 'file') return p;
  return undefined;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** PNGs beside a JSON result whose names start with `prefix`, as data URIs. */
async function plotsBeside(file: string, prefix: string, notes: string[]): Promise<EmbeddedPlot[]> {
  const dir = dirname(file);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix) && n.toLowerCase().endsWith('.png')).sort();
  const plots: EmbeddedPlot[] = [];
  for (const name of names) {
    const bytes = await readFile(join(dir, name)).catch(() => undefined);
    if (!bytes) continue;
    if (bytes.length > MAX_PLOT_BYTES) {
      notes.push(`${join(dir, name)} is ${(bytes.length / 1048576).toFixed(1)} MB: not embedded.`);
      continue;
    }
    plots.push({ name, dataUri: `data:image/png;base64,${bytes.toString('base64')}` });
  }
  return plots;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function pageData(run: LoadedRun, index: number, thumb: string, full: string): PageData {
  const im = run.images[index]!;
  const spec = run.specs.get(im.id);
  const p: PageData = { id: im.id, file: im.file_name, w: im.width, h: im.height, thumb, full, genre: spec?.genre ?? 'unknown', language: spec?.language ?? 'unknown', boxes: [] };
  if (spec?.profile) p.profile = spec.profile;
  return p;
}

/**
 * Writes the HTML report of a run folder and returns the path of its index.html. The folder is built in
 * `<out>.partial/` and renamed into place, replacing an older report; a folder that is not a report is never
 * replaced.
 *
 * Throws `InputError` (naming the file) for a missing or malformed run folder, annotations.json, page image,
 * compare.json or experiment.json; `UsageError` for bad options; `OutputError` when `out` cannot be used.
 *
 * @example
 * const { path, pages } = await writeReport({ run: 'output/run', maxPages: 100 });
 * // path: output/run/report/index.html, with 100 pages evenly sampled from the run
 * await writeReport({ run: 'output/run', out: 'output/report', compare: 'output/compare/compare.json' });
 */
export async function writeReport(opts: ReportOptions): Promise<ReportResult> {
  if (typeof opts.run !== 'string' || opts.run === '') throw invalidParameter('options.run', 'a run folder', opts.run);
  const maxPages = opts.maxPages ?? 200;
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) throw invalidParameter('options.maxPages', 'a positive integer', opts.maxPages);
  const thumbWidth = opts.thumbWidth ?? 400;
  if (!Number.isSafeInteger(thumbWidth) || thumbWidth < 16 || thumbWidth > 4000) throw invalidParameter('options.thumbWidth', 'an integer from 16 to 4000', opts.thumbWidth);

  // Read and check every input before touching the output.
  const run = await loadRun(opts.run);
  const compare = opts.compare ? await loadCompare(opts.compare) : undefined;
  const experiment = opts.experiment ? await loadExperiment(opts.experiment) : undefined;
  const runDir = resolve(opts.run);
  const outDir = resolve(opts.out ?? join(opts.run, 'report'));
  await checkOut(outDir, runDir);

  const sample = samplePages(run.images.length, maxPages);
  const files = await Promise.all(sample.indices.map((i) => imagePath(runDir, run.images[i]!.file_name)));
  const missing: Problem[] = sample.indices.flatMap((i, k) => (files[k] ? [] : [{ file: join(opts.run, 'images', run.images[i]!.file_name), path: '', message: `not found: expected the image of page id ${run.images[i]!.id} (annotations.json names it)` }]));
  if (missing.length) throw new InputError(missing.length > 12 ? [...missing.slice(0, 12), { path: '', message: `... and ${missing.length - 12} more missing images` }] : missing);

  const partial = `${outDir}.partial`;
  try {
    await rm(partial, { recursive: true, force: true });
    await mkdir(join(partial, 'thumbs'), { recursive: true });
  } catch (err) {
    throw new OutputError(`${partial}: cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    let done = 0;
    const pages = await mapLimit(sample.indices, THUMB_CONCURRENCY, async (index, k) => {
      const im = run.images[index]!;
      const name = `thumbs/${String(im.id).padStart(6, '0')}.jpg`;
      try {
        await sharp(files[k]!).resize({ width: thumbWidth, withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toFile(join(partial, name));
      } catch (err) {
        throw new InputError(`cannot be read as an image (${(err as Error).message.split('\n')[0]})`, files[k]!);
      }
      opts.onProgress?.(++done, sample.indices.length);
      return pageData(run, index, name, relativeUrl(outDir, files[k]!));
    });
    const byId = new Map(pages.map((p) => [p.id, p]));
    for (const a of run.annotations) byId.get(a.image_id)?.boxes.push([a.category_id, round1(a.bbox[0]), round1(a.bbox[1]), round1(a.bbox[2]), round1(a.bbox[3])]);

    const notes = [...run.notes];
    const counts = runCounts(run);
    const model: ReportModel = {
      runName: basename(runDir),
      runPath: opts.run,
      generated: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      record: run.record,
      notes,
      counts,
      histograms: sizeHistograms(run, run.categories),
      sample,
      pages,
    };
    if (compare) model.compare = { file: opts.compare!, report: compare, plots: await plotsBeside(opts.compare!, 'compare-', notes) };
    if (experiment) model.experiment = { file: opts.experiment!, result: experiment, plots: await plotsBeside(opts.experiment!, 'experiment-', notes) };
    await writeFile(join(partial, 'index.html'), reportHtml(model));

    // Swap in: the old report (if any) moves aside, the new one takes its name, the old one goes.
    await mkdir(dirname(outDir), { recursive: true });
    const old = `${outDir}.old-${process.pid}`;
    const hadOld = (await kindOf(outDir)) === 'dir';
    if (hadOld) await rename(outDir, old);
    try {
      await rename(partial, outDir);
    } catch (err) {
      if (hadOld) await rename(old, outDir).catch(() => undefined);
      throw new OutputError(`${outDir}: cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
    return { path: join(outDir, 'index.html'), pages: pages.length, totalPages: run.images.length };
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
