/**
 * Dither: a fax in photo mode (or a 1-bit scanner) keeps only black and white dots and renders grey by error
 * diffusion: each pixel's luminance is thresholded and the error pushed onto the pixels not yet done (Floyd-Steinberg
 * in serpentine order, or Atkinson, which drops a quarter of the error and so keeps more contrast). Greys and
 * pictures become dot patterns, anti-aliased stroke edges turn ragged, and a faint background is cleaned away by the
 * machine's white point. Standard-resolution faxes scan every other line (about 100 lines per inch): each pair of
 * rows is then dithered as one, from their mean, and printed twice. The output is pure black and white.
 */
import { round } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf } from './util.js';

export interface DitherParams extends EffectParams {
  kernel: 'floyd-steinberg' | 'atkinson';
  /** Luminance at and above which a pixel counts as white (the machine's background removal), 0..255. */
  white: number;
  /** Luminance at and below which a pixel counts as black, 0..255. */
  black: number;
  /** Half the vertical resolution (standard fax mode): rows dithered in pairs. */
  halfRows: boolean;
}

const WHITE: Record<OnLevel, [number, number]> = { light: [240, 250], medium: [230, 245], heavy: [220, 238] };

const BLACK_WORD = 0xff000000 | 0;
const WHITE_WORD = 0xffffffff | 0;

export const dither: Effect<DitherParams> = {
  name: 'dither',
  stage: 'capture',
  geometric: false,
  summary: 'fax-style 1-bit output: error diffusion (Floyd-Steinberg or Atkinson), optionally half vertical resolution',
  augraphy: { name: 'Dithering', imagesPerSecond: 3.39 },
  sample(rng, level) {
    return {
      kernel: rng.chance(0.6) ? 'floyd-steinberg' : 'atkinson',
      white: round(rng.uniform(...WHITE[level]), 0),
      black: round(rng.uniform(20, 50), 0),
      halfRows: level === 'light' ? rng.chance(0.2) : rng.chance(level === 'medium' ? 0.4 : 0.6),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      diffuse(intWordsOf(img), img.width, img.height, p.kernel === 'atkinson', p.white, p.black, p.halfRows, page.paper | 0);
      return img;
    });
  },
};

/**
 * Dithers `px` in place (module level, so V8 reuses its optimised code). Errors are kept in sixteenths of a level;
 * a paper pixel with no error reaching it stays white without further work.
 */
function diffuse(px: Int32Array, w: number, h: number, atkinson: boolean, white: number, black: number, halfRows: boolean, paper: number): void {
  // Luminance stretched so `black` -> 0 and `white` -> 255.
  const lut = new Int32Array(256);
  for (let l = 0; l < 256; l++) lut[l] = Math.max(0, Math.min(255, Math.round(((l - black) * 255) / Math.max(1, white - black))));
  const paperL = lumaAt(lut, paper);
  const pad = 2;
  // Errors reaching this row, the next and the one after (index x + pad), rotated row by row.
  let e0 = new Int32Array(w + 2 * pad), e1 = new Int32Array(w + 2 * pad), e2 = new Int32Array(w + 2 * pad);
  const step = halfRows ? 2 : 1;
  const src: Input = { px, w, lut, paper };
  for (let y = 0, row = 0; y < h; y += step, row++) {
    const i0 = y * w;
    const pair = halfRows && y + 1 < h;
    e2.fill(0);
    if (atkinson) atkinsonRow(src, i0, pair, e0, e1, e2, pad, paperL);
    else floydRow(src, i0, pair, e0, e1, pad, paperL, (row & 1) === 1);
    const done = e0;
    e0 = e1;
    e1 = e2;
    e2 = done;
    if (pair) px.copyWithin(i0 + w, i0, i0 + w);
  }
}

/** A pixel word's luminance through the stretch table. */
function lumaAt(lut: Int32Array, v: number): number {
  return lut[((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8]!;
}

/** The image being dithered and how its pixels read. */
interface Input {
  px: Int32Array;
  w: number;
  /** Luminance stretch table. */
  lut: Int32Array;
  paper: number;
}

/** The input luminance at index i (the mean with the pixel below when `pair`), or -1 for untouched paper. */
function inputAt(s: Input, i: number, pair: boolean): number {
  const v = s.px[i]!;
  if (!pair) return v === s.paper ? -1 : lumaAt(s.lut, v);
  const v2 = s.px[i + s.w]!;
  return v === s.paper && v2 === s.paper ? -1 : (lumaAt(s.lut, v) + lumaAt(s.lut, v2) + 1) >> 1;
}

/**
 * One row of Floyd-Steinberg (7, 3, 5, 1 sixteenths) at px[i0..] (from it and the row below when `pair`), right to
 * left when `reverse`.
 */
function floydRow(src: Input, i0: number, pair: boolean, cur: Int32Array, next: Int32Array, pad: number, paperL: number, reverse: boolean): void {
  const { px, w } = src;
  const d = reverse ? -1 : 1;
  let carry = 0;
  for (let k = 0, x = reverse ? w - 1 : 0; k < w; k++, x += d) {
    const j = x + pad;
    const acc = cur[j]! + carry;
    const l0 = inputAt(src, i0 + x, pair);
    if (l0 < 0 && acc === 0) {
      px[i0 + x] = WHITE_WORD;
      carry = 0;
      continue;
    }
    const val = (l0 < 0 ? paperL : l0) + (acc >> 4);
    const on = val >= 128;
    px[i0 + x] = on ? WHITE_WORD : BLACK_WORD;
    const err = val - (on ? 255 : 0);
    carry = err * 7;
    next[j - d]! += err * 3;
    next[j]! += err * 5;
    next[j + d]! += err;
  }
}

/**
 * One row of Atkinson at px[i0..] (from it and the row below when `pair`): 1/8 to two pixels ahead, three below, one
 * two rows below; a quarter of the error dropped.
 */
function atkinsonRow(src: Input, i0: number, pair: boolean, cur: Int32Array, next: Int32Array, next2: Int32Array, pad: number, paperL: number): void {
  const { px, w } = src;
  let c1 = 0, c2 = 0;
  for (let x = 0; x < w; x++) {
    const j = x + pad;
    const acc = cur[j]! + c1;
    c1 = c2;
    c2 = 0;
    const l0 = inputAt(src, i0 + x, pair);
    if (l0 < 0 && acc === 0) {
      px[i0 + x] = WHITE_WORD;
      continue;
    }
    const val = (l0 < 0 ? paperL : l0) + (acc >> 4);
    const on = val >= 128;
    px[i0 + x] = on ? WHITE_WORD : BLACK_WORD;
    const e = (val - (on ? 255 : 0)) * 2;
    c1 += e;
    c2 = e;
    next[j - 1]! += e;
    next[j]! += e;
    next[j + 1]! += e;
    next2[j]! += e;
  }
}
