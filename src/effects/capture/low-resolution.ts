/**
 * Low resolution: the page was captured with too few pixels (a low-resolution scan, a distant or cheap phone
 * camera, a thumbnail) and scaled back up for use: strokes turn soft and blocky, thin lines break and small text
 * smears. The image is shrunk by `scale` (sharp; an averaging kernel for a camera, nearest-pixel for a scanner
 * that skips samples) and enlarged back to the same size bilinearly (in JS, two channels per integer multiply).
 */
import { fromRgb, round, toRgb, wordsOf, type Raster } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { mixWords, sharpRgb } from './util.js';

export interface LowResolutionParams extends EffectParams {
  /** Linear size of the capture relative to the page image (0..1). */
  scale: number;
  /** sharp kernel of the shrink: 'linear' or 'cubic' (averaging optics), 'nearest' (skipped samples). */
  kernel: 'linear' | 'cubic' | 'nearest';
}

const SCALE: Record<OnLevel, [number, number]> = { light: [0.68, 0.8], medium: [0.52, 0.68], heavy: [0.38, 0.52] };
const KERNELS = ['linear', 'cubic', 'nearest'] as const;

export const lowResolution: Effect<LowResolutionParams> = {
  name: 'low_resolution',
  stage: 'capture',
  geometric: false,
  summary: 'captured at a lower resolution (0.38-0.8x) and scaled back up: soft, blocky strokes',
  sample(rng, level) {
    const [lo, hi] = SCALE[level];
    return { scale: round(rng.uniform(lo, hi)), kernel: KERNELS[rng.weighted([0.55, 0.3, 0.15])]! };
  },
  transform(p, page) {
    return photometric(page, async (img) => {
      const { width: w, height: h } = img;
      const sw = Math.max(2, Math.round(w * p.scale)), sh = Math.max(2, Math.round(h * p.scale));
      if (sw >= w && sh >= h) return img;
      const buf = await sharpRgb(toRgb(img), w, h).resize(sw, sh, { fit: 'fill', kernel: p.kernel }).raw().toBuffer();
      const small = fromRgb(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), sw, sh);
      return upscaleBilinear(small, img);
    });
  },
};

/** Enlarges `src` bilinearly (pixel centres aligned, edges clamped) into `dst`, which has the target size. */
function upscaleBilinear(src: Raster, dst: Raster): Raster {
  const { width: sw, height: sh } = src;
  const { width: w, height: h } = dst;
  const sp = wordsOf(src);
  const dp = wordsOf(dst);
  // Per output column: left source column and the right one's weight (0..128).
  const x0 = new Int32Array(w), fx = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    const sx = Math.min(sw - 1, Math.max(0, ((x + 0.5) * sw) / w - 0.5));
    const i = Math.min(sw - 2, Math.floor(sx));
    x0[x] = i;
    fx[x] = Math.round((sx - i) * 128);
  }
  // Source rows widened to the output width, two at a time (cached as the output walks down).
  let rowA = new Uint32Array(w), rowB = new Uint32Array(w);
  let ja = -1, jb = -1;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(sh - 1, Math.max(0, ((y + 0.5) * sh) / h - 0.5));
    const j = Math.min(sh - 2, Math.floor(sy));
    const fy = Math.round((sy - j) * 128);
    if (ja !== j) {
      if (jb === j) {
        const t = rowA;
        rowA = rowB;
        rowB = t;
        ja = j;
        jb = -1;
      } else {
        widen(sp, j * sw, x0, fx, rowA);
        ja = j;
      }
    }
    if (jb !== j + 1) {
      widen(sp, (j + 1) * sw, x0, fx, rowB);
      jb = j + 1;
    }
    const base = y * w;
    if (fy === 0) dp.set(rowA, base);
    else if (fy === 128) dp.set(rowB, base);
    else {
      for (let x = 0; x < w; x++) {
        const a = rowA[x]!, b = rowB[x]!;
        dp[base + x] = a === b ? a : mixWords(a, b, fy);
      }
    }
  }
  return dst;
}

/** A source row (from index base) widened into `out`: column x mixes x0[x] and the next by fx[x] / 128. */
function widen(sp: Uint32Array, base: number, x0: Int32Array, fx: Int32Array, out: Uint32Array): void {
  for (let x = 0; x < out.length; x++) {
    const i = base + x0[x]!;
    const a = sp[i]!, b = sp[i + 1]!;
    out[x] = a === b ? a : mixWords(a, b, fx[x]!);
  }
}
