/**
 * Content for each laid-out block: the words, table cells, chart data, formulas and pictures it shows. Plain data,
 * a pure function of (block, spec, seed); render/ draws it. What a block of each kind holds is its kind module's
 * business (kinds/); this module defines the content shapes and runs the fillers.
 */
import type { PageLayout } from '../layout/index.js';
import type { PageSpec } from '../types.js';
import { fillKit, type BlockFiller, type ContentContext, type FontResolver } from './kit.js';
import { mirrorText } from './lang/bidi.js';
import { languageOf } from './lang/languages.js';
import type { TextLine } from './text.js';

export interface TextContent {
  type: 'text';
  font: string;
  lines: TextLine[];
  /** Bold lead-in on the first line ("Figure 3:", "2.1", a footnote mark, a list bullet). */
  prefix?: { text: string; font: string; width: number; /** Absolute x (from the block's left) instead of the line start. */ x?: number };
  /** Where each line starts, relative to the block's left edge. */
  lineX: number[];
  /** Inline formulas among the words (drawn in `inlineFont`): line and word index in `lines`, and set width. */
  inline?: InlineFormula[];
  inlineFont?: string;
  /** Ink colour (default: the block style's colour). */
  color?: string;
  /** Footnote marks set as superscripts after words: line and word index in `lines`, and the mark ("1", "*"). */
  marks?: Array<{ line: number; word: number; text: string; font: string }>;
  /** Right-to-left text: words are drawn with the canvas direction 'rtl' at visual positions (lang/bidi.ts). */
  dir?: 'rtl';
}

/** An inline formula set in place of a word of running text. */
export interface InlineFormula {
  line: number;
  word: number;
  width: number;
  /**
   * The formula typeset from TeX (content/math), drawn as paths at the word's place instead of the word's text; its
   * ink box is known exactly (`width`, `ascent`, `descent` from the baseline).
   */
  typeset?: import('./math/index.js').Typeset;
}

/** Content a kind draws itself (its part's `draw`): any plain JSON. */
export interface CustomContent {
  type: 'custom';
  data: Record<string, unknown>;
}

/** A block's content: text that `drawText` sets, or plain data its kind draws itself. */
export type BlockContent = TextContent | CustomContent;

/**
 * Makes the content of every block of a page. Each block's randomness comes from its own stream, keyed by
 * element index and kind, so a paragraph split over two columns reads on without a break.
 * @example const contents = fillPage(spec, layout, ctx, FONTS, (k) => kinds.part(k).fill)
 */
export function fillPage(spec: PageSpec, page: PageLayout, ctx: ContentContext, fonts: FontResolver, fillerOf: (blockKind: string) => BlockFiller): BlockContent[] {
  const contents = page.blocks.map((b, n) => fillerOf(b.kind)(b, fillKit(spec, page, n, ctx, fonts)));
  if (languageOf(spec.values).dir !== 'rtl') return contents;
  // Right-to-left pages: every text is set left to right, then mirrored in its block with its words in visual order.
  const width = (font: string, s: string) => ctx.cache.width(font, s);
  return contents.map((c, n) => {
    const w = page.blocks[n]!.rect.x1 - page.blocks[n]!.rect.x0;
    if (c.type === 'text') return mirrorText(c, w, width);
    const t = c.data.text as TextContent | undefined;
    if (t && typeof t === 'object' && t.type === 'text' && Array.isArray(t.lines)) return { ...c, data: { ...c.data, text: mirrorText(t, w, width) } };
    return c;
  });
}
