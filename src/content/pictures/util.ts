/**
 * Small helpers shared by the picture kinds: colours as '#rrggbb' strings, rounding for compact specs, a
 * draw-time noise source seeded from the spec, fitting a natural aspect into a rectangle, measured text boxes.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { glyphBounds } from '../../render/glyph-bounds.js';
import type { Rng } from '../../random/index.js';

/** A CSS family list: a plain family name is quoted; a list made by render/fonts.ts (already quoted) is kept. */
function familyList(family: string): string {
  return family.includes('"') ? family : `"${family}"`;
}
import type { XYXY } from '../../types.js';

/** Rounds to `d` decimals so specs stay short (the rounded value is what is stored and drawn). */
export function r4(x: number, d = 4): number {
  const k = 10 ** d;
  const v = Math.round(x * k) / k;
  return v === 0 ? 0 : v; // no -0: JSON would turn it into 0
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function hex2(v: number): string {
  return Math.round(clamp(v, 0, 255)).toString(16).padStart(2, '0');
}

export function rgbHex(r: number, g: number, b: number): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

export function parseHex(c: string): [number, number, number] {
  const v = parseInt(c.slice(1, 7), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** HSL (h in degrees, s and l in [0, 1]) to '#rrggbb'. */
export function hsl(h: number, s: number, l: number): string {
  h = ((h % 360) + 360) % 360;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return rgbHex((r + m) * 255, (g + m) * 255, (b + m) * 255);
}

/** Linear mix of two '#rrggbb' colours (t = 0 gives a). */
export function mix(a: string, b: string, t: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  return rgbHex(pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t, pa[2] + (pb[2] - pa[2]) * t);
}

/** '#rrggbb' plus alpha as a CSS rgba() string. */
export function rgba(c: string, a: number): string {
  const [r, g, b] = parseHex(c);
  return `rgba(${r},${g},${b},${r4(clamp(a, 0, 1), 3)})`;
}

/** A random colour: hue anywhere, saturation and lightness in the given ranges. */
export function randomHsl(rng: Rng, s: [number, number], l: [number, number], hue?: [number, number]): string {
  const h = hue ? rng.uniform(hue[0], hue[1]) : rng.uniform(0, 360);
  return hsl(h, rng.uniform(s[0], s[1]), rng.uniform(l[0], l[1]));
}

/** A 31-bit seed for draw-time noise, stored in the spec. */
export function noiseSeed(rng: Rng): number {
  return rng.int(1, 0x7fffffff);
}

/** mulberry32: a tiny deterministic generator for draw-time texture, seeded from a spec field. */
export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A small canvas of noise (w x h pixels) to be scaled up with drawImage: grey values around mid-grey
 * (`mode: 'grain'`), or alpha blotches in black (`mode: 'mask'`, alpha = density of holes).
 */
export function noiseCanvas(w: number, h: number, seed: number, mode: 'grain' | 'mask', amount = 1): Canvas {
  const cw = Math.max(1, Math.round(w));
  const ch = Math.max(1, Math.round(h));
  const c = createCanvas(cw, ch);
  const g = c.getContext('2d');
  const img = g.createImageData(cw, ch);
  const d = img.data;
  const rnd = mulberry(seed);
  for (let i = 0; i < cw * ch; i++) {
    const o = i * 4;
    if (mode === 'grain') {
      const v = 128 + ((rnd() + rnd() + rnd() - 1.5) / 1.5) * 127 * amount;
      d[o] = d[o + 1] = d[o + 2] = v;
      d[o + 3] = 255;
    } else {
      const u = rnd();
      d[o] = d[o + 1] = d[o + 2] = 0;
      d[o + 3] = u < amount ? 255 * (1 - u / amount) ** 0.5 : 0;
    }
  }
  g.putImageData(img, 0, 0);
  return c;
}

const TILE = 256;
const tiles = new Map<string, Canvas>();

/**
 * Fills `rect` with a fixed 256 x 256 noise tile (made once per thread from a constant seed), shifted by an
 * offset taken from `seed` and magnified `scale` times, so every spec gets its own deterministic noise without
 * generating any per draw. Uses the context's current compositing and alpha.
 */
export function fillNoise(ctx: SKRSContext2D, rect: XYXY, seed: number, mode: 'grain' | 'mask', scale = 1): void {
  let tile = tiles.get(mode);
  if (!tile) {
    tile = noiseCanvas(TILE, TILE, mode === 'grain' ? 0x1234567 : 0x7654321, mode, mode === 'grain' ? 1 : 0.5);
    tiles.set(mode, tile);
  }
  const rnd = mulberry(seed);
  const ox = Math.floor(rnd() * TILE);
  const oy = Math.floor(rnd() * TILE);
  const step = TILE * scale;
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0);
  ctx.clip();
  ctx.imageSmoothingEnabled = scale !== 1;
  ctx.imageSmoothingQuality = 'low';
  // Tiles laid edge to edge (drawImage is much cheaper than a pattern fill here).
  for (let y = rect.y0 - oy * scale; y < rect.y1; y += step)
    for (let x = rect.x0 - ox * scale; x < rect.x1; x += step) if (x + step > rect.x0 && y + step > rect.y0) ctx.drawImage(tile, x, y, step, step);
  ctx.restore();
}

/** A box (x, y, w, h) of aspect `aspect` (height / width), as large as fits in `rect`, aligned in it. */
export function fitAspect(rect: XYXY, aspect: number, alignX = 0.5, alignY = 0.5): { x: number; y: number; w: number; h: number } {
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  let w = rw;
  let h = w * aspect;
  if (h > rh) {
    h = rh;
    w = h / aspect;
  }
  return { x: rect.x0 + (rw - w) * alignX, y: rect.y0 + (rh - h) * alignY, w, h };
}

/** Clips to `rect` for the duration of `fn`. */
export function withClip<T>(ctx: SKRSContext2D, rect: XYXY, fn: () => T): T {
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0);
  ctx.clip();
  try {
    return fn();
  } finally {
    ctx.restore();
  }
}

export function font(px: number, family: string, weight: 'normal' | 'bold' = 'normal', style: 'normal' | 'italic' = 'normal'): string {
  return `${style === 'italic' ? 'italic ' : ''}${weight === 'bold' ? 'bold ' : ''}${r4(px, 2)}px ${familyList(family)}`;
}

/** The ink box of `text` drawn at (x, baseline y) with the current font and textAlign 'left', rounded outwards. */
export function textBox(ctx: SKRSContext2D, text: string, x: number, y: number): XYXY {
  const m = glyphBounds(ctx, text, ctx.font, ctx.direction === 'rtl', { x, y });
  return {
    x0: Math.floor(x - m.left),
    y0: Math.floor(y - m.ascent),
    x1: Math.ceil(x + m.right),
    y1: Math.ceil(y + m.descent),
  };
}

export function inside(b: XYXY, r: XYXY): boolean {
  return b.x0 >= Math.floor(r.x0) && b.y0 >= Math.floor(r.y0) && b.x1 <= Math.ceil(r.x1) && b.y1 <= Math.ceil(r.y1) && b.x1 > b.x0 && b.y1 > b.y0;
}

/**
 * Draws `text` left-aligned at (x, baseline y) if its ink box lies inside `clip`; returns that box, else
 * null (nothing drawn). Text must be in the current font and fillStyle.
 */
export function fillTextInside(ctx: SKRSContext2D, text: string, x: number, y: number, clip: XYXY): XYXY | null {
  if (!text.trim()) return null;
  const b = textBox(ctx, text, x, y);
  if (!inside(b, clip)) return null;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(text, x, y);
  return b;
}

/**
 * Draws `text` with `spacing` px between letters (each letter placed by its own advance), if the union of the
 * letters' ink boxes lies inside `clip`; returns that box, else null. Without spacing, same as fillTextInside.
 */
export function fillSpacedTextInside(ctx: SKRSContext2D, text: string, x: number, y: number, spacing: number, clip: XYXY): XYXY | null {
  if (spacing === 0) return fillTextInside(ctx, text, x, y, clip);
  if (!text.trim()) return null;
  const chars = [...text];
  const xs: number[] = [];
  let box: XYXY | null = null;
  let cx = x;
  for (const ch of chars) {
    xs.push(cx);
    if (ch.trim()) {
      const b = textBox(ctx, ch, cx, y);
      box = box ? { x0: Math.min(box.x0, b.x0), y0: Math.min(box.y0, b.y0), x1: Math.max(box.x1, b.x1), y1: Math.max(box.y1, b.y1) } : b;
    }
    cx += ctx.measureText(ch).width + spacing;
  }
  if (!box || !inside(box, clip)) return null;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  chars.forEach((ch, i) => {
    if (ch.trim()) ctx.fillText(ch, xs[i]!, y);
  });
  return box;
}

/** Width of `text` drawn by fillSpacedTextInside. */
export function spacedWidth(ctx: SKRSContext2D, text: string, spacing: number): number {
  if (spacing === 0) return ctx.measureText(text).width;
  const chars = [...text];
  return chars.reduce((w, ch) => w + ctx.measureText(ch).width, 0) + spacing * Math.max(0, chars.length - 1);
}

/** The longest prefix of `words` (joined by spaces) whose width is at most `maxW`, in the current font. */
export function fitWords(ctx: SKRSContext2D, words: readonly string[], maxW: number): string {
  let s = '';
  for (const w of words) {
    const t = s ? `${s} ${w}` : w;
    if (ctx.measureText(t).width > maxW) break;
    s = t;
  }
  return s;
}

/** The largest font size <= `start` (down to `min`) at which `text` is at most `maxW` wide. */
export function fitFontSize(ctx: SKRSContext2D, text: string, start: number, min: number, maxW: number, make: (px: number) => string): number {
  let px = start;
  ctx.font = make(px);
  const w = ctx.measureText(text).width;
  if (w > maxW && w > 0) {
    px = Math.max(min, (px * maxW) / w);
    ctx.font = make(px);
    while (px > min && ctx.measureText(text).width > maxW) {
      px = Math.max(min, px * 0.95);
      ctx.font = make(px);
    }
  }
  return px;
}

export function roundRectPath(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.moveTo(x + rr, y);
  ctx.lineTo(x + w - rr, y);
  ctx.arcTo(x + w, y, x + w, y + rr, rr);
  ctx.lineTo(x + w, y + h - rr);
  ctx.arcTo(x + w, y + h, x + w - rr, y + h, rr);
  ctx.lineTo(x + rr, y + h);
  ctx.arcTo(x, y + h, x, y + h - rr, rr);
  ctx.lineTo(x, y + rr);
  ctx.arcTo(x, y, x + rr, y, rr);
  ctx.closePath();
}

/** Words to label things with: from the caller's text source when given, else from `fallback`. */
export function takeWords(rng: Rng, n: number, fallback: readonly string[], text?: (n: number) => string[]): string[] {
  if (text) {
    const got = text(n).filter((s) => typeof s === 'string' && s.trim().length > 0);
    if (got.length >= n) return got.slice(0, n).map((s) => s.trim());
    return [...got.map((s) => s.trim()), ...Array.from({ length: n - got.length }, () => rng.pick(fallback))];
  }
  return Array.from({ length: n }, () => rng.pick(fallback));
}

export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
