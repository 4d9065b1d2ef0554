/**
 * End-to-end benchmark of the layout detector:
 * 1. generate 1,000 training and 200 test pages with the CLI (different seeds), train, time it, measure the
 *    model size and the F1 per class at IoU 0.5 and score 0.5;
 * 2. train on half of the real DocBank samples (split by source document) and test on the other half, with
 *    DocBank's labels mapped to PubLayNet-style classes.
 * Run: `node dist/evaluate/detector/bench.js` (after `npm run build`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cocoFileOf } from '../../run/folder.js';
import { detectionsOf, groundTruthOf, loadLabelledSet, type LabelledPage } from '../dataset.js';
import { evaluate, type CategoryResult } from '../metrics/index.js';
import { detect } from './detect.js';
import { saveModel, type DetectorModel } from './model.js';
import { trainDetector } from './train.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * DocBank labels mapped to PubLayNet's classes. Running text of every kind (paragraphs, abstract, authors,
 * dates, footnotes, references, captions) is `text`, as PubLayNet labels it; section headings and the title are
 * `title`; `equation` stays a class of its own for training and is left out of the scores (PubLayNet has none).
 */
export const DOCBANK_TO_PUBLAYNET: Record<string, string> = {
  paragraph: 'text',
  abstract: 'text',
  author: 'text',
  date: 'text',
  footer: 'text',
  reference: 'text',
  caption: 'text',
  section: 'title',
  title: 'title',
  list: 'list',
  table: 'table',
  figure: 'figure',
  equation: 'equation',
};

/** Classes scored on the real pages. */
export const PUBLAYNET_CLASSES = ['text', 'title', 'list', 'table', 'figure'];

/**
 * The DocBank samples mapped to PubLayNet classes and split by source document: the first half of the
 * documents (sorted by name) for training, the rest for testing.
 */
export async function docbankSplit(dir: string): Promise<{ classes: string[]; train: LabelledPage[]; test: LabelledPage[] }> {
  const set = await loadLabelledSet(join(dir, 'coco.json'));
  const pages = set.pages.map((p) => ({ ...p, boxes: p.boxes.map((b) => ({ ...b, cls: DOCBANK_TO_PUBLAYNET[b.cls] ?? 'text' })) }));
  const docs = [...new Set(pages.map((p) => p.doc))].sort();
  const trainDocs = new Set(docs.slice(0, Math.floor(docs.length / 2)));
  return {
    classes: [...PUBLAYNET_CLASSES, 'equation'],
    train: pages.filter((p) => trainDocs.has(p.doc)),
    test: pages.filter((p) => !trainDocs.has(p.doc)),
  };
}

/** Runs `pagesynth generate` into `out`. */
async function generate(out: string, pages: number, seed: number): Promise<void> {
  const cli = join(ROOT, 'bin/pagesynth.js');
  await promisify(execFile)(process.execPath, [cli, 'generate', '--pages', String(pages), '--out', out, '--seed', String(seed), '--no-progress', '--overwrite'], { cwd: ROOT, maxBuffer: 1 << 24 });
}

/** Scores of a detector on labelled pages, from the project's COCO evaluator. */
export interface DetectorScores {
  /** F1 (IoU 0.5, score 0.5), AP@[.5:.95] and counts per class. */
  perClass: Record<string, CategoryResult>;
  /** Mean F1 over the classes present on at least 5 % of the pages. */
  macroF1: number;
  macroClasses: string[];
}

/**
 * Detects on every page and scores the detections of `classes` with the COCO evaluator (src/evaluate/metrics).
 * @example const s = await scoreDetector(model, testPages, model.classes); s.macroF1
 */
export async function scoreDetector(model: DetectorModel, pages: readonly LabelledPage[], classes: readonly string[]): Promise<DetectorScores> {
  const results = [];
  for (const page of pages) results.push({ page, dets: await detect(model, page) });
  const r = evaluate(groundTruthOf(pages, classes), detectionsOf(results, classes), { iouThreshold: 0.5, scoreThreshold: 0.5 });
  const present = (c: string) => pages.filter((p) => p.boxes.some((b) => b.cls === c)).length;
  const macroClasses = classes.filter((c) => present(c) > 0 && present(c) >= 0.05 * pages.length);
  const macroF1 = macroClasses.reduce((a, c) => a + (r.per_category[c]?.f1 ?? 0), 0) / Math.max(1, macroClasses.length);
  return { perClass: r.per_category, macroF1, macroClasses };
}

/** Options of {@link benchDetector}; the defaults are the benchmark's. */
export interface BenchOptions {
  trainPages: number;
  testPages: number;
  seed: number;
  /** Where the generated pages and the model go (under the project root unless absolute). */
  outDir: string;
  /** The DocBank samples folder. */
  docbankDir: string;
  log: (line: string) => void;
}

const DEFAULTS: BenchOptions = {
  trainPages: 1000,
  testPages: 200,
  seed: 1,
  outDir: 'output',
  docbankDir: resolve(ROOT, '../shared/real/docbank-samples'),
  log: () => {},
};

const round = (v: number) => Number(v.toFixed(4));

/**
 * Both experiments end to end; see the module comment.
 * @example const r = await benchDetector(); r.syntheticMacroF1
 */
export async function benchDetector(options: Partial<BenchOptions> = {}): Promise<{
  trainSeconds: number;
  modelBytes: number;
  syntheticMacroF1: number;
  perClass: Record<string, number>;
  realPerClassF1: Record<string, number>;
}> {
  const o = { ...DEFAULTS, ...options };
  const out = resolve(ROOT, o.outDir);
  const trainDir = join(out, 'bench-det-train');
  const testDir = join(out, 'bench-det-test');
  o.log(`generating ${o.trainPages} training pages (seed ${o.seed}) and ${o.testPages} test pages (seed ${o.seed + 1})`);
  await generate(trainDir, o.trainPages, o.seed);
  await generate(testDir, o.testPages, o.seed + 1);
  const train = await loadLabelledSet(cocoFileOf(trainDir));
  const test = await loadLabelledSet(cocoFileOf(testDir));
  const t0 = performance.now();
  const model = await trainDetector({ images: train.pages, classes: train.classes, seed: o.seed });
  const trainSeconds = (performance.now() - t0) / 1000;
  const modelDir = join(out, 'bench-det-model');
  await saveModel(model, modelDir);
  const modelBytes = (await stat(join(modelDir, 'model.json'))).size;
  o.log(`trained on ${train.pages.length} pages in ${trainSeconds.toFixed(1)} s; model ${(modelBytes / 1024).toFixed(0)} KiB`);
  const synth = await scoreDetector(model, test.pages, test.classes);
  const perClass = Object.fromEntries(Object.entries(synth.perClass).map(([c, v]) => [c, round(v.f1)]));
  o.log(`synthetic macro F1 ${synth.macroF1.toFixed(4)} over ${synth.macroClasses.length} classes; AP@[.5:.95] per class ${JSON.stringify(Object.fromEntries(Object.entries(synth.perClass).map(([c, v]) => [c, round(v.AP)])))}`);
  let realPerClassF1: Record<string, number> = {};
  if (existsSync(join(o.docbankDir, 'coco.json'))) {
    const db = await docbankSplit(o.docbankDir);
    const realModel = await trainDetector({ images: db.train, classes: db.classes, seed: o.seed });
    const real = await scoreDetector(realModel, db.test, PUBLAYNET_CLASSES);
    realPerClassF1 = Object.fromEntries(Object.entries(real.perClass).map(([c, v]) => [c, round(v.f1)]));
    o.log(`DocBank (${db.train.length} train / ${db.test.length} test pages) F1: ${JSON.stringify(realPerClassF1)}`);
  } else o.log(`no DocBank samples at ${o.docbankDir}: real-page experiment skipped`);
  return { trainSeconds: round(trainSeconds), modelBytes, syntheticMacroF1: round(synth.macroF1), perClass, realPerClassF1 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchDetector({ log: (l) => console.log(l) })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
