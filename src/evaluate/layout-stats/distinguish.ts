/**
 * Distinguishability ("propensity") test: can a classifier tell real pages from synthetic ones by their
 * page-level layout features? A random forest (ml-random-forest) is trained with stratified k-fold
 * cross-validation on standardised feature vectors (mean and sd of each training fold), and the ROC AUC of its
 * out-of-fold scores is reported: 0.5 means indistinguishable, 1 fully separable. The sets are balanced by
 * sampling as many pages of the larger set as the smaller has (seeded), and the whole procedure is repeated over
 * several such samples and averaged.
 */
import { RandomForestClassifier } from 'ml-random-forest';
import { createRng, type Rng } from '../../random/index.js';
import { rocAuc } from './stats.js';

export interface DistinguishOptions {
  seed?: number;
  /** Folds (default 5). */
  folds?: number;
  /** Balanced samples to average over (default 5). */
  repeats?: number;
  /** Trees in the forest (default 100). */
  trees?: number;
}

export interface DistinguishResult {
  /** Mean out-of-fold ROC AUC over the repeats. */
  auc: number;
  /** Standard deviation of the AUC over the repeats. */
  sd: number;
  perRepeat: number[];
  classifier: string;
  folds: number;
  repeats: number;
  /** Pages of each set per repeat. */
  perClass: number;
  /** Features on their own: |AUC − 0.5| of each feature's values, the five largest. */
  topFeatures: Array<{ feature: string; auc: number }>;
}

function standardiser(rows: readonly number[][]): (r: readonly number[]) => number[] {
  const d = rows[0]?.length ?? 0;
  const mu = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((x, j) => (mu[j]! += x / rows.length));
  for (const r of rows) r.forEach((x, j) => (sd[j]! += (x - mu[j]!) ** 2 / Math.max(1, rows.length - 1)));
  const s = sd.map((v) => (v > 0 ? Math.sqrt(v) : 1));
  return (r) => r.map((x, j) => (x - mu[j]!) / s[j]!);
}

/** Stratified folds: indices of each label shuffled and dealt round-robin. */
function stratifiedFolds(labels: readonly number[], k: number, rng: Rng): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = rng.shuffle(labels.map((l, i) => (l === cls ? i : -1)).filter((i) => i >= 0));
    idx.forEach((i, n) => (fold[i] = n % k));
  }
  return fold;
}

/** Out-of-fold AUC of a random forest on one balanced sample. */
function crossValidatedAuc(X: number[][], y: number[], k: number, trees: number, rng: Rng): number {
  const fold = stratifiedFolds(y, k, rng);
  const scores = new Array<number>(y.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = y.map((_, i) => i).filter((i) => fold[i] !== f);
    const test = y.map((_, i) => i).filter((i) => fold[i] === f);
    if (test.length === 0) continue;
    const std = standardiser(train.map((i) => X[i]!));
    const rf = new RandomForestClassifier({
      seed: rng.int(1, 2 ** 31 - 2),
      nEstimators: trees,
      maxFeatures: Math.max(1, Math.round(Math.sqrt(X[0]!.length))),
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
    } as ConstructorParameters<typeof RandomForestClassifier>[0]);
    rf.train(train.map((i) => std(X[i]!)), train.map((i) => y[i]!));
    const p = rf.predictProbability(test.map((i) => std(X[i]!)), 1);
    test.forEach((i, n) => (scores[i] = p[n]!));
  }
  return rocAuc(scores, y);
}

/**
 * Cross-validated distinguishability of real and synthetic page vectors (same feature order in both).
 * @example distinguish(realRows, synRows, names, { seed: 1 }).auc // 0.5 = indistinguishable
 */
export function distinguish(real: readonly number[][], synthetic: readonly number[][], names: readonly string[], opts: DistinguishOptions = {}): DistinguishResult {
  const k = opts.folds ?? 5;
  const repeats = opts.repeats ?? 5;
  const trees = opts.trees ?? 100;
  const rng = createRng(opts.seed ?? 0);
  const n = Math.min(real.length, synthetic.length);
  if (n < k) throw new RangeError(`distinguishability needs at least ${k} pages in each set, got ${real.length} real and ${synthetic.length} synthetic`);
  const perRepeat: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const rs = real.length > n ? rng.shuffle(real).slice(0, n) : real.slice();
    const ss = synthetic.length > n ? rng.shuffle(synthetic).slice(0, n) : synthetic.slice();
    const X = [...rs, ...ss].map((row) => row.slice());
    const y = [...rs.map(() => 0), ...ss.map(() => 1)];
    perRepeat.push(crossValidatedAuc(X, y, k, trees, rng));
  }
  const auc = perRepeat.reduce((a, b) => a + b, 0) / perRepeat.length;
  const sd = Math.sqrt(perRepeat.reduce((a, b) => a + (b - auc) ** 2, 0) / Math.max(1, perRepeat.length - 1));
  const labels = [...real.map(() => 0), ...synthetic.map(() => 1)];
  const all = [...real, ...synthetic];
  const topFeatures = names
    .map((feature, j) => ({ feature, auc: rocAuc(all.map((r) => r[j]!), labels) }))
    .filter((f) => Number.isFinite(f.auc))
    .sort((a, b) => Math.abs(b.auc - 0.5) - Math.abs(a.auc - 0.5))
    .slice(0, 5);
  return { auc, sd, perRepeat, classifier: `random forest (ml-random-forest, ${trees} trees, √d features per split)`, folds: k, repeats, perClass: n, topFeatures };
}
