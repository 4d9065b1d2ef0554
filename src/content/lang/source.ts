/**
 * Where a block's words come from, in the page's language. English uses the genre vocabularies (vocab/): templates
 * whose slots faker fills. Every other language draws from its bundled corpus (corpora/<tag>.ts, self-made text),
 * by the page's domain (scientific → science, invoice → business, legal → legal, ...), with names, places and
 * companies from faker's locale for that language, and numbers, dates and currencies formatted by Intl.
 *
 * It also says how a text is cut into the units a line is set from (`tokens`): space-separated words, or for
 * Chinese, Japanese and Thai the words of ICU's segmenter with punctuation kept on the right side (see `tokens`).
 */
import { allLocales, base, en, Faker, type LocaleDefinition } from '@faker-js/faker';
import { deriveSeed, type Rng } from '../../random/index.js';
import {
  captionText,
  footerText,
  footnoteText,
  genreSentence,
  headerText,
  headingText,
  listItemText,
  normaliseGenre,
  titleText,
  type Genre,
  type HeadingOptions,
  type ListItemOptions,
} from '../vocab/index.js';
import { CORPORA } from './corpora/index.js';
import { language, type Language } from './languages.js';
import type { Corpus, Domain, Labels } from './types.js';

/** How a sentence is chosen: any, a shorter one, or one of the shortest (to close a paragraph in little room). */
export type SentenceMode = 'normal' | 'lean' | 'short';

/** The words of one page: every generator a filler uses, in the page's language and genre. */
export interface TextSource {
  lang: Language;
  genre: Genre;
  /** Words are separated by spaces (false for Chinese, Japanese and Thai). */
  spaced: boolean;
  /** The language's full stop ("." "。" "।"; "" for Thai, whose sentences are separated by a space). */
  stop: string;
  sentence(f: Faker, rng: Rng, mode?: SentenceMode): string;
  heading(f: Faker, rng: Rng, opts: HeadingOptions): string;
  title(f: Faker, rng: Rng, opts?: { case?: HeadingOptions['case'] }): string;
  caption(f: Faker, rng: Rng, opts?: { note?: boolean }): string;
  listItem(f: Faker, rng: Rng, opts?: ListItemOptions): string;
  footnote(f: Faker, rng: Rng): string;
  header(f: Faker, rng: Rng, count: number): string[];
  footer(f: Faker, rng: Rng, count: number): string[];
  /** The units a line is set from, in reading order (see the module comment). */
  tokens(text: string): string[];
  /** A fixed word of the language ("Figure", "Tabelle", "الشكل"). */
  label(key: keyof Labels): string;
  /** A caption lead-in: "Figure 3", "表 2", "الشكل ٣". */
  numbered(key: 'figure' | 'table', n: number): string;
  /** A number in the language's digits and separators. */
  number(n: number, opts?: Intl.NumberFormatOptions): string;
  /**
   * A string made by an English generator (a table header, a chart label, a form key) in the page's language: numbers,
   * amounts and dates re-formatted, words replaced by corpus terms of about the same length (the same English string
   * always gives the same replacement, so a repeated header stays the same). English returns it unchanged.
   */
  localize(english: string): string;
}

const DOMAIN: Record<Genre, Domain> = {
  scientific: 'science',
  report: 'business',
  book: 'general',
  magazine: 'general',
  newspaper: 'general',
  form: 'business',
  invoice: 'business',
  receipt: 'business',
  resume: 'business',
  slide: 'business',
  manual: 'technical',
  legal: 'legal',
};

const ENGLISH_LABELS: Labels = {
  figure: 'Figure', table: 'Table', page: 'Page', contents: 'Contents', abstract: 'Abstract', keywords: 'Keywords',
  references: 'References', chapter: 'Chapter', section: 'Section', notes: 'Notes', date: 'Date', name: 'Name',
  address: 'Address', phone: 'Phone', email: 'Email', signature: 'Signature', total: 'Total', subtotal: 'Subtotal',
  tax: 'Tax', quantity: 'Quantity', price: 'Price', amount: 'Amount', description: 'Description', invoice: 'Invoice',
  receipt: 'Receipt', yes: 'Yes', no: 'No',
};

const STOP: Record<string, string> = { zh: '。', 'zh-Hant': '。', ja: '。', hi: '।', th: '' };

/** One faker per language and thread (re-seeded for every block). */
const FAKERS = new Map<string, Faker>();

/**
 * The faker of a language: its own locale where faker has one, then English for what that locale lacks.
 * @example fakerFor(language('de')).person.lastName()
 */
export function fakerFor(lang: Language): Faker {
  let f = FAKERS.get(lang.tag);
  if (!f) {
    const own = lang.faker ? (allLocales as Record<string, LocaleDefinition>)[lang.faker] : undefined;
    f = new Faker({ locale: own && lang.faker !== 'en' ? [own, en, base] : [en, base] });
    FAKERS.set(lang.tag, f);
  }
  return f;
}

const SEGMENTERS = new Map<string, Intl.Segmenter>();
function segmenter(lang: Language): Intl.Segmenter {
  let s = SEGMENTERS.get(lang.tag);
  if (!s) {
    s = new Intl.Segmenter(lang.intl, { granularity: 'word' });
    SEGMENTERS.set(lang.tag, s);
  }
  return s;
}

/** Punctuation that must not end a line: it opens, so it goes with the token after it. */
const OPENING = /^[(\[{「『（〔［｛〈《【〘〖“‘"']+$/u;

/**
 * The units of a text for line setting. Space-separated languages: its words. Chinese, Japanese and Thai: the words of
 * Intl.Segmenter (ICU's dictionary segmenter), a subset of the UAX #14 break opportunities; a run of punctuation goes
 * with the word before it (so 。、」） never begin a line) unless it opens (「（“ go with the word after it, so they never
 * end one); spaces (between Thai sentences) stay on the word before them.
 * @example segmentTokens(language('ja'), '日本語の文書です。') // ['日本語', 'の', '文書', 'です。']
 */
export function segmentTokens(lang: Language, text: string): string[] {
  if (lang.breaks === 'space') return text.split(' ').filter((w) => w.length > 0);
  const out: string[] = [];
  let pending = '';
  for (const s of segmenter(lang).segment(text)) {
    const seg = s.segment;
    if (s.isWordLike) {
      out.push(pending + seg);
      pending = '';
    } else if (OPENING.test(seg)) {
      pending += seg;
    } else if (out.length && !pending) {
      out[out.length - 1] += seg;
    } else {
      pending += seg;
    }
  }
  if (pending.trim()) {
    if (out.length) out[out.length - 1] += pending;
    else out.push(pending);
  }
  return out.map((t) => t.replace(/^\s+/, '')).filter((t) => t.length > 0);
}

function withStop(s: string, stop: string): string {
  const t = s.trim();
  if (!stop || /[.!?。！？।:：]$/u.test(t)) return t;
  return t + stop;
}

/** English: the genre vocabularies as they are. */
function englishSource(lang: Language, genre: Genre): TextSource {
  return {
    lang,
    genre,
    spaced: true,
    stop: '.',
    sentence: (f, rng, mode = 'normal') => genreSentence(f, rng, genre, mode === 'short' ? { short: true } : { optional: mode === 'lean' ? 0 : rng.next() }),
    heading: (f, rng, opts) => headingText(f, rng, genre, opts),
    title: (f, rng, opts = {}) => titleText(f, rng, genre, opts),
    caption: (f, rng, opts = {}) => captionText(f, rng, genre, opts),
    listItem: (f, rng, opts = {}) => listItemText(f, rng, genre, opts),
    footnote: (f, rng) => footnoteText(f, rng, genre),
    header: (f, rng, count) => headerText(f, rng, genre, count),
    footer: (f, rng, count) => footerText(f, rng, genre, count),
    tokens: (text) => segmentTokens(lang, text),
    label: (key) => ENGLISH_LABELS[key],
    numbered: (key, n) => `${key === 'figure' ? 'Figure' : 'Table'} ${n}`,
    number: (n, opts) => new Intl.NumberFormat(lang.intl, opts).format(n),
    localize: (s) => s,
  };
}

/** A sentence length measure that works for scripts with and without spaces. */
function size(lang: Language, s: string): number {
  return lang.breaks === 'space' ? s.split(' ').length : [...s].length / 3;
}

/** Sorted copies of the corpus lists, shortest first (for 'lean' and 'short' sentences). */
const SORTED = new Map<string, readonly string[]>();
function sorted(lang: Language, key: string, list: readonly string[]): readonly string[] {
  const k = `${lang.tag}:${key}`;
  let s = SORTED.get(k);
  if (!s) {
    s = [...list].sort((a, b) => size(lang, a) - size(lang, b));
    SORTED.set(k, s);
  }
  return s;
}

const NUMERIC = /^[\s\d.,:%$€£¥+\-–—()/]+$/u;

function corpusSource(lang: Language, genre: Genre, corpus: Corpus): TextSource {
  const domain = DOMAIN[genre];
  const stop = STOP[lang.tag] ?? '.';
  const fmt = new Intl.NumberFormat(lang.intl);
  const upper = (s: string) => s.toLocaleUpperCase(lang.intl);
  const cased = (s: string, c: HeadingOptions['case'] | undefined) => (c === 'upper' ? upper(s) : s);
  const domains = Object.keys(corpus.sentences) as Domain[];
  const pickSentence = (rng: Rng, own: Domain, mode: SentenceMode): string => {
    // Mostly the genre's own domain, sometimes another (a small corpus repeats itself less).
    const d = rng.chance(0.65) ? own : rng.pick(domains);
    const list = sorted(lang, d, corpus.sentences[d]);
    if (mode === 'short') return rng.pick(list.slice(0, Math.max(1, Math.ceil(list.length / 3))));
    if (mode === 'lean') return rng.pick(list.slice(0, Math.max(1, Math.ceil(list.length / 2))));
    return rng.pick(list);
  };
  const tokens = (text: string) => segmentTokens(lang, text);
  const joiner = lang.breaks === 'space' ? ' ' : '';
  /** A heading with about the wanted number of words (space languages). */
  const heading = (rng: Rng, range: [number, number] | undefined): string => {
    if (!range || lang.breaks !== 'space') return rng.pick(corpus.headings);
    const [lo, hi] = range;
    let best = rng.pick(corpus.headings);
    for (let k = 0; k < 8; k++) {
      const h = rng.pick(corpus.headings);
      const n = h.split(' ').length;
      if (n >= lo && n <= hi) return h;
      const d = (x: string) => Math.abs(x.split(' ').length - (lo + hi) / 2);
      if (d(h) < d(best)) best = h;
    }
    const w = best.split(' ');
    return w.length > hi ? w.slice(0, hi).join(' ') : best;
  };
  const date = (rng: Rng) => new Intl.DateTimeFormat(lang.intl, { dateStyle: rng.chance(0.5) ? 'long' : 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(rng.int(1995, 2025), rng.int(0, 11), rng.int(1, 28))));
  const hashPick = (list: readonly string[], key: string) => list[deriveSeed(0, 0, key) % list.length]!;
  return {
    lang,
    genre,
    spaced: lang.breaks === 'space',
    stop,
    sentence: (_f, rng, mode = 'normal') => withStop(pickSentence(rng, domain, mode), stop),
    heading: (_f, rng, opts) => cased(heading(rng, opts.words), opts.case),
    title: (_f, rng, opts = {}) => cased(rng.pick(corpus.titles), opts.case),
    caption: (_f, rng, opts = {}) => withStop(opts.note ? pickSentence(rng, domain, 'short') : rng.pick(corpus.captions), stop),
    listItem: (_f, rng, opts = {}) => {
      const t = rng.pick(corpus.items);
      return opts.sentence ? withStop(t, stop) : t;
    },
    footnote: (_f, rng) => withStop(pickSentence(rng, domain, 'short'), stop),
    header: (_f, rng, count) => rng.shuffle([rng.pick(corpus.titles), date(rng), `${corpus.labels.chapter} ${fmt.format(rng.int(1, 12))}`, rng.pick(corpus.headings)]).slice(0, Math.max(1, count)),
    footer: (_f, rng, count) => rng.shuffle([`© ${rng.int(1995, 2025)}`, `${corpus.labels.page} ${fmt.format(rng.int(1, 300))}`, date(rng), rng.pick(corpus.terms)]).slice(0, Math.max(1, count)),
    tokens,
    label: (key) => corpus.labels[key],
    numbered: (key, n) => `${corpus.labels[key]} ${fmt.format(n)}`,
    number: (n, opts) => new Intl.NumberFormat(lang.intl, opts).format(n),
    localize: (s) => {
      const t = s.trim();
      if (!t) return s;
      if (NUMERIC.test(t)) return localiseNumber(t, lang);
      const n = t.split(/\s+/).length;
      if (n <= 3) return hashPick(corpus.terms, t);
      if (n <= 7) return hashPick(corpus.items, t);
      return withStop(hashPick(corpus.sentences[domain], t), stop);
    },
  };
}

/**
 * Re-writes the digits and separators of an English numeric string ("1,234.50", "12.5%") in a language's, and an
 * amount in dollars, euros or pounds ("$1,204.50") as an amount in the language's currency ("1.204,50 €", "¥1,205",
 * "١٬٢٠٤٫٥٠ ج.م.‏").
 */
export function localiseNumber(s: string, lang: Language): string {
  const money = /^([-+]?)[$€£]\s?(\d[\d,]*(?:\.\d+)?)$|^([-+]?)(\d[\d,]*(?:\.\d+)?)\s?[$€£]$/.exec(s.trim());
  if (money) {
    const v = Number((money[2] ?? money[4])!.replace(/,/g, '')) * ((money[1] ?? money[3]) === '-' ? -1 : 1);
    // The currency's own minor units (yen and won have none).
    if (Number.isFinite(v)) return new Intl.NumberFormat(lang.intl, { style: 'currency', currency: lang.currency }).format(v);
  }
  return s.replace(/\d[\d,]*(\.\d+)?/g, (m, frac: string | undefined) => {
    const v = Number(m.replace(/,/g, ''));
    if (!Number.isFinite(v)) return m;
    const digits = frac ? frac.length - 1 : 0;
    const grouped = m.includes(',');
    return new Intl.NumberFormat(lang.intl, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouped }).format(v);
  });
}

const SOURCES = new Map<string, TextSource>();

/**
 * The text source of a language and genre (cached).
 * @example textSource('de', 'report').sentence(faker, rng)
 */
export function textSource(tag: string, genre: string): TextSource {
  const g = normaliseGenre(genre);
  const key = `${tag}|${g}`;
  let s = SOURCES.get(key);
  if (!s) {
    const lang = language(tag);
    const corpus = CORPORA[lang.tag];
    s = lang.tag === 'en' || !corpus ? englishSource(lang, g) : corpusSource(lang, g, corpus);
    SOURCES.set(key, s);
  }
  return s;
}
