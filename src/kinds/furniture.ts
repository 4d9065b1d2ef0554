/**
 * Page furniture in the margins: running header, running footer and page number. What they say is decided once per
 * document (the page's seed picks a journal, a company, a date and the page's own number within its document), so
 * the header, footer and page number of a page agree with each other.
 */
import { wrapWords } from '../content/index.js';
import { MIN_GAP, TYPO, boxesOverlapAny, num, rect, str, type Align, type LayoutBlock, type UnitContext } from '../layout/index.js';
import { createRng, deriveSeed } from '../random/index.js';
import type { ElementSpec, PageSpec } from '../types.js';
import type { BlockPart, KindModule } from './types.js';

function furnitureStyle(u: UnitContext, align: Align) {
  return u.g.style(TYPO.furniture.scale, { spacing: TYPO.furniture.spacing, align });
}

/** The page's number in its document: node `page_in_doc` when the network samples it, else the run index + 1. */
export function pageNumberOf(spec: PageSpec): number {
  const v = spec.values.page_in_doc;
  return typeof v === 'number' && v > 0 ? Math.round(v) : spec.index + 1;
}

/** Header or footer text pieces; one fixed document context per page (journal, company, year, month). */
const runningPart = (which: 'header' | 'footer'): BlockPart => ({
  category: which === 'header' ? 'Page-header' : 'Page-footer',
  fill(b, kit) {
    // One document context per page: the same for its header and footer.
    const doc = createRng(deriveSeed(kit.spec.seed, 0, 'document'));
    const f = kit.f;
    f.seed(doc.int(0, 0x7fffffff));
    const company = f.company.name();
    const year = f.number.int({ min: 1990, max: 2026 });
    const month = f.date.month();
    const vol = f.number.int({ min: 1, max: 60 });
    const issue = f.number.int({ min: 1, max: 12 });
    const doi = `doi:10.${f.number.int({ min: 1000, max: 9999 })}/${f.string.alphanumeric(8)}`;
    // The genre's own pieces (journal and volume, report name, chapter...), from the same document stream.
    const own = which === 'header' ? kit.source.header(f, doc, 3) : kit.source.footer(f, doc, 3);
    const pieces = which === 'header' ? [...own, company, `${month} ${year}`] : [...own, `© ${year} ${company}`, doi];
    void vol;
    void issue;
    // A split header shows different pieces at each end.
    const start = Number(b.part.piece ?? 0) * 2;
    const n = Math.max(1, Math.min(2, kit.rng.int(1, 2)));
    const words = pieces
      .slice(start, start + n)
      .map((x) => x.trim())
      .filter((x) => x.length > 0)
      .join('  ·  ');
    const lines = wrapWords(kit.source.spaced ? words.split(' ') : kit.source.tokens(words), kit.width, kit.font, kit.cache, { maxLines: Number(b.part.lines ?? 1), spaced: kit.source.spaced }).lines;
    // A piece cut off by the width leaves no separator dangling at the end.
    const last = lines[lines.length - 1];
    while (last && last.words.length > 1 && last.words[last.words.length - 1] === '·') {
      last.words.pop();
      last.xs.pop();
      last.width = last.xs[last.xs.length - 1]! + kit.cache.width(kit.font, last.words[last.words.length - 1]!);
    }
    return kit.text(lines);
  },
});

function running(which: 'header' | 'footer'): KindModule {
  const part = runningPart(which);
  return {
    name: which,
    description: which === 'header' ? 'Running header in the top margin (left, centred, right or split).' : 'Running footer in the bottom margin, clear of the page number.',
    placement: 'margin',
    defaults: {
      align: which === 'header' ? { dist: 'categorical', values: ['left', 'center', 'right', 'split'], probs: [0.35, 0.25, 0.15, 0.25] } : { dist: 'categorical', values: ['left', 'center', 'right'], probs: [0.4, 0.4, 0.2] },
      lines: { dist: 'categorical', values: [1, 2], probs: [0.8, 0.2] },
    },
    parts: { [which]: part },
    margin(u, el, i, spec) {
      const g = u.g;
      const x0 = g.marginX;
      const w = g.width - 2 * g.marginX;
      const lines = Math.max(1, Math.min(2, Math.round(num(el.params, 'lines', 1))));
      let align = str(el.params, 'align', 'left');
      const s = furnitureStyle(u, 'left');
      const h = lines * s.lineHeightPx;
      const zone = which === 'header' ? g.marginTop : g.marginBottom;
      if (h > zone * 0.7) return [];
      const y = which === 'header' ? Math.max(2, g.marginTop * 0.45 - h / 2) : g.height - g.marginBottom * 0.55 - h / 2;
      const pn = spec.elements.find((e: ElementSpec) => e.type === 'page_number');
      const pnAlign = pn ? str(pn.params, 'align', 'center') : undefined;
      if (which === 'footer' && pnAlign && (align === pnAlign || align === 'center' || pnAlign === 'center')) align = pnAlign === 'left' ? 'right' : 'left';
      if (align === 'split') {
        const half = (w - 2 * MIN_GAP) / 2;
        return [
          u.block(which, i, rect(x0, y, half * 0.8, h), furnitureStyle(u, 'left'), { lines, piece: 0 }),
          u.block(which, i, rect(x0 + w - half * 0.8, y, half * 0.8, h), furnitureStyle(u, 'right'), { lines: 1, piece: 1 }),
        ];
      }
      const a = align as Align;
      // A footer sharing its line with a page number keeps clear of it (the number takes the middle quarter, or an end).
      const bw = which === 'footer' && pnAlign ? (pnAlign === 'center' ? w * 0.36 : w * 0.6) : w;
      const bx = a === 'right' ? x0 + w - bw : a === 'center' ? x0 + (w - bw) / 2 : x0;
      return [u.block(which, i, rect(bx, y, bw, h), furnitureStyle(u, a), { lines, piece: 0 })];
    },
  };
}

export const header = running('header');
export const footer = running('footer');

export const pageNumber: KindModule = {
  name: 'page_number',
  description: 'Page number in the bottom margin ("7", "Page 7", "7 of 12"), the page\'s number in its document.',
  placement: 'margin',
  defaults: {
    align: { dist: 'categorical', values: ['left', 'center', 'right'], probs: [0.15, 0.55, 0.3] },
    style: { dist: 'categorical', values: ['plain', 'page_n', 'n_of_m'], probs: [0.7, 0.2, 0.1] },
  },
  parts: {
    page_number: {
      category: 'Page-footer',
      fill(b, kit) {
        const p = Number(b.part.page ?? 1);
        const total = Number(b.part.of ?? p);
        const n = (x: number) => kit.source.number(x, { useGrouping: false });
        const s =
          kit.lang.tag === 'en'
            ? b.part.style === 'page_n' ? `Page ${p}` : b.part.style === 'n_of_m' ? `${p} of ${total}` : String(p)
            : b.part.style === 'page_n' ? `${kit.source.label('page')} ${n(p)}` : b.part.style === 'n_of_m' ? `${n(p)} / ${n(total)}` : n(p);
        return kit.text(wrapWords(kit.source.spaced ? s.split(' ') : kit.source.tokens(s), kit.width, kit.font, kit.cache, { maxLines: 1, spaced: kit.source.spaced }).lines);
      },
    },
  },
  margin(u, el, i, spec, placed) {
    const g = u.g;
    const a = str(el.params, 'align', 'center') as Align;
    const s = furnitureStyle(u, a);
    const x0 = g.marginX;
    const w = g.width - 2 * g.marginX;
    const bw = w * 0.25;
    const bx = a === 'right' ? x0 + w - bw : a === 'left' ? x0 : x0 + (w - bw) / 2;
    const y = g.height - g.marginBottom * 0.55 - s.lineHeightPx / 2;
    const r = rect(bx, y, bw, s.lineHeightPx);
    if (boxesOverlapAny(r, placed)) return [];
    const page = pageNumberOf(spec);
    const docPages = Math.max(page, Math.round(num(spec.values, 'doc_pages', page + (spec.seed % 40))));
    return [u.block('page_number', i, r, s, { style: str(el.params, 'style', 'plain'), page, of: docPages })];
  },
};
