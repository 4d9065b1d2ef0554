/**
 * The headline experiment (after Raman et al. 2022, tables 4-6): does a detector trained on pagesynth pages do
 * as well on real pages as one trained on real pages? Real pages are split by document into train and test;
 * detectors are trained on real-train, on synthetic pages (as many as real-train, and all of them), on both,
 * and on mixes; each is tested on real-test. The real-trained detector is also tested on held-out synthetic
 * pages. Everything is deterministic given the seed.
 */
import { createRng, deriveSeed } from '../random/index.js';
import { cocoFileOf } from '../run/folder.js';
import { detectionsOf, groundTruthOf, loadLabelledSet, splitByDocument, type LabelledPage } from './dataset.js';
import { detect, trainDetector, type DetectorModel } from './detector/index.js';
import { evaluate } from './metrics/index.js';

export interface ExperimentOptions {
  /** Real COCO file (images beside it). */
  real: string;
  /** Synthetic run folder (annotations.json + images/) or COCO file. */
  synthetic: string;
  /** Label profile both sets are compared in. */
  labels: string;
  /** Fractions of synthetic pages in training sets of real-train's size. */
  mix: number[];
  seed: number;
  /** Fraction of real documents used for training (default 0.5). */
  trainFraction?: number;
  /** Synthetic pages held out to test the real-trained detector on (default: a fifth, at most 200). */
  syntheticTest?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface ArmResult {
  name: string;
  /** Pages behind the figure: training pages by origin, and test pages. */
  trainReal: number;
  trainSynthetic: number;
  testedOn: 'real' | 'synthetic';
  testPages: number;
  /** F1 at IoU 0.5, score 0.5 per class (null when the test set has none of that class). */
  f1: Record<string, number | null>;
  macroF1: number;
  microF1: number;
  AP50: number;
}

export interface ExperimentResult {
  labels: string;
  seed: number;
  classes: string[];
  realTrainPages: number;
  realTestPages: number;
  realTrainDocuments: number;
  realTestDocuments: number;
  syntheticPages: number;
  arms: ArmResult[];
  /** Per class: F1(synthetic only, same size) − F1(real only), and the same with all synthetic pages. */
  gap: Record<string, { sameSize: number | null; all: number | null }>;
  gapMacro: { sameSize: number; all: number };
}

function take<T>(items: readonly T[], n: number): T[] {
  return items.slice(0, Math.max(0, Math.min(items.length, Math.round(n))));
}

/**
 * Runs the experiment; see the module comment.
 * @example
 * const r = await runExperiment({ real: 'real/annotations.json', synthetic: 'output/run', labels: 'docbank', seed: 0 });
 * r.gapMacro.all // real-trained F1 minus synthetic-trained F1 on real test pages
 */
export async function runExperiment(opts: ExperimentOptions): Promise<ExperimentResult> {
  const progress = opts.onProgress ?? (() => undefined);
  const real = await loadLabelledSet(opts.real, { profile: opts.labels });
  const synthPath = cocoFileOf(opts.synthetic);
  const synth = await loadLabelledSet(synthPath, { profile: opts.labels });
  const classes = real.classes;
  const rng = createRng(deriveSeed(opts.seed, 0, 'experiment'));
  const { train: realTrain, test: realTest } = splitByDocument(real.pages, opts.trainFraction ?? 0.5, rng.fork('split'));
  const synthShuffled = rng.fork('synthetic').shuffle(synth.pages);
  const nSynthTest = Math.min(synthShuffled.length - 1, opts.syntheticTest ?? Math.min(200, Math.round(synthShuffled.length / 5)));
  const synthTest = synthShuffled.slice(0, nSynthTest);
  const synthPool = synthShuffled.slice(nSynthTest);
  const realPool = rng.fork('real-mix').shuffle(realTrain);
  const n = realTrain.length;

  type Plan = { name: string; train: LabelledPage[]; real: number; synthetic: number };
  const sameSize: Plan = { name: `synthetic (${Math.min(n, synthPool.length)})`, train: take(synthPool, n), real: 0, synthetic: Math.min(n, synthPool.length) };
  // With no more synthetic pages than real-train ones, "all synthetic" is the same-size arm.
  const allSynth: Plan = synthPool.length > n ? { name: `synthetic (${synthPool.length})`, train: synthPool, real: 0, synthetic: synthPool.length } : sameSize;
  const plans: Plan[] = [{ name: 'real', train: realTrain, real: n, synthetic: 0 }, sameSize];
  if (allSynth !== sameSize) plans.push(allSynth);
  plans.push({ name: `real + synthetic (${synthPool.length})`, train: [...realTrain, ...synthPool], real: n, synthetic: synthPool.length });
  for (const m of opts.mix) {
    if (m <= 0 || m >= 1) continue; // 0 and 1 are the real and same-size synthetic arms
    const s = Math.round(n * m);
    plans.push({ name: `mix ${m}`, train: [...take(realPool, n - s), ...take(synthPool, s)], real: n - s, synthetic: s });
  }

  const models = new Map<string, DetectorModel>();
  const arms: ArmResult[] = [];
  const test = async (name: string, model: DetectorModel, pages: LabelledPage[], on: 'real' | 'synthetic', plan: Plan) => {
    const results = [];
    for (const [k, page] of pages.entries()) {
      results.push({ page, dets: await detect(model, page) });
      progress(`detect ${name}`, k + 1, pages.length);
    }
    const r = evaluate(groundTruthOf(pages, classes), detectionsOf(results, classes));
    const present = new Set(pages.flatMap((p) => p.boxes.map((b) => b.cls)));
    const f1 = Object.fromEntries(classes.map((c) => [c, present.has(c) ? (r.per_category[c]?.f1 ?? 0) : null]));
    const vals = Object.values(f1).filter((v): v is number => v !== null);
    arms.push({
      name: on === 'real' ? name : `${name} → synthetic`,
      trainReal: plan.real,
      trainSynthetic: plan.synthetic,
      testedOn: on,
      testPages: pages.length,
      f1,
      macroF1: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : 0,
      microF1: r.micro.f1,
      AP50: r.summary.AP50,
    });
  };
  for (const plan of plans) {
    const model = await trainDetector({
      images: plan.train,
      classes,
      seed: opts.seed,
      onProgress: (done, total, phase) => progress(`train ${plan.name}: ${phase}`, done, total),
    });
    models.set(plan.name, model);
    await test(plan.name, model, realTest, 'real', plan);
  }
  await test('real', models.get('real')!, synthTest, 'synthetic', plans[0]!);

  const byName = new Map(arms.map((a) => [a.name, a]));
  const realArm = byName.get('real')!;
  const same = byName.get(sameSize.name)!;
  const all = byName.get(allSynth.name)!;
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || b === null || b === undefined ? null : a - b);
  const gap = Object.fromEntries(classes.map((c) => [c, { sameSize: diff(same.f1[c], realArm.f1[c]), all: diff(all.f1[c], realArm.f1[c]) }]));
  return {
    labels: opts.labels,
    seed: opts.seed,
    classes,
    realTrainPages: realTrain.length,
    realTestPages: realTest.length,
    realTrainDocuments: new Set(realTrain.map((p) => p.doc)).size,
    realTestDocuments: new Set(realTest.map((p) => p.doc)).size,
    syntheticPages: synth.pages.length,
    arms,
    gap,
    gapMacro: { sameSize: same.macroF1 - realArm.macroF1, all: all.macroF1 - realArm.macroF1 },
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : (100 * v).toFixed(1));
const signed = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`);

/** The result as a Markdown report: per-class F1 (%) by arm, pages behind each column, and the gap. */
export function experimentMarkdown(r: ExperimentResult): string {
  const arms = r.arms;
  const head = ['class', ...arms.map((a) => a.name), 'gap (syn − real, same size)', 'gap (syn − real, all)'];
  const rows = r.classes.map((c) => [c, ...arms.map((a) => pct(a.f1[c])), signed(r.gap[c]?.sameSize), signed(r.gap[c]?.all)]);
  const macro = ['**macro F1**', ...arms.map((a) => `**${pct(a.macroF1)}**`), `**${signed(r.gapMacro.sameSize)}**`, `**${signed(r.gapMacro.all)}**`];
  const micro = ['micro F1', ...arms.map((a) => pct(a.microF1)), '', ''];
  const pages = ['train pages (real + synthetic)', ...arms.map((a) => `${a.trainReal} + ${a.trainSynthetic}`), '', ''];
  const tests = ['test pages', ...arms.map((a) => `${a.testPages} ${a.testedOn}`), '', ''];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `# Real versus synthetic: detector F1 per class (labels: ${r.labels}, seed ${r.seed})`,
    '',
    `Real pages split by document: ${r.realTrainPages} train pages (${r.realTrainDocuments} documents), ${r.realTestPages} test pages (${r.realTestDocuments} documents). Synthetic pages: ${r.syntheticPages}.`,
    'F1 in % at IoU ≥ 0.5 and score ≥ 0.5 (pycocotools matching); "–": the test set has no box of that class.',
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    line(macro),
    line(micro),
    line(pages),
    line(tests),
    '',
  ].join('\n');
}
