/**
 * `pagesynth train-detector`, `detect` and `experiment`: the CPU layout detector and the real-versus-synthetic
 * experiment.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { loadProfile, writeFileAtomic, type LabelProfile } from '../annotate/index.js';
import { categoriesForClasses, classList, profileWithClasses } from '../annotate/profiles.js';
import { InputError, UsageError } from '../errors.js';
import { experimentChart } from '../evaluate/chart.js';
import { loadLabelledSet, type LabelledPage } from '../evaluate/dataset.js';
import { detect, loadModel, saveModel, trainDetector } from '../evaluate/detector/index.js';
import { experimentMarkdown, runExperiment } from '../evaluate/experiment.js';
import { cocoFileOf, findCocoFile } from '../run/folder.js';
import { createProgress, type Progress } from './progress.js';


/** One progress bar per phase, re-created when the phase changes. */
function phasedProgress(enabled: boolean): { update: (phase: string, done: number, total: number) => void; stop: () => void } {
  let bar: Progress | undefined;
  let current = '';
  return {
    update(phase, done, total) {
      if (phase !== current) {
        bar?.stop();
        current = phase;
        bar = createProgress(total, enabled, phase);
        if (!enabled || !process.stderr.isTTY) process.stderr.write(`pagesynth: ${phase}\n`);
      }
      bar?.tick();
      if (done >= total) bar?.stop();
    },
    stop: () => bar?.stop(),
  };
}

export async function trainDetectorCommand(opts: { train: string; out: string; labels?: string; seed: number; imageRoot?: string; progress: boolean }): Promise<void> {
  const coco = cocoFileOf(opts.train);
  const set = await loadLabelledSet(coco, { ...(opts.labels ? { profile: opts.labels } : {}), ...(opts.imageRoot ? { imageRoot: opts.imageRoot } : {}) });
  const progress = phasedProgress(opts.progress);
  const t0 = performance.now();
  const model = await trainDetector({ images: set.pages, classes: set.classes, seed: opts.seed, onProgress: (d, t, phase) => progress.update(`train: ${phase}`, d, t) });
  progress.stop();
  await saveModel(model, opts.out);
  const bytes = statSync(join(opts.out, 'model.json')).size;
  process.stdout.write(`pagesynth: trained on ${set.pages.length} pages (${set.classes.join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${join(opts.out, 'model.json')} (${(bytes / 1024).toFixed(0)} KiB)\n`);
}

/** Pages to run a detector on: a COCO file's images (ids kept), or every image file in a folder (ids 1..n by name). */
async function pagesToDetect(images: string, imageRoot?: string): Promise<{ pages: LabelledPage[]; coco?: { file: string; categories: Array<{ id: number; name: string }> } }> {
  const coco = findCocoFile(images);
  if (coco) {
    const root = imageRoot ?? (existsSync(images) && statSync(images).isDirectory() && basename(images) === 'images' ? images : undefined);
    const set = await loadLabelledSet(coco, root ? { imageRoot: root } : {});
    return { pages: set.pages, coco: { file: coco, categories: set.categories } };
  }
  let names: string[];
  try {
    names = (await readdir(images)).filter((f) => /\.(png|jpe?g|tiff?|webp)$/i.test(f)).sort();
  } catch (err) {
    throw new InputError(`cannot read the image folder: ${(err as Error).message}`, images);
  }
  if (!names.length) throw new InputError('no images (.png, .jpg, .tif, .webp) in this folder', images);
  const pages: LabelledPage[] = [];
  for (const [k, name] of names.entries()) {
    const path = join(images, name);
    const meta = await sharp(path).metadata();
    pages.push({ id: k + 1, path, width: meta.width ?? 0, height: meta.height ?? 0, doc: name, boxes: [] });
  }
  return { pages };
}

/**
 * The label profile a model's classes are in: `labels` when given (it must have the model's classes), else the
 * bundled profile with exactly the model's classes, else the classes alone (names matched as they are).
 */
function modelProfile(classes: readonly string[], labels: string | undefined): LabelProfile {
  if (labels) {
    const p = loadProfile(labels);
    if ([...p.classes].sort().join('\n') !== [...classes].sort().join('\n')) {
      throw new UsageError(`--labels ${labels}: the model's classes (${classList(classes)}) are not the profile's (${classList(p.classes)})`);
    }
    return p;
  }
  return profileWithClasses(classes) ?? { name: 'model', classes: [...classes], map: {}, merge: [] };
}

/**
 * Category id of each model class in a COCO file's own categories, through the model's label profile (a
 * publaynet model's `text` is DocLayNet's `Text`). No class matching any category is an InputError naming both.
 */
export function categoryIdsForModel(modelClasses: readonly string[], coco: { file: string; categories: ReadonlyArray<{ id: number; name: string }> }, labels?: string): { idOf: Map<string, number>; unmatched: string[] } {
  const profile = modelProfile(modelClasses, labels);
  const found = categoriesForClasses(profile, coco.categories);
  const idOf = new Map([...found].map(([cls, c]) => [cls, c.id]));
  if (!idOf.size) {
    throw new InputError([
      {
        file: coco.file,
        path: 'categories',
        message: `no class of the model matches a category of this file${profile.name !== 'model' ? ` through label profile ${profile.name}` : ''}: model classes ${classList(modelClasses)}; categories ${classList(coco.categories.map((c) => c.name))}`,
      },
    ]);
  }
  return { idOf, unmatched: modelClasses.filter((c) => !idOf.has(c)) };
}

export async function detectCommand(opts: { model: string; images: string; out: string; labels?: string; imageRoot?: string; progress: boolean }): Promise<void> {
  const model = await loadModel(opts.model);
  const { pages, coco } = await pagesToDetect(opts.images, opts.imageRoot);
  // With a COCO file, results use its category ids (through the model's label profile); without, ids are ours.
  let idOf: Map<string, number>;
  if (coco) {
    const r = categoryIdsForModel(model.classes, coco, opts.labels);
    idOf = r.idOf;
    if (r.unmatched.length) process.stderr.write(`pagesynth: warning: no category of ${coco.file} for model class(es) ${classList(r.unmatched)}: their detections are not written\n`);
  } else idOf = new Map(model.classes.map((c: string, i: number) => [c, i + 1]));
  const progress = createProgress(pages.length, opts.progress, 'pages');
  const out: Array<{ image_id: number; category_id: number; bbox: number[]; score: number }> = [];
  for (const page of pages) {
    for (const d of await detect(model, page)) {
      const id = idOf.get(d.cls);
      if (id !== undefined) out.push({ image_id: page.id, category_id: id, bbox: d.bbox.map((v) => +v.toFixed(2)), score: +d.score.toFixed(5) });
    }
    progress.tick();
  }
  progress.stop();
  await mkdir(dirname(resolve(opts.out)), { recursive: true });
  await writeFileAtomic(opts.out, JSON.stringify(out));
  if (!coco) {
    // Without a COCO file the ids are ours: write the images and categories they refer to beside the results.
    await writeFile(`${opts.out.replace(/\.json$/, '')}.images.json`, JSON.stringify({ images: pages.map((p) => ({ id: p.id, file_name: basename(p.path), width: p.width, height: p.height })), categories: [...idOf].map(([name, id]) => ({ id, name })) }, null, 1));
  }
  process.stdout.write(`pagesynth: ${out.length} detections on ${pages.length} pages -> ${opts.out}\n`);
}

export async function experimentCommand(opts: { real: string | string[]; synthetic: string; labels: string; mix: string; seed: number; out: string; trainFraction: number; repeats?: number; imageRoot?: string; progress: boolean }): Promise<void> {
  const mix = opts.mix.split(',').map((s) => Number(s.trim()));
  if (mix.some((m) => !Number.isFinite(m) || m < 0 || m > 1)) throw new InputError(`--mix: expected comma-separated fractions from 0 to 1, got "${opts.mix}"`);
  const repeats = opts.repeats ?? 1;
  if (!Number.isInteger(repeats) || repeats < 1) throw new UsageError(`--repeats: expected a positive integer, got ${String(repeats)}`);
  const real = typeof opts.real === 'string' ? [opts.real] : opts.real;
  if (!real.length) throw new UsageError('--real: expected at least one real COCO file');
  const progress = phasedProgress(opts.progress);
  const t0 = performance.now();
  const result = await runExperiment({
    real,
    synthetic: opts.synthetic,
    labels: opts.labels,
    mix,
    seed: opts.seed,
    trainFraction: opts.trainFraction,
    repeats,
    ...(opts.imageRoot ? { imageRoot: opts.imageRoot } : {}),
    onProgress: progress.update,
  });
  progress.stop();
  await mkdir(opts.out, { recursive: true });
  const md = experimentMarkdown(result);
  await writeFileAtomic(join(opts.out, 'experiment.md'), md);
  await writeFileAtomic(join(opts.out, 'experiment.json'), `${JSON.stringify({ ...result, seconds: +((performance.now() - t0) / 1000).toFixed(1) }, null, 2)}\n`);
  await writeFileAtomic(join(opts.out, 'experiment-f1.png'), experimentChart(result));
  process.stdout.write(`${md}\nwritten: ${join(opts.out, 'experiment.md')}, experiment.json, experiment-f1.png\n`);
}
