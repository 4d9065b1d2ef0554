/**
 * Block parts shared by several kinds: the caption under a table, a figure or a picture. A shared part is one object,
 * so the registry can tell a shared block kind from a clash.
 */
import { fillLines } from '../content/index.js';
import type { BlockPart } from './types.js';

/** Caption label words by float counter; a page uses one spelling per counter (chosen from the page seed). */
export const CAPTION_LABELS: Record<string, string[]> = {
  table: ['Table', 'Tab.', 'TABLE'],
  figure: ['Figure', 'Fig.', 'FIGURE'],
};

/**
 * Which spelling of caption labels and which separator a page uses: decided once per page from its seed (the same
 * index for tables and figures: Table/Figure, Tab./Fig., TABLE/FIGURE), so a page never mixes "Fig. 1" and
 * "Figure 3.".
 */
export function captionStyle(seed: number, counter: string): { label: string; sep: string } {
  const labels = CAPTION_LABELS[counter] ?? CAPTION_LABELS.figure!;
  // A fixed hash of the page seed: the same for every caption of the page.
  const h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return { label: labels[h % labels.length]!, sep: [':', '.', ''][(h >>> 8) % 3]! };
}

export const caption: BlockPart = {
  category: 'Caption',
  fill(b, kit) {
    const counter = String(b.part.of ?? 'figure');
    const { label, sep } = captionStyle(kit.spec.seed, counter === 'table' ? 'table' : 'figure');
    // Other languages: their own word and digits ("Abbildung 3:", "表 2：", "الشكل ٣:").
    const lead = kit.lang.tag === 'en' ? `${label} ${b.part.number}${sep}` : `${kit.source.numbered(counter === 'table' ? 'table' : 'figure', Number(b.part.number))}${kit.source.spaced || kit.lang.script === 'thai' ? sep : sep ? '：' : ''}`;
    const pre = kit.prefixOf(lead);
    const justify = b.style.align === 'justify';
    const lines = fillLines(kit.f, kit.cache, kit.font, kit.width, Number(b.part.lines ?? 1), { indent: pre.width, justify, lastLineFrac: kit.rng.uniform(0.3, 0.95), genre: kit.genre, source: kit.source, text: 'caption' });
    return kit.text(lines, pre);
  },
};
