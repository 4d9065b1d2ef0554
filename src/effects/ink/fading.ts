/**
 * Ink fading: old prints, sun-bleached or worn pages, where the ink has lost density unevenly. Every ink pixel moves
 * toward the paper colour by a share that follows a blotchy field (plus a fine toner grain); faint pixels (the
 * anti-aliased edges, thin strokes) lose a little more, so at heavy strength hairlines can vanish.
 */
import { type CoarseField, coarseField, drawSeed, fieldAt, lumaOf, pixelNoise, round, wordsOf } from '../raster.js';
import { PaperRuns, RUN } from '../paper/shapes.js';
import { erasing, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface InkFadingParams extends EffectParams {
  /** Mean share of the ink's darkness lost (0..1). */
  amount: number;
  /** How far the blotchy field moves the share either way (0..1). */
  variation: number;
  /** Blotch size as a fraction of the page width. */
  cell: number;
  /** Fine per-pixel grain added to the share (0..1). */
  grain: number;
  /** Darkness (share of full black) cut from every faded pixel on top, so faint strokes drop out first. */
  cut: number;
  seed: number;
}

const LEVEL: Record<OnLevel, { amount: [number, number]; variation: [number, number]; grain: [number, number]; cut: [number, number] }> = {
  light: { amount: [0.06, 0.14], variation: [0.06, 0.12], grain: [0.04, 0.08], cut: [0, 0.02] },
  medium: { amount: [0.18, 0.3], variation: [0.12, 0.2], grain: [0.08, 0.14], cut: [0.02, 0.06] },
  heavy: { amount: [0.38, 0.5], variation: [0.2, 0.3], grain: [0.12, 0.2], cut: [0.08, 0.16] },
};

export const inkFading: Effect<InkFadingParams> = {
  name: 'ink_fading',
  stage: 'ink',
  geometric: false,
  summary: 'ink lightens unevenly toward the paper colour (blotchy field and toner grain; heavy loses hairlines)',
  augraphy: { name: 'InkMottling', imagesPerSecond: 5.41 },
  sample(rng, level) {
    const L = LEVEL[level];
    return {
      amount: round(rng.uniform(...L.amount)),
      variation: round(rng.uniform(...L.variation)),
      cell: round(rng.uniform(0.05, 0.2)),
      grain: round(rng.uniform(...L.grain)),
      cut: round(rng.uniform(...L.cut)),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return erasing(page, (img) => {
      const { width: w, height: h } = img;
      const field = coarseField(w, h, p.seed, Math.max(16, p.cell * w), 2);
      const seed = pixelNoise(p.seed ^ 0x5bd1e995)() | 1;
      return fade(wordsOf(img), w, h, page.paper >>> 0, field, seed, p.amount, 2 * p.variation, p.grain * 2 ** -32, p.cut * 255);
    });
  },
};

/** Reciprocals 1/d of darkness levels (0 for 0). */
const INV = new Float32Array(256).map((_, d) => (d ? 1 / d : 0));

/**
 * Fades every ink pixel (visiting only runs that are not all paper) and returns the share of ink kept per pixel.
 * `grain` is scaled for a signed 32-bit noise value; `cut` is in darkness levels.
 */
function fade(px: Uint32Array, w: number, h: number, paperWord: number, field: CoarseField, seed: number, amount: number, span: number, grain: number, cut: number): Uint8Array {
  const pr = paperWord & 0xff, pg = (paperWord >>> 8) & 0xff, pb = (paperWord >>> 16) & 0xff;
  const paperL = lumaOf(paperWord);
  const out = new Uint8Array(w * h).fill(255);
  const runs = new PaperRuns(px, paperWord, w);
  let s32 = seed; // xorshift32 state
  for (let y = 0; y < h; y++) {
    if (runs.rowIsPaper(y)) continue;
    for (let x0 = 0; x0 < w; x0 += RUN) {
      const x1 = Math.min(w, x0 + RUN);
      if (runs.isPaper(y, x0, x1)) continue;
      let base = 0;
      for (let x = x0, i = y * w + x0; x < x1; x++, i++) {
        // The blotchy field changes slowly: read it once every 16 pixels.
        if ((x & 15) === 0) base = amount + span * (fieldAt(field, x + 8, y) - 0.5);
        const v = px[i]!;
        if (v === paperWord) continue;
        const d = paperL - lumaOf(v);
        if (d <= 0) continue;
        s32 ^= s32 << 13;
        s32 ^= s32 >>> 17;
        s32 ^= s32 << 5;
        let a = base + grain * s32;
        if (a <= 0) continue;
        if (a > 1) a = 1;
        // Remaining share of the darkness: faded, then the cut (scaled by how faded this spot is).
        let s = 1 - a - cut * a * INV[d]!;
        if (s < 0) s = 0;
        const r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
        const nr = (pr + (r - pr) * s + 0.5) | 0, ng = (pg + (g - pg) * s + 0.5) | 0, nb = (pb + (b - pb) * s + 0.5) | 0;
        px[i] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
        out[i] = (s * 255 + 0.5) | 0;
      }
    }
  }
  return out;
}
