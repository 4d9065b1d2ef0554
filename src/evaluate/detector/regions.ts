/**
 * Regions: groups of segments (from the pair classifier's decisions, or from ground truth for training) and
 * the features the region classifier reads.
 */
import type { XYXY } from '../../types.js';
import { sameLine, type PageAnalysis } from './analysis.js';
import type { Segment } from './segments.js';

/** A group of segments with its bounding box. */
export interface Region extends XYXY {
  members: number[];
}

/** Number of features of a region. */
export const REGION_FEATURES = 52;

/** Builds regions from groups of segment indices. */
export function makeRegions(segs: readonly Segment[], groups: number[][]): Region[] {
  const regions = groups.map((members) => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const i of members) {
      const s = segs[i]!;
      x0 = Math.min(x0, s.x0);
      y0 = Math.min(y0, s.y0);
      x1 = Math.max(x1, s.x1);
      y1 = Math.max(y1, s.y1);
    }
    return { x0, y0, x1, y1, members: members.slice().sort((a, b) => a - b) };
  });
  return regions.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/**
 * Groups segments: the connected components of the pairs whose "same region" probability is >= `tau`.
 * @example groupSegments(page, probs, 0.5) // [[0, 1, 2], [3], ...]
 */
export function groupSegments(page: PageAnalysis, prob: Float64Array, tau: number): number[][] {
  const n = page.segs.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i]! !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let k = 0; k < prob.length; k++) {
    if (prob[k]! < tau) continue;
    const a = find(page.pairA[k]!);
    const b = find(page.pairB[k]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()];
}

/** Rows of a region: its segments grouped by line, top to bottom. */
function rowsOf(segs: readonly Segment[], members: number[]): Segment[][] {
  const sorted = members.map((i) => segs[i]!).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rows: Segment[][] = [];
  for (const s of sorted) {
    const row = rows.find((r) => r.some((t) => sameLine(s, t)));
    if (row) row.push(s);
    else rows.push([s]);
  }
  for (const r of rows) r.sort((a, b) => a.x0 - b.x0);
  return rows.sort((a, b) => Math.min(...a.map((s) => s.y0)) - Math.min(...b.map((s) => s.y0)));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Nearest region above (dir -1) or below (dir 1) that overlaps `r` horizontally. */
function neighbour(regions: readonly Region[], r: Region, dir: -1 | 1): { gap: number; reg?: Region } {
  let best: Region | undefined;
  let bestGap = Infinity;
  for (const o of regions) {
    if (o === r || Math.min(o.x1, r.x1) - Math.max(o.x0, r.x0) <= 0) continue;
    const gap = dir < 0 ? r.y0 - o.y1 : o.y0 - r.y1;
    if (gap < -0.5 * Math.min(r.y1 - r.y0, o.y1 - o.y0) || gap >= bestGap) continue;
    bestGap = gap;
    best = o;
  }
  return { gap: bestGap, reg: best };
}

/** Page-level statistics the region features are relative to. */
interface PageStats {
  runLen: number;
  minY0: number;
  maxY1: number;
  minX0: number;
  maxX1: number;
}

function pageStats(page: PageAnalysis, regions: readonly Region[]): PageStats {
  let ink = 0;
  let runs = 0;
  for (const s of page.segs) {
    if (s.x1 - s.x0 > 3 * page.scale && s.y1 - s.y0 < 3 * page.scale) {
      ink += s.ink;
      runs += s.runs;
    }
  }
  return {
    runLen: runs > 0 ? ink / runs : 2,
    minY0: Math.min(...regions.map((r) => r.y0)),
    maxY1: Math.max(...regions.map((r) => r.y1)),
    minX0: Math.min(...regions.map((r) => r.x0)),
    maxX1: Math.max(...regions.map((r) => r.x1)),
  };
}

/**
 * Features of every region of a page (row-major, REGION_FEATURES per region).
 * @example const X = regionFeatures(page, makeRegions(page.segs, groups));
 */
export function regionFeatures(page: PageAnalysis, regions: readonly Region[]): Float32Array {
  const { segs, width: W, height: H, scale: u, lineHeight } = page;
  const st = pageStats(page, regions);
  const out = new Float32Array(regions.length * REGION_FEATURES);
  regions.forEach((r, k) => {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    const rows = rowsOf(segs, r.members);
    const members = r.members.map((i) => segs[i]!);
    let ink = 0;
    let runs = 0;
    let bigInk = 0;
    let hRules = 0;
    let vRules = 0;
    let comps = 0;
    for (const s of members) {
      ink += s.ink;
      runs += s.runs;
      comps += s.comps.length;
      if (s.maxCompH > 2.5 * u) bigInk += s.ink;
      if (s.y1 - s.y0 <= 0.35 * u && s.x1 - s.x0 >= 4 * u) hRules++;
      if (s.x1 - s.x0 <= 0.35 * u && s.y1 - s.y0 >= 3 * u) vRules++;
    }
    const rowBox = rows.map((row) => ({
      x0: Math.min(...row.map((s) => s.x0)),
      x1: Math.max(...row.map((s) => s.x1)),
      y0: Math.min(...row.map((s) => s.y0)),
      y1: Math.max(...row.map((s) => s.y1)),
    }));
    const rowH = rowBox.map((b) => b.y1 - b.y0);
    const pitches = rowBox.slice(1).map((b, i) => (b.y0 + b.y1 - rowBox[i]!.y0 - rowBox[i]!.y1) / 2);
    const first = rows[0]![0]!;
    const firstRow = rowBox[0]!;
    const lastRow = rowBox[rowBox.length - 1]!;
    const secondSeg = rows[0]![1];
    const leftAligned = rowBox.filter((b) => b.x0 - r.x0 < 0.5 * u).length / rows.length;
    const rightAligned = rowBox.filter((b) => r.x1 - b.x1 < 0.5 * u).length / rows.length;
    const centring = rowBox.reduce((a, b) => a + Math.abs(b.x0 + b.x1 - r.x0 - r.x1) / 2, 0) / rows.length / u;
    const segsPerRow = rows.map((row) => row.length);
    // Left edges shared by several rows hint at table columns.
    const lefts = members.map((s) => s.x0).sort((a, b) => a - b);
    let columns = 0;
    for (let i = 0; i < lefts.length; ) {
      let j = i;
      while (j + 1 < lefts.length && lefts[j + 1]! - lefts[i]! < 0.5 * u) j++;
      if (j - i + 1 >= Math.max(2, rows.length / 2)) columns++;
      i = j + 1;
    }
    const up = neighbour(regions, r, -1);
    const down = neighbour(regions, r, 1);
    const nb = (x: { gap: number; reg?: Region }) => {
      if (!x.reg) return [-1, -1, -1, -1];
      const o = x.reg;
      let maxH = 0;
      for (const i of o.members) maxH = Math.max(maxH, segs[i]!.maxCompH);
      return [Math.min(50, x.gap / u), (o.y1 - o.y0) / u, (o.x1 - o.x0) / u, maxH / u];
    };
    const f = [
      r.x0 / W,
      r.y0 / H,
      r.x1 / W,
      r.y1 / H,
      (r.x0 + r.x1) / (2 * W) - 0.5,
      w / W,
      h / H,
      w / u,
      h / u,
      Math.log((w + 1) / (h + 1)),
      members.length,
      rows.length,
      Math.max(...segsPerRow),
      members.length / rows.length,
      median(rowH) / u,
      median(rowH) / lineHeight,
      Math.max(...members.map((s) => s.maxCompH)) / u,
      ink / Math.max(1, w * h),
      runs > 0 ? ink / runs / st.runLen : 1,
      bigInk / Math.max(1, ink),
      hRules,
      vRules,
      comps / Math.max(1, (w * h) / (u * u)),
      (firstRow.x0 - r.x0) / u,
      (r.x1 - lastRow.x1) / u,
      first.firstWordW / u,
      first.firstGap / u,
      (first.x1 - first.x0) / u,
      secondSeg ? (secondSeg.x0 - first.x1) / u : -1,
      pitches.length ? median(pitches) / u : -1,
      pitches.length ? median(pitches) / lineHeight : -1,
      leftAligned,
      rightAligned,
      centring,
      columns,
      ...nb(up),
      ...nb(down),
      (r.y0 - st.minY0) / H,
      (st.maxY1 - r.y1) / H,
      (r.x0 - st.minX0) / W,
      (st.maxX1 - r.x1) / W,
      regions.length,
      lineHeight / u,
      w / Math.max(1, st.maxX1 - st.minX0),
      (firstRow.y1 - firstRow.y0) / lineHeight,
      (first.y1 - first.y0) / u,
    ];
    if (f.length !== REGION_FEATURES) throw new Error(`region features: ${f.length} != ${REGION_FEATURES}`);
    for (let t = 0; t < REGION_FEATURES; t++) {
      const v = f[t]!;
      out[k * REGION_FEATURES + t] = Number.isFinite(v) ? v : -1;
    }
  });
  return out;
}
