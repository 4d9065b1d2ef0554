/**
 * Line and word boxes of a page's text blocks, from the glyphs' own bounds.
 *
 * Every block whose content is a `TextContent` (paragraphs, captions, list items, headers, titles, footnotes,
 * section headers...; also a kind's custom content that wraps one under `data.text`, as the boxed note does) is
 * drawn by `drawText` as one `fillText` per word, plus one for the prefix (a bullet, "Figure 3:", a section number).
 * While the page is drawn, {@link TextBoxes.drawers} notes where each of those calls put its string (so a kind that
 * shifts its text, like the pull quote, is boxed where it really drew); after drawing, {@link TextBoxes.subRegions}
 * matches the calls to the content's words and boxes each word from its glyph bounds in the font it was drawn in
 * (render/glyph-bounds.ts: `measureText` where Skia's bounds are right, the word's ink drawn alone where they are not),
 * rounded outwards to whole pixels, cut to the block's rect (the clip it was drawn in) and, given the page's pixels,
 * trimmed to the ink inside. A drawn string with spaces
 * (a prefix "Figure 3:") gives one word per space-separated piece. A line's box is the union of its words' boxes.
 *
 * Measuring is the cost (a page holds ~1,500 words): bounds are cached per (font, string) in a bounded map.
 *
 * Skia's `actualBoundingBox*` covers only the first run of glyphs of a string: a word whose glyphs come from two
 * faces (a Polish "ł" from a font's latin-ext file next to ASCII from its latin file, a full stop after an Arabic word,
 * digits in a CJK font stack) and any right-to-left string (whose left bound it gets wrong) would be boxed short. Such
 * strings (right to left, or holding a character past U+00FF) are boxed by drawing them alone on a scratch canvas
 * and reading their ink, one pixel of margin each side for the page's sub-pixel position.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { BlockContent, TextContent } from '../content/index.js';
import type { SubRegion } from '../kinds/index.js';
import type { LayoutBlock } from '../layout/index.js';
import { baseline, drawContent, glyphBounds, needsRaster, type BlockDrawer } from '../render/index.js';
import { TEXT_LINE, WORD, type XYXY } from '../types.js';

/** One `fillText` call: the string and where its origin (left end of the baseline) was. */
interface DrawCall {
  text: string;
  x: number;
  y: number;
}

/** What the content says was drawn: the string, its font, and the line it belongs to. */
interface Expected {
  text: string;
  font: string;
  line: number;
}

/** Glyph bounds of a string relative to its origin, and its advance width. */
interface Bounds {
  left: number;
  right: number;
  ascent: number;
  descent: number;
  width: number;
}

export interface TextBoxesOptions {
  /** Most (font, string) bounds kept (default 50,000; 0 turns the cache off). The oldest entry goes first. */
  cacheSize?: number;
}

function isTextContent(x: unknown): x is TextContent {
  const t = x as Partial<TextContent> | null;
  return typeof t === 'object' && t !== null && t.type === 'text' && Array.isArray(t.lines) && typeof t.font === 'string';
}

/** The text content of a block: its content if it is text, or the TextContent a custom content holds under `text`. */
export function textContentOf(c: BlockContent): TextContent | null {
  if (c.type === 'text') return c;
  if (c.type === 'custom' && isTextContent(c.data.text)) return c.data.text;
  return null;
}

/** The strings `drawText` draws for a content, in drawing order. */
function expectedCalls(c: TextContent): Expected[] {
  const out: Expected[] = [];
  c.lines.forEach((line, k) => {
    if (k === 0 && c.prefix) out.push({ text: c.prefix.text, font: c.prefix.font, line: 0 });
    const math = c.inline?.filter((m) => m.line === k);
    line.words.forEach((w, j) => {
      const formula = math?.find((m) => m.word === j);
      // A typeset formula is drawn as paths, not text: no fillText call to match (its box comes from the typeset).
      if (formula?.typeset) return;
      const inline = formula !== undefined;
      out.push({ text: w, font: inline ? (c.inlineFont ?? c.font) : c.font, line: k });
      // A footnote mark after the word is drawn as a string of its own (and boxed as a word).
      const mark = c.marks?.find((m) => m.line === k && m.word === j);
      if (mark) out.push({ text: mark.text, font: mark.font, line: k });
    });
  });
  return out;
}

/** Where `expected` starts in `calls` (its strings in order, one call each), or -1. */
function matchAt(calls: readonly DrawCall[], expected: readonly Expected[]): number {
  for (let s = 0; s + expected.length <= calls.length; s++) {
    let ok = true;
    for (let k = 0; k < expected.length && ok; k++) ok = calls[s + k]!.text === expected[k]!.text;
    if (ok) return s;
  }
  return -1;
}

/**
 * Line and word boxes of text blocks, for one thread (one per `PageRenderer`): a measuring context, the bounds cache,
 * and the draw calls of the page being drawn.
 * @example
 * const text = new TextBoxes();
 * drawPage(ctx, page, contents, text.drawers((k) => kinds.part(k).draw), false);
 * const parts = text.subRegions(page.blocks[0], contents[0]); // text_line and word sub-regions
 */
export class TextBoxes {
  private readonly ctx: SKRSContext2D;
  private font = '';
  private readonly cache = new Map<string, Bounds>();
  private readonly cacheSize: number;
  private calls = new Map<LayoutBlock, DrawCall[]>();

  constructor(opts: TextBoxesOptions = {}) {
    this.ctx = createCanvas(4, 4).getContext('2d');
    this.ctx.lang = 'en';
    this.cacheSize = Math.max(0, Math.floor(opts.cacheSize ?? 50_000));
  }

  /**
   * Wraps a page's drawer look-up (for `drawPage`) so that the `fillText` calls of each text block are noted while it
   * is drawn; every block gets the drawer it would have had (its kind's own, else the drawer of its content's type).
   * Starts a new page: the calls of the previous one are forgotten.
   */
  drawers(drawerOf: (blockKind: string) => BlockDrawer | undefined, lang = 'en'): (blockKind: string) => BlockDrawer {
    this.calls = new Map();
    // Glyphs depend on the language (Turkish dotted i, CJK forms): measure in the page's.
    if (this.ctx.lang !== lang) {
      this.ctx.lang = lang;
      this.cache.clear();
    }
    const calls = this.calls;
    return (kind) => {
      const own = drawerOf(kind);
      return (ctx, b, c) => {
        if (!textContentOf(c)) {
          if (own) own(ctx, b, c);
          else drawContent(ctx, b, c);
          return;
        }
        const list: DrawCall[] = [];
        calls.set(b, list);
        const fillText = ctx.fillText;
        const hook = function (this: SKRSContext2D, text: string, x: number, y: number, maxWidth?: number): void {
          list.push({ text, x, y });
          if (maxWidth === undefined) fillText.call(this, text, x, y);
          else fillText.call(this, text, x, y, maxWidth);
        };
        // The hook is an own property of this context for the time of one block; the prototype's method is untouched.
        Object.defineProperty(ctx, 'fillText', { value: hook, configurable: true, writable: true });
        try {
          if (own) own(ctx, b, c);
          else drawContent(ctx, b, c);
        } finally {
          delete (ctx as unknown as Record<string, unknown>).fillText;
        }
      };
    };
  }

  /** Glyph bounds of `text` in `font` (cached). */
  private bounds(font: string, text: string, rtl = false): Bounds {
    const key = `${rtl ? 'r' : ''}${font}\u0001${text}`;
    const hit = this.cacheSize ? this.cache.get(key) : undefined;
    if (hit) return hit;
    if (font !== this.font) {
      this.ctx.font = font;
      this.font = font;
    }
    const b: Bounds = glyphBounds(this.ctx, text, font, rtl);
    if (this.cacheSize) {
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, b);
    }
    return b;
  }

  /** The box of `text` drawn at (x, y) in `font`, whole pixels, cut to `clip`; null when empty. */
  private box(font: string, text: string, x: number, y: number, clip: XYXY, rtl = false): XYXY | null {
    // Strings measured from their ink are measured at their own sub-pixel position (render/glyph-bounds.ts).
    const m = needsRaster(text, rtl, font) ? glyphBounds(this.ctx, text, font, rtl, { x, y }) : this.bounds(font, text, rtl);
    if (m.left + m.right <= 0 || m.ascent + m.descent <= 0) return null;
    const x0 = Math.max(Math.floor(x - m.left), clip.x0);
    const y0 = Math.max(Math.floor(y - m.ascent), clip.y0);
    const x1 = Math.min(Math.ceil(x + m.right), clip.x1);
    const y1 = Math.min(Math.ceil(y + m.descent), clip.y1);
    return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
  }

  /**
   * The `text_line` and `word` sub-regions of a drawn block (none if its content is not text, or if what was drawn
   * does not match its content). Each line comes first, then its words; attributes: `{ line }` for a line (its index
   * in the block), `{ text, line }` for a word (the word as drawn: "hyph-" for a hyphenated line end).
   */
  subRegions(b: LayoutBlock, c: BlockContent, trim?: (r: XYXY) => XYXY | null): SubRegion[] {
    const t = textContentOf(c);
    const calls = this.calls.get(b);
    if (!t || !calls) return [];
    const expected = expectedCalls(t);
    const start = matchAt(calls, expected);
    if (start < 0) return [];
    // The clip drawPage drew the block in, on whole pixels.
    const clip = { x0: Math.floor(b.rect.x0), y0: Math.floor(b.rect.y0), x1: Math.ceil(b.rect.x1), y1: Math.ceil(b.rect.y1) };
    const lines: Array<{ box: XYXY | null; words: SubRegion[] }> = t.lines.map(() => ({ box: null, words: [] }));
    const rtl = t.dir === 'rtl';
    expected.forEach((e, k) => {
      const call = calls[start + k]!;
      const line = lines[e.line]!;
      const add = (text: string, x: number) => {
        const measured = this.box(e.font, text, x, call.y, clip, rtl);
        // Trimmed to the page's ink inside it (the glyph bounds hold the word's ink; the page says where it is exactly).
        const box = measured && trim ? trim(measured) : measured;
        if (!box) return;
        line.words.push({ kind: WORD, rects: [], box, attributes: { text, line: e.line } });
        const u = line.box;
        line.box = u ? { x0: Math.min(u.x0, box.x0), y0: Math.min(u.y0, box.y0), x1: Math.max(u.x1, box.x1), y1: Math.max(u.y1, box.y1) } : box;
      };
      if (!e.text.includes(' ')) {
        add(e.text, call.x);
        return;
      }
      // A string with spaces: one word per piece, placed by the advance of what precedes it (right to left: of what
      // follows it, from the string's left end).
      let at = 0;
      const total = rtl ? this.bounds(e.font, e.text, rtl).width : 0;
      for (const piece of e.text.split(' ')) {
        const x = rtl ? call.x + total - this.bounds(e.font, e.text.slice(0, at + piece.length), rtl).width : call.x + (at ? this.bounds(e.font, e.text.slice(0, at)).width : 0);
        if (piece) add(piece, x);
        at += piece.length + 1;
      }
    });
    // Typeset inline formulas (drawn as paths where drawText would have drawn the word): their ink box is exact.
    for (const m of t.inline ?? []) {
      if (!m.typeset) continue;
      const line = lines[m.line];
      const words = t.lines[m.line]?.words;
      if (!line || !words) continue;
      const shift = m.line === 0 && t.prefix && t.prefix.x === undefined ? t.prefix.width : 0;
      const x = Math.round(b.rect.x0 + (t.lineX[m.line] ?? 0) + shift + t.lines[m.line]!.xs[m.word]!);
      const y = Math.round(baseline(b, m.line));
      const r = { x0: Math.max(x, clip.x0), y0: Math.max(y - m.typeset.ascent, clip.y0), x1: Math.min(x + m.typeset.width, clip.x1), y1: Math.min(y + m.typeset.descent, clip.y1) };
      if (r.x1 <= r.x0 || r.y1 <= r.y0) continue;
      line.words.push({ kind: WORD, rects: [], box: r, attributes: { text: words[m.word]!, line: m.line } });
      line.words.sort((p, q) => p.box!.x0 - q.box!.x0);
      const u = line.box;
      line.box = u ? { x0: Math.min(u.x0, r.x0), y0: Math.min(u.y0, r.y0), x1: Math.max(u.x1, r.x1), y1: Math.max(u.y1, r.y1) } : r;
    }
    const out: SubRegion[] = [];
    lines.forEach((l, k) => {
      if (!l.box) return;
      out.push({ kind: TEXT_LINE, rects: [], box: l.box, attributes: { line: k } }, ...l.words);
    });
    return out;
  }
}
