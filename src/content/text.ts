/**
 * Text content: genre sentences (see vocab/) set into an exact number of lines that end where a sentence ends,
 * words wrapped with a per-font word-width cache, justified lines hyphenated instead of showing wide gaps.
 */
import { Faker, base, en } from '@faker-js/faker';
import { createRequire } from 'node:module';
import { createRng, type Rng } from '../random/index.js';
import { captionText, footnoteText, genreSentence, headingText, listItemText, normaliseGenre, titleText, type Genre } from './vocab/index.js';
import { TRAILING_STOP } from './vocab/template.js';
import { textSource, type TextSource } from './lang/source.js';

const require = createRequire(import.meta.url);

/** The `hyphen` package's hyphenator for a pattern folder ('en-us', 'de', ...), loaded on first use. */
const HYPHENATORS = new Map<string, { hyphenateSync(word: string): string }>();
function hyphenator(patterns: string): { hyphenateSync(word: string): string } {
  let h = HYPHENATORS.get(patterns);
  if (!h) {
    h = require(`hyphen/${patterns}/index.js`) as { hyphenateSync(word: string): string };
    HYPHENATORS.set(patterns, h);
  }
  return h;
}

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
  /** The last word is the first part of a hyphenated word (it ends in '-'; the rest starts the next line). */
  hyphenated?: boolean;
}

/**
 * A seeded faker for one block: the same seed always gives the same words.
 * @example const f = seededFaker(createFaker(), rng); f.person.lastName()
 */
export function seededFaker(faker: Faker, rng: Rng): Faker {
  faker.seed(rng.int(0, 0x7fffffff));
  return faker;
}

/**
 * One Faker per thread; it is re-seeded for every block.
 * @example const faker = createFaker()
 */
export function createFaker(): Faker {
  return new Faker({ locale: [en, base] });
}

/** A random stream drawn from a seeded faker, for callers that only hand over the faker. */
function rngFrom(f: Faker): Rng {
  return createRng(f.number.int({ min: 0, max: 0x7fffffff }));
}

/**
 * A sentence of body text in a genre (default 'scientific'): capitalised, ending in a period, with the numbers,
 * names and citations that genre has. Uses only the (seeded) faker.
 * @example sentence(seededFaker(faker, rng), 'report') // "Net sales rose 4.2% in fiscal year 2021."
 */
export function sentence(f: Faker, genre: Genre | string = 'scientific'): string {
  return genreSentence(f, rngFrom(f), genre);
}

/**
 * Words of running text in a genre (default 'scientific'), whole sentences, at least `minWords` of them.
 * @example bodyWords(faker, 40).length >= 40
 */
export function bodyWords(f: Faker, minWords: number, genre: Genre | string = 'scientific'): string[] {
  const rng = rngFrom(f);
  const out: string[] = [];
  while (out.length < minWords) out.push(...genreSentence(f, rng, genre).split(' '));
  return out;
}

/**
 * Wraps words greedily into lines no wider than `width` (first line narrower by `indent`). Produces at most
 * `maxLines` lines; a word wider than a whole line is cut to fit.
 * @example wrapWords(['A', 'short', 'line.'], 300, '12px "Liberation Serif"', cache, { maxLines: 1 }).lines.length === 1
 */
export function wrapWords(
  words: readonly string[],
  width: number,
  font: string,
  cache: WordWidthCache,
  opts: { maxLines: number; indent?: number; justify?: boolean; /** Words are separated by spaces (default true). */ spaced?: boolean },
): { lines: TextLine[]; used: number } {
  const space = opts.spaced === false ? 0 : cache.width(font, ' ');
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
      const isLast = k === lines.length - 1 && i >= words.length;
      if (!isLast) justifyLine(lines[k]!, width - (k === 0 ? (opts.indent ?? 0) : 0), space);
    }
  }
  return { lines, used: i };
}

/** A justified line's gap (normal space + added space) above this many spaces is loose: hyphenate the next word. */
const LOOSE_GAP = 2.5;
/** Above this many spaces a line is left ragged rather than justified (rivers look worse than a short line). */
const MAX_GAP = 4;

/** Spreads a line to `avail` unless that would open gaps wider than MAX_GAP spaces. */
function justifyLine(line: TextLine, avail: number, space: number): void {
  const n = line.words.length;
  if (n < 2) return;
  const extra = (avail - line.width) / (n - 1);
  if (extra < 0 || space + extra > MAX_GAP * space) return;
  for (let j = 1; j < n; j++) line.xs[j] = line.xs[j]! + extra * j;
  line.width = avail;
  line.justified = true;
}

/** Hyphenation points per word (prefixes, shortest first); pure, so one cache serves every thread's pages. */
const HYPHEN_CACHE = new Map<string, readonly string[]>();
const NO_PREFIXES: readonly string[] = [];

/**
 * The prefixes at which `word` may break, shortest first (a prefix that ends in '-' breaks at a hard hyphen).
 * Liang's patterns (the `hyphen` package; `patterns` names its folder: 'en-us', 'de', 'ru'...); words with digits or
 * no lower-case letters are kept whole.
 * @example hyphenPrefixes('convolutional') // ['con', 'convo', 'convolu', 'convolution']
 */
export function hyphenPrefixes(word: string, patterns = 'en-us'): readonly string[] {
  const key = patterns === 'en-us' ? word : `${patterns}\u0001${word}`;
  let p = HYPHEN_CACHE.get(key);
  if (p) return p;
  p = NO_PREFIXES;
  if (word.length >= 6 && !/\d/.test(word) && /\p{Ll}{3}/u.test(word)) {
    const out: string[] = [];
    let acc = '';
    const parts = hyphenator(patterns).hyphenateSync(word).split('\u00AD');
    for (let k = 0; k < parts.length - 1; k++) {
      acc += parts[k]!;
      if (/\p{L}{2}/u.test(acc)) out.push(acc);
    }
    // Hard hyphens of compounds ("state-of-the-art") are break points too.
    for (let k = word.indexOf('-'); k > 1 && k < word.length - 3; k = word.indexOf('-', k + 1)) out.push(word.slice(0, k + 1));
    if (out.length) p = out.sort((a, b) => a.length - b.length);
  }
  if (HYPHEN_CACHE.size >= 50_000) HYPHEN_CACHE.clear();
  HYPHEN_CACHE.set(key, p);
  return p;
}

/** Where the setter is: completed lines, width of the current line and its word count. */
interface SetState {
  done: number;
  x: number;
  n: number;
  /** Completed lines that would be loose if justified (gap above LOOSE_GAP spaces). */
  loose: number;
}

/**
 * Greedy line setter over a fixed number of lines. With `hyphenate`, a word that does not fit after a loose line
 * (gap above LOOSE_GAP spaces if justified) is split at the longest hyphenation point that fits. Greedy setting is
 * prefix-stable, so a state can be extended word by word and candidates tried from the same state.
 */
class Setter {
  readonly space: number;
  constructor(
    private readonly cache: WordWidthCache,
    private readonly font: string,
    private readonly width: number,
    private readonly indent: number,
    private readonly justify: boolean,
    private readonly hyphenate: boolean,
    readonly maxLines: number,
    /** Hyphenation patterns of the language; words are separated by spaces unless `spaced` is false. */
    private readonly patterns = 'en-us',
    spaced = true,
  ) {
    this.space = spaced ? cache.width(font, ' ') : 0;
  }

  avail(line: number): number {
    return this.width - (line === 0 ? this.indent : 0);
  }

  /** Would a line of `n` words and width `x` open gaps wider than LOOSE_GAP spaces when justified? */
  private isLoose(x: number, n: number, avail: number): boolean {
    return (avail - x) / Math.max(1, n - 1) > (LOOSE_GAP - 1) * this.space;
  }

  /** Sets `word` after state `s` (which changes). False once the text needs more than maxLines lines. */
  put(s: SetState, word: string, sink?: TextLine[]): boolean {
    const avail = this.avail(s.done);
    const w = this.cache.width(this.font, word);
    if (s.n === 0) {
      let word2 = word;
      let w2 = w;
      // A single word wider than the line: cut it.
      while (word2.length > 1 && w2 > avail) {
        word2 = word2.slice(0, -1);
        w2 = this.cache.width(this.font, word2);
      }
      s.x = w2;
      s.n = 1;
      if (sink) sink.push({ words: [word2], xs: [0], width: w2, justified: false });
      return true;
    }
    const start = s.x + this.space;
    if (start + w <= avail) {
      s.x = start + w;
      s.n++;
      if (sink) {
        const l = sink[sink.length - 1]!;
        l.words.push(word);
        l.xs.push(start);
        l.width = s.x;
      }
      return true;
    }
    const loose = this.justify && this.isLoose(s.x, s.n, avail);
    if (loose && this.hyphenate) {
      const prefixes = hyphenPrefixes(word, this.patterns);
      for (let k = prefixes.length - 1; k >= 0; k--) {
        const pre = prefixes[k]!;
        const piece = pre.endsWith('-') ? pre : `${pre}-`;
        const pw = this.cache.width(this.font, piece);
        if (start + pw > avail) continue;
        if (sink) {
          const l = sink[sink.length - 1]!;
          l.words.push(piece);
          l.xs.push(start);
          l.width = start + pw;
          l.hyphenated = true;
        }
        if (this.isLoose(start + pw, s.n + 1, avail)) s.loose++;
        s.done++;
        s.n = 0;
        s.x = 0;
        return s.done < this.maxLines && this.put(s, word.slice(pre.length), sink);
      }
    }
    if (loose) s.loose++;
    s.done++;
    s.n = 0;
    s.x = 0;
    return s.done < this.maxLines && this.put(s, word, sink);
  }

  /** Sets `words` after a copy of `from`; the new state, or null if they overflow. */
  extend(from: SetState, words: readonly string[]): SetState | null {
    const s = { ...from };
    for (const w of words) if (!this.put(s, w)) return null;
    return s;
  }
}

/** The kind of text a block holds: how its first sentence is made and how it may end. */
export type TextKind = 'paragraph' | 'caption' | 'list_item' | 'footnote';

/** Options of {@link fillLines}. */
export interface FillOptions {
  /** First-line indent (a paragraph indent, or the width of a caption's "Figure 3:" lead-in). */
  indent?: number;
  /** Justify every line but the last (hyphenating where a line would be loose). */
  justify?: boolean;
  /** Wanted fill of the last line (0-1; default drawn from 0.35-0.9). The text ends at a sentence end near it. */
  lastLineFrac?: number;
  /** Vocabulary genre; default 'scientific'; unknown names fall back to 'report'. */
  genre?: Genre | string;
  /** Where the words come from (the page's language and genre); default English of `genre`. */
  source?: TextSource;
  /** Kind of text; default 'paragraph'. */
  text?: TextKind;
  /** Random stream for the choice of templates; default one drawn from `f`. */
  rng?: Rng;
  /** Hyphenate loose justified lines (default true; only used when justifying). */
  hyphenate?: boolean;
}

/** The last line of a multi-line text must be at least this full. */
const MIN_LAST_FILL = 0.12;
/** A candidate ending this close to the wanted last-line fill is taken at once. */
const FILL_TOLERANCE = 0.12;
/** Score added per loose line a candidate leaves (the score is otherwise the last-line fill error, 0-1). */
const LOOSE_PENALTY = 0.5;
/** Candidate sentences tried from one state before backtracking. */
const CANDIDATES = 8;

/**
 * Exactly `lines` lines of text at `width` whose last line ends where a sentence (or, for a one-line list item,
 * a phrase) ends. Whole sentences of the genre are set until the next would overflow; then candidates (full,
 * lean and short sentences) are tried so the text ends on the last line near `lastLineFrac`, dropping the last
 * sentence if none fits. Justified lines that would be loose are hyphenated; the last line is never justified.
 * @example fillLines(seededFaker(faker, rng), cache, '11px "Liberation Serif"', 480, 7, { justify: true, genre: 'legal' }).length === 7
 */
export function fillLines(f: Faker, cache: WordWidthCache, font: string, width: number, lines: number, opts: FillOptions = {}): TextLine[] {
  if (lines <= 0) return [];
  const rng = opts.rng ?? rngFrom(f);
  const source = opts.source ?? textSource('en', normaliseGenre(opts.genre ?? 'scientific'));
  const kind = opts.text ?? 'paragraph';
  // Scripts without spaces are set ragged (their lines break between words, so they end close to the edge anyway).
  const justify = (opts.justify ?? false) && source.spaced;
  const hyphenate = justify && opts.hyphenate !== false && source.lang.hyphen !== undefined;
  const setter = new Setter(cache, font, width, opts.indent ?? 0, justify, hyphenate, lines, source.lang.hyphen, source.spaced);
  const target = Math.min(1, Math.max(MIN_LAST_FILL, opts.lastLineFrac ?? rng.uniform(0.35, 0.9)));

  // A one-line list item is one phrase; everything else is whole sentences.
  const maxUnits = kind === 'list_item' && lines === 1 ? 1 : Infinity;
  const unit = (index: number, mode: 'normal' | 'lean' | 'short'): string[] => {
    let t: string;
    if (index === 0 && kind === 'caption') t = source.caption(f, rng);
    else if (kind === 'caption') t = source.caption(f, rng, { note: true });
    else if (index === 0 && kind === 'list_item' && mode !== 'short') t = source.listItem(f, rng, { sentence: lines > 1 });
    else if (index === 0 && kind === 'footnote') t = source.footnote(f, rng);
    else t = source.sentence(f, rng, mode);
    return source.tokens(t);
  };

  const words: string[] = [];
  const unitLengths: number[] = [];
  const states: SetState[] = [{ done: 0, x: 0, n: 0, loose: 0 }];
  const fill = (s: SetState) => s.x / setter.avail(s.done);
  const onLastLine = (s: SetState) => s.done === lines - 1 && s.n > 0;
  const acceptable = (s: SetState) => onLastLine(s) && (lines === 1 || fill(s) >= MIN_LAST_FILL);
  const commit = (u: readonly string[], s: SetState) => {
    words.push(...u);
    unitLengths.push(u.length);
    states.push(s);
  };

  let backtracks = 0;
  for (let round = 0; round < 200; round++) {
    const p = states[states.length - 1]!;
    let best: { u: string[]; s: SetState; score: number } | null = null;
    if (unitLengths.length > 0 && acceptable(p)) {
      best = { u: [], s: p, score: Math.abs(fill(p) - target) };
      if (best.score < FILL_TOLERANCE) return setLines(words, setter, justify);
    }
    let progressed = false;
    // A candidate that leaves a loose line behind is kept only in case nothing else fits.
    let looseProgress: { u: string[]; s: SetState } | null = null;
    if (unitLengths.length < maxUnits) {
      // Room left, in lines: decides between full sentences and lean or short closers.
      const room = lines - 1 - p.done + (1 - fill(p));
      for (let j = 0; j < CANDIDATES; j++) {
        // Later candidates fall back to lean and short sentences (narrow columns, little room left).
        const mode = room < 0.7 || j >= CANDIDATES / 2 ? (j % 2 ? 'lean' : 'short') : room < 1.6 ? (['normal', 'lean', 'short'] as const)[j % 3]! : 'normal';
        const u = unit(unitLengths.length, mode);
        const s = setter.extend(p, u);
        if (!s) continue;
        const penalty = (s.loose - p.loose) * LOOSE_PENALTY;
        if (s.done < lines - 1) {
          if (penalty > 0) {
            looseProgress ??= { u, s };
            continue;
          }
          commit(u, s);
          progressed = true;
          break;
        }
        if (!acceptable(s)) continue;
        const score = Math.abs(fill(s) - target) + penalty;
        if (!best || score < best.score) best = { u, s, score };
        if (score < FILL_TOLERANCE) break;
      }
    }
    if (progressed) continue;
    if (best) {
      if (best.u.length) commit(best.u, best.s);
      return setLines(words, setter, justify);
    }
    if (looseProgress) {
      commit(looseProgress.u, looseProgress.s);
      continue;
    }
    if (unitLengths.length === 0 || backtracks >= 6) break;
    // Nothing ends well from here: drop the last sentence and try again.
    words.length -= unitLengths.pop()!;
    states.pop();
    backtracks++;
  }
  return setLines(fallbackWords(words, states[states.length - 1]!, setter, () => unit(unitLengths.length, 'lean'), source.stop), setter, justify);
}

/**
 * Last resort (very narrow columns): fill the remaining lines word by word and end on the last word that still
 * fits on the last line with a period after it, preferring one that is not a function word.
 */
function fallbackWords(words: readonly string[], from: SetState, setter: Setter, more: () => string[], fullStop = '.'): string[] {
  const out = words.slice();
  let s = { ...from };
  let end = -1;
  let endWord = '';
  let endIsStop = true;
  for (let guard = 0; guard < 50; guard++) {
    let overflow = false;
    for (const w of more()) {
      const t = { ...s };
      if (!setter.put(t, w)) {
        overflow = true;
        break;
      }
      const ended = /[.!?。！？।]$/u.test(w) || !fullStop ? w : `${w.replace(/[,;:–—\-、，：；]+$/u, '')}${fullStop}`;
      const e = { ...s };
      const stop = TRAILING_STOP.has(w.replace(/[,;:]+$/, '').toLowerCase());
      if (setter.put(e, ended) && e.done === setter.maxLines - 1 && (!stop || endIsStop)) {
        end = out.length;
        endWord = ended;
        endIsStop = stop;
      }
      out.push(w);
      s = t;
    }
    if (overflow) break;
  }
  if (end < 0) return out;
  out.length = end + 1;
  out[end] = endWord;
  return out;
}

/** Sets the chosen words into lines and justifies all but the last. */
function setLines(words: readonly string[], setter: Setter, justify: boolean): TextLine[] {
  const out: TextLine[] = [];
  const s: SetState = { done: 0, x: 0, n: 0, loose: 0 };
  for (const w of words) if (!setter.put(s, w, out)) break;
  if (out.length > setter.maxLines) out.length = setter.maxLines;
  if (justify) for (let k = 0; k < out.length - 1; k++) justifyLine(out[k]!, setter.avail(k), setter.space);
  return out;
}

/**
 * Title-like text of exactly `n` words in Title Case (default genre 'scientific'): a heading for a few words, a
 * title with a subtitle after a colon for more.
 * @example titleWords(seededFaker(faker, rng), 4) // ['Results', 'on', 'Held-out', 'Corpora']
 */
export function titleWords(f: Faker, n: number, genre: Genre | string = 'scientific', source?: TextSource): string[] {
  if (n <= 0) return [];
  const rng = rngFrom(f);
  if (source && source.lang.tag !== 'en') {
    const w = source.tokens(source.heading(f, rng, { words: [n, n], case: 'title' }));
    for (let guard = 0; w.length < n && guard < 8; guard++) w.push(...source.tokens(source.heading(f, rng, { case: 'title' })));
    return w.slice(0, n);
  }
  let words: string[] = [];
  for (let tries = 0; tries < 4; tries++) {
    words = (n <= 5 ? headingText(f, rng, genre, { words: [n, n], case: 'title' }) : titleText(f, rng, genre, { case: 'title' })).split(' ');
    while (words.length < n) {
      const rest = n - words.length;
      const more = rest <= 5 ? headingText(f, rng, genre, { words: [1, rest], case: 'title' }) : titleText(f, rng, genre, { case: 'title' });
      words[words.length - 1] = `${words[words.length - 1]!.replace(/[:?.]$/, '')}:`;
      words.push(...more.split(' '));
    }
    words = words.slice(0, n);
    if (!TRAILING_STOP.has(words[n - 1]!.replace(/:$/, '').toLowerCase())) break;
  }
  words[n - 1] = words[n - 1]!.replace(/:$/, '');
  return words;
}
