/**
 * Right-to-left text. Lines are set in logical (reading) order as if left to right; `mirrorText` then places them for
 * a right-to-left paragraph: each line's span is mirrored in its block (a line that started at the left edge now
 * starts at the right, an indent moves to the right, a lead-in such as a list bullet or "الشكل ٣:" goes to the right
 * of the first line), and the words inside a line are put in visual order by the Unicode Bidirectional Algorithm
 * (bidi-js resolves each character's embedding level with the paragraph direction RTL; rule L2 then reverses runs of
 * words from the highest level down to the lowest odd one). A Latin word or a number inside Arabic or Hebrew text thus
 * keeps its left-to-right order while the sentence reads from the right. Each word is drawn with the canvas direction
 * 'rtl' (TextContent.dir), so punctuation at a word's end sits on its left as it should.
 *
 * The words array keeps logical order (labels list words as read); only their x positions are visual.
 */
import bidiModule from 'bidi-js';
import type { TextContent } from '../fill.js';
import type { TextLine } from '../text.js';

// bidi-js is CommonJS: its default export is the factory (its types describe an ES module).
const bidi = (bidiModule as unknown as () => ReturnType<typeof import('bidi-js').default>)();

/**
 * The embedding level of each word of a line (words joined by single spaces) in a right-to-left paragraph: the level
 * of its first letter or digit.
 * @example wordLevels(['مرحبا', 'PDF', '2024']) // [1, 2, 2]
 */
export function wordLevels(words: readonly string[], dir: 'rtl' | 'ltr' = 'rtl'): number[] {
  const text = words.join(' ');
  const { levels } = bidi.getEmbeddingLevels(text, dir);
  const out: number[] = [];
  let at = 0;
  for (const w of words) {
    let lv = levels[at] ?? 1;
    for (let i = 0; i < w.length; i++) {
      if (/[\p{L}\p{N}]/u.test(w[i]!)) {
        lv = levels[at + i]!;
        break;
      }
    }
    out.push(lv);
    at += w.length + 1;
  }
  return out;
}

/**
 * The visual order (left to right) of words with these embedding levels, by rule L2 of UAX #9 applied to whole words.
 * @example visualOrder([1, 2, 2, 1]) // [3, 1, 2, 0]
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  if (!levels.length) return order;
  const max = Math.max(...levels);
  let minOdd = Math.min(...levels);
  if (minOdd % 2 === 0) minOdd++;
  for (let lv = max; lv >= minOdd; lv--) {
    for (let i = 0; i < order.length; ) {
      if (levels[order[i]!]! < lv) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= lv) j++;
      const run = order.slice(i, j).reverse();
      order.splice(i, j - i, ...run);
      i = j;
    }
  }
  return order;
}

/**
 * A text content set left to right, placed for a right-to-left paragraph in a block `blockWidth` wide (see the module
 * comment). `width(font, s)` is the advance of `s`. Returns a new content; the input is not changed.
 * @example mirrorText(kit.text(lines), b.rect.x1 - b.rect.x0, (f, s) => cache.width(f, s))
 */
export function mirrorText(c: TextContent, blockWidth: number, width: (font: string, s: string) => number): TextContent {
  const W = blockWidth;
  const shift0 = c.prefix && c.prefix.x === undefined ? c.prefix.width : 0;
  const lines: TextLine[] = [];
  const lineX: number[] = [];
  c.lines.forEach((line, k) => {
    const shift = k === 0 ? shift0 : 0;
    const start = (c.lineX[k] ?? 0) + shift;
    const n = line.words.length;
    const ws = line.words.map((w) => width(c.font, w));
    const used = ws.reduce((a, b) => a + b, 0);
    const gap = n > 1 ? (line.width - used) / (n - 1) : 0;
    // The line's span mirrored: it now ends where it started, measured from the right edge.
    const left = W - start - line.width;
    const order = visualOrder(wordLevels(line.words));
    const xs = new Array<number>(n);
    let x = 0;
    for (const j of order) {
      xs[j] = x;
      x += ws[j]! + gap;
    }
    lines.push({ ...line, xs });
    lineX.push(left);
  });
  let prefix = c.prefix;
  if (prefix) {
    const px = prefix.x ?? c.lineX[0] ?? 0;
    const textW = width(prefix.font, prefix.text);
    prefix = { ...prefix, x: W - px - textW };
  }
  return { ...c, lines, lineX, ...(prefix ? { prefix } : {}), dir: 'rtl' };
}
