/**
 * Segments: runs of ink components that sit side by side on one line (a word group, a table cell, a chart
 * bar with its neighbours). They are the units that the learned grouping merges into regions.
 */
import type { Components } from './components.js';

/** A segment: the union of some components. Edges exclusive. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Component indices, sorted by left edge. */
  comps: number[];
  /** Ink pixels. */
  ink: number;
  /** Horizontal ink runs. */
  runs: number;
  /** Tallest component. */
  maxCompH: number;
  /** Width of the first word (components from the left until a gap wider than a third of the scale). */
  firstWordW: number;
  /** Gap after the first word, or 0 if the segment is one word. */
  firstGap: number;
}

/** The page scale: the median height of the letter-sized components, in pixels. */
export function pageScale(cc: Components): number {
  const hs: number[] = [];
  for (let i = 0; i < cc.count; i++) {
    const h = cc.y1[i]! - cc.y0[i]!;
    const w = cc.x1[i]! - cc.x0[i]!;
    if (h >= 4 && w >= 2 && h <= 200 && w <= 200) hs.push(h);
  }
  if (hs.length === 0) return 12;
  hs.sort((a, b) => a - b);
  return Math.max(4, hs[hs.length >> 1]!);
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    let r = i;
    while (p[r]! !== r) r = p[r]!;
    while (p[i]! !== r) {
      const next = p[i]!;
      p[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Groups components into segments: two components join when they overlap vertically by at least half the
 * smaller one and the horizontal gap between them is at most `gapScale` times the page scale; then lone
 * small marks (i-dots, accents) join the segment just below them.
 * @example const segs = buildSegments(cc, pageScale(cc));
 */
export function buildSegments(cc: Components, scale: number, gapScale = 1.0): Segment[] {
  const n = cc.count;
  const { x0, y0, x1, y1 } = cc;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x0[a]! - x0[b]! || y0[a]! - y0[b]!);
  const uf = new UnionFind(n);
  const maxGap = gapScale * scale;
  let active: number[] = [];
  for (const i of order) {
    const xi = x0[i]!;
    const next: number[] = [];
    for (const j of active) {
      if (x1[j]! + maxGap < xi) continue;
      next.push(j);
      const overlap = Math.min(y1[i]!, y1[j]!) - Math.max(y0[i]!, y0[j]!);
      const minH = Math.min(y1[i]! - y0[i]!, y1[j]! - y0[j]!);
      if (overlap > 0 && overlap >= 0.5 * minH) uf.union(i, j);
    }
    next.push(i);
    active = next;
  }
  // Lone small marks join the nearest group below them that they overlap horizontally.
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[uf.find(i)]! += 1;
  const small = (i: number) => y1[i]! - y0[i]! < 0.5 * scale && x1[i]! - x0[i]! < 0.8 * scale;
  // The components by top edge: a mark's candidates start between 1 px above its bottom and 0.6 scale below it
  // (a page of scanner noise has tens of thousands of marks; each looks only there).
  const byTop = Array.from({ length: n }, (_, i) => i).sort((a, b) => y0[a]! - y0[b]! || a - b);
  const tops = Float64Array.from(byTop, (i) => y0[i]!);
  for (let i = 0; i < n; i++) {
    if (size[uf.find(i)] !== 1 || !small(i)) continue;
    // The nearest component below that overlaps horizontally, the highest index among equally near ones.
    let best = -1;
    let bestGap = 0.6 * scale;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tops[mid]! < y1[i]! - 1) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < n && tops[k]! - y1[i]! <= 0.6 * scale; k++) {
      const j = byTop[k]!;
      if (j === i || small(j)) continue;
      const gap = y0[j]! - y1[i]!;
      if (gap < -1 || gap > bestGap || (gap === bestGap && j < best)) continue;
      if (Math.min(x1[i]!, x1[j]!) - Math.max(x0[i]!, x0[j]!) <= 0) continue;
      best = j;
      bestGap = gap;
    }
    if (best >= 0) uf.union(i, best);
  }
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const segs: Segment[] = [];
  for (const comps of groups.values()) segs.push(makeSegment(cc, comps, scale));
  segs.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return segs;
}

/** Builds a segment from its components (sorted by left edge). */
function makeSegment(cc: Components, comps: number[], scale: number): Segment {
  let sx0 = Infinity;
  let sy0 = Infinity;
  let sx1 = -Infinity;
  let sy1 = -Infinity;
  let ink = 0;
  let runs = 0;
  let maxCompH = 0;
  for (const c of comps) {
    sx0 = Math.min(sx0, cc.x0[c]!);
    sy0 = Math.min(sy0, cc.y0[c]!);
    sx1 = Math.max(sx1, cc.x1[c]!);
    sy1 = Math.max(sy1, cc.y1[c]!);
    ink += cc.area[c]!;
    runs += cc.runs[c]!;
    maxCompH = Math.max(maxCompH, cc.y1[c]! - cc.y0[c]!);
  }
  // First word: extend from the left while the next component starts within a third of the scale.
  let wordEnd = sx0;
  let firstGap = 0;
  for (const c of comps) {
    const gap = cc.x0[c]! - wordEnd;
    if (wordEnd > sx0 && gap > scale / 3) {
      firstGap = gap;
      break;
    }
    wordEnd = Math.max(wordEnd, cc.x1[c]!);
  }
  return { x0: sx0, y0: sy0, x1: sx1, y1: sy1, comps, ink, runs, maxCompH, firstWordW: wordEnd - sx0, firstGap };
}
