import { createCanvas } from '@napi-rs/canvas';
import { Faker, base, en } from '@faker-js/faker';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  TABLE_BORDERS,
  TABLE_GENRES,
  decimalIndex,
  drawCellText,
  drawTable,
  layoutTable,
  sampleTable,
  truncateRows,
  type LayoutOptions,
  type TableLayout,
  type TableParams,
  type TableSpec,
} from '../src/content/tables/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import { registerFonts } from '../src/render/fonts.js';
import { inkBox, pixelWords } from '../src/render/ink.js';
import { boxesOverlap } from '../src/types.js';

const FAMILIES = ['Liberation Serif', 'Liberation Sans', 'DejaVu Serif'];

function measurer(): (font: string, text: string) => number {
  const ctx = createCanvas(4, 4).getContext('2d');
  ctx.lang = 'en';
  let current = '';
  return (font, text) => {
    if (font !== current) ctx.font = current = font;
    return ctx.measureText(text).width;
  };
}

const faker = new Faker({ locale: [en, base] });
let measure: (font: string, text: string) => number;

interface Case {
  spec: TableSpec;
  layout: TableLayout;
  opts: LayoutOptions;
  width: number;
  size: number;
}

/** A varied table for seed i: any genre, parameters partly given, widths 300..1200 px, fonts 12..20 px. */
function makeCase(i: number, over: TableParams = {}): Case {
  const rng = createRng(deriveSeed(77, i));
  const genre = TABLE_GENRES[i % TABLE_GENRES.length]!;
  const width = rng.int(300, 1200);
  const size = rng.int(12, 20);
  const params: TableParams = { genre, width_em: width / size, ...over };
  if (rng.chance(0.5)) params.borders = rng.pick(TABLE_BORDERS);
  if (rng.chance(0.3)) params.span_prob = 1;
  if (rng.chance(0.3)) params.header_rows = rng.int(0, 2);
  if (rng.chance(0.2)) params.cols = rng.int(2, 10);
  if (rng.chance(0.2)) params.wrap = true;
  const spec = sampleTable(rng.fork('table'), faker, params);
  const fam = rng.pick(FAMILIES);
  const fonts = { body: `${size}px "${fam}"`, header: `${rng.chance(0.7) ? 'bold ' : ''}${size}px "${fam}"` };
  const opts: LayoutOptions = { width, fonts, sizePx: size, lineHeightPx: Math.round(size * rng.uniform(1.1, 1.35)), measure };
  return { spec, layout: layoutTable(spec, opts), opts, width, size };
}

/** The text the lines show, rejoined: lines ending with a hyphen that is not in the text are pieces of one word. */
function drawnText(lines: string[], text: string): string {
  const plain = lines.join(' ');
  if (plain === text.split(' ').filter(Boolean).join(' ')) return plain;
  return lines.reduce((acc, l, k) => (k === 0 ? l : acc.endsWith('-') ? acc.slice(0, -1) + l : `${acc} ${l}`), '');
}

function render(layout: TableLayout, margin = 10): { px: Uint32Array; w: number; h: number } {
  const w = layout.width + 2 * margin;
  const h = layout.height + 2 * margin;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  drawTable(ctx, margin, margin, layout);
  return { px: pixelWords(canvas.data()), w, h };
}

beforeAll(() => {
  registerFonts();
  measure = measurer();
});

describe('tables: sampling', () => {
  it('is deterministic and its spec round-trips through JSON exactly', () => {
    for (let i = 0; i < 40; i++) {
      const a = sampleTable(createRng(i), faker, { genre: TABLE_GENRES[i % TABLE_GENRES.length]! });
      const b = sampleTable(createRng(i), faker, { genre: TABLE_GENRES[i % TABLE_GENRES.length]! });
      expect(b).toEqual(a);
      expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
    }
  });

  it('checks its parameters and names the field', () => {
    expect(() => sampleTable(createRng(1), faker, { borders: 'dotted' as never })).toThrow(/params\.borders/);
    expect(() => sampleTable(createRng(1), faker, { genre: 'poem' as never })).toThrow(/params\.genre/);
  });

  it('honours the structural parameters: header rows, spans, totals, zebra', () => {
    let twoLevel = 0;
    let rowSpans = 0;
    let sections = 0;
    for (let i = 0; i < 60; i++) {
      const genre = (['scientific', 'report', 'financial', 'catalog'] as const)[i % 4];
      const s = sampleTable(createRng(i), faker, { genre, header_rows: 2, cols: 6, rows: 8, span_prob: 1, totals: true, zebra: true, theme: 'blue' });
      if (s.cells.some((c) => c.role === 'header' && c.row === 0 && c.colSpan > 1)) twoLevel++;
      if (s.cells.some((c) => c.role !== 'header' && c.rowSpan > 1)) rowSpans++;
      if (s.rowKinds.includes('section')) sections++;
      const totals = s.cells.filter((c) => c.role === 'total');
      expect(totals.length).toBeGreaterThan(0);
      expect(totals.some((c) => c.bold)).toBe(true);
      expect(s.cells.some((c) => c.role === 'body' && c.fill !== null)).toBe(true);
    }
    expect(twoLevel).toBeGreaterThan(50);
    expect(rowSpans).toBeGreaterThan(5);
    expect(sections).toBeGreaterThan(5);
  });

  it('speaks each genre: scientific metrics with 1-3 decimals, invoices with quantities, prices and a total', () => {
    const sci = sampleTable(createRng(3), faker, { genre: 'scientific', cols: 5, numeric_ratio: 1, header_rows: 1 });
    const nums = sci.cells.filter((c) => c.role === 'body' && sci.columns[c.col]!.kind === 'number');
    expect(nums.length).toBeGreaterThan(0);
    for (const c of nums) expect(c.text).toMatch(/^\d+\.\d{1,3}( ± \d+\.\d{1,3})?$/);
    const inv = sampleTable(createRng(4), faker, { genre: 'invoice', cols: 4, totals: true });
    const text = inv.cells.map((c) => c.text).join('|');
    expect(text).toMatch(/Subtotal/);
    expect(text).toMatch(/Total|Balance due/);
    expect(inv.cells.filter((c) => c.row === 0).map((c) => c.text).join(' ')).toMatch(/Qty|Quantity|Units/);
  });
});

describe('tables: layout', () => {
  it('over 200 seeds: within the width, cells inside the table, tiling the grid exactly once, text inside its cell, never "…"', () => {
    for (let i = 0; i < 200; i++) {
      const { spec, layout, width } = makeCase(i);
      const where = `seed ${i} (${spec.genre}, ${width}px)`;
      expect(layout.width, where).toBeLessThanOrEqual(width);
      const nRows = layout.rowY.length - 1;
      const nCols = layout.colX.length - 1;
      const owner = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(0));
      layout.cells.forEach((c, k) => {
        const r = c.rect;
        expect(r.x0 >= 0 && r.y0 >= 0 && r.x1 <= layout.width && r.y1 <= layout.height && r.x1 > r.x0 && r.y1 > r.y0, where).toBe(true);
        expect(r).toEqual({ x0: layout.colX[c.col], y0: layout.rowY[c.row], x1: layout.colX[c.col + c.colSpan], y1: layout.rowY[c.row + c.rowSpan] });
        for (let y = c.row; y < c.row + c.rowSpan; y++) for (let x = c.col; x < c.col + c.colSpan; x++) owner[y]![x]! += 1;
        let overlaps = 0;
        for (let j = 0; j < k; j++) if (boxesOverlap(r, layout.cells[j]!.rect)) overlaps++;
        expect(overlaps, where).toBe(0);
        expect(c.text.includes('…'), where).toBe(false);
        // Every word of the cell is drawn (wrapped, never cut).
        expect(drawnText(c.lines.map((l) => l.text), c.text), where).toBe(c.text.split(' ').filter(Boolean).join(' '));
        const outside = c.lines.filter((l) => !(l.x >= r.x0 && l.x + l.width <= r.x1 + 0.5 && l.baseline > r.y0 && l.baseline < r.y1));
        expect(outside, `${where}: lines outside ${JSON.stringify(r)}`).toEqual([]);
      });
      expect(owner.flat().every((n) => n === 1), `${where}: grid slots not covered exactly once`).toBe(true);
      for (const p of [...layout.rules, ...layout.fills]) {
        expect(p.rect.x0 >= 0 && p.rect.y0 >= 0 && p.rect.x1 <= layout.width && p.rect.y1 <= layout.height, where).toBe(true);
      }
    }
  });

  it('aligns the decimal marks of a numeric column to within 1 px', () => {
    let columns = 0;
    for (let i = 0; i < 60; i++) {
      const { spec, layout } = makeCase(i, { numeric_ratio: 1 });
      const byCol = new Map<number, number[]>();
      layout.cells.forEach((c, k) => {
        const cs = spec.cells.length === layout.cells.length ? spec.cells[k]! : null;
        if (!cs || cs.align !== 'decimal' || c.colSpan !== 1 || c.lines.length !== 1) return;
        const line = c.lines[0]!;
        const mark = spec.columns[cs.col]!.decimalMark;
        const at = decimalIndex(line.text, mark);
        if (at < 0) return;
        const x = line.x + measure(c.font, line.text.slice(0, at));
        byCol.set(c.col, [...(byCol.get(c.col) ?? []), x]);
      });
      for (const xs of byCol.values()) {
        if (xs.length < 2) continue;
        columns++;
        expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(1);
      }
    }
    expect(columns).toBeGreaterThan(60);
  });

  it('wraps text rather than dropping it when the width is tight, and shrinks to fit a narrow block', () => {
    const spec = sampleTable(createRng(5), faker, { genre: 'invoice', wrap: true, cols: 6, rows: 5 });
    const fonts = { body: '16px "Liberation Sans"', header: 'bold 16px "Liberation Sans"' };
    const wide = layoutTable(spec, { width: 1000, fonts, sizePx: 16, lineHeightPx: 19, measure });
    const narrow = layoutTable(spec, { width: 420, fonts, sizePx: 16, lineHeightPx: 19, measure });
    expect(narrow.width).toBeLessThanOrEqual(420);
    expect(narrow.height).toBeGreaterThan(wide.height);
    expect(Math.max(...narrow.cells.map((c) => c.lines.length))).toBeGreaterThan(1);
  });

  it('drops the least important columns, never the stub, when even wrapped text cannot fit', () => {
    const spec = sampleTable(createRng(8), faker, { genre: 'report', cols: 10, numeric_ratio: 1, width_em: 200 });
    const l = layoutTable(spec, { width: 320, fonts: { body: '16px "DejaVu Serif"', header: 'bold 16px "DejaVu Serif"' }, sizePx: 16, lineHeightPx: 19, measure });
    expect(l.width).toBeLessThanOrEqual(320);
    expect(l.droppedColumns.length).toBeGreaterThan(0);
    expect(l.droppedColumns).not.toContain(0);
    expect(l.colX.length - 1).toBe(spec.nCols - l.droppedColumns.length);
  });

  it('truncateRows keeps the header and the totals and still tiles the grid', () => {
    for (let i = 0; i < 30; i++) {
      const spec = sampleTable(createRng(i), faker, { genre: TABLE_GENRES[i % TABLE_GENRES.length]!, rows: 9, totals: true, span_prob: 1 });
      const t = truncateRows(spec, 3);
      expect(JSON.parse(JSON.stringify(t))).toStrictEqual(t);
      expect(t.rowKinds.filter((k) => k === 'header')).toEqual(spec.rowKinds.filter((k) => k === 'header'));
      expect(t.rowKinds.filter((k) => k === 'total')).toEqual(spec.rowKinds.filter((k) => k === 'total'));
      expect(t.rowKinds.filter((k) => k === 'body' || k === 'section').length).toBeLessThanOrEqual(3);
      const owner = Array.from({ length: t.nRows }, () => new Array<number>(t.nCols).fill(0));
      for (const c of t.cells) for (let y = c.row; y < c.row + c.rowSpan; y++) for (let x = c.col; x < c.col + c.colSpan; x++) owner[y]![x]! += 1;
      for (const row of owner) for (const n of row) expect(n).toBe(1);
      const l = layoutTable(t, { width: 800, fonts: { body: '14px "DejaVu Serif"', header: 'bold 14px "DejaVu Serif"' }, sizePx: 14, lineHeightPx: 17, measure });
      expect(l.height).toBeGreaterThan(0);
    }
  });
});

describe('tables: drawing', () => {
  it('draws the same pixels for the same spec', () => {
    for (let i = 0; i < 6; i++) {
      const a = makeCase(i);
      const again = layoutTable(JSON.parse(JSON.stringify(a.spec)) as TableSpec, a.opts);
      expect(again).toEqual(a.layout);
      const p1 = render(a.layout).px;
      const p2 = render(again).px;
      expect(Buffer.from(p1.buffer, p1.byteOffset, p1.byteLength).equals(Buffer.from(p2.buffer, p2.byteOffset, p2.byteLength))).toBe(true);
    }
  });

  it("keeps each cell's text ink inside its cell, and all of the table's ink inside the table", () => {
    for (let i = 0; i < 14; i++) {
      const { layout, spec } = makeCase(i, { span_prob: 0.8 });
      const where = `seed ${i} (${spec.genre})`;
      // The whole table: ink only inside its box.
      const m = 10;
      const full = render(layout, m);
      const ink = inkBox(full.px, full.w, full.h, { x0: 0, y0: 0, x1: full.w, y1: full.h });
      expect(ink, where).not.toBeNull();
      expect(ink!.x0 >= m && ink!.y0 >= m && ink!.x1 <= m + layout.width && ink!.y1 <= m + layout.height, where).toBe(true);
      // Each cell alone (its text without fills or rules), unclipped, on a canvas with room around the cell.
      for (const c of layout.cells) {
        if (c.lines.length === 0) continue;
        const r = c.rect;
        const pad = 30;
        const w = r.x1 - r.x0 + 2 * pad;
        const h = r.y1 - r.y0 + 2 * pad;
        const canvas = createCanvas(w, h);
        const ctx = canvas.getContext('2d');
        // White text (on a strong header fill) is drawn on black.
        const light = c.colour.toLowerCase() === '#ffffff';
        ctx.fillStyle = light ? '#000000' : '#ffffff';
        ctx.fillRect(0, 0, w, h);
        drawCellText(ctx, pad - r.x0, pad - r.y0, c);
        const box = inkBox(pixelWords(canvas.data()), w, h, { x0: 0, y0: 0, x1: w, y1: h }, light ? 0xff000000 : 0xffffffff);
        if (/\S/.test(c.text)) expect(box, `${where}: "${c.text}"`).not.toBeNull();
        if (!box) continue;
        const inside = box.x0 >= pad && box.y0 >= pad && box.x1 <= w - pad && box.y1 <= h - pad;
        expect(inside, `${where}: "${c.text}" ink ${JSON.stringify(box)} in ${w}x${h} pad ${pad}`).toBe(true);
      }
    }
  });
});
