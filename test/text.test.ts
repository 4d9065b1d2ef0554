import { beforeAll, describe, expect, it } from 'vitest';
import { createFaker, fillLines, hyphenPrefixes, seededFaker, sentence, titleWords, WordWidthCache, type TextLine } from '../src/content/text.js';
import { captionText, footerText, genreSentence, GENRES, headerText, headingText, listItemText, normaliseGenre, titleText, type Genre } from '../src/content/vocab/index.js';
import { createRng, type Rng } from '../src/random/index.js';
import { createMeasurer } from '../src/render/canvas.js';
import { registerFonts } from '../src/render/fonts.js';

const FAMILIES = ['Liberation Serif', 'Liberation Sans', 'DejaVu Serif'];
/** Abbreviations whose period does not end a sentence. */
const ABBREV = /(?:\bet al|\be\.g|\bi\.e|\bInc|\bLtd|\bCo|\bNo|\bVol|\bFig|\bDr|\bMr|\bMs|\bvs|\bno|\bRev|\bTel|\ba\.m|\bp\.m|\bE&OE)\.$/;

let cache: WordWidthCache;
beforeAll(() => {
  registerFonts();
  cache = new WordWidthCache(createMeasurer());
});

/** The text of wrapped lines, with hyphenated words joined again. */
function joined(lines: readonly TextLine[]): string {
  let s = '';
  for (const l of lines) {
    s += l.words.join(' ');
    if (l.hyphenated) s = s.replace(/-$/, '');
    else s += ' ';
  }
  return s.trim();
}

/** Sentences of a text: split after '.', '!' or '?' followed by a space, except after abbreviations. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["”’)]? /g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(start, m.index + 1);
    if (ABBREV.test(before)) continue;
    out.push(text.slice(start, m.index + m[0].length).trim());
    start = m.index + m[0].length;
  }
  out.push(text.slice(start).trim());
  return out.filter(Boolean);
}

interface Sample {
  font: string;
  width: number;
  lines: number;
  indent: number;
}

function sample(rng: Rng, minLines: number, maxLines: number): Sample {
  const size = rng.pick([9, 10, 11, 12, 14]);
  return { font: `${size.toFixed(2)}px "${rng.pick(FAMILIES)}"`, width: rng.int(300, 900), lines: rng.int(minLines, maxLines), indent: rng.chance(0.4) ? size * 1.5 : 0 };
}

/** No justified line runs past its width, and the last line is never justified. */
function checkGeometry(out: readonly TextLine[], s: Sample): void {
  out.forEach((l, k) => {
    const avail = s.width - (k === 0 ? s.indent : 0);
    const end = l.xs[l.xs.length - 1]! + cache.width(s.font, l.words[l.words.length - 1]!);
    expect(end).toBeLessThanOrEqual(avail + 0.01);
    expect(l.width).toBeLessThanOrEqual(avail + 0.01);
    if (k === out.length - 1) expect(l.justified).toBe(false);
  });
}

describe('fillLines: paragraphs that end where a sentence ends', () => {
  it.each(GENRES.map((g) => [g]))('%s: 200 paragraphs of 3-10 lines wrap exactly and end with a full sentence', (genre: Genre) => {
    const rng = createRng(1000 + GENRES.indexOf(genre));
    const f = createFaker();
    for (let i = 0; i < 200; i++) {
      seededFaker(f, rng);
      const s = sample(rng, 3, 10);
      const out = fillLines(f, cache, s.font, s.width, s.lines, { justify: rng.chance(0.7), indent: s.indent, genre, lastLineFrac: rng.uniform(0.3, 0.9) });
      expect(out).toHaveLength(s.lines);
      const text = joined(out);
      expect(text, text).toMatch(/[.!?]["”’)]?$/);
      for (const sen of sentencesOf(text)) expect(sen, `${sen} | in: ${text}`).toMatch(/^["“(]?[A-Z]/);
      checkGeometry(out, s);
    }
  });

  it('list items (1-4 lines) and captions end on a full phrase; one-line items may be phrases without a period', () => {
    const rng = createRng(77);
    const f = createFaker();
    for (let i = 0; i < 300; i++) {
      seededFaker(f, rng);
      const genre = rng.pick(GENRES);
      const text = rng.pick(['list_item', 'caption', 'footnote'] as const);
      const s = sample(rng, 1, 4);
      const out = fillLines(f, cache, s.font, s.width - 30, s.lines, { genre, text, justify: text === 'caption' && rng.chance(0.5), indent: text === 'list_item' ? 0 : 40, lastLineFrac: rng.uniform(0.3, 0.95) });
      expect(out).toHaveLength(s.lines);
      const all = joined(out);
      const last = out[out.length - 1]!.words.at(-1)!;
      if (text === 'list_item' && s.lines === 1) {
        // A phrase: never cut after a function word.
        expect(all, all).not.toMatch(/\b(?:the|a|an|of|to|and|or|with|for|in|on|by|from)$/i);
      } else {
        expect(last, all).toMatch(/[.!?]["”’)]?$/);
      }
      // Receipt and invoice items may open with a quantity or an amount ("2 x coffee £5.80").
      expect(all, all).toMatch(text === 'list_item' ? /^["“(]?[A-Z0-9$€£]/ : /^["“(]?[A-Z]/);
    }
  });

  it('hyphenates loose justified lines: few gaps above 2.5 spaces, no justified line wider than its width', () => {
    const rng = createRng(5);
    const f = createFaker();
    let justified = 0;
    let loose = 0;
    let hyphenated = 0;
    for (let i = 0; i < 300; i++) {
      seededFaker(f, rng);
      const s = sample(rng, 3, 10);
      s.width = rng.int(200, 500); // narrow columns, where gaps open
      const out = fillLines(f, cache, s.font, s.width, s.lines, { justify: true, indent: s.indent, genre: rng.pick(GENRES) });
      checkGeometry(out, s);
      const space = cache.width(s.font, ' ');
      for (const l of out) {
        if (l.hyphenated) {
          hyphenated++;
          expect(l.words.at(-1)).toMatch(/[A-Za-z]-$/);
        }
        if (!l.justified) continue;
        justified++;
        const gaps = l.words.slice(1).map((_, j) => l.xs[j + 1]! - l.xs[j]! - cache.width(s.font, l.words[j]!));
        if (Math.max(...gaps) > 2.5 * space) loose++;
      }
    }
    expect(hyphenated).toBeGreaterThan(0);
    expect(loose / justified).toBeLessThan(0.02);
  });

  it('is deterministic: the same seed gives the same lines', () => {
    const run = (seed: number, genre: Genre) => {
      const rng = createRng(seed);
      const f = seededFaker(createFaker(), rng);
      return fillLines(f, cache, '11.00px "Liberation Serif"', 450, 7, { justify: true, genre });
    };
    for (const g of GENRES) expect(run(42, g)).toEqual(run(42, g));
    expect(joined(run(42, 'legal'))).not.toEqual(joined(run(43, 'legal')));
  });

  it('keeps the old call shape working (no genre: scientific; zero lines: empty)', () => {
    const f = seededFaker(createFaker(), createRng(3));
    const out = fillLines(f, cache, '10.00px "DejaVu Serif"', 380, 5, { indent: 15, justify: true, lastLineFrac: 0.5 });
    expect(out).toHaveLength(5);
    expect(fillLines(f, cache, '10.00px "DejaVu Serif"', 380, 0)).toEqual([]);
    // A column narrower than a word still gives the asked line count.
    expect(fillLines(f, cache, '10.00px "DejaVu Serif"', 60, 3, { justify: true })).toHaveLength(3);
    expect(sentence(f)).toMatch(/^[A-Z].*[.!?]$/);
    for (const n of [1, 3, 6, 12]) expect(titleWords(f, n)).toHaveLength(n);
  });
});

describe('genre vocabulary', () => {
  const texts = (genre: Genre, n = 300) => {
    const rng = createRng(99);
    const f = seededFaker(createFaker(), rng);
    return Array.from({ length: n }, () => genreSentence(f, rng, genre));
  };

  it('every genre gives capitalised sentences ending in . ! or ?, most of them distinct', () => {
    for (const g of GENRES) {
      const all = texts(g, 1000);
      for (const s of all) expect(s, s).toMatch(/^["“(]?[A-Z].*[.!?]["”’)]?$/);
      expect(new Set(all).size / all.length, g).toBeGreaterThan(0.85);
    }
  });

  it('vocabulary differs between genres', () => {
    const joinedOf = (g: Genre) => texts(g).join(' ');
    expect(joinedOf('invoice')).toMatch(/[$€£]\d{1,3}(,\d{3})*\.\d\d/);
    expect(joinedOf('legal')).toMatch(/\bshall\b/);
    expect(joinedOf('manual')).toMatch(/\bPress\b/);
    expect(joinedOf('scientific')).toMatch(/\[\d+(, \d+)?\]/);
    expect(joinedOf('scientific')).not.toMatch(/\bshall\b/);
    expect(joinedOf('book')).not.toMatch(/[$€£]\d/);
    // Little overlap in words between two unrelated genres.
    const words = (g: Genre) => new Set(joinedOf(g).toLowerCase().match(/[a-z]{6,}/g));
    const a = words('legal');
    const b = words('magazine');
    const shared = [...a].filter((w) => b.has(w)).length;
    expect(shared / Math.min(a.size, b.size)).toBeLessThan(0.25);
  });

  it('headings come in sentence case, Title Case and capitals, within the word range', () => {
    const rng = createRng(4);
    const f = seededFaker(createFaker(), rng);
    for (const g of GENRES) {
      for (let i = 0; i < 30; i++) {
        const sc = headingText(f, rng, g, { case: 'sentence', words: [2, 5] });
        expect(sc.split(' ').length).toBeGreaterThanOrEqual(2);
        expect(sc.split(' ').length).toBeLessThanOrEqual(5);
        expect(sc).toMatch(/^[A-Z0-9]/);
        expect(sc).not.toMatch(/\.$/);
        const up = headingText(f, rng, g, { case: 'upper' });
        expect(up).toBe(up.toUpperCase());
        const tc = headingText(f, rng, g, { case: 'title', words: [3, 6] });
        for (const w of tc.split(' ').slice(0, 1)) expect(w).toMatch(/^[^a-z]/);
      }
    }
  });

  it('captions, list items, titles and running heads are complete', () => {
    const rng = createRng(8);
    const f = seededFaker(createFaker(), rng);
    for (const g of GENRES) {
      expect(captionText(f, rng, g)).toMatch(/^[A-Z].*\.$/);
      expect(listItemText(f, rng, g)).toMatch(/^[A-Z0-9$€£]/);
      expect(listItemText(f, rng, g, { sentence: true })).toMatch(/[.!?]$/);
      expect(titleText(f, rng, g).length).toBeGreaterThan(0);
      expect(headerText(f, rng, g, 2)).toHaveLength(2);
      expect(footerText(f, rng, g, 1)).toHaveLength(1);
    }
    expect(normaliseGenre('poster')).toBe('report');
    expect(genreSentence(f, rng, 'poster')).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('hyphenation points are cached, shortest first, and skip numbers', () => {
    expect(hyphenPrefixes('convolutional')).toEqual(['con', 'convo', 'convolu', 'convolution']);
    expect(hyphenPrefixes('$1,234.56')).toEqual([]);
    expect(hyphenPrefixes('state-of-the-art')).toContain('state-');
    expect(hyphenPrefixes('convolutional')).toBe(hyphenPrefixes('convolutional'));
  });
});
