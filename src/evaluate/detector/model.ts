/**
 * The detector model as plain JSON data, with validation, save and load.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, excerpt, InputError, type Problem } from '../../errors.js';
import { PAIR_FEATURES } from './analysis.js';
import type { BoostedTrees, Tree } from './gbdt.js';
import { REGION_FEATURES } from './regions.js';

export const MODEL_FORMAT = 'pagesynth-layout-detector';
export const MODEL_VERSION = 1;

/** A trained detector: two boosted-tree classifiers and the settings that join them. */
export interface DetectorModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  /** Class names; the region classifier's class k is classes[k], its last class is "no region". */
  classes: string[];
  /** "Do these two adjacent segments belong to one region?" */
  pairModel: BoostedTrees;
  /** Class of a group of segments (classes.length + 1 outputs). */
  regionModel: BoostedTrees;
  /** Grouping thresholds of the hierarchy, coarse to fine (pairs at or above a threshold are merged). */
  levels: number[];
  /** Scores of regions outside the hierarchy's best cut are multiplied by this. */
  altPenalty: number;
  /**
   * Whether pages are prepared (paper flattened, the scan's surround cleared: image.ts `preparePage`) before the ink
   * analysis; absent means true. A model trained without it (`TrainOptions.prepare` false, for comparisons) detects
   * without it.
   */
  prepare?: boolean;
  /** What the model was trained on (informative). */
  training: { seed: number; pages: number; pairs: number; regions: number };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);

function checkTrees(m: unknown, path: string, nFeatures: number, nClasses: number, problems: Problem[]): void {
  const add = (p: string, message: string): void => {
    problems.push({ path: p ? `${path}.${p}` : path, message });
  };
  if (typeof m !== 'object' || m === null) return add('', 'expected an object');
  const t = m as Partial<BoostedTrees>;
  if (t.nFeatures !== nFeatures) add('nFeatures', `expected ${nFeatures}, got ${describe(t.nFeatures)}`);
  if (t.nClasses !== nClasses) add('nClasses', `expected ${nClasses}, got ${describe(t.nClasses)}`);
  const perRound = nClasses === 2 ? 1 : nClasses;
  if (!Array.isArray(t.base) || t.base.length !== perRound || !t.base.every(isNum)) add('base', `expected ${perRound} numbers`);
  if (!Array.isArray(t.trees) || t.trees.length === 0 || t.trees.length % perRound !== 0) {
    return add('trees', `expected a non-empty array whose length is a multiple of ${perRound}`);
  }
  t.trees.forEach((tree: Tree, i) => {
    const p = `trees[${i}]`;
    if (typeof tree !== 'object' || tree === null) return add(p, 'expected an object');
    const { feat, thr, left, right, leaf } = tree;
    if (![feat, thr, left, right, leaf].every(Array.isArray)) return add(p, 'expected arrays feat, thr, left, right, leaf');
    const n = feat.length;
    if (thr.length !== n || left.length !== n || right.length !== n) return add(p, 'feat, thr, left and right differ in length');
    if (leaf.length !== n + 1 || !leaf.every(isNum)) return add(p, `expected ${n + 1} numeric leaves`);
    const child = (c: unknown) => isInt(c) && c < n && c >= -(n + 1) && c !== 0;
    for (let k = 0; k < n; k++) {
      if (!isInt(feat[k]) || feat[k]! < 0 || feat[k]! >= nFeatures || !isNum(thr[k]) || !child(left[k]) || !child(right[k])) {
        return add(`${p}.node ${k}`, 'bad feature index, threshold or child');
      }
      if ((left[k]! >= 0 && left[k]! <= k) || (right[k]! >= 0 && right[k]! <= k)) return add(`${p}.node ${k}`, 'a child must come after its parent');
    }
  });
}

/**
 * Checks that `data` is a detector model; throws an InputError listing every problem otherwise.
 * @example validateModel(JSON.parse(text), 'model/model.json')
 */
export function validateModel(data: unknown, file?: string): DetectorModel {
  const problems: Problem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ file, path, message });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError('expected a JSON object (a detector model)', file);
  const m = data as Partial<DetectorModel>;
  if (m.format !== MODEL_FORMAT) add('format', `expected "${MODEL_FORMAT}", got ${describe(m.format)}`);
  if (m.version !== MODEL_VERSION) add('version', `expected ${MODEL_VERSION}, got ${describe(m.version)}`);
  const classes = m.classes;
  if (!Array.isArray(classes) || classes.length === 0 || !classes.every((c) => typeof c === 'string' && c !== '') || new Set(classes).size !== classes.length) {
    add('classes', 'expected a non-empty array of distinct class names');
  }
  const lv = m.levels;
  if (!Array.isArray(lv) || lv.length === 0 || !lv.every((v, i) => isNum(v) && v > 0 && v < 1 && (i === 0 || v > lv[i - 1]!))) {
    add('levels', 'expected increasing numbers in (0, 1)');
  }
  if (!isNum(m.altPenalty) || m.altPenalty < 0 || m.altPenalty > 1) add('altPenalty', 'expected a number in [0, 1]');
  if (m.prepare !== undefined && typeof m.prepare !== 'boolean') add('prepare', `expected true or false, got ${describe(m.prepare)}`);
  const treeProblems: Problem[] = [];
  checkTrees(m.pairModel, 'pairModel', PAIR_FEATURES, 2, treeProblems);
  if (Array.isArray(classes)) checkTrees(m.regionModel, 'regionModel', REGION_FEATURES, classes.length + 1, treeProblems);
  problems.push(...treeProblems.slice(0, 10).map((p) => ({ ...p, file })));
  if (problems.length) throw new InputError(problems);
  return m as DetectorModel;
}

/**
 * Writes `dir/model.json` (creating `dir`), atomically.
 * @example await saveModel(model, 'models/det')
 */
export async function saveModel(model: DetectorModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'model.json');
  await writeFile(`${file}.partial`, JSON.stringify(model));
  await rename(`${file}.partial`, file);
}

/**
 * Reads and validates `dir/model.json`; throws an InputError naming the file and the problem.
 * @example const model = await loadModel('models/det');
 */
export async function loadModel(dir: string): Promise<DetectorModel> {
  const file = join(dir, 'model.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the detector model: ${excerpt((err as Error).message, 160)}`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`the detector model is not valid JSON (corrupt or truncated file?): ${excerpt((err as Error).message, 120)}`, file);
  }
  return validateModel(data, file);
}
