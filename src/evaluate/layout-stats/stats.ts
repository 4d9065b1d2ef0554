/**
 * Two-sample tests and summaries used by `compare`.
 *
 * - Two-sample Kolmogorov-Smirnov: D = sup |F_real − F_syn| over the pooled sample; p-value from the asymptotic
 *   Kolmogorov distribution with Stephens' small-sample correction, λ = (√n_e + 0.12 + 0.11/√n_e)·D with
 *   n_e = n·m/(n + m) (Numerical Recipes §14.3; no maintained npm package offers a two-sample KS test). On
 *   discrete data (counts) the test is conservative.
 * - Chi-squared test of homogeneity on a 2 × K table (real, synthetic × value): values in order, neighbouring
 *   bins merged until every expected cell count is ≥ 5 (or two bins remain); df = K − 1; p from the chi-squared
 *   CDF of @stdlib.
 * - ROC AUC by the Mann-Whitney statistic (ties count ½).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { mean, quantile, sampleCorrelation, sampleStandardDeviation } from 'simple-statistics';

/** Summary of a sample. */
export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  p05: number | null;
  median: number | null;
  p95: number | null;
}

export function summarise(xs: readonly number[]): Summary {
  if (xs.length === 0) return { n: 0, mean: null, sd: null, p05: null, median: null, p95: null };
  const a = xs as number[];
  return {
    n: xs.length,
    mean: mean(a),
    sd: xs.length > 1 ? sampleStandardDeviation(a) : 0,
    p05: quantile(a, 0.05),
    median: quantile(a, 0.5),
    p95: quantile(a, 0.95),
  };
}

/** Survival function of the Kolmogorov distribution, Q(λ) = 2 Σ (−1)^(k−1) exp(−2k²λ²). */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) <= 1e-10 * Math.abs(sum) || Math.abs(term) <= 1e-300) return Math.max(0, Math.min(1, sum));
  }
  return 1; // series did not converge: λ tiny, p ≈ 1
}

/** Two-sample Kolmogorov-Smirnov statistic and asymptotic p-value. */
export function ks2(a: readonly number[], b: readonly number[]): { d: number; p: number } {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return { d: Number.NaN, p: Number.NaN };
  const x = a.slice().sort((p, q) => p - q);
  const y = b.slice().sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = Math.sqrt((n * m) / (n + m));
  return { d, p: kolmogorovQ((en + 0.12 + 0.11 / en) * d) };
}

/** Chi-squared test of homogeneity of two samples of categorical values (see module doc). */
export function chi2Homogeneity(
  a: readonly (string | number | boolean)[],
  b: readonly (string | number | boolean)[],
): { chi2: number; df: number; p: number; bins: string[] } {
  const values = [...new Set([...a, ...b])].sort((p, q) => (typeof p === 'number' && typeof q === 'number' ? p - q : String(p).localeCompare(String(q))));
  if (a.length === 0 || b.length === 0 || values.length < 2) return { chi2: 0, df: 0, p: 1, bins: values.map(String) };
  let bins = values.map((v) => ({ label: String(v), ca: a.filter((x) => x === v).length, cb: b.filter((x) => x === v).length }));
  const na = a.length;
  const nb = b.length;
  const N = na + nb;
  const minExpected = (bin: { ca: number; cb: number }) => (Math.min(na, nb) * (bin.ca + bin.cb)) / N;
  while (bins.length > 2) {
    let k = -1;
    let lo = 5;
    bins.forEach((bin, i) => {
      const e = minExpected(bin);
      if (e < lo) {
        lo = e;
        k = i;
      }
    });
    if (k < 0) break;
    // Merge with the smaller neighbour.
    const left = k > 0 ? bins[k - 1]! : undefined;
    const right = k + 1 < bins.length ? bins[k + 1]! : undefined;
    const j = !left ? k + 1 : !right ? k - 1 : left.ca + left.cb <= right.ca + right.cb ? k - 1 : k + 1;
    const [i0, i1] = j < k ? [j, k] : [k, j];
    const merged = { label: `${bins[i0]!.label}..${bins[i1]!.label.split('..').pop()}`, ca: bins[i0]!.ca + bins[i1]!.ca, cb: bins[i0]!.cb + bins[i1]!.cb };
    bins = [...bins.slice(0, i0), merged, ...bins.slice(i1 + 1)];
  }
  let chi2 = 0;
  for (const bin of bins) {
    const t = bin.ca + bin.cb;
    if (t === 0) continue;
    const ea = (na * t) / N;
    const eb = (nb * t) / N;
    chi2 += (bin.ca - ea) ** 2 / ea + (bin.cb - eb) ** 2 / eb;
  }
  const df = bins.length - 1;
  return { chi2, df, p: df > 0 ? 1 - chisquareCdf(chi2, df) : 1, bins: bins.map((x) => x.label) };
}

/** Pearson correlation matrix of the columns of `rows` (0 where a column is constant). */
export function correlationMatrix(rows: readonly (readonly number[])[]): number[][] {
  const d = rows[0]?.length ?? 0;
  const cols = Array.from({ length: d }, (_, j) => rows.map((r) => r[j]!));
  const constant = cols.map((c) => c.every((v) => v === c[0]));
  return cols.map((a, i) =>
    cols.map((b, j) => {
      if (i === j) return 1;
      if (constant[i] || constant[j] || rows.length < 3) return 0;
      const r = sampleCorrelation(a, b);
      return Number.isFinite(r) ? r : 0;
    }),
  );
}

/** ROC AUC of scores for positives (label 1) against negatives (label 0); ties count ½. */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((s, i) => i).sort((p, q) => scores[p]! - scores[q]!);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]!] = r;
    i = j + 1;
  }
  let nPos = 0;
  let sumPos = 0;
  labels.forEach((l, i) => {
    if (l === 1) {
      nPos++;
      sumPos += ranks[i]!;
    }
  });
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
