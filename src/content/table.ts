/**
 * Table content: a header row, a label column and numeric cells, fitted to the block's width.
 */
import type { Faker } from '@faker-js/faker';
import type { LayoutBlock } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import type { WordWidthCache } from './text.js';

export type TableBorders = 'all' | 'horizontal' | 'booktabs' | 'none';

export interface TableContent {
  type: 'table';
  font: string;
  headerFont: string;
  /** cells[row][col] as shown (already shortened to fit). */
  cells: string[][];
  /** Left edge of each column and the right edge of the last, relative to the block's left. */
  colX: number[];
  rowHeight: number;
  numeric: boolean[];
  header: boolean;
  borders: TableBorders;
  /** Width of each cell's text, for alignment. */
  cellWidths: number[][];
}

function numberCell(f: Faker, kind: number): string {
  switch (kind) {
    case 0:
      return f.number.float({ min: 0, max: 1, fractionDigits: 3 }).toFixed(3);
    case 1:
      return f.number.int({ min: 0, max: 99999 }).toLocaleString('en-US');
    case 2:
      return `${f.number.float({ min: 0, max: 100, fractionDigits: 1 }).toFixed(1)}%`;
    default:
      return `${f.number.float({ min: -50, max: 500, fractionDigits: 2 }).toFixed(2)}`;
  }
}

/** Cuts `s` (adding an ellipsis) until it fits `width`. */
function fit(s: string, width: number, font: string, cache: WordWidthCache): [string, number] {
  let t = s;
  let w = cache.width(font, t);
  while (w > width && t.length > 1) {
    t = t.length > 2 ? `${t.slice(0, -2)}…` : t.slice(0, -1);
    w = cache.width(font, t);
  }
  return w > width ? ['', 0] : [t, w];
}

export function tableContent(b: LayoutBlock, f: Faker, rng: Rng, cache: WordWidthCache, font: string, headerFont: string): TableContent {
  const width = b.rect.x1 - b.rect.x0;
  const rows = Math.max(2, Number(b.part.rows ?? 4));
  const spec = b.part;
  const cols = Math.max(2, Math.min(10, Number(spec.cols ?? rng.int(2, 6))));
  const header = spec.header_row !== false;
  const numericRatio = Number(spec.numeric_ratio ?? 0.7);
  const numeric = Array.from({ length: cols }, (_, c) => c > 0 && rng.chance(numericRatio));
  const kinds = numeric.map(() => rng.int(0, 3));
  const cells: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) {
      if (r === 0 && header) row.push(c === 0 ? f.word.noun() : f.word.words({ count: { min: 1, max: 2 } }).replace(/^./, (x) => x.toUpperCase()));
      else if (numeric[c]) row.push(numberCell(f, kinds[c]!));
      else row.push(c === 0 ? f.word.words({ count: { min: 1, max: 3 } }) : f.word.adjective());
    }
    cells.push(row);
  }
  // Column widths proportional to their widest cell, within the block.
  const pad = b.style.sizePx * 0.4;
  const natural = Array.from({ length: cols }, (_, c) => Math.max(...cells.map((row, r) => cache.width(r === 0 && header ? headerFont : font, row[c]!))) + 2 * pad);
  const avail = width - 2;
  const total = natural.reduce((a, x) => a + x, 0);
  const numericTotal = natural.reduce((a, x, c) => a + (numeric[c] ? x : 0), 0);
  let widths: number[];
  if (total <= avail) widths = natural.map((w) => w * Math.min(avail / total, 1.6));
  else if (numericTotal < avail * 0.75) {
    // Too wide: squeeze the text columns and keep numbers whole.
    const s = (avail - numericTotal) / (total - numericTotal);
    widths = natural.map((w, c) => (numeric[c] ? w : w * s));
  } else widths = natural.map((w) => (w * avail) / total);
  const used = widths.reduce((a, x) => a + x, 0);
  const colX = [1 + (width - 2 - used) / 2];
  for (const w of widths) colX.push(colX[colX.length - 1]! + w);
  const cellWidths: number[][] = [];
  for (let r = 0; r < rows; r++) {
    cellWidths.push([]);
    for (let c = 0; c < cols; c++) {
      const [t, w] = fit(cells[r]![c]!, widths[c]! - 2 * pad, r === 0 && header ? headerFont : font, cache);
      cells[r]![c] = t;
      cellWidths[r]!.push(w);
    }
  }
  return {
    type: 'table',
    font,
    headerFont,
    cells,
    colX,
    rowHeight: b.style.lineHeightPx,
    numeric,
    header,
    borders: (['all', 'horizontal', 'booktabs', 'none'].includes(String(spec.borders)) ? spec.borders : 'horizontal') as TableBorders,
    cellWidths,
  };
}
