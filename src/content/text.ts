/**
 * Text content: faker sentences, words wrapped into lines with a per-font word-width cache.
 */
import { Faker, base, en } from '@faker-js/faker';
import type { Rng } from '../random/index.js';

/** Measures the advance width of a string in a CSS font; injected so content does not depend on canvas. */
export type MeasureFn = (font: string, text: string) => number;

/** Size at which words are measured; other sizes scale linearly (Skia advances are unhinted: error < 0.1 px a word). */
const REFERENCE_PX = 100;

/**
 * Caches each word's width per font face (style + family), measured once at a reference size and scaled to
 * the size asked for. One cache then serves every size on every page, which matters because misses cost a
 * native measureText call (~20 µs) each.
 */
export class WordWidthCache {
  private readonly faces = new Map<string, Map<string, number>>();
  /** CSS font string → [face key, scale]. */
  private readonly parsed = new Map<string, [string, number]>();
  constructor(private readonly measure: MeasureFn, private readonly maxWordsPerFace = 100_000) {}

  private face(font: string): [string, number] {
    let p = this.parsed.get(font);
    if (!p) {
      const m = /^(.*?)([\d.]+)px (.*)$/.exec(font);
      p = m ? [`${m[1]}${REFERENCE_PX}px ${m[3]}`, Number(m[2]) / REFERENCE_PX] : [font, 1];
      this.parsed.set(font, p);
    }
    return p;
  }

  width(font: string, word: string): number {
    const [face, scale] = this.face(font);
    let m = this.faces.get(face);
    if (!m) {
      m = new Map();
      this.faces.set(face, m);
    }
    let w = m.get(word);
    if (w === undefined) {
      w = this.measure(face, word);
      if (m.size >= this.maxWordsPerFace) m.clear();
      m.set(word, w);
    }
    return w * scale;
  }
}

/** One wrapped line: its words and the x offset of each (relative to the line start). */
export interface TextLine {
  words: string[];
  xs: number[];
  /** Width of the line as set (last word's end). */
  width: number;
  /** Spread to the full width (justified, not the last line of its paragraph). */
  justified: boolean;
}

/** A seeded faker for one block: the same seed always gives the same words. */
export function seededFaker(faker: Faker, rng: Rng): Faker {
  faker.seed(rng.int(0, 0x7fffffff));
  return faker;
}

/** One Faker per thread; it is re-seeded for every block. */
export function createFaker(): Faker {
  return new Faker({ locale: [en, base] });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A plausible sentence of body text: phrases, numbers and citations, like the pages detectors meet. */
export function sentence(f: Faker): string {
  const r = f.number.int({ min: 0, max: 9 });
  if (r < 4) return f.hacker.phrase();
  if (r < 6) return `${capitalise(f.company.buzzPhrase())} ${f.word.words({ count: { min: 3, max: 9 } })}.`;
  if (r < 8) {
    const n = f.number.float({ min: 0, max: 100, fractionDigits: f.number.int({ min: 0, max: 2 }) });
    return `${capitalise(f.word.words({ count: { min: 4, max: 10 } }))} (${n}%) ${f.word.words({ count: { min: 2, max: 6 } })} [${f.number.int({ min: 1, max: 40 })}].`;
  }
  return `${capitalise(f.company.catchPhrase())}, ${f.word.words({ count: { min: 3, max: 12 } })}.`;
}

/** Words of running text, enough for about `minWords`. */
export function bodyWords(f: Faker, minWords: number): string[] {
  const out: string[] = [];
  while (out.length < minWords) out.push(...sentence(f).split(/\s+/).filter(Boolean));
  return out;
}

/**
 * Wraps words greedily into lines no wider than `width` (first line narrower by `indent`). Produces at most
 * `maxLines` lines; a word wider than a whole line is cut to fit.
 */
export function wrapWords(
  words: readonly string[],
  width: number,
  font: string,
  cache: WordWidthCache,
  opts: { maxLines: number; indent?: number; justify?: boolean },
): { lines: TextLine[]; used: number } {
  const space = cache.width(font, ' ');
  const lines: TextLine[] = [];
  let i = 0;
  while (i < words.length && lines.length < opts.maxLines) {
    const avail = width - (lines.length === 0 ? (opts.indent ?? 0) : 0);
    const lw: string[] = [];
    const xs: number[] = [];
    let x = 0;
    while (i < words.length) {
      let word = words[i]!;
      let w = cache.width(font, word);
      const start = lw.length ? x + space : 0;
      if (start + w > avail) {
        if (lw.length) break;
        // A single word wider than the line: cut it.
        while (word.length > 1 && w > avail) {
          word = word.slice(0, -1);
          w = cache.width(font, word);
        }
      }
      xs.push(start);
      lw.push(word);
      x = start + w;
      i++;
    }
    lines.push({ words: lw, xs, width: x, justified: false });
  }
  if (opts.justify) {
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!;
      const isLast = k === lines.length - 1 && i >= words.length;
      if (isLast || line.words.length < 2) continue;
      const avail = width - (k === 0 ? (opts.indent ?? 0) : 0);
      const extra = (avail - line.width) / (line.words.length - 1);
      if (extra > space * 3) continue; // too loose: leave ragged
      line.xs = line.xs.map((x, j) => x + extra * j);
      line.width = avail;
      line.justified = true;
    }
  }
  return { lines, used: i };
}

/**
 * Exactly `lines` lines of running text at `width` (the last one short), from a seeded faker.
 * Enough words are generated for the estimate and more are added if the text ran short.
 */
export function fillLines(f: Faker, cache: WordWidthCache, font: string, width: number, lines: number, opts: { indent?: number; justify?: boolean; lastLineFrac?: number } = {}): TextLine[] {
  const avgWord = cache.width(font, 'average') * 0.8 + cache.width(font, ' ');
  let words = bodyWords(f, Math.ceil(((width / Math.max(1, avgWord)) * lines) * 1.3) + 4);
  for (let tries = 0; tries < 5; tries++) {
    const { lines: out, used } = wrapWords(words, width, font, cache, { maxLines: lines, indent: opts.indent, justify: false });
    if (out.length === lines && used < words.length) {
      // Shorten the last line so a paragraph looks ended, then justify the others.
      const last = out[lines - 1]!;
      const frac = opts.lastLineFrac ?? 1;
      if (frac < 1) {
        while (last.words.length > 1 && last.width > width * frac) {
          last.words.pop();
          last.xs.pop();
          const lw = last.words[last.words.length - 1]!;
          last.width = last.xs[last.xs.length - 1]! + cache.width(font, lw);
        }
      }
      if (opts.justify) justifyLines(out, width, font, cache, opts.indent ?? 0, frac < 1);
      return out;
    }
    words = words.concat(bodyWords(f, words.length));
  }
  return wrapWords(words, width, font, cache, { maxLines: lines, indent: opts.indent, justify: opts.justify }).lines;
}

function justifyLines(lines: TextLine[], width: number, font: string, cache: WordWidthCache, indent: number, lastIsShort: boolean): void {
  const space = cache.width(font, ' ');
  lines.forEach((line, k) => {
    if ((lastIsShort && k === lines.length - 1) || line.words.length < 2) return;
    const avail = width - (k === 0 ? indent : 0);
    const extra = (avail - line.width) / (line.words.length - 1);
    if (extra > space * 3 || extra <= 0) return;
    line.xs = line.xs.map((x, j) => x + extra * j);
    line.width = avail;
    line.justified = true;
  });
}

/** Title-like text: capitalised words. */
export function titleWords(f: Faker, n: number): string[] {
  const words: string[] = [];
  while (words.length < n) {
    const phrase = f.number.int({ min: 0, max: 1 }) ? f.company.catchPhrase() : f.company.buzzPhrase();
    words.push(...phrase.split(/\s+/).map((w, k) => (k === 0 || w.length > 3 ? capitalise(w) : w)));
  }
  return words.slice(0, n);
}
