/**
 * Paper fibres: the texture of the sheet under the ink. A low-amplitude grain, correlated along the machine
 * direction (fibres lie mostly along the paper's length) and a soft cloudy "formation" (uneven fibre density), plus
 * a scatter of faint short curved fibres, a few coloured as in recycled stock. Everything multiplies the page, so
 * ink stays dark.
 */
import { createRng } from '../../random/index.js';
import { type CoarseField, coarseField, drawSeed, fieldAt, normalTable, pixelNoise, round, wordsOf } from '../raster.js';
import { stampCurve } from './shapes.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface PaperFibresParams extends EffectParams {
  /** Grain amplitude: standard deviation of the darkening, as a share of full scale. */
  grain: number;
  /** Formation (cloudiness) amplitude, as a share of full scale. */
  cloud: number;
  /** Formation blob size in mm. */
  cloudMm: number;
  /** Visible fibres per square decimetre. */
  fibres: number;
  /** Mean fibre darkness (share of full scale at its core). */
  fibreDark: number;
  /** Share of fibres that are coloured (recycled stock). */
  coloured: number;
  seed: number;
}

const LEVEL: Record<OnLevel, { grain: [number, number]; cloud: [number, number]; fibres: [number, number]; dark: [number, number]; coloured: [number, number] }> = {
  light: { grain: [0.006, 0.012], cloud: [0.006, 0.012], fibres: [4, 12], dark: [0.04, 0.07], coloured: [0, 0.05] },
  medium: { grain: [0.012, 0.02], cloud: [0.012, 0.022], fibres: [15, 35], dark: [0.06, 0.1], coloured: [0, 0.15] },
  heavy: { grain: [0.016, 0.026], cloud: [0.018, 0.03], fibres: [40, 90], dark: [0.09, 0.16], coloured: [0.05, 0.3] },
};

/** Largest darkening (in 1/255 steps) the grain and formation may reach. */
const STEPS = 64;

/** Fibre colours (multiplied in): grey-brown pulp, then the coloured bits of recycled stock. */
const FIBRE_COLOURS: readonly [number, number, number][] = [
  [150, 140, 125],
  [120, 130, 170],
  [170, 110, 110],
  [110, 140, 120],
];

/** Grain tile size (a power of two) and the width of the runs that share one formation value. */
const T = 256, SEG = 32;
/** Fixed-point scale of the grain sum (1/256 of a level) and the index offset that keeps it positive. */
const FX = 256, OFF = 96;

/**
 * A seamless T x T tile of smoothed gaussian noise, standard deviation `amp` levels, in 1/FX level units and clipped
 * to +-3.5 sd: an IIR filter (left and up neighbours; fibres lie along the machine direction) run twice around the
 * torus so the wrap has no seam.
 */
function grainTile(seed: number, amp: number): Int16Array {
  const noise = pixelNoise(seed);
  const gauss = normalTable(seed ^ 0x1b873593);
  const e = new Float32Array(T * T);
  for (let i = 0; i < e.length; i++) e[i] = gauss[noise() & 4095]!;
  const g = new Float32Array(T * T);
  const aL = 0.55, aU = 0.3;
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < T; y++) {
      const row = y * T, upRow = ((y + T - 1) % T) * T;
      let left = g[row + T - 1]!;
      for (let x = 0; x < T; x++) {
        left = aL * left + aU * g[upRow + x]! + e[row + x]!;
        g[row + x] = left;
      }
    }
  }
  let ss = 0;
  for (let i = 0; i < g.length; i++) ss += g[i]! * g[i]!;
  const k = amp / Math.sqrt(ss / g.length || 1);
  const out = new Int16Array(T * T);
  const lim = 3.5 * amp * FX;
  for (let i = 0; i < g.length; i++) out[i] = Math.round(Math.max(-lim, Math.min(lim, g[i]! * k * FX)));
  return out;
}

export const paperFibres: Effect<PaperFibresParams> = {
  name: 'paper_fibres',
  stage: 'paper',
  geometric: false,
  summary: 'paper texture: grain along the machine direction, cloudy formation and faint short fibres',
  augraphy: { name: 'NoiseTexturize', imagesPerSecond: 0.83 },
  sample(rng, level) {
    const L = LEVEL[level];
    return {
      grain: round(rng.uniform(...L.grain), 4),
      cloud: round(rng.uniform(...L.cloud), 4),
      cloudMm: round(rng.uniform(3, 9), 2),
      fibres: round(rng.uniform(...L.fibres), 1),
      fibreDark: round(rng.uniform(...L.dark)),
      coloured: round(rng.uniform(...L.coloured)),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const paperWord = page.paper >>> 0;
      // Paper word darkened by q/255, for q in 0..STEPS-1 (most pixels are paper: a table look-up).
      const paperDark = new Uint32Array(STEPS);
      const factor = new Float32Array(STEPS);
      for (let q = 0; q < STEPS; q++) {
        const f = 1 - q / 255;
        factor[q] = f;
        const r = Math.round((paperWord & 0xff) * f), g = Math.round(((paperWord >>> 8) & 0xff) * f), b = Math.round(((paperWord >>> 16) & 0xff) * f);
        paperDark[q] = ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
      }
      // Grain: one seamless tile read at a different random offset in every T x T block of the page (the grain is
      // too fine for the block seams to show), so it does not visibly repeat. Formation: a smooth field, one value per
      // SEG-pixel run (its steps are far below a level and dithered by the grain). The sum, in 1/FX levels plus an
      // offset, indexes tables of the paper word and of the ink factor directly: no clamping in the loop.
      const amp = Math.min(p.grain * 255, 8);
      const tile = grainTile(p.seed, amp);
      const cAmp = Math.min(p.cloud * 255 * 2, 24);
      const cloud = coarseField(w, h, p.seed, Math.max(32, p.cloudMm * pxPerMm), 1);
      // Mean darkening: the formation and grain darken and lighten around it.
      const base = (p.cloud + 1.5 * p.grain) * 255 - cAmp * 0.5 + 0.5;
      const size = OFF + Math.ceil(base + cAmp + 3.5 * amp) + 2;
      const paperAt = new Uint32Array(size), factorAt = new Float32Array(size);
      for (let k = 0; k < size; k++) {
        const q = Math.max(0, Math.min(STEPS - 1, k - OFF));
        paperAt[k] = paperDark[q]!;
        factorAt[k] = factor[q]!;
      }
      const offRng = createRng(p.seed ^ 0x3c6ef372);
      const bw = Math.ceil(w / T), bh = Math.ceil(h / T);
      const offs = new Int32Array(bw * bh);
      for (let b = 0; b < offs.length; b++) offs[b] = offRng.int(0, T - 1) * T + offRng.int(0, T - 1);
      const fxBase = Math.round((base + OFF) * FX);
      grainPass(px, w, h, paperWord, tile, offs, bw, cloud, fxBase, cAmp * FX, paperAt, factorAt);
      // Fibres: short quadratic curves, about a tenth of a millimetre wide, tapered, multiplied in.
      const rng = createRng(p.seed);
      const count = Math.round((p.fibres * (w / pxPerMm) * (h / pxPerMm)) / 10000);
      const width = Math.max(0.8, 0.12 * pxPerMm);
      for (let k = 0; k < count; k++) {
        const len = Math.min(9, 0.8 + rng.next() * rng.next() * 6) * pxPerMm; // mostly short
        const th = rng.chance(0.6) ? rng.uniform(-0.5, 0.5) + (rng.chance(0.5) ? 0 : Math.PI) : rng.uniform(0, 2 * Math.PI);
        const bend = rng.uniform(-0.35, 0.35) * len;
        const x0 = rng.uniform(0, w), y0 = rng.uniform(0, h);
        const x2 = x0 + Math.cos(th) * len, y2 = y0 + Math.sin(th) * len;
        const x1 = (x0 + x2) / 2 - Math.sin(th) * bend, y1 = (y0 + y2) / 2 + Math.cos(th) * bend;
        const dark = Math.min(1, p.fibreDark * rng.uniform(0.5, 1.5) * 1.4);
        const [cr, cg, cb] = rng.chance(p.coloured) ? FIBRE_COLOURS[rng.int(1, FIBRE_COLOURS.length - 1)]! : FIBRE_COLOURS[0]!;
        stampCurve(px, w, h, x0, y0, x1, y1, x2, y2, width, cr, cg, cb, dark);
      }
      return img;
    });
  },
};

/**
 * The grain and formation over the whole page: per SEG-pixel run one formation value and the tile row of its block;
 * per pixel a tile read and a table look-up (paper) or three multiplies (ink).
 */
function grainPass(
  px: Uint32Array, w: number, h: number, paperWord: number, tile: Int16Array, offs: Int32Array, bw: number,
  cloud: CoarseField, fxBase: number, cScale: number, paperAt: Uint32Array, factorAt: Float32Array,
): void {
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const by = ((y / T) | 0) * bw, ty = y & (T - 1);
    for (let x0 = 0; x0 < w; x0 += SEG) {
      const x1 = Math.min(w, x0 + SEG);
      const c = fxBase + Math.round(cScale * fieldAt(cloud, x0 + SEG / 2, y));
      // This run's tile row: the block's offset, wrapped on the torus (runs never cross a block: T % SEG === 0).
      const o = offs[by + ((x0 / T) | 0)]!;
      const tRow = ((((o / T) | 0) + ty) & (T - 1)) * T;
      const tx = (o & (T - 1)) - (x0 & ~(T - 1));
      for (let x = x0; x < x1; x++) {
        const k = (c + tile[tRow + ((tx + x) & (T - 1))]!) >> 8;
        const i = row + x;
        const v = px[i]!;
        if (v === paperWord) {
          px[i] = paperAt[k]!;
          continue;
        }
        const f = factorAt[k]!;
        px[i] = ((0xff << 24) | ((((v >>> 16) & 0xff) * f) << 16) | ((((v >>> 8) & 0xff) * f) << 8) | ((v & 0xff) * f)) >>> 0;
      }
    }
  }
}
