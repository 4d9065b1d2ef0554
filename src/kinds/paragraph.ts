/**
 * Paragraph: running text that splits across columns (never leaving a single line behind), justified or ragged,
 * indented or flush as the document's style says, with inline formulas typeset from TeX.
 */
import { fillLines, type FillKit, type InlineFormula, type TextLine, type WordWidthCache } from '../content/index.js';
import { sampleInlineFormula, typeset } from '../content/math/index.js';
import { bool, num, str, TYPO, type Align, type LayoutBlock, type PageLayout } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import type { BlockPart, KindModule } from './types.js';

/**
 * Puts `count` inline formulas, typeset from TeX by MathJax (content/math `sampleInlineFormula`), in place of words
 * of a wrapped paragraph (never its first word, nor a word ending a sentence or a line). A formula takes the place of
 * a word at least as wide as itself, starting where the word started, so no other word moves; the word becomes the
 * formula's TeX (spaces as `~`). Returns their places; `lines` changes in place.
 */
function placeInlineMath(lines: TextLine[], count: number, rng: Rng, cache: WordWidthCache, font: string, fontPx: number): InlineFormula[] {
  const out: InlineFormula[] = [];
  if (count <= 0) return out;
  const slots: Array<[number, number]> = [];
  lines.forEach((l, k) => l.words.forEach((w, j) => (k > 0 || j > 0) && j < l.words.length - 1 && !/[.,;:!?\u00ad-]$/.test(w) && slots.push([k, j])));
  for (const [k, j] of rng.shuffle(slots)) {
    if (out.length >= count) break;
    const room = cache.width(font, lines[k]!.words[j]!);
    // A few tries for a formula that fits the word's room.
    for (let tries = 0; tries < 4; tries++) {
      const spec = sampleInlineFormula(rng);
      const t = typeset(spec.tex, { display: false, fontPx: Math.round(fontPx) });
      if (t.width > room || t.ascent > fontPx * 1.1 || t.descent > fontPx * 0.5) continue;
      // The word is the formula's TeX, its spaces written as TeX's unbreakable "~" (a word holds no space).
      lines[k]!.words[j] = spec.tex.trim().replace(/\s+/g, '~');
      out.push({ line: k, word: j, width: t.width, typeset: t });
      break;
    }
  }
  return out.sort((a, b) => a.line - b.line || a.word - b.word);
}

/** A paragraph set whole: its lines (formulas in place), its formulas, and where its footnote mark goes. */
interface WholeParagraph {
  lines: TextLine[];
  math: InlineFormula[];
  mark: { line: number; word: number; text: string } | null;
}

/**
 * The parts of a paragraph split across columns all set the whole paragraph from the same stream and show their own
 * lines; the whole is set once per page and shared (keyed by element, width and font), not once per part.
 */
const wholes = new WeakMap<PageLayout, Map<string, WholeParagraph>>();

function setWhole(b: LayoutBlock, kit: FillKit, total: number, indent: number): WholeParagraph {
  const justify = b.style.align === 'justify';
  const lines = fillLines(kit.f, kit.cache, kit.font, kit.width, total, { indent, justify, lastLineFrac: kit.rng.uniform(0.3, 0.9), genre: kit.genre, source: kit.source, text: 'paragraph' });
  // Right-to-left and unspaced (CJK, Thai) paragraphs carry no inline formulas: a formula takes a space-separated word's place.
  const nMath = kit.lang.dir === 'rtl' || !kit.source.spaced ? 0 : Math.max(0, Math.round(Number(kit.spec.elements[b.element]?.params.inline_math ?? 0)));
  const math = placeInlineMath(lines, nMath, kit.rng, kit.cache, kit.font, b.style.sizePx);
  // Footnote k of the page is marked in the k-th paragraph of the page, after a word inside a line (not its last).
  const paragraphs = [...new Set(kit.page.blocks.filter((x) => x.kind === 'paragraph').map((x) => x.element))];
  const notes = kit.page.blocks.filter((x) => x.kind === 'footnote');
  const k = paragraphs.indexOf(b.element);
  const note = k >= 0 ? notes[k] : undefined;
  let mark: WholeParagraph['mark'] = null;
  if (note) {
    const slots: Array<[number, number]> = [];
    lines.forEach((l, li) => l.words.forEach((w, j) => j < l.words.length - 1 && /[a-z][.,;]?$/.test(w) && !math.some((m) => m.line === li && m.word === j) && slots.push([li, j])));
    if (slots.length) {
      const [li, j] = slots[kit.rng.int(0, slots.length - 1)]!;
      mark = { line: li, word: j, text: String(note.part.mark ?? k + 1) };
    }
  }
  return { lines, math, mark };
}

/** The paragraph block: shared by paragraph and abstract elements (both are Text). */
export const paragraphPart: BlockPart = {
  category: 'Text',
  fill(b, kit) {
    const total = Number(b.part.totalLines ?? Number(b.part.firstLine ?? 0) + Number(b.part.lines ?? 1));
    const indent = b.part.indent ? b.style.sizePx * 1.5 : 0;
    let page = wholes.get(kit.page);
    if (!page) wholes.set(kit.page, (page = new Map()));
    const key = `${b.element}|${kit.width}|${total}|${indent}|${kit.font}|${b.style.align}`;
    let whole = page.get(key);
    if (!whole) page.set(key, (whole = setWhole(b, kit, total, indent)));
    // This part's lines of the whole.
    const first = Number(b.part.firstLine ?? 0);
    const count = Number(b.part.lines ?? 1);
    const out = kit.text(whole.lines.slice(first, first + count));
    if (first === 0 && indent) out.lineX[0] = (out.lineX[0] ?? 0) + indent;
    const inline = whole.math.filter((m) => m.line >= first && m.line < first + count).map((m) => ({ ...m, line: m.line - first }));
    if (inline.length) out.inline = inline;
    const m = whole.mark;
    if (m && m.line >= first && m.line < first + count) out.marks = [{ line: m.line - first, word: m.word, text: m.text, font: kit.fontOf({ sizePx: b.style.sizePx * 0.6, italic: false, bold: false }) }];
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
