/**
 * Layout features of a page, from its COCO boxes alone (no image). The same definitions apply to real and
 * synthetic pages, so the two can be compared and the network fitted to real pages.
 *
 * Definitions (W, H: page width and height in pixels; "normalised": x / W, y / H):
 *
 * - **Roles.** Which of a profile's classes play which part is read off the profile: the class pagesynth's
 *   `paragraph` regions become is the *text* class, `page_number` regions the *page-number* class, and so on
 *   (`rolesOf`). Under the docbank profile page numbers and running heads are `paragraph` boxes.
 * - **Furniture** (running heads, page numbers, page footers) is found by position: a single-line box (height ≤
 *   3% of H) of the page-number / header / footer class in the top band (bottom edge ≤ 13% of H) with no other
 *   box above it, or in the bottom band (top edge ≥ 87% of H) with no other box below it; in both cases with no
 *   other box on its line and a gap of at least 0.4 of its height to the nearest body box. Of those, a box at
 *   most 6.5% of W wide is a *page number*; a wider one in the top band of the header class a *running head*; a
 *   wider one in the bottom band of the footer class a *page footer*; anything else furniture of no known kind.
 *   Furniture is left out of every body measure below.
 * - **Body**: all boxes but furniture. Text block: [L, R] = [min x0, max x1] of the body; T = R − L.
 * - **Margins**: left L / W, right 1 − R / W, top min y0 / H, bottom 1 − max y1 / H, over the body.
 * - **Columns** (from the x-extents of text blocks): text boxes (text, list and, when the profile has them,
 *   `abstract` / `reference` classes) at least 2.5% of H tall. None: unknown. Widths are compared with the text
 *   block as equal margins make it, T' = max(T, 1 − 2·min(left, right margin)), so a page whose last column is
 *   empty still shows its columns. All wider than 0.65 T': 1. Else the x-intervals of the narrow ones are merged
 *   (gaps under 2% of W join) and the parts at least 0.15 T wide are counted; one narrow part alone means a
 *   multi-column page with one column filled: round((T' + g) / (w + g)), g = 2% of W. Capped at 4. **Gutter**: mean gap between neighbouring parts (pages with ≥ 2 columns).
 * - **Reading order**: body boxes sorted by column (x-centre's column slot; boxes wider than 0.65 T open a new
 *   band that spans all columns), then by top edge; a **reading-order gap** is the vertical gap (normalised by
 *   H, negative when boxes overlap) between consecutive boxes of one column.
 * - **Caption lead-ins** ("Fig. 5." boxed apart from its caption, as DocBank does): a text box at most 12% of W wide
 *   on a caption's first line at its start (`markCaptionLabels`). Counted in `counts` like any box, not as a
 *   paragraph in `elementCounts`.
 * - **Equation numbers**: an equation box at most 6.5% of W wide whose vertical extent overlaps another, wider,
 *   equation box to its left by half its height (DocBank labels "(3)" as a separate equation box). Counted as
 *   boxes, not as equations, in `elementCounts`.
 * - **Page size**: A4 or letter (or the other sizes layout knows), whichever's aspect ratio is closest;
 *   millimetres per pixel = that size's width / W. Portrait unless W > H.
 * - Per box: normalised centre (cx, cy), width w, height h, aspect h / w, area w·h.
 * - Quality: alignment, density, overlap (quality.ts).
 */
import { mergeStacked, targetClass, type LabelProfile } from '../../annotate/index.js';
import { PAGE_SIZES_MM } from '../../layout/constants.js';
import type { LayoutBox, LayoutPage, LayoutSet } from './load.js';
import { alignmentScore, densityScore, overlapScores, type NormBox } from './quality.js';

/** Parts boxes play, for finding furniture, columns and network elements. */
export interface Roles {
  text?: string;
  section?: string;
  list?: string;
  table?: string;
  figure?: string;
  caption?: string;
  equation?: string;
  footnote?: string;
  title?: string;
  authors?: string;
  abstract?: string;
  pageNumber?: string;
  header?: string;
  footer?: string;
  /** Extra classes that hold running text (columns): e.g. docbank's `reference`. */
  extraText: string[];
}

/** Roles of a profile's classes, from what pagesynth's regions become under it. */
export function rolesOf(profile: LabelProfile): Roles {
  const t = (kind: string, category: string) => {
    const c = targetClass(profile, kind, category);
    return c !== undefined && profile.classes.includes(c) ? c : undefined;
  };
  const text = t('paragraph', 'Text');
  const abstract = profile.classes.includes('abstract') ? 'abstract' : undefined;
  return {
    text,
    section: t('section_header', 'Section-header'),
    list: t('list_item', 'List-item'),
    table: t('table', 'Table'),
    figure: t('figure', 'Picture'),
    caption: t('caption', 'Caption'),
    equation: t('equation', 'Formula'),
    footnote: t('footnote', 'Footnote'),
    title: t('title', 'Title'),
    authors: t('authors', 'Text') !== text ? t('authors', 'Text') : undefined,
    abstract: abstract !== text ? abstract : undefined,
    pageNumber: t('page_number', 'Page-footer'),
    header: t('header', 'Page-header'),
    footer: t('footer', 'Page-footer'),
    extraText: ['reference'].filter((c) => profile.classes.includes(c) && c !== text),
  };
}

/** Kinds of furniture. */
/** Boxes outside the body's flow: page furniture, and text lying inside a figure (`figure_text`: DocBank labels
 * the text of figures as paragraphs). */
export type FurnitureKind = 'page_number' | 'header' | 'footer' | 'other' | 'figure_text';

/** A box with its normalised geometry. */
export interface BoxFeatures {
  cls: string;
  cx: number;
  cy: number;
  w: number;
  h: number;
  aspect: number;
  area: number;
  /** Set for furniture boxes. */
  furniture?: FurnitureKind;
  /** Set for equation-number boxes. */
  equationNumber?: boolean;
  /** Set for a caption's lead-in boxed apart ("Fig. 5." as a text box at the start of a caption: DocBank). */
  captionLabel?: boolean;
  /** The source box. */
  box: LayoutBox;
}

/** Everything measured on one page. */
export interface PageFeatures {
  id: number;
  file: string;
  width: number;
  height: number;
  pageSize: string;
  orientation: 'portrait' | 'landscape';
  mmPerPx: number;
  boxes: BoxFeatures[];
  /** Boxes per class (all boxes, furniture included). */
  counts: Record<string, number>;
  nBoxes: number;
  hasPageNumber: boolean;
  hasHeader: boolean;
  hasFooter: boolean;
  hasTitle: boolean;
  hasAbstract: boolean;
  /** Text columns, or null when the page has no text box tall enough to tell. */
  columns: number | null;
  /** Mean gap between columns, normalised by W (null for one column). */
  gutter: number | null;
  marginLeft: number | null;
  marginRight: number | null;
  marginTop: number | null;
  marginBottom: number | null;
  /** Width of the text block (R − L) / W. */
  textBlockWidth: number | null;
  /** Median width of the page's text boxes / W. */
  textBoxWidth: number | null;
  /** Reading-order gaps (normalised by H). */
  gaps: number[];
  medianGap: number | null;
  alignment: number;
  density: number;
  overlap: number;
  overlapRate: number;
}

/** A box by centre and size (fractions of the page), as BoxFeatures holds it. */
export type CentredBox = Pick<BoxFeatures, 'cx' | 'cy' | 'w' | 'h'>;

/** Length of the overlap of two boxes' x-extents (negative: the gap between them). */
export function overlapX(a: CentredBox, b: CentredBox): number {
  return Math.min(a.cx + a.w / 2, b.cx + b.w / 2) - Math.max(a.cx - a.w / 2, b.cx - b.w / 2);
}

/** Length of the overlap of two boxes' y-extents (negative: the gap between them). */
export function overlapY(a: CentredBox, b: CentredBox): number {
  return Math.min(a.cy + a.h / 2, b.cy + b.h / 2) - Math.max(a.cy - a.h / 2, b.cy - b.h / 2);
}

const BAND_TOP = 0.13;
const BAND_BOTTOM = 0.87;
const ONE_LINE = 0.03;
const SMALL_W = 0.065;
/** Widest caption lead-in box ("Figure 12:"), as a fraction of W. */
const SMALL_LABEL_W = 0.12;
const TALL_TEXT = 0.025;
const WIDE = 0.65;
/** List boxes stacked closer than this fraction of the tallest one belong to one list (annotate's STACK_GAP). */
const LIST_STACK_GAP = 0.6;

/** Page size (as layout names them) whose aspect ratio is closest to the page's. */
export function guessPageSize(width: number, height: number): { size: string; orientation: 'portrait' | 'landscape'; mmPerPx: number } {
  const landscape = width > height;
  const ratio = landscape ? height / width : width / height;
  let best = 'a4';
  let bestD = Number.POSITIVE_INFINITY;
  // The sizes the default network knows; a4 and a5 share a ratio, so the others only muddle the guess.
  for (const name of ['a4', 'letter']) {
    const [w, h] = PAGE_SIZES_MM[name]!;
    const d = Math.abs(w / h - ratio);
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  const [wmm, hmm] = PAGE_SIZES_MM[best]!;
  return { size: best, orientation: landscape ? 'landscape' : 'portrait', mmPerPx: (landscape ? hmm : wmm) / width };
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Marks furniture boxes (see module doc). */
function markFurniture(boxes: BoxFeatures[], roles: Roles): void {
  const furnitureClasses = new Set([roles.pageNumber, roles.header, roles.footer].filter((c): c is string => c !== undefined));
  const candidate = (b: BoxFeatures, top: boolean) =>
    furnitureClasses.has(b.cls) && b.h <= ONE_LINE && (top ? b.cy + b.h / 2 <= BAND_TOP : b.cy - b.h / 2 >= BAND_BOTTOM);
  for (const top of [true, false]) {
    const cands = boxes.filter((b) => candidate(b, top));
    if (cands.length === 0) continue;
    const others = boxes.filter((b) => !cands.includes(b));
    for (const c of cands) {
      const cy0 = c.cy - c.h / 2;
      const cy1 = c.cy + c.h / 2;
      // Nothing beyond it, nothing on its line, and a gap to the body of at least 0.4 of its height.
      const offLine = boxes.filter((o) => o !== c && overlapY(c, o) <= 0);
      const beyond = offLine.some((o) => (top ? o.cy + o.h / 2 <= cy0 + 1e-9 : o.cy - o.h / 2 >= cy1 - 1e-9));
      const sameLine = others.some((o) => overlapY(c, o) > 0);
      const gap = Math.min(...others.map((o) => (top ? o.cy - o.h / 2 - cy1 : cy0 - (o.cy + o.h / 2))).filter((g) => g >= 0), 1);
      if (beyond || sameLine || gap < 0.4 * c.h) continue;
      if (c.w <= SMALL_W && c.cls === roles.pageNumber) c.furniture = 'page_number';
      else if (top && c.cls === roles.header) c.furniture = 'header';
      else if (!top && c.cls === roles.footer) c.furniture = 'footer';
      else c.furniture = 'other';
    }
  }
}

/** Marks text boxes lying (80 % or more of their area) inside a figure box as `figure_text`. */
function markFigureText(boxes: BoxFeatures[], roles: Roles): void {
  if (!roles.figure || !roles.text) return;
  const figs = boxes.filter((b) => b.cls === roles.figure);
  if (!figs.length) return;
  for (const b of boxes) {
    if (b.cls !== roles.text || b.furniture !== undefined) continue;
    const inside = figs.some((f) => {
      const iw = overlapX(b, f);
      const ih = overlapY(b, f);
      return iw > 0 && ih > 0 && iw * ih >= 0.8 * b.w * b.h;
    });
    if (inside) b.furniture = 'figure_text';
  }
}

/**
 * Marks caption lead-ins boxed apart: a text box at most {@link SMALL_LABEL_W} wide, not furniture, on the first line
 * of a caption box (overlapping it vertically by half its height, its top no lower than half its height below the
 * caption's top) and at the caption's start (its left edge no right of the caption's left edge + 1% of W, its right
 * edge no more than 2% of W left of it).
 */
function markCaptionLabels(boxes: BoxFeatures[], roles: Roles): void {
  if (!roles.caption || !roles.text || roles.caption === roles.text) return;
  const caps = boxes.filter((b) => b.cls === roles.caption);
  if (!caps.length) return;
  for (const b of boxes) {
    if (b.cls !== roles.text || b.furniture !== undefined || b.w > SMALL_LABEL_W) continue;
    if (caps.some((c) => isCaptionLabelOf(b, c))) b.captionLabel = true;
  }
}

/** Whether box `b` sits where caption `c`'s lead-in would (see `markCaptionLabels`; the class is not checked). */
export function isCaptionLabelOf(b: CentredBox, c: CentredBox): boolean {
  const cx0 = c.cx - c.w / 2;
  return b.w <= SMALL_LABEL_W && overlapY(b, c) >= 0.5 * b.h && b.cy - b.h / 2 <= c.cy - c.h / 2 + 0.5 * b.h && b.cx - b.w / 2 <= cx0 + 0.01 && b.cx + b.w / 2 >= cx0 - 0.02;
}

function markEquationNumbers(boxes: BoxFeatures[], roles: Roles): void {
  if (!roles.equation) return;
  const eqs = boxes.filter((b) => b.cls === roles.equation);
  for (const e of eqs) {
    if (e.w > SMALL_W) continue;
    e.equationNumber = eqs.some((o) => o !== e && o.w > e.w && o.cx < e.cx && overlapY(e, o) >= 0.5 * e.h);
  }
}

/** Column count and gutter from the text boxes (see module doc). */
export function detectColumns(body: readonly BoxFeatures[], roles: Roles): { columns: number | null; gutter: number | null; L: number; T: number } {
  if (body.length === 0) return { columns: null, gutter: null, L: 0, T: 0 };
  const L = Math.min(...body.map((b) => b.cx - b.w / 2));
  const R = Math.max(...body.map((b) => b.cx + b.w / 2));
  const T = R - L;
  const textClasses = new Set([roles.text, roles.list, roles.abstract, ...roles.extraText].filter((c): c is string => c !== undefined));
  const text = body.filter((b) => textClasses.has(b.cls) && b.h >= TALL_TEXT);
  if (text.length === 0 || T <= 0) return { columns: null, gutter: null, L, T };
  // The text block with equal margins: on a page whose last column is empty, the ink alone spans one column.
  const TS = Math.max(T, 1 - 2 * Math.min(L, 1 - R));
  const narrow = text.filter((b) => b.w < WIDE * TS);
  if (narrow.length === 0) return { columns: 1, gutter: null, L, T };
  const intervals = narrow.map((b) => [b.cx - b.w / 2, b.cx + b.w / 2] as [number, number]).sort((a, b) => a[0] - b[0]);
  const parts: [number, number][] = [];
  for (const [a, b] of intervals) {
    const last = parts[parts.length - 1];
    if (last && a - last[1] < 0.02) last[1] = Math.max(last[1], b);
    else parts.push([a, b]);
  }
  const big = parts.filter(([a, b]) => b - a >= 0.15 * T);
  if (big.length === 0) return { columns: 1, gutter: null, L, T };
  if (big.length === 1) {
    const w = big[0]![1] - big[0]![0];
    const k = Math.max(1, Math.min(4, Math.round((TS + 0.02) / (w + 0.02))));
    return { columns: k, gutter: null, L, T };
  }
  const gaps = big.slice(1).map((p, i) => p[0] - big[i]![1]);
  return { columns: Math.min(4, big.length), gutter: gaps.reduce((s, g) => s + g, 0) / gaps.length, L, T };
}

/** Reading-order gaps: within each column slot (full-width boxes start a new band), top to bottom. */
function readingGaps(body: readonly BoxFeatures[], columns: number | null, L: number, T: number): number[] {
  const k = columns ?? 1;
  const sorted = body.slice().sort((a, b) => a.cy - a.h / 2 - (b.cy - b.h / 2));
  // Bands separated by full-width boxes; within a band, boxes by column slot.
  const gaps: number[] = [];
  let band: BoxFeatures[] = [];
  const flush = () => {
    const slots = new Map<number, BoxFeatures[]>();
    for (const b of band) {
      const s = T > 0 ? Math.max(0, Math.min(k - 1, Math.floor(((b.cx - L) / T) * k))) : 0;
      const list = slots.get(s) ?? [];
      list.push(b);
      slots.set(s, list);
    }
    for (const list of slots.values()) for (let i = 1; i < list.length; i++) gaps.push(list[i]!.cy - list[i]!.h / 2 - (list[i - 1]!.cy + list[i - 1]!.h / 2));
  };
  for (const b of sorted) {
    if (k > 1 && b.w >= WIDE * T) {
      band.push(b);
      flush();
      band = [b];
    } else band.push(b);
  }
  flush();
  return gaps;
}

/** Features of one page under a profile's roles. */
export function pageFeatures(page: LayoutPage, roles: Roles, classes: readonly string[]): PageFeatures {
  const W = page.width;
  const H = page.height;
  const boxes: BoxFeatures[] = page.boxes.map((b) => {
    const w = (b.x1 - b.x0) / W;
    const h = (b.y1 - b.y0) / H;
    return { cls: b.cls, cx: (b.x0 + b.x1) / 2 / W, cy: (b.y0 + b.y1) / 2 / H, w, h, aspect: w > 0 ? (h * H) / (w * W) : 0, area: w * h, box: b };
  });
  markFurniture(boxes, roles);
  markFigureText(boxes, roles);
  markEquationNumbers(boxes, roles);
  markCaptionLabels(boxes, roles);
  const body = boxes.filter((b) => b.furniture === undefined);
  const { columns, gutter, L, T } = detectColumns(body, roles);
  const counts: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  for (const b of boxes) counts[b.cls] = (counts[b.cls] ?? 0) + 1;
  const textClasses = new Set([roles.text, roles.list, ...roles.extraText].filter((c): c is string => c !== undefined));
  const gaps = readingGaps(body, columns, L, T);
  const norm: NormBox[] = boxes.map((b) => ({ x0: b.cx - b.w / 2, y0: b.cy - b.h / 2, x1: b.cx + b.w / 2, y1: b.cy + b.h / 2 }));
  const ov = overlapScores(norm);
  const size = guessPageSize(W, H);
  const has = (cls: string | undefined) => cls !== undefined && boxes.some((b) => b.cls === cls && b.furniture === undefined);
  return {
    id: page.id,
    file: page.file,
    width: W,
    height: H,
    pageSize: size.size,
    orientation: size.orientation,
    mmPerPx: size.mmPerPx,
    boxes,
    counts,
    nBoxes: boxes.length,
    hasPageNumber: boxes.some((b) => b.furniture === 'page_number'),
    hasHeader: boxes.some((b) => b.furniture === 'header'),
    hasFooter: boxes.some((b) => b.furniture === 'footer'),
    hasTitle: has(roles.title),
    hasAbstract: has(roles.abstract),
    columns,
    gutter,
    marginLeft: body.length ? L : null,
    marginRight: body.length ? 1 - (L + T) : null,
    marginTop: body.length ? Math.min(...body.map((b) => b.cy - b.h / 2)) : null,
    marginBottom: body.length ? 1 - Math.max(...body.map((b) => b.cy + b.h / 2)) : null,
    textBlockWidth: body.length ? T : null,
    textBoxWidth: median(body.filter((b) => textClasses.has(b.cls)).map((b) => b.w)),
    gaps,
    medianGap: median(gaps),
    alignment: alignmentScore(norm),
    density: densityScore(norm),
    overlap: ov.overlap,
    overlapRate: ov.overlapRate,
  };
}

/** Features of every page of a set. */
export function setFeatures(set: LayoutSet): PageFeatures[] {
  const roles = rolesOf(set.profile);
  return set.pages.map((p) => pageFeatures(p, roles, set.classes));
}

/**
 * Body elements of a page by network element type, as pagesynth would have had to sample them to produce these
 * boxes under the profile: paragraph, section_header, list, table, figure, equation (numbers excluded),
 * footnote (footnote-class boxes that are not page footers); caption lead-ins boxed apart are not paragraphs. List boxes that stack in a column count as one list
 * (profiles that box list items one by one). Types whose class the profile lacks are absent.
 */
export function elementCounts(f: PageFeatures, roles: Roles): Record<string, number> {
  const out: Record<string, number> = {};
  const body = f.boxes.filter((b) => b.furniture === undefined);
  const count = (cls: string | undefined, pred: (b: BoxFeatures) => boolean = () => true) => body.filter((b) => b.cls === cls && pred(b)).length;
  const types: Array<[string, string | undefined, ((b: BoxFeatures) => boolean)?]> = [
    ['paragraph', roles.text, (b) => !b.captionLabel],
    ['section_header', roles.section],
    ['list', roles.list],
    ['table', roles.table],
    ['figure', roles.figure],
    ['equation', roles.equation, (b) => !b.equationNumber],
    ['footnote', roles.footnote],
  ];
  for (const [type, cls, pred] of types) if (cls !== undefined) out[type] = count(cls, pred);
  if (roles.list !== undefined) out.list = listCount(body.filter((b) => b.cls === roles.list));
  return out;
}

/**
 * Lists among list boxes: items boxed one by one (DocLayNet's List-item) that stack in a column are one list, joined
 * as `remapGroundTruth` joins them for profiles that merge lists (gap under 0.6 of the tallest box).
 */
function listCount(boxes: readonly BoxFeatures[]): number {
  if (boxes.length < 2) return boxes.length;
  const h = Math.max(...boxes.map((b) => b.h));
  return mergeStacked(boxes.map((b) => ({ x0: b.cx - b.w / 2, y0: b.cy - b.h / 2, x1: b.cx + b.w / 2, y1: b.cy + b.h / 2 })), h * LIST_STACK_GAP).length;
}
