/**
 * Record matching ("does a synthetic page copy a real layout?").
 *
 * - Distance of a page to a real page: Euclidean distance of their page-level feature vectors, each feature
 *   standardised by the real pages' mean and sd. For every synthetic page its distance to the closest real
 *   page (DCR) is compared with the real pages' distances to their closest *other* real page.
 * - A synthetic page is **flagged as a copy** when its DCR is below the 5th percentile of the real-to-real
 *   distances *and* its boxes match the closest real page's boxes one to one: every box of each page paired
 *   with a box of the same class at IoU ≥ 0.7 (page-normalised coordinates), for at least 90% of the boxes of
 *   both pages.
 */
import { quantile } from 'simple-statistics';
import { overlapX, overlapY, type CentredBox, type PageFeatures } from './features.js';

export interface PrivacyResult {
  /** Real-to-real nearest distances: 5th, 50th percentile. */
  realToReal: { p05: number; median: number };
  /** Synthetic-to-real nearest distances: 5th, 50th percentile, and minimum. */
  syntheticToReal: { p05: number; median: number; min: number };
  /** Share of synthetic pages closer to a real page than the real-to-real 5th percentile (≈ 0.05 if alike). */
  closeShare: number;
  /** Synthetic pages flagged as copies of a real page. */
  flagged: Array<{ synthetic: string; real: string; distance: number; matched: number }>;
}

function dist(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

function iou(a: CentredBox, b: CentredBox): number {
  const w = overlapX(a, b);
  const h = overlapY(a, b);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

/** Fraction of the boxes of both pages paired one to one (same class, IoU ≥ 0.7), greedily by IoU. */
export function boxMatch(a: PageFeatures, b: PageFeatures): number {
  const pairs: Array<[number, number, number]> = [];
  a.boxes.forEach((x, i) => b.boxes.forEach((y, j) => {
    if (x.cls !== y.cls) return;
    const v = iou(x, y);
    if (v >= 0.7) pairs.push([i, j, v]);
  }));
  pairs.sort((p, q) => q[2] - p[2]);
  const ua = new Set<number>();
  const ub = new Set<number>();
  for (const [i, j] of pairs) {
    if (ua.has(i) || ub.has(j)) continue;
    ua.add(i);
    ub.add(j);
  }
  const total = a.boxes.length + b.boxes.length;
  return total ? (2 * ua.size) / total : 1;
}

/** Record matching of synthetic pages against real ones (see module doc). */
export function recordMatching(
  realRows: readonly number[][],
  synRows: readonly number[][],
  realPages: readonly PageFeatures[],
  synPages: readonly PageFeatures[],
): PrivacyResult {
  const d = realRows[0]?.length ?? 0;
  const mu = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of realRows) r.forEach((x, j) => (mu[j]! += x / realRows.length));
  for (const r of realRows) r.forEach((x, j) => (sd[j]! += (x - mu[j]!) ** 2 / Math.max(1, realRows.length - 1)));
  const s = sd.map((v) => (v > 0 ? Math.sqrt(v) : 1));
  const z = (r: readonly number[]) => r.map((x, j) => (x - mu[j]!) / s[j]!);
  const R = realRows.map(z);
  const S = synRows.map(z);
  const rr = R.map((a, i) => Math.min(...R.filter((_, j) => j !== i).map((b) => dist(a, b))));
  const nearest = S.map((a) => {
    let best = Number.POSITIVE_INFINITY;
    let k = -1;
    R.forEach((b, j) => {
      const v = dist(a, b);
      if (v < best) {
        best = v;
        k = j;
      }
    });
    return { d: best, k };
  });
  const rrFinite = rr.filter(Number.isFinite);
  const threshold = rrFinite.length ? quantile(rrFinite, 0.05) : 0;
  const sr = nearest.map((n) => n.d);
  const flagged: PrivacyResult['flagged'] = [];
  nearest.forEach((n, i) => {
    if (n.d >= threshold || n.k < 0) return;
    const m = boxMatch(synPages[i]!, realPages[n.k]!);
    if (m >= 0.9) flagged.push({ synthetic: synPages[i]!.file, real: realPages[n.k]!.file, distance: n.d, matched: m });
  });
  return {
    realToReal: { p05: threshold, median: rrFinite.length ? quantile(rrFinite, 0.5) : 0 },
    syntheticToReal: { p05: sr.length ? quantile(sr, 0.05) : 0, median: sr.length ? quantile(sr, 0.5) : 0, min: sr.length ? Math.min(...sr) : 0 },
    closeShare: sr.length ? sr.filter((x) => x < threshold).length / sr.length : 0,
    flagged,
  };
}
