/**
 * Gradient-boosted decision trees with histogram splits (as LightGBM/XGBoost "hist" do), small enough to
 * read: logistic loss for two classes, softmax for more. Deterministic for a seed; the model is plain JSON.
 */
import { createRng } from '../../random/index.js';

/**
 * One regression tree. Internal node k tests `x[feat[k]] <= thr[k]`; a child index >= 0 is an internal
 * node, a negative one is the leaf `~child`. A tree with no internal node is the single leaf 0.
 */
export interface Tree {
  feat: number[];
  thr: number[];
  left: number[];
  right: number[];
  leaf: number[];
}

/** A trained ensemble. */
export interface BoostedTrees {
  nFeatures: number;
  /** Number of classes; 2 means one logistic tree per round, more means one softmax tree per class per round. */
  nClasses: number;
  /** Initial raw scores (one for binary, one per class otherwise). */
  base: number[];
  /** Trees, round-major: `trees[round * perRound + class]`. */
  trees: Tree[];
}

/** Training settings. */
export interface BoostOptions {
  rounds: number;
  /** Maximum depth of a tree (a depth-d tree has at most 2^d leaves). */
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Fewest samples in a leaf. */
  minLeaf: number;
  /** Share of rows drawn (without replacement) for each round. */
  subsample: number;
  /** Share of features each tree may split on. */
  colsample: number;
  /** Histogram bins per feature (at most 256). */
  bins: number;
  seed: number;
  /** Optional weight per sample. */
  weights?: Float32Array;
  /** Called after each round. */
  onRound?: (done: number, total: number) => void;
}

export const DEFAULT_BOOST: BoostOptions = {
  rounds: 150,
  depth: 6,
  learningRate: 0.1,
  lambda: 1,
  minLeaf: 5,
  subsample: 0.8,
  colsample: 0.9,
  bins: 64,
  seed: 1,
};

/** Bin edges per feature: value v falls in the first bin b with v <= edges[b] (or the last bin). */
function binEdges(X: Float32Array, n: number, d: number, maxBins: number): Float32Array[] {
  const step = Math.max(1, Math.floor(n / 50_000));
  const edges: Float32Array[] = [];
  for (let f = 0; f < d; f++) {
    const vals: number[] = [];
    for (let i = 0; i < n; i += step) vals.push(X[i * d + f]!);
    vals.sort((a, b) => a - b);
    const uniq: number[] = [];
    for (const v of vals) if (uniq.length === 0 || uniq[uniq.length - 1] !== v) uniq.push(v);
    let e: number[];
    if (uniq.length <= maxBins) e = uniq.slice(0, -1);
    else {
      e = [];
      for (let k = 1; k < maxBins; k++) {
        const v = vals[Math.floor((k * vals.length) / maxBins)]!;
        if (e.length === 0 || e[e.length - 1]! < v) e.push(v);
      }
      if (e.length && e[e.length - 1] === vals[vals.length - 1]) e.pop();
    }
    edges.push(Float32Array.from(e));
  }
  return edges;
}

function binOf(edges: Float32Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Histogram of gradient, hessian and count per (feature, bin). */
interface Hist {
  g: Float64Array;
  h: Float64Array;
  c: Int32Array;
}

class TreeBuilder {
  private readonly nb: number;
  private feat: number[] = [];
  private thr: number[] = [];
  private left: number[] = [];
  private right: number[] = [];
  private leaf: number[] = [];

  constructor(
    private readonly bins: Uint8Array,
    private readonly d: number,
    private readonly edges: Float32Array[],
    private readonly grad: Float64Array,
    private readonly hess: Float64Array,
    private readonly features: number[],
    private readonly opts: BoostOptions,
  ) {
    this.nb = opts.bins;
  }

  private newHist(): Hist {
    const size = this.d * this.nb;
    return { g: new Float64Array(size), h: new Float64Array(size), c: new Int32Array(size) };
  }

  private fill(hist: Hist, idx: Int32Array, start: number, end: number): void {
    const { bins, d, nb, grad, hess } = this;
    const { g, h, c } = hist;
    g.fill(0);
    h.fill(0);
    c.fill(0);
    for (let k = start; k < end; k++) {
      const i = idx[k]!;
      const gi = grad[i]!;
      const hi = hess[i]!;
      const row = i * d;
      for (const f of this.features) {
        const slot = f * nb + bins[row + f]!;
        g[slot]! += gi;
        h[slot]! += hi;
        c[slot]! += 1;
      }
    }
  }

  build(idx: Int32Array): Tree {
    const hist = this.newHist();
    this.fill(hist, idx, 0, idx.length);
    this.grow(idx, 0, idx.length, 0, hist); // the root is internal node 0, or leaf 0 if it did not split
    return { feat: this.feat, thr: this.thr, left: this.left, right: this.right, leaf: this.leaf };
  }

  /** Grows the subtree of rows idx[start, end); returns its node reference. `hist` may be overwritten. */
  private grow(idx: Int32Array, start: number, end: number, depth: number, hist: Hist): number {
    const { lambda, minLeaf, learningRate } = this.opts;
    const nb = this.nb;
    // Totals from any feature's histogram.
    const f0 = this.features[0]!;
    let G = 0;
    let H = 0;
    for (let b = 0; b < nb; b++) {
      G += hist.g[f0 * nb + b]!;
      H += hist.h[f0 * nb + b]!;
    }
    const count = end - start;
    const makeLeaf = () => {
      this.leaf.push((-G / (H + lambda)) * learningRate);
      return ~(this.leaf.length - 1);
    };
    if (depth >= this.opts.depth || count < 2 * minLeaf) return makeLeaf();
    const parentScore = (G * G) / (H + lambda);
    let bestGain = 1e-9;
    let bestF = -1;
    let bestB = -1;
    for (const f of this.features) {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      const nEdges = this.edges[f]!.length;
      for (let b = 0; b < nEdges; b++) {
        const s = f * nb + b;
        gl += hist.g[s]!;
        hl += hist.h[s]!;
        cl += hist.c[s]!;
        if (cl < minLeaf) continue;
        if (count - cl < minLeaf) break;
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    if (bestF < 0) return makeLeaf();
    // Partition rows: left (bin <= bestB) first.
    const { bins, d } = this;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (bins[idx[i]! * d + bestF]! <= bestB) i++;
      else {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        j--;
      }
    }
    const mid = i;
    const node = this.feat.length;
    this.feat.push(bestF);
    this.thr.push(this.edges[bestF]![bestB]!);
    this.left.push(0);
    this.right.push(0);
    // Histogram of the smaller child by a pass, of the larger by subtraction.
    const leftSmaller = mid - start <= end - mid;
    const small = this.newHist();
    if (leftSmaller) this.fill(small, idx, start, mid);
    else this.fill(small, idx, mid, end);
    for (let s = 0; s < hist.g.length; s++) {
      hist.g[s]! -= small.g[s]!;
      hist.h[s]! -= small.h[s]!;
      hist.c[s]! -= small.c[s]!;
    }
    const leftHist = leftSmaller ? small : hist;
    const rightHist = leftSmaller ? hist : small;
    this.left[node] = this.grow(idx, start, mid, depth + 1, leftHist);
    this.right[node] = this.grow(idx, mid, end, depth + 1, rightHist);
    return node;
  }
}

/** Raw score of one tree for one sample. */
function treeValue(t: Tree, x: ArrayLike<number>, offset: number): number {
  if (t.feat.length === 0) return t.leaf[0]!;
  let k = 0;
  for (;;) {
    const v = Math.fround(x[offset + t.feat[k]!]!);
    const next = v <= t.thr[k]! ? t.left[k]! : t.right[k]!;
    if (next < 0) return t.leaf[~next]!;
    k = next;
  }
}

function softmaxInto(raw: Float64Array, out: Float64Array): void {
  let m = -Infinity;
  for (const v of raw) m = Math.max(m, v);
  let s = 0;
  for (let k = 0; k < raw.length; k++) {
    out[k] = Math.exp(raw[k]! - m);
    s += out[k]!;
  }
  for (let k = 0; k < raw.length; k++) out[k]! /= s;
}

/**
 * Trains boosted trees on `n` rows of `d` features (row-major `X`) with integer labels `y` in [0, nClasses).
 * @example const m = trainBoosted(X, 3, y, 2, { ...DEFAULT_BOOST, rounds: 50 }); predictProba(m, X, 0)
 */
export function trainBoosted(X: Float32Array, d: number, y: Int32Array, nClasses: number, opts: BoostOptions): BoostedTrees {
  const n = y.length;
  if (X.length !== n * d) throw new RangeError(`X has ${X.length} values, expected ${n} x ${d}`);
  if (nClasses < 2) throw new RangeError('need at least two classes');
  if (opts.bins > 256) throw new RangeError('at most 256 bins');
  const rng = createRng(opts.seed);
  const edges = binEdges(X, n, d, opts.bins);
  const bins = new Uint8Array(n * d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) bins[i * d + f] = binOf(edges[f]!, X[i * d + f]!);
  const K = nClasses === 2 ? 1 : nClasses;
  const w = opts.weights;
  // Base scores from the (weighted) class frequencies.
  const freq = new Float64Array(nClasses).fill(1e-3);
  for (let i = 0; i < n; i++) freq[y[i]!]! += w ? w[i]! : 1;
  const total = freq.reduce((a, b) => a + b, 0);
  const base = K === 1 ? [Math.log(freq[1]! / freq[0]!)] : Array.from(freq, (v) => Math.log(v / total));
  const raw = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = base[k]!;
  const trees: Tree[] = [];
  const grad = Array.from({ length: K }, () => new Float64Array(n));
  const hess = Array.from({ length: K }, () => new Float64Array(n));
  const p = new Float64Array(nClasses);
  const r = new Float64Array(nClasses);
  const all = Array.from({ length: n }, (_, i) => i);
  const allFeatures = Array.from({ length: d }, (_, f) => f);
  for (let round = 0; round < opts.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      if (K === 1) {
        const pi = 1 / (1 + Math.exp(-raw[i]!));
        grad[0]![i] = (pi - (y[i] === 1 ? 1 : 0)) * wi;
        hess[0]![i] = Math.max(pi * (1 - pi), 1e-6) * wi;
      } else {
        for (let k = 0; k < K; k++) r[k] = raw[i * K + k]!;
        softmaxInto(r, p);
        for (let k = 0; k < K; k++) {
          grad[k]![i] = (p[k]! - (y[i] === k ? 1 : 0)) * wi;
          hess[k]![i] = Math.max(p[k]! * (1 - p[k]!), 1e-6) * wi;
        }
      }
    }
    const rows = opts.subsample < 1 ? rng.shuffle(all).slice(0, Math.max(1, Math.round(n * opts.subsample))) : all;
    rows.sort((a, b) => a - b);
    for (let k = 0; k < K; k++) {
      const features = opts.colsample < 1
        ? rng.shuffle(allFeatures).slice(0, Math.max(1, Math.round(d * opts.colsample))).sort((a, b) => a - b)
        : allFeatures;
      const tree = new TreeBuilder(bins, d, edges, grad[k]!, hess[k]!, features, opts).build(Int32Array.from(rows));
      trees.push(tree);
      for (let i = 0; i < n; i++) raw[i * K + k]! += treeValue(tree, X, i * d);
    }
    opts.onRound?.(round + 1, opts.rounds);
  }
  return { nFeatures: d, nClasses, base, trees };
}

/**
 * Class probabilities for the sample starting at `offset` in `x`.
 * @example predictProba(model, [0.3, 1, 2], 0) // [p0, p1]
 */
export function predictProba(model: BoostedTrees, x: ArrayLike<number>, offset = 0): number[] {
  const K = model.nClasses === 2 ? 1 : model.nClasses;
  const raw = new Float64Array(K);
  for (let k = 0; k < K; k++) raw[k] = model.base[k]!;
  for (let t = 0; t < model.trees.length; t++) raw[t % K]! += treeValue(model.trees[t]!, x, offset);
  if (K === 1) {
    const p1 = 1 / (1 + Math.exp(-raw[0]!));
    return [1 - p1, p1];
  }
  const out = new Float64Array(K);
  softmaxInto(raw, out);
  return Array.from(out);
}

/** Rounds leaf values and thresholds for a compact JSON (thresholds stay exact float32 values). */
export function compactTrees(model: BoostedTrees): BoostedTrees {
  const round = (v: number) => Number(v.toPrecision(6));
  return { ...model, base: model.base.map(round), trees: model.trees.map((t) => ({ ...t, leaf: t.leaf.map(round) })) };
}
