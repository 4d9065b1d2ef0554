/**
 * Helpers shared by the capture effects: millimetre conversion, fast RGBA <-> RGB packing for sharp round trips
 * (four pixels at a time through 32-bit words, about twice as fast as a byte loop), mixing two pixel words, and an
 * int32 view of the pixels for hot loops.
 */
import sharp, { type Sharp } from 'sharp';
import { wordsOf, type Raster } from '../raster.js';

/** Millimetres to pixels at `dpi`. */
export function mmToPx(mm: number, dpi: number): number {
  return (mm * dpi) / 25.4;
}

/** The raster's RGB bytes (alpha dropped), packed four pixels to three words. */
export function packRgb(r: Raster): Uint8Array {
  const px = wordsOf(r);
  const out = new Uint8Array(px.length * 3 + 4);
  packWords(px, 0, px.length, out, 0);
  return out.subarray(0, px.length * 3);
}

/**
 * Writes the RGB bytes of pixel words src[from .. from + n) to out[at * 3 ..], four pixels to three 32-bit words
 * (`out` must be 4-byte aligned in its buffer, with 4 spare bytes at the end; `at` a multiple of 4).
 */
export function packWords(src: Uint32Array, from: number, n: number, out: Uint8Array, at: number): void {
  const n4 = n & ~3;
  pack4(src, from, n4, new Uint32Array(out.buffer, out.byteOffset, out.byteLength >>> 2), (at * 3) >>> 2);
  for (let i = n4; i < n; i++) {
    const v = src[from + i]!, q = (at + i) * 3;
    out[q] = v & 0xff;
    out[q + 1] = (v >>> 8) & 0xff;
    out[q + 2] = (v >>> 16) & 0xff;
  }
}

/** The packing loop alone (a loop whose exit is the return keeps V8's optimised code stable across calls). */
function pack4(src: Uint32Array, from: number, n4: number, ow: Uint32Array, o: number): void {
  for (let i = 0; i < n4; i += 4, o += 3) {
    const a = src[from + i]!, b = src[from + i + 1]!, c = src[from + i + 2]!, e = src[from + i + 3]!;
    ow[o] = (a & 0xffffff) | (b << 24);
    ow[o + 1] = ((b >>> 8) & 0xffff) | (c << 16);
    ow[o + 2] = ((c >>> 16) & 0xff) | (e << 8);
  }
}

/** An opaque RGBA raster from RGB bytes (width x height x 3). */
export function unpackRgb(rgb: Uint8Array, width: number, height: number): Raster {
  const out: Raster = { width, height, data: new Uint8Array(width * height * 4) };
  unpackWords(rgb, 0, width * height, wordsOf(out), 0);
  return out;
}

/**
 * Writes opaque pixel words for the RGB pixels rgb[from * 3 ..] (n of them) to dst[at ..]; fast when `rgb` is 4-byte
 * aligned there.
 */
export function unpackWords(rgb: Uint8Array, from: number, n: number, dst: Uint32Array, at: number): void {
  const aligned = (rgb.byteOffset + from * 3) % 4 === 0;
  const n4 = aligned ? n & ~3 : 0;
  if (n4 > 0) unpack4(new Uint32Array(rgb.buffer, rgb.byteOffset + from * 3, (n4 * 3) >>> 2), n4, dst, at);
  for (let i = n4; i < n; i++) {
    const q = (from + i) * 3;
    dst[at + i] = (0xff000000 | (rgb[q + 2]! << 16) | (rgb[q + 1]! << 8) | rgb[q]!) >>> 0;
  }
}

/** The unpacking loop alone (see `pack4`). */
function unpack4(iw: Uint32Array, n4: number, dst: Uint32Array, at: number): void {
  for (let i = 0, o = 0; i < n4; i += 4, o += 3) {
    const a = iw[o]!, b = iw[o + 1]!, c = iw[o + 2]!;
    dst[at + i] = a | 0xff000000;
    dst[at + i + 1] = (a >>> 24) | (b << 8) | 0xff000000;
    dst[at + i + 2] = (b >>> 16) | (c << 16) | 0xff000000;
    dst[at + i + 3] = (c >>> 8) | 0xff000000;
  }
}

/** sharp over the raster's RGB bytes. */
export function sharpOf(r: Raster): Sharp {
  return sharp(packRgb(r), { raw: { width: r.width, height: r.height, channels: 3 } });
}

/** sharp over RGB bytes. */
export function sharpRgb(rgb: Uint8Array, width: number, height: number): Sharp {
  return sharp(rgb, { raw: { width, height, channels: 3 } });
}

/**
 * Runs a sharp pipeline that ends in raw RGB (or RGBA) and returns an opaque RGBA raster: written into `into` when
 * given and of the output's size, else new.
 */
export async function rasterOf(s: Sharp, into?: Raster): Promise<Raster> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (info.channels === 4) return { width: info.width, height: info.height, data: bytes };
  if (info.channels !== 3) throw new Error(`sharp returned ${info.channels} channels; expected 3 or 4`);
  if (into && into.width === info.width && into.height === info.height) {
    unpackWords(bytes, 0, info.width * info.height, wordsOf(into), 0);
    return into;
  }
  return unpackRgb(bytes, info.width, info.height);
}

/** Like raster.ts's `viaSharp`, with the faster packing, writing the result back into `r` when the size is kept. */
export async function throughSharp(r: Raster, build: (s: Sharp) => Sharp): Promise<Raster> {
  return rasterOf(build(sharpOf(r)), r);
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
