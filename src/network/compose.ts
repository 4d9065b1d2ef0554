/**
 * Reading order of a page's elements. The network samples elements grouped by type; a page reads:
 *
 * 1. page furniture: `header`, `footer`, `page_number` (layout puts them in the margins);
 * 2. the front matter: `title`, then `abstract`;
 * 3. the body: every other element (including types this file does not know), in random order, where each
 *    `section_header` directly introduces a non-header element: a header is never last and never directly
 *    followed by another header. If the page has section headers, the body opens with one with probability
 *    `OPENING_HEADER_PROB` (0.5), and otherwise the headers go to random places (which may still be the start).
 *    A header needs something to introduce, so headers beyond the number of other body elements are dropped;
 * 4. `footnote`s, last.
 *
 * Genres with a fixed structure (invoices, receipts, forms) rank their elements: a body element whose parameters
 * have a numeric `rank` is moved, by a stable sort, among the body elements by that rank (elements without one rank
 * 50), so an invoice's items table comes before its totals and its signature last.
 *
 * Elements of one type keep their sampled order within steps 1, 2 and 4.
 */
import type { Rng } from '../random/index.js';
import type { ElementSpec } from '../types.js';

/** Types laid out in the page margins, first in reading order. */
export const FURNITURE_TYPES: readonly string[] = ['header', 'footer', 'page_number'];
/** Types read before the body. */
export const FRONT_TYPES: readonly string[] = ['title', 'abstract'];
/** Types read after the body. */
export const TRAILING_TYPES: readonly string[] = ['footnote'];
/** The body type that must be followed by a non-header body element. */
export const SECTION_HEADER = 'section_header';
/** Probability that a body with section headers opens with one (forced); otherwise headers are placed at random. */
export const OPENING_HEADER_PROB = 0.5;

const FIXED_TYPES = new Set([...FURNITURE_TYPES, ...FRONT_TYPES, ...TRAILING_TYPES]);

function ofTypes(elements: readonly ElementSpec[], types: readonly string[]): ElementSpec[] {
  return types.flatMap((t) => elements.filter((e) => e.type === t));
}

/**
 * The body: non-header elements shuffled, and headers (shuffled) inserted before distinct elements of them.
 * Uniform over the orders obeying the rules, except for the forced opening header.
 */
function composeBody(elements: readonly ElementSpec[], rng: Rng): ElementSpec[] {
  const headers = rng.shuffle(elements.filter((e) => e.type === SECTION_HEADER));
  const others = rng.shuffle(elements.filter((e) => e.type !== SECTION_HEADER));
  const k = Math.min(headers.length, others.length);
  if (k === 0) return others;
  const slots = rng.shuffle(others.map((_, i) => i)).slice(0, k);
  if (rng.chance(OPENING_HEADER_PROB) && !slots.includes(0)) slots[k - 1] = 0;
  const before = new Set(slots);
  const out: ElementSpec[] = [];
  let h = 0;
  others.forEach((el, i) => {
    if (before.has(i)) out.push(headers[h++]!);
    out.push(el);
  });
  return out;
}

/**
 * Puts sampled elements in reading order (see the module comment for the rules).
 * @param rng the composition stream: pass `pageRng.fork('compose')` so changing the network's nodes does not
 *   change composition draws.
 */
export function composeReadingOrder(elements: readonly ElementSpec[], rng: Rng): ElementSpec[] {
  const body = elements.filter((e) => !FIXED_TYPES.has(e.type));
  return [...ofTypes(elements, FURNITURE_TYPES), ...ofTypes(elements, FRONT_TYPES), ...byRank(composeBody(body, rng)), ...ofTypes(elements, TRAILING_TYPES)];
}

/**
 * Body elements stably sorted by their `rank` parameter (default 50); unchanged when no element has one. A section
 * header moves with the element it introduces, so the reading-order rules still hold.
 */
function byRank(body: ElementSpec[]): ElementSpec[] {
  const rank = (e: ElementSpec) => (typeof e.params.rank === 'number' ? e.params.rank : 50);
  if (!body.some((e) => typeof e.params.rank === 'number')) return body;
  const groups: ElementSpec[][] = [];
  let open: ElementSpec[] = [];
  for (const e of body) {
    open.push(e);
    if (e.type !== SECTION_HEADER) {
      groups.push(open);
      open = [];
    }
  }
  if (open.length) groups.push(open);
  const last = (g: ElementSpec[]) => g[g.length - 1]!;
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(last(a.g)) - rank(last(b.g)) || a.i - b.i)
    .flatMap(({ g }) => g);
}
