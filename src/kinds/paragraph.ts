/**
 * Paragraph: running text that splits across columns (never leaving a single line behind), justified or ragged,
 * indented or flush as the document's style says, with optional inline formulas.
 */
import { fillLines, type TextLine, type WordWidthCache } from '../content/index.js';
import { bool, num, str, TYPO, type Align } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import type { BlockPart, KindModule } from './types.js';

/** Inline formulas (Latin-1, Greek and a few operators that every bundled font has). */
const INLINE_MATH = ['x', 'y', 'n', 'k', 'α', 'β', 'λ', 'θ', 'σ', 'μ', 'ε', 'x²', 'n²', 'λ²', 'f(x)', 'g(t)', 'p(x|y)', 'O(n)', 'O(n log n)', 'a+b', 'k=1', 'n>2', 'α=0.5', 'x·y', 'N(0,1)', 'R³', 'θ±ε', 'a×b', 'p<0.05', 'T=300', 'y=ax+b'];

/**
 * Puts `count` inline formulas in place of words of a wrapped paragraph (never its first word). A formula takes
 * the place of a word at least as wide as itself, centred in it, so no other word moves.
 */
function placeInlineMath(lines: TextLine[], count: number, rng: Rng, cache: WordWidthCache, font: string, mathFont: string) {
  const out: Array<{ line: number; word: number; width: number }> = [];
  if (count <= 0) return out;
  const slots: Array<[number, number]> = [];
  lines.forEach((l, k) => l.words.forEach((w, j) => (k > 0 || j > 0) && !/[.,;:!?\u00ad-]$/.test(w) && slots.push([k, j])));
  for (const [k, j] of rng.shuffle(slots)) {
    if (out.length >= count) break;
    const room = cache.width(font, lines[k]!.words[j]!);
    const fits = INLINE_MATH.filter((t) => cache.width(mathFont, t) <= room);
    if (!fits.length) continue;
    const close = fits.filter((t) => cache.width(mathFont, t) >= 0.6 * room);
    const t = close.length ? rng.pick(close) : fits.reduce((a, b) => (cache.width(mathFont, b) > cache.width(mathFont, a) ? b : a));
    const w = cache.width(mathFont, t);
    lines[k]!.words[j] = t;
    lines[k]!.xs[j] = lines[k]!.xs[j]! + (room - w) / 2;
    out.push({ line: k, word: j, width: w });
  }
  return out.sort((a, b) => a.line - b.line || a.word - b.word);
}

/** The paragraph block: shared by paragraph and abstract elements (both are Text). */
export const paragraphPart: BlockPart = {
  category: 'Text',
  fill(b, kit) {
    const total = Number(b.part.totalLines ?? Number(b.part.firstLine ?? 0) + Number(b.part.lines ?? 1));
    const indent = b.part.indent ? b.style.sizePx * 1.5 : 0;
    const justify = b.style.align === 'justify';
    // Wrap the whole paragraph the same way in every part, then show this part's lines.
    const lines = fillLines(kit.f, kit.cache, kit.font, kit.width, total, { indent, justify, lastLineFrac: kit.rng.uniform(0.3, 0.9), genre: kit.genre, text: 'paragraph' });
    const mathFont = kit.fontOf({ italic: true, bold: false });
    const nMath = Math.max(0, Math.round(Number(kit.spec.elements[b.element]?.params.inline_math ?? 0)));
    const math = placeInlineMath(lines, nMath, kit.rng, kit.cache, kit.font, mathFont);
    const first = Number(b.part.firstLine ?? 0);
    const count = Number(b.part.lines ?? 1);
    const out = kit.text(lines.slice(first, first + count));
    if (first === 0 && indent) out.lineX[0] = (out.lineX[0] ?? 0) + indent;
    const inline = math.filter((m) => m.line >= first && m.line < first + count).map((m) => ({ ...m, line: m.line - first }));
    if (inline.length) {
      out.inline = inline;
      out.inlineFont = mathFont;
    }
    // Footnote k of the page is marked in the k-th paragraph of the page, after a word inside a line (not its last).
    const paragraphs = [...new Set(kit.page.blocks.filter((x) => x.kind === 'paragraph').map((x) => x.element))];
    const notes = kit.page.blocks.filter((x) => x.kind === 'footnote');
    const k = paragraphs.indexOf(b.element);
    const note = k >= 0 ? notes[k] : undefined;
    if (note) {
      const slots: Array<[number, number]> = [];
      lines.forEach((l, li) => l.words.forEach((w, j) => j < l.words.length - 1 && /[a-z][.,;]?$/.test(w) && !math.some((m) => m.line === li && m.word === j) && slots.push([li, j])));
      if (slots.length) {
        const [li, j] = slots[kit.rng.int(0, slots.length - 1)]!;
        if (li >= first && li < first + count) out.marks = [{ line: li - first, word: j, text: String(note.part.mark ?? k + 1), font: kit.fontOf({ sizePx: b.style.sizePx * 0.6, italic: false, bold: false }) }];
      }
    }
    return out;
  },
};

/**
 * A document's paragraph style is the page's: `paragraph_align` and `paragraph_indent` are page-level nodes when the
 * network has them, so one page never mixes justified and ragged or indented and flush paragraphs. Element-level
 * `align`/`indent` are read only when the page has no such node (older networks).
 */
export function paragraphStyle(values: Record<string, unknown>, params: Record<string, unknown>): { align: Align; indent: boolean } {
  const v = values as Record<string, string | number | boolean>;
  const p = params as Record<string, string | number | boolean>;
  const align = str(v, 'paragraph_align', str(p, 'align', 'left')) === 'justify' ? 'justify' : 'left';
  const indent = bool(v, 'paragraph_indent', bool(p, 'indent', false));
  return { align, indent };
}

export const paragraph: KindModule = {
  name: 'paragraph',
  description: 'Running text; splits across columns, keeps two lines each side of a split.',
  placement: 'body',
  defaults: {
    lines: { dist: 'lognormal', params: { mu: 1.8, sigma: 0.6 }, min: 1, max: 30, round: 'integer' },
    inline_math: { dist: 'poisson', params: { lambda: 0.2 }, max: 8 },
  },
  parts: { paragraph: paragraphPart },
  units(u, el, i) {
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 5)));
    const { align, indent } = paragraphStyle(u.g.values, el.params);
    return [u.textUnit('paragraph', i, u.g.style(1, { align }), lines, 0, { indent }, u.paraSpace, u.paraSpace)];
  },
};

export const abstract: KindModule = {
  name: 'abstract',
  description: 'Abstract or executive summary after the title: justified text, slightly smaller.',
  placement: 'front-flow',
  defaults: { lines: { dist: 'poisson', params: { lambda: 8 }, min: 3, max: 16 } },
  parts: { paragraph: paragraphPart },
  units(u, el, i) {
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 6)));
    return [u.textUnit('paragraph', i, u.g.style(TYPO.abstract.scale, { align: 'justify' }), lines, 0, { indent: false }, u.paraSpace, u.paraSpace)];
  },
};
