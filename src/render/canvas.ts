/**
 * Raster rendering with @napi-rs/canvas (Skia). Each block is drawn clipped to its layout rect, so its ink can
 * never stray into a neighbour's box; the pixels are read back once and each block's box is then measured on
 * the ink itself.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { BlockContent, ChartContent, EquationContent, TableContent, TextContent } from '../content/index.js';
import { decorationBox, type LayoutBlock, type PageLayout } from '../layout/index.js';
import type { XYXY } from '../types.js';
import { drawTypeset } from '../content/math/index.js';
import { familyName, registerFonts } from './fonts.js';

const INK = '#111111';

/** A drawing surface reused across pages of the same size (one per thread). */
export class PageCanvas {
  private canvas: Canvas | undefined;
  private ctx: SKRSContext2D | undefined;
  private w = 0;
  private h = 0;

  context(width: number, height: number): SKRSContext2D {
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
    ctx.lang = 'en';
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
      ctx.font = `${d.sizePx.toFixed(2)}px "${familyName(d.family)}"`;
      ctx.textAlign = d.align;
      ctx.translate(d.x, d.y);
      if (d.angle) ctx.rotate(d.angle);
      ctx.fillText(d.text, 0, 0);
    }
    ctx.restore();
  }
}

/** Draws a block's content by its type (text, table, chart, equation). */
export function drawContent(ctx: SKRSContext2D, b: LayoutBlock, c: BlockContent): void {
  switch (c.type) {
    case 'text':
      drawText(ctx, b, c);
      break;
    case 'table':
      drawTable(ctx, b, c);
      break;
    case 'chart':
      drawChart(ctx, b.rect, c);
      break;
    case 'equation':
      drawEquation(ctx, b, c);
      break;
    case 'custom':
      throw new Error(`block kind "${b.kind}" has custom content but no drawer`);
  }
}

/** Baseline of line `k` of a block: the glyphs' em box centred in the line. */
export function baseline(b: LayoutBlock, k: number): number {
  const lh = b.style.lineHeightPx;
  return b.rect.y0 + k * lh + lh / 2 + b.style.sizePx * 0.32;
}

export function drawText(ctx: SKRSContext2D, b: LayoutBlock, c: TextContent): void {
  if (c.color) ctx.fillStyle = c.color;
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
}

/**
 * The body and the number of a numbered formula, as rectangles holding their ink (the number sits at the right,
 * at least two font sizes clear of the body: see content/equation.ts); null for an unnumbered formula.
 */
export function formulaPartRects(b: LayoutBlock, e: EquationContent): { body: XYXY; number: XYXY } | null {
  if (!e.number) return null;
  const split = Math.round(b.rect.x1 - 2 - e.number.width - b.style.sizePx);
  if (split <= b.rect.x0) return null;
  return { body: { ...b.rect, x1: split }, number: { ...b.rect, x0: split } };
}

function drawTable(ctx: SKRSContext2D, b: LayoutBlock, t: TableContent): void {
  const { x0, y0 } = b.rect;
  const rows = t.cells.length;
  const left = x0 + t.colX[0]!;
  const right = x0 + t.colX[t.colX.length - 1]!;
  const top = y0 + 1;
  const pad = b.style.sizePx * 0.4;
  const hline = (y: number, w: number) => {
    ctx.fillRect(left, Math.round(y), right - left, w);
  };
  t.cells.forEach((row, r) => {
    const y = top + r * t.rowHeight + t.rowHeight / 2 + b.style.sizePx * 0.32;
    ctx.font = r === 0 && t.header ? t.headerFont : t.font;
    row.forEach((cell, ci) => {
      if (!cell) return;
      const cx0 = x0 + t.colX[ci]!;
      const cx1 = x0 + t.colX[ci + 1]!;
      const w = t.cellWidths[r]![ci]!;
      const x = t.numeric[ci] && !(r === 0 && t.header) ? cx1 - pad - w : r === 0 && t.header && ci > 0 ? (cx0 + cx1 - w) / 2 : cx0 + pad;
      ctx.fillText(cell, x, y);
    });
  });
  const bottom = top + rows * t.rowHeight - 1;
  if (t.borders === 'all') {
    for (let r = 0; r <= rows; r++) hline(top + r * t.rowHeight - (r === rows ? 1 : 0), 1);
    for (const cx of t.colX) ctx.fillRect(Math.round(x0 + cx) - (cx === t.colX[t.colX.length - 1] ? 1 : 0), top, 1, bottom - top + 1);
  } else if (t.borders === 'horizontal') {
    for (let r = 0; r <= rows; r++) hline(top + r * t.rowHeight - (r === rows ? 1 : 0), 1);
  } else if (t.borders === 'booktabs') {
    hline(top, 2);
    if (t.header) hline(top + t.rowHeight, 1);
    hline(bottom - 1, 2);
  } else if (t.header) {
    hline(top + t.rowHeight, 1);
  }
}

/** The plot area of a non-pie chart drawn in `r`: room is left for tick labels, the axis title and the legend. */
function plotArea(r: XYXY, c: ChartContent, fs: number): { px0: number; px1: number; py0: number; py1: number } {
  return { px0: r.x0 + fs * 3.2, px1: r.x1 - 4, py0: r.y0 + (c.legend ? fs * 1.8 : fs * 0.8), py1: r.y1 - fs * 2.6 };
}

function fontPx(c: ChartContent): number {
  return Number(/([\d.]+)px/.exec(c.font)?.[1] ?? 10);
}

/**
 * Rectangles holding the text drawn inside a chart (y tick labels, x tick labels, x-axis title, legend), for
 * label profiles that box text inside figures (DocBank labels the PDF text of a figure as paragraphs). The
 * boxes written are measured on the ink inside each rectangle.
 */
export function chartTextRects(r: XYXY, c: ChartContent): XYXY[] {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const fs = fontPx(c);
  if (c.kind === 'pie') {
    const legendW = c.legend ? Math.min(w * 0.35, fs * 7) : 0;
    return c.legend ? [{ x0: r.x1 - legendW + 2, y0: r.y0, x1: r.x1, y1: r.y1 }] : [];
  }
  const { px0, px1, py0, py1 } = plotArea(r, c, fs);
  if (px1 - px0 < 10 || py1 - py0 < 10 || w <= 0 || h <= 0) return [];
  const out: XYXY[] = [
    { x0: r.x0, y0: py0 - fs, x1: px0 - 5, y1: py1 + fs * 0.6 },
    { x0: r.x0, y0: py1 + 5, x1: r.x1, y1: py1 + fs * 1.45 },
    { x0: r.x0, y0: py1 + fs * 1.45, x1: r.x1, y1: r.y1 },
  ];
  if (c.legend) out.push({ x0: px0 + 8, y0: r.y0, x1: r.x1, y1: Math.min(py0 - 1, r.y0 + 2 + fs * 1.2) });
  return out.map((q) => ({ x0: Math.max(r.x0, Math.floor(q.x0)), y0: Math.max(r.y0, Math.floor(q.y0)), x1: Math.min(r.x1, Math.ceil(q.x1)), y1: Math.min(r.y1, Math.ceil(q.y1)) }));
}

function drawChart(ctx: SKRSContext2D, r: XYXY, c: ChartContent): void {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  ctx.font = c.font;
  const fs = fontPx(c);
  ctx.lineWidth = Math.max(1, fs / 10);
  if (c.kind === 'pie') {
    const legendW = c.legend ? Math.min(w * 0.35, fs * 7) : 0;
    const cx = r.x0 + (w - legendW) / 2;
    const cy = r.y0 + h / 2;
    const rad = Math.max(4, Math.min((w - legendW) / 2, h / 2) - 3);
    const vals = c.series[0]!;
    const total = vals.reduce((a, v) => a + v, 0);
    let a = -Math.PI / 2;
    vals.forEach((v, i) => {
      const da = (v / total) * Math.PI * 2;
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.arc(cx, cy, rad, a, a + da);
      ctx.closePath();
      ctx.fillStyle = c.palette[i % c.palette.length]!;
      ctx.fill();
      a += da;
    });
    if (c.legend) legend(ctx, r.x1 - legendW + 2, r.y0 + 4, c.labels, c.palette, fs);
    return;
  }
  // Axes area, leaving room for tick labels and axis titles.
  const { px0, px1, py0, py1 } = plotArea(r, c, fs);
  if (px1 - px0 < 10 || py1 - py0 < 10) return;
  ctx.fillStyle = INK;
  ctx.strokeStyle = INK;
  ctx.fillRect(px0, py0, 1, py1 - py0 + 1);
  ctx.fillRect(px0, py1, px1 - px0, 1);
  for (let k = 0; k <= 4; k++) {
    const y = py1 - ((py1 - py0) * k) / 4;
    ctx.fillStyle = INK;
    ctx.fillRect(px0 - 4, Math.round(y), 4, 1);
    const label = (k * 25).toString();
    ctx.fillText(label, px0 - 6 - ctx.measureText(label).width, y + fs * 0.35);
    if (c.grid && k > 0) {
      ctx.fillStyle = '#cccccc';
      ctx.fillRect(px0 + 1, Math.round(y), px1 - px0 - 1, 1);
    }
  }
  ctx.fillStyle = INK;
  ctx.fillText(c.xTitle, (px0 + px1) / 2 - ctx.measureText(c.xTitle).width / 2, r.y1 - fs * 0.35);
  const X = (t: number) => px0 + 2 + t * (px1 - px0 - 4);
  const Y = (v: number) => py1 - v * (py1 - py0 - 2);
  if (c.kind === 'bar') {
    const n = c.labels.length;
    const slot = (px1 - px0) / n;
    const bw = (slot * 0.75) / c.series.length;
    c.labels.forEach((label, i) => {
      c.series.forEach((s, k) => {
        ctx.fillStyle = c.palette[k % c.palette.length]!;
        const x = px0 + slot * i + slot * 0.125 + bw * k;
        const y = Y(s[i]!);
        ctx.fillRect(x, y, Math.max(1, bw - 1), py1 - y);
      });
      ctx.fillStyle = INK;
      const lw = ctx.measureText(label).width;
      if (lw < slot) ctx.fillText(label, px0 + slot * (i + 0.5) - lw / 2, py1 + fs * 1.1);
    });
  } else {
    c.series.forEach((s, k) => {
      ctx.fillStyle = c.palette[k % c.palette.length]!;
      ctx.strokeStyle = ctx.fillStyle;
      if (c.kind === 'line') {
        ctx.beginPath();
        s.forEach((v, i) => {
          const x = X(i / Math.max(1, s.length - 1));
          if (i === 0) ctx.moveTo(x, Y(v));
          else ctx.lineTo(x, Y(v));
        });
        ctx.stroke();
        s.forEach((v, i) => ctx.fillRect(X(i / Math.max(1, s.length - 1)) - 1.5, Y(v) - 1.5, 3, 3));
      } else {
        for (let i = 0; i < s.length; i += 2) {
          ctx.beginPath();
          ctx.arc(X(s[i]!), Y(s[i + 1]!), Math.max(1.5, fs * 0.22), 0, Math.PI * 2);
          ctx.fill();
        }
      }
    });
    ctx.fillStyle = INK;
    for (let k = 0; k <= 4; k++) {
      const label = (k * 0.25).toFixed(2);
      const x = X(k / 4);
      ctx.fillRect(Math.round(x), py1, 1, 4);
      ctx.fillText(label, x - ctx.measureText(label).width / 2, py1 + fs * 1.1);
    }
  }
  if (c.legend) legend(ctx, px0 + 8, r.y0 + 2, c.seriesNames, c.palette, fs, true);
}

function legend(ctx: SKRSContext2D, x: number, y: number, names: string[], palette: string[], fs: number, horizontal = false): void {
  let cx = x;
  let cy = y;
  names.forEach((name, i) => {
    ctx.fillStyle = palette[i % palette.length]!;
    ctx.fillRect(cx, cy + fs * 0.15, fs * 0.8, fs * 0.8);
    ctx.fillStyle = INK;
    ctx.fillText(name, cx + fs * 1.1, cy + fs * 0.85);
    if (horizontal) cx += fs * 1.6 + ctx.measureText(name).width;
    else cy += fs * 1.3;
  });
}

function drawEquation(ctx: SKRSContext2D, b: LayoutBlock, e: EquationContent): void {
  const w = b.rect.x1 - b.rect.x0;
  const numW = e.number ? e.number.width : 0;
  e.lines.forEach((line, k) => {
    const y = baseline(b, k);
    const x0 = b.rect.x0 + Math.max(1, (w - numW - line.width) / 2);
    for (const t of line.tokens) {
      ctx.font = t.font;
      ctx.fillText(t.text, x0 + t.x, y - t.dy);
    }
    for (const rule of line.rules) ctx.fillRect(x0 + rule.x0, Math.round(y - rule.dy), rule.x1 - rule.x0, 1);
  });
  if (e.number) {
    ctx.font = e.number.font;
    const k = e.lines.length - 1;
    ctx.fillText(e.number.text, b.rect.x1 - 2 - e.number.width, (baseline(b, 0) + baseline(b, k)) / 2);
  }
}
