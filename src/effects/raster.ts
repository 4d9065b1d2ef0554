/**
 * The image the effects stage works on: opaque RGBA bytes (as canvas gives them and sharp takes them), with a
 * 32-bit word view for fast pixel loops, plus the few helpers every effect shares: a sharp round trip, smooth random
 * fields (simplex noise on a coarse grid, scaled up bilinearly) and seeded per-pixel noise.
 */
import sharp, { type Sharp } from 'sharp';
import { createNoise2D } from 'simplex-noise';
import { createRng, type Rng } from '../random/index.js';

/** An opaque RGBA image, 8 bits per channel, row-major. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The raster's pixels as 32-bit words (little-endian: 0xAABBGGRR), sharing its memory. */
export function wordsOf(r: Raster): Uint32Array {
  const d = r.data;
  if (d.byteOffset % 4 === 0) return new Uint32Array(d.buffer, d.byteOffset, d.byteLength >>> 2);
  const copy = new Uint8Array(d);
  r.data = copy;
  return new Uint32Array(copy.buffer);
}

/** A raster filled with one pixel word (default opaque white). */
export function createRaster(width: number, height: number, fill = 0xffffffff): Raster {
  const r = { width, height, data: new Uint8Array(width * height * 4) };
  wordsOf(r).fill(fill >>> 0);
  return r;
}

export function cloneRaster(r: Raster): Raster {
  return { width: r.width, height: r.height, data: new Uint8Array(r.data) };
}

/** Pixel word of an opaque colour. */
export function rgbWord(r: number, g: number, b: number): number {
  return ((0xff << 24) | ((b & 0xff) << 16) | ((g & 0xff) << 8) | (r & 0xff)) >>> 0;
}

/** The r, g, b of a pixel word. */
export function wordRgb(w: number): [number, number, number] {
  return [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff];
}

/** The raster's RGB bytes (alpha dropped), for sharp: its RGBA paths premultiply and ran 2-4x slower here. */
export function toRgb(r: Raster): Uint8Array {
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
export function fromRgb(rgb: Uint8Array, width: number, height: number): Raster {
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

/**
 * Runs sharp on the raster (as RGB) and returns an opaque RGBA raster: written back into `r` when the size is kept,
 * else new.
 * @example await viaSharp(img, (s) => s.blur(1.2))
 */
export async function viaSharp(r: Raster, build: (s: Sharp) => Sharp): Promise<Raster> {
  const { data, info } = await build(sharp(toRgb(r), { raw: { width: r.width, height: r.height, channels: 3 } }))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (info.channels === 4) return { width: info.width, height: info.height, data: bytes };
  if (info.channels !== 3) throw new Error(`sharp returned ${info.channels} channels; expected 3 or 4`);
  if (info.width === r.width && info.height === r.height) {
    unpackWords(bytes, 0, info.width * info.height, wordsOf(r), 0);
    return r;
  }
  return fromRgb(bytes, info.width, info.height);
}

/** A smooth random field in [0, 1], sampled on a coarse grid and read back bilinearly where needed. */
export interface Field {
  /** Value at pixel (x, y). */
  at(x: number, y: number): number;
}

/**
 * A smooth random field over a `width` x `height` image, values in [0, 1]: simplex noise summed over `octaves`
 * octaves, features about `cell` pixels across. Deterministic in `seed`.
 * @example smoothField(1240, 1754, 7, 200).at(600, 900)
 */
export function smoothField(width: number, height: number, seed: number, cell: number, octaves = 2): Field {
  const rng = createRng(seed);
  const noise = createNoise2D(() => rng.next());
  // The coarse grid: a sample every `step` px, a quarter of the smallest octave's features.
  const step = Math.max(8, Math.round(cell / 2 ** (octaves - 1) / 4));
  const gw = Math.ceil(width / step) + 2;
  const gh = Math.ceil(height / step) + 2;
  const grid = new Float32Array(gw * gh);
  let norm = 0;
  for (let o = 0; o < octaves; o++) norm += 0.5 ** o;
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      let v = 0;
      for (let o = 0; o < octaves; o++) {
        const f = 2 ** o / cell;
        v += 0.5 ** o * noise(i * step * f + o * 17.3, j * step * f - o * 9.1);
      }
      grid[j * gw + i] = 0.5 + (0.5 * v) / norm;
    }
  }
  const inv = 1 / step;
  return {
    at(x, y) {
      const gx = x * inv, gy = y * inv;
      const i = gx | 0, j = gy | 0;
      const fx = gx - i, fy = gy - j;
      const r0 = j * gw + i, r1 = r0 + gw;
      const a = grid[r0]! + (grid[r0 + 1]! - grid[r0]!) * fx;
      const b = grid[r1]! + (grid[r1 + 1]! - grid[r1]!) * fx;
      return a + (b - a) * fy;
    },
  };
}

/**
 * A smooth field in [0, 1] ({@link smoothField}) resampled onto its own coarse grid as plain data, so reading
 * it is a small inlinable function ({@link fieldAt}) instead of a closure call: for loops over many pixels.
 */
export interface CoarseField {
  data: Float32Array;
  /** Grid width (cells), and the grid step in pixels and its inverse. */
  gw: number;
  step: number;
  inv: number;
}

/** The coarse field for `smoothField(width, height, seed, cell, octaves)`. */
export function coarseField(width: number, height: number, seed: number, cell: number, octaves = 2): CoarseField {
  const f = smoothField(width, height, seed, cell, octaves);
  const step = Math.max(8, Math.round(cell / 2 ** (octaves - 1) / 4));
  const gw = Math.ceil(width / step) + 2;
  const gh = Math.ceil(height / step) + 2;
  const data = new Float32Array(gw * gh);
  for (let j = 0; j < gh; j++) {
    const y = Math.min(height - 1, j * step);
    for (let i = 0; i < gw; i++) data[j * gw + i] = f.at(Math.min(width - 1, i * step), y);
  }
  return { data, gw, step, inv: 1 / step };
}

/** The coarse field's value at pixel (x, y) (bilinear). */
export function fieldAt(c: CoarseField, x: number, y: number): number {
  const gx = x * c.inv, gy = y * c.inv;
  const i = gx | 0, j = gy | 0;
  const fx = gx - i, fy = gy - j;
  const d = c.data;
  const r0 = j * c.gw + i, r1 = r0 + c.gw;
  const a = d[r0]! + (d[r0 + 1]! - d[r0]!) * fx;
  const b = d[r1]! + (d[r1 + 1]! - d[r1]!) * fx;
  return a + (b - a) * fy;
}

/**
 * A fast seeded generator of 32-bit integers for per-pixel noise (xorshift32): millions of draws a page, so not the
 * general `Rng`. Seeded from the effect's `seed` parameter.
 */
export function pixelNoise(seed: number): () => number {
  let s = (createRng(seed).int(1, 0x7fffffff) | 0) || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/**
 * A table of `n` standard-normal draws (seeded), for noise that needs gaussian values per pixel: index it with
 * `pixelNoise` bits.
 */
export function normalTable(seed: number, n = 4096): Float32Array {
  const rng: Rng = createRng(seed);
  const t = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = Math.max(1e-12, rng.next());
    const v = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    t[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) t[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return t;
}

/** Luma (0..255) of a pixel word, integer Rec. 601 weights. */
export function lumaOf(w: number): number {
  return ((w & 0xff) * 77 + ((w >>> 8) & 0xff) * 150 + ((w >>> 16) & 0xff) * 29) >>> 8;
}

/** A seed for an effect's pixels, drawn by its policy. */
export function drawSeed(rng: Rng): number {
  return rng.int(0, 0x7fffffff);
}

/** Rounds to `d` decimals (keeps specs readable). */
export function round(x: number, d = 3): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Clamps to a byte. */
export function clampByte(x: number): number {
  return x < 0 ? 0 : x > 255 ? 255 : x;
}
