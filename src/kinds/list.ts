/**
 * List: items with a marker (bullet, dash, number, letter, roman), each item a List-item region; items of one list
 * share their element index, so profiles that box whole lists can join them.
 */
import { fillLines, type FillKit } from '../content/index.js';
import { MIN_GAP, SPACING, num, str } from '../layout/index.js';
import type { FlowUnit } from '../layout/index.js';
import type { KindModule } from './types.js';

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

export function bulletText(bullet: string, k: number): string {
  switch (bullet) {
    case 'dash':
      return '–';
    case 'number':
      return `${k + 1}.`;
    case 'letter':
      return `(${String.fromCharCode(97 + (k % 26))})`;
    case 'roman':
      return `${ROMAN[k % ROMAN.length]}.`;
    case 'square':
      return '▪';
    case 'check':
      return '✓';
    default:
      return '•';
  }
}

/** Letters that number list items, per script (Latin scripts use a, b, c). */
const LETTERS: Partial<Record<string, string>> = {
  cyrillic: 'абвгдежзиклмнопрстуфхцчшщэюя',
  greek: 'αβγδεζηθικλμνξοπρστυφχψω',
  arabic: 'أبجدهوزحطيكلمنسعفصقرشتثخذضظغ',
  hebrew: 'אבגדהוזחטיכלמנסעפצקרשת',
  devanagari: 'कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशसह',
  thai: 'กขคงจฉชซญดตถทนบปผพฟภมยรลวศสหอฮ',
  hangul: '가나다라마바사아자차카타파하',
  japanese: 'アイウエオカキクケコサシスセソタチツテトナニヌネノ',
};

/**
 * A list marker in the page's language: numbers in its digits; letters of its script (а б в, α β γ, أ ب ج, א ב ג, क ख ग,
 * ก ข ค, 가 나 다, ア イ ウ); Chinese and non-Latin roman numerals fall back to numbers. English keeps `bulletText`.
 */
export function localMarker(bullet: string, k: number, kit: Pick<FillKit, 'lang' | 'source'>): string {
  if (kit.lang.tag === 'en' || bullet === 'disc' || bullet === 'dash' || bullet === 'square' || bullet === 'check') return bulletText(bullet, k);
  const latin = ['latin', 'vietnamese'].includes(kit.lang.script);
  const n = `${kit.source.number(k + 1, { useGrouping: false })}.`;
  if (bullet === 'number') return n;
  if (bullet === 'letter') {
    if (latin) return bulletText(bullet, k);
    const letters = LETTERS[kit.lang.script];
    return letters ? `(${[...letters][k % [...letters].length]})` : `(${kit.source.number(k + 1, { useGrouping: false })})`;
  }
  if (bullet === 'roman') return latin ? bulletText(bullet, k) : n;
  return bulletText(bullet, k);
}

export const list: KindModule = {
  name: 'list',
  description: 'Bulleted or numbered list; one List-item region per item.',
  placement: 'body',
  defaults: {
    items: { dist: 'poisson', params: { lambda: 4 }, min: 2, max: 9 },
    item_lines: { dist: 'categorical', values: [1, 2, 3, 4], probs: [0.5, 0.33, 0.12, 0.05] },
    bullet: { dist: 'categorical', values: ['disc', 'dash', 'number', 'letter', 'roman'], probs: [0.45, 0.2, 0.25, 0.05, 0.05] },
  },
  parts: {
    list_item: {
      category: 'List-item',
      fill(b, kit) {
        const marker = localMarker(String(b.part.bullet ?? 'disc'), Number(b.part.item ?? 0), kit);
        const indent = b.style.sizePx * 1.8;
        const lines = fillLines(kit.f, kit.cache, kit.font, kit.width - indent, Number(b.part.lines ?? 1), { justify: false, lastLineFrac: kit.rng.uniform(0.3, 0.95), genre: kit.genre, source: kit.source, text: 'list_item' });
        const markerW = kit.cache.width(kit.font, marker);
        const markerX = Math.max(1, 1 + indent - markerW - b.style.sizePx * 0.5);
        return { type: 'text', font: kit.font, lines, prefix: { text: marker, font: kit.font, width: 0, x: markerX }, lineX: lines.map(() => 1 + indent) };
      },
    },
  },
  units(u, el, i) {
    const p = el.params;
    const items = Math.max(1, Math.round(num(p, 'items', 3)));
    const itemLines = Math.max(1, Math.round(num(p, 'item_lines', 1)));
    const bullet = str(u.g.values, 'list_bullet', str(p, 'bullet', 'disc'));
    const style = u.g.style(1);
    const out: FlowUnit[] = [];
    const gap = Math.max(MIN_GAP, u.lh * SPACING.listItem);
    for (let k = 0; k < items; k++) {
      // Item lengths vary around item_lines, deterministically from the item index.
      const lines = Math.max(1, itemLines + ((k * 7 + i) % 3) - 1);
      out.push(u.fixedUnit('list_item', i, style, lines * style.lineHeightPx, { item: k, lines, bullet }, k === 0 ? u.paraSpace : gap, k === items - 1 ? u.paraSpace : gap));
    }
    return out;
  },
};
