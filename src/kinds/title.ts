/**
 * Title of a first page, across the text block, with an optional authors line (a separate Text region, kind
 * `authors`, which profiles such as docbank label apart).
 */
import { wrapWords } from '../content/index.js';
import { MIN_GAP, SPACING, TYPO, bool, num, rect, str, type Align, type LayoutBlock } from '../layout/index.js';
import type { KindModule } from './types.js';

export const title: KindModule = {
  name: 'title',
  description: 'Document title (1-3 lines, large, bold) and an optional authors line.',
  placement: 'front',
  defaults: {
    lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.45, 0.4, 0.15] },
    align: { dist: 'categorical', values: ['left', 'center'], probs: [0.4, 0.6] },
    size_scale: { dist: 'uniform', params: { min: 1.5, max: 2.4 }, round: 2 },
    has_authors: { dist: 'bernoulli', params: { p: 0.6 } },
  },
  parts: {
    title: {
      category: 'Title',
      fill(b, kit) {
        const lines = Number(b.part.lines ?? 1);
        const mode = String(kit.spec.values.heading_case ?? 'title');
        // A title of the genre (a paper's title, INVOICE, a shop's name, a person's name), long enough for its lines.
        let text = kit.genre === 'resume' ? kit.f.person.fullName() : kit.genre === 'receipt' ? kit.f.company.name() : kit.source.title(kit.f, kit.rng, { case: mode === 'upper' ? 'upper' : 'title' });
        // A paper's title may run long: a subtitle after a colon fills the lines the layout gave it.
        if (lines > 1 && kit.genre === 'scientific' && kit.cache.width(kit.font, text) < kit.width * (lines - 0.8)) text += `: ${kit.source.title(kit.f, kit.rng, { case: 'title' })}`;
        if (kit.genre === 'invoice' || kit.genre === 'receipt') text = mode === 'title' ? text : text.toLocaleUpperCase(kit.lang.intl);
        const words = kit.source.tokens(text);
        const wrapped = wrapWords(words, kit.width, kit.font, kit.cache, { maxLines: lines, spaced: kit.source.spaced }).lines;
        // The last line of a title rarely runs full.
        const last = wrapped[wrapped.length - 1];
        if (last && lines > 1 && last.words.length > 2) {
          const keep = Math.max(1, Math.ceil(last.words.length * kit.rng.uniform(0.4, 0.9)));
          last.words = last.words.slice(0, keep);
          last.xs = last.xs.slice(0, keep);
          last.width = last.xs[keep - 1]! + kit.cache.width(kit.font, last.words[keep - 1]!);
        }
        return kit.text(wrapped);
      },
    },
    authors: {
      category: 'Text',
      fill(b, kit) {
        // Under the title: the authors (papers, reports), a CV's job title, a newspaper's date line.
        let line: string;
        if (kit.genre === 'resume') line = kit.f.person.jobTitle();
        else if (kit.genre === 'newspaper' || kit.genre === 'magazine') line = `${kit.f.date.weekday()}, ${kit.f.date.month()} ${kit.rng.int(1, 28)}, ${kit.rng.int(1990, 2026)}  ·  ${kit.f.location.city()} edition`;
        else {
          const names: string[] = [];
          const count = kit.rng.int(1, 6);
          for (let k = 0; k < count; k++) names.push(`${kit.f.person.firstName()} ${kit.f.person.lastName()}${k < count - 1 ? ',' : ''}`);
          line = names.join(' ');
        }
        return kit.text(wrapWords(kit.source.tokens(line), kit.width, kit.font, kit.cache, { maxLines: 1, spaced: kit.source.spaced }).lines);
      },
    },
  },
  front(u, el, i, area) {
    const g = u.g;
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 1)));
    const align: Align = str(el.params, 'align', 'left') === 'center' ? 'center' : 'left';
    const style = g.style(Math.max(1.1, num(el.params, 'size_scale', 1.8)), { family: g.headingFamily, bold: true, align, spacing: TYPO.title.spacing, color: g.accent });
    const h = lines * style.lineHeightPx;
    if (area.y + h > area.maxY) return { blocks: [], height: 0 };
    const blocks: LayoutBlock[] = [u.block('title', i, rect(area.x, area.y, area.w, h), style, { lines })];
    let y = area.y + h + Math.max(MIN_GAP, u.lh * SPACING.afterTitle);
    if (bool(el.params, 'has_authors', true)) {
      const as = g.style(1.05, { italic: true, align });
      blocks.push(u.block('authors', i, rect(area.x, y, area.w, as.lineHeightPx), as, { lines: 1 }));
      y += as.lineHeightPx;
    }
    y += Math.max(MIN_GAP, u.lh * SPACING.afterFront);
    return { blocks, height: y - area.y };
  },
};
