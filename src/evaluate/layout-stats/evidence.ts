/**
 * From page features to observations of network nodes: what pagesynth would have had to sample for its layout
 * to give these boxes under the profile. `fitNetwork` (src/network/fit.ts) then updates the nodes.
 *
 * Page-level nodes (the names layout reads, templates/README.md):
 * - `page_size`, `orientation`: from the page's aspect ratio (features.ts).
 * - `margin_mm`: the smaller of the left and right margins, in mm (page width taken as the guessed size's width):
 *   layout's margins are equal, and the right one of ink boxes is widened by ragged lines and empty last columns.
 * - `columns` (with `orientation` observed), `gutter_mm` (pages with ≥ 2 columns): from the column detection.
 * - `has_header`, `has_footer`, `has_page_number`: furniture found on the page; `has_title`: a title box;
 *   `has_abstract` (with `has_title` observed): an abstract box, when the profile has an abstract class.
 * - `n_elements` (with `columns` observed) and `type_mix`: body elements by type (`elementCounts`).
 * - `fill_page`: true when the body reaches the foot of the page: bottom margin − top margin ≤ `FULL_SLACK` (5 %
 *   of the page height, about three lines).
 * - `block_gap` (pages with two text boxes stacked in one column): the median vertical gap between a text box and
 *   the next text box below it in the same column (overlapping it horizontally by half, nothing between, gap
 *   under three lines), in base-network line pitches, mapped back through the measured relation
 *   gap ≈ `GAP_OFFSET` + `GAP_SLOPE` · block_gap (the leading an ink-tight box leaves out, and layout's minimum gap).
 *
 * Element nodes, one observation per box:
 * - heights in lines: box height in mm / the line pitch the *base network* gives that kind of text on average
 *   (body: E[font_size_pt · line_spacing]; captions 0.9×; footnotes 0.8 F × 1.2; table rows 0.85 F × 1.6;
 *   equation lines 1.05 F × 2; titles E[size_scale] F × 1.2 — the factors layout uses), plus 0.25 line for the
 *   leading above the first line that an ink-tight box leaves out. Measuring in the base network's own pitch
 *   makes fitted boxes come out as tall as the real ones. `paragraph.lines`, `abstract.lines`, `footnote.lines`,
 *   `title.lines`, `equation.lines`, `table.rows`, `*.caption_lines`, `header.lines`, `footer.lines`.
 * - `figure.aspect` = box h / w (pixels); `figure.width_frac` = w / column width (text-block width when full);
 *   `table.span`, `figure.span`: `full` when wider than 0.65 of the text block on a multi-column page.
 * - `table.caption`, `figure.caption`: above / below / none, from the nearest caption box overlapping it
 *   horizontally by half and within 4% of H vertically.
 * - `equation.numbered`: an equation-number box (features.ts) beside the formula, overlapping half its height; only
 *   under profiles that box numbers apart (docbank): elsewhere the number is inside the formula box.
 * - `title.has_authors`: an authors box on a title page. `page_number.align`, `header.align`, `footer.align`:
 *   from the box's x-centre (< 0.4 W left, > 0.6 W right; two header boxes at both ends: split).
 *
 * The genre (`template`): each page's posterior given its page-level observations, the set's genre shares by EM over
 * the pages (genre.ts `genreMixture`), filed as the expected whole counts.
 *
 * Label conventions (`label_*`, src/annotate/conventions.ts; the base network's row counts as
 * {@link CONVENTION_STRENGTH} page, not `strength` pages):
 * - `label_merge_paragraphs`: a page whose text boxes are not merged shows two stacked text boxes closer than
 *   {@link CLOSE_GAP} line pitches with probability c (its genre's `closePairRate`, over the page's genre posterior); a
 *   merged page never does. Of the N pages with text, k show such a pair: the merged share is 1 − k / Σc, filed as
 *   that many `column` pages and the rest `none`. A page without a close pair is probably merged when
 *   share / (share + (1 − share)(1 − c)) > 0.5: it then gives no `block_gap` and no `paragraph.lines` (its gaps and
 *   lengths are the merged boxes').
 * - `label_snap_edges`: the share of near pairs of text-box left edges that coincide, beyond {@link INK_EXACT_SHARE}.
 * - `label_caption_label`: per caption, whether a lead-in box sits at its start (features.ts).
 * - `label_equation_number`: `separate` on pages with equation-number boxes (profiles that box numbers apart).
 * - `label_list_split`: `item` when list boxes stack into fewer lists (profiles that do not join list items).
 * - `label_pad_y`, `label_pad_x`: not observed (reasons in {@link UNINFORMED_REASONS}).
 */
import type { NetworkEvidence, NodeObservation } from '../../network/fit.js';
import type { NetworkDef, NodeDef } from '../../network/index.js';
import { compileNetwork, samplePageSpec } from '../../network/index.js';
import { deriveSeed } from '../../random/index.js';
import { elementCounts, isCaptionLabelOf, overlapX, overlapY, rolesOf, type BoxFeatures, type PageFeatures, type Roles } from './features.js';
import { genreMixture, roundCounts, type PageObservation } from './genre.js';
import type { LayoutSet } from './load.js';
import { CONVENTION_NODES, targetClass, type LabelProfile } from '../../annotate/index.js';
import { defaultKinds, withKindDefaults } from '../../kinds/index.js';
import type { LayoutBlock } from '../../layout/index.js';
import type { Interventions } from '../../network/index.js';
import { layoutSpec } from '../../pipeline/index.js';
import { TYPO } from '../../layout/constants.js';
import { FORMULA_NUMBER } from '../../types.js';

const PT_MM = 25.4 / 72;

/** Bottom minus top margin (fraction of page height) under which a page counts as full. */
export const FULL_SLACK = 0.05;
/**
 * Ink gap between text blocks, in line pitches, is about GAP_OFFSET + GAP_SLOPE × `block_gap`: measured on 150
 * generated pages each at `block_gap` 0 (median 0.438) and 1 (1.287). The offset is the leading under the
 * descenders and above the capitals plus layout's minimum gap; the slope is under 1 because that minimum gap is
 * part of the first half-gap.
 */
export const GAP_OFFSET = 0.44;
export const GAP_SLOPE = 0.85;

/**
 * Gap between two stacked text boxes, in base-network line pitches, under which they are "close": a dataset that
 * merges consecutive paragraphs (`label_merge_paragraphs: column`, merging under 1.2 of the page's own pitch) leaves no
 * such pair. DocBank's remaining pairs start at 1.06 pitches (100 sample pages).
 */
export const CLOSE_GAP = 0.9;
/**
 * Left edges of two text boxes closer than {@link NEAR_EDGE} of the page width are "near", closer than
 * {@link EXACT_EDGE} (under half a pixel at 150 dpi) "the same". Ink boxes of one column start a glyph's side bearing
 * apart: {@link INK_EXACT_SHARE} of near pairs are the same on pagesynth's own pages (0.47-0.57 over 300 pages each of
 * the default network and of networks fitted to DocBank, docbank labels, 150 dpi), 0.97 on DocBank's, whose boxes are
 * the union of the tokens' typeset boxes.
 */
export const NEAR_EDGE = 0.004;
export const EXACT_EDGE = 0.0003;
export const INK_EXACT_SHARE = 0.52;

/**
 * Pseudo-count of the base network's row of a label-convention node (instead of `strength`): a convention is the
 * dataset's, and the base network's default (pagesynth's own boxes) is a choice, not a belief about the data.
 */
export const CONVENTION_STRENGTH = 1;

/** Label-convention node keys (templates/default.yaml `label_*`). */
const LABEL_NODE_KEYS = Object.values(CONVENTION_NODES).map((c) => c.node);

/** Block kinds layout places in the margins: not part of the body. */
const FURNITURE_BLOCKS = new Set(['header', 'footer', 'page_number']);

/** Options of {@link closePairRate}. */
export interface ClosePairOptions {
  /** Pages sampled and laid out (default 600). */
  n?: number;
  /** The profile the boxes are in: a block is text when its class is the profile's text or abstract class (default: paragraph and abstract blocks). */
  profile?: LabelProfile;
  /** Fixed node values (e.g. `{ template: 'scientific' }`: the rate of one genre). */
  interventions?: Interventions;
}

/**
 * Share of a network's pages with text that show two stacked text boxes closer than {@link CLOSE_GAP} when nothing
 * merges them, estimated from `n` sampled pages (seeded) laid out as a run lays them out (the kinds' defaults filled
 * in, 72 dpi): pages where a text block's nearest block below it in its column (overlapping it horizontally by half)
 * is a text block too, and the ink gap GAP_OFFSET + GAP_SLOPE · block_gap is under CLOSE_GAP (without a `block_gap`
 * node the gap is layout's default, 1 line). Laying the pages out matters: consecutive paragraphs of the spec are not
 * a close pair on the page when a column break falls between them or layout drops the second for want of room.
 */
export function closePairRate(def: NetworkDef, opts: ClosePairOptions = {}): number {
  const n = opts.n ?? 600;
  const net = compileNetwork(withKindDefaults(def, defaultKinds));
  const roles = opts.profile ? rolesOf(opts.profile) : undefined;
  const textClasses = new Set([roles?.text, roles?.abstract].filter((c): c is string => c !== undefined));
  const isText = (b: LayoutBlock) => (opts.profile ? textClasses.has(targetClass(opts.profile, b.kind, b.category) ?? '') : b.kind === 'paragraph' || b.kind === 'abstract');
  let close = 0;
  let withText = 0;
  for (let i = 0; i < n; i++) {
    const spec = samplePageSpec(net, { index: i, seed: deriveSeed(7_919, i, 'close-pairs'), interventions: opts.interventions });
    const body = layoutSpec(spec, 72).blocks.filter((b) => !FURNITURE_BLOCKS.has(b.kind));
    const text = body.filter(isText);
    if (!text.length) continue;
    withText++;
    const g = typeof spec.values.block_gap === 'number' ? spec.values.block_gap : 1;
    if (GAP_OFFSET + GAP_SLOPE * g >= CLOSE_GAP) continue;
    const stacked = text.some((a) => {
      let next: LayoutBlock | undefined;
      for (const b of body) {
        if (b === a || b.rect.y0 < a.rect.y1 - 1) continue;
        const ov = Math.min(a.rect.x1, b.rect.x1) - Math.max(a.rect.x0, b.rect.x0);
        if (ov < 0.5 * Math.min(a.rect.x1 - a.rect.x0, b.rect.x1 - b.rect.x0)) continue;
        if (!next || b.rect.y0 < next.rect.y0) next = b;
      }
      return next !== undefined && isText(next);
    });
    if (stacked) close++;
  }
  return withText ? close / withText : 0;
}

/**
 * Gaps (fractions of page height) between vertically consecutive text boxes of a page, at most `maxGap`: each text box
 * and the nearest body box below it sharing its column (overlapping it horizontally by half), when that is a text box
 * too. Caption lead-ins boxed apart (features.ts) are not text boxes here.
 */
export function textGaps(f: PageFeatures, textClasses: ReadonlySet<string>, maxGap: number): number[] {
  const body = f.boxes.filter((b) => b.furniture === undefined && !b.captionLabel);
  const top = (b: BoxFeatures) => b.cy - b.h / 2;
  const bottom = (b: BoxFeatures) => b.cy + b.h / 2;
  const gaps: number[] = [];
  for (const a of body) {
    if (!textClasses.has(a.cls)) continue;
    // The nearest box below a, among those sharing its column.
    let next: BoxFeatures | undefined;
    for (const b of body) {
      if (b === a || top(b) < bottom(a) - 0.002 || overlapX(a, b) < 0.5 * Math.min(a.w, b.w)) continue;
      if (!next || top(b) < top(next)) next = b;
    }
    if (next && textClasses.has(next.cls)) {
      const g = top(next) - bottom(a);
      if (g <= maxGap) gaps.push(g);
    }
  }
  return gaps;
}

/** Median gap (fraction of page height) between vertically consecutive text boxes of a page, or null (`textGaps`). */
export function textGapMedian(f: PageFeatures, textClasses: ReadonlySet<string>, maxGap: number): number | null {
  const gaps = textGaps(f, textClasses, maxGap);
  if (!gaps.length) return null;
  gaps.sort((x, y) => x - y);
  const m = gaps.length >> 1;
  return gaps.length % 2 ? gaps[m]! : (gaps[m - 1]! + gaps[m]!) / 2;
}

/** Expected typography of a network: means over `n` sampled pages (seeded). */
export function expectedTypography(def: NetworkDef, n = 2000): { fontPt: number; lineSpacing: number; titleScale: number } {
  const net = compileNetwork(def);
  let f = 0;
  let fl = 0;
  let ls = 0;
  let ts = 0;
  let nt = 0;
  for (let i = 0; i < n; i++) {
    const spec = samplePageSpec(net, { index: i, seed: deriveSeed(7_919, i, 'typography') });
    const F = typeof spec.values.font_size_pt === 'number' ? spec.values.font_size_pt : 10;
    const L = typeof spec.values.line_spacing === 'number' ? spec.values.line_spacing : 1.25;
    f += F;
    ls += L;
    fl += F * L;
    for (const el of spec.elements) {
      if (el.type === 'title') {
        ts += typeof el.params.size_scale === 'number' ? el.params.size_scale : 1.8;
        nt++;
      }
    }
  }
  return { fontPt: f / n, lineSpacing: fl / f, titleScale: nt ? ts / nt : 1.8 };
}

/** Reasons for the nodes of the default network that COCO boxes cannot inform. */
export const UNINFORMED_REASONS: Record<string, string> = {
  template: 'the genre is not visible in region boxes, and no page-level node the pages show depends on it',
  font_family: 'fonts are not visible in region boxes',
  heading_family: 'fonts are not visible in region boxes',
  caption_family: 'fonts are not visible in region boxes',
  code_family: 'fonts are not visible in region boxes',
  hand_family: 'fonts are not visible in region boxes',
  language: 'the language is not visible in region boxes (set it with --set language=... for a real set in one language)',
  'effects.profile': 'how pages were printed and captured is not visible in region boxes (set it with --set effects.profile=... for a scanned real set)',
  font_size_pt: 'needs text lines; region boxes give heights in lines only at an assumed pitch',
  line_spacing: 'needs text lines; region boxes give heights in lines only at an assumed pitch',
  'paragraph.indent': 'indentation is inside the box',
  'paragraph.align': 'alignment is inside the box',
  'section_header.level': 'heading levels are not labelled',
  'section_header.numbered': 'numbering is text',
  'section_header.style': 'type style is not visible in boxes',
  'list.items': 'list boxes hold whole lists; items are not separated (docbank, publaynet merge them)',
  'list.item_lines': 'list boxes hold whole lists; items are not separated',
  'list.bullet': 'bullets are text',
  'table.cols': 'table columns are inside the box',
  'table.borders': 'rules are inside the box',
  'table.header_row': 'inside the box',
  'table.numeric_ratio': 'cell text',
  'figure.kind': 'chart kind is inside the box',
  'equation.numbered': 'equation numbers are inside the formula box in this profile',
  'paragraph.inline_math': 'inline formulas are inside the text boxes (DocBank, PubLayNet and DocLayNet do not box them)',
  'equation.terms': 'inside the box',
  'page_number.style': 'text',
  'title.align': 'not measured',
  'title.size_scale': 'type size is not visible in boxes',
  label_pad_x: 'horizontal padding cannot be told from the width of the text',
  label_pad_y:
    'padding shows only against the line pitch, which boxes give at an assumed type size, and font boxes are not ink boxes padded alike: on the DocBank samples one-line page numbers suggest 0.2 line a side, caption lead-ins 0.1, section headings none (a fixed 0.12 line measured no closer: mean KS 0.274 either way, 200 pages)',
};

function nodeOf(def: NetworkDef, key: string): NodeDef | undefined {
  if (!key.includes('.')) return def.nodes[key];
  const [type, name] = key.split('.') as [string, string];
  if (type === 'effects') return def.effects?.nodes[name];
  return def.elements?.[type]?.nodes?.[name];
}

function alignOf(cx: number): 'left' | 'center' | 'right' {
  return cx < 0.4 ? 'left' : cx > 0.6 ? 'right' : 'center';
}

/** Caption position of each table/figure box of a page: above, below or none. */
function captionPositions(f: PageFeatures, roles: Roles): Map<BoxFeatures, { pos: 'above' | 'below' | 'none'; caption?: BoxFeatures }> {
  const out = new Map<BoxFeatures, { pos: 'above' | 'below' | 'none'; caption?: BoxFeatures }>();
  const floats = f.boxes.filter((b) => b.furniture === undefined && (b.cls === roles.table || b.cls === roles.figure));
  const caps = f.boxes.filter((b) => b.cls === roles.caption);
  const pairs: Array<{ fl: BoxFeatures; cap: BoxFeatures; d: number; pos: 'above' | 'below' }> = [];
  for (const fl of floats) {
    for (const cap of caps) {
      const ov = overlapX(fl, cap);
      if (ov < 0.5 * Math.min(fl.w, cap.w)) continue;
      const above = fl.cy - fl.h / 2 - (cap.cy + cap.h / 2);
      const below = cap.cy - cap.h / 2 - (fl.cy + fl.h / 2);
      if (above >= -0.005 && above <= 0.04) pairs.push({ fl, cap, d: Math.abs(above), pos: 'above' });
      else if (below >= -0.005 && below <= 0.04) pairs.push({ fl, cap, d: Math.abs(below), pos: 'below' });
    }
  }
  pairs.sort((a, b) => a.d - b.d);
  const used = new Set<BoxFeatures>();
  for (const p of pairs) {
    if (out.has(p.fl) || used.has(p.cap)) continue;
    out.set(p.fl, { pos: p.pos, caption: p.cap });
    used.add(p.cap);
  }
  for (const fl of floats) if (!out.has(fl)) out.set(fl, { pos: 'none' });
  return out;
}

/**
 * Observations of `base`'s nodes from the pages of a set (see module doc). Only keys the base network has are
 * filled; `uninformed` gives reasons for the nodes the data cannot inform.
 */
export function networkEvidence(set: LayoutSet, features: readonly PageFeatures[], base: NetworkDef): NetworkEvidence {
  const roles = rolesOf(set.profile);
  const typo = expectedTypography(base);
  const pitchMm = typo.fontPt * typo.lineSpacing * PT_MM;
  const obs: Record<string, NodeObservation[]> = {};
  const uninformed: Record<string, string> = {};
  // The page-level observations of the page at hand, for its genre (genre.ts).
  let pageObs: PageObservation[] | undefined;
  const perPage: PageObservation[][] = [];
  const add = (key: string, value: NodeObservation['value'], parents?: NodeObservation['parents']) => {
    if (!nodeOf(base, key)) return;
    (obs[key] ??= []).push(parents ? { value, parents } : { value });
    if (pageObs && !key.includes('.')) pageObs.push(parents ? { key, value, parents } : { key, value });
  };
  /** Height in lines of `pitchPt`-point lines (mm of the box / mm of a line, + 0.25 for the leading). */
  const lines = (b: BoxFeatures, f: PageFeatures, pitch: number) => (b.h * f.height * f.mmPerPx) / pitch + 0.25;
  const lineValue = (key: string, x: number) => {
    const node = nodeOf(base, key);
    if (!node) return x;
    if (node.dist === 'categorical') {
      const vals = (node.values ?? []).filter((v): v is number => typeof v === 'number');
      if (vals.length === 0) return x;
      return vals.reduce((best, v) => (Math.abs(v - x) < Math.abs(best - x) ? v : best), vals[0]!);
    }
    if (node.dist === 'poisson' || node.round === 'integer') return Math.max(0, Math.round(x));
    return x;
  };

  const typeMix = base.nodes.type_mix;
  const mixCats = typeMix?.dist === 'dirichlet' ? (typeMix.categories ?? []) : [];
  const countable = features.length ? Object.keys(elementCounts(features[0]!, roles)) : [];
  const missingCats = mixCats.filter((c) => !countable.includes(c));
  if (missingCats.length) {
    uninformed.type_mix = `profile ${set.profile.name} has no class for element type(s) ${missingCats.join(', ')}`;
    uninformed.n_elements = `profile ${set.profile.name} does not label every body element type (${missingCats.join(', ')})`;
  }

  // Only a profile that boxes equation numbers apart from their formula (docbank) shows whether one is numbered.
  const numbersApart = targetClass(set.profile, FORMULA_NUMBER, 'Formula') !== undefined;
  const textClasses = new Set([roles.text, roles.abstract].filter((c): c is string => c !== undefined));
  // What a page shows only when its text blocks are not merged (the gaps between them, their lengths): filed once
  // the merging is estimated, after the genre of each page is known (the share of pages that would show a close pair
  // unmerged depends on the genre).
  const unmergedObs: Array<Array<() => void>> = [];
  for (const [i, f] of features.entries()) {
    perPage.push((pageObs = []));
    const later: Array<() => void> = (unmergedObs[i] = []);
    add('page_size', f.pageSize);
    add('orientation', f.orientation);
    const mmW = f.width * f.mmPerPx;
    // Layout's margins are equal on both sides; the smaller one is the margin: the other is widened by ragged lines
    // and, on a page whose last column is empty, by whole columns.
    if (f.marginLeft !== null && f.marginRight !== null) add('margin_mm', Math.min(f.marginLeft, f.marginRight) * mmW);
    const colParents = f.columns !== null ? { columns: f.columns } : undefined;
    if (f.columns !== null) add('columns', f.columns, { orientation: f.orientation });
    if (f.gutter !== null) add('gutter_mm', f.gutter * mmW);
    if (roles.header) add('has_header', f.hasHeader);
    if (roles.footer) add('has_footer', f.hasFooter);
    if (roles.pageNumber) add('has_page_number', f.hasPageNumber);
    if (roles.title) add('has_title', f.hasTitle);
    if (roles.abstract) add('has_abstract', f.hasAbstract, { has_title: f.hasTitle });
    if (f.marginBottom !== null && f.marginTop !== null) add('fill_page', f.marginBottom - f.marginTop <= FULL_SLACK);
    const pitchH = pitchMm / (f.height * f.mmPerPx);
    const gap = textGapMedian(f, textClasses, 3 * pitchH);
    if (gap !== null) later.push(() => add('block_gap', Math.max(0, (gap / pitchH - GAP_OFFSET) / GAP_SLOPE)));
    const counts = elementCounts(f, roles);
    // The number of body elements is seen only when the profile labels every kind type_mix counts (a tables-only
    // set would read its tables as the whole body).
    if (!missingCats.length) add('n_elements', Object.values(counts).reduce((a, b) => a + b, 0), colParents);
    if (mixCats.length && !missingCats.length) add('type_mix', Object.fromEntries(mixCats.map((c) => [c, counts[c] ?? 0])));

    const body = f.boxes.filter((b) => b.furniture === undefined);
    // The text block as layout sets it (equal margins), also on a page whose last column is empty.
    const T = f.textBlockWidth === null ? 1 : Math.max(f.textBlockWidth, 1 - 2 * Math.min(f.marginLeft ?? 1, f.marginRight ?? 1));
    const k = f.columns ?? 1;
    const colW = k > 1 ? (T - (k - 1) * (f.gutter ?? 0.02)) / k : T;
    for (const b of body) {
      if (b.cls === roles.text && !b.captionLabel) later.push(() => add('paragraph.lines', lineValue('paragraph.lines', lines(b, f, pitchMm)), colParents));
      if (roles.abstract && b.cls === roles.abstract) add('abstract.lines', lineValue('abstract.lines', lines(b, f, pitchMm * TYPO.abstract.scale)));
      if (b.cls === roles.footnote) add('footnote.lines', lineValue('footnote.lines', lines(b, f, typo.fontPt * TYPO.footnote.scale * TYPO.footnote.spacing * PT_MM)));
      if (b.cls === roles.title) add('title.lines', lineValue('title.lines', lines(b, f, typo.fontPt * typo.titleScale * TYPO.title.spacing * PT_MM)));
      if (b.cls === roles.equation && !b.equationNumber) add('equation.lines', lineValue('equation.lines', lines(b, f, typo.fontPt * TYPO.equation.scale * TYPO.equation.spacing * PT_MM)));
    }
    if (roles.equation && numbersApart && nodeOf(base, 'equation.numbered')) {
      // A formula is numbered when an equation-number box sits beside it (features.ts markEquationNumbers).
      const eqs = body.filter((b) => b.cls === roles.equation);
      for (const e of eqs.filter((x) => !x.equationNumber)) {
        const numbered = eqs.some((n) => n.equationNumber && n.cx > e.cx && overlapY(e, n) >= 0.5 * n.h);
        add('equation.numbered', numbered);
      }
    }
    const caps = captionPositions(f, roles);
    for (const [fl, c] of caps) {
      const type = fl.cls === roles.table ? 'table' : 'figure';
      const full = k > 1 && fl.w > 0.65 * T;
      if (k > 1 || nodeOf(base, `${type}.span`)) add(`${type}.span`, full ? 'full' : 'column', colParents);
      add(`${type}.caption`, c.pos);
      if (c.caption) add(`${type}.caption_lines`, lineValue(`${type}.caption_lines`, lines(c.caption, f, pitchMm * TYPO.caption.scale)));
      // Rows of the table's own pitch; layout reserves TYPO.tableRow.reserve more for padding and rules.
      if (type === 'table') add('table.rows', lineValue('table.rows', (lines(fl, f, typo.fontPt * TYPO.tableRow.scale * TYPO.tableRow.spacing * PT_MM) - 0.25) / (1 + TYPO.tableRow.reserve)));
      else {
        add('figure.aspect', (fl.h * f.height) / (fl.w * f.width));
        add('figure.width_frac', Math.min(1, fl.w / (full ? T : colW)));
      }
    }
    if (f.hasTitle && roles.authors) add('title.has_authors', body.some((b) => b.cls === roles.authors));
    for (const b of f.boxes) if (b.furniture === 'page_number') add('page_number.align', alignOf(b.cx));
    const heads = f.boxes.filter((b) => b.furniture === 'header');
    if (heads.length >= 2 && heads.some((h) => h.cx < 0.4) && heads.some((h) => h.cx > 0.6)) add('header.align', 'split');
    else if (heads.length) add('header.align', alignOf(heads[0]!.cx));
    for (const h of heads.slice(0, 1)) add('header.lines', lineValue('header.lines', lines(h, f, pitchMm)));
    for (const b of f.boxes.filter((x) => x.furniture === 'footer').slice(0, 1)) {
      add('footer.align', alignOf(b.cx));
      add('footer.lines', lineValue('footer.lines', lines(b, f, pitchMm)));
    }
  }
  pageObs = undefined;
  // The genre: the set's expected genre counts under the base network (genre.ts), as whole observations.
  const genre = base.nodes.template;
  const { posteriors } = genreMixture(base, perPage);
  if (genre?.dist === 'categorical' && !genre.parents?.length && !obs.template) {
    const expected: Record<string, number> = Object.fromEntries((genre.values ?? []).map((v) => [String(v), 0]));
    let n = 0;
    for (const post of posteriors) {
      if (!post) continue;
      n++;
      for (const [v, p] of Object.entries(post)) expected[v]! += p;
    }
    if (n) {
      const byKey = new Map((genre.values ?? []).map((v) => [String(v), v]));
      for (const [v, c] of Object.entries(roundCounts(expected, n))) for (let k = 0; k < c; k++) add('template', byKey.get(v)!);
    }
  }
  // The label conventions, then what unmerged pages show.
  const labels = conventionEvidence(set, features, roles, base, pitchMm, numbersApart, posteriors, add, uninformed);
  unmergedObs.forEach((fns, i) => {
    if (!labels.merged[i]) for (const fn of fns) fn();
  });
  for (const [key, reason] of Object.entries(UNINFORMED_REASONS)) if (nodeOf(base, key) && !obs[key]) uninformed[key] = reason;
  if (!roles.abstract && base.nodes.has_abstract) uninformed.has_abstract = `profile ${set.profile.name} has no abstract class`;
  const strength = Object.fromEntries(LABEL_NODE_KEYS.filter((k) => obs[k]).map((k) => [k, CONVENTION_STRENGTH]));
  return { pages: features.length, observations: obs, uninformed, ...(Object.keys(strength).length ? { strength } : {}) };
}

/** Pages laid out per genre for {@link closePairRate} in `fit`; genres with less posterior mass than a page share the overall rate. */
const CLOSE_PAIR_PAGES = 300;

/**
 * The close-pair rate of a page given its genre posterior: Σ_t P(t | page) · closePairRate(base | template = t), the
 * genres' rates computed for the genres that hold at least one page of posterior mass over `posteriors` (the others,
 * and pages without a posterior, take the network's overall rate).
 */
function genreRates(base: NetworkDef, profile: LabelProfile, posteriors: ReadonlyArray<Record<string, number> | null>): (post: Record<string, number> | null) => number {
  let overall: number | undefined;
  const all = () => (overall ??= closePairRate(base, { n: CLOSE_PAIR_PAGES, profile }));
  const mass: Record<string, number> = {};
  for (const p of posteriors) if (p) for (const [t, w] of Object.entries(p)) mass[t] = (mass[t] ?? 0) + w;
  const values = new Map((base.nodes.template?.values ?? []).map((v) => [String(v), v]));
  const rate = new Map<string, number>();
  for (const [t, m] of Object.entries(mass)) if (m >= 1 && values.has(t)) rate.set(t, closePairRate(base, { n: CLOSE_PAIR_PAGES, profile, interventions: { template: values.get(t)! } }));
  return (post) => (post ? Object.entries(post).reduce((s, [t, w]) => s + w * (rate.get(t) ?? all()), 0) : all());
}

/**
 * Observations of the label-convention nodes (see module doc), and which pages are probably merged. `add` files an
 * observation (of a node the base network has); `uninformed` takes reasons.
 */
function conventionEvidence(
  set: LayoutSet,
  features: readonly PageFeatures[],
  roles: Roles,
  base: NetworkDef,
  pitchMm: number,
  numbersApart: boolean,
  posteriors: ReadonlyArray<Record<string, number> | null>,
  add: (key: string, value: NodeObservation['value']) => void,
  uninformed: Record<string, string>,
): { merged: boolean[]; mergeShare: number | null } {
  const merged = features.map(() => false);
  const textClasses = new Set([roles.text, roles.abstract].filter((c): c is string => c !== undefined));
  // Merging: pages with text, and those of them with a close pair of text boxes (which merging would have joined).
  const pages = features.map((f) => {
    const pitchH = pitchMm / (f.height * f.mmPerPx);
    const text = f.boxes.some((b) => b.furniture === undefined && !b.captionLabel && textClasses.has(b.cls));
    return { text, close: textGaps(f, textClasses, CLOSE_GAP * pitchH).some((g) => g < CLOSE_GAP * pitchH) };
  });
  const withText = pages.filter((p) => p.text).length;
  let mergeShare: number | null = null;
  if (nodeOf(base, 'label_merge_paragraphs') && withText > 0) {
    // Each page's chance of showing a close pair unmerged, c_i: the rate of its genre (closePairRate), averaged over
    // the page's genre posterior. Then E[pages with a close pair] = (1 − share) · Σ c_i over the pages with text.
    const rates = genreRates(base, set.profile, features.map((_, i) => (pages[i]!.text ? posteriors[i] ?? null : null)));
    const c = features.map((_, i) => rates(posteriors[i] ?? null));
    const expected = pages.reduce((s, p, i) => s + (p.text ? c[i]! : 0), 0) / withText;
    if (expected < 0.05) uninformed.label_merge_paragraphs = 'the base network sets paragraphs too far apart for merging to show';
    else {
      const f = pages.filter((p) => p.text && p.close).length / withText;
      const share = Math.min(1, Math.max(0, 1 - f / expected));
      mergeShare = share;
      const nColumn = Math.round(share * withText);
      for (let i = 0; i < withText; i++) add('label_merge_paragraphs', i < nColumn ? 'column' : 'none');
      // P(merged | a page without a close pair): merged pages never show one, unmerged ones with probability c_i.
      pages.forEach((p, i) => {
        const q = share / Math.max(1e-9, share + (1 - share) * (1 - c[i]!));
        merged[i] = p.text && !p.close && q > 0.5;
      });
    }
  }
  if (nodeOf(base, 'label_snap_edges')) {
    // Edges that line up: the share of near pairs of left edges that are the same, beyond what ink gives.
    const edgeClasses = new Set([roles.text, roles.section, roles.caption, roles.list, roles.footnote, roles.abstract, ...roles.extraText].filter((c): c is string => c !== undefined));
    let near = 0;
    let same = 0;
    let pagesNear = 0;
    for (const f of features) {
      const x0 = f.boxes.filter((b) => b.furniture === undefined && edgeClasses.has(b.cls)).map((b) => b.cx - b.w / 2);
      let n = 0;
      for (let i = 0; i < x0.length; i++) {
        for (let j = i + 1; j < x0.length; j++) {
          const d = Math.abs(x0[i]! - x0[j]!);
          if (d >= NEAR_EDGE) continue;
          n++;
          if (d < EXACT_EDGE) same++;
        }
      }
      near += n;
      if (n) pagesNear++;
    }
    if (near >= 20) {
      const share = Math.min(1, Math.max(0, (same / near - INK_EXACT_SHARE) / (1 - INK_EXACT_SHARE)));
      const nAligned = Math.round(share * pagesNear);
      for (let i = 0; i < pagesNear; i++) add('label_snap_edges', i < nAligned ? 'aligned' : 'ink');
    } else uninformed.label_snap_edges = `${near} pairs of text boxes starting near one another: too few to tell`;
  }
  if (roles.caption && roles.text && roles.caption !== roles.text) {
    for (const f of features) {
      const labels = f.boxes.filter((b) => b.captionLabel);
      for (const cap of f.boxes.filter((b) => b.cls === roles.caption && b.furniture === undefined)) {
        add('label_caption_label', labels.some((b) => isCaptionLabelOf(b, cap)) ? 'separate' : 'joined');
      }
    }
  }
  if (roles.equation && numbersApart) {
    for (const f of features) if (f.boxes.some((b) => b.equationNumber)) add('label_equation_number', 'separate');
  } else uninformed.label_equation_number = `profile ${set.profile.name} boxes equation numbers inside their formula`;
  if (roles.list && set.profile.merge.includes(roles.list)) uninformed.label_list_split = `profile ${set.profile.name} joins list items into one box per list`;
  else if (roles.list) {
    // Items boxed one by one show as list boxes that stack into fewer lists; a page of whole-list boxes cannot be told
    // from one of one-item lists.
    for (const f of features) if ((f.counts[roles.list] ?? 0) > (elementCounts(f, roles).list ?? 0)) add('label_list_split', 'item');
  }
  return { merged, mergeShare };
}
