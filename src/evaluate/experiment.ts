/**
 * The headline experiment (after Raman et al. 2022, tables 4-6): does a detector trained on pagesynth pages do
 * as well on real pages as one trained on real pages? Real pages are split by document into train and test;
 * detectors are trained on real-train, on synthetic pages (as many as real-train, and all of them), on both,
 * and on mixes; each is tested on real-test. The real-trained detector is also tested on held-out synthetic
 * pages. Everything is deterministic given the seed.
 *
 * One 50-page test half moves a class's F1 by tens of points, so the experiment runs over several real sets (one
 * table each, and their mean) and over several document splits of each (`repeats`: mean and spread per class).
 */
import { basename, dirname } from 'node:path';
import { InputError, invalidParameter, type Problem } from '../errors.js';
import { createRng, deriveSeed } from '../random/index.js';
import { cocoFileOf } from '../run/folder.js';
import { detectionsOf, groundTruthOf, loadLabelledSet, splitByDocument, type LabelledPage, type LabelledSet } from './dataset.js';
import { analyseImage, detectAnalysed, type AnalysedImage } from './detector/detect.js';
import { detect, trainDetector, type DetectorModel } from './detector/index.js';
import { evaluate } from './metrics/index.js';

/** The detector the experiment trains and tests (default: this package's); injectable. */
export interface ExperimentDetector<M = unknown, P = unknown> {
  train(opts: { images: LabelledPage[]; classes: string[]; seed: number; onProgress?: (done: number, total: number, phase: string) => void }): Promise<M>;
  /** Work on a page that every model's detection shares (loading and analysing the image): done once per test page. */
  prepare?(page: LabelledPage): Promise<P>;
  /** Detections of a model on a page (`prepared`: what `prepare` gave for it, when there is a `prepare`). */
  detect(model: M, page: LabelledPage, prepared?: P): Promise<ReadonlyArray<{ cls: string; bbox: readonly number[]; score: number }>>;
}

const DEFAULT_DETECTOR: ExperimentDetector<DetectorModel, AnalysedImage> = {
  train: (o) => trainDetector(o),
  prepare: (page) => analyseImage(page),
  detect: async (m, page, prepared) => (prepared ? detectAnalysed(m, prepared) : detect(m, page)),
};

export interface ExperimentOptions {
  /** Real COCO file(s) or run folder(s): one table per set, and their mean. */
  real: string | readonly string[];
  /** Synthetic run folder (annotations.json + images/) or COCO file. */
  synthetic: string;
  /** Label profile both sets are compared in. */
  labels: string;
  /** Fractions of synthetic pages in training sets of real-train's size. */
  mix: number[];
  seed: number;
  /** Document splits per real set (default 1); split 1 is the one a single run makes. */
  repeats?: number;
  /** Folder the real sets' image file names are tried under first (see `loadLabelledSet`). */
  imageRoot?: string;
  /** Fraction of real documents used for training (default 0.5). */
  trainFraction?: number;
  /** Synthetic pages held out to test the real-trained detector on (default: a fifth, at most 200). */
  syntheticTest?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** The detector to train and test (default: this package's, `trainDetector` and `detect`). */
  detector?: ExperimentDetector;
}

export interface ArmResult {
  name: string;
  /**
   * The arm's role, the same in every run: `real`, `synthetic-same` (as many synthetic pages as real-train),
   * `synthetic-all`, `real+synthetic`, `mix <m>`, `real→synthetic` (the real-trained detector on synthetic pages).
   * Absent in files written before it existed.
   */
  key?: string;
  /** Pages behind the figure: training pages by origin, and test pages (means, rounded, in a summary). */
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

/** Mean and spread of a figure over runs: sample standard deviation (0 for one run), min and max. */
export interface Spread {
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Runs behind it. */
  n: number;
}

/** An arm averaged over runs: `f1`, `macroF1`... hold the means; `spread` their spread. */
export interface ArmSummary extends ArmResult {
  key: string;
  spread: { f1: Record<string, Spread | null>; macroF1: Spread; microF1: Spread; AP50: Spread };
}

type Gap = Record<string, { sameSize: number | null; all: number | null }>;

/** One document split of one real set. */
export interface ExperimentRun {
  /** Split number, from 0; split 0 is the split of a single run. */
  repeat: number;
  realTrainPages: number;
  realTestPages: number;
  realTrainDocuments: number;
  realTestDocuments: number;
  arms: ArmResult[];
  gap: Gap;
  gapMacro: { sameSize: number; all: number };
}

/** One real set: its runs and their mean. */
export interface ExperimentSet {
  /** The real COCO file. */
  real: string;
  /** Short name for tables (the file's folder, or the file's name). */
  name: string;
  pages: number;
  documents: number;
  runs: ExperimentRun[];
  /** Arms averaged over the runs (spread: over the runs). */
  arms: ArmSummary[];
  gap: Gap;
  gapMacro: { sameSize: number; all: number };
}

export interface ExperimentResult {
  labels: string;
  seed: number;
  classes: string[];
  /** Page and document counts: a single run's; with several sets, summed over the sets (means over splits, rounded). */
  realTrainPages: number;
  realTestPages: number;
  realTrainDocuments: number;
  realTestDocuments: number;
  syntheticPages: number;
  /**
   * One set and one split: that run's arms. Otherwise the mean over the sets of each set's mean (every set
   * counts alike), with the spread over the sets' means (or, for one set, over its splits).
   */
  arms: Array<ArmResult | ArmSummary>;
  /** Per class: F1(synthetic only, same size) − F1(real only), and the same with all synthetic pages. */
  gap: Gap;
  gapMacro: { sameSize: number; all: number };
  /** Document splits per real set (absent in files written before there could be several: 1). */
  repeats?: number;
  /** Per real set, in the order given (absent in files written before there could be several). */
  sets?: ExperimentSet[];
}

function take<T>(items: readonly T[], n: number): T[] {
  return items.slice(0, Math.max(0, Math.min(items.length, Math.round(n))));
}

/** A short, unique name per real set: its folder's name for `coco.json`/`annotations.json`, else the file's stem. */
function setNames(paths: readonly string[]): string[] {
  const names = paths.map((p) => {
    const file = basename(p);
    return /^(coco|annotations)\.json$/i.test(file) ? basename(dirname(p)) || file : file.replace(/\.json$/i, '');
  });
  return names.map((n, i) => (names.indexOf(n) !== i || names.lastIndexOf(n) !== i ? `${n} (${i + 1})` : n));
}

/**
 * Mean and spread of some numbers (undefined for none).
 * @example spreadOf([0.5, 0.7]) // { mean: 0.6, sd: 0.1414…, min: 0.5, max: 0.7, n: 2 }
 */
export function spreadOf(values: readonly number[]): Spread | undefined {
  const n = values.length;
  if (!n) return undefined;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values), n };
}

const nums = (vs: ReadonlyArray<number | null | undefined>): number[] => vs.filter((v): v is number => typeof v === 'number');
const meanOf = (vs: ReadonlyArray<number | null | undefined>): number | null => spreadOf(nums(vs))?.mean ?? null;

/** Arms of several runs (or several sets' means) averaged by key, in the order of first appearance. */
function summariseArms(classes: readonly string[], runs: ReadonlyArray<readonly ArmResult[]>): ArmSummary[] {
  const keyOf = (a: ArmResult) => a.key ?? a.name;
  const keys: string[] = [];
  for (const arms of runs) for (const a of arms) if (!keys.includes(keyOf(a))) keys.push(keyOf(a));
  // With no more synthetic pages than real-train ones a run has no "all synthetic" arm: it is the same-size arm.
  const armOf = (arms: readonly ArmResult[], key: string) => arms.find((a) => keyOf(a) === key) ?? (key === 'synthetic-all' ? arms.find((a) => keyOf(a) === 'synthetic-same') : undefined);
  return keys.map((key) => {
    const of = runs.map((arms) => armOf(arms, key)).filter((a): a is ArmResult => a !== undefined);
    const names = [...new Set(of.map((a) => a.name))];
    const zero: Spread = { mean: 0, sd: 0, min: 0, max: 0, n: 0 };
    const spread = {
      f1: Object.fromEntries(classes.map((c) => [c, spreadOf(nums(of.map((a) => a.f1[c]))) ?? null])),
      macroF1: spreadOf(of.map((a) => a.macroF1)) ?? zero,
      microF1: spreadOf(of.map((a) => a.microF1)) ?? zero,
      AP50: spreadOf(of.map((a) => a.AP50)) ?? zero,
    };
    const first = of[0]!;
    return {
      name: names.length === 1 ? names[0]! : GENERIC_NAMES[key] ?? key,
      key,
      trainReal: Math.round(meanOf(of.map((a) => a.trainReal)) ?? 0),
      trainSynthetic: Math.round(meanOf(of.map((a) => a.trainSynthetic)) ?? 0),
      testedOn: first.testedOn,
      testPages: Math.round(meanOf(of.map((a) => a.testPages)) ?? 0),
      f1: Object.fromEntries(classes.map((c) => [c, spread.f1[c]?.mean ?? null])),
      macroF1: spread.macroF1.mean,
      microF1: spread.microF1.mean,
      AP50: spread.AP50.mean,
      spread,
    };
  });
}

/** Arm names when the runs behind a mean trained on different numbers of pages. */
const GENERIC_NAMES: Record<string, string> = {
  'synthetic-same': 'synthetic (real-train size)',
  'synthetic-all': 'synthetic (all)',
  'real+synthetic': 'real + synthetic (all)',
};

function gapsOf(classes: readonly string[], arms: readonly ArmResult[]): { gap: Gap; gapMacro: { sameSize: number; all: number } } {
  const realArm = arms.find((a) => a.key === 'real')!;
  const same = arms.find((a) => a.key === 'synthetic-same')!;
  const all = arms.find((a) => a.key === 'synthetic-all') ?? same;
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || b === null || b === undefined ? null : a - b);
  return {
    gap: Object.fromEntries(classes.map((c) => [c, { sameSize: diff(same.f1[c], realArm.f1[c]), all: diff(all.f1[c], realArm.f1[c]) }])),
    gapMacro: { sameSize: same.macroF1 - realArm.macroF1, all: all.macroF1 - realArm.macroF1 },
  };
}

/** The mean of runs' (or sets') gaps. */
function meanGaps(classes: readonly string[], parts: ReadonlyArray<{ gap: Gap; gapMacro: { sameSize: number; all: number } }>): { gap: Gap; gapMacro: { sameSize: number; all: number } } {
  return {
    gap: Object.fromEntries(classes.map((c) => [c, { sameSize: meanOf(parts.map((p) => p.gap[c]?.sameSize)), all: meanOf(parts.map((p) => p.gap[c]?.all)) }])),
    gapMacro: { sameSize: meanOf(parts.map((p) => p.gapMacro.sameSize)) ?? 0, all: meanOf(parts.map((p) => p.gapMacro.all)) ?? 0 },
  };
}

/** Loads every real set; the problems of all of them are one InputError. */
async function loadRealSets(paths: readonly string[], labels: string, imageRoot: string | undefined): Promise<LabelledSet[]> {
  const settled = await Promise.allSettled(paths.map(async (p) => loadLabelledSet(cocoFileOf(p), { profile: labels, ...(imageRoot ? { imageRoot } : {}) })));
  const problems: Problem[] = [];
  const sets: LabelledSet[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'rejected') {
      if (!(s.reason instanceof InputError)) throw s.reason;
      problems.push(...s.reason.problems);
    } else {
      const docs = new Set(s.value.pages.map((p) => p.doc)).size;
      if (docs < 2) problems.push({ file: paths[i], path: 'images', message: `expected pages of at least 2 documents to split into train and test, got ${docs}` });
      sets.push(s.value);
    }
  });
  if (problems.length) throw new InputError(problems);
  return sets;
}

/**
 * Runs the experiment; see the module comment. With one real set and one split, `arms`, `gap` and the page
 * counts are that run's (as they always were); `sets` holds every set's runs and means.
 * @example
 * const r = await runExperiment({ real: ['docbank/coco.json', 'publaynet/coco.json'], synthetic: 'output/run', labels: 'publaynet', mix: [], seed: 0, repeats: 3 });
 * r.gapMacro.all // mean over the sets of synthetic-trained minus real-trained macro F1 on real test pages
 */
export async function runExperiment(opts: ExperimentOptions): Promise<ExperimentResult> {
  const progress = opts.onProgress ?? (() => undefined);
  const detector: ExperimentDetector = opts.detector ?? DEFAULT_DETECTOR;
  const realPaths = typeof opts.real === 'string' ? [opts.real] : [...opts.real];
  const repeats = opts.repeats ?? 1;
  if (!realPaths.length) throw invalidParameter('options.real', 'one real COCO file or more', opts.real);
  if (!Number.isInteger(repeats) || repeats < 1) throw invalidParameter('options.repeats', 'a positive integer', repeats);
  const reals = await loadRealSets(realPaths, opts.labels, opts.imageRoot);
  const synth = await loadLabelledSet(cocoFileOf(opts.synthetic), { profile: opts.labels });
  const classes = reals[0]!.classes;
  const names = setNames(realPaths);
  const base = createRng(deriveSeed(opts.seed, 0, 'experiment'));
  const synthShuffled = base.fork('synthetic').shuffle(synth.pages);
  const nSynthTest = Math.min(synthShuffled.length - 1, opts.syntheticTest ?? Math.min(200, Math.round(synthShuffled.length / 5)));
  const synthTest = synthShuffled.slice(0, nSynthTest);
  const synthPool = synthShuffled.slice(nSynthTest);
  // A synthetic training set met again (all synthetic pages, in every run) is trained once. Real ones differ by split.
  const models = new Map<string, Promise<unknown>>();
  const several = realPaths.length > 1 || repeats > 1;

  type Plan = { name: string; key: string; train: LabelledPage[]; real: number; synthetic: number };
  const runOnce = async (real: LabelledSet, setName: string, repeat: number): Promise<ExperimentRun> => {
    const tag = several ? `${setName}${repeats > 1 ? ` split ${repeat + 1}/${repeats}` : ''}: ` : '';
    // Split 0 draws from the seed's own stream: a single run is what it always was.
    const rng = repeat === 0 ? base : createRng(deriveSeed(opts.seed, repeat, 'experiment'));
    const { train: realTrain, test: realTest } = splitByDocument(real.pages, opts.trainFraction ?? 0.5, rng.fork('split'));
    const realPool = rng.fork('real-mix').shuffle(realTrain);
    const n = realTrain.length;
    const sameSize: Plan = { name: `synthetic (${Math.min(n, synthPool.length)})`, key: 'synthetic-same', train: take(synthPool, n), real: 0, synthetic: Math.min(n, synthPool.length) };
    // With no more synthetic pages than real-train ones, "all synthetic" is the same-size arm.
    const allSynth: Plan | undefined = synthPool.length > n ? { name: `synthetic (${synthPool.length})`, key: 'synthetic-all', train: synthPool, real: 0, synthetic: synthPool.length } : undefined;
    const plans: Plan[] = [{ name: 'real', key: 'real', train: realTrain, real: n, synthetic: 0 }, sameSize];
    if (allSynth) plans.push(allSynth);
    plans.push({ name: `real + synthetic (${synthPool.length})`, key: 'real+synthetic', train: [...realTrain, ...synthPool], real: n, synthetic: synthPool.length });
    for (const m of opts.mix) {
      if (m <= 0 || m >= 1) continue; // 0 and 1 are the real and same-size synthetic arms
      const s = Math.round(n * m);
      plans.push({ name: `mix ${m}`, key: `mix ${m}`, train: [...take(realPool, n - s), ...take(synthPool, s)], real: n - s, synthetic: s });
    }

    // Every model is trained first; then each test page is prepared (loaded, analysed) once for all of them.
    const trained: unknown[] = [];
    for (const plan of plans) {
      const id = plan.train.map((p) => `${p.path}#${p.id}`).join('\n');
      let model = models.get(id);
      if (!model) {
        model = detector.train({ images: plan.train, classes, seed: opts.seed, onProgress: (done, total, phase) => progress(`${tag}train ${plan.name}: ${phase}`, done, total) });
        if (plan.real === 0) models.set(id, model);
      }
      trained.push(await model);
    }
    const detectAll = async (pages: LabelledPage[], ms: unknown[], on: string) => {
      const results: Array<Array<{ page: LabelledPage; dets: ReadonlyArray<{ cls: string; bbox: readonly number[]; score: number }> }>> = ms.map(() => []);
      for (const [k, page] of pages.entries()) {
        const prepared = detector.prepare ? await detector.prepare(page) : undefined;
        for (const [j, m] of ms.entries()) results[j]!.push({ page, dets: await detector.detect(m, page, prepared) });
        progress(`${tag}detect on ${on} test pages (${ms.length} detector${ms.length > 1 ? 's' : ''})`, k + 1, pages.length);
      }
      return results;
    };
    const score = (plan: Plan, results: Array<{ page: LabelledPage; dets: ReadonlyArray<{ cls: string; bbox: readonly number[]; score: number }> }>, pages: LabelledPage[], on: 'real' | 'synthetic'): ArmResult => {
      const r = evaluate(groundTruthOf(pages, classes), detectionsOf(results, classes));
      const present = new Set(pages.flatMap((p) => p.boxes.map((b) => b.cls)));
      const f1 = Object.fromEntries(classes.map((c) => [c, present.has(c) ? (r.per_category[c]?.f1 ?? 0) : null]));
      const vals = Object.values(f1).filter((v): v is number => v !== null);
      return {
        name: on === 'real' ? plan.name : `${plan.name} → synthetic`,
        key: on === 'real' ? plan.key : `${plan.key}→synthetic`,
        trainReal: plan.real,
        trainSynthetic: plan.synthetic,
        testedOn: on,
        testPages: pages.length,
        f1,
        macroF1: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : 0,
        microF1: r.micro.f1,
        AP50: r.summary.AP50,
      };
    };
    const onReal = await detectAll(realTest, trained, 'real');
    const onSynth = await detectAll(synthTest, [trained[0]], 'synthetic');
    const arms: ArmResult[] = [...plans.map((plan, j) => score(plan, onReal[j]!, realTest, 'real')), score(plans[0]!, onSynth[0]!, synthTest, 'synthetic')];
    return {
      repeat,
      realTrainPages: realTrain.length,
      realTestPages: realTest.length,
      realTrainDocuments: new Set(realTrain.map((p) => p.doc)).size,
      realTestDocuments: new Set(realTest.map((p) => p.doc)).size,
      arms,
      ...gapsOf(classes, arms),
    };
  };

  const sets: ExperimentSet[] = [];
  for (const [i, real] of reals.entries()) {
    const runs: ExperimentRun[] = [];
    for (let r = 0; r < repeats; r++) runs.push(await runOnce(real, names[i]!, r));
    sets.push({
      real: realPaths[i]!,
      name: names[i]!,
      pages: real.pages.length,
      documents: new Set(real.pages.map((p) => p.doc)).size,
      runs,
      arms: summariseArms(classes, runs.map((r) => r.arms)),
      ...meanGaps(classes, runs),
    });
  }
  const counts = (f: (r: ExperimentRun) => number) => sets.reduce((sum, s) => sum + Math.round(meanOf(s.runs.map(f)) ?? 0), 0);
  const single = !several ? sets[0]!.runs[0]! : undefined;
  return {
    labels: opts.labels,
    seed: opts.seed,
    classes,
    realTrainPages: counts((r) => r.realTrainPages),
    realTestPages: counts((r) => r.realTestPages),
    realTrainDocuments: counts((r) => r.realTrainDocuments),
    realTestDocuments: counts((r) => r.realTestDocuments),
    syntheticPages: synth.pages.length,
    arms: single ? single.arms : sets.length === 1 ? sets[0]!.arms : summariseArms(classes, sets.map((s) => s.arms)),
    ...(single ? { gap: single.gap, gapMacro: single.gapMacro } : meanGaps(classes, sets)),
    repeats,
    sets,
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : (100 * v).toFixed(1));
const signed = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`);
/** A mean with its spread, in %: `45.2 ± 3.1 (41.0–48.9)`; a single figure as it is. */
const withSpread = (s: Spread | null | undefined, mean: number | null | undefined) =>
  s && s.n > 1 ? `${pct(s.mean)} ± ${(100 * s.sd).toFixed(1)} (${pct(s.min)}–${pct(s.max)})` : pct(s ? s.mean : mean);

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** One F1 table: per-class F1 (%) by arm (with spread where the arms are means), pages behind each column, the gap. */
function f1Table(classes: readonly string[], arms: ReadonlyArray<ArmResult | ArmSummary>, g: { gap: Gap; gapMacro: { sameSize: number; all: number } }): string[] {
  const sp = (a: ArmResult | ArmSummary) => ('spread' in a ? a.spread : undefined);
  const head = ['class', ...arms.map((a) => a.name), 'gap (syn − real, same size)', 'gap (syn − real, all)'];
  const rows = classes.map((c) => [c, ...arms.map((a) => withSpread(sp(a)?.f1[c], a.f1[c])), signed(g.gap[c]?.sameSize), signed(g.gap[c]?.all)]);
  const macro = ['**macro F1**', ...arms.map((a) => `**${withSpread(sp(a)?.macroF1, a.macroF1)}**`), `**${signed(g.gapMacro.sameSize)}**`, `**${signed(g.gapMacro.all)}**`];
  const micro = ['micro F1', ...arms.map((a) => withSpread(sp(a)?.microF1, a.microF1)), '', ''];
  const pages = ['train pages (real + synthetic)', ...arms.map((a) => `${a.trainReal} + ${a.trainSynthetic}`), '', ''];
  const tests = ['test pages', ...arms.map((a) => `${a.testPages} ${a.testedOn}`), '', ''];
  return [line(head), line(head.map(() => '---')), ...rows.map(line), line(macro), line(micro), line(pages), line(tests)];
}

/**
 * The result as a Markdown report: per-class F1 (%) by arm, pages behind each column, and the gap; with several
 * real sets or splits, the mean table first (mean ± standard deviation (min–max)), then one table per set.
 * @example await writeFile('experiment.md', experimentMarkdown(await runExperiment(opts)));
 */
export function experimentMarkdown(r: ExperimentResult): string {
  const sets = r.sets ?? [];
  const note = 'F1 in % at IoU ≥ 0.5 and score ≥ 0.5 (pycocotools matching); "–": the test set has no box of that class.';
  if (sets.length <= 1 && (r.repeats ?? 1) <= 1) {
    return [
      `# Real versus synthetic: detector F1 per class (labels: ${r.labels}, seed ${r.seed})`,
      '',
      `Real pages split by document: ${r.realTrainPages} train pages (${r.realTrainDocuments} documents), ${r.realTestPages} test pages (${r.realTestDocuments} documents). Synthetic pages: ${r.syntheticPages}.`,
      note,
      '',
      ...f1Table(r.classes, r.arms, r),
      '',
    ].join('\n');
  }
  const repeats = r.repeats ?? 1;
  const splits = repeats > 1 ? `, ${repeats} document splits each` : '';
  const spreadNote = (what: string) => `Figures: mean ± standard deviation (min–max) over ${what}; gaps: means.`;
  const out = [
    `# Real versus synthetic: detector F1 per class (labels: ${r.labels}, seed ${r.seed})`,
    '',
    `${sets.length} real set${sets.length > 1 ? 's' : ''}${splits}: ${sets.map((s) => `${s.name} (${s.pages} pages, ${s.documents} documents)`).join(', ')}. Synthetic pages: ${r.syntheticPages}.`,
    note,
    '',
    sets.length > 1 ? `## Mean over the ${sets.length} real sets` : `## ${sets[0]!.name}: mean over ${repeats} splits`,
    '',
    sets.length > 1 ? spreadNote(`the sets' means (each set counts alike)`) : spreadNote('the splits'),
    '',
    ...f1Table(r.classes, r.arms, r),
    '',
  ];
  if (sets.length > 1) {
    for (const s of sets) {
      const run = s.runs[0]!;
      const split = s.runs.length > 1 ? `${s.runs.length} splits. ${spreadNote('the splits')}` : `${run.realTrainPages} train pages (${run.realTrainDocuments} documents), ${run.realTestPages} test pages (${run.realTestDocuments} documents).`;
      out.push(`## ${s.name}`, '', `${s.real}: ${s.pages} pages, ${s.documents} documents; ${split}`, '', ...f1Table(r.classes, s.runs.length > 1 ? s.arms : run.arms, s.runs.length > 1 ? s : run), '');
    }
  }
  return out.join('\n');
}
