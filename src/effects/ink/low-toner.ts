/**
 * Low toner: a laser printer or copier running short of toner (or with a scratched drum / dirty developer roller)
 * prints lighter in bands along the paper-feed direction. Vertical streaks, some at random across the page and
 * sometimes a periodic comb of thin lines, lighten the ink they cross toward the paper colour, with soft edges, a
 * slow change along their length and toner grain; at heavy strength faint strokes inside a streak drop out. Only
 * the streaks' columns are visited.
 */
import { coarseField, drawSeed, fieldAt, lumaOf, pixelNoise, round, wordsOf } from '../raster.js';
import { PaperRuns } from '../paper/shapes.js';
import { erasing, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface LowTonerParams extends EffectParams {
  /** Streaks as triples: centre (fraction of the page width), width (mm), strength (share of darkness lost, 0..1). */
  streaks: number[];
  /** Period of the comb of thin lines in mm (0: none); its lines are in `streaks` too, this is for the record. */
  period: number;
  /** Fine per-pixel toner grain added to the loss (0..1). */
  grain: number;
  /** Extra darkness (share of full black) cut where a streak is strong, so faint strokes drop out first. */
  cut: number;
  seed: number;
}

interface LevelSpec {
  bands: [number, number];
  width: [number, number];
  strength: [number, number];
  comb: number;
  combStrength: [number, number];
  grain: [number, number];
  cut: [number, number];
}

const LEVEL: Record<OnLevel, LevelSpec> = {
  light: { bands: [1, 2], width: [1, 4], strength: [0.12, 0.25], comb: 0.3, combStrength: [0.1, 0.2], grain: [0.04, 0.08], cut: [0, 0.02] },
  medium: { bands: [2, 4], width: [1.5, 7], strength: [0.25, 0.45], comb: 0.45, combStrength: [0.2, 0.35], grain: [0.08, 0.14], cut: [0.02, 0.06] },
  heavy: { bands: [3, 6], width: [2, 12], strength: [0.45, 0.8], comb: 0.55, combStrength: [0.35, 0.55], grain: [0.12, 0.2], cut: [0.08, 0.15] },
};

export const lowToner: Effect<LowTonerParams> = {
  name: 'low_toner',
  stage: 'ink',
  geometric: false,
  summary: 'vertical streaks (paper-feed direction) where the toner ran low: ink in those bands is lighter, some in a periodic comb',
  augraphy: { name: 'LowInkPeriodicLines', imagesPerSecond: 5.17 },
  sample(rng, level) {
    const L = LEVEL[level];
    const streaks: number[] = [];
    const bands = rng.int(...L.bands);
    for (let k = 0; k < bands; k++) {
      streaks.push(round(rng.uniform(0.03, 0.97), 4), round(rng.uniform(...L.width), 2), round(rng.uniform(...L.strength)));
    }
    let period = 0;
    if (rng.chance(L.comb)) {
      period = round(rng.uniform(4, 20), 2);
      const lineW = rng.uniform(0.25, 0.8);
      const s = rng.uniform(...L.combStrength);
      const phase = rng.uniform(0, period);
      // The comb on an A4-wide page (210 mm); fractions so it scales with the page.
      for (let mm = phase; mm < 210; mm += period) {
        streaks.push(round(mm / 210, 4), round(lineW * rng.uniform(0.8, 1.25), 2), round(s * rng.uniform(0.7, 1.15)));
      }
    }
    return { streaks, period, grain: round(rng.uniform(...L.grain)), cut: round(rng.uniform(...L.cut)), seed: drawSeed(rng) };
  },
  transform(p, page) {
    return erasing(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const paperWord = page.paper >>> 0;
      const pxPerMm = page.dpi / 25.4;
      // Slow change along each streak's length: one field, read down each streak's centre line.
      const field = coarseField(w, h, p.seed, Math.max(32, 0.15 * h), 2);
      const st = p.streaks;
      const ns = Math.floor(st.length / 3);
      const lo = new Int32Array(ns), hi = new Int32Array(ns);
      const prof = new Float32Array(ns * w); // each streak's profile across the page (zero outside it)
      const along = new Float32Array(ns * h); // each streak's strength down the page
      for (let s = 0; s < ns; s++) {
        const cx = st[3 * s]! * w, half = Math.max(0.5, (st[3 * s + 1]! * pxPerMm) / 2), strength = st[3 * s + 2]!;
        // Flat core, raised-cosine shoulders (half the half-width each side, at least a pixel).
        const soft = Math.max(1, half * 0.5);
        lo[s] = Math.max(0, Math.floor(cx - half - soft));
        hi[s] = Math.min(w - 1, Math.ceil(cx + half + soft));
        for (let x = lo[s]!; x <= hi[s]!; x++) {
          const d = Math.abs(x + 0.5 - cx) - half + soft;
          prof[s * w + x] = d <= 0 ? 1 : d >= 2 * soft ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * d) / (2 * soft));
        }
        const fx = Math.min(w - 1, Math.max(0, cx));
        for (let y = 0; y < h; y++) along[s * h + y] = strength * (0.6 + 0.6 * fieldAt(field, fx, y));
      }
      return streakPass(px, w, h, paperWord, ns, lo, hi, prof, along, pixelNoise(p.seed ^ 0x68e31da4)() | 1, p.grain * 2 ** -32, p.cut * 255);
    });
  },
};

/**
 * Lightens the ink under the streaks, row by row (memory order; rows that are all paper skipped), each streak's
 * columns in turn; returns the share of ink kept per pixel. `grain` is scaled for a signed 32-bit noise value.
 */
function streakPass(
  px: Uint32Array, w: number, h: number, paperWord: number, ns: number, lo: Int32Array, hi: Int32Array,
  prof: Float32Array, along: Float32Array, seed: number, grain: number, cut: number,
): Uint8Array {
  const pr = paperWord & 0xff, pg = (paperWord >>> 8) & 0xff, pb = (paperWord >>> 16) & 0xff;
  const paperL = lumaOf(paperWord);
  const out = new Uint8Array(w * h).fill(255);
  const runs = new PaperRuns(px, paperWord, w);
  let s32 = seed; // xorshift32 state
  for (let y = 0; y < h; y++) {
    if (runs.rowIsPaper(y)) continue;
    const row = y * w;
    for (let s = 0; s < ns; s++) {
      const ay = along[s * h + y]!;
      const po = s * w;
      for (let x = lo[s]!, e = hi[s]!; x <= e; x++) {
        const i = row + x;
        const v = px[i]!;
        if (v === paperWord) continue;
        const d = paperL - lumaOf(v);
        if (d <= 0) continue;
        s32 ^= s32 << 13;
        s32 ^= s32 >>> 17;
        s32 ^= s32 << 5;
        let a = ay * prof[po + x]! + grain * s32;
        if (a <= 0) continue;
        if (a > 1) a = 1;
        let k = 1 - a - (cut * a * a) / d;
        if (k < 0) k = 0;
        const r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
        const nr = (pr + (r - pr) * k + 0.5) | 0, ng = (pg + (g - pg) * k + 0.5) | 0, nb = (pb + (b - pb) * k + 0.5) | 0;
        px[i] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
        out[i] = (out[i]! * k + 0.5) | 0;
      }
    }
  }
  return out;
}
