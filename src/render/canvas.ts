/**
 * Raster rendering with @napi-rs/canvas (Skia). Each block is drawn clipped to its layout rect, so its ink can
 * never stray into a neighbour's box; the pixels are read back once and each block's box is then measured on
 * the ink itself.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { BlockContent, TextContent } from '../content/index.js';
import { decorationBox, type LayoutBlock, type PageLayout } from '../layout/index.js';
import { drawTypeset } from '../content/math/index.js';
import { fontStack, registerFonts } from './fonts.js';

const INK = '#111111';

/** A drawing surface reused across pages of the same size (one per thread). */
export class PageCanvas {
  private canvas: Canvas | undefined;
  private ctx: SKRSContext2D | undefined;
  private w = 0;
  private h = 0;

  /** The page's context, cleared to white; `lang` (a BCP 47 tag) selects the shaping language. */
  context(width: number, height: number, lang = 'en'): SKRSContext2D {
    if (!this.canvas || this.w !== width || this.h !== height) {
      this.canvas = createCanvas(width, height);
      this.ctx = this.canvas.getContext('2d');
      this.w = width;
      this.h = height;
    }
    const ctx = this.ctx!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.lang = lang;
    ctx.direction = 'ltr';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    return ctx;
  }

  /** RGBA pixels of the page (one fresh buffer: read once per page). */
  pixels(): Buffer {
    if (!this.canvas) throw new Error('PageCanvas.pixels() before context()');
    return this.canvas.data();
  }
}

/** A measuring context for word widths (same engine as drawing, so widths are exact). */
export function createMeasurer(): (font: string, text: string) => number {
  const ctx = createCanvas(4, 4).getContext('2d');
  ctx.lang = 'en';
  let current = '';
  return (font, text) => {
    if (font !== current) {
      ctx.font = font;
      current = font;
    }
    return ctx.measureText(text).width;
  };
}

/**
 * A white canvas with the bundled fonts registered and dark ink selected: the start of the report charts
 * (experiment F1 bars, compare plots).
 */
export function whiteCanvas(w: number, h: number): { canvas: Canvas; ctx: SKRSContext2D } {
  registerFonts();
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#111111';
  return { canvas, ctx };
}

/** A kind's own drawer for a block (kinds/ `BlockPart.draw`). */
export type BlockDrawer = (ctx: SKRSContext2D, b: LayoutBlock, c: BlockContent) => void;

/**
 * Draws every block of a page, each clipped to its rect: with its kind's own drawer when it has one, else with the
 * drawer of its content's type.
 */
export function drawPage(ctx: SKRSContext2D, page: PageLayout, contents: readonly BlockContent[], drawerOf: (blockKind: string) => BlockDrawer | undefined = () => undefined, underlay = true): void {
  if (underlay) drawUnderlay(ctx, page);
  page.blocks.forEach((b, i) => {
    const c = contents[i]!;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.rect.x0, b.rect.y0, b.rect.x1 - b.rect.x0, b.rect.y1 - b.rect.y0);
    ctx.clip();
    ctx.fillStyle = b.style.color || INK;
    ctx.strokeStyle = b.style.color || INK;
    const own = drawerOf(b.kind);
    if (own) own(ctx, b, c);
    else drawContent(ctx, b, c);
    ctx.restore();
  });
}

/**
 * Whether a page has anything under its blocks (paper colour, a decoration meeting a block): its ink is then
 * measured against it. Column rules in gutters and line numbers in margins meet no block and need no copy.
 */
export function hasUnderlay(page: PageLayout): boolean {
  if (page.background !== '#ffffff') return true;
  return page.decorations.some((d) => {
    const r = decorationBox(d);
    return page.blocks.some((b) => b.rect.x0 < r.x1 && r.x0 < b.rect.x1 && b.rect.y0 < r.y1 && r.y0 < b.rect.y1);
  });
}

/** Paper colour and decorations (column rules, tinted frames, line numbers): everything drawn under the blocks. */
export function drawUnderlay(ctx: SKRSContext2D, page: PageLayout): void {
  if (page.background !== '#ffffff') {
    ctx.fillStyle = page.background;
    ctx.fillRect(0, 0, page.width, page.height);
  }
  for (const d of page.decorations) {
    ctx.save();
    if (d.type === 'fill') {
      ctx.fillStyle = d.color;
      ctx.fillRect(d.rect.x0, d.rect.y0, d.rect.x1 - d.rect.x0, d.rect.y1 - d.rect.y0);
    } else {
      ctx.fillStyle = d.color;
      ctx.globalAlpha = d.alpha ?? 1;
      ctx.font = `${d.sizePx.toFixed(2)}px ${fontStack(d.family, 'latin')}`;
      ctx.textAlign = d.align;
      ctx.translate(d.x, d.y);
      if (d.angle) ctx.rotate(d.angle);
      ctx.fillText(d.text, 0, 0);
    }
    ctx.restore();
  }
}

/** Draws a block's content by its type: text is set by `drawText`; custom content needs its kind's drawer. */
export function drawContent(ctx: SKRSContext2D, b: LayoutBlock, c: BlockContent): void {
  if (c.type === 'text') drawText(ctx, b, c);
  else throw new Error(`block kind "${b.kind}" has custom content but no drawer`);
}

/** Baseline of line `k` of a block: the glyphs' em box centred in the line. */
export function baseline(b: LayoutBlock, k: number): number {
  const lh = b.style.lineHeightPx;
  return b.rect.y0 + k * lh + lh / 2 + b.style.sizePx * 0.32;
}

export function drawText(ctx: SKRSContext2D, b: LayoutBlock, c: TextContent): void {
  if (c.color) ctx.fillStyle = c.color;
  // Right-to-left words are drawn in their own direction (a full stop at a word's end sits on its left); their x is
  // still the left end, as textAlign is 'left'.
  const dir = ctx.direction;
  if (c.dir === 'rtl') ctx.direction = 'rtl';
  c.lines.forEach((line, k) => {
    const y = baseline(b, k);
    const x0 = b.rect.x0 + (c.lineX[k] ?? 0);
    if (k === 0 && c.prefix) {
      ctx.font = c.prefix.font;
      ctx.fillText(c.prefix.text, c.prefix.x !== undefined ? b.rect.x0 + c.prefix.x : x0, y);
    }
    ctx.font = c.font;
    const shift = k === 0 && c.prefix && c.prefix.x === undefined ? c.prefix.width : 0;
    const math = c.inline?.filter((m) => m.line === k);
    line.words.forEach((w, j) => {
      const formula = math?.find((m) => m.word === j);
      if (formula?.typeset) {
        // A TeX formula in place of the word: drawn as paths where the word would start.
        drawTypeset(ctx, formula.typeset, Math.round(x0 + shift + line.xs[j]!), Math.round(y), String(ctx.fillStyle));
        return;
      }
      const inline = formula !== undefined;
      if (inline) ctx.font = c.inlineFont ?? c.font;
      ctx.fillText(w, x0 + shift + line.xs[j]!, y);
      if (inline) ctx.font = c.font;
      // A footnote mark: a superscript at 60 % of the size, raised by a third of the size, after the word.
      const mark = c.marks?.find((m) => m.line === k && m.word === j);
      if (mark) {
        const size = b.style.sizePx;
        const wordW = ctx.measureText(w).width;
        ctx.font = mark.font;
        ctx.fillText(mark.text, x0 + shift + line.xs[j]! + wordW + 0.5, y - size * 0.38);
        ctx.font = c.font;
      }
    });
  });
  ctx.direction = dir;
}

