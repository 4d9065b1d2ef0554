/**
 * The genre of real pages, inferred through the network. Boxes do not show a page's genre (`template`), but most
 * page-level nodes depend on it: papers have two columns and equations, invoices one column and tables, receipts
 * a narrow page. Given the base network's conditional distributions, the observations of one page (columns, page
 * size, margins, furniture, the element counts by type...) give a posterior over the genre:
 *
 *   P(template = t | page) ∝ P(t) · Π_nodes P(observed value | template = t, the node's other parents as observed)
 *
 * over the page-level nodes that have `template` as a parent and whose other parents the page shows too. This is one
 * expectation step (the base network's parameters, not the fitted ones); the set's expected genre counts are then the
 * observations of `template` (evidence.ts). Each factor is floored at {@link LIKELIHOOD_FLOOR}, so that one odd value
 * does not rule a genre out (a real page is never exactly what the network would draw).
 *
 * Likelihoods: categorical and bernoulli probabilities; Poisson pmf, normal and lognormal densities renormalised to
 * the node's `min`/`max`; uniform density; a Dirichlet node observed as counts (type_mix) by its Dirichlet-multinomial
 * probability. Nodes of other distributions are skipped.
 */
import type { NodeObservation } from '../../network/fit.js';
import type { CptRow, NetworkDef, NodeDef, ParamRow, Scalar } from '../../network/index.js';

/** Smallest factor one node contributes to a page's genre likelihood. */
export const LIKELIHOOD_FLOOR = 1e-4;

/** One page-level observation of a page. */
export interface PageObservation extends NodeObservation {
  key: string;
}

/** log Γ(x), x > 0 (Lanczos, g = 7; relative error under 1e-13). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Standard normal CDF (erfc by W. J. Cody's rational approximation, via Numerical Recipes' erfcc: error < 1.2e-7). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Log-likelihood of `value` under one row of `node`, or null when the distribution is not handled. */
export function rowLogLikelihood(node: NodeDef, row: CptRow, value: NodeObservation['value']): number | null {
  const lo = node.min ?? Number.NEGATIVE_INFINITY;
  const hi = node.max ?? Number.POSITIVE_INFINITY;
  switch (node.dist) {
    case 'categorical': {
      const i = (node.values ?? []).findIndex((v) => String(v) === String(value));
      return i < 0 ? null : Math.log((row as number[])[i]!);
    }
    case 'bernoulli': {
      if (typeof value !== 'boolean') return null;
      const p = (row as ParamRow).p as number;
      return Math.log(value ? p : 1 - p);
    }
    case 'poisson': {
      if (typeof value !== 'number' || value < 0) return null;
      const lambda = (row as ParamRow).lambda as number;
      const k = Math.round(value);
      const logPmf = (j: number) => (lambda === 0 ? (j === 0 ? 0 : Number.NEGATIVE_INFINITY) : j * Math.log(lambda) - lambda - logGamma(j + 1));
      const from = Math.max(0, Math.ceil(lo));
      const to = Math.min(Number.isFinite(hi) ? Math.floor(hi) : from + 1000, from + 1000);
      if (from === 0 && !Number.isFinite(hi)) return logPmf(k);
      let z = 0;
      for (let j = from; j <= to; j++) z += Math.exp(logPmf(j));
      return logPmf(k) - Math.log(Math.max(z, 1e-300));
    }
    case 'normal':
    case 'lognormal': {
      if (typeof value !== 'number' || (node.dist === 'lognormal' && value <= 0)) return null;
      const r = row as ParamRow;
      const log = node.dist === 'lognormal';
      const mu = (log ? r.mu : r.mean) as number;
      const sd = (log ? r.sigma : r.sd) as number;
      const y = log ? Math.log(value) : value;
      const t = (v: number) => (log ? (v > 0 ? Math.log(v) : Number.NEGATIVE_INFINITY) : v);
      const z = phi((t(hi) - mu) / sd) - phi((t(lo) - mu) / sd);
      return -0.5 * ((y - mu) / sd) ** 2 - Math.log(sd * Math.sqrt(2 * Math.PI)) - (log ? y : 0) - Math.log(Math.max(z, 1e-300));
    }
    case 'uniform': {
      if (typeof value !== 'number') return null;
      const r = row as ParamRow;
      const a = r.min as number;
      const b = r.max as number;
      const w = b - a;
      if (w <= 0) return Math.abs(value - a) < 1e-6 ? 0 : Number.NEGATIVE_INFINITY;
      return value >= a - 1e-9 && value <= b + 1e-9 ? -Math.log(w) : Number.NEGATIVE_INFINITY;
    }
    case 'dirichlet': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      const alpha = (row as ParamRow).alpha as number[];
      const counts = (node.categories ?? []).map((c) => Math.max(0, Math.round(Number((value as Record<string, number>)[c] ?? 0))));
      const n = counts.reduce((a, b) => a + b, 0);
      const A = alpha.reduce((a, b) => a + b, 0);
      let ll = logGamma(A) - logGamma(n + A);
      counts.forEach((c, k) => (ll += logGamma(c + alpha[k]!) - logGamma(alpha[k]!)));
      return ll;
    }
    default:
      return null;
  }
}

/** The row of `node` for a parent configuration (its own `probs`/`params` when it has no parents). */
function rowOf(node: NodeDef, config: readonly Scalar[]): CptRow | undefined {
  if (!node.parents?.length) return (node.dist === 'categorical' ? node.probs : node.params) as CptRow | undefined;
  return node.cpt?.[config.map(String).join(',')] ?? node.cpt?.['*'];
}

/**
 * Posterior over the values of the page-level node `genre` (default `template`) given one page's page-level
 * observations (see module doc), or null when the network has no such categorical node or nothing observed depends on
 * it.
 * @example genrePosterior(def, [{ key: 'columns', value: 2, parents: { orientation: 'portrait' } }]).scientific
 */
export function genrePosterior(def: NetworkDef, page: readonly PageObservation[], genre = 'template'): Record<string, number> | null {
  const g = def.nodes[genre];
  if (!g || g.dist !== 'categorical' || g.parents?.length) return null;
  const values = g.values ?? [];
  const logp = values.map((_, i) => Math.log(Math.max((g.probs ?? [])[i] ?? 0, 1e-300)));
  const seen = new Map(page.map((o) => [o.key, o]));
  let used = 0;
  for (const o of page) {
    const node = def.nodes[o.key];
    if (!node || !node.parents?.includes(genre)) continue;
    // Every other parent must be known on this page: from the observation itself, or observed on the page.
    const others = node.parents.filter((p) => p !== genre).map((p) => (o.parents && p in o.parents ? o.parents[p] : (seen.get(p)?.value as Scalar | undefined)));
    if (others.some((v) => v === undefined)) continue;
    const lls = values.map((t) => {
      let k = 0;
      const config = node.parents!.map((p) => (p === genre ? t : others[k++]!));
      const row = rowOf(node, config);
      return row === undefined ? null : rowLogLikelihood(node, row, o.value);
    });
    if (lls.some((x) => x === null)) continue;
    const floor = Math.log(LIKELIHOOD_FLOOR);
    // Floored relative to the best genre, so a density's scale does not matter.
    const best = Math.max(...(lls as number[]));
    // A value no genre can give says nothing about the genre.
    if (!Number.isFinite(best)) continue;
    lls.forEach((x, i) => (logp[i]! += Math.max(x! - best, floor)));
    used++;
  }
  if (!used) return null;
  const m = Math.max(...logp);
  const w = logp.map((x) => Math.exp(x - m));
  const s = w.reduce((a, b) => a + b, 0);
  return Object.fromEntries(values.map((v, i) => [String(v), w[i]! / s]));
}

/** EM iterations of {@link genreMixture}. */
export const GENRE_EM_ITERATIONS = 50;

/**
 * The genre shares of a set and each page's genre posterior, by expectation-maximisation over the pages: start from
 * the network's own genre probabilities, compute every page's posterior (`genrePosterior`), take the mean posterior as
 * the genre probabilities, and repeat ({@link GENRE_EM_ITERATIONS} times, or until no share moves by 1e-4). One step
 * alone leaves the network's prior in every page's posterior, so a set of papers read through a prior of a quarter
 * papers comes out half papers; the iterations give the maximum-likelihood shares of the mixture. Pages without a
 * posterior (nothing they show depends on the genre) are left out (null). Null shares when no page has one.
 * @example genreMixture(def, pages).shares // { scientific: 0.92, report: 0.05, ... }
 */
export function genreMixture(def: NetworkDef, pages: ReadonlyArray<readonly PageObservation[]>, genre = 'template'): { shares: Record<string, number> | null; posteriors: Array<Record<string, number> | null> } {
  const g = def.nodes[genre];
  let posteriors = pages.map((po) => genrePosterior(def, po, genre));
  if (!g || g.dist !== 'categorical' || g.parents?.length || !posteriors.some((p) => p)) return { shares: null, posteriors };
  const values = (g.values ?? []).map(String);
  let shares: number[] = values.map((_, i) => (g.probs ?? [])[i] ?? 0);
  for (let it = 0; it < GENRE_EM_ITERATIONS; it++) {
    const seen = posteriors.filter((p): p is Record<string, number> => p !== null);
    // A share never falls to exactly 0: a genre the prior allows stays possible for the next page.
    const next = values.map((v) => Math.max(1e-6, seen.reduce((s, p) => s + (p[v] ?? 0), 0) / seen.length));
    const total = next.reduce((a, b) => a + b, 0);
    const moved = Math.max(...next.map((x, i) => Math.abs(x / total - shares[i]!)));
    shares = next.map((x) => x / total);
    const step: NetworkDef = { ...def, nodes: { ...def.nodes, [genre]: { ...g, probs: shares } } };
    posteriors = pages.map((po) => genrePosterior(step, po, genre));
    if (moved < 1e-4) break;
  }
  return { shares: Object.fromEntries(values.map((v, i) => [v, shares[i]!])), posteriors };
}

/**
 * Whole-number counts that sum to `n` and are as close as can be to `expected` (largest remainders), keyed as given.
 * @example roundCounts({ a: 1.6, b: 1.4 }, 3) // { a: 2, b: 1 }
 */
export function roundCounts(expected: Record<string, number>, n: number): Record<string, number> {
  const keys = Object.keys(expected);
  const total = keys.reduce((s, k) => s + expected[k]!, 0) || 1;
  const scaled = keys.map((k) => (expected[k]! / total) * n);
  const out = scaled.map(Math.floor);
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = scaled.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return Object.fromEntries(keys.map((k, i) => [k, out[i]!]));
}
