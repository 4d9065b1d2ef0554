/**
 * PageSpec -> positioned blocks. A pure function of the spec: every random choice was made when the spec was
 * sampled. Elements flow in reading order through the columns; paragraphs split across columns, tables and
 * figures move to the next column with their caption; what does not fit on the page is dropped.
 */
import type { ElementSpec, NodeValue, PageSpec, XYXY } from '../types.js';
import { boxesOverlap } from '../types.js';
import type { Align, BlockKind, LayoutBlock, PageLayout, TextStyle } from './types.js';

/** Page sizes in millimetres (portrait). */
export const PAGE_SIZES_MM: Record<string, [number, number]> = {
  a4: [210, 297],
  letter: [215.9, 279.4],
  a5: [148, 210],
  legal: [215.9, 355.6],
};

export interface LayoutOptions {
  /** Pixels per inch; 150 gives A4 at 1240x1754. */
  dpi: number;
}

/** Smallest empty space kept between two blocks, in pixels, so ink never touches a neighbour's box. */
const MIN_GAP = 4;

type Values = Record<string, NodeValue>;

function num(v: Values, key: string, def: number): number {
  const x = v[key];
  return typeof x === 'number' && Number.isFinite(x) ? x : def;
}
function str(v: Values, key: string, def: string): string {
  const x = v[key];
  return typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : def;
}
function bool(v: Values, key: string, def: boolean): boolean {
  const x = v[key];
  return typeof x === 'boolean' ? x : typeof x === 'number' ? x !== 0 : x === 'true' ? true : x === 'false' ? false : def;
}

/** Page size in pixels for the spec's `page_size` and `orientation`. */
export function pageSizePx(values: Values, dpi: number): { width: number; height: number } {
  const size = PAGE_SIZES_MM[str(values, 'page_size', 'a4')] ?? PAGE_SIZES_MM.a4!;
  const landscape = str(values, 'orientation', 'portrait') === 'landscape';
  const [wmm, hmm] = landscape ? [size[1], size[0]] : size;
  return { width: Math.round((wmm * dpi) / 25.4), height: Math.round((hmm * dpi) / 25.4) };
}

/** A unit of flow: one or more blocks that stay together, measured for a given width. */
interface FlowUnit {
  /** Height of the whole unit at this width. */
  height: number;
  /** Blocks with rects relative to (x, y) of the unit's top-left. */
  place(x: number, y: number, width: number): LayoutBlock[];
  /** A shorter version that fits `maxHeight` (split or shrunk), plus what remains to flow on; or null. */
  fit?(maxHeight: number): { head: FlowUnit; tail: FlowUnit | null } | null;
  /** Extra space wanted above the unit (ignored at the top of a column). */
  spaceBefore: number;
  spaceAfter: number;
  /** A float: when it does not fit what is left of a column, the text after it may go first (as LaTeX floats). */
  deferrable?: boolean;
}

/** Rounds a size in points to the nearest half point. */
function halfPoints(pt: number): number {
  return Math.max(0.5, Math.round(pt * 2) / 2);
}

function rect(x: number, y: number, w: number, h: number): XYXY {
  return { x0: Math.round(x), y0: Math.round(y), x1: Math.round(x + w), y1: Math.round(y + h) };
}

/** Computes the page geometry and text styles shared by every element. */
class PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly pxPerPt: number;
  readonly marginX: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  readonly columns: number;
  readonly gutter: number;
  readonly colWidth: number;
  readonly bodyFamily: string;
  readonly headingFamily: string;
  readonly fontPx: number;
  readonly lineSpacing: number;
  /** Space between consecutive text blocks, in body line heights (network node `block_gap`, default 1). */
  readonly blockGap: number;

  constructor(values: Values, readonly dpi: number) {
    const { width, height } = pageSizePx(values, dpi);
    this.width = width;
    this.height = height;
    this.pxPerPt = dpi / 72;
    const pxPerMm = dpi / 25.4;
    const margin = Math.max(8, num(values, 'margin_mm', 20)) * pxPerMm;
    this.marginX = margin;
    this.marginTop = margin;
    this.marginBottom = margin;
    this.columns = Math.max(1, Math.min(4, Math.round(num(values, 'columns', 1))));
    this.gutter = Math.max(3, num(values, 'gutter_mm', 6)) * pxPerMm;
    const bodyW = width - 2 * this.marginX;
    this.colWidth = (bodyW - (this.columns - 1) * this.gutter) / this.columns;
    this.bodyFamily = str(values, 'font_family', 'liberation-serif');
    const hf = str(values, 'heading_family', 'same');
    this.headingFamily = hf === 'same' ? this.bodyFamily : hf === 'sans' ? 'liberation-sans' : hf;
    this.fontPx = halfPoints(Math.max(5, num(values, 'font_size_pt', 10))) * this.pxPerPt;
    this.lineSpacing = Math.max(1.05, num(values, 'line_spacing', 1.25));
    this.blockGap = Math.max(0, num(values, 'block_gap', 1));
  }

  /**
   * A text style `scale` times the body size. Sizes are whole half-points, as typesetting uses, which also keeps
   * the set of fonts small so word widths measured on one page serve the next.
   */
  style(scale: number, opts: Partial<Omit<TextStyle, 'sizePx' | 'lineHeightPx'>> & { spacing?: number } = {}): TextStyle {
    const sizePx = halfPoints((this.fontPx * scale) / this.pxPerPt) * this.pxPerPt;
    return {
      family: opts.family ?? this.bodyFamily,
      sizePx,
      lineHeightPx: sizePx * (opts.spacing ?? this.lineSpacing),
      bold: opts.bold ?? false,
      italic: opts.italic ?? false,
      align: opts.align ?? 'left',
    };
  }
}

function block(kind: BlockKind, el: number, r: XYXY, style: TextStyle, part: LayoutBlock['part'] = {}): LayoutBlock {
  const category = CATEGORY_OF[kind];
  return { kind, category, rect: r, element: el, style, part };
}

const CATEGORY_OF: Record<BlockKind, LayoutBlock['category']> = {
  header: 'Page-header',
  footer: 'Page-footer',
  page_number: 'Page-footer',
  title: 'Title',
  authors: 'Text',
  section_header: 'Section-header',
  paragraph: 'Text',
  list_item: 'List-item',
  table: 'Table',
  figure: 'Picture',
  caption: 'Caption',
  equation: 'Formula',
  footnote: 'Footnote',
};

/** Makes the flow units of one body element. */
class UnitFactory {
  private tableNo = 0;
  private figureNo = 0;
  private equationNo = 0;
  private sectionNo = [0, 0, 0];

  constructor(private readonly g: PageGeometry, private readonly pageIndex: number) {}

  /** A text block of `lines` lines that may split between lines. */
  private textUnit(kind: BlockKind, el: number, style: TextStyle, lines: number, firstLine: number, part: LayoutBlock['part'], spaceBefore: number, spaceAfter: number, minSplit = 2): FlowUnit {
    const lh = style.lineHeightPx;
    // Every part of a split paragraph knows the whole paragraph's length, so all parts wrap the same text.
    part = { totalLines: firstLine + lines, ...part };
    const unit: FlowUnit = {
      height: lines * lh,
      spaceBefore,
      spaceAfter,
      place: (x, y, w) => [block(kind, el, rect(x, y, w, lines * lh), style, { ...part, firstLine, lines })],
      fit: (maxH) => {
        const fitLines = Math.floor(maxH / lh);
        if (fitLines < minSplit || fitLines >= lines || lines - fitLines < 1) return null;
        return {
          head: this.textUnit(kind, el, style, fitLines, firstLine, { ...part, continues: true }, spaceBefore, 0, minSplit),
          tail: this.textUnit(kind, el, style, lines - fitLines, firstLine + fitLines, { ...part, continued: true }, 0, spaceAfter, 1),
        };
      },
    };
    return unit;
  }

  units(el: ElementSpec, i: number, fullWidth: boolean): FlowUnit[] {
    const g = this.g;
    const p = el.params;
    const lh = g.fontPx * g.lineSpacing;
    // Text blocks are `blockGap` line heights apart (half before, half after); displays keep half a line each side.
    const para = 0.5 * g.blockGap * lh;
    const display = Math.max(MIN_GAP, 0.5 * lh);
    switch (el.type) {
      case 'paragraph': {
        const lines = Math.max(1, Math.round(num(p, 'lines', 5)));
        const align: Align = str(p, 'align', 'left') === 'justify' ? 'justify' : 'left';
        return [this.textUnit('paragraph', i, g.style(1, { align }), lines, 0, { indent: bool(p, 'indent', false) }, para, para)];
      }
      case 'abstract': {
        const lines = Math.max(1, Math.round(num(p, 'lines', 6)));
        return [this.textUnit('paragraph', i, g.style(0.95, { align: 'justify' }), lines, 0, { indent: false }, para, para)];
      }
      case 'section_header': {
        const level = Math.max(1, Math.min(3, Math.round(num(p, 'level', 1))));
        const scale = level === 1 ? 1.3 : level === 2 ? 1.15 : 1.0;
        const sty = str(p, 'style', 'bold');
        const style = g.style(scale, { family: g.headingFamily, bold: sty !== 'italic', italic: sty === 'italic', spacing: 1.3 });
        const counter = this.sectionNo;
        counter[level - 1]! += 1;
        for (let k = level; k < 3; k++) counter[k] = 0;
        const number = bool(p, 'numbered', true) ? counter.slice(0, level).map((n) => Math.max(1, n)).join('.') : '';
        const h = style.lineHeightPx;
        return [
          {
            height: h,
            spaceBefore: Math.max(MIN_GAP, lh * 0.9),
            spaceAfter: Math.max(MIN_GAP, lh * 0.35),
            place: (x, y, w) => [block('section_header', i, rect(x, y, w, h), style, { number, caps: sty === 'bold_caps', level })],
          },
        ];
      }
      case 'list': {
        const items = Math.max(1, Math.round(num(p, 'items', 3)));
        const itemLines = Math.max(1, Math.round(num(p, 'item_lines', 1)));
        const bullet = str(p, 'bullet', 'disc');
        const style = g.style(1);
        const out: FlowUnit[] = [];
        for (let k = 0; k < items; k++) {
          // Item lengths vary around item_lines, deterministically from the item index.
          const lines = Math.max(1, itemLines + ((k * 7 + i) % 3) - 1);
          const h = lines * style.lineHeightPx;
          out.push({
            height: h,
            spaceBefore: k === 0 ? para : Math.max(MIN_GAP, lh * 0.15),
            spaceAfter: k === items - 1 ? para : Math.max(MIN_GAP, lh * 0.15),
            place: (x, y, w) => [block('list_item', i, rect(x, y, w, h), style, { item: k, lines, bullet })],
          });
        }
        return out;
      }
      case 'table':
      case 'figure':
        return [this.floatUnit(el, i, fullWidth)];
      case 'equation': {
        const lines = Math.max(1, Math.min(3, Math.round(num(p, 'lines', 1))));
        const style = g.style(1.05, { italic: true, spacing: 2.0 });
        const h = lines * style.lineHeightPx;
        const number = bool(p, 'numbered', true) ? ++this.equationNo : 0;
        return [
          {
            height: h,
            spaceBefore: display,
            spaceAfter: display,
            place: (x, y, w) => [block('equation', i, rect(x, y, w, h), style, { number, lines, terms: num(p, 'terms', 3) })],
          },
        ];
      }
      case 'footnote':
        return [];
      default: {
        // An element type layout does not know: render it as a paragraph so custom networks still work.
        const lines = Math.max(1, Math.round(num(p, 'lines', 3)));
        return [this.textUnit('paragraph', i, g.style(1), lines, 0, { indent: false }, para, para)];
      }
    }
  }

  /** A table or figure with its caption, kept together; shrinks (fewer rows, lower aspect) to fit a column. */
  private floatUnit(el: ElementSpec, i: number, fullWidth: boolean, shrink = 1, fixedNumber?: number): FlowUnit {
    const g = this.g;
    const p = el.params;
    const isTable = el.type === 'table';
    const capPos = str(p, 'caption', isTable ? 'above' : 'below');
    const capLines = capPos === 'none' ? 0 : Math.max(1, Math.round(num(p, 'caption_lines', 1)));
    const capStyle = g.style(0.9, { align: 'justify' });
    const capH = capLines * capStyle.lineHeightPx;
    const capGap = capLines ? Math.max(MIN_GAP + 2, capStyle.lineHeightPx * 0.5) : 0;
    const number = fixedNumber ?? (isTable ? ++this.tableNo : ++this.figureNo);
    const lh = g.fontPx * g.lineSpacing;
    const bodyStyle = g.style(isTable ? 0.85 : 0.75, { spacing: 1.6 });
    const rowsFull = Math.max(2, Math.round(num(p, 'rows', 5)));
    const rows = Math.max(2, Math.floor(rowsFull * shrink));
    const measure = (width: number) => {
      if (isTable) return { w: width, h: rows * bodyStyle.lineHeightPx + 2 };
      const wf = Math.min(1, Math.max(0.3, num(p, 'width_frac', 0.9)));
      const w = width * wf;
      return { w, h: Math.max(lh * 3, w * Math.max(0.2, num(p, 'aspect', 0.65)) * shrink) };
    };
    const width = fullWidth ? g.width - 2 * g.marginX : g.colWidth;
    const m = measure(width);
    const total = m.h + capH + capGap;
    const unit: FlowUnit = {
      height: total,
      spaceBefore: Math.max(MIN_GAP, lh * 0.8),
      spaceAfter: Math.max(MIN_GAP, lh * 0.8),
      deferrable: true,
      place: (x, y, w) => {
        const mm = measure(w);
        const bx = x + (w - mm.w) / 2;
        const out: LayoutBlock[] = [];
        let cy = y;
        const cap = () => {
          out.push(block('caption', i, rect(x, cy, w, capH), capStyle, { of: el.type, number, lines: capLines }));
          cy += capH + capGap;
        };
        if (capLines && capPos === 'above') cap();
        const kind: BlockKind = isTable ? 'table' : 'figure';
        out.push(block(kind, i, rect(bx, cy, mm.w, mm.h), bodyStyle, isTable
            ? { rows, cols: num(p, 'cols', 4), borders: str(p, 'borders', 'horizontal'), header_row: bool(p, 'header_row', true), numeric_ratio: num(p, 'numeric_ratio', 0.7) }
            : { chart: str(p, 'kind', 'bar') }));
        cy += mm.h + capGap;
        if (capLines && capPos !== 'above') cap();
        return out;
      },
      fit: (maxH) => {
        // Shrink until it fits, down to 40 % of its size; the remainder is not carried on.
        for (let s = shrink - 0.1; s >= 0.4; s -= 0.1) {
          const u = this.floatUnit(el, i, fullWidth, s, number);
          if (u.height <= maxH) return { head: u, tail: null };
        }
        return null;
      },
    };
    return unit;
  }
}

/**
 * Lays out a sampled page.
 * @example const page = layoutPage(spec, { dpi: 150 }); page.blocks.map((b) => b.category)
 */
export function layoutPage(spec: PageSpec, opts: LayoutOptions): PageLayout {
  const g = new PageGeometry(spec.values, opts.dpi);
  const blocks: LayoutBlock[] = [];
  const factory = new UnitFactory(g, spec.index);
  const bodyX0 = g.marginX;
  const bodyX1 = g.width - g.marginX;
  const bodyW = bodyX1 - bodyX0;
  let top = g.marginTop;
  let bottom = g.height - g.marginBottom;

  placeFurniture(spec, g, blocks);

  // Title (+ authors line) across the full width.
  const lh = g.fontPx * g.lineSpacing;
  spec.elements.forEach((el, i) => {
    if (el.type !== 'title') return;
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 1)));
    const align: Align = str(el.params, 'align', 'left') === 'center' ? 'center' : 'left';
    const style = g.style(Math.max(1.1, num(el.params, 'size_scale', 1.8)), { family: g.headingFamily, bold: true, align, spacing: 1.2 });
    const h = lines * style.lineHeightPx;
    if (top + h > bottom) return;
    blocks.push(block('title', i, rect(bodyX0, top, bodyW, h), style, { lines }));
    top += h + Math.max(MIN_GAP, lh * 0.6);
    if (bool(el.params, 'has_authors', true)) {
      const as = g.style(1.05, { italic: true, align });
      blocks.push(block('authors', i, rect(bodyX0, top, bodyW, as.lineHeightPx), as, { lines: 1 }));
      top += as.lineHeightPx;
    }
    top += Math.max(MIN_GAP, lh * 1.2);
  });

  // Footnotes sit at the bottom of the body, full width on one-column pages, under the first column otherwise.
  const footStyle = g.style(0.8, { spacing: 1.2 });
  const footW = g.columns === 1 ? bodyW : g.colWidth;
  const footnotes = spec.elements.map((el, i) => ({ el, i })).filter(({ el }) => el.type === 'footnote');
  let footBottom = bottom;
  const footBlocks: LayoutBlock[] = [];
  for (let k = footnotes.length - 1; k >= 0; k--) {
    const { el, i } = footnotes[k]!;
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 1)));
    const h = lines * footStyle.lineHeightPx;
    if (footBottom - h < top + (bottom - top) * 0.6) break;
    footBottom -= h;
    footBlocks.unshift(block('footnote', i, rect(bodyX0, footBottom, footW, h), footStyle, { lines, mark: k + 1 }));
    footBottom -= Math.max(MIN_GAP, footStyle.lineHeightPx * 0.3);
  }
  const col0Bottom = footBlocks.length ? footBottom - Math.max(MIN_GAP, lh * 0.6) : bottom;

  // Full-width floats (span: full on multi-column pages) go to the top of the body, if they take under half of it.
  const body: Array<{ el: ElementSpec; i: number }> = [];
  spec.elements.forEach((el, i) => {
    if (['title', 'header', 'footer', 'page_number', 'footnote'].includes(el.type)) return;
    body.push({ el, i });
  });
  const flow: FlowUnit[] = [];
  let floatsH = 0;
  for (const { el, i } of body) {
    const wide = g.columns > 1 && (el.type === 'table' || el.type === 'figure') && str(el.params, 'span', 'column') === 'full';
    if (wide) {
      const [u] = factory.units(el, i, true);
      if (u && floatsH + u.height + u.spaceAfter < (col0Bottom - top) * 0.5) {
        blocks.push(...u.place(bodyX0, top + floatsH, bodyW));
        floatsH += u.height + u.spaceAfter;
        continue;
      }
    }
    flow.push(...factory.units(el, i, false));
  }
  top += floatsH;

  // Column flow.
  let col = 0;
  let y = top;
  let first = true;
  const colX = (c: number) => bodyX0 + c * (g.colWidth + g.gutter);
  const colBottom = (c: number) => (c === 0 ? col0Bottom : bottom);
  const queue = flow.slice();
  const deferred: FlowUnit[] = [];
  while (col < g.columns) {
    if (!queue.length) {
      // Floats still waiting go to the next column.
      if (!deferred.length) break;
      queue.push(...deferred);
      deferred.length = 0;
      col += 1;
      y = top;
      first = true;
      continue;
    }
    const u = queue.shift()!;
    const yy = first ? y : y + u.spaceBefore;
    const room = colBottom(col) - yy;
    if (u.height <= room) {
      blocks.push(...u.place(colX(col), yy, g.colWidth));
      y = yy + u.height + Math.max(MIN_GAP, u.spaceAfter);
      first = false;
      continue;
    }
    const split = u.fit?.(room);
    if (split) {
      blocks.push(...split.head.place(colX(col), yy, g.colWidth));
      if (split.tail) queue.unshift(split.tail);
    } else if (first) {
      // Too tall even for an empty column: drop it rather than overflow.
      continue;
    } else if (u.deferrable && queue.length) {
      // A float that does not fit waits for the next column; the text after it fills this one.
      deferred.push(u);
      continue;
    } else {
      queue.unshift(u);
    }
    queue.unshift(...deferred);
    deferred.length = 0;
    col += 1;
    y = top;
    first = true;
  }
  blocks.push(...footBlocks);

  return { width: g.width, height: g.height, dpi: opts.dpi, blocks: blocks.filter((b) => b.rect.x1 > b.rect.x0 && b.rect.y1 > b.rect.y0) };
}

/** Header, footer and page number in the top and bottom margins. */
function placeFurniture(spec: PageSpec, g: PageGeometry, blocks: LayoutBlock[]): void {
  const x0 = g.marginX;
  const w = g.width - 2 * g.marginX;
  const style = (align: Align) => g.style(0.8, { spacing: 1.2, align });
  const pn = spec.elements.findIndex((e) => e.type === 'page_number');
  const pnAlign = pn >= 0 ? (str(spec.elements[pn]!.params, 'align', 'center') as Align) : undefined;
  for (const [i, el] of spec.elements.entries()) {
    if (el.type !== 'header' && el.type !== 'footer') continue;
    const lines = Math.max(1, Math.min(2, Math.round(num(el.params, 'lines', 1))));
    let align = str(el.params, 'align', 'left');
    const s = style('left');
    const h = lines * s.lineHeightPx;
    const zone = el.type === 'header' ? g.marginTop : g.marginBottom;
    if (h > zone * 0.7) continue;
    const y = el.type === 'header' ? Math.max(2, g.marginTop * 0.45 - h / 2) : g.height - g.marginBottom * 0.55 - h / 2;
    if (el.type === 'footer' && pnAlign && (align === pnAlign || align === 'center' || pnAlign === 'center')) {
      // Keep the footer clear of the page number.
      align = pnAlign === 'left' ? 'right' : 'left';
    }
    if (align === 'split') {
      const half = (w - 2 * MIN_GAP) / 2;
      blocks.push(block(el.type, i, rect(x0, y, half * 0.8, h), style('left'), { lines, piece: 0 }));
      blocks.push(block(el.type, i, rect(x0 + w - half * 0.8, y, half * 0.8, h), style('right'), { lines: 1, piece: 1 }));
      continue;
    }
    const a = align as Align;
    const bw = el.type === 'footer' && pnAlign ? w * 0.6 : w;
    const bx = a === 'right' ? x0 + w - bw : a === 'center' ? x0 + (w - bw) / 2 : x0;
    blocks.push(block(el.type, i, rect(bx, y, bw, h), style(a), { lines, piece: 0 }));
  }
  if (pn >= 0) {
    const el = spec.elements[pn]!;
    const s = style(pnAlign ?? 'center');
    const bw = w * 0.25;
    const a = pnAlign ?? 'center';
    const bx = a === 'right' ? x0 + w - bw : a === 'left' ? x0 : x0 + (w - bw) / 2;
    const y = g.height - g.marginBottom * 0.55 - s.lineHeightPx / 2;
    const r = rect(bx, y, bw, s.lineHeightPx);
    if (!blocks.some((b) => boxesOverlap(b.rect, r))) {
      blocks.push(block('page_number', pn, r, s, { style: str(el.params, 'style', 'plain'), page: spec.index + 1 }));
    }
  }
}
