/**
 * Validating COCO ground truth and COCO results, and indexing them for the evaluator: boxes grouped by
 * (category, image) cell in typed arrays, detections of a cell sorted by descending score (stable).
 *
 * Semantics follow pycocotools (`COCO`, `COCO.loadRes`, `COCOeval._prepare`):
 * - images and categories are evaluated in ascending id order; ids need not be contiguous;
 * - a ground-truth box is ignored iff it is a crowd (`iscrowd` truthy); like pycocotools, an `ignore` field
 *   in the file is not read (`_prepare` overwrites it with `iscrowd`);
 * - a detection's area is w*h, its id is its 1-based position in the file, and it is never a crowd.
 * Where pycocotools would crash or silently drop data (a missing field, a detection on an unknown image or
 * category, a duplicate id), this module reports the record instead.
 */
import { describe, formatProblems, InputError, quote, type Problem } from '../../errors.js';
import { readJsonFile } from './json.js';
import type { CocoDetection, CocoGroundTruth, DetectionSet, SkippedSummary } from './types.js';

/** Problems listed in an InputError before "and N more". */
export const MAX_LISTED_PROBLEMS = 20;

/** Ground truth indexed for evaluation. Cell c = k * I + i holds category k (sorted ids) on image i (sorted ids). */
export interface PreparedGt {
  imgIds: number[];
  imgIndex: Map<number, number>;
  catIds: number[];
  catNames: string[];
  catIndex: Map<number, number>;
  /** Boxes of cell c are [cellStart[c], cellStart[c + 1]), in file order. */
  cellStart: Int32Array;
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  area: Float64Array;
  crowd: Uint8Array;
  /** Annotation id is 0: pycocotools cannot record a match to it (dtMatches stores the gt id, 0 = none). */
  zeroId: Uint8Array;
  count: number;
  /** Path the ground truth was read from, if known. */
  file?: string;
}

/** Detections indexed like PreparedGt; within a cell sorted by descending score, ties in file order. */
export interface PreparedDt {
  cellStart: Int32Array;
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  score: Float64Array;
  /** Position in its cell after sorting (0 = best score). */
  rank: Int32Array;
  count: number;
}

const preparedGt = new WeakMap<object, PreparedGt>();
const preparedDt = new WeakMap<DetectionSet, { gt: PreparedGt; dt: PreparedDt }>();

/** Collects problems, keeping the first MAX_LISTED_PROBLEMS and a count. */
class Problems {
  list: Problem[] = [];
  total = 0;
  constructor(readonly file: string | undefined) {}
  add(path: string, message: string): void {
    this.total++;
    if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push({ ...(this.file !== undefined && { file: this.file }), path, message });
  }
  throwIfAny(): void {
    if (this.total > 0) throw problemsError(this.list, this.total, this.file);
  }
}

/** An InputError listing `shown` problems of `total`, with "and N more" when some were left off. */
function problemsError(shown: Problem[], total: number, file: string | undefined): InputError {
  if (total <= shown.length) return new InputError(shown);
  const more: Problem = { ...(file !== undefined && { file }), path: '', message: `and ${total - shown.length} more` };
  const err = new InputError([...shown, more]);
  err.message = formatProblems(shown, total);
  return err;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Checks a COCO `[x, y, w, h]`; returns the problem or undefined. */
function bboxProblem(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length !== 4 || !v.every(isFiniteNumber)) return `expected [x, y, width, height] as 4 finite numbers, got ${describe(v)}`;
  if ((v[2] as number) < 0 || (v[3] as number) < 0) return `expected a non-negative width and height, got ${describe(v)}`;
  return undefined;
}

function fileName(file: string | undefined): string {
  return file ?? 'the ground truth';
}

/**
 * Validates a parsed COCO ground-truth object and indexes it (the index is cached by object identity, so the
 * object must not be mutated afterwards). Every problem is reported at once.
 * @param file the path to name in problems.
 * @throws InputError listing the bad records (`annotations[3].bbox: expected ...`).
 * @example const gt = parseGroundTruth(JSON.parse(text), 'gt.json');
 */
export function parseGroundTruth(data: unknown, file?: string): CocoGroundTruth {
  prepareGroundTruth(data, file);
  return data as CocoGroundTruth;
}

/** The indexed form of a ground truth, validating it on first use. */
export function prepareGroundTruth(data: unknown, file?: string): PreparedGt {
  if (isObject(data)) {
    const cached = preparedGt.get(data);
    if (cached) return cached;
  }
  const problems = new Problems(file);
  if (!isObject(data)) {
    problems.add('', `expected a COCO object with "images", "annotations" and "categories", got ${describe(data)}`);
    problems.throwIfAny();
    throw new Error('unreachable');
  }
  for (const key of ['images', 'annotations', 'categories'] as const) {
    if (!Array.isArray(data[key])) problems.add(key, `expected an array, got ${describe(data[key])}`);
  }
  problems.throwIfAny();
  const images = data.images as unknown[];
  const annotations = data.annotations as unknown[];
  const categories = data.categories as unknown[];

  const imgSeen = new Map<number, number>();
  images.forEach((img, j) => {
    if (!isObject(img)) return problems.add(`images[${j}]`, `expected an object, got ${describe(img)}`);
    if (!isFiniteNumber(img.id)) return problems.add(`images[${j}].id`, `expected a number, got ${describe(img.id)}`);
    const prev = imgSeen.get(img.id);
    if (prev !== undefined) return problems.add(`images[${j}].id`, `duplicate image id ${img.id} (also images[${prev}])`);
    imgSeen.set(img.id, j);
  });
  const catSeen = new Map<number, number>();
  const nameSeen = new Map<string, number>();
  const catName = new Map<number, string>();
  categories.forEach((cat, j) => {
    if (!isObject(cat)) return problems.add(`categories[${j}]`, `expected an object, got ${describe(cat)}`);
    if (!isFiniteNumber(cat.id)) return problems.add(`categories[${j}].id`, `expected a number, got ${describe(cat.id)}`);
    if (typeof cat.name !== 'string') return problems.add(`categories[${j}].name`, `expected a string, got ${describe(cat.name)}`);
    const prev = catSeen.get(cat.id);
    if (prev !== undefined) return problems.add(`categories[${j}].id`, `duplicate category id ${cat.id} (also categories[${prev}])`);
    const prevName = nameSeen.get(cat.name);
    if (prevName !== undefined) return problems.add(`categories[${j}].name`, `duplicate category name ${quote(cat.name)} (also categories[${prevName}])`);
    catSeen.set(cat.id, j);
    nameSeen.set(cat.name, j);
    catName.set(cat.id, cat.name);
  });

  const imgIds = [...imgSeen.keys()].sort((a, b) => a - b);
  const catIds = [...catSeen.keys()].sort((a, b) => a - b);
  const imgIndex = new Map(imgIds.map((id, i) => [id, i]));
  const catIndex = new Map(catIds.map((id, k) => [id, k]));
  const I = imgIds.length;
  const K = catIds.length;

  const n = annotations.length;
  const cellOf = new Int32Array(n).fill(-1);
  const annSeen = new Map<number, number>();
  for (let j = 0; j < n; j++) {
    const a = annotations[j];
    const at = `annotations[${j}]`;
    if (!isObject(a)) {
      problems.add(at, `expected an object, got ${describe(a)}`);
      continue;
    }
    let ok = true;
    if (!isFiniteNumber(a.id)) {
      problems.add(`${at}.id`, `expected a number, got ${describe(a.id)}`);
      ok = false;
    } else {
      const prev = annSeen.get(a.id);
      if (prev !== undefined) {
        problems.add(`${at}.id`, `duplicate annotation id ${a.id} (also annotations[${prev}])`);
        ok = false;
      } else annSeen.set(a.id, j);
    }
    const i = isFiniteNumber(a.image_id) ? imgIndex.get(a.image_id) : undefined;
    if (i === undefined) {
      problems.add(`${at}.image_id`, isFiniteNumber(a.image_id) ? `expected the id of an image in "images", got ${a.image_id}` : `expected a number, got ${describe(a.image_id)}`);
      ok = false;
    }
    const k = isFiniteNumber(a.category_id) ? catIndex.get(a.category_id) : undefined;
    if (k === undefined) {
      problems.add(`${at}.category_id`, isFiniteNumber(a.category_id) ? `expected the id of a category in "categories", got ${a.category_id}` : `expected a number, got ${describe(a.category_id)}`);
      ok = false;
    }
    const bp = bboxProblem(a.bbox);
    if (bp) {
      problems.add(`${at}.bbox`, bp);
      ok = false;
    }
    if (!isFiniteNumber(a.area) || a.area < 0) {
      problems.add(`${at}.area`, `expected a non-negative finite number, got ${describe(a.area)}`);
      ok = false;
    }
    if (a.iscrowd !== undefined && a.iscrowd !== 0 && a.iscrowd !== 1 && typeof a.iscrowd !== 'boolean') {
      problems.add(`${at}.iscrowd`, `expected 0 or 1, got ${describe(a.iscrowd)}`);
      ok = false;
    }
    if (ok) cellOf[j] = k! * I + i!;
  }
  problems.throwIfAny();

  const cells = K * I;
  const cellStart = new Int32Array(cells + 1);
  for (let j = 0; j < n; j++) cellStart[cellOf[j]! + 1]!++;
  for (let c = 0; c < cells; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, cells);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  const h = new Float64Array(n);
  const area = new Float64Array(n);
  const crowd = new Uint8Array(n);
  const zeroId = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const a = annotations[j] as { id: number; bbox: number[]; area: number; iscrowd?: number | boolean };
    const p = fill[cellOf[j]!]!++;
    const b = a.bbox;
    x[p] = b[0]!;
    y[p] = b[1]!;
    w[p] = b[2]!;
    h[p] = b[3]!;
    area[p] = a.area;
    crowd[p] = a.iscrowd ? 1 : 0;
    zeroId[p] = a.id === 0 ? 1 : 0;
  }
  const prepared: PreparedGt = {
    imgIds,
    imgIndex,
    catIds,
    catNames: catIds.map((id) => catName.get(id)!),
    catIndex,
    cellStart,
    x,
    y,
    w,
    h,
    area,
    crowd,
    zeroId,
    count: n,
    ...(file !== undefined && { file }),
  };
  preparedGt.set(data, prepared);
  return prepared;
}

export interface ParseDetectionsOptions {
  /** Path to name in problems. */
  file?: string;
  /** Skip bad records (counted in `skipped`) instead of throwing. */
  lenient?: boolean;
  /** Path of the ground truth, for messages about unknown images and categories. */
  gtFile?: string;
}

/**
 * Validates COCO results (an array of `{image_id, category_id, bbox, score}`, or an object whose `annotations`
 * is one) against the ground truth. Strict by default: every bad record is reported at once, e.g.
 * `dt.json: [17].score: expected a finite number, got NaN`. With `lenient`, bad records are skipped and counted.
 * @example const dets = parseDetections(JSON.parse(text), gt, { file: 'dt.json', lenient: true });
 */
export function parseDetections(data: unknown, gt: CocoGroundTruth, options: ParseDetectionsOptions = {}): DetectionSet {
  const g = prepareGroundTruth(gt, options.gtFile);
  const { set, dt } = prepareDetectionsFor(data, g, options);
  preparedDt.set(set, { gt: g, dt });
  return set;
}

/** The indexed form of detections against prepared ground truth (cached for sets made by parseDetections). */
export function prepareDetections(dets: DetectionSet | readonly CocoDetection[], g: PreparedGt): { dt: PreparedDt; skipped?: SkippedSummary } {
  if (!Array.isArray(dets)) {
    const set = dets as DetectionSet;
    const cached = preparedDt.get(set);
    if (cached && cached.gt === g) return { dt: cached.dt, ...(set.skipped && { skipped: set.skipped }) };
    const { dt } = prepareDetectionsFor(set.detections, g, { ...(set.file !== undefined && { file: set.file }) });
    return { dt, ...(set.skipped && { skipped: set.skipped }) };
  }
  return { dt: prepareDetectionsFor(dets, g, {}).dt };
}

function prepareDetectionsFor(data: unknown, g: PreparedGt, options: ParseDetectionsOptions): { set: DetectionSet; dt: PreparedDt } {
  const { file, lenient = false } = options;
  const problems = new Problems(file);
  let records: unknown[];
  let prefix = '';
  if (Array.isArray(data)) records = data;
  else if (isObject(data) && Array.isArray(data.annotations)) {
    records = data.annotations;
    prefix = 'annotations';
  } else {
    problems.add('', `expected an array of detections ({image_id, category_id, bbox, score}), got ${describe(data)}`);
    problems.throwIfAny();
    throw new Error('unreachable');
  }
  const gtName = fileName(options.gtFile ?? g.file);
  const I = g.imgIds.length;
  const n = records.length;
  const cellOf = new Int32Array(n).fill(-1);
  const reasons: Record<string, number> = {};
  let skipped = 0;
  let kept = 0;
  for (let j = 0; j < n; j++) {
    const r = records[j];
    const at = `${prefix}[${j}]`;
    let reason: string | undefined;
    const bad = (field: string, message: string): void => {
      problems.add(field === 'record' ? at : `${at}.${field}`, message);
      reason ??= field;
    };
    if (!isObject(r)) bad('record', `expected an object, got ${describe(r)}`);
    else {
      const i = isFiniteNumber(r.image_id) ? g.imgIndex.get(r.image_id) : undefined;
      if (i === undefined) bad('image_id', isFiniteNumber(r.image_id) ? `expected the id of an image in ${gtName}, got ${r.image_id}` : `expected a number, got ${describe(r.image_id)}`);
      const k = isFiniteNumber(r.category_id) ? g.catIndex.get(r.category_id) : undefined;
      if (k === undefined) bad('category_id', isFiniteNumber(r.category_id) ? `expected the id of a category in ${gtName}, got ${r.category_id}` : `expected a number, got ${describe(r.category_id)}`);
      const bp = bboxProblem(r.bbox);
      if (bp) bad('bbox', bp);
      if (!isFiniteNumber(r.score)) bad('score', `expected a finite number, got ${describe(r.score)}`);
      if (reason === undefined) {
        cellOf[j] = k! * I + i!;
        kept++;
      }
    }
    if (reason !== undefined) {
      skipped++;
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
  }
  if (!lenient) problems.throwIfAny();

  const detections: CocoDetection[] = skipped === 0 ? (records as CocoDetection[]) : (records.filter((_, j) => cellOf[j]! >= 0) as CocoDetection[]);
  const cells = g.catIds.length * I;
  const cellStart = new Int32Array(cells + 1);
  for (let j = 0; j < n; j++) if (cellOf[j]! >= 0) cellStart[cellOf[j]! + 1]!++;
  for (let c = 0; c < cells; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, cells);
  // Position in the file (among kept records) of each slot: the tie-break of the stable sort.
  const order = new Int32Array(kept);
  const x0 = new Float64Array(kept);
  const y0 = new Float64Array(kept);
  const w0 = new Float64Array(kept);
  const h0 = new Float64Array(kept);
  const s0 = new Float64Array(kept);
  for (let j = 0, q = 0; j < n; j++) {
    const c = cellOf[j]!;
    if (c < 0) continue;
    const r = records[j] as { bbox: number[]; score: number };
    const p = fill[c]!++;
    order[p] = q++;
    x0[p] = r.bbox[0]!;
    y0[p] = r.bbox[1]!;
    w0[p] = r.bbox[2]!;
    h0[p] = r.bbox[3]!;
    s0[p] = r.score;
  }
  // Sort each cell by descending score, stable (numpy's argsort(-score, kind='mergesort')).
  const perm = new Int32Array(kept);
  for (let p = 0; p < kept; p++) perm[p] = p;
  for (let c = 0; c < cells; c++) {
    const a = cellStart[c]!;
    const b = cellStart[c + 1]!;
    if (b - a < 2) continue;
    if (b - a <= 24) {
      for (let p = a + 1; p < b; p++) {
        const v = perm[p]!;
        const sv = s0[v]!;
        let q = p - 1;
        while (q >= a && s0[perm[q]!]! < sv) {
          perm[q + 1] = perm[q]!;
          q--;
        }
        perm[q + 1] = v;
      }
    } else {
      const idx = Array.from(perm.subarray(a, b));
      idx.sort((u, v) => s0[v]! - s0[u]! || order[u]! - order[v]!);
      perm.set(idx, a);
    }
  }
  const x = new Float64Array(kept);
  const y = new Float64Array(kept);
  const w = new Float64Array(kept);
  const h = new Float64Array(kept);
  const score = new Float64Array(kept);
  const rank = new Int32Array(kept);
  for (let c = 0; c < cells; c++) {
    const a = cellStart[c]!;
    const b = cellStart[c + 1]!;
    for (let p = a; p < b; p++) {
      const v = perm[p]!;
      x[p] = x0[v]!;
      y[p] = y0[v]!;
      w[p] = w0[v]!;
      h[p] = h0[v]!;
      score[p] = s0[v]!;
      rank[p] = p - a;
    }
  }
  const set: DetectionSet = { ...(file !== undefined && { file }), detections };
  if (skipped > 0) set.skipped = { total: skipped, reasons, examples: problems.list };
  return { set, dt: { cellStart, x, y, w, h, score, rank, count: kept } };
}

/**
 * Reads and validates a COCO ground-truth file.
 * @throws InputError for an unreadable file, malformed JSON (with line and column) or bad records.
 * @example const gt = await loadCoco('output/run/annotations.json');
 */
export async function loadCoco(path: string): Promise<CocoGroundTruth> {
  return parseGroundTruth(await readJsonFile(path), path);
}

/**
 * Reads and validates a COCO results file against `gt`.
 * @throws InputError naming the file and every bad record (strict), e.g. `dt.json: [17].score: expected a finite number, got NaN`.
 * @example const dets = await loadDetections('dt.json', gt, { lenient: true }); dets.skipped?.total
 */
export async function loadDetections(path: string, gt: CocoGroundTruth, options: { lenient?: boolean; gtFile?: string } = {}): Promise<DetectionSet> {
  const data = await readJsonFile(path);
  return parseDetections(data, gt, { file: path, ...options });
}
