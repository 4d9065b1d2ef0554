/**
 * JPEG: the capture was saved as a lossy JPEG (phone cameras, scanners' default, messaging apps): 8x8 blocking in
 * flat areas, ringing (mosquito noise) around strokes and smeared colour edges from chroma subsampling. The image
 * is encoded by sharp (libjpeg) at quality 20-75 and decoded back.
 *
 * JPEG codes each 16-row band of blocks on its own, so bands of pure paper (blank stretches of a clean page) are not
 * sent through the codec: the other bands are coded together as one shorter image and the blank ones filled with
 * what JPEG makes of the paper colour.
 */
import sharp from 'sharp';
import { packWords, round, unpackWords, wordsOf, type Raster } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface JpegParams extends EffectParams {
  /** libjpeg quality, 1..100. */
  quality: number;
  /** Chroma subsampling: '4:2:0' (phones, most encoders) or '4:4:4' (some scanners). */
  subsampling: '4:2:0' | '4:4:4';
}

const QUALITY: Record<OnLevel, [number, number]> = { light: [60, 75], medium: [40, 60], heavy: [20, 40] };

/** Rows per band of blocks (a 4:2:0 MCU's height). */
const BAND = 16;

export const jpeg: Effect<JpegParams> = {
  name: 'jpeg',
  stage: 'capture',
  geometric: false,
  summary: 'JPEG compression artefacts (quality 20-75): blocking, ringing around strokes, chroma smear',
  augraphy: { name: 'Jpeg', imagesPerSecond: 5.55 },
  sample(rng, level) {
    const [lo, hi] = QUALITY[level];
    return { quality: rng.int(lo, hi), subsampling: level === 'light' && rng.chance(0.3) ? '4:4:4' : '4:2:0' };
  },
  transform(p, page) {
    return photometric(page, (img) => roundTrip(img, round(p.quality, 0), p.subsampling, page.paper >>> 0));
  },
};

/** Encodes and decodes RGB bytes (w x h) with sharp. Huffman tables left at libjpeg's defaults: a third faster. */
async function codec(rgb: Uint8Array, w: number, h: number, quality: number, subsampling: string): Promise<Uint8Array> {
  const encoded = await sharp(rgb, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality, chromaSubsampling: subsampling, optimiseCoding: false })
    .toBuffer();
  const out = await sharp(encoded).raw().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** What JPEG makes of a plain paper-coloured area, by (paper, quality, subsampling). */
const paperAfter = new Map<string, number>();

async function jpegPaper(paper: number, quality: number, subsampling: string): Promise<number> {
  const key = `${paper}:${quality}:${subsampling}`;
  let word = paperAfter.get(key);
  if (word === undefined) {
    const n = BAND * BAND;
    const rgb = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) (rgb[i * 3] = paper & 0xff), (rgb[i * 3 + 1] = (paper >>> 8) & 0xff), (rgb[i * 3 + 2] = (paper >>> 16) & 0xff);
    const out = await codec(rgb, BAND, BAND, quality, subsampling);
    const o = (8 * BAND + 8) * 3;
    word = (0xff000000 | (out[o + 2]! << 16) | (out[o + 1]! << 8) | out[o]!) >>> 0;
    paperAfter.set(key, word);
  }
  return word;
}

async function roundTrip(img: Raster, quality: number, subsampling: string, paper: number): Promise<Raster> {
  const { width: w, height: h } = img;
  const px = wordsOf(img);
  // Bands of pure paper (the last, partial band always goes through the codec).
  const bands = Math.ceil(h / BAND);
  const blank = new Uint8Array(bands);
  let blanks = 0;
  for (let b = 0; b < bands; b++) {
    if ((b + 1) * BAND > h) break;
    let i = b * BAND * w;
    const end = i + BAND * w;
    while (i < end && px[i] === paper) i++;
    if (i === end) (blank[b] = 1), blanks++;
  }
  // The other bands (all of them when few are blank), stacked into one image, coded, and put back.
  const skip = blanks >= bands / 8;
  const keep: number[] = [];
  for (let b = 0; b < bands; b++) if (!(skip && blank[b])) keep.push(b);
  const rowsOf = (b: number) => Math.min(BAND, h - b * BAND);
  let sh = 0;
  for (const b of keep) sh += rowsOf(b);
  const rgb = new Uint8Array(w * sh * 3 + 4);
  let at = 0;
  for (const b of keep) {
    const n = rowsOf(b) * w;
    packWords(px, b * BAND * w, n, rgb, at);
    at += n;
  }
  const [coded, paperWord] = await Promise.all([
    codec(rgb.subarray(0, w * sh * 3), w, sh, quality, subsampling),
    skip ? jpegPaper(paper, quality, subsampling) : 0,
  ]);
  at = 0;
  for (let b = 0; b < bands; b++) {
    const start = b * BAND * w, n = rowsOf(b) * w;
    if (skip && blank[b]) px.fill(paperWord, start, start + n);
    else {
      unpackWords(coded, at, n, px, start);
      at += n;
    }
  }
  return img;
}
