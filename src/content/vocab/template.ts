/**
 * A tiny template language for genre sentences, compiled once per template string.
 *
 * - `{name}` a slot: filled from the genre's slots, then the common ones (see common.ts);
 * - `<a|b|c>` a choice between alternatives (which may hold slots, choices and options);
 * - `[ ... ]` an optional clause, kept with probability `optional` (0.5 by default).
 *
 * A backslash makes the next character literal (`p \\< 0.05`). Slot values that are strings are themselves
 * templates, so a slot list can nest choices and other slots. A slot used twice in one expansion is re-drawn
 * (a few times) so that "compared with X, X is better" does not happen.
 */
import type { Faker } from '@faker-js/faker';
import type { Rng } from '../../random/index.js';

/** What a slot filler gets: the seeded faker, the block's random stream, and the expansion settings. */
export interface Ctx {
  f: Faker;
  rng: Rng;
  slots: SlotTable;
  /** Probability of keeping each optional clause. */
  optional: number;
  /** Values given to slots so far in this expansion (filled in by the engine). */
  used?: Map<string, string[]>;
}

/** A slot filler: a list of (template) strings to pick from, or a function. */
export type Slot = readonly string[] | ((c: Ctx) => string);
export type SlotTable = Readonly<Record<string, Slot>>;

type Node = string | { slot: string } | { choice: Node[][] } | { opt: Node[] };

const compiled = new Map<string, Node[]>();

function parse(src: string, pos: { i: number }, until: string): Node[][] {
  // Returns alternatives separated by '|' (only meaningful inside <...>).
  const alts: Node[][] = [[]];
  let lit = '';
  const flush = () => {
    if (lit) alts[alts.length - 1]!.push(lit);
    lit = '';
  };
  while (pos.i < src.length) {
    const ch = src[pos.i]!;
    if (until.includes(ch)) break;
    pos.i++;
    if (ch === '\\' && pos.i < src.length) {
      lit += src[pos.i++]!;
    } else if (ch === '{') {
      const end = src.indexOf('}', pos.i);
      if (end < 0) throw new SyntaxError(`unclosed slot in template "${src}"`);
      flush();
      alts[alts.length - 1]!.push({ slot: src.slice(pos.i, end) });
      pos.i = end + 1;
    } else if (ch === '<') {
      flush();
      const choice = parse(src, pos, '>');
      if (src[pos.i] !== '>') throw new SyntaxError(`unclosed choice in template "${src}"`);
      pos.i++;
      alts[alts.length - 1]!.push({ choice });
    } else if (ch === '[') {
      flush();
      const inner = parse(src, pos, ']');
      if (src[pos.i] !== ']') throw new SyntaxError(`unclosed option in template "${src}"`);
      pos.i++;
      alts[alts.length - 1]!.push({ opt: inner.flat() });
    } else if (ch === '|' && until === '>') {
      flush();
      alts.push([]);
    } else {
      lit += ch;
    }
  }
  flush();
  return alts;
}

function compile(src: string): Node[] {
  let nodes = compiled.get(src);
  if (!nodes) {
    if (!/[{<[]/.test(src)) nodes = [src];
    else {
      const pos = { i: 0 };
      const alts = parse(src, pos, '');
      nodes = alts.flat();
    }
    compiled.set(src, nodes);
  }
  return nodes;
}

function run(nodes: readonly Node[], c: Ctx, out: string[]): void {
  for (const n of nodes) {
    if (typeof n === 'string') out.push(n);
    else if ('slot' in n) out.push(fillSlot(n.slot, c));
    else if ('choice' in n) run(c.rng.pick(n.choice), c, out);
    else if (c.optional > 0 && c.rng.chance(c.optional)) run(n.opt, c, out);
  }
}

/**
 * The value of one slot; unknown slots are a programming error and throw. `{name!}` repeats the value `name`
 * last had in this expansion (a pronoun that agrees with its name); a slot filler may preset such a value with
 * {@link remember}.
 */
export function fillSlot(name: string, c: Ctx): string {
  const used = (c.used ??= new Map());
  if (name.endsWith('!')) {
    const prev = used.get(name.slice(0, -1));
    if (prev?.length) return prev[prev.length - 1]!;
    name = name.slice(0, -1);
  }
  const s = c.slots[name];
  if (s === undefined) throw new RangeError(`unknown template slot {${name}}`);
  const before = used.get(name);
  let v = '';
  for (let tries = 0; tries < 4; tries++) {
    v = typeof s === 'function' ? s(c) : expandRaw(c.rng.pick(s), c);
    if (!before?.includes(v)) break;
  }
  remember(c, name, v);
  return v;
}

/** Records `value` as the latest value of slot `name` in this expansion (read back by `{name!}`). */
export function remember(c: Ctx, name: string, value: string): void {
  const used = (c.used ??= new Map());
  const list = used.get(name);
  if (list) list.push(value);
  else used.set(name, [value]);
}

/** Expands a template without any clean-up. */
export function expandRaw(template: string, c: Ctx): string {
  const nodes = compile(template);
  if (nodes.length === 1 && typeof nodes[0] === 'string') return nodes[0];
  const out: string[] = [];
  run(nodes, c, out);
  return out.join('');
}

const AN_EXCEPTIONS = /^(?:uni|use|usu|uti|eu|one|once|ur)/i;

/** Spaces, punctuation spacing and a/an agreement after slots were filled. */
export function tidy(s: string): string {
  let t = s.replace(/\s+/g, ' ').replace(/ ([,.;:!?%)])/g, '$1').replace(/\( /g, '(').replace(/,([,.])/g, '$1').trim();
  t = t.replace(/\b([Aa]) ([A-Za-z0-9][\w-]*)/g, (m, a: string, w: string) => {
    const acronym = /^[A-Z]{2,6}(?:\b|s\b)/.test(w);
    const an = acronym ? /^[AEFHILMNORSX]/.test(w) : /^[aeiou]/i.test(w) ? !AN_EXCEPTIONS.test(w) : /^(?:8|11(?!\d)|18(?!\d))/.test(w);
    return an ? `${a}n ${w}` : m;
  });
  return t;
}

/** First letter in upper case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const SMALL = new Set(['et', 'al.', 'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'via', 'vs', 'per', 'into', 'over']);

/** Title Case: every word capitalised except short function words (not the first or last). */
export function titleCase(s: string): string {
  const words = s.split(' ');
  return words
    .map((w, k) => (k > 0 && k < words.length - 1 && SMALL.has(w.toLowerCase()) ? w.toLowerCase() : w.replace(/^([("'“]?)(\p{Ll})/u, (_, p: string, ch: string) => p + ch.toUpperCase())))
    .join(' ');
}

/** Function words a heading or phrase should not end on. */
export const TRAILING_STOP = new Set([...SMALL, 'its', 'their', 'our', 'your', 'this', 'that', 'these', 'is', 'are', 'was', 'were', 'be', 'than', 'when', 'which', 'who', 'whose', 'under', 'after', 'before', 'between', 'within', 'without', 'about', 'against', 'across', 'during', 'through', 'new', 'all', 'any', 'each', 'every', 'no', 'not', 'more', 'most', 'less', 'if', 'then', 'so', 'such', 'can', 'will', 'shall', 'may', 'must', 'should', '&', '-', '–', '—', ':', 'vs.', 'and/or']);

/** Everything one genre can say: template lists plus its own slots (merged over the common ones). */
export interface GenreCorpus {
  /** Body sentences. */
  sentences: readonly string[];
  /** Short sentences (about 2-8 words) that close a paragraph neatly. */
  short: readonly string[];
  /** Section headings (noun phrases, no final period). */
  headings: readonly string[];
  /** Figure / table captions (the first sentence; body sentences may follow). */
  captions: readonly string[];
  /** List items: phrases (no period) or sentences (with one). */
  items: readonly string[];
  /** Document titles. */
  titles: readonly string[];
  /** Running-header pieces. */
  header: readonly string[];
  /** Running-footer pieces. */
  footer: readonly string[];
  slots: SlotTable;
}

/** Assumed number of distinct values of a function slot. */
const FUNCTION_SLOT_VARIETY = 30;

// Effective number of variants (inverse Simpson index: 1 / probability that two draws agree). It multiplies
// over independent parts, which keeps the recursion simple.
function nodesVariety(nodes: readonly Node[], slots: SlotTable, depth: number, optional: number): number {
  let v = 1;
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    if ('slot' in n) v *= slotVariety(n.slot, slots, depth + 1, optional);
    else if ('choice' in n) v *= uniformMix(n.choice.map((alt) => nodesVariety(alt, slots, depth + 1, optional)));
    else {
      const inner = nodesVariety(n.opt, slots, depth + 1, optional);
      v *= 1 / ((1 - optional) ** 2 + optional ** 2 / inner);
    }
    if (v > 1e6) return 1e6;
  }
  return v;
}

/** Inverse Simpson index of a uniform mixture of parts with the given indices. */
function uniformMix(parts: readonly number[]): number {
  const k = parts.length;
  return (k * k) / parts.reduce((a, d) => a + 1 / d, 0);
}

function slotVariety(name: string, slots: SlotTable, depth: number, optional: number): number {
  if (name.endsWith('!')) return 1;
  const s = slots[name];
  if (s === undefined) throw new RangeError(`unknown template slot {${name}}`);
  if (typeof s === 'function' || depth > 6) return FUNCTION_SLOT_VARIETY;
  return uniformMix(s.map((t) => nodesVariety(compile(t), slots, depth, optional)));
}

/**
 * The effective number of different strings a template gives with these slots (inverse Simpson index, capped
 * at a million); used to draw
 * fixed boilerplate less often than templates with many variants, so a thousand sentences do not repeat.
 */
export function variety(template: string, slots: SlotTable, optional = 0.5): number {
  return nodesVariety(compile(template), slots, 0, optional);
}
