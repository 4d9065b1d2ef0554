/**
 * Boxes that stay true through the effects stage.
 *
 * - **Geometric effects.** Before any effect, each region's ink is summarised by its outline: in every row of the
 *   region the first and last ink pixel, in every column the top and bottom one (the points any continuous map
 *   takes to the extremes of the moved ink, up to a pixel). The outline points go through every geometric
 *   transform's `applyCoords`; the new box is the tight box of the moved points, not the moved corners of the old
 *   box. The old box's corners go through too (densified along the edges when a map bends lines), and that
 *   quadrilateral, cut to the new box, is the region's segmentation polygon.
 * - **Ink that goes away.** A region keeps a share of its ink: for crops, rotations out of frame and the like, the
 *   share of its outline points still inside the image; for effects that erase ink (dropouts, fading, low toner,
 *   punch holes), the share of its ink's darkness they leave (each pixel's darkness times the share it keeps). The rule ({@link KEEP_RULE}): under
 *   25 % the box is dropped (with its sub-regions); from 25 % to under 60 % it is kept with `crowd: true` (COCO
 *   `iscrowd: 1`, which evaluators ignore); from 60 % on it is an ordinary box.
 * - **Photometric effects never move boxes.**
 */
import type { Region, XYXY } from '../types.js';
import type { Transform } from './types.js';

/** Shares of a region's ink under which its box is dropped, or marked as a crowd. */
export const KEEP_RULE = { drop: 0.25, crowd: 0.6 } as const;

/** The clean page's ink: pixels that differ from the paper colour and from what was under the blocks. */
export interface InkSource {
  px: Uint32Array;
  width: number;
  height: number;
  paper: number;
  under?: Uint32Array;
}

/**
 * Outline points (pixel centres, x, y pairs) of the ink inside `areas`: the first and last ink pixel of every row and
 * of every column, each found by scanning in from the area's edge (so the cost follows the blank margins, not the area).
 */
export function inkOutline(src: InkSource, areas: readonly XYXY[]): Float64Array {
  const { px, under, paper } = src;
  const W = src.width;
  let cap = 0;
  for (const a of areas) cap += 4 * (Math.ceil(a.x1) - Math.floor(a.x0) + Math.ceil(a.y1) - Math.floor(a.y0));
  const out = new Float64Array(Math.max(0, cap));
  let n = 0;
  for (const a of areas) {
    const x0 = Math.max(0, Math.floor(a.x0)), y0 = Math.max(0, Math.floor(a.y0));
    const x1 = Math.min(W, Math.ceil(a.x1)), y1 = Math.min(src.height, Math.ceil(a.y1));
    if (x1 <= x0 || y1 <= y0) continue;
    n = under ? outlineOver(px, under, paper, W, x0, y0, x1, y1, out, n) : outlinePlain(px, paper, W, x0, y0, x1, y1, out, n);
  }
  return out.subarray(0, n);
}

/** Row and column extremes of the ink (pixels not `paper`) in [x0, x1) x [y0, y1), appended to `out` from `n`. */
function outlinePlain(px: Uint32Array, paper: number, W: number, x0: number, y0: number, x1: number, y1: number, out: Float64Array, n: number): number {
  for (let y = y0; y < y1; y++) {
    const row = y * W;
    let l = x0;
    while (l < x1 && px[row + l] === paper) l++;
    if (l === x1) continue;
    let r = x1 - 1;
    while (r > l && px[row + r] === paper) r--;
    out[n++] = l + 0.5; out[n++] = y + 0.5; out[n++] = r + 0.5; out[n++] = y + 0.5;
  }
  for (let x = x0; x < x1; x++) {
    let t = y0;
    while (t < y1 && px[t * W + x] === paper) t++;
    if (t === y1) continue;
    let b = y1 - 1;
    while (b > t && px[b * W + x] === paper) b--;
    out[n++] = x + 0.5; out[n++] = t + 0.5; out[n++] = x + 0.5; out[n++] = b + 0.5;
  }
  return n;
}

/** Like outlinePlain, where ink is what differs from the paper and from what lay under the blocks. */
function outlineOver(px: Uint32Array, under: Uint32Array, paper: number, W: number, x0: number, y0: number, x1: number, y1: number, out: Float64Array, n: number): number {
  const blank = (i: number) => px[i] === paper || px[i] === under[i];
  for (let y = y0; y < y1; y++) {
    const row = y * W;
    let l = x0;
    while (l < x1 && blank(row + l)) l++;
    if (l === x1) continue;
    let r = x1 - 1;
    while (r > l && blank(row + r)) r--;
    out[n++] = l + 0.5; out[n++] = y + 0.5; out[n++] = r + 0.5; out[n++] = y + 0.5;
  }
  for (let x = x0; x < x1; x++) {
    let t = y0;
    while (t < y1 && blank(t * W + x)) t++;
    if (t === y1) continue;
    let b = y1 - 1;
    while (b > t && blank(b * W + x)) b--;
    out[n++] = x + 0.5; out[n++] = t + 0.5; out[n++] = x + 0.5; out[n++] = b + 0.5;
  }
  return n;
}

/** Summed-area table of per-pixel values (each at most 255, so a page's sums fit 32 bits). */
function integral(width: number, height: number, v: Uint8Array): Int32Array {
  const W = width + 1;
  const s = new Int32Array(W * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    const base = y * width, above = y * W + 1, here = (y + 1) * W + 1;
    for (let x = 0; x < width; x++) {
      row += v[base + x]!;
      s[here + x] = s[above + x]! + row;
    }
  }
  return s;
}

function areaSum(s: Int32Array, width: number, a: XYXY, W = width + 1): number {
  const x0 = Math.max(0, Math.floor(a.x0)), y0 = Math.max(0, Math.floor(a.y0));
  const x1 = Math.max(x0, Math.ceil(a.x1)), y1 = Math.max(y0, Math.ceil(a.y1));
  return s[y1 * W + x1]! - s[y0 * W + x1]! - s[y1 * W + x0]! + s[y0 * W + x0]!;
}

/** Corners of a box, clockwise from top-left, with `per` points along each edge (per = 1: the four corners). */
function corners(b: XYXY, per: number): number[] {
  const out: number[] = [];
  const edge = (ax: number, ay: number, bx: number, by: number) => {
    for (let k = 0; k < per; k++) out.push(ax + ((bx - ax) * k) / per, ay + ((by - ay) * k) / per);
  };
  edge(b.x0, b.y0, b.x1, b.y0);
  edge(b.x1, b.y0, b.x1, b.y1);
  edge(b.x1, b.y1, b.x0, b.y1);
  edge(b.x0, b.y1, b.x0, b.y0);
  return out;
}

/** Sutherland-Hodgman: a polygon (x, y pairs) cut to an axis-aligned box. */
export function clipPolygon(poly: readonly number[], b: XYXY): number[] {
  let pts = poly.slice();
  const planes: Array<[(x: number, y: number) => number]> = [[(x) => x - b.x0], [(x) => b.x1 - x], [(_, y) => y - b.y0], [(_, y) => b.y1 - y]];
  for (const [d] of planes) {
    const next: number[] = [];
    const n = pts.length / 2;
    for (let i = 0; i < n; i++) {
      const ax = pts[2 * i]!, ay = pts[2 * i + 1]!;
      const j = (i + 1) % n;
      const bx = pts[2 * j]!, by = pts[2 * j + 1]!;
      const da = d(ax, ay), db = d(bx, by);
      if (da >= 0) next.push(ax, ay);
      if ((da >= 0) !== (db >= 0)) {
        const t = da / (da - db);
        next.push(ax + (bx - ax) * t, ay + (by - ay) * t);
      }
    }
    pts = next;
    if (pts.length < 6) return [];
  }
  return pts.map((v) => Math.round(v * 100) / 100);
}

/** What the stage needs to carry a page's regions through its effects. */
export interface CarryInput {
  regions: readonly Region[];
  /** For each region, the areas of the clean page whose ink is its own (its pieces; for most regions its box). */
  areas: readonly (readonly XYXY[])[];
  ink: InkSource;
  /** Geometric transforms in the order applied. */
  geometric: readonly Transform[];
  /** Ink kept per pixel (0..255) by effects that erase ink, in the clean page's frame; null if none did. */
  kept: Uint8Array | null;
}

/** Luma (0..255) of a pixel word. */
function luma(w: number): number {
  return ((w & 0xff) * 77 + ((w >>> 8) & 0xff) * 150 + ((w >>> 16) & 0xff) * 29) >>> 8;
}

/**
 * Share of a region's ink that survives erasing effects: its darkness (how far each ink pixel is from the paper, or
 * from what lay under it) weighted by how much of it each pixel kept, so a stroke's faint anti-aliased fringe counts
 * for little and its core for much.
 */
function erasureShares(input: CarryInput): number[] {
  const { ink, kept } = input;
  if (!kept) return input.regions.map(() => 1);
  const { px, under, paper } = ink;
  const pl = luma(paper);
  const n = px.length;
  const dark = new Uint8Array(n);
  const left = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = px[i]!;
    if (v === paper || (under && v === under[i])) continue;
    const d = Math.abs((under ? luma(under[i]!) : pl) - luma(v)) || 1;
    dark[i] = d;
    const k = kept[i]!;
    left[i] = k === 255 ? d : (d * k + 127) / 255;
  }
  const all = integral(ink.width, ink.height, dark);
  const kept2 = integral(ink.width, ink.height, left);
  return input.areas.map((areas) => {
    let a = 0, k = 0;
    for (const r of areas) {
      a += areaSum(all, ink.width, r);
      k += areaSum(kept2, ink.width, r);
    }
    return a > 0 ? k / a : 1;
  });
}

/**
 * The page's regions after its effects: boxes of the moved ink with their segmentation polygons, erased or cropped
 * regions dropped or marked by {@link KEEP_RULE}, sub-regions' `parent` renumbered. The input is not changed.
 */
export function carryRegions(input: CarryInput, width: number, height: number): Region[] {
  const { regions, areas, geometric } = input;
  const shares = erasureShares(input);
  const n = regions.length;
  const boxes: Array<XYXY | null> = regions.map((r) => r.box);
  const polygons: Array<number[] | undefined> = new Array(n);
  if (geometric.length) {
    const bends = geometric.some((t) => !(t as { mapping?: { projective: boolean } }).mapping?.projective);
    const outlines = areas.map((a) => inkOutline(input.ink, a));
    const offsets = new Int32Array(n + 1);
    outlines.forEach((o, i) => (offsets[i + 1] = offsets[i]! + o.length));
    const pts = new Float64Array(offsets[n]!);
    outlines.forEach((o, i) => pts.set(o, offsets[i]!));
    const per = bends ? 8 : 1;
    const quads = new Float64Array(regions.flatMap((r) => corners(r.box, per)));
    for (const t of geometric) {
      t.applyCoords!(pts);
      t.applyCoords!(quads);
      // Points that leave a transform's frame are lost, whatever later transforms do.
      for (let i = 0; i < pts.length; i += 2) {
        const x = pts[i]!, y = pts[i + 1]!;
        if (!(x >= 0 && y >= 0 && x < t.width && y < t.height)) pts[i] = pts[i + 1] = Number.NaN;
      }
    }
    for (let r = 0; r < n; r++) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, seen = 0;
      const total = (offsets[r + 1]! - offsets[r]!) / 2;
      for (let i = offsets[r]!; i < offsets[r + 1]!; i += 2) {
        const x = pts[i]!, y = pts[i + 1]!;
        if (Number.isNaN(x)) continue;
        seen++;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      if (!seen) {
        boxes[r] = null;
        shares[r] = 0;
        continue;
      }
      shares[r] = Math.min(shares[r]!, seen / total);
      // Each moved centre stands for a one-pixel footprint around it (the identity map gives back the same box).
      const box = { x0: Math.max(0, Math.floor(x0 - 0.5 + 1e-6)), y0: Math.max(0, Math.floor(y0 - 0.5 + 1e-6)), x1: Math.min(width, Math.ceil(x1 + 0.5 - 1e-6)), y1: Math.min(height, Math.ceil(y1 + 0.5 - 1e-6)) };
      boxes[r] = box;
      const q = Array.from(quads.subarray(r * 8 * per, (r + 1) * 8 * per));
      const poly = clipPolygon(q, box);
      polygons[r] = poly.length >= 6 ? poly : [box.x0, box.y0, box.x1, box.y0, box.x1, box.y1, box.x0, box.y1];
    }
  }
  // Drop by the rule; a dropped region takes its sub-regions with it.
  const keep = regions.map((r, i) => boxes[i] !== null && shares[i]! >= KEEP_RULE.drop);
  regions.forEach((r, i) => {
    if (r.parent !== undefined && !keep[r.parent]) keep[i] = false;
  });
  const newIndex = new Int32Array(n).fill(-1);
  const out: Region[] = [];
  regions.forEach((r, i) => {
    if (!keep[i]) return;
    newIndex[i] = out.length;
    const next: Region = { ...r, box: boxes[i]! };
    if (r.parent !== undefined) next.parent = newIndex[r.parent]!;
    if (polygons[i]) next.polygon = polygons[i];
    if (shares[i]! < KEEP_RULE.crowd) next.crowd = true;
    out.push(next);
  });
  return out;
}
