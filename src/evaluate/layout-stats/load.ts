/**
 * Reading a COCO file (a real dataset's, or a pagesynth run folder's annotations.json) into pages of boxes in a
 * label profile's classes, for layout statistics. Bad input is named record by record: a file with no pages is
 * an error; categories the profile does not know and boxes outside their page are warnings (the boxes are
 * dropped or clipped), so one odd record does not stop a comparison.
 */
import { loadProfile, PROFILES, remapGroundTruth, type LabelProfile } from '../../annotate/index.js';
import { describe, excerpt, InputError, inputErrorOf, quote, UsageError, type Problem } from '../../errors.js';
import { cocoFileOf, findCocoFile } from '../../run/folder.js';
import { DOCLAYNET_CLASSES } from '../../types.js';
import { loadCoco, type CocoGroundTruth } from '../metrics/index.js';

/** One box in pixels, in a profile's class. */
export interface LayoutBox {
  cls: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Annotation id in the source file (after remapping: the remapped id). */
  id: number;
}

/** One page: its size in pixels and its boxes. */
export interface LayoutPage {
  id: number;
  file: string;
  width: number;
  height: number;
  boxes: LayoutBox[];
}

/** Pages of one COCO file in one profile's classes. */
export interface LayoutSet {
  /** The COCO file read. */
  source: string;
  profile: LabelProfile;
  classes: string[];
  pages: LayoutPage[];
  /** Problems that did not stop reading (unknown categories, boxes outside the page, empty pages). */
  warnings: Problem[];
}

/** Warnings listed per kind before "and N more". */
const MAX_WARNINGS_PER_KIND = 10;

/** `annotations.json` inside a run folder, or the path itself (run/folder.ts: the one place runs are found). */
export function cocoPathOf(pathOrDir: string): string {
  return findCocoFile(pathOrDir) ?? pathOrDir;
}

/**
 * The profile a COCO file's categories are in: the one named, else the first bundled profile (doclaynet,
 * publaynet, docbank) whose classes hold every category of the file.
 * @throws UsageError when none does (name one with --labels).
 */
export function profileFor(coco: CocoGroundTruth, name: string | LabelProfile | undefined, file: string): LabelProfile {
  if (name !== undefined) return typeof name === 'string' ? loadProfile(name) : name;
  const cats = coco.categories.map((c) => c.name);
  if (cats.every((c) => (DOCLAYNET_CLASSES as readonly string[]).includes(c))) return PROFILES.doclaynet!;
  const found = Object.values(PROFILES).find((p) => cats.every((c) => p.classes.includes(c)));
  if (!found) {
    const shown = cats.slice(0, 12).map((c) => excerpt(c, 40)).join(', ');
    throw new UsageError(`${file}: categories ${shown}${cats.length > 12 ? `, ... (${cats.length} in all)` : ''} are not all in one bundled label profile; name one with --labels`);
  }
  return found;
}

/**
 * Reads a COCO file (or a run folder holding annotations.json) into pages in `profile`'s classes (default: the
 * bundled profile its categories belong to).
 * @throws InputError for a file that cannot be read, is not COCO, has no pages, or has pages without a size.
 * @example (await loadLayoutSet('output/run', { profile: 'publaynet' })).pages[0].boxes.length
 */
export async function loadLayoutSet(pathOrDir: string, opts: { profile?: string | LabelProfile } = {}): Promise<LayoutSet> {
  const file = cocoFileOf(pathOrDir);
  const raw = await loadCoco(file);
  if (raw.images.length === 0) throw new InputError([{ file, path: 'images', message: 'no pages: expected at least one image' }]);
  const profile = profileFor(raw, opts.profile, file);
  const warnings: Problem[] = [];
  const warn = (list: Problem[], path: string, message: string) => list.push({ file, path, message });

  // Categories the profile cannot place: name them and how many boxes they drop.
  const { coco, unmapped } = remapGroundTruth(raw, profile);
  if (unmapped.length) {
    const byName = new Map(raw.categories.map((c) => [c.id, c.name]));
    const counts = new Map<string, number>();
    for (const a of raw.annotations) {
      const n = byName.get(a.category_id);
      if (n !== undefined && unmapped.includes(n)) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const name of unmapped) {
      const id = raw.categories.find((c) => c.name === name)!.id;
      warn(warnings, `categories[id=${id}]`, `category ${quote(name)} is not in label profile ${excerpt(profile.name, 40)} (${profile.classes.slice(0, 12).map((c) => excerpt(c, 40)).join(', ')}${profile.classes.length > 12 ? ', ...' : ''}); its ${counts.get(name) ?? 0} box(es) are dropped`);
    }
  }

  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  const pages = new Map<number, LayoutPage>();
  const sizeProblems: Problem[] = [];
  for (const img of coco.images) {
    const width = Number(img.width);
    const height = Number(img.height);
    if (!(width > 0 && height > 0)) sizeProblems.push({ file, path: `images[id=${img.id}]`, message: `expected positive width and height, got ${describe(img.width)} x ${describe(img.height)}` });
    pages.set(img.id, { id: img.id, file: String(img.file_name ?? img.id), width, height, boxes: [] });
  }
  if (sizeProblems.length) throw inputErrorOf(sizeProblems, file);

  const outside: Problem[] = [];
  let outsideTotal = 0;
  for (const a of coco.annotations) {
    if (a.iscrowd) continue;
    const page = pages.get(a.image_id)!;
    const [x, y, w, h] = a.bbox as [number, number, number, number];
    const tol = 1;
    if (x < -tol || y < -tol || x + w > page.width + tol || y + h > page.height + tol) {
      outsideTotal++;
      if (outside.length < MAX_WARNINGS_PER_KIND) {
        warn(outside, `annotations[image_id=${a.image_id}, bbox=${JSON.stringify(a.bbox)}]`, `box outside its ${page.width} x ${page.height} page; clipped`);
      }
    }
    const x0 = Math.max(0, Math.min(page.width, x));
    const y0 = Math.max(0, Math.min(page.height, y));
    const x1 = Math.max(0, Math.min(page.width, x + w));
    const y1 = Math.max(0, Math.min(page.height, y + h));
    if (x1 - x0 <= 0 || y1 - y0 <= 0) continue;
    page.boxes.push({ cls: names.get(a.category_id)!, x0, y0, x1, y1, id: a.id });
  }
  warnings.push(...outside);
  if (outsideTotal > outside.length) warnings.push({ file, path: 'annotations', message: `and ${outsideTotal - outside.length} more box(es) outside their page` });
  const empty = [...pages.values()].filter((p) => p.boxes.length === 0);
  if (empty.length) {
    warnings.push({ file, path: 'images', message: `${empty.length} page(s) without boxes, e.g. id ${empty.slice(0, 5).map((p) => p.id).join(', ')}` });
  }
  return { source: file, profile, classes: coco.categories.map((c) => c.name), pages: [...pages.values()], warnings };
}

/** Pages from COCO data already in memory (tests, or callers that built a COCO object). */
export function layoutSetFromCoco(coco: CocoGroundTruth, profile: string | LabelProfile | undefined, source = '(memory)'): LayoutSet {
  const p = profileFor(coco, profile, source);
  const { coco: mapped } = remapGroundTruth(coco, p);
  const names = new Map(mapped.categories.map((c) => [c.id, c.name]));
  const pages = new Map<number, LayoutPage>(mapped.images.map((img) => [img.id, { id: img.id, file: String(img.file_name ?? img.id), width: Number(img.width), height: Number(img.height), boxes: [] }]));
  for (const a of mapped.annotations) {
    const page = pages.get(a.image_id);
    if (!page) continue;
    const [x, y, w, h] = a.bbox as [number, number, number, number];
    page.boxes.push({ cls: names.get(a.category_id)!, x0: x, y0: y, x1: x + w, y1: y + h, id: a.id });
  }
  return { source, profile: p, classes: mapped.categories.map((c) => c.name), pages: [...pages.values()], warnings: [] };
}
