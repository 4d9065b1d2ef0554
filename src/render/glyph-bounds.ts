/**
 * Ink bounds of a string relative to its origin (left end of the baseline, textAlign 'left'), for every script.
 *
 * Skia's `measureText().actualBoundingBox*` covers only the first run of glyphs: a string whose glyphs come from two
 * faces of a font chain (a Polish "ł" from a font's latin-ext file beside ASCII from its latin file, a full stop after
 * an Arabic word, an ASCII digit in a CJK chain) is boxed short, and a right-to-left string's left bound is garbage.
 * Such strings (`needsRaster`: right to left, a character not in the first face, a mix of scripts or marks) are measured by drawing
 * them alone on a scratch canvas and reading their ink; the rest keep the fast `measureText`. Given the position the
 * string is drawn at, the scratch copy is drawn at that offset rounded to a quarter pixel (cached per offset, as words
 * repeat) and the bounds are widened by a pixel each side, so they hold all of the page's ink (the page pipeline then
 * trims a word's box to the ink inside it). Bounds without a position are cached per (direction, font, string).
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { firstFace } from './fonts.js';

/** Glyph bounds of a string relative to its origin, and its advance width. */
export interface GlyphBounds {
  left: number;
  right: number;
  ascent: number;
  descent: number;
  width: number;
}

const CACHE_SIZE = 50_000;
const cache = new Map<string, GlyphBounds>();
let scratch: { canvas: Canvas; ctx: SKRSContext2D; w: number; h: number } | undefined;

/** Scripts whose strings measureText bounds right when they are alone in a string (with digits and punctuation). */
const SIMPLE = /^(?:[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Common}]*|[\p{Script=Han}\p{Script=Common}]*|[\p{Script=Hiragana}\p{Script=Common}]*|[\p{Script=Katakana}\p{Script=Common}]*|[\p{Script=Hangul}\p{Script=Common}]*)$/u;

/**
 * Strings whose `measureText` bounds cannot be trusted (see the module comment): right to left; a character outside the
 * chain's first face; or one run of glyphs broken by a change of script (kanji with kana, a Latin word in a Chinese
 * string) or shaped with marks (Devanagari, Thai, Arabic, combining accents), for which Skia's bounds cover the first
 * run only or miss a mark by a pixel.
 */
export function needsRaster(text: string, rtl: boolean, font: string): boolean {
  return rtl || !SIMPLE.test(text) || !firstFace(text, font);
}

/**
 * The bounds of `text` in `font` (a CSS font) drawn left-aligned on the alphabetic baseline.
 * @example const b = glyphBounds(ctx, 'Źródło', ctx.font); // box: x - b.left .. x + b.right
 */
export function glyphBounds(ctx: SKRSContext2D, text: string, font: string = ctx.font, rtl: boolean = ctx.direction === 'rtl', at?: { x: number; y: number }): GlyphBounds {
  const raster = needsRaster(text, rtl, font);
  const lang = ctx.lang || 'en';
  if (!raster) {
    if (ctx.font !== font) ctx.font = font;
    const m = ctx.measureText(text);
    return { left: m.actualBoundingBoxLeft, right: m.actualBoundingBoxRight, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent, width: m.width };
  }
  if (!at) {
    const key = `${rtl ? 'r' : 'l'}${lang}|${font}\u0001${text}`;
    let b = cache.get(key);
    if (!b) {
      b = rasterBounds(font, text, rtl, 0, 0, lang);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, b);
    }
    return b;
  }
  // At a position: the ink drawn at the position's sub-pixel offset rounded to a quarter pixel (cached: words repeat),
  // one pixel wider each side for the difference to the exact offset (glyphs move by less than a pixel).
  const qx = Math.round(at.x * 4) / 4;
  const qy = Math.round(at.y * 4) / 4;
  const QX = Math.floor(qx);
  const QY = Math.floor(qy);
  const key = `${rtl ? 'r' : 'l'}${lang}|${qx - QX}|${qy - QY}|${font}\u0001${text}`;
  let q = cache.get(key);
  if (!q) {
    q = rasterBounds(font, text, rtl, qx - QX, qy - QY, lang);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, q);
  }
  return { left: q.left + 1 + (at.x - QX), right: q.right + 1 - (at.x - QX), ascent: q.ascent + 1 + (at.y - QY), descent: q.descent + 1 - (at.y - QY), width: q.width };
}

/** Bounds relative to the whole pixel (ox, oy) of a string drawn at (ox + fx, oy + fy). */
function rasterBounds(font: string, text: string, rtl: boolean, fx: number, fy: number, lang: string): GlyphBounds {
  const size = Number(/([\d.]+)px/.exec(font)?.[1] ?? 16);
  if (!scratch) {
    const canvas = createCanvas(512, 128);
    scratch = { canvas, ctx: canvas.getContext('2d'), w: 512, h: 128 };
  }
  let ctx = scratch.ctx;
  ctx.lang = lang;
  ctx.font = font;
  ctx.direction = rtl ? 'rtl' : 'ltr';
  const width = ctx.measureText(text).width;
  const ox = Math.ceil(size) + 4;
  const oy = Math.ceil(size * 2);
  const w = Math.ceil(width + 2 * ox);
  const h = Math.ceil(size * 3.2);
  if (scratch.w < w || scratch.h < h) {
    const cw = Math.max(w, scratch.w);
    const ch = Math.max(h, scratch.h);
    const canvas = createCanvas(cw, ch);
    scratch = { canvas, ctx: canvas.getContext('2d'), w: cw, h: ch };
    ctx = scratch.ctx;
    ctx.lang = lang;
    ctx.font = font;
    ctx.direction = rtl ? 'rtl' : 'ltr';
  }
  ctx.clearRect(0, 0, w, h);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#000000';
  ctx.fillText(text, ox + fx, oy + fy);
  const a = ctx.getImageData(0, 0, w, h).data;
  let x0 = w;
  let x1 = -1;
  let y0 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    const row = y * w * 4 + 3;
    let any = false;
    for (let x = 0; x < w; x++) {
      if (a[row + x * 4] === 0) continue;
      any = true;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
    }
    if (!any) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
  }
  if (y0 < 0) return { left: 0, right: 0, ascent: 0, descent: 0, width };
  return { left: ox - x0, right: x1 + 1 - ox, ascent: oy - y0, descent: y1 + 1 - oy, width };
}
