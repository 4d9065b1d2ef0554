/**
 * Table layout: column widths from the cells' natural and narrowest widths, text wrapped at spaces (never cut),
 * numbers aligned on their decimal mark, row heights from the wrapped lines, then rules and fills.
 */
import type { XYXY } from '../../types.js';
import { dropColumn } from './edit.js';
import type { CellRole, CellSpec, TableSpec } from './spec.js';

/** CSS font strings for body and header cells, e.g. `'14.58px "Liberation Sans"'`, `'bold 14.58px "Liberation Sans"'`. */
export interface TableFonts {
  body: string;
  header: string;
}

export interface LayoutOptions {
  /** Width available, px; the table is at most this wide. */
  width: number;
  fonts: TableFonts;
  /** Body font size, px (padding and rules scale with it). */
  sizePx: number;
  /** Distance between baselines of wrapped lines, px. */
  lineHeightPx: number;
  /** Advance width of `text` in `font`, px. */
  measure: (font: string, text: string) => number;
}

/** One line of a cell's text, in table coordinates (relative to the table's top-left). */
export interface TextLineBox {
  text: string;
  x: number;
  baseline: number;
  /** Advance width as measured. */
  width: number;
}

/** A laid-out cell: the grid slot it spans and its area (relative to the table's top-left, x1/y1 exclusive). */
export interface CellBox {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  header: boolean;
  role: CellRole;
  rect: XYXY;
  text: string;
  font: string;
  colour: string;
  lines: TextLineBox[];
}

/** A filled rectangle: a rule or a cell background. */
export interface PaintRect {
  rect: XYXY;
  colour: string;
}

export interface TableLayout {
  width: number;
  height: number;
  /** Grid lines: column edges (nCols + 1) and row edges (nRows + 1). */
  colX: number[];
  rowY: number[];
  cells: CellBox[];
  rules: PaintRect[];
  fills: PaintRect[];
  /** Spec columns left out because even the narrowest layout was too wide (indices into the spec's columns). */
  droppedColumns: number[];
  /** Right to left (see `mirrorTable`): cell text is drawn with the canvas direction 'rtl'. */
  rtl?: boolean;
}

/**
 * A laid-out table for a right-to-left language: columns run from the right (the first column is the rightmost),
 * every cell, rule and fill flips about the table's centre line, and each text line keeps its width at the mirrored
 * place (text that started at a cell's left now ends at its right).
 * @example mirrorTable(layoutTable(spec, opts)).colX[0] === layout.width - layout.colX[layout.colX.length - 1]
 */
export function mirrorTable(t: TableLayout): TableLayout {
  const W = t.width;
  const flip = (r: XYXY): XYXY => ({ x0: W - r.x1, y0: r.y0, x1: W - r.x0, y1: r.y1 });
  return {
    ...t,
    colX: t.colX.map((x) => W - x).reverse(),
    cells: t.cells.map((c) => ({ ...c, rect: flip(c.rect), lines: c.lines.map((l) => ({ ...l, x: W - l.x - l.width })) })),
    rules: t.rules.map((r) => ({ ...r, rect: flip(r.rect) })),
    fills: t.fills.map((f) => ({ ...f, rect: flip(f.rect) })),
    rtl: true,
  };
}

/**
 * `base` with bold and/or italic added (CSS font shorthand: style before weight).
 * @example styledFont('14px "Liberation Sans"', true, true) // 'italic bold 14px "Liberation Sans"'
 */
export function styledFont(base: string, bold: boolean, italic: boolean): string {
  if (!bold && !italic) return base;
  const m = /^(.*?)(\d[\d.]*px.*)$/.exec(base);
  if (!m) return base;
  const tokens = m[1]!.trim().split(/\s+/).filter(Boolean);
  if (bold && !tokens.some((t) => t === 'bold' || t === 'bolder' || /^[6-9]00$/.test(t))) tokens.push('bold');
  if (italic && !tokens.includes('italic') && !tokens.includes('oblique')) tokens.unshift('italic');
  return [...tokens, m[2]!].join(' ');
}

/**
 * Index of the decimal mark in `text`, or of the end of its last digit when it has none (-1: no digits). Numbers
 * are aligned so that this index falls at the same x in every cell of a column.
 * @example decimalIndex('$1,234.50', '.') // 6; decimalIndex('(12)', '.') // 3
 */
export function decimalIndex(text: string, mark: '.' | ','): number {
  for (let i = 1; i < text.length - 1; i++) {
    if (text[i] === mark && /\d/.test(text[i - 1]!) && /\d/.test(text[i + 1]!)) return i;
  }
  for (let i = text.length - 1; i >= 0; i--) if (/\d/.test(text[i]!)) return i + 1;
  return -1;
}

interface Prepared {
  font: string;
  words: string[];
  wordW: number[];
  nat: number;
  longest: number;
  /** Decimal-aligned: width left of the mark, and from it to the end. */
  dec: [number, number] | null;
  wrappable: boolean;
}

type Mode = 'capped' | 'words' | 'tight' | 'break';

type MeasureFn = (font: string, text: string) => number;
/** Widths already measured, per measure function (a pure cache: a native measureText call costs ~20 µs). */
const caches = new WeakMap<MeasureFn, Map<string, number>>();
const MAX_CACHED = 200_000;

class Measurer {
  private readonly cache: Map<string, number>;
  constructor(private readonly measure: MeasureFn) {
    let c = caches.get(measure);
    if (!c) {
      c = new Map();
      caches.set(measure, c);
    }
    if (c.size > MAX_CACHED) c.clear();
    this.cache = c;
  }
  w(font: string, text: string): number {
    if (text === '') return 0;
    const key = `${font}\u0000${text}`;
    let v = this.cache.get(key);
    if (v === undefined) {
      v = this.measure(font, text);
      this.cache.set(key, v);
    }
    return v;
  }
}

function cellFont(c: CellSpec, fonts: TableFonts): string {
  return styledFont(c.role === 'header' ? fonts.header : fonts.body, c.bold, c.italic);
}

function prepare(spec: TableSpec, fonts: TableFonts, m: Measurer): Prepared[] {
  return spec.cells.map((c) => {
    const font = cellFont(c, fonts);
    const words = c.text.split(' ').filter((w) => w.length > 0);
    const wordW = words.map((w) => m.w(font, w));
    const nat = m.w(font, c.text);
    const col = spec.columns[c.col];
    const numberCell = c.colSpan === 1 && col !== undefined && col.kind === 'number' && (c.role === 'body' || c.role === 'total');
    let dec: [number, number] | null = null;
    if (c.align === 'decimal' && c.colSpan === 1 && c.text !== '') {
      const i = decimalIndex(c.text, col?.decimalMark ?? '.');
      const left = i < 0 ? nat : m.w(font, c.text.slice(0, i));
      dec = [left, nat - left];
    }
    return { font, words, wordW, nat, longest: Math.max(0, ...wordW), dec, wrappable: dec === null && !numberCell && words.length > 0 };
  });
}

/** Ranks columns for dropping: lowest priority first, then rightmost. */
function dropCandidate(spec: TableSpec): number {
  let best = -1;
  spec.columns.forEach((col, i) => {
    // Never the leftmost column (the stub, or the description of an invoice).
    if (i === 0) return;
    if (best < 0 || col.priority <= spec.columns[best]!.priority) best = i;
  });
  return best;
}

function wrapWords(p: Prepared, maxW: number, space: number, breakWords: boolean, m: Measurer): string[] {
  const out: string[] = [];
  let line: string[] = [];
  let w = 0;
  const pushWord = (word: string, ww: number) => {
    if (line.length > 0 && w + space + ww > maxW + 0.01) {
      out.push(line.join(' '));
      line = [];
      w = 0;
    }
    w += (line.length > 0 ? space : 0) + ww;
    line.push(word);
  };
  p.words.forEach((word, i) => {
    const ww = p.wordW[i]!;
    if (breakWords && ww > maxW) {
      // Last resort for a word wider than its column: hyphenated pieces (no glyph is dropped).
      let rest = word;
      while (rest.length > 0) {
        let k = rest.length;
        while (k > 1 && m.w(p.font, `${rest.slice(0, k)}${k < rest.length ? '-' : ''}`) > maxW) k--;
        const piece = `${rest.slice(0, k)}${k < rest.length ? '-' : ''}`;
        pushWord(piece, m.w(p.font, piece));
        if (k < rest.length) {
          out.push(line.join(' '));
          line = [];
          w = 0;
        }
        rest = rest.slice(k);
      }
    } else pushWord(word, ww);
  });
  if (line.length > 0) out.push(line.join(' '));
  return out;
}

/** Lays out `spec` or returns null when its narrowest layout in this mode is wider than `width`. */
function attempt(spec: TableSpec, o: LayoutOptions, m: Measurer, mode: Mode): Omit<TableLayout, 'droppedColumns'> | null {
  const W = Math.floor(o.width);
  const { nCols, nRows } = spec;
  const s = o.sizePx;
  const padX = Math.max(2, Math.round(spec.style.padX * s * (mode === 'tight' || mode === 'break' ? 0.55 : 1)));
  const padY = Math.max(1, Math.round(spec.style.padY * s));
  const lh = o.lineHeightPx;
  const prep = prepare(spec, o.fonts, m);

  // Decimal blocks per column.
  const decL = new Array<number>(nCols).fill(0);
  const decR = new Array<number>(nCols).fill(0);
  spec.cells.forEach((c, i) => {
    const d = prep[i]!.dec;
    if (!d) return;
    decL[c.col] = Math.max(decL[c.col]!, d[0]);
    decR[c.col] = Math.max(decR[c.col]!, d[1]);
  });

  // Narrowest and natural width of each cell's content.
  const cellMin = (c: CellSpec, p: Prepared): number => {
    if (p.dec) return decL[c.col]! + decR[c.col]!;
    if (!p.wrappable) return p.nat;
    const colWrap = spec.columns[c.col]?.wrap === true || c.role === 'header' || c.role === 'section';
    switch (mode) {
      case 'capped':
        return colWrap ? Math.max(p.longest, p.nat / (c.role === 'header' ? 2 : 3)) : p.nat;
      case 'words':
      case 'tight':
        return p.longest;
      case 'break':
        return Math.min(p.longest, s * 2.5);
    }
  };
  const minW = new Array<number>(nCols).fill(2 * padX);
  const natW = new Array<number>(nCols).fill(2 * padX);
  const spanning: number[] = [];
  spec.cells.forEach((c, i) => {
    const p = prep[i]!;
    if (c.colSpan > 1) {
      spanning.push(i);
      return;
    }
    minW[c.col] = Math.max(minW[c.col]!, cellMin(c, p) + 2 * padX);
    natW[c.col] = Math.max(natW[c.col]!, (p.dec ? decL[c.col]! + decR[c.col]! : p.nat) + 2 * padX);
  });
  spanning.sort((a, b) => spec.cells[a]!.colSpan - spec.cells[b]!.colSpan);
  for (const i of spanning) {
    const c = spec.cells[i]!;
    const p = prep[i]!;
    for (const [arr, need] of [
      [minW, cellMin(c, p) + 2 * padX],
      [natW, p.nat + 2 * padX],
    ] as const) {
      let have = 0;
      for (let k = c.col; k < c.col + c.colSpan; k++) have += arr[k]!;
      if (have < need) for (let k = c.col; k < c.col + c.colSpan; k++) arr[k]! += (need - have) / c.colSpan;
    }
  }
  for (let k = 0; k < nCols; k++) natW[k] = Math.max(natW[k]!, minW[k]!);
  const sumMin = minW.reduce((a, x) => a + x, 0);
  if (sumMin > W) return null;

  // Column widths.
  const sumNat = natW.reduce((a, x) => a + x, 0);
  let widths: number[];
  if (sumNat <= W) {
    const extra = Math.max(0, Math.min(1, spec.style.stretch)) * (W - sumNat);
    const grow = spec.columns.map((c) => Math.max(0, c.grow));
    const g = grow.reduce((a, x) => a + x, 0);
    widths = natW.map((n, k) => n + (g > 0 ? (extra * grow[k]!) / g : extra / nCols));
  } else {
    const slack = natW.map((n, k) => n - minW[k]!);
    const total = slack.reduce((a, x) => a + x, 0);
    const cut = sumNat - W;
    widths = natW.map((n, k) => n - (total > 0 ? (slack[k]! * cut) / total : 0));
  }
  const colX = [0];
  let acc = 0;
  for (const w of widths) {
    acc += w;
    colX.push(Math.min(W, Math.round(acc)));
  }

  // Lines of each cell.
  const space = new Map<string, number>();
  const lines: string[][] = spec.cells.map((c, i) => {
    const p = prep[i]!;
    if (!p.wrappable) return c.text === '' ? [] : [c.text];
    let sp = space.get(p.font);
    if (sp === undefined) {
      sp = m.w(p.font, ' ');
      space.set(p.font, sp);
    }
    const cw = colX[c.col + c.colSpan]! - colX[c.col]! - 2 * padX;
    return wrapWords(p, cw, sp, mode === 'break', m);
  });

  // Row heights.
  const rowH = new Array<number>(nRows).fill(lh + 2 * padY);
  const tall: number[] = [];
  spec.cells.forEach((c, i) => {
    const need = Math.max(1, lines[i]!.length) * lh + 2 * padY;
    if (c.rowSpan === 1) rowH[c.row] = Math.max(rowH[c.row]!, need);
    else tall.push(i);
  });
  tall.sort((a, b) => spec.cells[a]!.rowSpan - spec.cells[b]!.rowSpan);
  for (const i of tall) {
    const c = spec.cells[i]!;
    const need = Math.max(1, lines[i]!.length) * lh + 2 * padY;
    let have = 0;
    for (let r = c.row; r < c.row + c.rowSpan; r++) have += rowH[r]!;
    if (have < need) for (let r = c.row; r < c.row + c.rowSpan; r++) rowH[r]! += (need - have) / c.rowSpan;
  }
  const thin = Math.max(1, Math.round((spec.style.ruleWidth * s) / 16));
  const thick = Math.max(thin + 1, Math.round((spec.style.thickRuleWidth * s) / 16));
  const lastTotal = spec.rowKinds.lastIndexOf('total');
  if (spec.style.doubleTotalRule && lastTotal === nRows - 1) rowH[nRows - 1]! += 3 * thin;
  if (spec.style.borders === 'booktabs' && nRows > 0) {
    rowH[0]! += thick;
    rowH[nRows - 1]! += thick;
  }
  const rowY = [0];
  for (const h of rowH) rowY.push(rowY[rowY.length - 1]! + Math.ceil(h - 0.01));
  const width = colX[nCols]!;
  const height = rowY[nRows]!;

  // Cells.
  const baselineShift = lh / 2 + 0.34 * s;
  const cells: CellBox[] = spec.cells.map((c, i) => {
    const p = prep[i]!;
    const rect = { x0: colX[c.col]!, y0: rowY[c.row]!, x1: colX[c.col + c.colSpan]!, y1: rowY[c.row + c.rowSpan]! };
    const ls = lines[i]!;
    const blockH = ls.length * lh;
    // Booktabs rows next to the thick rules have extra room on that side: keep the text clear of it.
    const topPad = padY + (spec.style.borders === 'booktabs' && c.row === 0 ? thick : 0);
    const bottomPad = padY + (spec.style.borders === 'booktabs' && c.row + c.rowSpan === nRows ? thick : 0) + (spec.style.doubleTotalRule && c.row + c.rowSpan === nRows && lastTotal === nRows - 1 ? 3 * thin : 0);
    const top = c.valign === 'top' ? rect.y0 + topPad : c.valign === 'bottom' ? rect.y1 - bottomPad - blockH : (rect.y0 + topPad + rect.y1 - bottomPad - blockH) / 2;
    const col = spec.columns[c.col];
    const out: TextLineBox[] = ls.map((text, k) => {
      const w = p.dec ? p.nat : m.w(p.font, text);
      let x: number;
      if (p.dec) {
        const dx = col?.blockAlign === 'center' ? (rect.x0 + rect.x1 - decL[c.col]! - decR[c.col]!) / 2 + decL[c.col]! : rect.x1 - padX - decR[c.col]!;
        x = dx - p.dec[0];
      } else if (c.align === 'right' || c.align === 'decimal') x = rect.x1 - padX - w;
      else if (c.align === 'center') x = (rect.x0 + rect.x1 - w) / 2;
      else x = rect.x0 + padX;
      return { text, x, baseline: top + k * lh + baselineShift, width: w };
    });
    return { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, header: c.role === 'header', role: c.role, rect, text: c.text, font: p.font, colour: c.colour, lines: out };
  });

  // Fills.
  const fills: TableLayout['fills'] = [];
  spec.cells.forEach((c, i) => {
    if (c.fill) fills.push({ rect: cells[i]!.rect, colour: c.fill });
  });

  // Rules.
  const owner: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(-1));
  spec.cells.forEach((c, i) => {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) owner[r]![k] = i;
  });
  const rules: TableLayout['rules'] = [];
  const colour = spec.style.ruleColour;
  const hRule = (y: number, x0: number, x1: number, w: number) => {
    if (x1 > x0) rules.push({ rect: { x0, y0: Math.max(0, Math.min(height - w, y)), x1, y1: Math.max(0, Math.min(height - w, y)) + w }, colour });
  };
  const vRule = (x: number, y0: number, y1: number, w: number) => {
    if (y1 > y0) rules.push({ rect: { x0: Math.max(0, Math.min(width - w, x)), y0, x1: Math.max(0, Math.min(width - w, x)) + w, y1 }, colour });
  };
  const inner = (horizontal: boolean, vertical: boolean) => {
    if (horizontal)
      for (let r = 1; r < nRows; r++) {
        let start = -1;
        for (let k = 0; k <= nCols; k++) {
          const cut = k < nCols && owner[r - 1]![k] !== owner[r]![k];
          if (cut && start < 0) start = k;
          if (!cut && start >= 0) {
            hRule(rowY[r]!, colX[start]!, colX[k]!, thin);
            start = -1;
          }
        }
      }
    if (vertical)
      for (let k = 1; k < nCols; k++) {
        let start = -1;
        for (let r = 0; r <= nRows; r++) {
          const cut = r < nRows && owner[r]![k - 1] !== owner[r]![k];
          if (cut && start < 0) start = r;
          if (!cut && start >= 0) {
            vRule(colX[k]!, rowY[start]!, rowY[r]!, thin);
            start = -1;
          }
        }
      }
  };
  const box = () => {
    hRule(0, 0, width, thin);
    hRule(height - thin, 0, width, thin);
    vRule(0, 0, height, thin);
    vRule(width - thin, 0, height, thin);
  };
  const hr = spec.headerRows;
  const b = spec.style.borders;
  if (b === 'all') {
    box();
    inner(true, true);
  } else if (b === 'horizontal') {
    hRule(0, 0, width, thin);
    hRule(height - thin, 0, width, thin);
    inner(true, false);
  } else if (b === 'booktabs') {
    hRule(0, 0, width, thick);
    if (!spec.style.doubleTotalRule) hRule(height - thick, 0, width, thick);
    if (hr > 0 && hr < nRows) hRule(rowY[hr]!, 0, width, thin);
    if (spec.style.cmidrules && hr === 2) {
      const gap = Math.round(0.3 * s);
      spec.cells.forEach((c) => {
        if (c.role === 'header' && c.row === 0 && c.rowSpan === 1 && c.colSpan > 1) hRule(rowY[1]!, colX[c.col]! + gap, colX[c.col + c.colSpan]! - gap, thin);
      });
    }
  } else if (b === 'outer') {
    box();
    if (hr > 0 && hr < nRows) hRule(rowY[hr]!, 0, width, thin);
  } else if (b === 'header') {
    if (hr > 0 && hr < nRows) hRule(rowY[hr]!, 0, width, thin);
  }
  const firstTotal = spec.rowKinds.indexOf('total');
  if (firstTotal > 0 && b !== 'all' && b !== 'horizontal') hRule(rowY[firstTotal]!, 0, width, thin);
  if (spec.style.doubleTotalRule && lastTotal === nRows - 1) {
    hRule(height - thin, 0, width, thin);
    hRule(height - 3 * thin, 0, width, thin);
  }
  return { width, height, colX, rowY, cells, rules, fills };
}

/**
 * Lays the table out at most `width` px wide; the height follows. Text columns wrap (at spaces) before any
 * column is dropped; padding shrinks next; then the columns of lowest priority are dropped; only a table whose
 * stub and one data column cannot fit breaks long words with a hyphen. Text is never cut with "…".
 * @example
 * const layout = layoutTable(spec, { width: 900, fonts: { body: '15px "Liberation Sans"', header: 'bold 15px "Liberation Sans"' },
 *   sizePx: 15, lineHeightPx: 18, measure: createMeasurer() });
 */
export function layoutTable(spec: TableSpec, opts: LayoutOptions): TableLayout {
  if (!(opts.width > 0)) throw new RangeError(`opts.width must be a positive number, got ${opts.width}`);
  if (!(opts.sizePx > 0)) throw new RangeError(`opts.sizePx must be a positive number, got ${opts.sizePx}`);
  if (!(opts.lineHeightPx > 0)) throw new RangeError(`opts.lineHeightPx must be a positive number, got ${opts.lineHeightPx}`);
  const m = new Measurer(opts.measure);
  let s = spec;
  const dropped: number[] = [];
  const alive = spec.columns.map((_, i) => i);
  for (;;) {
    for (const mode of ['capped', 'words', 'tight'] as const) {
      const l = attempt(s, opts, m, mode);
      if (l) return { ...l, droppedColumns: dropped.sort((a, b) => a - b) };
    }
    const d = s.nCols > 2 ? dropCandidate(s) : -1;
    if (d < 0) break;
    dropped.push(alive[d]!);
    alive.splice(d, 1);
    s = dropColumn(s, d);
  }
  // Even broken words do not fit (a width of a few characters): lay out at the narrowest width and overflow.
  const l = attempt(s, opts, m, 'break') ?? attempt({ ...s, style: { ...s.style, stretch: 0 } }, { ...opts, width: 1e7 }, m, 'break')!;
  return { ...l, droppedColumns: dropped.sort((a, b) => a - b) };
}
