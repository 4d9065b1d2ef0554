/**
 * Footnote at the foot of the body, its mark matching a superscript marker placed in the body text.
 */
import { fillLines } from '../content/index.js';
import { MIN_GAP, TYPO, num } from '../layout/index.js';
import type { KindModule } from './types.js';

export const footnote: KindModule = {
  name: 'footnote',
  description: 'Note at the foot of the body with its mark (1, 2, *).',
  placement: 'foot',
  defaults: { lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.6, 0.3, 0.1] } },
  parts: {
    footnote: {
      category: 'Footnote',
      fill(b, kit) {
        const mark = String(b.part.mark ?? 1);
        const pre = kit.prefixOf(mark, kit.font);
        return kit.text(fillLines(kit.f, kit.cache, kit.font, kit.width, Number(b.part.lines ?? 1), { indent: pre.width, lastLineFrac: kit.rng.uniform(0.3, 0.95), genre: kit.genre, source: kit.source, text: 'footnote' }), pre);
      },
    },
  },
  units(u, el, i) {
    const style = u.g.style(TYPO.footnote.scale, { spacing: TYPO.footnote.spacing });
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 1)));
    const mark = Math.round(num(el.params, 'mark', 1));
    return [u.fixedUnit('footnote', i, style, lines * style.lineHeightPx, { lines, mark }, Math.max(MIN_GAP, style.lineHeightPx * 0.3), 0)];
  },
};
