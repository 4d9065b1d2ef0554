/**
 * Motion blur: the hand holding the phone shook during the exposure, so every point of the page is smeared along a
 * short straight path (0.5-1.5 mm, 3-9 px at 150 dpi) in one direction. Each pixel becomes the mean of a segment
 * of the line through it at the blur's angle. Parallel lines one pixel apart are sampled between pixels, each pixel
 * mixing the two lines passing either side of it (so the smear has no staircase texture), and summed with running
 * sums, so the cost does not grow with the length. A near-vertical blur sweeps columns instead of rows; regions far
 * from any ink are left as paper without work. Segments are cut where they leave the image. The segment spans an odd
 * number of pixel steps, so it is centred on its pixel (an even count would shift the page by half a pixel).
 */
import { round, type Raster } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf, mixWords, mmToPx } from './util.js';

export interface MotionBlurParams extends EffectParams {
  /** Length of the smear, millimetres. */
  length: number;
  /** Direction of the smear, degrees (0: horizontal, 90: vertical). */
  angle: number;
}

/** Length in pixels at 150 dpi, per level. */
const LENGTH_PX: Record<OnLevel, [number, number]> = { light: [2.5, 4], medium: [4, 6], heavy: [6, 9] };

export const motionBlur: Effect<MotionBlurParams> = {
  name: 'motion_blur',
  stage: 'capture',
  geometric: false,
  summary: 'hand-shake blur: a short straight smear (3-9 px at 150 dpi) along a random direction',
  sample(rng, level) {
    const [lo, hi] = LENGTH_PX[level];
    return { length: round((rng.uniform(lo, hi) * 25.4) / 150, 4), angle: round(rng.uniform(0, 180), 1) };
  },
  transform(p, page) {
    return photometric(page, (img) => blurAlongLine(img, mmToPx(p.length, page.dpi), p.angle, page.paper));
  },
};

/** The motion blur of `img`: `len` pixels long at `angle` degrees (module level, so V8 reuses its optimised code). */
function blurAlongLine(img: Raster, len: number, angle: number, paperWord: number): Raster {
  const { width: w, height: h } = img;
  const a = (angle * Math.PI) / 180;
  const ca = Math.cos(a), sa = Math.sin(a);
  const alongX = Math.abs(ca) >= Math.abs(sa);
  // Pixel steps along the major axis: odd, so the segment is centred.
  const steps = 2 * Math.round((len * Math.max(Math.abs(ca), Math.abs(sa)) - 1) / 2) + 1;
  if (steps < 3) return img;
  const paper = paperWord | 0;
  // Words as int32 throughout: unboxed in V8.
  const src = intWordsOf(img);
  const out = new Int32Array(w * h);
  const need = inkBlocks(src, w, h, paper, Math.ceil((steps + 3) / BLOCK));
  const bw = Math.ceil(w / BLOCK);
  // Near-vertical lines are swept with x and y swapped (the slope is then cos / sin).
  if (alongX) blurRows(src, out, { w, h, sx: 1, sy: w, need, nbx: 1, nby: bw }, sa / ca, steps, paper);
  else blurRows(src, out, { w: h, h: w, sx: w, sy: 1, need, nbx: bw, nby: 1 }, ca / sa, steps, paper);
  return { width: w, height: h, data: new Uint8Array(out.buffer) };
}

/**
 * How the sweep sees the image: w x h swept pixels, swept (x, y) at index x * sx + y * sy; the ink blocks, swept
 * block (bx, by) at need[bx * nbx + by * nby].
 */
interface Sweep {
  w: number;
  h: number;
  sx: number;
  sy: number;
  need: Uint8Array;
  nbx: number;
  nby: number;
}

/**
 * Blurs `src` into `out` along lines y = s + x * slope (|slope| <= 1) over `steps` columns, in the swept
 * coordinates of `sw`.
 *
 * Line s crosses column x at y = s + fl[x] + ph[x] / 128: it samples rows fl and fl + 1 there, and pixel
 * (x, s + fl[x]) mixes line s (weight 1 - ph / 128) with line s - 1. Rows are swept in order (bottom-up for a
 * falling slope, through a row map), so every line rises through the sweep: its window sum is advanced a column when
 * the sweep reaches the row it crosses there, or summed afresh where it enters (or resumes after a skipped stretch).
 * Each row of line means is finished before the next, so an output row mixes this row's means with the last's.
 * Pixels whose 8 x 8 block lies far from any non-paper pixel are paper and skipped.
 */
function blurRows(src: Int32Array, out: Int32Array, sw: Sweep, slope: number, steps: number, paper: number): void {
  const { w, h, sx, sy, need, nbx, nby } = sw;
  const flip = slope < 0;
  const sl = Math.abs(slope);
  const vmax = h - 1;
  const back = (steps - 1) >> 1, ahead = steps - 1 - back;
  const fl = new Int32Array(w), ph = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    const c = x * sl;
    let f = Math.floor(c), q = Math.round((c - f) * 128);
    if (q === 128) (f += 1), (q = 0);
    fl[x] = f;
    ph[x] = q;
  }
  const fmax = fl[w - 1]!;
  // Start of (clamped, maybe flipped) row r at rowStart[r + pad].
  const pad = steps + 3;
  const rowStart = new Int32Array(h + 2 * pad);
  for (let r = -pad; r < h + pad; r++) {
    const rc = r < 0 ? 0 : r > vmax ? vmax : r;
    rowStart[r + pad] = (flip ? vmax - rc : rc) * sy;
  }
  // Means: a full window of paper is paper; another divides through a table; a clipped one (image's left or right
  // edge) by a reciprocal.
  const paperRB = (paper & 0xff00ff) * steps, paperG = ((paper >>> 8) & 0xff) * steps;
  const div = new Int32Array(255 * steps + 1);
  for (let t = 0; t < div.length; t++) div[t] = Math.round(t / steps);
  const nAt = new Int32Array(w), recip = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    nAt[x] = Math.min(w - 1, x + ahead) - Math.max(0, x - back) + 1;
    recip[x] = Math.round(65536 / nAt[x]!);
  }
  out.fill(paper);
  const smin = -1 - fmax, ns = h - smin;
  const RB = new Int32Array(ns), G = new Int32Array(ns), last = new Int32Array(ns).fill(-2);
  const prevRow = new Int32Array(w).fill(paper);
  const xiEnd = w - ahead;
  for (let y = -1; y < h; y++) {
    const yy = flip ? vmax - y : y;
    const brow = ((yy < 0 ? 0 : yy > vmax ? vmax : yy) >> 3) * nby;
    const orow = yy * sy;
    for (let x0 = 0; x0 < w; x0 += BLOCK) {
      const x1 = Math.min(w, x0 + BLOCK);
      if (!need[brow + (x0 >> 3) * nbx]) {
        for (let x = x0; x < x1; x++) prevRow[x] = paper;
        continue;
      }
      for (let x = x0; x < x1; x++) {
        const s = y - fl[x]!, k = s - smin;
        let rb = 0, g = 0;
        if (last[k] === x - 1) {
          rb = RB[k]!;
          g = G[k]!;
          if (x < xiEnd) {
            const xi = x + ahead, r = s + fl[xi]! + pad;
            const va = src[rowStart[r]! + xi * sx]!, vb = src[rowStart[r + 1]! + xi * sx]!, f = ph[xi]!;
            const v = va === vb || f === 0 ? va : mixWords(va, vb, f);
            rb += v & 0xff00ff;
            g += (v >>> 8) & 0xff;
          }
          if (x > back) {
            const xo = x - back - 1, r = s + fl[xo]! + pad;
            const va = src[rowStart[r]! + xo * sx]!, vb = src[rowStart[r + 1]! + xo * sx]!, f = ph[xo]!;
            const v = va === vb || f === 0 ? va : mixWords(va, vb, f);
            rb -= v & 0xff00ff;
            g -= (v >>> 8) & 0xff;
          }
        } else {
          for (let j = Math.max(0, x - back), e = Math.min(w - 1, x + ahead); j <= e; j++) {
            const r = s + fl[j]! + pad;
            const va = src[rowStart[r]! + j * sx]!, vb = src[rowStart[r + 1]! + j * sx]!, f = ph[j]!;
            const v = va === vb || f === 0 ? va : mixWords(va, vb, f);
            rb += v & 0xff00ff;
            g += (v >>> 8) & 0xff;
          }
        }
        RB[k] = rb;
        G[k] = g;
        last[k] = x;
        let m: number;
        const n = nAt[x]!;
        if (n === steps) m = rb === paperRB && g === paperG ? paper : 0xff000000 | (div[rb >>> 16]! << 16) | (div[g]! << 8) | div[rb & 0xffff]!;
        else {
          const q = recip[x]!;
          m = 0xff000000 | ((((rb >>> 16) * q + 32768) >>> 16) << 16) | (((g * q + 32768) >>> 16) << 8) | (((rb & 0xffff) * q + 32768) >>> 16);
        }
        if (y >= 0) {
          const up = prevRow[x]!, f = 128 - ph[x]!;
          out[orow + x * sx] = up === m || f === 0 ? up : mixWords(up, m, f);
        }
        prevRow[x] = m;
      }
    }
  }
}

/** Side of the blocks skipped when far from ink. */
const BLOCK = 8;

/** Per 8 x 8 block of the image: whether any non-paper pixel lies within `margin` blocks of it. */
function inkBlocks(src: Int32Array, w: number, h: number, paper: number, margin: number): Uint8Array {
  const bw = Math.ceil(w / BLOCK), bh = Math.ceil(h / BLOCK);
  const ink = new Uint8Array(bw * bh);
  for (let y = 0; y < h; y++) {
    const row = y * w, brow = (y >> 3) * bw;
    for (let x = 0; x < w; x++) if (src[row + x] !== paper) ink[brow + (x >> 3)] = 1;
  }
  // Dilate by `margin` blocks: rows, then columns.
  const tmp = new Uint8Array(bw * bh), need = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let any = 0;
      for (let d = Math.max(0, bx - margin), e = Math.min(bw - 1, bx + margin); d <= e && !any; d++) any = ink[by * bw + d]!;
      tmp[by * bw + bx] = any;
    }
  }
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let any = 0;
      for (let d = Math.max(0, by - margin), e = Math.min(bh - 1, by + margin); d <= e && !any; d++) any = tmp[d * bw + bx]!;
      need[by * bw + bx] = any;
    }
  }
  return need;
}
