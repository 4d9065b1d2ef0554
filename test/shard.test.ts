/**
 * Shards across machines. `parseShard` / `shardFromEnv` for each scheduler's environment (Kubernetes Indexed Job, Slurm
 * job array, AWS Batch array job) and their refusals; then four shard processes of the built library started at once,
 * each finding its shard in its own environment (two Slurm tasks, a Kubernetes pod, an AWS Batch child), merged into
 * one run and checked against a one-machine run of the same options: byte for byte, the tars read by hand. Refusals of
 * the merge, and a second merge into the same folder giving the same bytes.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { categoriesOf, CocoStreamWriter } from '../src/annotate/coco.js';
import { shardRange as generateShardRange } from '../src/run/generate.js';
import { mergeRuns } from '../src/run/merge.js';
import { parseShard, shardFromEnv, shardRange, type ShardEnv } from '../src/run/shard.js';
import { shardName } from '../src/run/writers/webdataset.js';

const ROOT = resolve(__dirname, '..');
const tmp = () => mkdtempSync(join(tmpdir(), 'pagesynth-shard-'));

/** The error a call throws (fails the test when it throws none). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('parseShard', () => {
  it('reads i/N, 0-based', () => {
    expect(parseShard('0/1', {})).toEqual({ index: 0, count: 1 });
    expect(parseShard('3/4', {})).toEqual({ index: 3, count: 4 });
    expect(parseShard(' 2 / 16 ', {})).toEqual({ index: 2, count: 16 });
    expect(parseShard('1/4', {}, 4)).toEqual({ index: 1, count: 4 });
  });

  it('refuses what is not i/N with 0 <= i < N, naming the option', () => {
    for (const bad of ['', '1', '4/4', '5/4', '-1/4', '1/0', 'a/b', '1/4/8', '1.5/4', 'autox']) {
      const err = thrown(() => parseShard(bad, {}));
      expect(err, bad).toBeInstanceOf(UsageError);
      expect(err.message, bad).toMatch(/^--shard must be i\/N/);
    }
    expect(thrown(() => parseShard('4/4', {})).message).toMatch(/the last of 4 is 3\/4/);
    expect(thrown(() => parseShard('1/4', {}, 3)).message).toBe('--shard-count 3 disagrees with --shard 1/4');
  });

  it('auto reads the environment', () => {
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 2, count: 4 });
    expect(parseShard('AUTO', { JOB_COMPLETION_INDEX: '1' }, 3)).toEqual({ index: 1, count: 3 });
  });
});

describe('shardRange', () => {
  it('contiguous ranges in index order that cover the pages once; the same as generate uses', () => {
    expect(shardRange(10, { index: 1, count: 3 })).toEqual({ start: 3, end: 6 });
    expect(shardRange(7, undefined)).toEqual({ start: 0, end: 7 });
    for (const pages of [1, 2, 7, 12, 100, 1001]) {
      for (const count of [1, 2, 3, 4, 7, 16]) {
        if (count > pages) continue;
        const ranges = Array.from({ length: count }, (_, index) => shardRange(pages, { index, count }));
        expect(ranges[0]!.start).toBe(0);
        expect(ranges.at(-1)!.end).toBe(pages);
        ranges.forEach((r, i) => {
          expect(r.end).toBeGreaterThan(r.start);
          if (i) expect(r.start).toBe(ranges[i - 1]!.end);
          expect(generateShardRange(pages, { index: i, count })).toEqual(r);
        });
      }
    }
  });
});

describe('shardFromEnv', () => {
  it('Kubernetes Indexed Job: JOB_COMPLETION_INDEX, the count from --shard-count or PAGESYNTH_SHARD_COUNT', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0' }, 4)).toEqual({ index: 0, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3', PAGESYNTH_SHARD_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3', PAGESYNTH_SHARD_COUNT: '9' }, 4)).toEqual({ index: 3, count: 4 }); // the option wins
    expect(thrown(() => shardFromEnv({ JOB_COMPLETION_INDEX: '2' })).message).toMatch(/JOB_COMPLETION_INDEX=2 is set \(a Kubernetes Indexed Job\) but not the shard count: pass --shard-count N or set PAGESYNTH_SHARD_COUNT=N/);
    expect(thrown(() => shardFromEnv({ JOB_COMPLETION_INDEX: '4' }, 4)).message).toMatch(/JOB_COMPLETION_INDEX=4 is not below the shard count 4 \(--shard-count 4\)/);
    expect(thrown(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1', PAGESYNTH_SHARD_COUNT: '0' })).message).toBe('PAGESYNTH_SHARD_COUNT must be an integer >= 1, got "0"');
    expect(thrown(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1' }, 0)).message).toBe('--shard-count must be a positive integer, got 0');
  });

  it('Slurm job array: SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (in steps), of SLURM_ARRAY_TASK_COUNT', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 0, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 2, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '2' }, 3)).toEqual({ index: 2, count: 3 }); // no count from Slurm: the option's
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, 4)).toEqual({ index: 2, count: 4 });
    // --array=1,3,7: ids with gaps cannot be shard indices.
    expect(thrown(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' })).message).toMatch(
      /SLURM_ARRAY_TASK_ID=7 \(task 6 counting from SLURM_ARRAY_TASK_MIN=1\) is not below the shard count 3 \(SLURM_ARRAY_TASK_COUNT=3\).*--array=0-3/,
    );
    expect(thrown(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, 8)).message).toMatch(/SLURM_ARRAY_TASK_COUNT=4 disagrees with --shard-count 8/);
    expect(thrown(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '2' })).message).toMatch(/not SLURM_ARRAY_TASK_COUNT: pass --shard-count N/);
    expect(thrown(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: 'x' })).message).toBe('SLURM_ARRAY_TASK_ID must be a non-negative integer, got "x"');
    expect(thrown(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '2' })).message).toMatch(/below SLURM_ARRAY_TASK_MIN=1/);
  });

  it('AWS Batch array job: AWS_BATCH_JOB_ARRAY_INDEX of AWS_BATCH_JOB_ARRAY_SIZE, else the count option', () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '3', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toEqual({ index: 3, count: 4 });
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '1' }, 2)).toEqual({ index: 1, count: 2 });
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '1', PAGESYNTH_SHARD_COUNT: '2' })).toEqual({ index: 1, count: 2 });
    expect(thrown(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '1' })).message).toMatch(/AWS_BATCH_JOB_ARRAY_INDEX=1 is set \(an AWS Batch array job\) but not AWS_BATCH_JOB_ARRAY_SIZE/);
    expect(thrown(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '4' }, 2)).message).toMatch(/AWS_BATCH_JOB_ARRAY_SIZE=4 disagrees with --shard-count 2/);
    expect(thrown(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '4', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).message).toMatch(/is not below the shard count 4/);
  });

  it('nothing set: the message names every variable looked at; empty variables are unset', () => {
    const err = thrown(() => shardFromEnv({ PATH: '/bin', JOB_COMPLETION_INDEX: '', SLURM_ARRAY_TASK_ID: '  ' }, 4));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      '--shard auto: no array-job index in the environment (looked at JOB_COMPLETION_INDEX (Kubernetes Indexed Job), SLURM_ARRAY_TASK_ID (Slurm job array), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job)); give the shard by hand as --shard i/N',
    );
  });

  it('two schedulers: they must agree', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '4' }, 4)).toEqual({ index: 1, count: 4 });
    expect(thrown(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1', SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, 4)).message).toMatch(
      /the Kubernetes Indexed Job says shard 1\/4 but the Slurm job array says 2\/4/,
    );
  });
});

describe('webdataset names in a sharded run', () => {
  it('shard-{k}.tar in a one-machine run, shard-{k}-{i}.tar in machine shard i of N > 1: sorted, the pages in order', () => {
    expect(shardName(2500, 1000)).toBe('shard-000002.tar');
    expect(shardName(2500, 1000, { index: 0, count: 1 })).toBe('shard-000002.tar');
    expect(shardName(2500, 1000, { index: 3, count: 4 })).toBe('shard-000002-0003.tar');
    expect(shardName(0, 1, { index: 12, count: 20000 })).toBe('shard-000000-00012.tar');
    // 10 pages, tars of 4 (pages 0-3, 4-7, 8-9), 3 machines (pages 0-2, 3-5, 6-9): tars 0 and 1 split between two machines.
    const machine = (p: number) => [0, 1, 2].find((index) => p < shardRange(10, { index, count: 3 }).end)!;
    const names = [...new Set(Array.from({ length: 10 }, (_, p) => shardName(p, 4, { index: machine(p), count: 3 })))];
    expect(names).toEqual(['shard-000000-0000.tar', 'shard-000000-0001.tar', 'shard-000001-0001.tar', 'shard-000001-0002.tar', 'shard-000002-0002.tar']);
    expect([...names].sort()).toEqual(names);
  });
});

// ---------------------------------------------------------------- end to end

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Members of a ustar archive, read by hand (512-byte headers): name, bytes. */
function untar(buf: Buffer): Array<{ name: string; data: Buffer }> {
  const out: Array<{ name: string; data: Buffer }> = [];
  let at = 0;
  while (at + 512 <= buf.length) {
    const head = buf.subarray(at, at + 512);
    if (head.every((b) => b === 0)) break;
    const name = head.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(head.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    out.push({ name, data: buf.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** The scheduler variables `--shard auto` reads: cleared in every child, so a test run inside a Slurm job sees only ours. */
const SCHEDULER_VARS = ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_STEP', 'SLURM_ARRAY_TASK_COUNT', 'AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ARRAY_SIZE', 'PAGESYNTH_SHARD_COUNT'];

const OPTIONS = {
  pages: 12,
  seed: 3,
  set: ['language=en', 'effects.profile=clean'],
  workers: 1,
  output: ['coco', 'yolo', 'yolo-seg', 'hf', 'webdataset'],
  parts: ['lines', 'cells'], // COCO parent_id and labels.jsonl line ids to renumber
  valFraction: 0.3,
  shardSize: 2,
  dpi: 100, // what is compared is bytes, not pixels: 0.44 of the pixels to draw and encode in five processes at once
};

/**
 * One `generate` in a child process of the built library (dist/), as `pagesynth generate --shard auto` runs it: the
 * shard from `parseShard('auto', process.env)` when `env` is given, a one-machine run when it is not.
 */
function generateIn(out: string, env: ShardEnv | undefined): Promise<{ code: number | null; out: string; err: string }> {
  const dist = (f: string) => pathToFileURL(join(ROOT, 'dist', f)).href;
  const code = `
    const { generate } = await import(${JSON.stringify(dist('index.js'))});
    const { parseShard } = await import(${JSON.stringify(dist('run/shard.js'))});
    const shard = process.env.TEST_SHARDED ? parseShard('auto', process.env) : undefined;
    const run = await generate({ ...${JSON.stringify(OPTIONS)}, out: ${JSON.stringify(out)}, ...(shard ? { shard } : {}) });
    process.stdout.write(JSON.stringify({ shard, pages: run.pages }));`;
  const base: Record<string, string | undefined> = { ...process.env };
  for (const v of SCHEDULER_VARS) delete base[v];
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, env: { ...base, ...(env ? { ...env, TEST_SHARDED: '1' } : {}) } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((res) => child.on('close', (c) => res({ code: c, out: stdout, err: stderr })));
}

describe('a run made in four shards on "four machines", merged', () => {
  const root = tmp();
  const one = join(root, 'one');
  const shards = [0, 1, 2, 3].map((i) => join(root, 'shards', String(i)));
  const merged = join(root, 'merged');
  // Each machine finds its shard in its scheduler's variables: Slurm (--array=1-4), a Kubernetes pod, AWS Batch.
  const ENVS: ShardEnv[] = [
    { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4', SLURM_ARRAY_TASK_COUNT: '4' },
    { JOB_COMPLETION_INDEX: '1', PAGESYNTH_SHARD_COUNT: '4' },
    { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4', SLURM_ARRAY_TASK_COUNT: '4' },
    { AWS_BATCH_JOB_ARRAY_INDEX: '3', AWS_BATCH_JOB_ARRAY_SIZE: '4' },
  ];

  it('four shard processes at once and a one-machine run; merged: images, annotations.json, labels.jsonl, specs.jsonl byte-identical', { timeout: 240_000 }, async () => {
    expect(existsSync(join(ROOT, 'dist', 'run', 'merge.js')), 'build first: npx tsc -p tsconfig.build.json').toBe(true);
    const t0 = performance.now();
    const runs = await Promise.all([generateIn(one, undefined), ...shards.map((s, i) => generateIn(s, ENVS[i]))]);
    for (const r of runs) expect(r.code, r.err).toBe(0);
    runs.slice(1).forEach((r, i) => expect(JSON.parse(r.out)).toEqual({ shard: { index: i, count: 4 }, pages: 3 }));
    const made = performance.now();
    const result = await mergeRuns({ shards: [shards[2]!, shards[0]!, shards[3]!, shards[1]!], out: merged }); // any order
    console.log(`shard test: generate (1 + 4 processes at once) ${((made - t0) / 1000).toFixed(1)} s, merge ${result.seconds.toFixed(2)} s`);
    expect(result).toMatchObject({ out: merged, shards: 4, pages: 12 });
    expect(result.files.linked + result.files.copied).toBeGreaterThan(12);

    const want = files(one);
    const got = files(merged);
    expect(got.filter((f) => !f.startsWith('webdataset/'))).toEqual(want.filter((f) => !f.startsWith('webdataset/')));
    for (const f of want) {
      if (f === 'run.json' || f.startsWith('webdataset/') || f.endsWith('data.yaml')) continue;
      expect(readFileSync(join(merged, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    }
    for (const f of ['annotations.json', 'labels.jsonl', 'specs.jsonl', 'images/000007.png', 'hf/README.md', 'hf/train/metadata.jsonl', 'hf/validation/metadata.jsonl', 'yolo/labels/val/000004.txt']) expect(got).toContain(f);
    // Parts (text lines, cells) point at their region by id: renumbered too.
    expect(readFileSync(join(merged, 'annotations.json'), 'utf8')).toMatch(/"parent_id":\d+/);
    // data.yaml: the same but for the folder it names.
    for (const w of ['yolo', 'yolo-seg']) {
      const text = readFileSync(join(merged, w, 'data.yaml'), 'utf8');
      expect(text).toContain(`path: ${join(merged, w)}\n`);
      expect(text.replace(join(merged, w), join(one, w))).toBe(readFileSync(join(one, w, 'data.yaml'), 'utf8'));
    }
  });

  it('the shards themselves: ids from 1 in each, parts of one COCO numbering after the merge', () => {
    const ids = shards.map((s) => JSON.parse(readFileSync(join(s, 'annotations.json'), 'utf8')).annotations.map((a: { id: number }) => a.id) as number[]);
    for (const list of ids) expect(list).toEqual(list.map((_, k) => k + 1));
    const all = JSON.parse(readFileSync(join(merged, 'annotations.json'), 'utf8')).annotations.map((a: { id: number }) => a.id) as number[];
    expect(all).toEqual(all.map((_, k) => k + 1));
    expect(all.length).toBe(ids.reduce((n, l) => n + l.length, 0));
  });

  it('webdataset: every shard\'s tar names sorted give the pages in order; merged, the members equal the one-machine tars\'', () => {
    const tarsOf = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tar')).sort();
    // Straight from the four shard folders, before any merge: names sort into page order across machines.
    const spread = shards.flatMap((s) => tarsOf(join(s, 'webdataset')).map((name) => ({ name, path: join(s, 'webdataset', name) })));
    expect(spread.map((t) => t.name).every((n) => /^shard-\d{6}-\d{4}\.tar$/.test(n))).toBe(true);
    const sorted = [...spread].sort((a, b) => (a.name < b.name ? -1 : 1));
    const keys = (list: Array<{ path: string }>) => list.flatMap((t) => untar(readFileSync(t.path)).map((m) => m.name));
    const pages = Array.from({ length: 12 }, (_, p) => String(p + 1).padStart(6, '0'));
    expect(keys(sorted)).toEqual(pages.flatMap((k) => [`${k}.png`, `${k}.json`]));
    // 12 pages, tars of 2, machine shards of 3 pages: tars 1 and 4 are split between two machines.
    expect(sorted.map((t) => t.name)).toEqual(['shard-000000-0000.tar', 'shard-000001-0000.tar', 'shard-000001-0001.tar', 'shard-000002-0001.tar', 'shard-000003-0002.tar', 'shard-000004-0002.tar', 'shard-000004-0003.tar', 'shard-000005-0003.tar']);

    const mergedTars = tarsOf(join(merged, 'webdataset'));
    expect(mergedTars).toEqual(sorted.map((t) => t.name));
    const members = (dir: string, names: string[]) => names.flatMap((n) => untar(readFileSync(join(dir, n))));
    const a = members(join(merged, 'webdataset'), mergedTars);
    const b = members(join(one, 'webdataset'), tarsOf(join(one, 'webdataset')));
    expect(a.map((m) => m.name)).toEqual(b.map((m) => m.name));
    a.forEach((m, i) => expect(m.data.equals(b[i]!.data), m.name).toBe(true)); // images, and labels with the merged run's ids
  });

  it('run.json: the one-machine identity, status complete, counts summed', () => {
    const a = JSON.parse(readFileSync(join(merged, 'run.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(one, 'run.json'), 'utf8'));
    expect(a.status).toBe('complete');
    expect(a.identity).toEqual(b.identity);
    expect(a.identity.shard).toBeUndefined();
    expect(a.counts).toEqual(b.counts);
    expect(Object.keys(a.writers)).toEqual(Object.keys(b.writers));
    for (const w of ['coco', 'yolo', 'yolo-seg', 'hf']) expect(a.writers[w]).toEqual(b.writers[w]);
    expect(a.writers.webdataset.counts).toEqual({ ...b.writers.webdataset.counts, shards: 8 });
    expect(a.merged_from.map((m: { shard: unknown }) => m.shard)).toEqual([0, 1, 2, 3].map((index) => ({ index, count: 4 })));
    expect(a.options.out).toBe(merged);
  });

  it('merging again into the same folder gives the same bytes (run.json too)', async () => {
    const before = new Map(files(merged).map((f) => [f, readFileSync(join(merged, f))]));
    await mergeRuns({ shards, out: merged });
    expect(files(merged)).toEqual([...before.keys()]);
    for (const [f, bytes] of before) expect(readFileSync(join(merged, f)).equals(bytes), f).toBe(true);
  });

  it('refuses missing, overlapping, mismatched and unfinished shards, naming them; writes nothing', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    const copy = (i: number, name: string, edit?: (run: Record<string, any>) => void) => {
      const dir = join(bad, name);
      cpSync(shards[i]!, dir, { recursive: true });
      if (edit) {
        const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
        edit(run);
        writeFileSync(join(dir, 'run.json'), JSON.stringify(run, null, 2));
      }
      return dir;
    };
    const refusal = async (list: string[], out: string) => {
      const err = await mergeRuns({ shards: list, out }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err, 'expected a refusal').toBeDefined();
      expect(existsSync(out)).toBe(false);
      return err!.message;
    };
    const out = join(bad, 'out');
    const [s0, s1, s2, s3] = shards as [string, string, string, string];
    expect(await refusal([s0, s1, s3], out)).toBe(`missing shard 2 of 4 (given: 0, 1, 3)`);
    expect(await refusal([s0, s3], out)).toBe(`missing shards 1, 2 of 4 (given: 0, 3)`);
    const twin = copy(1, 'twin');
    expect(await refusal([s0, s1, s2, s3, twin], out)).toBe(`${twin}: overlapping shards: ${s1} and ${twin} are both shard 1/4`);
    expect(await refusal([s0, s1, s2, s3, `${s2}/`], out)).toMatch(/named twice \(as .*shards\/2 and .*shards\/2\/\)/);
    const seed = copy(2, 'seed4', (run) => (run.identity.seed = 4));
    expect(await refusal([s0, s1, seed, s3], out)).toBe(`mismatched shards: identity.seed is 3 in ${s0} but 4 in ${seed}`);
    const unfinished = copy(3, 'running', (run) => (run.status = 'running'));
    const msg = await refusal([s0, s1, seed, unfinished], out);
    expect(msg).toMatch(/^3 problems:/);
    expect(msg).toContain(`${unfinished}: unfinished shard: its run.json says status "running"`);
    expect(msg).toContain(`identity.seed is 3 in ${s0} but 4 in ${seed}`);
    expect(msg).toContain('missing shard 3 of 4 (given: 0, 1, 2)');
    // A folder holding a different run: refused, then replaced with overwrite.
    const other = copy(0, 'other-run');
    await expect(mergeRuns({ shards, out: other })).rejects.toThrow(`output directory ${other} already holds a different run; use --overwrite to replace it or choose another --out`);
    await expect(mergeRuns({ shards, out: s1 })).rejects.toThrow(/is one of the shards/);
    const replaced = await mergeRuns({ shards, out: other, overwrite: true });
    expect(replaced.pages).toBe(12);
    expect(readFileSync(join(other, 'annotations.json')).equals(readFileSync(join(one, 'annotations.json')))).toBe(true);
    expect(readdirSync(other).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

describe('merge of the PDF twin (shard folders made by hand, no rendering)', () => {
  it('places the PDFs; pdf/annotations.json gets ids and parent_ids as one writer numbers them', async () => {
    const root = tmp();
    const categories = categoriesOf(['Text', 'Text-line']);
    const info = { description: 'hand-made', version: '0', url: '', contributor: 'pagesynth', dpi: 150 };
    // A page: k regions, each with two lines (parts) that name their region's id.
    const addPage = async (w: CocoStreamWriter, index: number) => {
      const first = w.annotationCount + 1;
      const regions = 1 + (index % 3);
      const boxes: Array<[number, { x0: number; y0: number; x1: number; y1: number }, { order?: number; parentId?: number }]> = [];
      for (let r = 0; r < regions; r++) {
        const id = first + boxes.length;
        boxes.push([1, { x0: 10, y0: 10 + 40 * r, x1: 90, y1: 40 + 40 * r }, { order: r }]);
        for (let l = 0; l < 2; l++) boxes.push([2, { x0: 10, y0: 10 + 40 * r + 15 * l, x1: 80, y1: 22 + 40 * r + 15 * l }, { parentId: id }]);
      }
      await w.addImage({ id: index + 1, file_name: `${String(index + 1).padStart(6, '0')}.pdf`, width: 100, height: 200 }, boxes);
    };
    const identity = { pages: 5, seed: 1, output: ['pdf'], pdf: true };
    const shards: string[] = [];
    for (const shard of [{ index: 0, count: 2 }, { index: 1, count: 2 }]) {
      const dir = join(root, `s${shard.index}`);
      mkdirSync(join(dir, 'pdf'), { recursive: true });
      const w = new CocoStreamWriter(join(dir, 'pdf', 'annotations.json'), categories, info);
      const { start, end } = shardRange(5, shard);
      let specs = '';
      for (let p = start; p < end; p++) {
        await addPage(w, p);
        writeFileSync(join(dir, 'pdf', `${String(p + 1).padStart(6, '0')}.pdf`), `%PDF- page ${p}`);
        specs += `{"image_id":${p + 1}}\n`;
      }
      await w.finish();
      writeFileSync(join(dir, 'specs.jsonl'), specs);
      const run = { tool: 'pagesynth', status: 'complete', identity: { ...identity, shard }, versions: { pagesynth: '0' }, counts: { images: end - start, annotations: w.annotationCount, per_category: {} }, writers: { pdf: { paths: ['pdf'], counts: { pages: end - start, annotations: w.annotationCount } } } };
      writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
      shards.push(dir);
    }
    const whole = new CocoStreamWriter(join(root, 'whole.json'), categories, info);
    for (let p = 0; p < 5; p++) await addPage(whole, p);
    await whole.finish();

    const out = join(root, 'merged');
    const result = await mergeRuns({ shards, out });
    expect(result.writers.pdf).toEqual({ paths: ['pdf'], counts: { pages: 5, annotations: whole.annotationCount } });
    expect(readFileSync(join(out, 'pdf', 'annotations.json')).equals(readFileSync(join(root, 'whole.json')))).toBe(true);
    expect(readdirSync(join(out, 'pdf')).sort()).toEqual(['000001.pdf', '000002.pdf', '000003.pdf', '000004.pdf', '000005.pdf', 'annotations.json']);
    expect(readFileSync(join(out, 'pdf', '000004.pdf'), 'utf8')).toBe('%PDF- page 3');
    expect(readFileSync(join(out, 'specs.jsonl'), 'utf8')).toBe([1, 2, 3, 4, 5].map((i) => `{"image_id":${i}}\n`).join(''));
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.identity).toEqual(identity);
    expect(run.status).toBe('complete');
  });
});
