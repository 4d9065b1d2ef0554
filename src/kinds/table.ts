/**
 * Table with its caption (above, mostly), kept together as a float: shrinks by rows to fit a column, waits for the
 * next column, or spans the page on multi-column pages. Content comes from content/tables: merged cells, two-level
 * headers, zebra and tinted rows, six rule styles, totals, numbers aligned on the decimal point, wrapped cells.
 * Each cell with text is a `table_cell` sub-region with its row, column and spans, boxed on its glyphs' ink (text
 * metrics: a cell's fill would hide its text from a pixel scan).
 */
import { TABLE_BORDERS, TABLE_THEMES, drawTable, layoutTable, mirrorTable, sampleTable, truncateRows, type TableGenre, type TableLayout, type TableParams } from '../content/tables/index.js';
import { glyphBounds } from '../render/glyph-bounds.js';
import { TYPO, bool, num, str } from '../layout/index.js';
import { TABLE_CELL, type XYXY } from '../types.js';
import { caption } from './parts.js';
import type { KindModule, SubRegion } from './types.js';

/** Table vocabulary by document genre. */
const TABLE_GENRE: Record<string, TableGenre> = { scientific: 'scientific', report: 'financial', magazine: 'report', newspaper: 'report', invoice: 'invoice', receipt: 'receipt', manual: 'catalog', slide: 'report', form: 'schedule', legal: 'report', book: 'report', resume: 'schedule' };

interface TableData {
  layout: TableLayout;
  /** Left offset of the table in its block (a table narrower than its block is centred). */
  dx: number;
  cellBoxes?: Array<{ box: XYXY; row: number; col: number; rowSpan: number; colSpan: number; header: boolean }>;
}

export const table: KindModule = {
  name: 'table',
  description: 'Table with a caption: spans, two-level headers, zebra rows, 6 rule styles, totals, decimal alignment; cells are sub-regions.',
  placement: 'body',
  defaults: {
    span: { dist: 'categorical', values: ['column', 'full'], probs: [0.7, 0.3] },
    rows: { dist: 'poisson', params: { lambda: 7 }, min: 2, max: 20 },
    cols: { dist: 'categorical', values: [2, 3, 4, 5, 6, 7, 8], probs: [0.1, 0.25, 0.25, 0.18, 0.12, 0.06, 0.04] },
    borders: { dist: 'categorical', values: [...TABLE_BORDERS], probs: [0.2, 0.25, 0.25, 0.1, 0.1, 0.1] },
    header_rows: { dist: 'categorical', values: [0, 1, 2], probs: [0.05, 0.75, 0.2] },
    zebra: { dist: 'bernoulli', params: { p: 0.2 } },
    theme: { dist: 'categorical', values: [...TABLE_THEMES], probs: [0.5, 0.2, 0.1, 0.07, 0.07, 0.06] },
    totals: { dist: 'bernoulli', params: { p: 0.25 } },
    span_prob: { dist: 'uniform', params: { min: 0, max: 0.3 }, round: 2 },
    wrap: { dist: 'bernoulli', params: { p: 0.4 } },
    numeric_ratio: { dist: 'beta', params: { a: 4, b: 3 }, round: 2 },
    caption: { dist: 'categorical', values: ['above', 'below', 'none'], probs: [0.6, 0.2, 0.2] },
    caption_lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.6, 0.3, 0.1] },
  },
  parts: {
    caption,
    table: {
      category: 'Table',
      fill(b, kit) {
        const p = kit.spec.elements[b.element]?.params ?? {};
        const w = b.rect.x1 - b.rect.x0 - 2;
        const h = b.rect.y1 - b.rect.y0 - 2;
        const params: TableParams = {
          rows: Math.max(2, Number(b.part.rows ?? 5)),
          cols: Math.max(2, Math.min(10, Number(p.cols ?? 4))),
          genre: TABLE_GENRE[kit.genre] ?? 'report',
          width_em: w / b.style.sizePx,
        };
        const copy = <K extends keyof TableParams>(k: K, v: unknown, ok: (x: unknown) => boolean) => {
          if (v !== undefined && ok(v)) params[k] = v as TableParams[K];
        };
        copy('borders', p.borders, (x) => TABLE_BORDERS.includes(x as never));
        copy('theme', p.theme, (x) => TABLE_THEMES.includes(x as never));
        copy('header_rows', p.header_rows, (x) => typeof x === 'number');
        copy('zebra', p.zebra, (x) => typeof x === 'boolean');
        copy('totals', p.totals, (x) => typeof x === 'boolean');
        copy('wrap', p.wrap, (x) => typeof x === 'boolean');
        copy('span_prob', p.span_prob, (x) => typeof x === 'number');
        copy('numeric_ratio', p.numeric_ratio, (x) => typeof x === 'number');
        let spec = sampleTable(kit.rng, kit.f, params);
        // Other languages: headers and words from the language's corpus, numbers in its digits and separators.
        if (kit.lang.tag !== 'en') spec = { ...spec, cells: spec.cells.map((c) => ({ ...c, text: kit.source.localize(c.text) })) };
        const opts = { width: w, fonts: { body: kit.font, header: kit.boldFont }, sizePx: b.style.sizePx, lineHeightPx: b.style.lineHeightPx, measure: (font: string, text: string) => kit.cache.width(font, text) };
        let layout = layoutTable(spec, opts);
        // Fewer body rows until the table fits its block (layout reserved rows × row height; wrapped cells take more).
        for (let rows = spec.nRows - 1; layout.height > h && rows >= 1; rows--) {
          spec = truncateRows(spec, rows);
          layout = layoutTable(spec, opts);
        }
        // Right-to-left pages: the first column is the rightmost.
        if (kit.lang.dir === 'rtl') layout = mirrorTable(layout);
        const data: TableData = { layout, dx: 1 + Math.max(0, (w - layout.width) / 2) };
        return { type: 'custom', data: data as unknown as Record<string, unknown> };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as unknown as TableData;
        const x = b.rect.x0 + d.dx;
        const y = b.rect.y0 + 1;
        drawTable(ctx, x, y, d.layout);
        // Each cell's text box, from the glyphs' own bounds.
        const ox = Math.round(x);
        const oy = Math.round(y);
        d.cellBoxes = [];
        for (const cell of d.layout.cells) {
          if (!cell.lines.length) continue;
          ctx.font = cell.font;
          let box: XYXY | null = null;
          for (const l of cell.lines) {
            const m = glyphBounds(ctx, l.text, ctx.font, d.layout.rtl === true, { x: ox + l.x, y: oy + l.baseline });
            const r = { x0: Math.floor(ox + l.x - m.left), y0: Math.floor(oy + l.baseline - m.ascent), x1: Math.ceil(ox + l.x + m.right), y1: Math.ceil(oy + l.baseline + m.descent) };
            if (r.x1 <= r.x0 || r.y1 <= r.y0) continue;
            box = box ? { x0: Math.min(box.x0, r.x0), y0: Math.min(box.y0, r.y0), x1: Math.max(box.x1, r.x1), y1: Math.max(box.y1, r.y1) } : r;
          }
          // A cell cut by the block's edge (a table that did not fit) is not labelled.
          if (box && box.x0 >= b.rect.x0 && box.y0 >= b.rect.y0 && box.x1 <= b.rect.x1 && box.y1 <= b.rect.y1) d.cellBoxes.push({ box, row: cell.row, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan, header: cell.header });
        }
      },
      subRegions(_b, c) {
        if (c.type !== 'custom') return [];
        const d = c.data as unknown as TableData;
        return (d.cellBoxes ?? []).map((cb): SubRegion => ({ kind: TABLE_CELL, rects: [], box: cb.box, attributes: { row: cb.row, col: cb.col, row_span: cb.rowSpan, col_span: cb.colSpan, header: cb.header } }));
      },
    },
  },
  units(u, el, i, fullWidth) {
    const p = el.params;
    const style = u.g.style(TYPO.tableRow.scale, { spacing: TYPO.tableRow.spacing });
    const rowsFull = Math.max(2, Math.round(num(p, 'rows', 5)));
    const rowsAt = (shrink: number) => Math.max(2, Math.floor(rowsFull * shrink));
    // Wrapped cells and two-level headers make rows taller: reserve for them.
    const extra = (bool(p, 'wrap', false) ? TYPO.tableRow.wrap : TYPO.tableRow.reserve) + (num(p, 'header_rows', 1) > 1 ? 1 : 0) / rowsFull;
    return [
      u.floatUnit(el, i, fullWidth, {
        kind: 'table',
        style,
        measure: (width, shrink) => ({ w: width, h: Math.round(rowsAt(shrink) * style.lineHeightPx * (1 + extra) + 4) }),
        part: (shrink) => ({ rows: rowsAt(shrink), borders: str(p, 'borders', 'horizontal') }),
      }, 'table'),
    ];
  },
};
