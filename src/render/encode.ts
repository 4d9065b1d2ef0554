/**
 * Encoding with sharp from the raw pixels read once per page (canvas's own PNG encoder is ~10x slower).
 *
 * A page without colour (every pixel R = G = B) is written as a 1-channel grey PNG by default: ~2x faster to encode
 * than RGB and ~half the bytes, and decoded to the same pixels by every reader (sharp and PIL give RGB on request;
 * Detectron2, MMDetection and Ultralytics read grey PNG). The choice is made from the pixels, so it is deterministic.
 */
import sharp from 'sharp';
import { invalidParameter } from '../errors.js';

export type ImageFormat = 'png' | 'jpeg';

/** Whether a PNG page without colour is written with one grey channel (`auto`) or always as RGB (`never`). */
export type GreyMode = 'auto' | 'never';

export interface EncodeOptions {
  format: ImageFormat;
  /** PNG zlib level 0-9 (1 is ~2.5x faster than 6 for ~35 % larger files). */
  pngLevel: number;
  /** JPEG quality 1-100. */
  jpegQuality: number;
  /** Written into the file's metadata. */
  dpi: number;
  /**
   * PNG only. `auto` (the default): a page whose every pixel has R = G = B is written as a 1-channel grey PNG
   * (identical pixels once decoded to RGB); a page with any colour stays RGB. `never`: always RGB. The default can be
   * changed for a process with the environment variable PAGESYNTH_GREY (`auto` or `never`; the bench's lever).
   */
  grey?: GreyMode;
}

export const DEFAULT_ENCODE: EncodeOptions = { format: 'png', pngLevel: 1, jpegQuality: 90, dpi: 150 };

/** The environment's default grey mode (PAGESYNTH_GREY), checked at the door. */
function envGrey(): GreyMode {
  const v = process.env.PAGESYNTH_GREY;
  if (v === undefined || v === '') return 'auto';
  if (v !== 'auto' && v !== 'never') throw invalidParameter('PAGESYNTH_GREY', "'auto' or 'never'", v);
  return v;
}
const GREY_DEFAULT = envGrey();

/**
 * libvips threads per image. One: pages are parallel across worker threads already (the bench measured the default,
 * one per core, as no faster; see src/bench/run.ts). PAGESYNTH_SHARP_CONCURRENCY (0 = libvips's default) overrides it
 * for a process: the bench's lever. The setting is process-wide.
 */
function envConcurrency(): number {
  const v = process.env.PAGESYNTH_SHARP_CONCURRENCY;
  if (v === undefined || v === '') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 1024) throw invalidParameter('PAGESYNTH_SHARP_CONCURRENCY', 'an integer from 0 to 1024', v);
  return n;
}
sharp.concurrency(envConcurrency());
sharp.cache(false);

/**
 * Whether every pixel of an RGBA buffer has R = G = B (alpha is not looked at). Stops at the first coloured pixel, so a
 * page with colour near its top costs next to nothing; a grey A4 page at 150 dpi costs ~1 ms.
 * @example isColourless(new Uint8Array([7, 7, 7, 255])) // true
 */
export function isColourless(rgba: Uint8Array): boolean {
  const n = rgba.byteLength >>> 2;
  if ((rgba.byteOffset & 3) === 0) {
    // Little-endian words 0xAABBGGRR: R = G and G = B exactly when the low 16 bits of w ^ (w >>> 8) are zero.
    const px = new Uint32Array(rgba.buffer, rgba.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const w = px[i]!;
      if (((w ^ (w >>> 8)) & 0xffff) !== 0) return false;
    }
    return true;
  }
  for (let i = 0, o = 0; i < n; i++, o += 4) if (rgba[o] !== rgba[o + 1] || rgba[o] !== rgba[o + 2]) return false;
  return true;
}

/** Whether the page is written with one grey channel under `opts` (PNG, grey not 'never', no colour). */
export function encodesGrey(rgba: Uint8Array, opts: Pick<EncodeOptions, 'format' | 'grey'>): boolean {
  const mode = opts.grey ?? GREY_DEFAULT;
  if (mode !== 'auto' && mode !== 'never') throw invalidParameter('grey', "'auto' or 'never'", mode);
  return opts.format === 'png' && mode === 'auto' && isColourless(rgba);
}

/**
 * Encodes opaque RGBA pixels as an RGB image, or as a 1-channel grey PNG when the page has no colour (see `grey`).
 * @example const png = await encodeImage(canvas.data(), 1240, 1754, DEFAULT_ENCODE);
 */
export async function encodeImage(rgba: Uint8Array, width: number, height: number, opts: EncodeOptions): Promise<Buffer> {
  const src = sharp(rgba, { raw: { width, height, channels: 4 } });
  if (opts.format === 'jpeg') return src.removeAlpha().jpeg({ quality: opts.jpegQuality, chromaSubsampling: '4:4:4' }).toBuffer();
  // Band 0 of a colourless page is its grey: libvips marks the one-band image b-w and writes a grey PNG.
  const img = encodesGrey(rgba, opts) ? src.extractChannel(0) : src.removeAlpha();
  return img.png({ compressionLevel: opts.pngLevel, adaptiveFiltering: false }).toBuffer();
}

export function imageExtension(format: ImageFormat): string {
  return format === 'jpeg' ? 'jpg' : 'png';
}
