/**
 * Lighting gradient: the page is lit unevenly, as under a desk lamp, by a window, or in a scanner whose lamp fades
 * toward one side. A multiplicative gain darkens the page along a linear gradient, toward the corners (vignette) and
 * in soft blotches; the darker parts take a slight colour cast (warm lamp light or cool daylight), and the whole
 * page a touch of it. Ink darkens with the paper under it. One pass: the gain is computed on a coarse grid (it is
 * smooth), interpolated along each row and quantised to index per-channel lookup tables; a paper pixel takes one
 * lookup.
 */
import { drawSeed, round, smoothField } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf } from './util.js';

export interface LightingGradientParams extends EffectParams {
  /** Direction from the brightest side to the darkest, degrees (0: left to right, 90: top to bottom). */
  angle: number;
  /** Brightness lost across the page along `angle` (0..1). */
  gradient: number;
  /** Brightness lost at the farthest corner from the light's centre (0..1). */
  vignette: number;
  /** The vignette's centre, as fractions of width and height. */
  cx: number;
  cy: number;
  /** Depth of soft blotches of uneven light (0..1). */
  blotch: number;
  /** Colour of the light: > 0 warm (shadows yellow), < 0 cool (shadows blue), -1..1. */
  warmth: number;
  seed: number;
}

const RANGES: Record<OnLevel, { gradient: [number, number]; vignette: [number, number]; blotch: [number, number]; warmth: number }> = {
  light: { gradient: [0.03, 0.08], vignette: [0, 0.05], blotch: [0, 0.02], warmth: 0.3 },
  medium: { gradient: [0.08, 0.18], vignette: [0.04, 0.12], blotch: [0.02, 0.04], warmth: 0.6 },
  heavy: { gradient: [0.18, 0.32], vignette: [0.1, 0.22], blotch: [0.03, 0.06], warmth: 1 },
};

/** Gain levels the lookup tables resolve (gain from GMIN to 1). */
const LEVELS = 512;
const GMIN = 0.3;
/** Spacing of the coarse grid the gain is computed on, in pixels. */
const STEP = 16;

export const lightingGradient: Effect<LightingGradientParams> = {
  name: 'lighting_gradient',
  stage: 'capture',
  geometric: false,
  summary: 'uneven illumination: a smooth brightness gradient, vignette and blotches, with a slight colour cast',
  augraphy: { name: 'LightingGradient', imagesPerSecond: 0.37 },
  sample(rng, level) {
    const r = RANGES[level];
    return {
      angle: round(rng.uniform(0, 360), 1),
      gradient: round(rng.uniform(...r.gradient)),
      vignette: round(rng.uniform(...r.vignette)),
      cx: round(rng.uniform(0.25, 0.75)),
      cy: round(rng.uniform(0.25, 0.75)),
      blotch: round(rng.uniform(...r.blotch)),
      warmth: round(rng.uniform(-r.warmth, r.warmth), 2),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const scale = (LEVELS - 1) / (1 - GMIN);
      // Loss = gradient * t + vignette * r^2 + blotch * field, in table steps, on a coarse grid (the gain is smooth):
      // t and r^2 span [0, 1]; pixels interpolate the grid bilinearly, incrementally along each row.
      const a = (p.angle * Math.PI) / 180;
      const ca = Math.cos(a), sa = Math.sin(a);
      const tmin = Math.min(0, ca * w) + Math.min(0, sa * h);
      const tspan = Math.abs(ca * w) + Math.abs(sa * h) || 1;
      const cx = p.cx * w, cy = p.cy * h;
      const dx = Math.max(cx, w - cx), dy = Math.max(cy, h - cy);
      const r2 = dx * dx + dy * dy;
      const field = p.blotch > 0 ? smoothField(w, h, p.seed, Math.max(w, h) / 3, 2) : null;
      const gw = Math.ceil(w / STEP) + 1, gh = Math.ceil(h / STEP) + 1;
      const grid = new Float32Array(gw * gh);
      for (let j = 0; j < gh; j++) {
        const y = j * STEP;
        for (let i = 0; i < gw; i++) {
          const x = i * STEP;
          let loss = p.gradient * ((ca * x + sa * y - tmin) / tspan) + (p.vignette * ((x - cx) * (x - cx) + (y - cy) * (y - cy))) / r2;
          if (field) loss += p.blotch * Math.max(0, 2 * field.at(Math.min(x, w - 1), Math.min(y, h - 1)) - 1);
          grid[j * gw + i] = Math.min(LEVELS - 1, Math.max(0, scale * loss));
        }
      }
      // Per-channel tables: channel value v under gain g -> v * cast * g^exponent.
      const wm = p.warmth;
      const exps = [1 - 0.15 * wm, 1 + 0.05 * Math.abs(wm), 1 + 0.35 * wm];
      const casts = [1 - 0.03 * Math.max(0, -wm), 1 - 0.01 * Math.abs(wm), 1 - 0.05 * Math.max(0, wm)];
      const lut = [new Uint8Array(LEVELS * 256), new Uint8Array(LEVELS * 256), new Uint8Array(LEVELS * 256)];
      for (let c = 0; c < 3; c++) {
        const t = lut[c]!;
        for (let k = 0; k < LEVELS; k++) {
          const g = casts[c]! * Math.max(0, 1 - k / scale) ** exps[c]!;
          for (let v = 0; v < 256; v++) t[k * 256 + v] = Math.min(255, Math.round(v * g));
        }
      }
      const [lr, lg, lb] = lut as [Uint8Array, Uint8Array, Uint8Array];
      const paper = page.paper >>> 0;
      const pr = paper & 0xff, pg = (paper >>> 8) & 0xff, pb = (paper >>> 16) & 0xff;
      const paperOut = new Int32Array(LEVELS);
      for (let k = 0; k < LEVELS; k++) paperOut[k] = 0xff000000 | (lb[k * 256 + pb]! << 16) | (lg[k * 256 + pg]! << 8) | lr[k * 256 + pr]!;
      applyGain(intWordsOf(img), w, h, grid, gw, gh, lr, lg, lb, paperOut, paper | 0);
      return img;
    });
  },
};

/**
 * Applies the gain grid (table steps, one value every STEP px) to the words of `px` in place, interpolating it
 * bilinearly (incrementally along rows) and reading the per-channel tables (module level, so V8 reuses its
 * optimised code).
 */
function applyGain(px: Int32Array, w: number, h: number, grid: Float32Array, gw: number, gh: number, lr: Uint8Array, lg: Uint8Array, lb: Uint8Array, paperOut: Int32Array, paper: number): void {
  const line = new Float32Array(gw);
  for (let y = 0; y < h; y++) {
    const gy = y / STEP;
    const j = gy | 0, fy = gy - j;
    const r0 = j * gw, r1 = Math.min(j + 1, gh - 1) * gw;
    for (let i = 0; i < gw; i++) line[i] = grid[r0 + i]! + (grid[r1 + i]! - grid[r0 + i]!) * fy;
    const base = y * w;
    for (let i = 0, x0 = 0; x0 < w; i++, x0 += STEP) {
      let k = line[i]!;
      const dk = (line[i + 1]! - k) / STEP;
      const end = base + Math.min(w, x0 + STEP);
      for (let q = base + x0; q < end; q++, k += dk) {
        const v = px[q]!;
        const ki = k | 0;
        if (v === paper) {
          px[q] = paperOut[ki]!;
          continue;
        }
        const o = ki << 8;
        px[q] = 0xff000000 | (lb[o + ((v >>> 16) & 0xff)]! << 16) | (lg[o + ((v >>> 8) & 0xff)]! << 8) | lr[o + (v & 0xff)]!;
      }
    }
  }
}
