/**
 * Binarize: a fax in text mode, a 1-bit scanner or a thresholding step before OCR keeps only black and white. The
 * threshold comes from the page's own luminance histogram (Otsu's split between ink and paper), moved toward the
 * paper by `bias` so faint or thin ink survives, and wobbles a little: slowly across the page (the machine's
 * automatic exposure) and from pixel to pixel (sensor noise at the threshold), which leaves stroke edges ragged.
 * Light tints and backgrounds drop to white; dark fills turn solid. The output is pure black and white.
 */
import { drawSeed, normalTable, pixelNoise, round, smoothField } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf } from './util.js';

export interface BinarizeParams extends EffectParams {
  /** Share of the way from Otsu's threshold to the paper's luminance the threshold moves (negative: toward ink). */
  bias: number;
  /** Standard deviation of the per-pixel threshold noise, levels. */
  jitter: number;
  /** Amplitude of the slow threshold drift across the page, levels. */
  drift: number;
  seed: number;
}

const RANGES: Record<OnLevel, { bias: [number, number]; jitter: [number, number]; drift: [number, number] }> = {
  light: { bias: [0.15, 0.3], jitter: [0, 3], drift: [0, 4] },
  medium: { bias: [0.05, 0.35], jitter: [3, 8], drift: [4, 10] },
  heavy: { bias: [-0.1, 0.4], jitter: [8, 16], drift: [10, 20] },
};

const BLACK_WORD = 0xff000000 | 0;
const WHITE_WORD = 0xffffffff | 0;
/** Block size of the drift field (it is smooth: one value per block is enough for a binary output). */
const BLOCK = 16;

export const binarize: Effect<BinarizeParams> = {
  name: 'binarize',
  stage: 'capture',
  geometric: false,
  summary: "black-and-white thresholding at the page's own Otsu threshold, biased to keep faint ink, with noisy edges",
  augraphy: { name: 'Faxify', imagesPerSecond: 1.37 },
  sample(rng, level) {
    const r = RANGES[level];
    return {
      bias: round(rng.uniform(...r.bias), 3),
      jitter: round(rng.uniform(...r.jitter), 2),
      drift: round(rng.uniform(...r.drift), 2),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      threshold(intWordsOf(img), img.width, img.height, p, page.paper | 0);
      return img;
    });
  },
};

/** Otsu's threshold of a histogram: the level maximising the between-class variance (classes < t and >= t). */
function otsu(hist: Float64Array | Uint32Array): number {
  let total = 0, sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i]!;
    sum += i * hist[i]!;
  }
  let best = 128, bestVar = -1, w0 = 0, sum0 = 0;
  for (let t = 1; t < 256; t++) {
    w0 += hist[t - 1]!;
    sum0 += (t - 1) * hist[t - 1]!;
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = sum0 / w0, m1 = (sum - sum0) / w1;
    const v = w0 * w1 * (m0 - m1) * (m0 - m1);
    if (v > bestVar) {
      bestVar = v;
      best = t;
    }
  }
  return best;
}

/** Thresholds `px` in place: the page's threshold, then the hot loops in module-level functions without closures. */
function threshold(px: Int32Array, w: number, h: number, p: BinarizeParams, paper: number): void {
  const paperL = luma(paper);
  const hist = histogram(px, paper);
  // The paper's level: the histogram's mode in the upper half (or the paper colour's, if brighter).
  let mode = 128;
  for (let l = 129; l < 256; l++) if (hist[l]! > hist[mode]!) mode = l;
  const bg = Math.max(mode, paperL);
  let t = otsu(hist);
  t = Math.min(t, bg - 24);
  t += p.bias * (bg - t);
  // Threshold per pixel: t + drift (per block) + jitter (per pixel, from a normal table indexed by xorshift bits),
  // all in sixteenths of a level.
  const bw = Math.ceil(w / BLOCK), bh = Math.ceil(h / BLOCK);
  const blockT = new Int32Array(bw * bh);
  const field = p.drift > 0 ? smoothField(w, h, p.seed, Math.max(w, h) / 4, 2) : null;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const f = field ? field.at(Math.min(w - 1, bx * BLOCK + BLOCK / 2), Math.min(h - 1, by * BLOCK + BLOCK / 2)) : 0.5;
      blockT[by * bw + bx] = Math.round((t + p.drift * 2 * (f - 0.5)) * 16);
    }
  }
  const noise = normalTable(p.seed, 4096);
  const jit = new Int32Array(4096);
  let jmax = 0;
  for (let k = 0; k < 4096; k++) {
    jit[k] = Math.round(noise[k]! * p.jitter * 16);
    jmax = Math.max(jmax, Math.abs(jit[k]!));
  }
  apply(px, w, h, blockT, bw, jit, jmax, pixelNoise(p.seed)() | 0 || 1, paper, paperL * 16 + 8);
}

/** Luminance histogram of `px` (paper pixels counted at once). */
function histogram(px: Int32Array, paper: number): Uint32Array {
  const hist = new Uint32Array(256);
  let paperCount = 0;
  for (let i = 0; i < px.length; i++) {
    const v = px[i]!;
    if (v === paper) paperCount++;
    else hist[luma(v)]!++;
  }
  hist[luma(paper)]! += paperCount;
  return hist;
}

/** Black or white per pixel; the noise is drawn (xorshift from state s) only where it can change the outcome. */
function apply(px: Int32Array, w: number, h: number, blockT: Int32Array, bw: number, jit: Int32Array, jmax: number, s: number, paper: number, paperL16: number): void {
  for (let y = 0; y < h; y++) {
    const brow = (y >> 4) * bw, row = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      const v = px[i]!;
      const l = v === paper ? paperL16 : luma(v) * 16 + 8;
      const bt = blockT[brow + (x >> 4)]!;
      if (l >= bt + jmax) px[i] = WHITE_WORD;
      else if (l < bt - jmax) px[i] = BLACK_WORD;
      else {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        px[i] = l >= bt + jit[s & 4095]! ? WHITE_WORD : BLACK_WORD;
      }
    }
  }
}

function luma(v: number): number {
  return ((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8;
}
