/**
 * Which shard of a run this process makes: `--shard i/N` (0-based) given by hand, or `--shard auto`, read from the
 * environment an array-job scheduler gives each of its tasks:
 *
 * | scheduler                  | index                                      | count                                         |
 * |----------------------------|--------------------------------------------|-----------------------------------------------|
 * | Kubernetes Indexed Job     | `JOB_COMPLETION_INDEX`                     | `--shard-count`, else `PAGESYNTH_SHARD_COUNT` |
 * | Slurm job array            | `SLURM_ARRAY_TASK_ID` - `SLURM_ARRAY_TASK_MIN` (/ `SLURM_ARRAY_TASK_STEP`) | `SLURM_ARRAY_TASK_COUNT` |
 * | AWS Batch array job        | `AWS_BATCH_JOB_ARRAY_INDEX`                | `AWS_BATCH_JOB_ARRAY_SIZE`, else the option / `PAGESYNTH_SHARD_COUNT` |
 *
 * Kubernetes does not tell a pod the Job's `completions`, so the count comes from the command line or the pod's env.
 * When a scheduler gives a count and `--shard-count` (or `PAGESYNTH_SHARD_COUNT`) gives another, that is refused:
 * shards of two different splits of the pages would overlap or leave gaps. Everything here is pure (the environment
 * is a parameter), so the CLI passes `process.env` and tests pass plain objects.
 */
import { invalidParameter, UsageError } from '../errors.js';

/** Shard `index` (0-based) of `count`: the pages `shardRange(pages, shard)` of a run. */
export interface ShardIndex {
  index: number;
  count: number;
}

/**
 * The page indices shard `index` of `count` makes: a contiguous range, so shards in index order are the run in page
 * order (pages floor(index*pages/count) to floor((index+1)*pages/count) - 1; every shard has a page when count <= pages).
 * No shard: all the pages.
 * @example shardRange(10, { index: 1, count: 3 }) // { start: 3, end: 6 }
 */
export function shardRange(pages: number, shard: ShardIndex | undefined): { start: number; end: number } {
  if (!shard) return { start: 0, end: pages };
  return { start: Math.floor((shard.index * pages) / shard.count), end: Math.floor(((shard.index + 1) * pages) / shard.count) };
}

/** An environment as `process.env` holds it (unset and empty variables are the same: not given). */
export type ShardEnv = Readonly<Record<string, string | undefined>>;

/** The environment variable that gives the shard count where the scheduler does not (Kubernetes, some AWS Batch). */
export const SHARD_COUNT_ENV = 'PAGESYNTH_SHARD_COUNT';

/** The variables `--shard auto` reads, each with the scheduler that sets it (for messages and docs). */
export const SHARD_ENV_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['JOB_COMPLETION_INDEX', 'Kubernetes Indexed Job'],
  ['SLURM_ARRAY_TASK_ID', 'Slurm job array'],
  ['AWS_BATCH_JOB_ARRAY_INDEX', 'AWS Batch array job'],
];

const LOOKED_AT = SHARD_ENV_VARIABLES.map(([v, what]) => `${v} (${what})`).join(', ');

/** The value of a variable, trimmed; undefined when unset or empty. */
function read(env: ShardEnv, name: string): string | undefined {
  const v = env[name];
  if (v === undefined) return undefined;
  const t = String(v).trim();
  return t === '' ? undefined : t;
}

/** A variable holding a non-negative integer (`min` and up), or a UsageError naming it. */
function integer(env: ShardEnv, name: string, min = 0): number | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) throw invalidParameter(name, min === 0 ? 'a non-negative integer' : `an integer >= ${min}`, v);
  return n;
}

/** The count the user gave: `--shard-count` first, else PAGESYNTH_SHARD_COUNT; with the name it came from. */
function userCount(env: ShardEnv, countOption: number | undefined): { count: number; from: string } | undefined {
  if (countOption !== undefined) {
    if (!Number.isSafeInteger(countOption) || countOption < 1) throw invalidParameter('--shard-count', 'a positive integer', countOption);
    return { count: countOption, from: `--shard-count ${countOption}` };
  }
  const fromEnv = integer(env, SHARD_COUNT_ENV, 1);
  return fromEnv === undefined ? undefined : { count: fromEnv, from: `${SHARD_COUNT_ENV}=${fromEnv}` };
}

/** The index checked against the count, naming where each came from. */
function checked(index: number, count: number, indexFrom: string, countFrom: string, hint = ''): ShardIndex {
  if (index >= count) throw new UsageError(`--shard auto: ${indexFrom} is not below the shard count ${count} (${countFrom}); shard indices run from 0 to ${count - 1}${hint}`);
  return { index, count };
}

/** Kubernetes Indexed Job: the index from JOB_COMPLETION_INDEX, the count from the option or PAGESYNTH_SHARD_COUNT. */
function kubernetes(env: ShardEnv, countOption: number | undefined): ShardIndex | undefined {
  const index = integer(env, 'JOB_COMPLETION_INDEX');
  if (index === undefined) return undefined;
  const given = userCount(env, countOption);
  if (!given) {
    throw new UsageError(
      `--shard auto: JOB_COMPLETION_INDEX=${index} is set (a Kubernetes Indexed Job) but not the shard count: pass --shard-count N or set ${SHARD_COUNT_ENV}=N, N being the Job's completions`,
    );
  }
  return checked(index, given.count, `JOB_COMPLETION_INDEX=${index}`, given.from, ' (is the Job\'s completions the shard count?)');
}

/**
 * Slurm job array: SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (`--array=1-4` gives ids 1..4: shards 0..3)
 * in steps of SLURM_ARRAY_TASK_STEP (`--array=0-12:4`), out of SLURM_ARRAY_TASK_COUNT.
 */
function slurm(env: ShardEnv, countOption: number | undefined): ShardIndex | undefined {
  const id = integer(env, 'SLURM_ARRAY_TASK_ID');
  if (id === undefined) return undefined;
  const min = integer(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
  const step = integer(env, 'SLURM_ARRAY_TASK_STEP', 1) ?? 1;
  const arrayCount = integer(env, 'SLURM_ARRAY_TASK_COUNT', 1);
  const given = userCount(env, countOption);
  if (id < min) throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} is below SLURM_ARRAY_TASK_MIN=${min}`);
  if ((id - min) % step !== 0) throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} is not SLURM_ARRAY_TASK_MIN=${min} plus a multiple of SLURM_ARRAY_TASK_STEP=${step}`);
  const index = (id - min) / step;
  const from = min === 0 && step === 1 ? `SLURM_ARRAY_TASK_ID=${id}` : `SLURM_ARRAY_TASK_ID=${id} (task ${index} counting from SLURM_ARRAY_TASK_MIN=${min}${step > 1 ? ` in steps of ${step}` : ''})`;
  if (arrayCount !== undefined) {
    if (given && given.count !== arrayCount) throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_COUNT=${arrayCount} disagrees with ${given.from}`);
    return checked(index, arrayCount, from, `SLURM_ARRAY_TASK_COUNT=${arrayCount}`, '; an array with gaps (--array=1,3,7) cannot be split this way: use a range such as --array=0-3');
  }
  if (!given) throw new UsageError(`--shard auto: ${from} is set (a Slurm job array) but not SLURM_ARRAY_TASK_COUNT: pass --shard-count N or set ${SHARD_COUNT_ENV}=N`);
  return checked(index, given.count, from, given.from);
}

/** AWS Batch array job: AWS_BATCH_JOB_ARRAY_INDEX (from 0) of AWS_BATCH_JOB_ARRAY_SIZE, else the option or env count. */
function awsBatch(env: ShardEnv, countOption: number | undefined): ShardIndex | undefined {
  const index = integer(env, 'AWS_BATCH_JOB_ARRAY_INDEX');
  if (index === undefined) return undefined;
  const size = integer(env, 'AWS_BATCH_JOB_ARRAY_SIZE', 1);
  const given = userCount(env, countOption);
  if (size !== undefined) {
    if (given && given.count !== size) throw new UsageError(`--shard auto: AWS_BATCH_JOB_ARRAY_SIZE=${size} disagrees with ${given.from}`);
    return checked(index, size, `AWS_BATCH_JOB_ARRAY_INDEX=${index}`, `AWS_BATCH_JOB_ARRAY_SIZE=${size}`);
  }
  if (!given) throw new UsageError(`--shard auto: AWS_BATCH_JOB_ARRAY_INDEX=${index} is set (an AWS Batch array job) but not AWS_BATCH_JOB_ARRAY_SIZE: pass --shard-count N or set ${SHARD_COUNT_ENV}=N`);
  return checked(index, given.count, `AWS_BATCH_JOB_ARRAY_INDEX=${index}`, given.from);
}

const DETECTORS: ReadonlyArray<readonly [string, (env: ShardEnv, count: number | undefined) => ShardIndex | undefined]> = [
  ['Kubernetes Indexed Job', kubernetes],
  ['Slurm job array', slurm],
  ['AWS Batch array job', awsBatch],
];

/**
 * The shard of this task of an array job, from its environment: a Kubernetes Indexed Job, a Slurm job array or an
 * AWS Batch array job (see the table at the top of this module). `countOption` is `--shard-count`, needed where the
 * scheduler does not say the count (Kubernetes; AWS Batch without AWS_BATCH_JOB_ARRAY_SIZE) unless
 * PAGESYNTH_SHARD_COUNT is set. When two schedulers' variables are set they must agree.
 * @throws UsageError naming the variables looked at when none is set, and naming the variable for a bad value, an
 *   index not below the count, or two counts that disagree.
 * @example
 * shardFromEnv({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' }) // { index: 2, count: 4 }
 * shardFromEnv({ JOB_COMPLETION_INDEX: '1' }, 4) // { index: 1, count: 4 }
 * shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '8' }) // { index: 0, count: 8 }
 */
export function shardFromEnv(env: ShardEnv, countOption?: number): ShardIndex {
  const found: Array<[string, ShardIndex]> = [];
  for (const [name, detect] of DETECTORS) {
    const shard = detect(env, countOption);
    if (shard) found.push([name, shard]);
  }
  if (found.length === 0) {
    throw new UsageError(`--shard auto: no array-job index in the environment (looked at ${LOOKED_AT}); give the shard by hand as --shard i/N`);
  }
  const [first, ...others] = found;
  const [firstName, shard] = first!;
  for (const [name, other] of others) {
    if (other.index !== shard.index || other.count !== shard.count) {
      throw new UsageError(`--shard auto: the ${firstName} says shard ${shard.index}/${shard.count} but the ${name} says ${other.index}/${other.count}; give the shard by hand as --shard i/N`);
    }
  }
  return shard;
}

/**
 * `--shard` as given: `i/N` (0 <= i < N, 0-based) or `auto` (read from the environment by `shardFromEnv`).
 * `countOption` (`--shard-count`) completes `auto`; with `i/N` it must equal N.
 * @throws UsageError naming what was expected (`--shard must be i/N ...`) or, for `auto`, the variables looked at.
 * @example
 * parseShard('1/4', {}) // { index: 1, count: 4 }
 * parseShard('auto', { JOB_COMPLETION_INDEX: '2', PAGESYNTH_SHARD_COUNT: '4' }) // { index: 2, count: 4 }
 * parseShard('auto', process.env, 4) // in a pod of an Indexed Job with completions: 4
 */
export function parseShard(value: string, env: ShardEnv, countOption?: number): ShardIndex {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.toLowerCase() === 'auto') return shardFromEnv(env, countOption);
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1) {
    throw invalidParameter('--shard', 'i/N (shard i of N, 0-based, such as 0/4) or auto', value);
  }
  if (index >= count) throw invalidParameter('--shard', `i/N with i from 0 to N - 1 (shards are numbered from 0: the last of ${count} is ${count - 1}/${count})`, value);
  if (countOption !== undefined && countOption !== count) throw new UsageError(`--shard-count ${countOption} disagrees with --shard ${index}/${count}`);
  return { index, count };
}
