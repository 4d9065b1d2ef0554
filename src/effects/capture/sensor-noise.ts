/**
 * Sensor noise: the grain every capture adds, from the scanner's or camera's sensor (photon shot noise, read noise,
 * amplifier noise). Gaussian noise on luminance, the same on all three channels, plus a little independent noise on
 * red and blue (chroma noise, which demosaicing leaves in phone photos). In photos, shadows are noisier: the
 * sensor's noise is amplified there by exposure and gamma, so the noise grows toward dark pixels by `shadows`.
 * White paper clips the upward half, as a saturated sensor does. One pass, a xorshift draw per pixel indexing tables
 * of pre-drawn normals.
 */
import { drawSeed, normalTable, pixelNoise, round } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf } from './util.js';

export interface SensorNoiseParams extends EffectParams {
  /** Standard deviation of the luminance noise on paper-white pixels, in 0..255 levels. */
  sigma: number;
  /** Standard deviation of the chroma noise relative to `sigma`. */
  chroma: number;
  /** How much stronger the noise is on black than on white (0: even, as in a scanner; 1: twice as strong). */
  shadows: number;
  seed: number;
}

const SIGMA: Record<OnLevel, [number, number]> = { light: [1.5, 3], medium: [3, 5.5], heavy: [5.5, 9] };

/** Size of the normal tables (index bits: 14 for luminance, 14 for chroma, from one 32-bit draw). */
const TABLE = 1 << 14;

export const sensorNoise: Effect<SensorNoiseParams> = {
  name: 'sensor_noise',
  stage: 'capture',
  geometric: false,
  summary: 'camera/scanner sensor noise: gaussian luminance and chroma grain, stronger in dark areas for photos',
  augraphy: { name: 'SubtleNoise', imagesPerSecond: 1.44 },
  sample(rng, level) {
    const [lo, hi] = SIGMA[level];
    // A third of captures are flat-noise scanners, the rest photos with noisier shadows.
    const photo = rng.chance(0.67);
    return {
      sigma: round(rng.uniform(lo, hi), 2),
      chroma: round(photo ? rng.uniform(0.25, 0.6) : rng.uniform(0.05, 0.2), 2),
      shadows: round(photo ? rng.uniform(0.5, 1.5) : 0, 2),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      addNoise(intWordsOf(img), p);
      return img;
    });
  },
};

/** Adds the noise to every pixel word of `px` in place. */
function addNoise(px: Int32Array, p: SensorNoiseParams): void {
  // Normals scaled by 64; per luma, the noise's sigma scaled by 4: (normal * scale + 128) >> 8 is in levels.
  const nl = toInt(normalTable(p.seed, TABLE), 64);
  const nc = toInt(normalTable(p.seed ^ 0x5bd1e995, TABLE), 64);
  const sl = new Int32Array(256), sc = new Int32Array(256);
  for (let l = 0; l < 256; l++) {
    const s = p.sigma * (1 + p.shadows * (1 - l / 255));
    sl[l] = Math.round(s * 4);
    sc[l] = Math.round(s * p.chroma * 4);
  }
  // Byte clamp of v + 512 (noise stays within +-512 levels).
  const clamp = new Uint8Array(1280);
  for (let i = 0; i < clamp.length; i++) clamp[i] = Math.max(0, Math.min(255, i - 512));
  noiseLoop(px, nl, nc, sl, sc, clamp, pixelNoise(p.seed)() | 0 || 1);
}

/** The per-pixel loop (no closures: V8 keeps its optimised code from page to page); s is the xorshift state. */
function noiseLoop(px: Int32Array, nl: Int32Array, nc: Int32Array, sl: Int32Array, sc: Int32Array, clamp: Uint8Array, s: number): void {
  const mask = TABLE - 1;
  for (let i = 0; i < px.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const v = px[i]!;
    const r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
    const l = (r * 77 + g * 150 + b * 29) >> 8;
    const dl = (nl[s & mask]! * sl[l]! + 128) >> 8;
    const j = (s >>> 18) & mask;
    const sci = sc[l]!;
    const dr = (nc[j]! * sci + 128) >> 8, db = (nc[j ^ 0x2aaa]! * sci + 128) >> 8;
    px[i] = 0xff000000 | (clamp[b + dl + db + 512]! << 16) | (clamp[g + dl + 512]! << 8) | clamp[r + dl + dr + 512]!;
  }
}

/** A normal table as integers scaled by `k`, clamped to +-5 sigma. */
function toInt(t: Float32Array, k: number): Int32Array {
  const out = new Int32Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = Math.round(Math.max(-5, Math.min(5, t[i]!)) * k);
  return out;
}
