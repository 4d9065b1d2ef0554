/**
 * Section header: numbered in order (1, 1.1, 1.1.1) when the document numbers its headings, set in the heading
 * font, and kept with what follows it (never alone at the foot of a column).
 */
import { wrapWords } from '../content/index.js';
import { MIN_GAP, SPACING, TYPO, bool, num, str } from '../layout/index.js';
import type { KindModule } from './types.js';

/** Applies a heading case to words: sentence case, Title Case or CAPITALS. */
export function headingCase(words: string[], mode: string): string[] {
  if (mode === 'upper' || mode === 'bold_caps') return words.map((w) => w.toUpperCase());
  if (mode === 'sentence') return words.map((w, k) => (k === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : /^[A-Z]{2,}/.test(w) ? w : w.toLowerCase()));
  return words.map((w) => (w.length > 3 || w === words[0] ? w.charAt(0).toUpperCase() + w.slice(1) : w));
}

export const sectionHeader: KindModule = {
  name: 'section_header',
  description: 'Numbered or plain heading of levels 1-3; stays with the block after it.',
  placement: 'body',
  defaults: {
    level: { dist: 'categorical', values: [1, 2, 3], probs: [0.5, 0.35, 0.15] },
    numbered: { dist: 'bernoulli', params: { p: 0.6 } },
    style: { dist: 'categorical', values: ['bold', 'bold_caps', 'italic'], probs: [0.7, 0.2, 0.1] },
  },
  parts: {
    section_header: {
      category: 'Section-header',
      fill(b, kit) {
        const mode = String(b.part.case ?? (b.part.caps === true ? 'upper' : 'title'));
        const words = kit.source.tokens(kit.source.heading(kit.f, kit.rng, { case: mode === 'upper' ? 'upper' : mode === 'sentence' ? 'sentence' : 'title' }));
        const number = String(b.part.number ?? '');
        const lines = wrapWords(words, kit.width - (number ? kit.cache.width(kit.font, number + '  ') : 0), kit.font, kit.cache, { maxLines: 1, spaced: kit.source.spaced }).lines;
        return kit.text(lines, number ? kit.prefixOf(number, kit.font) : undefined);
      },
    },
  },
  units(u, el, i) {
    const g = u.g;
    const p = el.params;
    const level = Math.max(1, Math.min(3, Math.round(num(p, 'level', 1))));
    const scale = TYPO.sectionHeader.scales[level - 1]!;
    const sty = str(p, 'style', 'bold');
    // Numbering is a document's choice (page node `headings_numbered`), else the element's.
    const numbered = bool(g.values, 'headings_numbered', bool(p, 'numbered', true));
    const style = g.style(scale, { family: g.headingFamily, bold: sty !== 'italic', italic: sty === 'italic', spacing: TYPO.sectionHeader.spacing, color: g.accent });
    const number = numbered ? u.section(level) : '';
    const unit = u.fixedUnit('section_header', i, style, style.lineHeightPx, { number, caps: sty === 'bold_caps', level, case: str(g.values, 'heading_case', sty === 'bold_caps' ? 'upper' : 'title') }, Math.max(MIN_GAP, u.lh * SPACING.headerBefore), Math.max(MIN_GAP, u.lh * SPACING.headerAfter));
    unit.keepWithNext = true;
    return [unit];
  },
};
