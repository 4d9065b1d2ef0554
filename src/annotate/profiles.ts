/**
 * Label profiles: how pagesynth's regions become the classes of a dataset. Real datasets label differently
 * (PubLayNet has one `title` for titles and section headings and one box per whole list; DocBank has
 * `author`, `reference`, no page header), so a profile maps each region (by its fine kind, else by its
 * DocLayNet class) to a target class or drops it, and names the classes whose pieces merge into one box.
 * Profiles apply when generating (`generate --labels X`) and when evaluating a COCO file in DocLayNet classes.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { excerpt, InputError, inputErrorOf, quote, UsageError } from '../errors.js';
import type { Region, XYXY } from '../types.js';
import { DOCLAYNET_CLASSES, REGION_CLASSES, REPLACING_KINDS, SUB_REGION_KINDS } from '../types.js';

export interface LabelProfile {
  name: string;
  /** Target classes in category-id order (ids from 1). */
  classes: string[];
  /** Region kind or DocLayNet class → target class, or null to drop. Kinds are looked up first. */
  map: Record<string, string | null>;
  /** Target classes whose regions of one element (or, in COCO input, adjacent boxes) merge into one box. */
  merge: string[];
}

/**
 * How DocLayNet, which has no class for them, labels docling's six extra classes: code listings and key-value
 * regions are Text, a table of contents (Document Index) is a Table, a form's outline and the checkbox glyphs are not
 * labelled (their labels and fields are Text regions of their own).
 */
const DOCLAYNET_OF_EXTRA: Record<string, string | null> = {
  'Document Index': 'Table',
  Code: 'Text',
  'Checkbox-Selected': null,
  'Checkbox-Unselected': null,
  Form: null,
  'Key-Value Region': 'Text',
};

/** The bundled profiles. */
export const PROFILES: Record<string, LabelProfile> = {
  doclaynet: { name: 'doclaynet', classes: [...DOCLAYNET_CLASSES], map: { ...Object.fromEntries(DOCLAYNET_CLASSES.map((c) => [c, c])), ...DOCLAYNET_OF_EXTRA }, merge: [] },
  docling: { name: 'docling', classes: [...REGION_CLASSES], map: Object.fromEntries(REGION_CLASSES.map((c) => [c, c])), merge: [] },
  publaynet: {
    name: 'publaynet',
    classes: ['text', 'title', 'list', 'table', 'figure'],
    map: {
      Text: 'text',
      Caption: 'text',
      Footnote: 'text',
      Title: 'title',
      'Section-header': 'title',
      'List-item': 'list',
      Table: 'table',
      Picture: 'figure',
      Formula: null,
      'Page-header': null,
      'Page-footer': null,
      'Document Index': 'table',
      Code: 'text',
      'Checkbox-Selected': null,
      'Checkbox-Unselected': null,
      Form: null,
      'Key-Value Region': 'text',
    },
    merge: ['list'],
  },
  docbank: {
    name: 'docbank',
    classes: ['abstract', 'author', 'caption', 'date', 'equation', 'figure', 'footer', 'list', 'paragraph', 'reference', 'section', 'table', 'title'],
    map: {
      authors: 'author',
      figure_text: 'paragraph',
      formula_body: 'equation',
      formula_number: 'equation',
      page_number: 'paragraph',
      header: 'paragraph',
      Text: 'paragraph',
      Title: 'title',
      'Section-header': 'section',
      'List-item': 'list',
      Caption: 'caption',
      Formula: 'equation',
      Picture: 'figure',
      Table: 'table',
      Footnote: 'footer',
      'Page-footer': 'footer',
      'Page-header': 'paragraph',
      'Document Index': 'paragraph',
      Code: 'paragraph',
      'Checkbox-Selected': null,
      'Checkbox-Unselected': null,
      Form: null,
      'Key-Value Region': 'paragraph',
    },
    merge: ['list'],
  },
};

/**
 * How the classes of one bundled profile become another's, for COCO files labelled in the first (a DocBank file
 * evaluated or trained in PubLayNet's classes). The one table every path uses: `remapGroundTruth`,
 * `remapDetections`, `loadLabelledSet` (train-detector, experiment, compare) and `detect` all resolve a category
 * name through `categoryTarget`, which reads it. `null` drops the class. Names both profiles share map to
 * themselves. DocBank → PubLayNet: running text of every kind (paragraphs, abstract, authors, dates, footers,
 * references, captions) is `text`, as PubLayNet labels it; section headings and the title are `title`; equations
 * are dropped (PubLayNet has no class for them and leaves them unlabelled).
 */
export const PROFILE_BRIDGES: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string | null>>>>>> = {
  docbank: {
    publaynet: {
      paragraph: 'text',
      abstract: 'text',
      author: 'text',
      date: 'text',
      footer: 'text',
      reference: 'text',
      caption: 'text',
      section: 'title',
      title: 'title',
      list: 'list',
      table: 'table',
      figure: 'figure',
      equation: null,
    },
  },
};

const profileOf = (p: string | LabelProfile): LabelProfile => (typeof p === 'string' ? loadProfile(p) : p);

/**
 * The class-to-class table from one profile to another: identity for a profile to itself, the profile's own
 * `map` from DocLayNet (or docling) classes, `PROFILE_BRIDGES` between bundled profiles; undefined when no
 * table is known. `null` entries drop the class.
 * @example mapBetween('docbank', 'publaynet').footer // 'text'
 */
export function mapBetween(from: string | LabelProfile, to: string | LabelProfile): Record<string, string | null> | undefined {
  const a = profileOf(from);
  const b = profileOf(to);
  if (a.name === b.name) return Object.fromEntries(a.classes.map((c) => [c, c]));
  if (a.name === 'doclaynet' || a.name === 'docling') return Object.fromEntries(a.classes.map((c) => [c, targetClass(b, undefined, c) ?? null]));
  const bridge = Object.hasOwn(PROFILE_BRIDGES, a.name) && Object.hasOwn(PROFILE_BRIDGES[a.name]!, b.name) ? PROFILE_BRIDGES[a.name]![b.name] : undefined;
  return bridge ? { ...bridge } : undefined;
}

/**
 * A bundled profile whose classes are exactly `classes` (in any order), e.g. the profile a detector was trained in.
 * @example profileWithClasses(['text', 'title', 'list', 'table', 'figure'])?.name // 'publaynet'
 */
export function profileWithClasses(classes: readonly string[]): LabelProfile | undefined {
  const want = [...classes].sort().join('\n');
  return Object.values(PROFILES).find((p) => [...p.classes].sort().join('\n') === want);
}

const profileFileSchema = z.object({
  name: z.string().min(1),
  classes: z.array(z.string().min(1)).min(1),
  map: z.record(z.string(), z.string().nullable()),
  merge: z.array(z.string()).default([]),
});

/**
 * A bundled profile by name, or a user mapping file (JSON or YAML: `{name, classes, map, merge}`).
 * @example loadProfile('publaynet').classes // ['text', 'title', 'list', 'table', 'figure']
 */
export function loadProfile(nameOrPath: string): LabelProfile {
  // Own names only: `--labels toString` is not a profile.
  const bundled = Object.hasOwn(PROFILES, nameOrPath) ? PROFILES[nameOrPath] : undefined;
  if (bundled) return bundled;
  if (!/\.(ya?ml|json)$/i.test(nameOrPath)) {
    throw new UsageError(`unknown label profile ${quote(nameOrPath)}; known: ${Object.keys(PROFILES).join(', ')}, or a mapping file (.json/.yaml)`);
  }
  let raw: unknown;
  try {
    const text = readFileSync(nameOrPath, 'utf8');
    raw = nameOrPath.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    // Parsers quote the text they stopped at (YAML a whole source line): keep an excerpt of the first line.
    throw new InputError(`cannot read label mapping: ${excerpt((err as Error).message.split('\n')[0]!, 120)}`, nameOrPath);
  }
  const parsed = profileFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw inputErrorOf(parsed.error.issues.map((i) => ({ file: nameOrPath, path: i.path.join('.'), message: i.message })), nameOrPath);
  }
  const p = parsed.data;
  const problems = [
    ...Object.entries(p.map)
      .filter(([, t]) => t !== null && !p.classes.includes(t))
      .map(([k, t]) => ({ file: nameOrPath, path: `map.${k}`, message: `target class ${quote(t!)} is not in classes (${classList(p.classes)})` })),
    ...p.merge.flatMap((m, i) => (p.classes.includes(m) ? [] : [{ file: nameOrPath, path: `merge.${i}`, message: `${quote(m)} is not in classes (${classList(p.classes)})` }])),
  ];
  if (problems.length) throw inputErrorOf(problems, nameOrPath);
  return p;
}

/**
 * Class names for a message: excerpts, at most 12 of them.
 * @example classList(['text', 'title']) // 'text, title'
 */
export function classList(classes: readonly string[]): string {
  const shown = classes.slice(0, 12).map((c) => excerpt(c, 40));
  return classes.length > 12 ? `${shown.join(', ')}, ... (${classes.length} in all)` : shown.join(', ');
}

function union(a: XYXY, b: XYXY): XYXY {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/** Target class of a region under a profile (undefined: dropped). */
export function targetClass(profile: LabelProfile, kind: string | undefined, category: string): string | undefined {
  // Own keys only: a class named "constructor" or "toString" must not find a member of every object.
  const has = (k: string) => Object.hasOwn(profile.map, k);
  if (kind !== undefined && SUB_REGION_KINDS.includes(kind) && !has(kind)) return undefined;
  const byKind = kind !== undefined && has(kind) ? profile.map[kind] : undefined;
  const t = byKind !== undefined ? byKind : has(category) ? profile.map[category] : undefined;
  return t === null ? undefined : t;
}

/**
 * A page's regions in a profile's classes: mapped, dropped, and merged (regions of one element in a merge
 * class become one box). Order follows the first region of each output box; `sources` are the indices (in
 * `regions`) of the regions behind each box.
 * @example applyProfile(loadProfile('publaynet'), page.regions).map((b) => b.cls) // ['title', 'text', 'list', ...]
 */
export function applyProfile(profile: LabelProfile, regions: readonly Region[]): ProfiledBox[] {
  const out: ProfiledBox[] = [];
  const merged = new Map<string, number>();
  // A profile that maps a replacing kind (formula body and number) gets those parts instead of their region.
  const replacing = REPLACING_KINDS.filter((k) => Object.hasOwn(profile.map, k) && profile.map[k] !== null);
  const replaced = new Set(regions.filter((r) => replacing.includes(r.kind) && r.parent !== undefined).map((r) => r.parent!));
  for (const [i, r] of regions.entries()) {
    if (replaced.has(i)) continue;
    const cls = targetClass(profile, r.kind, r.category);
    if (cls === undefined) continue;
    if (profile.merge.includes(cls) && r.group >= 0) {
      const key = `${cls}:${r.group}`;
      const at = merged.get(key);
      if (at !== undefined) {
        out[at]!.sources.push(i);
        continue;
      }
      merged.set(key, out.length);
    }
    out.push({ cls, box: r.box, sources: [i] });
  }
  // Merged boxes: the union of their sources; a crowd only when every source is one (a crowd source of a merged box
  // that also has ordinary sources is left out of it). Polygons are kept when effects made any.
  for (const o of out) {
    const srcs = o.sources.map((i) => regions[i]!);
    const solid = srcs.filter((r) => !r.crowd);
    const use = solid.length ? solid : srcs;
    o.box = use.slice(1).reduce((b, r) => union(b, r.box), use[0]!.box);
    if (!solid.length) o.crowd = true;
    if (use.some((r) => r.polygon)) o.polygons = use.map((r) => r.polygon ?? rectangle(r.box));
  }
  return out;
}

/** A box of a label profile's class, with the regions it comes from. */
export interface ProfiledBox {
  cls: string;
  box: XYXY;
  /** Indices of the page's regions it is made of. */
  sources: number[];
  /** Segmentation polygons (x, y pairs) when geometric effects moved the page; absent: the box. */
  polygons?: number[][];
  /** COCO `iscrowd: 1`: effects took away too much of its ink (src/effects/boxes.ts). */
  crowd?: true;
}

function rectangle(b: XYXY): number[] {
  return [b.x0, b.y0, b.x1, b.y0, b.x1, b.y1, b.x0, b.y1];
}

/**
 * Merges boxes of one class that stack vertically into one: how list items annotated one by one become a
 * whole-list box when only COCO boxes are known. Boxes are taken top to bottom; a box joins a box above it when
 * they overlap in x by more than half the narrower width, it starts no higher, and the vertical gap between them is
 * at most `maxGap` px. With `opts.maxOverlap`, a box also joins only when it overlaps the box above by at most that
 * fraction of the lower of the two heights (the last box joined and itself): items of a list stack, they do not
 * cover each other, so a box spanning several others is not one of their items.
 * @example mergeStacked([{ x0: 0, y0: 0, x1: 100, y1: 10 }, { x0: 0, y0: 14, x1: 90, y1: 24 }], 6) // [{ x0: 0, y0: 0, x1: 100, y1: 24 }]
 */
export function mergeStacked(boxes: XYXY[], maxGap: number, opts: { maxOverlap?: number } = {}): XYXY[] {
  return stackGroups(boxes, maxGap, opts).map((g) => g.slice(1).reduce((u, i) => union(u, boxes[i]!), boxes[g[0]!]!));
}

/** The groups `mergeStacked` joins, as indices into `boxes` (top to bottom within a group). */
function stackGroups(boxes: readonly XYXY[], maxGap: number, opts: { maxOverlap?: number }): number[][] {
  const order = boxes.map((_, i) => i).sort((i, j) => boxes[i]!.y0 - boxes[j]!.y0 || boxes[i]!.x0 - boxes[j]!.x0);
  const unions: XYXY[] = [];
  const groups: number[][] = [];
  const maxOverlap = opts.maxOverlap ?? Infinity;
  for (const i of order) {
    const b = boxes[i]!;
    const at = unions.findIndex((o, k) => {
      if (!(b.y0 - o.y1 <= maxGap && b.y0 >= o.y0 && Math.min(o.x1, b.x1) - Math.max(o.x0, b.x0) > 0.5 * Math.min(o.x1 - o.x0, b.x1 - b.x0))) return false;
      if (maxOverlap === Infinity) return true;
      const above = boxes[groups[k]!.at(-1)!]!;
      return o.y1 - b.y0 <= maxOverlap * Math.min(above.y1 - above.y0, b.y1 - b.y0);
    });
    if (at >= 0) {
      unions[at] = union(unions[at]!, b);
      groups[at]!.push(i);
    } else {
      unions.push({ ...b });
      groups.push([i]);
    }
  }
  return groups;
}

interface CocoLike {
  images: Array<{ id: number }>;
  annotations: Array<{ id: number; image_id: number; category_id: number; bbox: readonly number[]; area: number; iscrowd?: number | boolean }>;
  categories: Array<{ id: number; name: string; supercategory?: string }>;
}
type DetectionLike = {
  image_id: number;
  category_id: number;
  bbox: readonly number[];
  score: number;
};

/** Vertical gap (as a fraction of the tallest box of the group) under which stacked boxes of a merge class join. */
const STACK_GAP = 0.6;
/** Vertical overlap (as a fraction of the lower height of the two) up to which stacked detections still join. */
const STACK_OVERLAP = 0.25;

/** How a COCO category name resolves in a profile. */
interface CategoryResolution {
  /** Target class; undefined: dropped (or unknown). */
  cls: string | undefined;
  /** The profile (or a bridge) names the category; false: unknown, reported as unmapped. */
  known: boolean;
  /** The category is finer than its target (DocLayNet `List-item` → PubLayNet `list`): its boxes are parts to join. */
  finer: boolean;
}

function resolveCategory(profile: LabelProfile, name: string): CategoryResolution {
  if (Object.hasOwn(profile.map, name)) {
    const cls = targetClass(profile, undefined, name);
    return { cls, known: true, finer: cls !== undefined && cls !== name };
  }
  if (profile.classes.includes(name)) return { cls: name, known: true, finer: false };
  for (const bridges of Object.values(PROFILE_BRIDGES)) {
    const bridge = Object.hasOwn(bridges, profile.name) ? bridges[profile.name]! : undefined;
    if (bridge && Object.hasOwn(bridge, name)) {
      const cls = bridge[name] ?? undefined;
      return { cls: cls !== undefined && profile.classes.includes(cls) ? cls : undefined, known: true, finer: false };
    }
  }
  return { cls: undefined, known: false, finer: false };
}

/**
 * The profile class of a COCO category name, as `remapGroundTruth` and `remapDetections` resolve it: through the
 * profile's map (DocLayNet classes and kinds), kept when already one of its classes, else through
 * `PROFILE_BRIDGES` (a DocBank name in PubLayNet's classes); undefined: dropped or unknown.
 * @example categoryTarget(loadProfile('publaynet'), 'Section-header') // 'title'
 */
export function categoryTarget(profile: LabelProfile, name: string): string | undefined {
  return resolveCategory(profile, name).cls;
}

type Item = { box: XYXY; cls: string; image: number; k: number };

/** Joins stacked items of each group (`key`: undefined keeps the item alone); groups and items keep their order. */
function mergeGroups<T extends Item>(items: T[], key: (t: T) => string | undefined, gap: (key: string, group: T[]) => number, maxOverlap: number | undefined, combine: (group: T[], box: XYXY) => T): T[] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it) ?? `#${it.k}`;
    const g = groups.get(k);
    if (g) g.push(it);
    else groups.set(k, [it]);
  }
  const out: T[] = [];
  for (const [k, g] of groups) {
    if (g.length === 1) {
      out.push(g[0]!);
      continue;
    }
    const boxes = g.map((x) => x.box);
    for (const idx of stackGroups(boxes, gap(k, g), maxOverlap === undefined ? {} : { maxOverlap })) {
      const members = idx.map((i) => g[i]!);
      out.push(members.length === 1 ? members[0]! : combine(members, idx.slice(1).reduce((u, i) => union(u, boxes[i]!), boxes[idx[0]!]!)));
    }
  }
  return out;
}

const toXyxy = (b: readonly number[]): XYXY => ({ x0: b[0]!, y0: b[1]!, x1: b[0]! + b[2]!, y1: b[1]! + b[3]! });
const toBbox = (b: XYXY): [number, number, number, number] => [b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0];
const tallest = (boxes: ReadonlyArray<{ box: XYXY }>) => Math.max(...boxes.map((x) => x.box.y1 - x.box.y0));

/** Ground-truth parts to join (finer categories of a merge class, not crowds), grouped by image and class. */
function partsOf(coco: CocoLike, profile: LabelProfile): { items: Array<Item & { crowd: boolean; part: boolean }>; unmapped: string[] } {
  const resolved = new Map(coco.categories.map((c) => [c.id, resolveCategory(profile, c.name)]));
  const items: Array<Item & { crowd: boolean; part: boolean }> = [];
  coco.annotations.forEach((a, k) => {
    const r = resolved.get(a.category_id);
    if (r?.cls === undefined) return;
    const crowd = Boolean(a.iscrowd);
    items.push({ box: toXyxy(a.bbox), cls: r.cls, image: a.image_id, k, crowd, part: r.finer && profile.merge.includes(r.cls) && !crowd });
  });
  return { items, unmapped: coco.categories.filter((c) => !resolved.get(c.id)!.known).map((c) => c.name) };
}

/**
 * A COCO ground truth (in DocLayNet classes, in the profile's own, or in a bundled profile's bridged to it by
 * `PROFILE_BRIDGES`) in a profile's classes: categories renamed or dropped, and the parts of a merge class that
 * stack on one image joined (DocLayNet list items → one PubLayNet list; the gap allowed is 0.6 of the tallest part
 * of that class on the image). Boxes already in a merge class (PubLayNet's own `list`) are whole and stay apart.
 * Categories unknown to the profile are reported in `unmapped` and dropped.
 * @example remapGroundTruth(doclaynetCoco, loadProfile('publaynet')).coco.categories[2].name // 'list'
 */
export function remapGroundTruth<T extends CocoLike>(coco: T, profile: LabelProfile): { coco: T; unmapped: string[] } {
  const idOf = new Map(profile.classes.map((c, i) => [c, i + 1]));
  const { items, unmapped } = partsOf(coco, profile);
  const merged = mergeGroups(
    items,
    (it) => (it.part ? `${it.image}:${it.cls}` : undefined),
    (_, g) => tallest(g) * STACK_GAP,
    undefined,
    (g, box) => ({ ...g[0]!, box }),
  );
  const annotations = merged.map((it, k) => {
    const bbox = toBbox(it.box);
    return { id: k + 1, image_id: it.image, category_id: idOf.get(it.cls)!, bbox, area: bbox[2] * bbox[3], iscrowd: it.crowd ? 1 : 0 };
  });
  const categories = profile.classes.map((name, i) => ({ id: i + 1, name, supercategory: 'layout' }));
  return { coco: { ...coco, annotations, categories }, unmapped };
}

/** Options of `remapDetections`. */
export interface RemapDetectionsOptions {
  /** The F1 score threshold (`evaluate --score`, default 0.5): detections on its two sides never join. */
  scoreThreshold?: number;
  /** The ground truth the detections are for (its own categories): detections join with the gap its parts join with. */
  groundTruth?: CocoLike;
}

/**
 * Detections in the same classes as `remapGroundTruth` gives. Joining must not turn correct detections into wrong
 * ones, so detections join only where the profile's granularity needs it, under every one of these rules:
 * - only detections of a finer category of a merge class join (DocLayNet `List-item` → PubLayNet `list`);
 *   detections already in the profile's class (`list` from a detector trained in PubLayNet's classes) are whole
 *   and never join;
 * - only detections on one image, of one target class and on one side of the F1 score threshold join: a detection
 *   scoring at or above `scoreThreshold` never joins one below it;
 * - only boxes that stack as list items do join: overlapping in x by more than half the narrower width, the lower
 *   starting below the upper's top, overlapping it vertically by at most a quarter of the lower height of the two
 *   (a box spanning others is an alternative to them, not their item), with a vertical gap at most the one
 *   `remapGroundTruth` allows the ground truth's parts of that class on that image (0.6 of the tallest), or, where
 *   `groundTruth` is not given or has no such parts, 0.6 of the shortest detection of the group.
 * A joined box is the union of its detections and keeps their highest score.
 * @example remapDetections(dets, gt.categories, loadProfile('publaynet'), { scoreThreshold: 0.5, groundTruth: gt })
 */
export function remapDetections<T extends DetectionLike>(dets: readonly T[], categories: ReadonlyArray<{ id: number; name: string }>, profile: LabelProfile, opts: RemapDetectionsOptions = {}): DetectionLike[] {
  const threshold = opts.scoreThreshold ?? 0.5;
  const resolved = new Map(categories.map((c) => [c.id, resolveCategory(profile, c.name)]));
  const idOf = new Map(profile.classes.map((c, i) => [c, i + 1]));
  const gtGap = new Map<string, number>();
  if (opts.groundTruth) {
    const parts = partsOf(opts.groundTruth, profile).items.filter((it) => it.part);
    for (const it of parts) {
      const key = `${it.image}:${it.cls}`;
      gtGap.set(key, Math.max(gtGap.get(key) ?? 0, (it.box.y1 - it.box.y0) * STACK_GAP));
    }
  }
  type Det = Item & { score: number; part: boolean };
  const items: Det[] = [];
  dets.forEach((d, k) => {
    const r = resolved.get(d.category_id);
    if (r?.cls !== undefined) items.push({ box: toXyxy(d.bbox), cls: r.cls, image: d.image_id, score: d.score, k, part: r.finer && profile.merge.includes(r.cls) });
  });
  const merged = mergeGroups(
    items,
    (it) => (it.part ? `${it.image}:${it.cls}:${it.score >= threshold ? 'above' : 'below'}` : undefined),
    (key, g) => gtGap.get(key.slice(0, key.lastIndexOf(':'))) ?? Math.min(...g.map((x) => x.box.y1 - x.box.y0)) * STACK_GAP,
    STACK_OVERLAP,
    (g, box) => ({ ...g[0]!, box, score: Math.max(...g.map((x) => x.score)) }),
  );
  return merged.map((it) => ({ image_id: it.image, category_id: idOf.get(it.cls)!, bbox: toBbox(it.box), score: it.score }));
}

/**
 * For each class of `profile`, the category of a COCO file that stands for it, so that results written with these
 * ids map back to the class (`detect` writes a detector's classes in a COCO file's own ids). Among the
 * categories that resolve to a class (`categoryTarget`), or whose name is the class's in another case, the one
 * named like the class wins (`Text` for `text`), then the one the profile's map, then `PROFILE_BRIDGES`, list first
 * (`Text` before `Caption` for publaynet's `text`; DocBank's `paragraph` before `abstract`), then the first in the
 * file. Classes with no such category are absent.
 * @example categoriesForClasses(loadProfile('publaynet'), [{ id: 7, name: 'Text' }, { id: 9, name: 'Title' }]).get('text') // { id: 7, name: 'Text' }
 */
export function categoriesForClasses<C extends { id: number; name: string }>(profile: LabelProfile, categories: readonly C[]): Map<string, C> {
  const bridged = Object.values(PROFILE_BRIDGES).flatMap((b) => (Object.hasOwn(b, profile.name) ? Object.keys(b[profile.name]!) : []));
  const mapOrder = [...Object.keys(profile.map), ...bridged];
  const rank = (c: C, cls: string): number => {
    if (c.name.toLowerCase() === cls.toLowerCase()) return -1;
    const at = mapOrder.indexOf(c.name);
    return at >= 0 ? at : mapOrder.length;
  };
  const out = new Map<string, C>();
  for (const cls of profile.classes) {
    const candidates = categories.filter((c) => categoryTarget(profile, c.name) === cls || c.name.toLowerCase() === cls.toLowerCase());
    // A stable sort keeps the file's order among equals.
    const best = candidates.slice().sort((a, b) => rank(a, cls) - rank(b, cls))[0];
    if (best) out.set(cls, best);
  }
  return out;
}
