/**
 * Flow units, the pieces the column flow places, and the toolkit kind modules build them with (`UnitContext`):
 * splittable text, floats with captions, fixed-height displays, and per-page counters (figure 3, table 2, 1.2.1).
 */
import type { ElementSpec, LayoutClass, XYXY } from '../types.js';
import { MIN_GAP, SPACING, TYPO } from './constants.js';
import { num, rect, str, type PageGeometry } from './geometry.js';
import type { LayoutBlock, TextStyle } from './types.js';

/** A unit of flow: one or more blocks that stay together, measured for a given width. */
export interface FlowUnit {
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
  /** Must stay in the same column as the unit after it (a section header with its first lines). */
  keepWithNext?: boolean;
  /** With `span: full` on a multi-column page, goes across the columns at the top (a newspaper headline). */
  spanning?: boolean;
  /** Element index of the unit (for the spec's record of what was placed). */
  element: number;
  /**
   * A picture that text wraps around: it sits at one side of the column and the text units after it are set
   * narrower beside it, down to its bottom (`height`), without the flow moving down for it.
   */
  wrap?: { side: 'left' | 'right'; width: number };
  /** Running text that may be set narrower beside a wrapped picture (paragraphs, lists). */
  wrappable?: boolean;
}

/** What a float's body (a table, a chart, a picture) needs to be placed: its size at a width, shrinkable. */
export interface FloatBody {
  kind: string;
  style: TextStyle;
  /** Size at `width` (the column or text block) and `shrink` (1 = as sampled, down to 0.4). */
  measure(width: number, shrink: number): { w: number; h: number };
  /** Block facts at a shrink factor. */
  part(shrink: number): LayoutBlock['part'];
}

/** The toolkit kinds use to make flow units; one per page. */
export class UnitContext {
  private readonly counters = new Map<string, number>();
  private readonly sections: number[];
  /** The page's number in its document (node `page_in_doc`, default 1). */
  private readonly pageInDoc: number;

  constructor(readonly g: PageGeometry, readonly pageIndex: number, private readonly categoryOf: (blockKind: string) => LayoutClass) {
    const p = g.values.page_in_doc;
    this.pageInDoc = typeof p === 'number' && p >= 1 ? Math.round(p) : 1;
    // A page inside a document continues its numbering: section 1 + (page - 1) / 2, and subsection (page - 1) mod 3.
    this.sections = this.pageInDoc > 1 ? [1 + Math.floor((this.pageInDoc - 1) / 2), (this.pageInDoc - 1) % 3, 0] : [0, 0, 0];
  }

  /**
   * The next number of a counter (`figure`, `table`, `equation`, ...). Page 1 of a document starts at 1; a later page
   * continues from the numbers its earlier pages used, at RATE[counter] per page (figures 0.5, tables 0.4,
   * equations 1.5 per page).
   */
  next(counter: string): number {
    const rate: Record<string, number> = { figure: 0.5, table: 0.4, equation: 1.5 };
    const n = (this.counters.get(counter) ?? Math.floor((this.pageInDoc - 1) * (rate[counter] ?? 0))) + 1;
    this.counters.set(counter, n);
    return n;
  }

  /** The section number "1.2.1" of a new header of `level` (1-3); numbers only ever increase down the page. */
  section(level: number): string {
    const c = this.sections;
    // A subsection needs a section to be in: 0 above it becomes 1 (never "1.0.1").
    for (let k = 0; k < level - 1; k++) if (c[k] === 0) c[k] = 1;
    c[level - 1]! += 1;
    for (let k = level; k < 3; k++) c[k] = 0;
    return c.slice(0, level).join('.');
  }

  /** A block of a kind, its class from the kind registry. */
  block(kind: string, el: number, r: XYXY, style: TextStyle, part: LayoutBlock['part'] = {}): LayoutBlock {
    return { kind, category: this.categoryOf(kind), rect: r, element: el, style, part };
  }

  /** Body line height. */
  get lh(): number {
    return this.g.lineHeight;
  }

  /** Space above and below a paragraph: `block_gap` line heights in all, half each side. */
  get paraSpace(): number {
    return 0.5 * this.g.blockGap * this.lh;
  }

  /** Space around a displayed formula or similar display. */
  get displaySpace(): number {
    return Math.max(MIN_GAP, SPACING.display * this.lh);
  }

  /** A text block of `lines` lines that may split between lines (at least `minSplit` lines stay on each side). */
  textUnit(kind: string, el: number, style: TextStyle, lines: number, firstLine: number, part: LayoutBlock['part'], spaceBefore: number, spaceAfter: number, minSplit = 2): FlowUnit {
    const lh = style.lineHeightPx;
    // Every part of a split paragraph knows the whole paragraph's length, so all parts wrap the same text.
    part = { totalLines: firstLine + lines, ...part };
    return {
      height: lines * lh,
      spaceBefore,
      spaceAfter,
      element: el,
      wrappable: true,
      place: (x, y, w) => [this.block(kind, el, rect(x, y, w, lines * lh), style, { ...part, firstLine, lines })],
      fit: (maxH) => {
        const fitLines = Math.floor(maxH / lh);
        // Widows and orphans: a split leaves at least two lines on each side.
        if (fitLines < minSplit || fitLines >= lines || lines - fitLines < minSplit) return null;
        return {
          head: this.textUnit(kind, el, style, fitLines, firstLine, { ...part, continues: true }, spaceBefore, 0, minSplit),
          tail: this.textUnit(kind, el, style, lines - fitLines, firstLine + fitLines, { ...part, continued: true }, 0, spaceAfter, minSplit),
        };
      },
    };
  }

  /** A fixed-height unit of one block (section header, formula, code listing...). */
  fixedUnit(kind: string, el: number, style: TextStyle, height: number, part: LayoutBlock['part'], spaceBefore: number, spaceAfter: number, width?: (w: number) => number): FlowUnit {
    return {
      height,
      spaceBefore,
      spaceAfter,
      element: el,
      place: (x, y, w) => [this.block(kind, el, rect(x, y, width ? width(w) : w, height), style, part)],
    };
  }

  /**
   * A float whose body is `width_frac` of the column wide and `aspect` times as high (charts, pictures), with its
   * caption; `fixedWidth` sets the body's width instead (a picture that text wraps around).
   */
  aspectFloat(el: ElementSpec, i: number, fullWidth: boolean, kind: string, style: TextStyle, defaults: { aspect: number; widthFrac: number }, part: LayoutBlock['part'], fixedWidth?: number): FlowUnit {
    const p = el.params;
    const lh = this.lh;
    return this.floatUnit(el, i, fullWidth, {
      kind,
      style,
      measure: (width, shrink) => {
        const w = fixedWidth ?? width * Math.min(1, Math.max(0.3, num(p, 'width_frac', defaults.widthFrac)));
        return { w, h: Math.max(lh * 3, w * Math.max(0.2, num(p, 'aspect', defaults.aspect)) * shrink) };
      },
      part: () => part,
    }, 'figure');
  }

  /**
   * A float (table, figure, picture) with its caption, kept together; it shrinks (fewer rows, lower aspect) down to
   * 40 % to fit a column, and is deferred to the next column when it does not fit what is left of this one.
   */
  floatUnit(el: ElementSpec, i: number, fullWidth: boolean, body: FloatBody, counter: string, shrink = 1): FlowUnit {
    const g = this.g;
    const p = el.params;
    const capPos = str(p, 'caption', counter === 'table' ? 'above' : 'below');
    const capLines = capPos === 'none' ? 0 : Math.max(1, Math.round(num(p, 'caption_lines', 1)));
    const capStyle = g.style(TYPO.caption.scale, { align: 'justify', family: g.captionFamily });
    const capH = capLines * capStyle.lineHeightPx;
    const capGap = capLines ? Math.max(MIN_GAP + 2, capStyle.lineHeightPx * 0.5) : 0;
    const width = fullWidth ? g.width - 2 * g.marginX : g.colWidth;
    const m = body.measure(width, shrink);
    const total = m.h + capH + capGap;
    const space = Math.max(MIN_GAP, this.lh * SPACING.float);
    return {
      height: total,
      spaceBefore: space,
      spaceAfter: space,
      deferrable: true,
      element: i,
      place: (x, y, w) => {
        const mm = body.measure(w, shrink);
        const bx = x + (w - mm.w) / 2;
        const out: LayoutBlock[] = [];
        // Numbered when placed, so numbers follow the page's order even when a float waits for the next column.
        const number = capLines ? this.next(counter) : 0;
        let cy = y;
        const cap = () => {
          out.push(this.block('caption', i, rect(x, cy, w, capH), capStyle, { of: counter, number, lines: capLines }));
          cy += capH + capGap;
        };
        if (capLines && capPos === 'above') cap();
        out.push(this.block(body.kind, i, rect(bx, cy, mm.w, mm.h), body.style, { ...body.part(shrink), shrink }));
        cy += mm.h + capGap;
        if (capLines && capPos !== 'above') cap();
        return out;
      },
      fit: (maxH) => {
        // Shrink until it fits, down to 40 % of its size; the remainder is not carried on.
        for (let s = shrink - 0.1; s >= 0.4; s -= 0.1) {
          const u = this.floatUnit(el, i, fullWidth, body, counter, s);
          if (u.height <= maxH) return { head: u, tail: null };
        }
        return null;
      },
    };
  }
}
