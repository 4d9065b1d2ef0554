/**
 * Page analysis: ink components, segments, each segment's neighbours, and the candidate pairs of segments
 * (vertically or horizontally adjacent) with the features the "same region?" classifier reads.
 */
import { findComponents, type Components } from './components.js';
import type { GreyImage } from './image.js';
import { buildSegments, pageScale, type Segment } from './segments.js';

/**
 * Direction of a candidate pair: `b` below `a`; `b` right of `a` on the same line; `b` right of `a`, not on
 * its line but touching its height (an equation number beside a two-line formula).
 */
export const enum PairDir {
  Below = 0,
  Right = 1,
  Side = 2,
}

/** Context of one segment among its neighbours. */
export interface SegmentContext {
  /** Nearest segment to the left on the same line, or -1. */
  left: number;
  leftGap: number;
  /** Nearest segment to the right on the same line, or -1. */
  right: number;
  /** Nearest segment to the right, off the line but within its height, or -1. */
  side: number;
  /** Segments reached along the line through gaps under four scales, this one included. */
  chain: number;
  /** Gap to the nearest segment above / below that overlaps it horizontally (Infinity if none). */
  aboveGap: number;
  belowGap: number;
  /** Segments directly below / above (the nearest row that overlaps horizontally). */
  below: number[];
  above: number[];
}

/** Everything the detector knows about a page before any learned decision. */
export interface PageAnalysis {
  width: number;
  height: number;
  /** Median letter-component height, the unit of most features. */
  scale: number;
  /** Median gap between consecutive text lines. */
  lineGap: number;
  /** Median height of line-like segments. */
  lineHeight: number;
  segs: Segment[];
  ctx: SegmentContext[];
  /** Candidate pairs: a[k] and b[k] with direction dir[k]. */
  pairA: Int32Array;
  pairB: Int32Array;
  pairDir: Uint8Array;
  /** Pair features, row-major, PAIR_FEATURES per pair. */
  pairX: Float32Array;
}

/** Number of features of a pair. */
export const PAIR_FEATURES = 46;

/** Vertical overlap of two segments. */
function yOverlap(a: Segment, b: Segment): number {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
}

function xOverlap(a: Segment, b: Segment): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/** True if two segments sit on one line (they overlap vertically by half the smaller height). */
export function sameLine(a: Segment, b: Segment): boolean {
  return yOverlap(a, b) >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

function median(values: number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const s = values.slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Finds each segment's neighbours on its line and above/below it. */
function contexts(sorted: SortedSegs, scale: number): SegmentContext[] {
  const { segs, maxH } = sorted;
  const n = segs.length;
  const ctx: SegmentContext[] = segs.map(() => ({ left: -1, leftGap: Infinity, right: -1, side: -1, chain: 1, aboveGap: Infinity, belowGap: Infinity, below: [], above: [] }));
  const rightGap = new Float64Array(n).fill(Infinity);
  const maxV = 8 * scale;
  // Segments are sorted by top edge, so the scan stops at the first one that starts too far below. The nearest
  // same-line neighbour on the right is taken at any distance (equation numbers, legends beside a chart).
  for (let i = 0; i < n; i++) {
    const a = segs[i]!;
    let best = Infinity;
    let sideGap = Infinity;
    const cands: Array<[number, number]> = [];
    // Segments starting above a.y0 - maxV - maxH end above a.y0 - maxV: skipped below anyway.
    for (let j = firstFrom(segs, a.y0 - maxV - maxH); j < n; j++) {
      if (j === i) continue;
      const b = segs[j]!;
      if (b.y0 > a.y1 + maxV) break;
      if (b.y1 < a.y0 - maxV) continue;
      if (sameLine(a, b)) {
        const cxA = a.x0 + a.x1;
        const cxB = b.x0 + b.x1;
        if (cxB > cxA || (cxB === cxA && j > i)) {
          const gap = b.x0 - a.x1;
          if (gap < rightGap[i]!) {
            rightGap[i] = gap;
            ctx[i]!.right = j;
          }
        }
        continue;
      }
      const dx = b.x0 - a.x1;
      if (dx >= 0 && yOverlap(a, b) > -0.25 * scale && dx < sideGap) {
        sideGap = dx;
        ctx[i]!.side = j;
      }
      if (xOverlap(a, b) <= 0 || b.y0 + b.y1 <= a.y0 + a.y1) continue;
      const gap = b.y0 - a.y1;
      if (gap > maxV) continue;
      cands.push([j, gap]);
      best = Math.min(best, gap);
    }
    for (const [j, gap] of cands) {
      if (gap <= best + 0.5 * scale) {
        ctx[i]!.below.push(j);
        ctx[j]!.above.push(i);
      }
    }
    ctx[i]!.belowGap = best;
  }
  for (let i = 0; i < n; i++) {
    const r = ctx[i]!.right;
    if (r >= 0) {
      // The nearest right neighbour of i has i as left neighbour unless something nearer is on its left.
      const gap = rightGap[i]!;
      if (gap < ctx[r]!.leftGap) {
        ctx[r]!.leftGap = gap;
        ctx[r]!.left = i;
      }
    }
    for (const j of ctx[i]!.above) ctx[i]!.aboveGap = Math.min(ctx[i]!.aboveGap, segs[i]!.y0 - segs[j]!.y1);
  }
  for (let i = 0; i < n; i++) {
    let c = 1;
    for (let k = ctx[i]!.left, prev = i; k >= 0 && c < 50 && ctx[prev]!.leftGap < 4 * scale; prev = k, k = ctx[k]!.left) c++;
    for (let k = ctx[i]!.right, prev = i; k >= 0 && c < 50 && rightGap[prev]! < 4 * scale; prev = k, k = ctx[k]!.right) c++;
    ctx[i]!.chain = c;
  }
  return ctx;
}

/** Segments sorted by top edge, with the tallest one's height: what bounds the scans for neighbours. */
interface SortedSegs {
  segs: Segment[];
  maxH: number;
}

/** Index of the first segment whose top edge is at or below `y` (segments sorted by top edge). */
function firstFrom(segs: readonly Segment[], y: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.y0 < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * 1 if some segment spans x within `band` pixels above (dir -1) or below (dir 1) the segment s, else 0. Only the
 * segments whose top edge can qualify are visited (a page of dithered noise has tens of thousands of segments).
 */
function covered(sorted: SortedSegs, s: Segment, x: number, dir: -1 | 1, band: number): number {
  const { segs, maxH } = sorted;
  const [from, to] = dir < 0 ? [s.y0 - band - maxH, s.y0] : [s.y1, s.y1 + band];
  for (let k = firstFrom(segs, from); k < segs.length; k++) {
    const t = segs[k]!;
    if (t.y0 > to) break;
    if (t === s || t.x0 > x || t.x1 <= x) continue;
    if (dir < 0 ? t.y1 <= s.y0 && t.y1 > s.y0 - band : t.y0 >= s.y1 && t.y0 < s.y1 + band) return 1;
  }
  return 0;
}

const cap = (v: number, m = 1000) => (Number.isFinite(v) ? Math.max(-m, Math.min(m, v)) : m);

/** Per-segment features used on both sides of a pair. */
function segmentFeatures(s: Segment, c: SegmentContext, segs: Segment[], u: number): number[] {
  const w = s.x1 - s.x0;
  const h = s.y1 - s.y0;
  const l = c.left >= 0 ? segs[c.left]! : undefined;
  return [
    h / u,
    w / u,
    s.ink / Math.max(1, w * h),
    s.ink / Math.max(1, s.runs),
    s.comps.length,
    s.maxCompH / u,
    s.firstWordW / u,
    s.firstGap / u,
    cap(c.leftGap / u),
    l ? (l.x1 - l.x0) / u : -1,
    l ? (l.y1 - l.y0) / u : -1,
    c.chain,
  ];
}

/**
 * Analyses a page: components, segments, neighbours and candidate pairs with their features. `img` is the prepared
 * page and `cc` its components, as `preparePage` (image.ts) gives them (found on `img` when absent).
 * @example const { image, cc } = preparePage(await loadGrey(path)); const page = analysePage(image, cc); page.segs.length
 */
export function analysePage(img: GreyImage, cc: Components = findComponents(img)): PageAnalysis {
  const u = pageScale(cc);
  const segs = buildSegments(cc, u);
  const sorted: SortedSegs = { segs, maxH: segs.reduce((m, g) => Math.max(m, g.y1 - g.y0), 0) };
  const ctx = contexts(sorted, u);
  const lineGaps: number[] = [];
  const lineHeights: number[] = [];
  segs.forEach((s, i) => {
    const h = s.y1 - s.y0;
    if (s.x1 - s.x0 > 3 * u && h < 3 * u) {
      lineHeights.push(h);
      const g = ctx[i]!.belowGap;
      if (Number.isFinite(g) && g > 0) lineGaps.push(g);
    }
  });
  const lineGap = Math.max(1, median(lineGaps, u / 2));
  const lineHeight = Math.max(2, median(lineHeights, u * 1.5));
  const A: number[] = [];
  const B: number[] = [];
  const D: number[] = [];
  segs.forEach((_, i) => {
    for (const j of ctx[i]!.below) {
      A.push(i);
      B.push(j);
      D.push(PairDir.Below);
    }
    const { right, side } = ctx[i]!;
    if (right >= 0) {
      A.push(i);
      B.push(right);
      D.push(PairDir.Right);
    }
    if (side >= 0) {
      A.push(i);
      B.push(side);
      D.push(PairDir.Side);
    }
  });
  const W = img.width;
  const H = img.height;
  const segF = segs.map((s, i) => segmentFeatures(s, ctx[i]!, segs, u));
  const pairX = new Float32Array(A.length * PAIR_FEATURES);
  for (let k = 0; k < A.length; k++) {
    const a = segs[A[k]!]!;
    const b = segs[B[k]!]!;
    const ca = ctx[A[k]!]!;
    const cb = ctx[B[k]!]!;
    const dir = D[k]!;
    const gap = dir === PairDir.Below ? b.y0 - a.y1 : b.x0 - a.x1;
    const mid = (a.x1 + b.x0) / 2;
    const band = 2 * lineHeight;
    const f = [
      dir,
      gap / u,
      gap / lineGap,
      (b.x0 - a.x0) / u,
      (b.x1 - a.x1) / u,
      (b.x0 + b.x1 - a.x0 - a.x1) / (2 * u),
      xOverlap(a, b) / Math.max(1, Math.min(a.x1 - a.x0, b.x1 - b.x0)),
      yOverlap(a, b) / Math.max(1, Math.min(a.y1 - a.y0, b.y1 - b.y0)),
      cap(ca.aboveGap / u),
      cap(cb.belowGap / u),
      cap(ca.belowGap / u),
      cap(cb.aboveGap / u),
      ca.below.length,
      cb.above.length,
      a.y0 / H,
      b.y1 / H,
      Math.min(a.x0, b.x0) / W,
      Math.max(a.x1, b.x1) / W,
      dir === PairDir.Below ? -1 : covered(sorted, a, mid, -1, band) + covered(sorted, b, mid, -1, band),
      dir === PairDir.Below ? -1 : covered(sorted, a, mid, 1, band) + covered(sorted, b, mid, 1, band),
      lineHeight / u,
      lineGap / u,
      ...segF[A[k]!]!,
      ...segF[B[k]!]!,
    ];
    if (f.length !== PAIR_FEATURES) throw new Error(`pair features: ${f.length} != ${PAIR_FEATURES}`);
    for (let t = 0; t < PAIR_FEATURES; t++) pairX[k * PAIR_FEATURES + t] = cap(f[t]!, 1e6);
  }
  return { width: W, height: H, scale: u, lineGap, lineHeight, segs, ctx, pairA: Int32Array.from(A), pairB: Int32Array.from(B), pairDir: Uint8Array.from(D), pairX };
}
