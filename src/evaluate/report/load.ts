/**
 * Reading and checking what a report is made of: a run folder (annotations.json, images/, specs.jsonl,
 * run.json) and the optional compare.json / experiment.json. Every problem names the file and the field and
 * says what was expected; file contents are never echoed.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe as describeValue, InputError, type Problem } from '../../errors.js';
import type { ExperimentResult } from '../experiment.js';
import type { CompareReport } from '../layout-stats/index.js';
import { cocoFileOf, RUN_FILE, SPECS_FILE } from '../../run/folder.js';

/** At most this many problems are listed one by one; the rest are counted. */
const MAX_PROBLEMS = 12;

export interface RunImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

export interface RunAnnotation {
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  iscrowd: number;
}

export interface RunCategory {
  id: number;
  name: string;
}

/** What the report needs of a page's spec. */
export interface SpecSummary {
  /** Genre: the network's `template` node (`values.template`). */
  genre: string;
  /** `values.language`. */
  language: string;
  /** Print-and-scan effects profile (`effects.values.profile`), when the spec has effects. */
  profile?: string;
}

export interface LoadedRun {
  /** The run folder as given. */
  dir: string;
  images: RunImage[];
  annotations: RunAnnotation[];
  categories: RunCategory[];
  /** By image id; empty when the run has no specs.jsonl. */
  specs: Map<number, SpecSummary>;
  /** Lines of specs.jsonl (0 when absent). */
  specLines: number;
  hasSpecs: boolean;
  /** run.json, when present (only the fields shown are read). */
  record?: RunRecord;
  /** Things the report should say about its input (not errors). */
  notes: string[];
}

export interface RunRecord {
  status?: string;
  started?: string;
  finished?: string;
  identity?: Record<string, unknown>;
  versions?: Record<string, unknown>;
}

/** Why a file could not be parsed, without quoting it (V8's messages quote the text they choke on). */
function jsonError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  const line = /line (\d+) column (\d+)/.exec(msg);
  if (line) return `not valid JSON (error at line ${line[1]}, column ${line[2]})`;
  if (pos) return `not valid JSON (error at character ${pos[1]})`;
  if (/end of (JSON )?input/i.test(msg)) return 'not valid JSON (it ends too early: truncated?)';
  return 'not valid JSON';
}

async function readJson(file: string, expected: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'not readable (permission denied)' : `cannot be read (${code ?? 'error'})`;
    throw new InputError(`${why}: expected ${expected}`, file);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${jsonError(err)}: expected ${expected}`, file);
  }
}

/** A value for a message, never long (a stray string could be a whole file). */
function describe(v: unknown): string {
  if (typeof v === 'string' && v.length > 40) return `a string of ${v.length} characters`;
  return describeValue(v);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function fail(problems: Problem[], file: string): never {
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    throw new InputError([...problems.slice(0, MAX_PROBLEMS), { file, path: '', message: `... and ${more} more problem${more === 1 ? '' : 's'}` }]);
  }
  throw new InputError(problems);
}

/** The COCO file of a run, checked: ids, references, boxes. */
export function checkCoco(raw: unknown, file: string): Pick<LoadedRun, 'images' | 'annotations' | 'categories'> {
  const P: Problem[] = [];
  const add = (path: string, message: string) => P.push({ file, path, message });
  if (!isObj(raw)) fail([{ file, path: '', message: `expected a COCO object {images, annotations, categories}, got ${Array.isArray(raw) ? 'an array' : describe(raw)}` }], file);
  for (const k of ['images', 'annotations', 'categories']) if (!Array.isArray(raw[k])) add(k, `expected an array, got ${raw[k] === undefined ? 'nothing' : typeof raw[k]}`);
  if (P.length) fail(P, file);
  const images: RunImage[] = [];
  const imageIds = new Set<number>();
  (raw.images as unknown[]).forEach((im, i) => {
    if (!isObj(im)) return add(`images[${i}]`, 'expected an object {id, file_name, width, height}');
    if (!Number.isInteger(im.id)) return add(`images[${i}].id`, `expected an integer, got ${describe(im.id)}`);
    if (typeof im.file_name !== 'string' || im.file_name === '') return add(`images[${i}].file_name`, `expected a file name, got ${describe(im.file_name)}`);
    if (!isNum(im.width) || im.width <= 0) return add(`images[${i}].width`, `expected a positive number, got ${describe(im.width)}`);
    if (!isNum(im.height) || im.height <= 0) return add(`images[${i}].height`, `expected a positive number, got ${describe(im.height)}`);
    if (imageIds.has(im.id as number)) return add(`images[${i}].id`, `duplicate image id ${String(im.id)}`);
    imageIds.add(im.id as number);
    images.push({ id: im.id as number, file_name: im.file_name, width: im.width, height: im.height });
  });
  const categories: RunCategory[] = [];
  const catIds = new Set<number>();
  (raw.categories as unknown[]).forEach((c, i) => {
    if (!isObj(c) || !Number.isInteger(c.id) || typeof c.name !== 'string') return add(`categories[${i}]`, 'expected {id: integer, name: string}');
    if (catIds.has(c.id as number)) return add(`categories[${i}].id`, `duplicate category id ${String(c.id)}`);
    catIds.add(c.id as number);
    categories.push({ id: c.id as number, name: c.name });
  });
  if (categories.length === 0 && P.length === 0) add('categories', 'expected at least one category');
  const annotations: RunAnnotation[] = [];
  (raw.annotations as unknown[]).forEach((a, i) => {
    if (!isObj(a)) return add(`annotations[${i}]`, 'expected an object {image_id, category_id, bbox}');
    if (!imageIds.has(a.image_id as number)) return add(`annotations[${i}].image_id`, `expected the id of an image in "images", got ${describe(a.image_id)}`);
    if (!catIds.has(a.category_id as number)) return add(`annotations[${i}].category_id`, `expected the id of a category in "categories", got ${describe(a.category_id)}`);
    const b = a.bbox;
    if (!Array.isArray(b) || b.length !== 4 || !b.every(isNum) || (b[2] as number) < 0 || (b[3] as number) < 0) {
      return add(`annotations[${i}].bbox`, `expected [x, y, width, height] with width, height >= 0, got ${describe(b)}`);
    }
    annotations.push({ image_id: a.image_id as number, category_id: a.category_id as number, bbox: b as [number, number, number, number], iscrowd: a.iscrowd === 1 ? 1 : 0 });
  });
  if (P.length) fail(P, file);
  images.sort((x, y) => x.id - y.id);
  return { images, annotations, categories };
}

/** Genre, language and effects profile of every line of specs.jsonl, streamed (lines are large). */
async function readSpecs(file: string): Promise<{ specs: Map<number, SpecSummary>; lines: number }> {
  const specs = new Map<number, SpecSummary>();
  const P: Problem[] = [];
  let n = 0;
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      n++;
      if (line.trim() === '') continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch (err) {
        P.push({ file, path: `line ${n}`, message: `${jsonError(err)}: expected one page spec as JSON per line` });
        continue;
      }
      if (!isObj(v) || !Number.isInteger(v.image_id)) {
        P.push({ file, path: `line ${n}`, message: `expected a page spec with an integer "image_id", got ${isObj(v) ? `image_id ${describe(v.image_id)}` : describe(v)}` });
        continue;
      }
      const values = isObj(v.values) ? v.values : {};
      const fx = isObj(v.effects) && isObj(v.effects.values) ? v.effects.values : undefined;
      const s: SpecSummary = {
        genre: typeof values.template === 'string' ? values.template : 'unknown',
        language: typeof values.language === 'string' ? values.language : 'unknown',
      };
      if (fx && typeof fx.profile === 'string') s.profile = fx.profile;
      specs.set(v.image_id as number, s);
      if (P.length > MAX_PROBLEMS) break;
    }
  } catch (err) {
    throw new InputError(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): expected one page spec as JSON per line`, file);
  } finally {
    rl.close();
  }
  if (P.length) fail(P, file);
  return { specs, lines: n };
}

async function kindOf(path: string): Promise<'file' | 'dir' | 'none'> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

/**
 * Reads and checks a run folder. Throws `InputError` naming the file when the folder, annotations.json or
 * images/ is missing or malformed; a missing specs.jsonl or run.json is only noted (genre and language counts
 * then read "unknown").
 */
export async function loadRun(dir: string): Promise<LoadedRun> {
  const expected = 'a pagesynth run folder (annotations.json, images/, specs.jsonl, run.json)';
  const k = await kindOf(dir);
  if (k === 'none') throw new InputError(`not found: expected ${expected}`, dir);
  if (k === 'file') {
    throw new InputError(`is a file: expected ${expected}${basename(dir) === 'annotations.json' ? ' (pass the folder that holds annotations.json)' : ''}`, dir);
  }
  const cocoFile = cocoFileOf(dir); // run/folder.ts: says why a run folder has none (unfinished, no coco writer)
  const coco = checkCoco(await readJson(cocoFile, 'the COCO annotations of the run ({images, annotations, categories})'), cocoFile);
  const imagesDir = join(dir, 'images');
  if ((await kindOf(imagesDir)) !== 'dir') throw new InputError(`not found: expected the folder of the run's page images`, imagesDir);
  const notes: string[] = [];
  const specsFile = join(dir, SPECS_FILE);
  let specs = new Map<number, SpecSummary>();
  let specLines = 0;
  const hasSpecs = (await kindOf(specsFile)) === 'file';
  if (hasSpecs) {
    ({ specs, lines: specLines } = await readSpecs(specsFile));
    const missing = coco.images.filter((im) => !specs.has(im.id)).length;
    if (missing) notes.push(`specs.jsonl has no spec for ${missing} of ${coco.images.length} pages: their genre and language read "unknown".`);
  } else notes.push('The run has no specs.jsonl: genre, language and effects profile are unknown.');
  let record: RunRecord | undefined;
  const runFile = join(dir, RUN_FILE);
  if ((await kindOf(runFile)) === 'file') {
    const r = await readJson(runFile, 'the run record pagesynth writes (run.json)');
    if (!isObj(r)) throw new InputError(`expected an object (the run record), got ${Array.isArray(r) ? 'an array' : typeof r}`, runFile);
    record = {
      status: typeof r.status === 'string' ? r.status : undefined,
      started: typeof r.started === 'string' ? r.started : undefined,
      finished: typeof r.finished === 'string' ? r.finished : undefined,
      identity: isObj(r.identity) ? r.identity : undefined,
      versions: isObj(r.versions) ? r.versions : undefined,
    };
    if (record.status && record.status !== 'complete') notes.push(`run.json says the run is "${record.status}", not complete: the report shows the pages written so far.`);
  } else notes.push('The run has no run.json.');
  return { dir, ...coco, specs, specLines, hasSpecs, record, notes };
}

type Want = 'number' | 'number|null' | 'string' | 'array' | 'object' | 'string[]';

/** Checks `paths` (dotted; `a[*].b` for every element of an array) in `root`; returns the problems. */
function shape(root: unknown, file: string, wants: ReadonlyArray<[string, Want]>): Problem[] {
  const P: Problem[] = [];
  const ok = (v: unknown, w: Want): boolean => {
    switch (w) {
      case 'number':
        return isNum(v);
      case 'number|null':
        return v === null || isNum(v);
      case 'string':
        return typeof v === 'string';
      case 'array':
        return Array.isArray(v);
      case 'object':
        return isObj(v);
      case 'string[]':
        return Array.isArray(v) && v.every((x) => typeof x === 'string');
    }
  };
  const what: Record<Want, string> = { number: 'a number', 'number|null': 'a number or null', string: 'a string', array: 'an array', object: 'an object', 'string[]': 'an array of strings' };
  const visit = (v: unknown, parts: string[], at: string, w: Want) => {
    if (parts.length === 0) {
      if (!ok(v, w)) P.push({ file, path: at, message: `expected ${what[w]}, got ${v === undefined ? 'nothing' : describe(v)}` });
      return;
    }
    const [head, ...rest] = parts as [string, ...string[]];
    if (head === '[*]') {
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, rest, `${at}[${i}]`, w));
      return; // the array itself is checked by its own entry
    }
    if (!isObj(v)) return; // reported at the parent
    visit(v[head], rest, at ? `${at}.${head}` : head, w);
  };
  for (const [path, w] of wants) visit(root, path.replace(/\[\*\]/g, '.[*]').split('.'), '', w);
  return P;
}

const COMPARE_FIELDS: ReadonlyArray<[string, Want]> = [
  ['profile', 'string'],
  ['real', 'object'],
  ['real.source', 'string'],
  ['real.pages', 'number'],
  ['real.boxes', 'number'],
  ['synthetic', 'object'],
  ['synthetic.source', 'string'],
  ['synthetic.pages', 'number'],
  ['synthetic.boxes', 'number'],
  ['ks', 'object'],
  ['ks.mean', 'number|null'],
  ['ks.countSize', 'number|null'],
  ['ks.features', 'number'],
  ['ks.countSizeFeatures', 'number'],
  ['chi2', 'object'],
  ['chi2.significant', 'number'],
  ['chi2.tests', 'number'],
  ['distinguishability', 'object'],
  ['distinguishability.auc', 'number|null'],
  ['distinguishability.sd', 'number|null'],
  ['distinguishability.topFeatures', 'array'],
  ['distinguishabilityStructure', 'object'],
  ['distinguishabilityStructure.auc', 'number|null'],
  ['distinguishabilityStructure.sd', 'number|null'],
  ['quality', 'object'],
  ['quality.alignment.real', 'number|null'],
  ['quality.alignment.synthetic', 'number|null'],
  ['quality.density.real', 'number|null'],
  ['quality.density.synthetic', 'number|null'],
  ['quality.overlap.real', 'number|null'],
  ['quality.overlap.synthetic', 'number|null'],
  ['privacy', 'object'],
  ['privacy.flagged', 'array'],
  ['correlation', 'object'],
  ['correlation.meanAbsDiff', 'number|null'],
  ['univariate', 'array'],
  ['univariate[*].feature', 'string'],
  ['univariate[*].kind', 'string'],
  ['univariate[*].group', 'string'],
  ['univariate[*].real', 'object'],
  ['univariate[*].synthetic', 'object'],
];

const EXPERIMENT_FIELDS: ReadonlyArray<[string, Want]> = [
  ['labels', 'string'],
  ['seed', 'number'],
  ['classes', 'string[]'],
  ['realTrainPages', 'number'],
  ['realTestPages', 'number'],
  ['realTrainDocuments', 'number'],
  ['realTestDocuments', 'number'],
  ['syntheticPages', 'number'],
  ['arms', 'array'],
  ['arms[*].name', 'string'],
  ['arms[*].trainReal', 'number'],
  ['arms[*].trainSynthetic', 'number'],
  ['arms[*].testedOn', 'string'],
  ['arms[*].testPages', 'number'],
  ['arms[*].f1', 'object'],
  ['arms[*].macroF1', 'number|null'],
  ['arms[*].microF1', 'number|null'],
  ['arms[*].AP50', 'number|null'],
  ['gap', 'object'],
  ['gapMacro', 'object'],
  ['gapMacro.sameSize', 'number|null'],
  ['gapMacro.all', 'number|null'],
];

/**
 * compare.json as `pagesynth compare --report` writes it (`reportJson`: non-finite numbers became null, so
 * numbers in the result may be null).
 */
export async function loadCompare(file: string): Promise<CompareReport> {
  const expected = 'the compare.json that `pagesynth compare --report DIR` writes';
  const raw = await readJson(file, expected);
  if (isObj(raw) && Array.isArray(raw.arms) && !('ks' in raw)) throw new InputError(`looks like an experiment.json (pass it with --experiment): expected ${expected}`, file);
  if (!isObj(raw)) throw new InputError(`expected ${expected} (an object), got ${Array.isArray(raw) ? 'an array' : typeof raw}`, file);
  const P = shape(raw, file, COMPARE_FIELDS);
  if (P.length) fail(P, file);
  return raw as unknown as CompareReport;
}

/** experiment.json as `pagesynth experiment` writes it (the `ExperimentResult`, plus `seconds`). */
export async function loadExperiment(file: string): Promise<ExperimentResult & { seconds?: number }> {
  const expected = 'the experiment.json that `pagesynth experiment` writes';
  const raw = await readJson(file, expected);
  if (isObj(raw) && 'ks' in raw && 'distinguishability' in raw) throw new InputError(`looks like a compare.json (pass it with --compare): expected ${expected}`, file);
  if (!isObj(raw)) throw new InputError(`expected ${expected} (an object), got ${Array.isArray(raw) ? 'an array' : typeof raw}`, file);
  const P = shape(raw, file, EXPERIMENT_FIELDS);
  if (P.length) fail(P, file);
  return raw as unknown as ExperimentResult & { seconds?: number };
}
