/**
 * Drawing a ChartSpec onto a canvas rectangle: layout (margins measured from the text), axes with nice ticks,
 * the marks of every kind, legends in five positions, and the rectangles of the text that was drawn.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { glyphBounds } from '../../render/glyph-bounds.js';
import { scaleBand, scaleLinear, type ScaleLinear } from 'd3-scale';
import { arc as d3arc, area as d3area, curveLinear, curveMonotoneX, line as d3line, pie as d3pie } from 'd3-shape';
import type { XYXY } from '../../types.js';

/** A CSS family list: a plain family name is quoted; a list made by render/fonts.ts (already quoted) is kept. */
function familyList(family: string): string {
  return family.includes('"') ? family : `"${family}"`;
}
import { formatValue, tickFormatter } from './format.js';
import { luminance, scaleColor } from './palettes.js';
import type { ChartSpec, MarkerShape } from './spec.js';

const INK = '#222222';
const AXIS = '#3a3a3a';
const GRID = '#d9d9d9';
const PANEL = '#ebebeb';

/** Where text was drawn, grouped as a labeller would box it. */
interface TextGroup {
  name: string;
  boxes: XYXY[];
}

interface Metrics {
  w: number;
  l: number;
  r: number;
  a: number;
  d: number;
}

type Align = 'left' | 'center' | 'right';

/** One chart being drawn: the canvas, fonts, the text already placed (for collision tests) and the text groups. */
class Painter {
  readonly placed: Array<{ b: XYXY; group: string }> = [];
  readonly groups: TextGroup[] = [];
  readonly tickPx: number;
  readonly labelPx: number;
  readonly titlePx: number;
  readonly smallPx: number;
  private readonly cache = new Map<string, Metrics>();
  private currentFont = '';

  constructor(
    readonly ctx: SKRSContext2D,
    readonly rect: XYXY,
    readonly family: string,
    readonly fs: number,
  ) {
    this.tickPx = Math.max(5, Math.round(fs * 0.9));
    this.labelPx = Math.max(5, Math.round(fs));
    this.titlePx = Math.max(6, Math.round(fs * 1.15));
    this.smallPx = Math.max(5, Math.round(fs * 0.8));
  }

  font(px: number, bold = false): string {
    return `${bold ? 'bold ' : ''}${px}px ${familyList(this.family)}`;
  }

  private setFont(f: string): void {
    if (f !== this.currentFont) {
      this.ctx.font = f;
      this.currentFont = f;
    }
  }

  measure(s: string, font: string): Metrics {
    const key = `${font}\u0000${s}`;
    let m = this.cache.get(key);
    if (!m) {
      this.setFont(font);
      const t = glyphBounds(this.ctx, s, font);
      m = { w: t.width, l: t.left, r: t.right, a: t.ascent, d: t.descent };
      this.cache.set(key, m);
    }
    return m;
  }

  /** Cap height of digits in `font`: used to centre a label on a tick. */
  digitHeight(font: string): number {
    return this.measure('0', font).a;
  }

  /** `s` shortened with an ellipsis to fit `maxW` px; '' if not even one letter fits. */
  fit(s: string, font: string, maxW: number): string {
    if (this.measure(s, font).w <= maxW) return s;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.measure(s.slice(0, mid).trimEnd() + '\u2026', font).w <= maxW) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0 ? '' : s.slice(0, lo).trimEnd() + '\u2026';
  }

  /** The ink box of `s` drawn with its anchor at (x, y) (alphabetic baseline), rotated by `angle` about the anchor. */
  box(s: string, font: string, x: number, y: number, align: Align, angle = 0): XYXY {
    const m = this.measure(s, font);
    const dx = align === 'left' ? 0 : align === 'center' ? -m.w / 2 : -m.w;
    const bx0 = dx - m.l;
    const bx1 = dx + m.r;
    const by0 = -m.a;
    const by1 = m.d;
    if (angle === 0) return { x0: Math.floor(x + bx0) - 1, y0: Math.floor(y + by0) - 1, x1: Math.ceil(x + bx1) + 1, y1: Math.ceil(y + by1) + 1 };
    const c = Math.cos(angle);
    const sn = Math.sin(angle);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const [px, py] of [
      [bx0, by0],
      [bx1, by0],
      [bx0, by1],
      [bx1, by1],
    ] as const) {
      const rx = x + px * c - py * sn;
      const ry = y + px * sn + py * c;
      x0 = Math.min(x0, rx);
      y0 = Math.min(y0, ry);
      x1 = Math.max(x1, rx);
      y1 = Math.max(y1, ry);
    }
    return { x0: Math.floor(x0) - 1, y0: Math.floor(y0) - 1, x1: Math.ceil(x1) + 1, y1: Math.ceil(y1) + 1 };
  }

  inside(b: XYXY): boolean {
    const r = this.rect;
    return b.x0 >= r.x0 && b.y0 >= r.y0 && b.x1 <= r.x1 && b.y1 <= r.y1;
  }

  /** True when `b` keeps `gap` px from every text placed so far (except those of `except`, spaced by their caller). */
  free(b: XYXY, gap = 1, except = ''): boolean {
    for (const { b: p, group } of this.placed) {
      if (group === except) continue;
      if (b.x0 < p.x1 + gap && p.x0 < b.x1 + gap && b.y0 < p.y1 + gap && p.y0 < b.y1 + gap) return false;
    }
    return true;
  }

  /**
   * Draws `s` if its ink lies inside the chart and clear of every text already placed; records it in `group`.
   * Returns the ink box, or null when the text was skipped.
   */
  text(s: string, x: number, y: number, o: { font: string; align?: Align; group: string; color?: string; angle?: number; gap?: number }): XYXY | null {
    if (!s) return null;
    const align = o.align ?? 'left';
    const angle = o.angle ?? 0;
    const b = this.box(s, o.font, x, y, align, angle);
    // rotated labels are spaced along their axis by the caller; their upright boxes overlap their neighbours'
    if (!this.inside(b) || !this.free(b, o.gap ?? 1, angle !== 0 ? o.group : '')) return null;
    const ctx = this.ctx;
    this.setFont(o.font);
    ctx.fillStyle = o.color ?? INK;
    const m = this.measure(s, o.font);
    const dx = align === 'left' ? 0 : align === 'center' ? -m.w / 2 : -m.w;
    if (angle === 0) ctx.fillText(s, x + dx, y);
    else {
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(angle);
      ctx.fillText(s, dx, 0);
      ctx.restore();
    }
    this.placed.push({ b, group: o.group });
    let g = this.groups.find((q) => q.name === o.group);
    if (!g) this.groups.push((g = { name: o.group, boxes: [] }));
    g.boxes.push(b);
    return b;
  }

  textRects(): XYXY[] {
    const r = this.rect;
    const out: XYXY[] = [];
    for (const g of this.groups) {
      if (g.boxes.length === 0) continue;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const b of g.boxes) (x0 = Math.min(x0, b.x0)), (y0 = Math.min(y0, b.y0)), (x1 = Math.max(x1, b.x1)), (y1 = Math.max(y1, b.y1));
      const q = { x0: Math.max(r.x0, x0), y0: Math.max(r.y0, y0), x1: Math.min(r.x1, x1), y1: Math.min(r.y1, y1) };
      if (q.x1 > q.x0 && q.y1 > q.y0) out.push(q);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------- markers

function markerPath(ctx: SKRSContext2D, shape: MarkerShape, x: number, y: number, s: number): void {
  switch (shape) {
    case 'circle':
      ctx.moveTo(x + s, y);
      ctx.arc(x, y, s, 0, Math.PI * 2);
      break;
    case 'square':
      ctx.rect(x - s * 0.85, y - s * 0.85, s * 1.7, s * 1.7);
      break;
    case 'triangle':
      ctx.moveTo(x, y - s * 1.15);
      ctx.lineTo(x + s, y + s * 0.75);
      ctx.lineTo(x - s, y + s * 0.75);
      ctx.closePath();
      break;
    case 'diamond':
      ctx.moveTo(x, y - s * 1.2);
      ctx.lineTo(x + s, y);
      ctx.lineTo(x, y + s * 1.2);
      ctx.lineTo(x - s, y);
      ctx.closePath();
      break;
    case 'cross':
      ctx.moveTo(x - s, y - s);
      ctx.lineTo(x + s, y + s);
      ctx.moveTo(x + s, y - s);
      ctx.lineTo(x - s, y + s);
      break;
    case 'plus':
      ctx.moveTo(x - s * 1.2, y);
      ctx.lineTo(x + s * 1.2, y);
      ctx.moveTo(x, y - s * 1.2);
      ctx.lineTo(x, y + s * 1.2);
      break;
    case 'none':
      break;
  }
}

/** Draws one marker shape at every point, in one path. */
function drawMarkers(ctx: SKRSContext2D, shape: MarkerShape, pts: ReadonlyArray<readonly [number, number]>, s: number, color: string, hollow: boolean, lw: number, alpha = 1): void {
  if (shape === 'none' || pts.length === 0) return;
  ctx.beginPath();
  for (const [x, y] of pts) markerPath(ctx, shape, x, y, s);
  ctx.globalAlpha = alpha;
  ctx.lineWidth = lw;
  ctx.strokeStyle = color;
  if (shape === 'cross' || shape === 'plus') {
    ctx.lineWidth = Math.max(1, lw * 1.1);
    ctx.stroke();
  } else if (hollow) {
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.stroke();
  } else {
    ctx.fillStyle = color;
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

// ---------------------------------------------------------------------------------------------------- legend

interface LegendItem {
  label: string;
  color: string;
  swatch: 'box' | 'line' | 'marker';
  marker: MarkerShape;
}

interface LegendLayout {
  w: number;
  h: number;
  /** Entries with positions relative to the legend's top-left. */
  entries: Array<{ item: LegendItem; text: string; x: number; y: number }>;
}

function legendItems(spec: ChartSpec): LegendItem[] {
  const k = spec.kind;
  const color = (i: number) => spec.colors[i % spec.colors.length]!;
  if (k === 'pie' || k === 'donut') return spec.categories.map((label, i) => ({ label, color: color(i), swatch: 'box', marker: 'none' }));
  const items: LegendItem[] = spec.series.map((s, i) => ({
    label: s.name,
    color: color(i),
    swatch: k === 'line' ? 'line' : k === 'scatter' ? 'marker' : 'box',
    marker: spec.markers[i] ?? 'none',
  }));
  // a vertical legend of a stack lists the series in the order they are stacked on the page: top first
  if ((k === 'stacked_bar' || k === 'area') && (spec.legend === 'right' || spec.legend === 'inside')) items.reverse();
  return items;
}

function swatchW(p: Painter, item: LegendItem): number {
  return item.swatch === 'line' ? Math.round(p.fs * 1.8) : Math.round(p.fs * 0.8);
}

/** Lays the legend out in rows (top/bottom) or a column (right/inside) within `maxW` x `maxH`. */
function layoutLegend(p: Painter, items: LegendItem[], rows: boolean, maxW: number, maxH: number): LegendLayout {
  const font = p.font(p.tickPx);
  const lh = Math.round(p.tickPx * 1.45);
  const gap = Math.round(p.fs * 0.4);
  const sep = Math.round(p.fs * 1.1);
  const entries: LegendLayout['entries'] = [];
  if (rows) {
    let x = 0;
    let y = 0;
    let w = 0;
    const rowStart: number[] = [0];
    items.forEach((item) => {
      const sw = swatchW(p, item);
      const text = p.fit(item.label, font, maxW - sw - gap);
      if (!text) return;
      const ew = sw + gap + p.measure(text, font).w;
      if (x > 0 && x + ew > maxW) {
        x = 0;
        y += lh;
        rowStart.push(entries.length);
      }
      if (y + lh > maxH) return;
      entries.push({ item, text, x, y });
      x += ew + sep;
      w = Math.max(w, x - sep);
    });
    // centre each row
    rowStart.push(entries.length);
    for (let r = 0; r + 1 < rowStart.length; r++) {
      const row = entries.slice(rowStart[r]!, rowStart[r + 1]!);
      const last = row[row.length - 1];
      if (!last) continue;
      const rw = last.x + swatchW(p, last.item) + gap + p.measure(last.text, font).w;
      const shift = Math.floor((w - rw) / 2);
      for (const e of row) e.x += shift;
    }
    const h = entries.length ? entries[entries.length - 1]!.y + lh : 0;
    return { w, h, entries };
  }
  let w = 0;
  let y = 0;
  for (const item of items) {
    if (y + lh > maxH) break;
    const sw = swatchW(p, item);
    const text = p.fit(item.label, font, maxW - sw - gap);
    if (!text) continue;
    entries.push({ item, text, x: 0, y });
    w = Math.max(w, sw + gap + p.measure(text, font).w);
    y += lh;
  }
  return { w, h: y, entries };
}

function drawLegend(p: Painter, spec: ChartSpec, lay: LegendLayout, x0: number, y0: number, framed: boolean): void {
  const ctx = p.ctx;
  const font = p.font(p.tickPx);
  const lh = Math.round(p.tickPx * 1.45);
  const gap = Math.round(p.fs * 0.4);
  if (framed) {
    const m = Math.round(p.fs * 0.4);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(x0 - m, y0 - m + 1, lay.w + 2 * m, lay.h + 2 * m - 2);
    ctx.strokeStyle = '#bdbdbd';
    ctx.lineWidth = 1;
    ctx.strokeRect(Math.round(x0 - m) + 0.5, Math.round(y0 - m + 1) + 0.5, Math.round(lay.w + 2 * m) - 1, Math.round(lay.h + 2 * m - 2) - 1);
  }
  const dh = p.digitHeight(font);
  const lw = Math.max(1, (spec.lineWidth * p.fs) / 10);
  for (const e of lay.entries) {
    const sw = swatchW(p, e.item);
    const cy = y0 + e.y + lh / 2;
    const x = x0 + e.x;
    const base = Math.round(cy + dh / 2);
    const tb = p.text(e.text, x + sw + gap, base, { font, group: 'legend' });
    if (!tb) continue;
    if (e.item.swatch === 'box') {
      const s = Math.round(p.fs * 0.8);
      ctx.fillStyle = e.item.color;
      ctx.fillRect(Math.round(x), Math.round(cy - s / 2), s, s);
    } else if (e.item.swatch === 'line') {
      ctx.strokeStyle = e.item.color;
      ctx.lineWidth = lw;
      ctx.beginPath();
      ctx.moveTo(x, cy);
      ctx.lineTo(x + sw, cy);
      ctx.stroke();
      drawMarkers(ctx, e.item.marker, [[x + sw / 2, cy]], Math.max(2, p.fs * 0.28), e.item.color, spec.hollowMarkers, Math.max(1, lw * 0.8));
    } else {
      drawMarkers(ctx, e.item.marker === 'none' ? 'circle' : e.item.marker, [[x + sw / 2, cy]], Math.max(2, p.fs * 0.3), e.item.color, spec.hollowMarkers, Math.max(1, lw * 0.8));
    }
  }
}

// ---------------------------------------------------------------------------------------------------- frame

interface Frame {
  /** Remaining space after title, outside legend and axis titles. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Legend to draw inside the plot (null if none). */
  inside: LegendLayout | null;
}

/**
 * Draws the title, the outside legend and the axis titles; returns the space left for axes and plot.
 * `withAxisTitles` false draws no axis titles (pies).
 */
function frame(p: Painter, spec: ChartSpec, items: LegendItem[], withAxisTitles: boolean): Frame {
  const r = p.rect;
  const pad = Math.max(2, Math.round(p.fs * 0.3));
  const gap = Math.round(p.fs * 0.6);
  let x0 = r.x0 + pad;
  let y0 = r.y0 + pad;
  let x1 = r.x1 - pad;
  let y1 = r.y1 - pad;
  const W = x1 - x0;
  const H = y1 - y0;
  if (spec.title && H > p.titlePx * 6) {
    const font = p.font(p.titlePx, true);
    const t = p.fit(spec.title, font, W);
    const m = p.measure(t || 'X', font);
    const left = spec.theme === 'minimal';
    const b = p.text(t, left ? x0 : (x0 + x1) / 2, Math.round(y0 + m.a), { font, align: left ? 'left' : 'center', group: 'title' });
    if (b) y0 = b.y1 + gap;
  }
  let inside: LegendLayout | null = null;
  const pos = spec.legend;
  if (pos !== 'none' && items.length > 0) {
    if (pos === 'top' || pos === 'bottom') {
      const lay = layoutLegend(p, items, true, W, H * 0.3);
      if (lay.entries.length) {
        const lx = Math.round(x0 + (W - lay.w) / 2);
        if (pos === 'top') {
          drawLegend(p, spec, lay, lx, y0, false);
          y0 += lay.h + gap * 0.5;
        } else {
          drawLegend(p, spec, lay, lx, y1 - lay.h, false);
          y1 -= lay.h + gap * 0.5;
        }
      }
    } else {
      const lay = layoutLegend(p, items, false, W * 0.3, y1 - y0);
      if (lay.entries.length) {
        if (pos === 'right' || spec.kind === 'pie' || spec.kind === 'donut') {
          const lx = Math.round(x1 - lay.w);
          drawLegend(p, spec, lay, lx, Math.round(y0 + (y1 - y0 - lay.h) / 2), false);
          x1 = lx - gap;
        } else inside = lay;
      }
    }
  }
  if (withAxisTitles) {
    const font = p.font(p.labelPx);
    if (spec.xTitle) {
      const t = p.fit(spec.xTitle, font, x1 - x0);
      const m = p.measure(t || 'X', font);
      const b = p.text(t, (x0 + x1) / 2, Math.round(y1 - m.d), { font, align: 'center', group: 'x-title' });
      if (b) y1 = b.y0 - Math.round(gap * 0.4);
    }
    if (spec.yTitle) {
      const t = p.fit(spec.yTitle, font, y1 - y0);
      const m = p.measure(t || 'X', font);
      const b = p.text(t, Math.round(x0 + m.a), (y0 + y1) / 2, { font, align: 'center', group: 'y-title', angle: -Math.PI / 2 });
      if (b) x0 = b.x1 + Math.round(gap * 0.4);
    }
  }
  return { x0, y0, x1, y1, inside };
}

// ---------------------------------------------------------------------------------------------------- axes

interface Plot {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Value-axis scale with nice ticks: `count` ticks for `len` px. */
function valueScale(lo: number, hi: number, len: number, tickPx: number, vertical: boolean, labelW = 0): { s: ScaleLinear<number, number>; ticks: number[] } {
  if (!(hi > lo)) hi = lo + 1;
  const count = Math.max(2, Math.min(7, Math.floor(len / (vertical ? tickPx * 4.2 : Math.max(tickPx * 5, labelW * 1.8)))));
  const s = scaleLinear().domain([lo, hi]).nice(count);
  return { s, ticks: s.ticks(count) };
}

function drawPanel(p: Painter, spec: ChartSpec, pl: Plot): void {
  if (spec.theme === 'gray') {
    p.ctx.fillStyle = PANEL;
    p.ctx.fillRect(pl.x0, pl.y0, pl.x1 - pl.x0, pl.y1 - pl.y0);
  }
}

function gridColor(spec: ChartSpec): string {
  return spec.theme === 'gray' ? '#ffffff' : GRID;
}

function hGrid(p: Painter, spec: ChartSpec, pl: Plot, ys: number[]): void {
  p.ctx.fillStyle = gridColor(spec);
  for (const y of ys) p.ctx.fillRect(pl.x0, Math.round(y), pl.x1 - pl.x0, 1);
}

function vGrid(p: Painter, spec: ChartSpec, pl: Plot, xs: number[]): void {
  p.ctx.fillStyle = gridColor(spec);
  for (const x of xs) p.ctx.fillRect(Math.round(x), pl.y0, 1, pl.y1 - pl.y0);
}

/** Axis lines (per theme), after the marks. */
function axisLines(p: Painter, spec: ChartSpec, pl: Plot, baselineY?: number): void {
  const ctx = p.ctx;
  ctx.fillStyle = AXIS;
  const w = pl.x1 - pl.x0;
  const h = pl.y1 - pl.y0;
  if (spec.theme === 'gray') return;
  if (spec.theme === 'box') {
    ctx.strokeStyle = AXIS;
    ctx.lineWidth = 1;
    ctx.strokeRect(pl.x0 + 0.5, pl.y0 + 0.5, w - 1, h - 1);
    return;
  }
  ctx.fillRect(pl.x0, Math.round(baselineY ?? pl.y1 - 1), w, 1);
  if (spec.theme === 'classic') ctx.fillRect(pl.x0, pl.y0, 1, h);
}

interface CatAxis {
  /** Labels to draw (possibly shortened) and which ones (every k-th). */
  labels: string[];
  step: number;
  angle: number;
  height: number;
}

/** How category labels fit along a horizontal axis of `len` px with `n` bands: flat, thinned, or rotated 45°. */
function fitCategories(p: Painter, labels: string[], len: number, ordinal: boolean, maxH: number): CatAxis {
  const font = p.font(p.tickPx);
  const n = Math.max(1, labels.length);
  const band = len / n;
  const gap = p.fs * 0.6;
  let maxW = 0;
  for (const l of labels) maxW = Math.max(maxW, p.measure(l, font).w);
  const lineH = Math.round(p.tickPx * 1.25);
  if (maxW + gap <= band) return { labels, step: 1, angle: 0, height: lineH };
  if (ordinal) {
    const step = Math.ceil((maxW + gap) / band);
    return { labels, step, angle: 0, height: lineH };
  }
  const cap = Math.max(lineH, maxH);
  const lim = Math.max(p.fs * 2, (cap - p.tickPx) / Math.SQRT1_2);
  const fitted = labels.map((l) => p.fit(l, font, lim));
  let w = 0;
  for (const l of fitted) w = Math.max(w, p.measure(l, font).w);
  const step = band >= p.tickPx * 1.6 ? 1 : Math.ceil((p.tickPx * 1.6) / band);
  return { labels: fitted, step, angle: -Math.PI / 4, height: Math.ceil((w + p.tickPx) * Math.SQRT1_2) + 2 };
}

function drawCatLabels(p: Painter, ax: CatAxis, centres: number[], yTop: number, group: string): void {
  const font = p.font(p.tickPx);
  const a = p.digitHeight(font);
  ax.labels.forEach((l, i) => {
    if (i % ax.step !== 0) return;
    const x = centres[i]!;
    if (ax.angle === 0) p.text(l, x, Math.round(yTop + a + 1), { font, align: 'center', group });
    else p.text(l, x + a * 0.35, Math.round(yTop + a * 0.6), { font, align: 'right', group, angle: ax.angle });
  });
}

function tickMarks(p: Painter, spec: ChartSpec, pos: number[], at: number, vertical: boolean, len: number): void {
  if (spec.theme === 'minimal' && vertical) return;
  p.ctx.fillStyle = spec.theme === 'gray' ? '#7f7f7f' : AXIS;
  for (const v of pos) {
    if (vertical) p.ctx.fillRect(at - len, Math.round(v), len, 1);
    else p.ctx.fillRect(Math.round(v), at, 1, len);
  }
}

// ---------------------------------------------------------------------------------------------------- cartesian

function extent(vals: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vals) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return lo <= hi ? [lo, hi] : [0, 1];
}

function* allValues(spec: ChartSpec): Generator<number> {
  for (const s of spec.series) yield* s.values;
}

/** Value range of the marks, before head room and nice(). */
function valueRange(spec: ChartSpec): [number, number] {
  const k = spec.kind;
  if (k === 'stacked_bar' || k === 'area') {
    const n = Math.max(0, ...spec.series.map((s) => s.values.length));
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < n; i++) {
      let pos = 0;
      let neg = 0;
      for (const s of spec.series) {
        const v = s.values[i] ?? 0;
        if (v >= 0) pos += v;
        else neg += v;
      }
      hi = Math.max(hi, pos);
      lo = Math.min(lo, neg);
    }
    return [lo, hi];
  }
  const [lo, hi] = extent(allValues(spec));
  if (k === 'line' && !spec.fromZero) {
    const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.1 || 1;
    return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
  }
  if (k === 'scatter') {
    const pad = (hi - lo) * 0.05 || 1;
    return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
  }
  return [Math.min(0, lo), Math.max(0, hi)];
}

function drawCartesian(p: Painter, spec: ChartSpec): void {
  const ctx = p.ctx;
  const items = legendItems(spec);
  const fr = frame(p, spec, items, true);
  const horizontal = spec.kind === 'hbar';
  const tickFont = p.font(p.tickPx);
  const tickLen = spec.theme === 'gray' ? Math.max(2, Math.round(p.fs * 0.25)) : Math.max(3, Math.round(p.fs * 0.35));
  const gap = Math.max(2, Math.round(p.fs * 0.3));
  const dh = p.digitHeight(tickFont);
  const lineH = Math.round(p.tickPx * 1.25);
  const H0 = fr.y1 - fr.y0;
  const W0 = fr.x1 - fr.x0;
  if (H0 < p.fs * 3 || W0 < p.fs * 4) return;

  let [vlo, vhi] = valueRange(spec);
  const numericX = spec.kind === 'scatter' || spec.kind === 'histogram';
  let [xlo, xhi] = spec.kind === 'scatter' ? extent(spec.series.flatMap((s) => s.x ?? [])) : spec.kind === 'histogram' ? [spec.binEdges[0] ?? 0, spec.binEdges[spec.binEdges.length - 1] ?? 1] : [0, 1];
  if (spec.kind === 'scatter') {
    const pad = (xhi - xlo) * 0.05 || 1;
    xlo = xlo >= 0 ? Math.max(0, xlo - pad) : xlo - pad;
    xhi += pad;
  }

  // Inside legend: head room on the value axis so it covers no data.
  const ins = fr.inside;
  const headroom = (len: number, legLen: number): void => {
    const need = legLen + p.fs * 2.2;
    if (need < len * 0.5) vhi = vlo + (vhi - vlo) / (1 - need / len);
  };
  // value labels above (or beside) the longest bar need room inside the plot too
  const labelRoom = (len: number, need: number): void => {
    if (spec.valueLabels && vhi > 0 && need < len * 0.3) vhi = vlo + (vhi - vlo) / (1 - need / len);
  };
  const barLabels = spec.kind === 'bar' || spec.kind === 'grouped_bar' || spec.kind === 'hbar';
  let widestLabel = 0;
  if (barLabels && spec.valueLabels) for (const v of allValues(spec)) widestLabel = Math.max(widestLabel, p.measure(formatValue(v, spec.valueFormat, Math.max(Math.abs(vlo), Math.abs(vhi))), p.font(p.smallPx)).w);

  let pl: Plot;
  let vs: { s: ScaleLinear<number, number>; ticks: number[] };
  let fmtV: (v: number) => string;

  if (!horizontal) {
    // y: values; x: categories or numbers. Estimate, then settle the margins.
    const estH = H0 - lineH - tickLen - gap;
    if (ins) headroom(estH, ins.h);
    vs = valueScale(vlo, vhi, estH, p.tickPx, true);
    fmtV = tickFormatter(vs.ticks, spec.valueFormat);
    let yLabW = 0;
    for (const t of vs.ticks) yLabW = Math.max(yLabW, p.measure(fmtV(t), tickFont).w);
    const px0 = Math.round(fr.x0 + yLabW + (spec.theme === 'minimal' ? 0 : tickLen) + gap);
    const lastW = spec.kind === 'line' || spec.kind === 'area' ? p.measure(spec.categories[spec.categories.length - 1] ?? '', tickFont).w / 2 : 0;
    const px1 = Math.round(fr.x1 - (numericX ? p.fs * 1.2 : Math.max(2, lastW - (spec.kind === 'area' ? 0 : p.fs * 0.5))));
    let xAx: CatAxis | null = null;
    let xH = lineH;
    if (!numericX) {
      xAx = fitCategories(p, spec.categories, px1 - px0, spec.ordinal || spec.kind === 'line' || spec.kind === 'area', H0 * 0.3);
      xH = xAx.height;
    }
    const py1 = Math.round(fr.y1 - xH - tickLen - gap);
    const py0 = Math.round(fr.y0 + (fr.y0 > p.rect.y0 + p.fs ? 0 : dh / 2 + 2));
    pl = { x0: px0, y0: py0, x1: px1, y1: py1 };
    if (py1 - py0 < p.fs * 2 || px1 - px0 < p.fs * 3) return;
    // final value ticks for the real height
    [vlo, vhi] = valueRange(spec);
    if (ins) headroom(py1 - py0, ins.h);
    else if (barLabels) labelRoom(py1 - py0, p.smallPx * 1.3 + 4);
    vs = valueScale(vlo, vhi, py1 - py0, p.tickPx, true);
    vs.s.range([py1, py0]);
    fmtV = tickFormatter(vs.ticks, spec.valueFormat);
    const Y = vs.s;

    drawPanel(p, spec, pl);
    // x positions
    let xs: ScaleLinear<number, number> | null = null;
    let xTicks: number[] = [];
    let fmtX: (v: number) => string = String;
    let centres: number[] = [];
    let band = 0;
    if (numericX) {
      let probeW = 0;
      const probe = valueScale(xlo, xhi, px1 - px0, p.tickPx, false, 0);
      const pf = tickFormatter(probe.ticks, spec.xFormat);
      for (const t of probe.ticks) probeW = Math.max(probeW, p.measure(pf(t), tickFont).w);
      const xv = valueScale(xlo, xhi, px1 - px0, p.tickPx, false, probeW);
      xs = spec.kind === 'histogram' ? scaleLinear().domain([xlo, xhi]) : xv.s;
      xs.range([px0, px1]);
      xTicks = xv.ticks.filter((t) => t >= xs!.domain()[0]! - 1e-9 && t <= xs!.domain()[1]! + 1e-9);
      fmtX = tickFormatter(xTicks, spec.xFormat);
    } else {
      const n = spec.categories.length;
      const pointLike = spec.kind === 'line' || spec.kind === 'area';
      if (pointLike) {
        const inset = spec.kind === 'area' ? 0 : Math.min((px1 - px0) / Math.max(1, n) / 2, p.fs);
        const span = px1 - px0 - 2 * inset;
        centres = spec.categories.map((_, i) => px0 + inset + (n > 1 ? (span * i) / (n - 1) : span / 2));
        band = n > 1 ? span / (n - 1) : span;
      } else {
        const bs = scaleBand<number>().domain(spec.categories.map((_, i) => i)).range([px0, px1]).paddingInner(1 - spec.barFill).paddingOuter((1 - spec.barFill) / 2);
        band = bs.bandwidth();
        centres = spec.categories.map((_, i) => bs(i)! + band / 2);
      }
    }
    // grid
    if (spec.grid !== 'none') hGrid(p, spec, pl, vs.ticks.map((t) => Y(t)).filter((y) => y > py0 - 0.5 && y < py1 - 0.5));
    if (spec.grid === 'both') vGrid(p, spec, pl, numericX ? xTicks.map((t) => xs!(t)) : spec.kind === 'line' ? centres : []);

    // marks
    const zeroY = Math.round(Y(Math.max(vs.s.domain()[0]!, Math.min(vs.s.domain()[1]!, 0))));
    const valueLabelBoxes: Array<() => void> = [];
    const vlFont = p.font(p.smallPx);
    const axisMax = Math.max(...vs.ticks.map(Math.abs));
    const color = (i: number) => spec.colors[i % spec.colors.length]!;
    const lw = Math.max(1, (spec.lineWidth * p.fs) / 10);
    if (spec.kind === 'bar' || spec.kind === 'grouped_bar') {
      const ns = spec.series.length;
      const bw = band / ns;
      const widest = Math.max(0, ...spec.series.flatMap((s) => s.values.map((v) => p.measure(formatValue(v, spec.valueFormat, axisMax), vlFont).w)));
      const labels = spec.valueLabels && widest <= bw + (ns === 1 ? band * (1 / spec.barFill - 1) * 0.8 : 1);
      spec.series.forEach((s, k) => {
        ctx.fillStyle = color(k);
        s.values.forEach((v, i) => {
          const x = Math.round(centres[i]! - band / 2 + bw * k);
          const x1b = Math.round(centres[i]! - band / 2 + bw * (k + 1)) - (ns > 1 && bw > 6 ? 1 : 0);
          const y = Math.round(Y(v));
          ctx.fillRect(x, Math.min(y, zeroY), Math.max(1, x1b - x), Math.max(1, Math.abs(zeroY - y)));
          if (labels) {
            const str = formatValue(v, spec.valueFormat, axisMax);
            const cx = (x + x1b) / 2;
            valueLabelBoxes.push(() => {
              p.text(str, cx, v >= 0 ? y - 3 : y + p.measure(str, vlFont).a + 3, { font: vlFont, align: 'center', group: `value-${k}-${i}` });
            });
          }
        });
      });
    } else if (spec.kind === 'stacked_bar') {
      const n = spec.categories.length;
      for (let i = 0; i < n; i++) {
        let pos = 0;
        let neg = 0;
        spec.series.forEach((s, k) => {
          const v = s.values[i] ?? 0;
          const a = v >= 0 ? pos : neg;
          const b = a + v;
          if (v >= 0) pos = b;
          else neg = b;
          const ya = Math.round(Y(a));
          const yb = Math.round(Y(b));
          const x = Math.round(centres[i]! - band / 2);
          const w = Math.max(1, Math.round(centres[i]! + band / 2) - x);
          ctx.fillStyle = color(k);
          ctx.fillRect(x, Math.min(ya, yb), w, Math.max(1, Math.abs(ya - yb)));
          if (spec.valueLabels) {
            const str = formatValue(v, spec.valueFormat, axisMax);
            const m = p.measure(str, vlFont);
            if (m.w + 4 <= w && m.a + m.d + 4 <= Math.abs(ya - yb)) {
              const c = luminance(color(k)) < 0.55 ? '#ffffff' : INK;
              valueLabelBoxes.push(() => {
                p.text(str, x + w / 2, Math.round((ya + yb) / 2 + m.a / 2), { font: vlFont, align: 'center', group: `value-${k}-${i}`, color: c, gap: 0 });
              });
            }
          }
        });
      }
    } else if (spec.kind === 'line') {
      const curve = spec.smooth ? curveMonotoneX : curveLinear;
      spec.series.forEach((s, k) => {
        const pts = s.values.map((v, i) => [centres[i]!, Y(v)] as [number, number]);
        ctx.strokeStyle = color(k);
        ctx.lineWidth = lw;
        ctx.lineJoin = 'round';
        ctx.beginPath();
        d3line<[number, number]>().curve(curve).context(ctx as never)(pts);
        ctx.stroke();
        drawMarkers(ctx, spec.markers[k] ?? 'none', pts, Math.max(2, p.fs * 0.28), color(k), spec.hollowMarkers, Math.max(1, lw * 0.8));
      });
    } else if (spec.kind === 'area') {
      const n = spec.categories.length;
      const base = new Array<number>(n).fill(0);
      const curve = spec.smooth ? curveMonotoneX : curveLinear;
      spec.series.forEach((s, k) => {
        const rows = s.values.map((v, i) => [centres[i]!, Y(base[i]!), Y(base[i]! + Math.max(0, v))] as [number, number, number]);
        for (let i = 0; i < n; i++) base[i]! += Math.max(0, s.values[i] ?? 0);
        ctx.fillStyle = color(k);
        ctx.beginPath();
        d3area<[number, number, number]>().x((d) => d[0]).y0((d) => d[1]).y1((d) => d[2]).curve(curve).context(ctx as never)(rows);
        ctx.fill();
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = Math.max(1, lw * 0.5);
        ctx.beginPath();
        d3line<[number, number, number]>().x((d) => d[0]).y((d) => d[2]).curve(curve).context(ctx as never)(rows);
        ctx.stroke();
      });
    } else if (spec.kind === 'histogram') {
      const edges = spec.binEdges;
      const overlay = spec.series.length > 1;
      spec.series.forEach((s, k) => {
        ctx.globalAlpha = overlay ? 0.6 : 1;
        ctx.fillStyle = color(k);
        s.values.forEach((c, i) => {
          const xa = Math.round(xs!(edges[i]!));
          const xb = Math.round(xs!(edges[i + 1]!));
          const y = Math.round(Y(c));
          if (c > 0) ctx.fillRect(xa, y, Math.max(1, xb - xa - (xb - xa > 4 ? 1 : 0)), Math.max(1, zeroY - y));
        });
        ctx.globalAlpha = 1;
      });
    } else if (spec.kind === 'scatter') {
      spec.series.forEach((s, k) => {
        const pts = s.values.map((v, i) => [xs!(s.x?.[i] ?? 0), Y(v)] as [number, number]);
        drawMarkers(ctx, spec.markers[k] ?? 'circle', pts, Math.max(1.8, p.fs * 0.26), color(k), spec.hollowMarkers, Math.max(1, lw * 0.6), pts.length > 40 && !spec.hollowMarkers ? 0.75 : 1);
        if (spec.trendLine && s.x && s.x.length > 1) {
          const xsv = s.x;
          const n = xsv.length;
          const mx = xsv.reduce((a, v) => a + v, 0) / n;
          const my = s.values.reduce((a, v) => a + v, 0) / n;
          let sxy = 0;
          let sxx = 0;
          for (let i = 0; i < n; i++) (sxy += (xsv[i]! - mx) * (s.values[i]! - my)), (sxx += (xsv[i]! - mx) ** 2);
          const b = sxx > 0 ? sxy / sxx : 0;
          const [d0, d1] = extent(xsv);
          ctx.save();
          ctx.beginPath();
          ctx.rect(px0, py0, px1 - px0, py1 - py0);
          ctx.clip();
          ctx.strokeStyle = INK;
          ctx.setLineDash([Math.max(3, p.fs * 0.5), Math.max(2, p.fs * 0.3)]);
          ctx.lineWidth = Math.max(1, lw * 0.7);
          ctx.beginPath();
          ctx.moveTo(xs!(d0), Y(my + b * (d0 - mx)));
          ctx.lineTo(xs!(d1), Y(my + b * (d1 - mx)));
          ctx.stroke();
          ctx.restore();
        }
      });
    }

    // axes, ticks, tick labels
    axisLines(p, spec, pl, spec.theme === 'classic' || spec.theme === 'minimal' ? (vlo < 0 ? py1 - 1 : zeroY) : undefined);
    if (vlo < 0 && spec.theme !== 'gray') {
      ctx.fillStyle = AXIS;
      ctx.fillRect(px0, zeroY, px1 - px0, 1);
    }
    const yPos = vs.ticks.map((t) => Y(t));
    tickMarks(p, spec, yPos, px0, true, tickLen);
    const labX = px0 - (spec.theme === 'minimal' ? 0 : tickLen) - gap;
    vs.ticks.forEach((t) => p.text(fmtV(t), labX, Math.round(Y(t) + dh / 2), { font: tickFont, align: 'right', group: 'y-ticks' }));
    if (numericX) {
      const pos = xTicks.map((t) => xs!(t));
      tickMarks(p, spec, pos, py1, false, tickLen);
      xTicks.forEach((t) => p.text(fmtX(t), xs!(t), Math.round(py1 + tickLen + gap + dh), { font: tickFont, align: 'center', group: 'x-ticks', gap: 3 }));
    } else if (xAx) {
      if (spec.kind === 'line' || spec.kind === 'area') tickMarks(p, spec, centres.filter((_, i) => i % xAx!.step === 0), py1, false, tickLen);
      drawCatLabels(p, xAx, centres, py1 + tickLen + gap, 'x-ticks');
    }
    if (ins) valueLabelBoxes.length = 0; // an inside legend never competes with value labels
    for (const f of valueLabelBoxes) f();
    if (ins) {
      const m = Math.round(p.fs * 0.8);
      const lx = Math.round(px1 - ins.w - m);
      drawLegend(p, spec, ins, lx, py0 + m, true);
    }
    return;
  }

  // ---- horizontal bars: categories down the left, values along the bottom
  const catFont = tickFont;
  const cats = spec.categories.map((c) => p.fit(c, catFont, W0 * 0.35));
  let catW = 0;
  for (const c of cats) catW = Math.max(catW, p.measure(c, catFont).w);
  const px0 = Math.round(fr.x0 + catW + tickLen + gap);
  const py1 = Math.round(fr.y1 - lineH - tickLen - gap);
  const py0 = Math.round(fr.y0 + 2);
  let probeW = 0;
  const probe = valueScale(vlo, vhi, W0, p.tickPx, false, 0);
  for (const t of probe.ticks) probeW = Math.max(probeW, p.measure(tickFormatter(probe.ticks, spec.valueFormat)(t), catFont).w);
  const px1 = Math.round(fr.x1 - probeW / 2 - 2);
  pl = { x0: px0, y0: py0, x1: px1, y1: py1 };
  if (py1 - py0 < p.fs * 2 || px1 - px0 < p.fs * 3) return;
  if (ins) {
    const need = ins.w + p.fs * 2.6;
    if (need < (px1 - px0) * 0.5) vhi = vlo + (vhi - vlo) / (1 - need / (px1 - px0));
  } else labelRoom(px1 - px0, widestLabel + 6);
  vs = valueScale(vlo, vhi, px1 - px0, p.tickPx, false, probeW);
  vs.s.range([px0, px1]);
  fmtV = tickFormatter(vs.ticks, spec.valueFormat);
  const X = vs.s;
  const bs = scaleBand<number>().domain(cats.map((_, i) => i)).range([py0, py1]).paddingInner(1 - spec.barFill).paddingOuter((1 - spec.barFill) / 2);
  const band = bs.bandwidth();
  drawPanel(p, spec, pl);
  if (spec.grid !== 'none') vGrid(p, spec, pl, vs.ticks.map((t) => X(t)).filter((x) => x > px0 + 0.5));
  const zeroX = Math.round(X(Math.max(vs.s.domain()[0]!, 0)));
  const ns = spec.series.length;
  const bh = band / ns;
  const vlFont = p.font(p.smallPx);
  const axisMax = Math.max(...vs.ticks.map(Math.abs));
  const labelsOn = spec.valueLabels && !ins && p.measure('0', vlFont).a + 2 <= bh;
  const later: Array<() => void> = [];
  spec.series.forEach((s, k) => {
    ctx.fillStyle = spec.colors[k % spec.colors.length]!;
    s.values.forEach((v, i) => {
      const y = Math.round(bs(i)! + bh * k);
      const y1b = Math.round(bs(i)! + bh * (k + 1)) - (ns > 1 && bh > 6 ? 1 : 0);
      const x = Math.round(X(v));
      ctx.fillRect(Math.min(x, zeroX), y, Math.max(1, Math.abs(x - zeroX)), Math.max(1, y1b - y));
      if (labelsOn) {
        const str = formatValue(v, spec.valueFormat, axisMax);
        const m = p.measure(str, vlFont);
        later.push(() => {
          p.text(str, v >= 0 ? x + 3 : x - 3, Math.round((y + y1b) / 2 + m.a / 2), { font: vlFont, align: v >= 0 ? 'left' : 'right', group: `value-${k}-${i}` });
        });
      }
    });
  });
  if (spec.theme !== 'gray') {
    ctx.fillStyle = AXIS;
    if (spec.theme === 'box') {
      ctx.strokeStyle = AXIS;
      ctx.lineWidth = 1;
      ctx.strokeRect(px0 + 0.5, py0 + 0.5, px1 - px0 - 1, py1 - py0 - 1);
    } else {
      ctx.fillRect(zeroX, py0, 1, py1 - py0);
      if (spec.theme === 'classic') ctx.fillRect(px0, py1 - 1, px1 - px0, 1);
    }
  }
  const xPos = vs.ticks.map((t) => X(t));
  if (spec.theme !== 'minimal') tickMarks(p, spec, xPos, py1, false, tickLen);
  vs.ticks.forEach((t) => p.text(fmtV(t), X(t), Math.round(py1 + tickLen + gap + dh), { font: tickFont, align: 'center', group: 'x-ticks', gap: 3 }));
  cats.forEach((c, i) => p.text(c, px0 - tickLen - gap, Math.round(bs(i)! + band / 2 + dh / 2), { font: catFont, align: 'right', group: 'y-ticks' }));
  for (const f of later) f();
  if (ins) {
    const m = Math.round(p.fs * 0.8);
    drawLegend(p, spec, ins, Math.round(px1 - ins.w - m), Math.round(py1 - ins.h - m), true);
  }
}

// ---------------------------------------------------------------------------------------------------- pie

function drawPie(p: Painter, spec: ChartSpec): void {
  const ctx = p.ctx;
  const fr = frame(p, spec, legendItems(spec), false);
  const W = fr.x1 - fr.x0;
  const H = fr.y1 - fr.y0;
  if (W < p.fs * 3 || H < p.fs * 3) return;
  const values = spec.series[0]?.values ?? [];
  const total = values.reduce((a, v) => a + Math.max(0, v), 0) || 1;
  const font = p.font(p.tickPx);
  const outside = spec.pieOutsideLabels;
  const texts = spec.categories.map((c, i) => `${c} ${formatValue((100 * Math.max(0, values[i] ?? 0)) / total, { ...spec.valueFormat, prefix: '', suffix: '%', si: false })}`);
  let labW = 0;
  if (outside) for (const t of texts) labW = Math.max(labW, p.measure(t, font).w);
  const minR = Math.min(W, H) * 0.22;
  let R = Math.min(W / 2, H / 2) - 2;
  if (outside) R = Math.max(minR, Math.min(W / 2 - labW - p.fs * 1.6, H / 2 - p.fs * 1.2));
  R = Math.floor(R);
  if (R < 4) return;
  const cx = Math.round(fr.x0 + W / 2);
  const cy = Math.round(fr.y0 + H / 2);
  const inner = Math.round(R * spec.donutHole);
  const arcs = d3pie<number>().sort(null).value((v) => Math.max(0, v))(values);
  const gen = d3arc<{ startAngle: number; endAngle: number }>().innerRadius(inner).outerRadius(R).context(ctx as never);
  ctx.save();
  ctx.translate(cx, cy);
  arcs.forEach((a, i) => {
    ctx.beginPath();
    gen(a);
    ctx.fillStyle = spec.colors[i % spec.colors.length]!;
    ctx.fill();
  });
  if (arcs.length > 1) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = Math.max(1, p.fs / 8);
    for (const a of arcs) {
      ctx.beginPath();
      ctx.moveTo(inner * Math.sin(a.startAngle), -inner * Math.cos(a.startAngle));
      ctx.lineTo(R * Math.sin(a.startAngle), -R * Math.cos(a.startAngle));
      ctx.stroke();
    }
  }
  ctx.restore();
  const dh = p.digitHeight(font);
  if (spec.valueLabels && !outside) {
    const vf = p.font(p.smallPx);
    const rl = inner > 0 ? (inner + R) / 2 : R * 0.64;
    arcs.forEach((a, i) => {
      const str = formatValue((100 * Math.max(0, values[i] ?? 0)) / total, spec.valueFormat);
      const mid = (a.startAngle + a.endAngle) / 2;
      const x = cx + rl * Math.sin(mid);
      const y = cy - rl * Math.cos(mid);
      const m = p.measure(str, vf);
      // fits the wedge: the chord at the label radius and the ring thickness hold the text
      const chord = 2 * rl * Math.sin(Math.min(Math.PI / 2, (a.endAngle - a.startAngle) / 2));
      if (chord < Math.hypot(m.w, m.a) + 4 || (inner > 0 && R - inner < m.a + 4)) return;
      const col = spec.colors[i % spec.colors.length]!;
      p.text(str, x, Math.round(y + m.a / 2), { font: vf, align: 'center', group: `slice-${i}`, color: luminance(col) < 0.55 ? '#ffffff' : INK, gap: 0 });
    });
  }
  if (outside) {
    arcs.forEach((a, i) => {
      const mid = (a.startAngle + a.endAngle) / 2;
      const sx = Math.sin(mid);
      const cyv = -Math.cos(mid);
      const right = sx >= 0;
      const ex = cx + (R + p.fs * 0.5) * sx;
      const ey = cy + (R + p.fs * 0.5) * cyv;
      for (const shift of [0, 1, -1, 2, -2]) {
        const ly = Math.round(ey + shift * p.tickPx * 1.2 + dh / 2);
        const lx = right ? ex + p.fs * 0.7 : ex - p.fs * 0.7;
        const b = p.text(texts[i]!, lx, ly, { font, align: right ? 'left' : 'right', group: `slice-${i}` });
        if (b) {
          ctx.strokeStyle = '#6e6e6e';
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(cx + R * 0.98 * sx, cy + R * 0.98 * cyv);
          ctx.lineTo(ex, ly - dh / 2);
          ctx.lineTo(right ? lx - 2 : lx + 2, ly - dh / 2);
          ctx.stroke();
          break;
        }
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------- heatmap

function drawHeatmap(p: Painter, spec: ChartSpec): void {
  const ctx = p.ctx;
  const fr = frame(p, spec, [], true);
  const font = p.font(p.tickPx);
  const dh = p.digitHeight(font);
  const gap = Math.max(2, Math.round(p.fs * 0.3));
  const tickLen = Math.max(2, Math.round(p.fs * 0.3));
  const W0 = fr.x1 - fr.x0;
  const H0 = fr.y1 - fr.y0;
  if (W0 < p.fs * 6 || H0 < p.fs * 4) return;
  const [dlo, dhi] = spec.heatDomain;
  // colour bar on the right
  const cb = scaleLinear().domain([dlo, dhi]);
  const cbTicks = cb.ticks(Math.max(2, Math.min(6, Math.floor(H0 / (p.tickPx * 3)))));
  const cbFmt = tickFormatter(cbTicks, spec.valueFormat);
  let cbLabW = 0;
  for (const t of cbTicks) cbLabW = Math.max(cbLabW, p.measure(cbFmt(t), font).w);
  const barW = Math.max(6, Math.round(p.fs * 0.9));
  const cbX1 = Math.round(fr.x1 - cbLabW - tickLen - gap);
  const cbX0 = cbX1 - barW;
  const rows = spec.rowLabels.map((r) => p.fit(r, font, W0 * 0.3));
  let rowW = 0;
  for (const r of rows) rowW = Math.max(rowW, p.measure(r, font).w);
  const px0 = Math.round(fr.x0 + rowW + gap + tickLen);
  const px1 = Math.round(cbX0 - p.fs * 1.2);
  if (px1 - px0 < p.fs * 3) return;
  const xAx = fitCategories(p, spec.categories, px1 - px0, /^\d+$/.test(spec.categories[0] ?? '') || spec.categories.length > 12, H0 * 0.3);
  const py0 = Math.round(fr.y0 + dh / 2 + 2);
  const py1 = Math.round(fr.y1 - xAx.height - tickLen - gap);
  if (py1 - py0 < p.fs * 2) return;
  const nr = rows.length;
  const nc = spec.categories.length;
  const cw = (px1 - px0) / Math.max(1, nc);
  const ch = (py1 - py0) / Math.max(1, nr);
  const gapPx = cw > 14 && ch > 14 && spec.heatScale !== 'greys' ? 1 : 0;
  const span = dhi - dlo || 1;
  const vf = p.font(p.smallPx);
  const later: Array<() => void> = [];
  spec.series.forEach((s, i) => {
    const y = Math.round(py0 + ch * i);
    const y1 = Math.round(py0 + ch * (i + 1));
    s.values.forEach((v, j) => {
      const x = Math.round(px0 + cw * j);
      const x1 = Math.round(px0 + cw * (j + 1));
      const col = scaleColor(spec.heatStops, (v - dlo) / span);
      ctx.fillStyle = col;
      ctx.fillRect(x, y, x1 - x - gapPx, y1 - y - gapPx);
      if (spec.valueLabels) {
        const str = formatValue(v, spec.valueFormat, Math.max(Math.abs(dlo), Math.abs(dhi)));
        const m = p.measure(str, vf);
        if (m.w + 4 <= x1 - x && m.a + m.d + 4 <= y1 - y) later.push(() => void p.text(str, (x + x1 - gapPx) / 2, Math.round((y + y1 - gapPx) / 2 + m.a / 2), { font: vf, align: 'center', group: `cell-${i}-${j}`, color: luminance(col) < 0.5 ? '#ffffff' : INK, gap: 0 }));
      }
    });
  });
  for (const f of later) f();
  // row and column labels
  rows.forEach((r, i) => p.text(r, px0 - tickLen - gap, Math.round(py0 + ch * (i + 0.5) + dh / 2), { font, align: 'right', group: 'y-ticks' }));
  ctx.fillStyle = AXIS;
  drawCatLabels(p, xAx, spec.categories.map((_, j) => px0 + cw * (j + 0.5)), py1 + tickLen + gap - gapPx, 'x-ticks');
  // colour bar: a gradient, framed, with ticks on its right
  const grad = ctx.createLinearGradient(0, py1, 0, py0);
  spec.heatStops.forEach((c, k) => grad.addColorStop(k / Math.max(1, spec.heatStops.length - 1), c));
  ctx.fillStyle = grad;
  ctx.fillRect(cbX0, py0, barW, py1 - py0);
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  ctx.strokeRect(cbX0 + 0.5, py0 + 0.5, barW - 1, py1 - py0 - 1);
  const cy = (t: number) => py1 - ((t - dlo) / span) * (py1 - py0);
  ctx.fillStyle = AXIS;
  for (const t of cbTicks) ctx.fillRect(cbX1, Math.round(cy(t)), tickLen, 1);
  cbTicks.forEach((t) => p.text(cbFmt(t), cbX1 + tickLen + gap, Math.round(cy(t) + dh / 2), { font, align: 'left', group: 'colorbar' }));
}

// ---------------------------------------------------------------------------------------------------- entry

/**
 * Draws `spec` inside `rect` (everything is clipped to it) with text in `fontFamily` at `fontPx`, and returns
 * rectangles around the text it drew: the title, each axis title, each group of tick labels, the legend, the
 * colour-bar labels, and each value label. Every rectangle lies inside `rect` and holds ink. Text that would
 * collide with other text or leave the rectangle is skipped.
 * @example const { textRects } = drawChart(ctx, { x0: 20, y0: 20, x1: 620, y1: 420 }, spec, 'Liberation Sans', 12);
 */
export function drawChart(ctx: SKRSContext2D, rect: XYXY, spec: ChartSpec, fontFamily: string, fontPx: number): { textRects: XYXY[] } {
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  if (!(w > 0 && h > 0)) return { textRects: [] };
  const p = new Painter(ctx, rect, fontFamily, Math.max(4, fontPx));
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x0, rect.y0, w, h);
  ctx.clip();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  try {
    if (spec.kind === 'pie' || spec.kind === 'donut') drawPie(p, spec);
    else if (spec.kind === 'heatmap') drawHeatmap(p, spec);
    else drawCartesian(p, spec);
  } finally {
    ctx.restore();
  }
  return { textRects: p.textRects() };
}
