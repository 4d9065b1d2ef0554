/**
 * Calibrating a network from observations of its nodes (Raman, Shah & Veloso 2022, §3.3): each node's
 * parameters are treated as a prior whose weight is a pseudo-count, and observed values update it in closed form.
 *
 * Strength. Every row of the base network counts as K = `strength` pseudo-observations (default 20):
 *
 * | dist          | prior on the row                                       | posterior point estimate written             |
 * |---------------|--------------------------------------------------------|----------------------------------------------|
 * | categorical   | Dirichlet(K·p)                                          | p' = (K·p + counts) / (K + n)                 |
 * | bernoulli     | Beta(K·p, K·(1 − p))                                    | p' = (K·p + successes) / (K + n)              |
 * | poisson       | Gamma(shape K·λ, rate K)                                | λ' = (K·λ + Σx) / (K + n)                     |
 * | normal        | Normal-Inverse-Gamma(μ0, κ0 = K, α0 = K/2, β0 = K·sd²/2) | mean μn, sd = √(βn / αn)                      |
 * | lognormal     | as normal, on log x                                     | mu, sigma likewise                            |
 * | exponential   | Gamma(shape K, rate K / rate) on the rate               | rate' = (K + n) / (K / rate + Σx)             |
 * | dirichlet     | mean: Dirichlet(K·n̄·m0) on the mean shares (n̄: mean    | α' = A'·m', m' = (K·m0 + N·m̂) / (K + N),      |
 * |               | elements per observed page); spread: the base          | A' = (K·A0 + N·Â) / (K + N); Â from the       |
 * |               | concentration A0 = Σα counts as K pages                 | Dirichlet-multinomial (Pólya) MLE of the pages |
 * | uniform, beta, gamma | no conjugate prior in the family: the base row counts as K draws with its mean and variance; the pooled mean and variance are matched (uniform: mean ± √3·sd; beta and gamma: method of moments) |
 *
 * (n: observations of the row; N: observed pages.) Observations are clamped into the node's `min`/`max` first.
 *
 * CPT rows. An observation may say the values of some parents (e.g. `columns` for `n_elements`); it then updates
 * exactly the rows that agree with them. Parents it does not say (e.g. the genre `template`, which boxes cannot
 * show) are unknown, and the observation updates *every* row that agrees on the known parents with the same
 * evidence: each such row moves from its own prior towards the data by the same weight n / (K + n), so the
 * differences between the rows shrink but their order is kept. Rows no observation agrees with stay unchanged.
 * The fitted file lists every configuration explicitly (no "*" row).
 *
 * Nodes without observations, multinomial nodes (they follow `n` and `p`), and observations of values a node
 * cannot take are reported, not guessed.
 */
import digamma from '@stdlib/math-base-special-digamma';
import YAML from 'yaml';
import type { NodeValue } from '../types.js';
import { compileNetwork, type Network } from './compile.js';
import { DISTRIBUTIONS } from './distributions.js';
import { cartesian, configKey, valueKey } from './nodes.js';
import type { CptRow, NetworkDef, NodeDef, ParamRow, Scalar } from './types.js';
import { validateNetwork } from './validate.js';

/** One observed value of a node, with the values of those of its parents that were observed too. */
export interface NodeObservation {
  value: NodeValue;
  parents?: Record<string, Scalar>;
}

/** Observations of a network's nodes, by key (`columns`, `paragraph.lines`). */
export interface NetworkEvidence {
  /** Pages the observations come from. */
  pages: number;
  observations: Record<string, NodeObservation[]>;
  /** Nodes the data cannot inform, with the reason (shown in the fit report). */
  uninformed?: Record<string, string>;
  /**
   * Pseudo-count of the base row for particular nodes, instead of the fit's `strength` (label conventions: the base
   * network's default is a choice, not a belief about the data).
   */
  strength?: Record<string, number>;
}

export interface FitOptions {
  /** Pseudo-count of each row of the base network (default 20). */
  strength?: number;
}

/** What happened to one node. */
export interface FittedNode {
  key: string;
  dist: string;
  /** Observations used. */
  observations: number;
  /** How the update was done. */
  method: string;
  /** Short before/after of the first updated row, for reports. */
  before: string;
  after: string;
  /** Observations ignored (values the node cannot take), if any. */
  ignored?: number;
}

export interface FitResult {
  def: NetworkDef;
  strength: number;
  fitted: FittedNode[];
  /** Nodes left as they were, with why. */
  unchanged: Array<{ key: string; reason: string }>;
}

/** Default pseudo-count of a base row. */
export const DEFAULT_STRENGTH = 20;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Rounds to `digits` significant digits (keeps files readable; far below sampling noise). */
function sig(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** Probabilities rounded to 5 decimals, summing to exactly 1 (the residual goes to the largest). */
function roundProbs(p: readonly number[]): number[] {
  const s = p.reduce((a, b) => a + b, 0);
  const q = p.map((x) => Math.round((x / s) * 1e5) / 1e5);
  const resid = 1 - q.reduce((a, b) => a + b, 0);
  let k = 0;
  q.forEach((x, i) => (x > q[k]! ? (k = i) : 0));
  q[k] = Math.round((q[k]! + resid) * 1e5) / 1e5;
  return q;
}

interface RowRef {
  /** Parent configuration (empty for a parentless node). */
  config: Scalar[];
  row: CptRow;
}

/** Every row of a node, one per parent configuration. */
function rowsOf(node: NodeDef, parentDomains: Scalar[][]): RowRef[] {
  if (!node.parents?.length) return [{ config: [], row: clone((node.dist === 'categorical' ? node.probs : node.params)!) }];
  const cpt = node.cpt!;
  return cartesian(parentDomains).map((config) => ({ config, row: clone((cpt[configKey(config)] ?? cpt['*'])!) }));
}

function writeRows(node: NodeDef, rows: RowRef[]): NodeDef {
  const out = clone(node);
  if (!node.parents?.length) {
    if (node.dist === 'categorical') out.probs = rows[0]!.row as number[];
    else out.params = rows[0]!.row as ParamRow;
    return out;
  }
  out.cpt = Object.fromEntries(rows.map((r) => [configKey(r.config), r.row]));
  return out;
}

function matches(config: Scalar[], parents: string[], obs: NodeObservation): boolean {
  if (!obs.parents) return true;
  return parents.every((p, i) => !(p in obs.parents!) || valueKey(obs.parents![p]!) === valueKey(config[i]!));
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Pólya (Dirichlet-multinomial) MLE of α from count vectors (Minka 2000, fixed point). */
export function polyaMle(counts: readonly (readonly number[])[], init?: readonly number[], maxConcentration = 1000): number[] {
  const pages = counts.filter((c) => c.reduce((a, b) => a + b, 0) > 0);
  const K = counts[0]?.length ?? 0;
  const tot = new Array<number>(K).fill(0);
  for (const c of pages) c.forEach((x, k) => (tot[k]! += x));
  const sum = tot.reduce((a, b) => a + b, 0);
  let alpha = init ? init.slice() : tot.map((t) => Math.max(1e-3, (10 * t) / Math.max(1, sum)));
  if (pages.length < 2) return alpha;
  for (let it = 0; it < 500; it++) {
    const A = alpha.reduce((a, b) => a + b, 0);
    let den = 0;
    for (const c of pages) den += digamma(c.reduce((a, b) => a + b, 0) + A) - digamma(A);
    const next = alpha.map((a, k) => {
      let num = 0;
      for (const c of pages) num += digamma(c[k]! + a) - digamma(a);
      return Math.max(1e-3, (a * num) / den);
    });
    const An = next.reduce((a, b) => a + b, 0);
    const scaled = An > maxConcentration ? next.map((a) => (a * maxConcentration) / An) : next;
    const change = Math.max(...scaled.map((a, k) => Math.abs(a - alpha[k]!) / alpha[k]!));
    alpha = scaled;
    if (change < 1e-7 || An > maxConcentration) break;
  }
  return alpha;
}

function fmtRow(row: CptRow): string {
  if (Array.isArray(row)) return `[${row.map((x) => sig(x, 3)).join(', ')}]`;
  return `{${Object.entries(row).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map((x) => sig(x, 3)).join(', ')}]` : sig(v, 4)}`).join(', ')}}`;
}

/** Updates one row given its observations; returns the new row and a method name. */
function updateRow(node: NodeDef, row: CptRow, obs: NodeObservation[], K: number): { row: CptRow; method: string } {
  const kind = DISTRIBUTIONS[node.dist].kind;
  const clampNum = (x: number) => Math.min(node.max ?? Number.POSITIVE_INFINITY, Math.max(node.min ?? Number.NEGATIVE_INFINITY, x));
  const nums = () => obs.map((o) => clampNum(Number(o.value))).filter(Number.isFinite);
  if (kind === 'categorical') {
    const values = node.values!;
    const p = row as number[];
    const counts = new Array<number>(values.length).fill(0);
    for (const o of obs) {
      const i = values.findIndex((v) => valueKey(v) === valueKey(o.value as Scalar));
      if (i >= 0) counts[i]! += 1;
    }
    const n = counts.reduce((a, b) => a + b, 0);
    return { row: roundProbs(p.map((x, i) => (K * x + counts[i]!) / (K + n))), method: 'Dirichlet-categorical' };
  }
  if (kind === 'bernoulli') {
    const p = (row as ParamRow).p as number;
    const s = obs.filter((o) => o.value === true || o.value === 1).length;
    return { row: { p: Math.round(((K * p + s) / (K + obs.length)) * 1e5) / 1e5 }, method: 'Beta-Bernoulli' };
  }
  if (kind === 'dirichlet') {
    const cats = node.categories!;
    const alpha0 = (row as ParamRow).alpha as number[];
    const A0 = alpha0.reduce((a, b) => a + b, 0);
    const m0 = alpha0.map((a) => a / A0);
    const vectors = obs.map((o) => cats.map((c) => {
      const x = Number((o.value as Record<string, number>)[c] ?? 0);
      return Number.isFinite(x) && x > 0 ? Math.round(x) : 0;
    }));
    const pages = vectors.filter((v) => v.reduce((a, b) => a + b, 0) > 0);
    const N = pages.length;
    if (N === 0) return { row, method: 'Dirichlet-multinomial (no elements observed)' };
    const tot = cats.map((_, k) => pages.reduce((s, v) => s + v[k]!, 0));
    const sum = tot.reduce((a, b) => a + b, 0);
    const mHat = tot.map((t) => t / sum);
    const aHat = polyaMle(pages);
    const AHat = aHat.reduce((a, b) => a + b, 0);
    const m = m0.map((x, k) => (K * x + N * mHat[k]!) / (K + N));
    const A = (K * A0 + N * AHat) / (K + N);
    return { row: { alpha: m.map((x) => Math.max(1e-3, sig(A * x))) }, method: 'Dirichlet-multinomial (mean conjugate, spread by Pólya MLE)' };
  }
  const r = row as ParamRow;
  const xs = nums();
  const n = xs.length;
  switch (node.dist) {
    case 'poisson': {
      const lambda = r.lambda as number;
      return { row: { lambda: sig((K * lambda + xs.reduce((a, b) => a + b, 0)) / (K + n)) }, method: 'Gamma-Poisson' };
    }
    case 'normal':
    case 'lognormal': {
      const log = node.dist === 'lognormal';
      const ys = log ? xs.filter((x) => x > 0).map(Math.log) : xs;
      const mu0 = (log ? r.mu : r.mean) as number;
      const sd0 = (log ? r.sigma : r.sd) as number;
      const m = ys.length;
      const ybar = mean(ys);
      const ss = ys.reduce((s, y) => s + (y - ybar) ** 2, 0);
      const kn = K + m;
      const mun = (K * mu0 + m * ybar) / kn;
      const an = K / 2 + m / 2;
      const bn = (K * sd0 * sd0) / 2 + ss / 2 + (K * m * (ybar - mu0) ** 2) / (2 * kn);
      const sdn = Math.max(1e-6, Math.sqrt(bn / an));
      return { row: log ? { mu: sig(mun), sigma: sig(sdn) } : { mean: sig(mun), sd: sig(sdn) }, method: 'Normal-Inverse-Gamma' + (log ? ' (on log)' : '') };
    }
    case 'exponential': {
      const rate = r.rate as number;
      return { row: { rate: sig((K + n) / (K / rate + xs.reduce((a, b) => a + b, 0))) }, method: 'Gamma-exponential' };
    }
    default: {
      // Moment matching: the base row as K draws with its own mean and variance, pooled with the data.
      const { m0, v0 } = moments(node.dist, r);
      const xbar = mean(xs);
      const mu = (K * m0 + n * xbar) / (K + n);
      const v = (K * (v0 + (m0 - mu) ** 2) + xs.reduce((s, x) => s + (x - mu) ** 2, 0)) / (K + n);
      const sd = Math.sqrt(Math.max(v, 1e-12));
      if (node.dist === 'uniform') return { row: { min: sig(mu - Math.sqrt(3) * sd), max: sig(mu + Math.sqrt(3) * sd) }, method: 'moment matching (no conjugate prior)' };
      if (node.dist === 'beta') {
        const c = Math.max(1e-3, (mu * (1 - mu)) / Math.max(v, 1e-9) - 1);
        return { row: { a: sig(Math.max(1e-3, mu * c)), b: sig(Math.max(1e-3, (1 - mu) * c)) }, method: 'moment matching (no conjugate prior)' };
      }
      // gamma
      return { row: { shape: sig(Math.max(1e-3, (mu * mu) / v)), scale: sig(Math.max(1e-6, v / mu)) }, method: 'moment matching (no conjugate prior)' };
    }
  }
}

function moments(dist: string, r: ParamRow): { m0: number; v0: number } {
  const g = (k: string) => r[k] as number;
  if (dist === 'uniform') return { m0: (g('min') + g('max')) / 2, v0: (g('max') - g('min')) ** 2 / 12 };
  if (dist === 'beta') {
    const a = g('a');
    const b = g('b');
    return { m0: a / (a + b), v0: (a * b) / ((a + b) ** 2 * (a + b + 1)) };
  }
  return { m0: g('shape') * g('scale'), v0: g('shape') * g('scale') ** 2 };
}

function finiteRow(row: CptRow): boolean {
  const nums = Array.isArray(row) ? row : Object.values(row).flatMap((v) => (Array.isArray(v) ? v : [v]));
  return nums.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Parent domains of a node (element nodes look in their own type first). */
function parentDomains(net: Network, key: string, node: NodeDef): Scalar[][] {
  const type = key.includes('.') ? key.split('.')[0]! : undefined;
  return (node.parents ?? []).map((p) => {
    const local = type !== undefined ? net.byKey.get(`${type}.${p}`) : undefined;
    return [...(local ?? net.byKey.get(p))!.domain!];
  });
}

/** Whether an observation's value is one the node can take (categorical values; finite numbers; records). */
function admissible(node: NodeDef, o: NodeObservation): boolean {
  const kind = DISTRIBUTIONS[node.dist].kind;
  if (kind === 'categorical') return node.values!.some((v) => valueKey(v) === valueKey(o.value as Scalar));
  if (kind === 'bernoulli') return typeof o.value === 'boolean';
  if (kind === 'dirichlet') return typeof o.value === 'object' && o.value !== null && !Array.isArray(o.value);
  if (typeof o.value !== 'number' || !Number.isFinite(o.value)) return false;
  if (node.dist === 'lognormal' || node.dist === 'gamma' || node.dist === 'exponential') return o.value > 0;
  if (node.dist === 'beta') return o.value >= 0 && o.value <= 1;
  if (node.dist === 'poisson') return o.value >= 0;
  return true;
}

/**
 * Fits a network to observations: every node with observations gets the conjugate posterior (see module doc),
 * every other node is kept and listed with a reason. The result is validated and compiled before it is returned.
 * @throws InputError if the result is not a valid network (a bug: it is checked rather than written).
 */
export function fitNetwork(base: NetworkDef, evidence: NetworkEvidence, opts: FitOptions = {}): FitResult {
  const K = opts.strength ?? DEFAULT_STRENGTH;
  if (!(K > 0 && Number.isFinite(K))) throw new RangeError(`strength must be a number > 0, got ${K}`);
  const valid = validateNetwork(base, { defaultName: base.name });
  const net = compileNetwork(valid);
  const def = clone(valid);
  const fitted: FittedNode[] = [];
  const unchanged: FitResult['unchanged'] = [];
  const keys = [...net.byKey.keys()];
  for (const key of keys) {
    const [scope, name] = key.includes('.') ? (key.split('.') as [string, string]) : [undefined, key];
    const node = scope === undefined ? def.nodes[name]! : scope === 'effects' && def.effects ? def.effects.nodes[name]! : def.elements![scope]!.nodes![name]!;
    const obsAll = evidence.observations[key] ?? [];
    const why = evidence.uninformed?.[key];
    if (node.dist === 'multinomial') {
      unchanged.push({ key, reason: 'multinomial: follows its n and p nodes' });
      continue;
    }
    if (obsAll.length === 0) {
      unchanged.push({ key, reason: why ?? 'no observations in the data' });
      continue;
    }
    if (node.dist === 'uniform' && node.round === 'integer') {
      unchanged.push({ key, reason: 'integer-valued uniform: refitting would change its values' });
      continue;
    }
    const obs = obsAll.filter((o) => admissible(node, o));
    const ignored = obsAll.length - obs.length;
    if (obs.length === 0) {
      unchanged.push({ key, reason: `all ${obsAll.length} observations are values it cannot take` });
      continue;
    }
    const parents = node.parents ?? [];
    const rows = rowsOf(node, parentDomains(net, key, node));
    let method = '';
    let before = '';
    let after = '';
    const Kn = evidence.strength?.[key] ?? K;
    if (!(Kn > 0 && Number.isFinite(Kn))) throw new RangeError(`evidence.strength.${key} must be a number > 0, got ${Kn}`);
    for (const r of rows) {
      const mine = obs.filter((o) => matches(r.config, parents, o));
      if (mine.length === 0) continue;
      const u = updateRow(node, r.row, mine, Kn);
      // A row that came out non-finite (degenerate data) keeps its prior.
      if (!finiteRow(u.row)) continue;
      if (!before) {
        before = `${parents.length ? `${configKey(r.config)}: ` : ''}${fmtRow(r.row)}`;
        after = fmtRow(u.row);
      }
      r.row = u.row;
      method = u.method;
    }
    if (!method) {
      unchanged.push({ key, reason: 'no observation agrees with any parent configuration' });
      continue;
    }
    const out = writeRows(node, rows);
    if (scope === undefined) def.nodes[name] = out;
    else if (scope === 'effects' && def.effects) def.effects.nodes[name] = out;
    else def.elements![scope]!.nodes![name] = out;
    fitted.push({ key, dist: node.dist, observations: obs.length, method: Kn !== K ? `${method}, strength ${Kn}` : method, before, after, ...(ignored ? { ignored } : {}) });
  }
  for (const key of Object.keys(evidence.observations)) {
    if (!net.byKey.has(key)) unchanged.push({ key, reason: 'observed, but the base network has no such node' });
  }
  const checked = validateNetwork(def, { defaultName: def.name });
  compileNetwork(checked);
  return { def: checked, strength: K, fitted, unchanged };
}

/** Sequences of scalars and small parameter maps in flow style (`[0.2, 0.8]`, `{mean: 19, sd: 3}`). */
function compactStyle(doc: YAML.Document): void {
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => YAML.isScalar(i))) node.flow = true;
    },
    Map(_, node) {
      if (node.items.length <= 4 && node.items.every((p) => YAML.isScalar(p.value) || (YAML.isSeq(p.value) && p.value.items.every((i) => YAML.isScalar(i))))) {
        if (node.items.some((p) => YAML.isScalar(p.key) && ['dist', 'description', 'count'].includes(String((p.key as YAML.Scalar).value)))) return;
        node.flow = true;
      }
    },
  });
}

/**
 * The text of a network file: YAML with `header` as a comment block, or JSON (no comments: put the record in
 * `description`).
 */
export function formatNetwork(def: NetworkDef, format: 'yaml' | 'json', header: readonly string[] = []): string {
  if (format === 'json') return `${JSON.stringify(def, null, 2)}\n`;
  const doc = new YAML.Document(def);
  compactStyle(doc);
  if (header.length) doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
