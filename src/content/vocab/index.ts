/**
 * Genre vocabulary: sentences, headings, captions, list items, titles and running heads that read like the
 * document they appear in. Built from small template corpora (genres/*.ts) whose slots are filled from the
 * block's Rng and the seeded faker (names, places, companies, products, amounts).
 */
import type { Faker } from '@faker-js/faker';
import type { Rng } from '../../random/index.js';
import { COMMON_SLOTS } from './common.js';
import { book } from './genres/book.js';
import { form } from './genres/form.js';
import { invoice } from './genres/invoice.js';
import { legal } from './genres/legal.js';
import { magazine } from './genres/magazine.js';
import { manual } from './genres/manual.js';
import { newspaper } from './genres/newspaper.js';
import { receipt } from './genres/receipt.js';
import { report } from './genres/report.js';
import { resume } from './genres/resume.js';
import { scientific } from './genres/scientific.js';
import { slide } from './genres/slide.js';
import { capitalise, expandRaw, tidy, titleCase, TRAILING_STOP, variety, type Ctx, type GenreCorpus, type SlotTable } from './template.js';

export type Genre = 'scientific' | 'report' | 'book' | 'magazine' | 'newspaper' | 'form' | 'invoice' | 'receipt' | 'resume' | 'slide' | 'manual' | 'legal';

/** Every genre, in a fixed order. */
export const GENRES: readonly Genre[] = ['scientific', 'report', 'book', 'magazine', 'newspaper', 'form', 'invoice', 'receipt', 'resume', 'slide', 'manual', 'legal'];

/** How a heading is cased. */
export type HeadingCase = 'sentence' | 'title' | 'upper';

export type { GenreCorpus } from './template.js';

const CORPORA: Record<Genre, GenreCorpus> = { scientific, report, book, magazine, newspaper, form, invoice, receipt, resume, slide, manual, legal };

/** Footnote openers shared by all genres (mixed with the genre's own sentences). */
const FOOTNOTES = [
  'See {surname} ({year}) for a detailed discussion.',
  'Figures are rounded to the nearest whole number.',
  'Data as of {date}.',
  'Personal communication with {person}, {month} {year}.',
  'This work was supported by {company}[ under grant {code}].',
  'Corresponding author: {person}.',
  'Source: {company}, {year}.',
  'Available from the authors on request.',
  'Amounts are shown in thousands unless stated otherwise.',
];

/** Sentences that follow a caption's first sentence, in any genre. */
const CAPTION_NOTES = [
  '<Error bars|Shaded areas|Whiskers> show <one standard deviation|the 95% confidence interval|the interquartile range>.',
  '<Higher|Lower> values are better.',
  'Source: {company}, {year}.',
  'Data as of {date}.',
  'Best results are shown in bold.',
  'Amounts in thousands[ of <US dollars|euros|pounds>].',
  'Photograph: {person}.',
  'Adapted from {surname} ({year}).',
  'Figures may not add up because of rounding.',
  'Dashed lines mark the <target|average|previous year>.',
  'Sample size: {n3}.',
];

const SLOTS: Record<Genre, SlotTable> = Object.fromEntries(GENRES.map((g) => [g, { ...COMMON_SLOTS, ...CORPORA[g].slots }])) as Record<Genre, SlotTable>;

/**
 * The genre named `g`, or 'report' when the name is unknown or missing.
 * @example normaliseGenre('legal') === 'legal'; normaliseGenre('poster') === 'report'
 */
export function normaliseGenre(g: string | undefined): Genre {
  return g !== undefined && (GENRES as readonly string[]).includes(g) ? (g as Genre) : 'report';
}

/**
 * The template corpus of a genre (unknown genres fall back to 'report').
 * @example genreCorpus('manual').headings.length > 0
 */
export function genreCorpus(genre: Genre | string): GenreCorpus {
  return CORPORA[normaliseGenre(genre)];
}

/** Sampling weights of a template list: boilerplate with few variants is drawn less often (never below 0.05). */
const WEIGHTS = new Map<readonly string[], number[]>();

function pickTemplate(rng: Rng, list: readonly string[], g: Genre): string {
  let w = WEIGHTS.get(list);
  if (!w) {
    w = list.map((t) => Math.max(0.05, Math.min(1, Math.sqrt(variety(t, SLOTS[g]) / 100))));
    WEIGHTS.set(list, w);
  }
  return list[rng.weighted(w)]!;
}

function ctx(f: Faker, rng: Rng, genre: Genre, optional: number): Ctx {
  return { f, rng, slots: SLOTS[genre], optional };
}

function asSentence(s: string): string {
  const t = capitalise(tidy(s));
  return /[.!?]["”’)]?$/.test(t) ? t : `${t.replace(/[,;:]$/, '')}.`;
}

/** Options of {@link genreSentence}. */
export interface SentenceOptions {
  /** Probability of keeping each optional clause (0 gives the shortest form, 1 the longest). Default 0.5. */
  optional?: number;
  /** A short closing sentence (about 2-8 words) instead of a full one. */
  short?: boolean;
}

/**
 * One sentence of body text that reads like `genre`: capitalised, ending in '.', '!' or '?', with numbers,
 * dates, amounts and names where the genre has them.
 * @example genreSentence(faker, rng, 'legal') // "The Tenant shall pay all outstanding invoices within 30 days of delivery."
 */
export function genreSentence(f: Faker, rng: Rng, genre: Genre | string, opts: SentenceOptions = {}): string {
  const g = normaliseGenre(genre);
  const c = CORPORA[g];
  const list = opts.short ? c.short : c.sentences;
  return asSentence(expandRaw(pickTemplate(rng, list, g), ctx(f, rng, g, opts.optional ?? 0.5)));
}

/**
 * The first sentence of a footnote: a citation, a source or data note, or a sentence of the genre.
 * @example footnoteText(faker, rng, 'report') // "Source: Hill & Moore, 2021."
 */
export function footnoteText(f: Faker, rng: Rng, genre: Genre | string): string {
  const g = normaliseGenre(genre);
  if (rng.chance(0.5)) return asSentence(expandRaw(rng.pick(FOOTNOTES), ctx(f, rng, g, 0.5)));
  return genreSentence(f, rng, g, { optional: 0.3 });
}

function applyCase(s: string, c: HeadingCase): string {
  if (c === 'upper') return s.toUpperCase();
  if (c === 'title') return titleCase(s);
  return capitalise(s);
}

function trimTrailing(words: string[]): string[] {
  const w = words.map((x) => x.replace(/[,;:]$/, ''));
  while (w.length > 1 && TRAILING_STOP.has(w[w.length - 1]!.toLowerCase())) w.pop();
  return w;
}

/** Options of {@link headingText}. */
export interface HeadingOptions {
  /** Inclusive range of the word count. Default [1, 7]. */
  words?: [number, number];
  case: HeadingCase;
}

/**
 * A section heading of the genre, without a final period, in sentence case, Title Case or CAPITALS, with a word
 * count in `opts.words` (padded with a second heading after a colon, or cut before a function word, if needed).
 * @example headingText(faker, rng, 'manual', { case: 'title', words: [2, 5] }) // "Cleaning and Maintenance"
 */
export function headingText(f: Faker, rng: Rng, genre: Genre | string, opts: HeadingOptions): string {
  const g = normaliseGenre(genre);
  const [lo, hi] = opts.words ?? [1, 7];
  const c = ctx(f, rng, g, 0.5);
  const one = () => tidy(expandRaw(rng.pick(CORPORA[g].headings), c)).replace(/[.]$/, '');
  let words: string[] = [];
  for (let tries = 0; tries < 8; tries++) {
    const w = one().split(' ');
    if (w.length >= lo && w.length <= hi) {
      words = w;
      break;
    }
    if (!words.length || Math.abs(w.length - (lo + hi) / 2) < Math.abs(words.length - (lo + hi) / 2)) words = w;
  }
  for (let guard = 0; words.length < lo && guard < 6; guard++) {
    const more = one().split(' ');
    words = [...words.slice(0, -1), `${words[words.length - 1]!.replace(/[:?]$/, '')}:`, ...more];
  }
  if (words.length > hi) words = trimTrailing(words.slice(0, hi));
  return applyCase(words.join(' '), opts.case);
}

/**
 * The first sentence of a figure or table caption (a noun phrase or sentence ending in a period); with
 * `note`, a sentence that may follow it (error bars, source, a sentence of the genre).
 * @example captionText(faker, rng, 'scientific') // "Effect of viscosity on recall for 12 specimens."
 */
export function captionText(f: Faker, rng: Rng, genre: Genre | string, opts: { note?: boolean } = {}): string {
  const g = normaliseGenre(genre);
  const list = opts.note && rng.chance(0.6) ? CAPTION_NOTES : opts.note ? CORPORA[g].sentences : CORPORA[g].captions;
  return asSentence(expandRaw(rng.pick(list), ctx(f, rng, g, opts.note ? 0.3 : 0.5)));
}

/** Options of {@link listItemText}. */
export interface ListItemOptions {
  /** Always end with terminal punctuation (phrases get a period). Default false. */
  sentence?: boolean;
}

/**
 * One list item: a complete phrase (no final period) or a sentence, never cut mid-phrase.
 * @example listItemText(faker, rng, 'invoice') // "Total due: $1,204.50"
 */
export function listItemText(f: Faker, rng: Rng, genre: Genre | string, opts: ListItemOptions = {}): string {
  const g = normaliseGenre(genre);
  const t = capitalise(tidy(expandRaw(rng.pick(CORPORA[g].items), ctx(f, rng, g, 0.5))));
  return opts.sentence ? asSentence(t) : t;
}

/**
 * A document title of the genre (no final period).
 * @example titleText(faker, rng, 'legal', { case: 'title' }) // "Master Services Agreement"
 */
export function titleText(f: Faker, rng: Rng, genre: Genre | string, opts: { case?: HeadingCase } = {}): string {
  const g = normaliseGenre(genre);
  const t = tidy(expandRaw(rng.pick(CORPORA[g].titles), ctx(f, rng, g, 0.5))).replace(/[.]$/, '');
  return applyCase(t, opts.case ?? 'title');
}

function pieces(f: Faker, rng: Rng, g: Genre, list: readonly string[], count: number): string[] {
  const c = ctx(f, rng, g, 0.5);
  return rng
    .shuffle(list)
    .slice(0, Math.max(1, Math.min(count, list.length)))
    .map((t) => tidy(expandRaw(t, c)));
}

/**
 * Running-header pieces of the genre (journal, volume, date, company...), `count` of them, to be joined by the caller.
 * @example headerText(faker, rng, 'scientific', 2).join('  ·  ') // "Vol. 12, No. 3  ·  March 2021"
 */
export function headerText(f: Faker, rng: Rng, genre: Genre | string, count = 2): string[] {
  const g = normaliseGenre(genre);
  return pieces(f, rng, g, CORPORA[g].header, count);
}

/**
 * Running-footer pieces of the genre (copyright, DOI, page of pages, confidentiality...).
 * @example footerText(faker, rng, 'report', 1) // ["Confidential"]
 */
export function footerText(f: Faker, rng: Rng, genre: Genre | string, count = 2): string[] {
  const g = normaliseGenre(genre);
  return pieces(f, rng, g, CORPORA[g].footer, count);
}
