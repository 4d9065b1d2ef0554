/**
 * Label conventions: how a dataset draws its boxes, beyond which class a region gets (that is the label profile's
 * job, profiles.ts). Real datasets differ in more than classes: DocBank groups tokens into boxes, so consecutive
 * paragraphs of a column become one box, a caption's "Fig. 5." lead-in is a box of its own and every box is as tall
 * as its tokens' font boxes; DocLayNet draws one box per paragraph, tight to the ink.
 *
 * The conventions are page-level network nodes (templates/README.md, "Label conventions"), sampled with the page from
 * their own random stream (so they change nothing else on it) and recorded in its spec, so `pagesynth fit` can
 * calibrate them and a page's spec says how it was labelled:
 *
 * | node                    | values                 | default    | what it does to the regions                              |
 * |-------------------------|------------------------|------------|----------------------------------------------------------|
 * | `label_merge_paragraphs`| `none`, `column`       | `none`     | `column`: text regions of one class (under the run's profile; without one, of one kind: paragraph, footnote, abstract) that stack in one column with a vertical gap of at most {@link MERGE_GAP} line pitches (whatever lies between) become one region, transitively |
 * | `label_caption_label`   | `joined`, `separate`   | `joined`   | `separate`: a caption's lead-in ("Figure 3:", "Tab. 2") becomes a Text region of its own (kind `caption_label`), the caption keeps the rest of its words |
 * | `label_equation_number` | `separate`, `joined`   | `separate` | `joined`: a numbered formula's body and number parts are dropped, so every profile boxes the formula with its number (`separate` leaves them: docbank boxes them apart) |
 * | `label_list_split`      | `item`, `list`         | `item`     | `list`: the items of one list become one region (profiles that merge lists, docbank and publaynet, do so anyway) |
 * | `label_snap_edges`      | `ink`, `aligned`       | `ink`      | `aligned`: edges of text boxes within {@link SNAP_TOLERANCE} line pitches (of the first of a run, sorted) become one, the outermost, as boxes from the typeset text frame rather than the ink line up exactly: an ink box starts where its first glyph's ink does |
 * | `label_pad_y`, `label_pad_x` | number (line pitches) | 0       | text boxes grow (negative: shrink) by that much on top and bottom / left and right, clamped to the page: a dataset whose boxes are font boxes rather than ink |
 *
 * Conventions apply to a page's regions before the label profile (`applyConventions`, then `applyProfile`): regions in,
 * regions out, deterministic. A line pitch is the page's own (the median distance between consecutive text lines of
 * its paragraphs). With every node absent or at its default, the regions come back untouched (the same array).
 */
import type { NodeValue, Region, XYXY } from '../types.js';
import { FIGURE_TEXT, REPLACING_KINDS, TEXT_LINE, WORD } from '../types.js';
import { targetClass, type LabelProfile } from './profiles.js';

/** Gap (in line pitches of the page) up to which `label_merge_paragraphs: column` joins stacked text regions. */
export const MERGE_GAP = 1.2;

/**
 * Region kinds that `label_merge_paragraphs: column` merges when no label profile is given, each only with its own
 * kind. With a profile, regions of the categories in {@link MERGE_CATEGORIES} merge with the regions of the same
 * target class: the dataset groups by class (under docbank a note and a paragraph are both `paragraph`).
 */
export const MERGE_KINDS: readonly string[] = ['paragraph', 'footnote', 'abstract'];

/** Region categories whose regions merge (by target class) under `label_merge_paragraphs: column` with a profile. */
export const MERGE_CATEGORIES: readonly string[] = ['Text', 'Footnote', 'List-item', 'Code', 'Key-Value Region'];

/** Edges of text boxes closer than this (line pitches) are one edge under `label_snap_edges: aligned`. */
export const SNAP_TOLERANCE = 0.12;

/** Kind of the region a caption's lead-in becomes under `label_caption_label: separate` (category Text). */
export const CAPTION_LABEL = 'caption_label';

/** The conventions of one page, as read from its spec values. */
export interface Conventions {
  mergeParagraphs: 'none' | 'column';
  captionLabel: 'joined' | 'separate';
  equationNumber: 'separate' | 'joined';
  listSplit: 'item' | 'list';
  snapEdges: 'ink' | 'aligned';
  /** Padding in line pitches, each side (negative: trim). */
  padX: number;
  padY: number;
}

/** The network node behind each convention, and its default (today's boxes). */
export const CONVENTION_NODES = {
  mergeParagraphs: { node: 'label_merge_paragraphs', values: ['none', 'column'], default: 'none' },
  captionLabel: { node: 'label_caption_label', values: ['joined', 'separate'], default: 'joined' },
  equationNumber: { node: 'label_equation_number', values: ['separate', 'joined'], default: 'separate' },
  listSplit: { node: 'label_list_split', values: ['item', 'list'], default: 'item' },
  snapEdges: { node: 'label_snap_edges', values: ['ink', 'aligned'], default: 'ink' },
  padX: { node: 'label_pad_x', default: 0 },
  padY: { node: 'label_pad_y', default: 0 },
} as const;

/** Conventions that change nothing. */
export const DEFAULT_CONVENTIONS: Readonly<Conventions> = {
  mergeParagraphs: 'none',
  captionLabel: 'joined',
  equationNumber: 'separate',
  listSplit: 'item',
  snapEdges: 'ink',
  padX: 0,
  padY: 0,
};

/**
 * A page's conventions from its spec values (`spec.values`); absent nodes and values a node cannot take give the
 * default.
 * @example conventionsOf({ label_merge_paragraphs: 'column' }).mergeParagraphs // 'column'
 */
export function conventionsOf(values: Readonly<Record<string, NodeValue>> | undefined): Conventions {
  const v = values ?? {};
  const pick = <K extends 'mergeParagraphs' | 'captionLabel' | 'equationNumber' | 'listSplit' | 'snapEdges'>(k: K): Conventions[K] => {
    const def = CONVENTION_NODES[k];
    const x = v[def.node];
    return ((def.values as readonly string[]).includes(x as string) ? x : def.default) as Conventions[K];
  };
  const num = (k: 'padX' | 'padY') => {
    const x = v[CONVENTION_NODES[k].node];
    return typeof x === 'number' && Number.isFinite(x) ? x : 0;
  };
  return {
    mergeParagraphs: pick('mergeParagraphs'),
    captionLabel: pick('captionLabel'),
    equationNumber: pick('equationNumber'),
    listSplit: pick('listSplit'),
    snapEdges: pick('snapEdges'),
    padX: num('padX'),
    padY: num('padY'),
  };
}

/** Whether conventions leave every region as it is. */
export function isDefaultConventions(c: Conventions): boolean {
  return c.mergeParagraphs === 'none' && c.captionLabel === 'joined' && c.equationNumber === 'separate' && c.listSplit === 'item' && c.snapEdges === 'ink' && c.padX === 0 && c.padY === 0;
}

/** Regions after conventions, with the input regions behind each (indices into the input). */
export interface ConventionResult {
  regions: Region[];
  /** For each output region, the input regions it comes from (a merge: several; a caption label: its caption). */
  sources: number[][];
  /** The line pitch used (pixels), or null when no convention needed one. */
  pitch: number | null;
}

/** Options of `applyConventions`. */
export interface ConventionOptions {
  /** Page size in pixels: padded boxes are clamped to it (absent: only to x, y ≥ 0). */
  width?: number;
  height?: number;
  /** The label profile the boxes are made in: merging joins regions of one target class (absent: of one kind, {@link MERGE_KINDS}). */
  profile?: LabelProfile;
}

/** Categories whose regions are text (padded by `label_pad_*`): not pictures, tables, checkboxes or form outlines. */
const UNPADDED_CATEGORIES = new Set(['Picture', 'Table', 'Checkbox-Selected', 'Checkbox-Unselected', 'Form']);
/** Sub-region kinds that become boxes of their own under some profile (docbank), so they are padded like regions. */
const PADDED_PARTS = new Set([...REPLACING_KINDS, FIGURE_TEXT]);

interface Node {
  r: Region;
  parent?: Node;
  alive: boolean;
  sources: number[];
}

const union = (a: XYXY, b: XYXY): XYXY => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
const unionAll = (boxes: readonly XYXY[]): XYXY => boxes.slice(1).reduce(union, boxes[0]!);
const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
};

/**
 * The line pitch of a page in pixels: the median distance between the tops of consecutive text lines of one
 * region (paragraph lines first; any text region's when there are none), else 1.25 × the median line height, else
 * 1.5 % of the page height (or of the regions' extent).
 */
export function linePitch(regions: readonly Region[], height?: number): number {
  const byParent = new Map<number, Array<{ line: number; box: XYXY }>>();
  for (const r of regions) {
    if (r.kind !== TEXT_LINE || r.parent === undefined) continue;
    const list = byParent.get(r.parent) ?? [];
    list.push({ line: Number(r.attributes?.line ?? list.length), box: r.box });
    byParent.set(r.parent, list);
  }
  const steps = (pred: (p: number) => boolean) => {
    const out: number[] = [];
    for (const [p, lines] of byParent) {
      if (!pred(p)) continue;
      lines.sort((a, b) => a.line - b.line);
      for (let i = 1; i < lines.length; i++) if (lines[i]!.line === lines[i - 1]!.line + 1) out.push(lines[i]!.box.y0 - lines[i - 1]!.box.y0);
    }
    return out.filter((d) => d > 0);
  };
  const fromParagraphs = median(steps((p) => regions[p]?.kind === 'paragraph'));
  if (fromParagraphs !== null) return fromParagraphs;
  const fromAny = median(steps(() => true));
  if (fromAny !== null) return fromAny;
  const lineH = median(regions.filter((r) => r.kind === TEXT_LINE).map((r) => r.box.y1 - r.box.y0));
  if (lineH !== null && lineH > 0) return 1.25 * lineH;
  const H = height ?? Math.max(1, ...regions.map((r) => r.box.y1));
  return 0.015 * H;
}

/** Whether two boxes stack in one column: their x-extents overlap by half the narrower one. */
function sameColumn(a: XYXY, b: XYXY): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) >= 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
}

/** Vertical gap between two boxes (negative when they overlap vertically). */
function gapY(a: XYXY, b: XYXY): number {
  return Math.max(a.y0, b.y0) - Math.min(a.y1, b.y1);
}

/** Convex hull (monotone chain) of x, y pairs, as a flat polygon. */
function hull(points: Array<[number, number]>): number[] {
  const p = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p.flat();
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Array<[number, number]> = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Array<[number, number]> = [];
  for (const q of p.slice().reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)].flat();
}

const corners = (b: XYXY): Array<[number, number]> => [[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1]];
const pairs = (poly: readonly number[]): Array<[number, number]> => Array.from({ length: poly.length >> 1 }, (_, i) => [poly[2 * i]!, poly[2 * i + 1]!]);

/**
 * Joins `group` (live top-level nodes, any order) into its first node in reading order: box = union of the solid
 * members (all when every one is a crowd), crowd when every one is, polygon = hull when any has one. Sub-regions of
 * the others move to it, their line numbers following the lines before them (members taken top to bottom).
 */
function mergeInto(group: Node[], seq: readonly Node[]): void {
  const order = new Map(seq.map((n, i) => [n, i]));
  const anchor = group.slice().sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
  const solid = group.filter((n) => !n.r.crowd);
  const use = solid.length ? solid : group;
  const box = unionAll(use.map((n) => n.r.box));
  const anyPolygon = group.some((n) => n.r.polygon);
  const polygon = anyPolygon ? hull(use.flatMap((n) => (n.r.polygon ? pairs(n.r.polygon) : corners(n.r.box)))) : undefined;
  // Line numbers: members top to bottom, each member's lines after the previous members' lines.
  const topDown = group.slice().sort((a, b) => a.r.box.y0 - b.r.box.y0 || order.get(a)! - order.get(b)!);
  let offset = 0;
  for (const m of topDown) {
    const subs = seq.filter((s) => s.alive && s.parent === m);
    const lines = subs.filter((s) => s.r.kind === TEXT_LINE || s.r.kind === WORD);
    const maxLine = Math.max(-1, ...lines.map((s) => Number(s.r.attributes?.line ?? 0)));
    for (const s of subs) {
      s.parent = anchor;
      if (offset && (s.r.kind === TEXT_LINE || s.r.kind === WORD)) s.r = { ...s.r, attributes: { ...s.r.attributes, line: Number(s.r.attributes?.line ?? 0) + offset } };
    }
    offset += maxLine + 1;
  }
  const next: Region = { ...anchor.r, box };
  if (use.every((n) => n.r.crowd)) next.crowd = true;
  else delete next.crowd;
  if (polygon) next.polygon = polygon;
  anchor.r = next;
  anchor.sources = group.flatMap((n) => n.sources).sort((a, b) => a - b);
  for (const m of group) if (m !== anchor) m.alive = false;
}

/** Connected components of `items` under `linked` (union-find), each in input order. */
function components<T>(items: readonly T[], linked: (a: T, b: T) => boolean): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (linked(items[i]!, items[j]!)) parent[find(i)] = find(j);
  const groups = new Map<number, T[]>();
  items.forEach((it, i) => {
    const g = groups.get(find(i)) ?? [];
    g.push(it);
    groups.set(find(i), g);
  });
  return [...groups.values()];
}

/** The words of a caption's lead-in ("Figure 3:", "Tab. 2", "图 3："): first word with a number, or first two when the second holds the number. */
function leadIn(words: readonly Node[]): Node[] {
  const text = (n: Node) => String(n.r.attributes?.text ?? '');
  const hasNumber = (s: string) => /\p{Nd}/u.test(s) || /^[IVXLC]+[.:：]?$/.test(s);
  if (words.length >= 2 && hasNumber(text(words[0]!))) return [words[0]!];
  if (words.length >= 3 && /^\p{L}+\.?$/u.test(text(words[0]!)) && hasNumber(text(words[1]!))) return [words[0]!, words[1]!];
  return [];
}

/**
 * Applies a page's label conventions to its regions (see module doc). Regions in, regions out: sub-regions keep
 * pointing at their region (`parent` re-indexed), merged regions carry their members' lines and words (renumbered),
 * and `sources` says which input regions each output region comes from. Deterministic; the input is not changed.
 * @example
 * const { regions } = applyConventionsDetailed(page.regions, { label_merge_paragraphs: 'column' }, { width: 1240, height: 1754 });
 */
export function applyConventionsDetailed(regions: readonly Region[], values: Readonly<Record<string, NodeValue>> | Conventions | undefined, opts: ConventionOptions = {}): ConventionResult {
  const c = values && 'mergeParagraphs' in values && 'padY' in values ? (values as Conventions) : conventionsOf(values as Record<string, NodeValue> | undefined);
  if (isDefaultConventions(c)) return { regions: regions.slice(), sources: regions.map((_, i) => [i]), pitch: null };
  const nodes: Node[] = regions.map((r, i) => ({ r, alive: true, sources: [i] }));
  nodes.forEach((n) => {
    if (n.r.parent !== undefined) n.parent = nodes[n.r.parent];
  });
  let seq: Node[] = nodes.slice();
  const pitch = linePitch(regions, opts.height);
  const top = () => seq.filter((n) => n.alive && n.parent === undefined);
  const childrenOf = (p: Node) => seq.filter((s) => s.alive && s.parent === p);

  // 1. A formula boxed with its number: drop the body and number parts (the profile then takes the formula region).
  if (c.equationNumber === 'joined') for (const n of seq) if (n.parent && REPLACING_KINDS.includes(n.r.kind)) n.alive = false;

  // 2. A caption's lead-in as a region of its own.
  if (c.captionLabel === 'separate') {
    for (const cap of top().filter((n) => n.r.kind === 'caption' && !n.r.crowd)) {
      const subs = childrenOf(cap);
      const words = subs.filter((s) => s.r.kind === WORD && Number(s.r.attributes?.line ?? 0) === 0);
      const lead = leadIn(words);
      if (!lead.length) continue;
      const rest = subs.filter((s) => s.r.kind === WORD && !lead.includes(s));
      if (!rest.length) continue;
      const label: Node = { r: { category: 'Text', kind: CAPTION_LABEL, group: cap.r.group, box: unionAll(lead.map((w) => w.r.box)) }, alive: true, sources: cap.sources.slice() };
      const labelLine: Node = { r: { category: cap.r.category, kind: TEXT_LINE, group: cap.r.group, box: label.r.box, attributes: { line: 0 } }, parent: label, alive: true, sources: cap.sources.slice() };
      for (const w of lead) w.parent = label;
      // The caption's first line keeps its other words; a first line left empty goes.
      const first = subs.find((s) => s.r.kind === TEXT_LINE && Number(s.r.attributes?.line ?? 0) === 0);
      const firstRest = rest.filter((w) => Number(w.r.attributes?.line ?? 0) === 0);
      if (first) {
        if (firstRest.length) first.r = { ...first.r, box: unionAll(firstRest.map((w) => w.r.box)) };
        else first.alive = false;
      }
      const lines = childrenOf(cap).filter((s) => s.r.kind === TEXT_LINE);
      const capBox = unionAll((lines.length ? lines : rest).map((s) => s.r.box));
      const next: Region = { ...cap.r, box: capBox };
      // Geometric effects' polygon described the whole caption: the box stands for both now.
      delete next.polygon;
      cap.r = next;
      const at = seq.indexOf(cap);
      seq = [...seq.slice(0, at), label, labelLine, ...seq.slice(at)];
    }
  }

  // 3. One region per list.
  if (c.listSplit === 'list') {
    const byGroup = new Map<number, Node[]>();
    for (const n of top()) {
      if (n.r.kind !== 'list_item' || n.r.group < 0) continue;
      const g = byGroup.get(n.r.group) ?? [];
      g.push(n);
      byGroup.set(n.r.group, g);
    }
    for (const g of byGroup.values()) if (g.length > 1) mergeInto(g, seq);
  }

  // 4. Consecutive text blocks of one class (one kind without a profile) in a column as one region.
  if (c.mergeParagraphs === 'column') {
    const profile = opts.profile;
    const keyOf = (r: Region): string | undefined => {
      if (r.kind === CAPTION_LABEL) return undefined;
      if (!profile) return MERGE_KINDS.includes(r.kind) ? r.kind : undefined;
      return MERGE_CATEGORIES.includes(r.category) ? targetClass(profile, r.kind, r.category) : undefined;
    };
    const byKey = new Map<string, Node[]>();
    for (const n of top()) {
      const k = keyOf(n.r);
      if (k === undefined) continue;
      const g = byKey.get(k) ?? [];
      g.push(n);
      byKey.set(k, g);
    }
    for (const items of byKey.values()) {
      if (items.length < 2) continue;
      const groups = components(items, (a, b) => sameColumn(a.r.box, b.r.box) && gapY(a.r.box, b.r.box) <= MERGE_GAP * pitch);
      for (const g of groups) if (g.length > 1) mergeInto(g, seq);
    }
  }

  // 5. Edges of text boxes that nearly line up, lined up (before padding, which moves them all alike).
  if (c.snapEdges === 'aligned') {
    const text = top().filter((n) => !UNPADDED_CATEGORIES.has(n.r.category));
    const tol = SNAP_TOLERANCE * pitch;
    const next = new Map(text.map((n) => [n, { ...n.r.box }]));
    for (const [edge, outer] of [['x0', Math.min], ['y0', Math.min], ['x1', Math.max], ['y1', Math.max]] as const) {
      // Runs of edges within `tol` of the run's first become one: the outermost of the run (no edge moves more than tol).
      const sorted = text.slice().sort((a, b) => a.r.box[edge] - b.r.box[edge]);
      let chain: Node[] = [];
      const flush = () => {
        const v = outer(...chain.map((n) => n.r.box[edge]));
        for (const n of chain) next.get(n)![edge] = v;
        chain = [];
      };
      for (const n of sorted) {
        if (chain.length && n.r.box[edge] - chain[0]!.r.box[edge] > tol) flush();
        chain.push(n);
      }
      if (chain.length) flush();
    }
    for (const n of text) n.r = { ...n.r, box: next.get(n)! };
  }

  // 6. Padding (after merging: a merged box is padded once), clamped to the page.
  if (c.padX !== 0 || c.padY !== 0) {
    const W = opts.width ?? Number.POSITIVE_INFINITY;
    const H = opts.height ?? Number.POSITIVE_INFINITY;
    const dx = c.padX * pitch;
    const dy = c.padY * pitch;
    for (const n of seq) {
      if (!n.alive) continue;
      const padded = n.parent === undefined ? !UNPADDED_CATEGORIES.has(n.r.category) : PADDED_PARTS.has(n.r.kind);
      if (!padded) continue;
      const b = n.r.box;
      // A trim never turns a box inside out: it stops at a pixel around the centre.
      const cx = (b.x0 + b.x1) / 2;
      const cy = (b.y0 + b.y1) / 2;
      const x0 = Math.max(0, Math.min(b.x0 - dx, cx - 0.5));
      const x1 = Math.min(W, Math.max(b.x1 + dx, cx + 0.5));
      const y0 = Math.max(0, Math.min(b.y0 - dy, cy - 0.5));
      const y1 = Math.min(H, Math.max(b.y1 + dy, cy + 0.5));
      n.r = { ...n.r, box: { x0, y0, x1, y1 } };
    }
  }

  // Drop what died (and sub-regions of what died), re-index parents.
  const live = seq.filter((n) => {
    for (let p: Node | undefined = n; p; p = p.parent) if (!p.alive) return false;
    return true;
  });
  const index = new Map(live.map((n, i) => [n, i]));
  const out = live.map((n) => {
    const r: Region = { ...n.r };
    if (n.parent) r.parent = index.get(n.parent)!;
    else delete r.parent;
    return r;
  });
  return { regions: out, sources: live.map((n) => n.sources), pitch };
}

/**
 * A page's regions under the label conventions its spec values name (see module doc); the same array when they
 * are all at their defaults.
 * @example applyConventions(page.regions, page.spec.values, { width: page.width, height: page.height })
 */
export function applyConventions(regions: Region[], values: Readonly<Record<string, NodeValue>> | undefined, opts: ConventionOptions = {}): Region[] {
  if (isDefaultConventions(conventionsOf(values))) return regions;
  return applyConventionsDetailed(regions, values, opts).regions;
}

/** What `withConventions` needs of a rendered page: its regions and size, its spec, and its vector twin if any. */
export interface ConventionPage {
  regions: Region[];
  width: number;
  height: number;
  spec: { values: Record<string, NodeValue> };
  pdf?: { regions: Region[]; width: number; height: number };
}

/**
 * A rendered page with its regions (and its vector twin's) under the conventions of its spec: the same object when
 * they change nothing. This is where a run applies them, before the label profile makes boxes.
 * @example page = withConventions(page, profile); // then pageBoxes(profile, idOf, page.regions)
 */
export function withConventions<P extends ConventionPage>(page: P, profile?: LabelProfile): P {
  if (isDefaultConventions(conventionsOf(page.spec.values))) return page;
  const regions = applyConventions(page.regions, page.spec.values, { width: page.width, height: page.height, profile });
  const pdf = page.pdf ? { ...page.pdf, regions: applyConventions(page.pdf.regions, page.spec.values, { width: page.pdf.width, height: page.pdf.height, profile }) } : undefined;
  return { ...page, regions, ...(pdf ? { pdf } : {}) };
}
