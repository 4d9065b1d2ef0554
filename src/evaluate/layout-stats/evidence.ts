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
 */
import type { NetworkEvidence, NodeObservation } from '../../network/fit.js';
import type { NetworkDef, NodeDef } from '../../network/index.js';
import { compileNetwork, samplePageSpec } from '../../network/index.js';
import { deriveSeed } from '../../random/index.js';
import { elementCounts, overlapX, overlapY, rolesOf, type BoxFeatures, type PageFeatures, type Roles } from './features.js';
import type { LayoutSet } from './load.js';
import { targetClass } from '../../annotate/index.js';
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

/** Median gap (fraction of page height) between vertically consecutive text boxes of a page, or null. */
export function textGapMedian(f: PageFeatures, textClasses: ReadonlySet<string>, maxGap: number): number | null {
  const body = f.boxes.filter((b) => b.furniture === undefined);
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
  template: 'the genre is not visible in region boxes',
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
  const add = (key: string, value: NodeObservation['value'], parents?: NodeObservation['parents']) => {
    if (!nodeOf(base, key)) return;
    (obs[key] ??= []).push(parents ? { value, parents } : { value });
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
  for (const f of features) {
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
    if (gap !== null) add('block_gap', Math.max(0, (gap / pitchH - GAP_OFFSET) / GAP_SLOPE));
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
      if (b.cls === roles.text) add('paragraph.lines', lineValue('paragraph.lines', lines(b, f, pitchMm)), colParents);
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
  for (const [key, reason] of Object.entries(UNINFORMED_REASONS)) if (nodeOf(base, key) && !obs[key]) uninformed[key] = reason;
  if (!roles.abstract && base.nodes.has_abstract) uninformed.has_abstract = `profile ${set.profile.name} has no abstract class`;
  return { pages: features.length, observations: obs, uninformed };
}
