/**
 * Where a run's files are: the one place that turns "a run folder or a COCO file" into a path. Commands that read
 * labelled pages (train-detector, detect, experiment, fit, compare, report) all go through here.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** The COCO file a run's `coco` writer makes. */
export const COCO_FILE = 'annotations.json';
/** The run record every run writes. */
export const RUN_FILE = 'run.json';
/** One JSON spec per page, in page order. */
export const SPECS_FILE = 'specs.jsonl';
/** Where an unfinished run stands (`--resume` reads it); removed when the run completes. */
export const CHECKPOINT_FILE = 'checkpoint.json.partial';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The COCO file behind a path, if any: a `.json` file as it is; a run folder's annotations.json; for the images/
 * folder of a run, the run's annotations.json.
 * @example findCocoFile('output/run') // 'output/run/annotations.json' when the run wrote COCO
 */
export function findCocoFile(pathOrDir: string): string | undefined {
  if (!isDir(pathOrDir)) return pathOrDir.toLowerCase().endsWith('.json') ? pathOrDir : undefined;
  const own = join(pathOrDir, COCO_FILE);
  if (existsSync(own)) return own;
  const above = join(dirname(pathOrDir), COCO_FILE);
  if (basename(pathOrDir) === 'images' && existsSync(above)) return above;
  return undefined;
}

/**
 * Like `findCocoFile`, but a path that names no COCO file is an `InputError` that says what was there.
 * @example cocoFileOf('output/run') // 'output/run/annotations.json'
 */
export function cocoFileOf(pathOrDir: string): string {
  const found = findCocoFile(pathOrDir);
  if (found) {
    if (!existsSync(found)) throw new InputError([{ file: found, path: '', message: 'file not found (expected a COCO file or a run folder holding annotations.json)' }]);
    return found;
  }
  if (!existsSync(pathOrDir)) throw new InputError([{ file: pathOrDir, path: '', message: 'not found (expected a COCO .json file or a run folder holding annotations.json)' }]);
  if (!isDir(pathOrDir)) throw new InputError([{ file: pathOrDir, path: '', message: 'not a COCO file: expected a .json file or a run folder holding annotations.json' }]);
  const has = readdirSync(pathOrDir).slice(0, 8);
  const partial = existsSync(join(pathOrDir, `${COCO_FILE}.partial`)) || existsSync(join(pathOrDir, `${COCO_FILE}.images.partial`));
  const why = partial ? 'the run is unfinished (annotations.json is still partial)' : existsSync(join(pathOrDir, RUN_FILE)) ? 'the run was written without the coco writer (--output coco)' : `it holds ${has.length ? has.join(', ') : 'nothing'}`;
  throw new InputError([{ file: join(pathOrDir, COCO_FILE), path: '', message: `not found: expected the run's COCO file; ${why}` }]);
}
