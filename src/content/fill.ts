/**
 * Content for each laid-out block: the words, table cells, chart data and formula tokens it shows.
 * Plain data, a pure function of (block, spec, seed); render/ draws it.
 */
import type { Faker } from '@faker-js/faker';
import type { LayoutBlock, PageLayout, TextStyle } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import { createRng, deriveSeed } from '../random/index.js';
import type { PageSpec } from '../types.js';
import { chartContent, type ChartContent } from './chart.js';
import { equationContent, type EquationContent } from './equation.js';
import { tableContent, type TableContent } from './table.js';
import type { TextLine, WordWidthCache } from './text.js';
import { fillLines, seededFaker, titleWords, wrapWords } from './text.js';

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
}

/** An inline formula set in place of a word of running text. */
export interface InlineFormula {
  line: number;
  word: number;
  width: number;
}

/** Inline formulas (Latin-1, Greek and a few operators that every bundled font has). */
const INLINE_MATH = ['x', 'y', 'n', 'k', 'α', 'β', 'λ', 'θ', 'σ', 'μ', 'ε', 'x²', 'n²', 'λ²', 'f(x)', 'g(t)', 'p(x|y)', 'O(n)', 'O(n log n)', 'a+b', 'k=1', 'n>2', 'α=0.5', 'x·y', 'N(0,1)', 'R³', 'θ±ε', 'a×b', 'p<0.05', 'T=300', 'y=ax+b'];

/**
 * Puts `count` inline formulas in place of words of a wrapped paragraph (never its first word). A formula takes
 * the place of a word at least as wide as itself, centred in it, so no other word moves. Returns their places; `lines` changes in place.
 */
function placeInlineMath(lines: TextLine[], count: number, rng: Rng, cache: WordWidthCache, font: string, mathFont: string): InlineFormula[] {
  const out: InlineFormula[] = [];
  if (count <= 0) return out;
  const slots: Array<[number, number]> = [];
  lines.forEach((l, k) => l.words.forEach((_, j) => (k > 0 || j > 0) && slots.push([k, j])));
  for (const [k, j] of rng.shuffle(slots)) {
    if (out.length >= count) break;
    const room = cache.width(font, lines[k]!.words[j]!);
    const fits = INLINE_MATH.filter((t) => cache.width(mathFont, t) <= room);
    if (!fits.length) continue;
    // Prefer a formula about as wide as the word it replaces; centre it in the word's place.
    const close = fits.filter((t) => cache.width(mathFont, t) >= 0.6 * room);
    const t = close.length ? rng.pick(close) : fits.reduce((a, b) => (cache.width(mathFont, b) > cache.width(mathFont, a) ? b : a));
    const w = cache.width(mathFont, t);
    lines[k]!.words[j] = t;
    lines[k]!.xs[j] = lines[k]!.xs[j]! + (room - w) / 2;
    out.push({ line: k, word: j, width: w });
  }
  return out.sort((a, b) => a.line - b.line || a.word - b.word);
}

export type BlockContent = TextContent | TableContent | ChartContent | EquationContent;

/** What content generation needs from its thread: a faker to re-seed and a word-width cache. */
export interface ContentContext {
  faker: Faker;
  cache: WordWidthCache;
}

export function cssFont(style: Pick<TextStyle, 'family' | 'sizePx' | 'bold' | 'italic'>, familyName: (key: string) => string): string {
  return `${style.italic ? 'italic ' : ''}${style.bold ? 'bold ' : ''}${style.sizePx.toFixed(2)}px "${familyName(style.family)}"`;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

function bulletText(bullet: string, k: number): string {
  switch (bullet) {
    case 'dash':
      return '–';
    case 'number':
      return `${k + 1}.`;
    case 'letter':
      return `(${String.fromCharCode(97 + (k % 26))})`;
    case 'roman':
      return `${ROMAN[k % ROMAN.length]}.`;
    default:
      return '•';
  }
}

/**
 * Makes the content of every block of a page. Each block's randomness comes from its own stream, keyed by
 * element index and kind, so a paragraph split over two columns reads on without a break.
 * @example const contents = fillPage(spec, layout, ctx, familyName)
 */
export function fillPage(spec: PageSpec, page: PageLayout, ctx: ContentContext, familyName: (key: string) => string): BlockContent[] {
  return page.blocks.map((b, n) => fillBlock(spec, b, n, ctx, familyName));
}

function blockRng(spec: PageSpec, b: LayoutBlock, n: number): Rng {
  // Split paragraphs share the element's stream; everything else gets its own.
  const key = b.kind === 'paragraph' ? `p${b.element}` : `${b.kind}:${b.element}:${n}`;
  return createRng(deriveSeed(spec.seed, 0, `content:${key}`));
}

function fillBlock(spec: PageSpec, b: LayoutBlock, n: number, ctx: ContentContext, familyName: (key: string) => string): BlockContent {
  const rng = blockRng(spec, b, n);
  const f = seededFaker(ctx.faker, rng);
  const font = cssFont(b.style, familyName);
  const width = b.rect.x1 - b.rect.x0 - 2; // keep a pixel clear of the clip on both sides
  const justify = b.style.align === 'justify';
  const cache = ctx.cache;
  const text = (lines: TextLine[], prefix?: TextContent['prefix']): TextContent => ({
    type: 'text',
    font,
    lines,
    prefix,
    lineX: lines.map((l, k) => alignX(b.style.align, width, l.width + (k === 0 && prefix ? prefix.width : 0)) + 1),
  });
  const boldFont = cssFont({ ...b.style, bold: true }, familyName);
  const prefixOf = (s: string, pf = boldFont) => ({ text: s, font: pf, width: cache.width(pf, s) + cache.width(font, ' ') });

  switch (b.kind) {
    case 'paragraph': {
      const total = Number(b.part.totalLines ?? Number(b.part.firstLine ?? 0) + Number(b.part.lines ?? 1));
      const indent = b.part.indent ? b.style.sizePx * 1.5 : 0;
      // Wrap the whole paragraph the same way in every part, then show this part's lines.
      const lines = fillLines(f, cache, font, width, total, { indent, justify, lastLineFrac: rng.uniform(0.3, 0.9) });
      // Inline formulas, placed over the whole paragraph with the shared stream, so every part agrees.
      const mathFont = cssFont({ ...b.style, italic: true, bold: false }, familyName);
      const nMath = Math.max(0, Math.round(Number(spec.elements[b.element]?.params.inline_math ?? 0)));
      const math = placeInlineMath(lines, nMath, rng, cache, font, mathFont);
      const first = Number(b.part.firstLine ?? 0);
      const count = Number(b.part.lines ?? 1);
      const mine = lines.slice(first, first + count);
      const out = text(mine);
      if (first === 0 && indent) out.lineX[0] = (out.lineX[0] ?? 0) + indent;
      const inline = math.filter((m) => m.line >= first && m.line < first + count).map((m) => ({ ...m, line: m.line - first }));
      if (inline.length) {
        out.inline = inline;
        out.inlineFont = mathFont;
      }
      return out;
    }
    case 'title': {
      const lines = Number(b.part.lines ?? 1);
      const words = titleWords(f, 4 + lines * 8);
      const wrapped = wrapWords(words, width, font, cache, { maxLines: lines }).lines;
      // Last line of a title rarely runs full.
      const last = wrapped[wrapped.length - 1];
      if (last && lines > 1 && last.words.length > 2) {
        const keep = Math.max(1, Math.ceil(last.words.length * rng.uniform(0.4, 0.9)));
        last.words = last.words.slice(0, keep);
        last.xs = last.xs.slice(0, keep);
        last.width = last.xs[keep - 1]! + cache.width(font, last.words[keep - 1]!);
      }
      return text(wrapped);
    }
    case 'authors': {
      const names: string[] = [];
      const count = rng.int(1, 6);
      for (let k = 0; k < count; k++) names.push(`${f.person.firstName()} ${f.person.lastName()}${k < count - 1 ? ',' : ''}`);
      const words = names.join(' ').split(' ');
      return text(wrapWords(words, width, font, cache, { maxLines: 1 }).lines);
    }
    case 'section_header': {
      const caps = b.part.caps === true;
      let words = titleWords(f, rng.int(1, 6));
      if (caps) words = words.map((w) => w.toUpperCase());
      const number = String(b.part.number ?? '');
      const lines = wrapWords(words, width - (number ? cache.width(font, number + '  ') : 0), font, cache, { maxLines: 1 }).lines;
      return text(lines, number ? prefixOf(number, font) : undefined);
    }
    case 'list_item': {
      const marker = bulletText(String(b.part.bullet ?? 'disc'), Number(b.part.item ?? 0));
      const indent = b.style.sizePx * 1.8;
      const lines = fillLines(f, cache, font, width - indent, Number(b.part.lines ?? 1), { justify: false, lastLineFrac: rng.uniform(0.3, 0.95) });
      const markerW = cache.width(font, marker);
      const markerX = Math.max(1, 1 + indent - markerW - b.style.sizePx * 0.5);
      return { type: 'text', font, lines, prefix: { text: marker, font, width: 0, x: markerX }, lineX: lines.map(() => 1 + indent) };
    }
    case 'caption': {
      const label = b.part.of === 'table' ? rng.pick(['Table', 'TABLE', 'Tab.']) : rng.pick(['Figure', 'Fig.', 'FIGURE']);
      const pre = prefixOf(`${label} ${b.part.number}${rng.pick([':', '.', ''])}`);
      const lines = fillLines(f, cache, font, width, Number(b.part.lines ?? 1), { indent: pre.width, justify, lastLineFrac: rng.uniform(0.3, 0.95) });
      return text(lines, pre);
    }
    case 'footnote': {
      const mark = String(b.part.mark ?? 1);
      const pre = prefixOf(mark, font);
      return text(fillLines(f, cache, font, width, Number(b.part.lines ?? 1), { indent: pre.width, lastLineFrac: rng.uniform(0.3, 0.95) }), pre);
    }
    case 'header':
    case 'footer': {
      const pieces =
        b.kind === 'header'
          ? [f.company.name(), `Vol. ${f.number.int({ min: 1, max: 60 })}, No. ${f.number.int({ min: 1, max: 12 })}`, `${f.date.month()} ${f.number.int({ min: 1990, max: 2026 })}`, titleWords(f, rng.int(2, 6)).join(' ')]
          : [`© ${f.number.int({ min: 1990, max: 2026 })} ${f.company.name()}`, f.internet.url(), 'Confidential', `doi:10.${f.number.int({ min: 1000, max: 9999 })}/${f.string.alphanumeric(8)}`];
      const words = rng.shuffle(pieces).slice(0, rng.int(1, 3)).join('  ·  ').split(' ');
      return text(wrapWords(words, width, font, cache, { maxLines: Number(b.part.lines ?? 1) }).lines);
    }
    case 'page_number': {
      const p = Number(b.part.page ?? 1);
      const s = b.part.style === 'page_n' ? `Page ${p}` : b.part.style === 'n_of_m' ? `${p} of ${p + rng.int(0, 40)}` : String(p);
      return text(wrapWords(s.split(' '), width, font, cache, { maxLines: 1 }).lines);
    }
    case 'table':
      return tableContent(b, f, rng, cache, font, boldFont);
    case 'figure':
      return chartContent(b, f, rng, cssFont({ ...b.style, sizePx: b.style.sizePx }, familyName));
    case 'equation':
      return equationContent(b, rng, {
        italic: font,
        regular: cssFont({ ...b.style, italic: false }, familyName),
        small: cssFont({ ...b.style, italic: true, sizePx: b.style.sizePx * 0.7 }, familyName),
        smallRegular: cssFont({ ...b.style, italic: false, sizePx: b.style.sizePx * 0.7 }, familyName),
      }, cache);
  }
}

function alignX(align: TextStyle['align'], width: number, lineWidth: number): number {
  if (align === 'center') return Math.max(0, (width - lineWidth) / 2);
  if (align === 'right') return Math.max(0, width - lineWidth);
  return 0;
}
