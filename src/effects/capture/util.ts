/**
 * Helpers shared by the capture effects: millimetre conversion, sharp over RGB bytes, mixing two pixel words, and
 * an int32 view of the pixels for hot loops. (RGB packing and the sharp round trip are raster.ts's.)
 */
import sharp, { type Sharp } from 'sharp';
import { wordsOf, type Raster } from '../raster.js';

/** Millimetres to pixels at `dpi`. */
export function mmToPx(mm: number, dpi: number): number {
  return (mm * dpi) / 25.4;
}

/** sharp over RGB bytes. */
export function sharpRgb(rgb: Uint8Array, width: number, height: number): Sharp {
  return sharp(rgb, { raw: { width, height, channels: 3 } });
}

/**
 * a + (b - a) * f / 128 per channel (f in 0..128), opaque: two pixel words mixed. Returns the word as a signed
 * int32 (V8 keeps those unboxed; uint32 words above 2^31 become heap numbers in hot loops): store it in a typed
 * array, or `>>> 0` it before comparing with uint32 words.
 */
export function mixWords(a: number, b: number, f: number): number {
  const g = 128 - f;
  const rb = (((a & 0xff00ff) * g + (b & 0xff00ff) * f) >>> 7) & 0xff00ff;
  const ag = ((((a >>> 8) & 0xff00ff) * g + ((b >>> 8) & 0xff00ff) * f) << 1) & 0xff00ff00;
  return rb | ag | 0xff000000;
}

/** The raster's pixels as signed 32-bit words (same bits as `wordsOf`), for hot loops that keep words unboxed. */
export function intWordsOf(r: Raster): Int32Array {
  const u = wordsOf(r);
  return new Int32Array(u.buffer, u.byteOffset, u.length);
}
