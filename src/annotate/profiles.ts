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

/** Class names for a message: excerpts, at most 12 of them. */
function classList(classes: readonly string[]): string {
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
 * Merges boxes of one class that stack vertically (overlapping in x, vertical gap under `maxGap` px) into
 * one: how list items annotated one by one become a whole-list box when only COCO boxes are known.
 */
export function mergeStacked(boxes: XYXY[], maxGap: number): XYXY[] {
  const sorted = boxes.slice().sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: XYXY[] = [];
  for (const b of sorted) {
    const prev = out.find((o) => b.y0 - o.y1 <= maxGap && b.y0 >= o.y0 && Math.min(o.x1, b.x1) - Math.max(o.x0, b.x0) > 0.5 * Math.min(o.x1 - o.x0, b.x1 - b.x0));
    if (prev) Object.assign(prev, union(prev, b));
    else out.push({ ...b });
  }
  return out;
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

/** Vertical gap (as a fraction of the taller box) under which stacked boxes of a merge class join. */
const STACK_GAP = 0.6;

/** Target class of a COCO category: mapped through the profile, or kept when already one of its classes. */
function cocoTarget(profile: LabelProfile, name: string): string | undefined {
  if (Object.hasOwn(profile.map, name)) return targetClass(profile, undefined, name);
  return profile.classes.includes(name) ? name : undefined;
}

function mergeGroups<T extends { box: XYXY }>(items: T[], key: (t: T) => string, combine: (group: T[], box: XYXY) => T): T[] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = groups.get(k);
    if (g) g.push(it);
    else groups.set(k, [it]);
  }
  const out: T[] = [];
  for (const g of groups.values()) {
    const h = Math.max(...g.map((x) => x.box.y1 - x.box.y0));
    for (const box of mergeStacked(g.map((x) => x.box), h * STACK_GAP)) {
      const inside = g.filter((x) => x.box.x0 >= box.x0 && x.box.y0 >= box.y0 && x.box.x1 <= box.x1 && x.box.y1 <= box.y1);
      out.push(combine(inside, box));
    }
  }
  return out;
}

const toXyxy = (b: readonly number[]): XYXY => ({ x0: b[0]!, y0: b[1]!, x1: b[0]! + b[2]!, y1: b[1]! + b[3]! });
const toBbox = (b: XYXY): [number, number, number, number] => [b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0];

/**
 * A COCO ground truth (in DocLayNet classes, or already in the profile's) in a profile's classes: categories
 * renamed or dropped, and boxes of a merge class that stack on one image joined (list items → one list).
 * Categories unknown to the profile are reported in `unmapped` and dropped.
 */
export function remapGroundTruth<T extends CocoLike>(coco: T, profile: LabelProfile): { coco: T; unmapped: string[] } {
  const nameOf = new Map(coco.categories.map((c) => [c.id, c.name]));
  const idOf = new Map(profile.classes.map((c, i) => [c, i + 1]));
  const unmapped = coco.categories.filter((c) => cocoTarget(profile, c.name) === undefined && !Object.hasOwn(profile.map, c.name)).map((c) => c.name);
  type Item = { box: XYXY; cls: string; image: number; crowd: boolean; k: number };
  const items: Item[] = [];
  coco.annotations.forEach((a, k) => {
    const cls = cocoTarget(profile, nameOf.get(a.category_id) ?? '');
    if (cls !== undefined) items.push({ box: toXyxy(a.bbox), cls, image: a.image_id, crowd: Boolean(a.iscrowd), k });
  });
  const merged = mergeGroups(
    items,
    (it) => (profile.merge.includes(it.cls) && !it.crowd ? `${it.image}:${it.cls}` : `k${it.k}`),
    (g, box) => ({ ...g[0]!, box }),
  );
  const annotations = merged.map((it, k) => {
    const bbox = toBbox(it.box);
    return { id: k + 1, image_id: it.image, category_id: idOf.get(it.cls)!, bbox, area: bbox[2] * bbox[3], iscrowd: it.crowd ? 1 : 0 };
  });
  const categories = profile.classes.map((name, i) => ({ id: i + 1, name, supercategory: 'layout' }));
  return { coco: { ...coco, annotations, categories }, unmapped };
}

/** Detections in the same classes as `remapGroundTruth` gives; merged boxes keep the highest score. */
export function remapDetections<T extends DetectionLike>(dets: readonly T[], categories: ReadonlyArray<{ id: number; name: string }>, profile: LabelProfile): DetectionLike[] {
  const nameOf = new Map(categories.map((c) => [c.id, c.name]));
  const idOf = new Map(profile.classes.map((c, i) => [c, i + 1]));
  type Item = { box: XYXY; cls: string; image: number; score: number; k: number };
  const items: Item[] = [];
  dets.forEach((d, k) => {
    const cls = cocoTarget(profile, nameOf.get(d.category_id) ?? '');
    if (cls !== undefined) items.push({ box: toXyxy(d.bbox), cls, image: d.image_id, score: d.score, k });
  });
  const merged = mergeGroups(
    items,
    (it) => (profile.merge.includes(it.cls) ? `${it.image}:${it.cls}` : `k${it.k}`),
    (g, box) => ({ ...g[0]!, box, score: Math.max(...g.map((x) => x.score)) }),
  );
  return merged.map((it) => ({ image_id: it.image, category_id: idOf.get(it.cls)!, bbox: toBbox(it.box), score: it.score }));
}
