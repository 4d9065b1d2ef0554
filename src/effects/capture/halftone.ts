/**
 * Halftone: the page went through a laser printer or copier that renders every tone it cannot print solid
 * (pictures, tints, table shading, grey text) as rotated screens of dots: round dots that grow with darkness and
 * join into a checkerboard at mid grey. The grey part of a colour is printed by the black screen at 45 degrees, the
 * rest by cyan, magenta and yellow screens at 15, 75 and 0 degrees (grey component replacement, as colour laser
 * printers and copiers do), so grey areas get black dots only and colour varies smoothly. Solid black
 * (text) and paper print as they are, and so do the anti-aliased edges of strokes (pixels whose neighbourhood is
 * not flat), so text keeps clean edges. Sampled at the page's resolution, a fine screen aliases into the moire
 * patterns real scans of halftones show; `sharpness` sets how crisp the dots are and `visibility` how much of their
 * contrast the scanner's blur leaves.
 */
import { round } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf } from './util.js';

export interface HalftoneParams extends EffectParams {
  /** Screen frequency, lines per inch. */
  lpi: number;
  /** Angle of the black screen, degrees (colour screens are at fixed offsets from it). */
  angle: number;
  /** Slope of the dot edges: 1 soft, 8 crisp. */
  sharpness: number;
  /** How much of the screen's contrast survives the scanner's blur (0..1); the tone is kept either way. */
  visibility: number;
}

const RANGES: Record<OnLevel, { lpi: [number, number]; sharpness: [number, number]; visibility: [number, number] }> = {
  light: { lpi: [100, 133], sharpness: [1.5, 2.5], visibility: [0.3, 0.5] },
  medium: { lpi: [75, 100], sharpness: [2.5, 4], visibility: [0.5, 0.8] },
  heavy: { lpi: [55, 75], sharpness: [4, 8], visibility: [0.8, 1] },
};

/** Resolution of the threshold tile over one screen cell (a power of two). */
const TILE = 32;
const SHIFT = TILE * (1 << 20);
/** Pixels this close to paper (levels, every channel) stay paper; darker than BLACK (luma) stay solid. */
const NEAR_PAPER = 6;
const BLACK = 24;
/** Largest luma step to a 4-neighbour for a pixel to count as part of a flat tone (not a stroke's edge). */
const FLAT = 40;

export const halftone: Effect<HalftoneParams> = {
  name: 'halftone',
  stage: 'capture',
  geometric: false,
  summary: 'tints, pictures and shading reproduced as a rotated dot screen (55-133 lpi); black text and paper kept',
  sample(rng, level) {
    const r = RANGES[level];
    return {
      lpi: round(rng.uniform(...r.lpi), 1),
      angle: round(45 + rng.uniform(-3, 3), 1),
      sharpness: round(rng.uniform(...r.sharpness), 2),
      visibility: round(rng.uniform(...r.visibility), 2),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      screen(intWordsOf(img), img.width, img.height, page.dpi / p.lpi, p.angle, p.sharpness, p.visibility, page.paper | 0);
      return img;
    });
  },
};

/**
 * Threshold tile of the round-dot spot function cos(2 pi u) + cos(2 pi v), as ranks in 0..1: a pixel is inked
 * where the tone's coverage exceeds its threshold, so the inked share of a cell equals the coverage.
 */
function thresholdTile(): Float32Array {
  const n = TILE * TILE;
  const spot = new Float64Array(n);
  for (let j = 0; j < TILE; j++) {
    for (let i = 0; i < TILE; i++) spot[j * TILE + i] = Math.cos((2 * Math.PI * (i + 0.5)) / TILE) + Math.cos((2 * Math.PI * (j + 0.5)) / TILE);
  }
  // Highest spot values ink first (the dot centres).
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => spot[b]! - spot[a]! || a - b);
  const thr = new Float32Array(n);
  order.forEach((k, rank) => (thr[k] = (rank + 0.5) / n));
  return thr;
}

/** The threshold tile, made once. */
const THRESHOLDS = thresholdTile();

/** A screen's orientation: cell coordinates (u, v) = rotation of (x, y) / cell, in tile units. */
interface Screen {
  ux: number;
  uy: number;
  vx: number;
  vy: number;
}

function screenAt(angleDeg: number, cell: number): Screen {
  const a = (angleDeg * Math.PI) / 180;
  const k = TILE / cell;
  return { ux: Math.cos(a) * k, uy: Math.sin(a) * k, vx: -Math.sin(a) * k, vy: Math.cos(a) * k };
}

/**
 * Ink coverage (0..1) the screen gives a pixel at (x, y) of a tone with coverage `a`: a ramp of slope `sharp`
 * across the threshold, placed so that coverage 0 inks nothing, 1 inks all, and 1/2 half of each cell.
 */
function coverage(thr: Float32Array, s: Screen, x: number, y: number, a: number, sharp: number): number {
  if (a <= 0) return 0;
  // Tile coordinates, shifted positive by a multiple of the tile so truncation is flooring.
  const iu = ((x * s.ux + y * s.uy + SHIFT) | 0) & (TILE - 1), iv = ((x * s.vx + y * s.vy + SHIFT) | 0) & (TILE - 1);
  const c = (a - thr[iv * TILE + iu]!) * sharp + a;
  return c <= 0 ? 0 : c >= 1 ? 1 : c;
}

function luma(v: number): number {
  return ((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8;
}

/** Screens the flat tones of `px` in place (module level, so V8 reuses its optimised code). */
function screen(px: Int32Array, w: number, h: number, cell: number, angle: number, sharp: number, vis: number, paper: number): void {
  const thr = THRESHOLDS;
  const k = screenAt(angle, cell), c = screenAt(angle - 30, cell), m = screenAt(angle + 30, cell), yl = screenAt(angle - 45, cell);
  const pr = paper & 0xff, pg = (paper >>> 8) & 0xff, pb = (paper >>> 16) & 0xff;
  const pr1 = Math.max(1, pr), pg1 = Math.max(1, pg), pb1 = Math.max(1, pb);
  const orig = px.slice();
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const v = orig[i]!;
      if (v === paper) continue;
      const r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
      if (Math.abs(r - pr) <= NEAR_PAPER && Math.abs(g - pg) <= NEAR_PAPER && Math.abs(b - pb) <= NEAR_PAPER) continue;
      const l = (r * 77 + g * 150 + b * 29) >> 8;
      if (l < BLACK) continue;
      // A flat tone: no 4-neighbour differs much (a stroke's anti-aliased edge always has one that does).
      if (
        Math.abs(luma(orig[i - 1]!) - l) > FLAT ||
        Math.abs(luma(orig[i + 1]!) - l) > FLAT ||
        Math.abs(luma(orig[i - w]!) - l) > FLAT ||
        Math.abs(luma(orig[i + w]!) - l) > FLAT
      )
        continue;
      // Colourant coverages over the paper, the grey part of them taken by black.
      const ac = 1 - Math.min(1, r / pr1), am = 1 - Math.min(1, g / pg1), ay = 1 - Math.min(1, b / pb1);
      const ak = Math.min(ac, am, ay);
      const rest = ak < 1 ? 1 / (1 - ak) : 0;
      const kk = 1 - coverage(thr, k, x, y, ak, sharp);
      const kr = kk * (1 - coverage(thr, c, x, y, (ac - ak) * rest, sharp));
      const kg = kk * (1 - coverage(thr, m, x, y, (am - ak) * rest, sharp));
      const kb = kk * (1 - coverage(thr, yl, x, y, (ay - ak) * rest, sharp));
      // The scanner's blur: only `vis` of the screen's departure from the tone shows.
      const or = r + (pr * kr - r) * vis, og = g + (pg * kg - g) * vis, ob = b + (pb * kb - b) * vis;
      px[i] = 0xff000000 | (Math.round(ob) << 16) | (Math.round(og) << 8) | Math.round(or);
    }
  }
}
