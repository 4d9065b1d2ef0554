/**
 * Inputs that cannot hurt (issue 12, section 4): network files, label mapping files, COCO ground truth and
 * detections, detector models and option values, each a seeded random mutation of a valid one (keys deleted,
 * duplicated, swapped or renamed, values of the wrong type, huge numbers, NaN strings, negative sizes, very long
 * strings, binary garbage, deep nesting, text truncated at a random byte, wrong extensions).
 *
 * Every case either succeeds (a mutation may stay valid) or fails with a PagesynthError of exit code 2
 * (InputError, UsageError) whose message is short, has no stack line and never repeats a long slice of the input.
 * Never a TypeError, a RangeError or a hang. Most cases run in-process against the library; a few go through the
 * built CLI (exit code 2, one message without a stack, nothing in --out that looks like a finished run).
 *
 * Bounded in time, not in cases: each group stops adding cases after its share of the budget (PAGESYNTH_FUZZ_MS,
 * default 20 s in all, 60 s in `npm run bench:checks`; the ~20 CLI runs come on top) and says how many ran. Each case draws from its own stream,
 * createRng(deriveSeed(FUZZ_SEED, index, group)), so a failing case is re-made from its group and index alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { loadProfile, remapDetections, remapGroundTruth } from '../src/annotate/index.js';
import { floatOption, intOption } from '../src/cli/parse.js';
import { PagesynthError } from '../src/errors.js';
import { PAIR_FEATURES } from '../src/evaluate/detector/analysis.js';
import { loadModel, validateModel } from '../src/evaluate/detector/model.js';
import { REGION_FEATURES } from '../src/evaluate/detector/regions.js';
import { loadLayoutSet } from '../src/evaluate/layout-stats/load.js';
import { evaluate, loadCoco, loadDetections, parseDetections, parseGroundTruth, parseJsonText } from '../src/evaluate/metrics/index.js';
import { compileNetwork, loadNetwork, parseInterventions, parseNetwork, validateNetwork, type Network } from '../src/network/index.js';
import { createRng, deriveSeed, type Rng } from '../src/random/index.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pagesynth.js');
const FUZZ_SEED = 12;
/**
 * In-process time budget in ms, shared by the groups below (the CLI cases come on top: a fixed small number): 20 s in
 * `npm test` (about 2,500 cases on an idle 2-core machine), 60 s under PAGESYNTH_FULL_CHECKS=1 (`npm run bench:checks`).
 */
const BUDGET_MS = Number(process.env.PAGESYNTH_FUZZ_MS ?? (process.env.PAGESYNTH_FULL_CHECKS === '1' ? 60_000 : 20_000));
/** Most cases per group, so an idle machine does not run for the whole budget. */
const MAX_CASES = Number(process.env.PAGESYNTH_FUZZ_CASES ?? 1500);
/** A case slower than this is logged (not a failure: no timing assertions). */
const SLOW_MS = Number(process.env.PAGESYNTH_FUZZ_SLOW ?? 1000);

/**
 * What a message may be: under MESSAGE_MAX characters, lines under LINE_MAX, no LEAK_MAX-character slice of the
 * input. A line quotes at most ~80 characters of any input value, but may list a few of a network's names as a hint
 * (`--set zzz=1`: some page-level nodes, element types and effects), hence 500, not 300.
 */
const MESSAGE_MAX = 2000;
const LINE_MAX = 500;
const LEAK_MAX = 200;
/** Lines the CLI may print: it lists an InputError's problems one per line (20 and "and N more"), and a hint. */
const CLI_LINES_MAX = 25;

let dir = '';
/** The CLI runs, started first: the ~20 child processes take a while, the in-process groups run meanwhile. */
let cliRuns: Promise<{ cases: CliCase[]; results: { code: number | null; err: string }[] }> | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pagesynth-fuzz-'));
  const cases = cliCases();
  cliRuns = pooled(cases.map((c) => () => cli(c.args))).then((results) => ({ cases, results }));
});
afterAll(async () => {
  const cli = await cliRuns; // never remove the folder under a running child
  console.log(`fuzz: ${totals.cases} in-process cases and ${cli?.cases.length ?? 0} CLI runs in ${((performance.now() - totals.started) / 1000).toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- random JSON mutations

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path in `v` (containers and leaves), up to `limit`. */
function allPaths(v: Json, limit = 5000): Path[] {
  const out: Path[] = [];
  const walk = (x: Json, path: Path): void => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...path, i]));
    else if (isObj(x)) for (const k of Object.keys(x)) walk(x[k]!, [...path, k]);
  };
  walk(v, []);
  return out;
}

function getAt(v: Json, path: Path): Json {
  let x: Json = v;
  for (const k of path) x = (x as Record<string | number, Json>)[k]!;
  return x;
}

/** Sets own property `key` (also `__proto__`, which plain assignment would not make a key). */
function setKey(obj: Record<string | number, Json> | Json[], key: string | number, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Replaces the value at a non-empty path. */
function setAt(root: Json, path: Path, value: Json): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  setKey(parent, path[path.length - 1]!, value);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.,:;"\'{}[]#&*!|>%@`';

/** A long string that does not repeat (so a leaked slice of it is recognisable). */
function longString(rng: Rng, min = 300, max = 60_000): string {
  const n = rng.int(min, max);
  let s = '';
  while (s.length < n) s += LETTERS[rng.int(0, LETTERS.length - 1)]!;
  return s;
}

/** Random UTF-16 code units: NUL, control characters, lone surrogates, anything. */
function garbageString(rng: Rng, max = 2000): string {
  const n = rng.int(1, max);
  const codes: number[] = [];
  for (let i = 0; i < n; i++) codes.push(rng.chance(0.3) ? rng.int(0, 31) : rng.int(0, 0xffff));
  return String.fromCharCode(...codes);
}

function randomBytes(rng: Rng, max = 4000): Buffer {
  const b = Buffer.alloc(rng.int(1, max));
  for (let i = 0; i < b.length; i++) b[i] = rng.int(0, 255);
  return b;
}

function nested(rng: Rng, depth = rng.int(50, 300)): Json {
  let v: Json = rng.chance(0.5) ? 1 : 'x';
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { a: v };
  return v;
}

/** A value of any type, mostly ones that break assumptions. */
function oddValue(rng: Rng): Json {
  const pool: (() => Json)[] = [
    () => null,
    () => true,
    () => false,
    () => 0,
    () => -1,
    () => -0.5,
    () => 1e308,
    () => -1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => 5e-324,
    () => 2 ** 31,
    () => rng.uniform(-1e6, 1e6),
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => Number.NEGATIVE_INFINITY,
    () => 'NaN',
    () => 'Infinity',
    () => '-1',
    () => '1e999',
    () => '',
    () => ' ',
    () => 'true',
    () => 'null',
    () => '\u0000',
    () => rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']),
    () => longString(rng),
    () => garbageString(rng),
    () => [],
    () => ({}),
    () => [1, 2, 3],
    () => ({ a: 1 }),
    () => ['x'],
    () => nested(rng, rng.int(5, 300)),
  ];
  return rng.pick(pool)();
}

function oddKey(rng: Rng): string {
  return rng.pick([
    () => '',
    () => '__proto__',
    () => 'constructor',
    () => 'toString',
    () => 'a.b',
    () => 'x,y',
    () => '*',
    () => 'line\nbreak',
    () => ' spaced ',
    () => 'ünïcødé',
    () => longString(rng, 300, 5000),
    () => garbageString(rng, 300),
    () => String(rng.int(0, 99)),
  ])();
}

/** One mutation of a JSON value, in place where it can; returns the (possibly new) root and what it did. */
function mutateValue(root: Json, rng: Rng): { root: Json; what: string } {
  const paths = allPaths(root);
  const path = rng.pick(paths);
  const at = getAt(root, path);
  const where = path.map(String).map((s) => s.slice(0, 20)).join('.') || '(root)';
  const op = rng.pick(['delete', 'delete', 'duplicate', 'swap', 'retype', 'retype', 'retype', 'huge', 'nan', 'negative', 'long', 'garbage', 'deep', 'rename', 'empty', 'grow'] as const);
  const containers = paths.filter((p) => {
    const v = getAt(root, p);
    return (Array.isArray(v) && v.length > 0) || (isObj(v) && Object.keys(v).length > 0);
  });
  const container = containers.length ? rng.pick(containers) : undefined;
  const c = container ? (getAt(root, container) as Record<string, Json> | Json[]) : undefined;
  const keysOf = (x: Record<string, Json> | Json[]): (string | number)[] => (Array.isArray(x) ? x.map((_, i) => i) : Object.keys(x));
  switch (op) {
    case 'delete': {
      if (!c) return { root: null, what: 'delete root' };
      const k = rng.pick(keysOf(c));
      if (Array.isArray(c)) c.splice(k as number, 1);
      else delete c[k as string];
      return { root, what: `delete ${where}/${String(k).slice(0, 20)}` };
    }
    case 'duplicate': {
      if (!c) return { root, what: 'nothing to duplicate' };
      const k = rng.pick(keysOf(c));
      const copy = structuredClone((c as unknown as Record<string | number, Json>)[k]!);
      if (Array.isArray(c)) c.splice(k as number, 0, copy);
      else setKey(c, rng.chance(0.5) ? `${k}_2` : rng.pick(Object.keys(c)), copy);
      return { root, what: `duplicate ${String(k).slice(0, 20)}` };
    }
    case 'swap': {
      if (!c) return { root, what: 'nothing to swap' };
      const ks = keysOf(c);
      const a = rng.pick(ks);
      const b = rng.pick(ks);
      const r = c as unknown as Record<string | number, Json>;
      const t = r[a]!;
      setKey(r, a, r[b]!);
      setKey(r, b, t);
      return { root, what: `swap ${String(a).slice(0, 20)} and ${String(b).slice(0, 20)}` };
    }
    case 'retype':
      if (!path.length) return { root: oddValue(rng), what: 'retype root' };
      setAt(root, path, oddValue(rng));
      return { root, what: `retype ${where}` };
    case 'huge':
    case 'nan':
    case 'negative': {
      const nums = paths.filter((p) => typeof getAt(root, p) === 'number');
      if (!nums.length) return { root, what: `no number for ${op}` };
      const p = rng.pick(nums);
      const v = getAt(root, p) as number;
      const value: Json =
        op === 'huge' ? rng.pick([1e308, -1e308, 2 ** 53 + 1, 1e21, Number.MAX_VALUE, 1e15])
        : op === 'nan' ? rng.pick(['NaN', 'nan', 'Infinity', '-Infinity', '1e400', Number.NaN, Number.POSITIVE_INFINITY])
        : rng.pick([-v, -1, -1e9, v - 1e6, -0.0001]);
      if (p.length) setAt(root, p, value);
      return { root: p.length ? root : value, what: `${op} at ${p.map(String).join('.')}` };
    }
    case 'long':
    case 'garbage': {
      const strs = paths.filter((p) => typeof getAt(root, p) === 'string' && p.length > 0);
      const p = strs.length ? rng.pick(strs) : path;
      const value = op === 'long' ? longString(rng) : garbageString(rng);
      if (!p.length) return { root: value, what: `${op} root` };
      setAt(root, p, value);
      return { root, what: `${op} at ${p.map(String).map((s) => s.slice(0, 20)).join('.')}` };
    }
    case 'deep':
      if (!path.length) return { root: nested(rng), what: 'deep root' };
      setAt(root, path, nested(rng));
      return { root, what: `deep at ${where}` };
    case 'rename': {
      const objs = containers.filter((p) => isObj(getAt(root, p)));
      if (!objs.length) return { root, what: 'nothing to rename' };
      const o = getAt(root, rng.pick(objs)) as Record<string, Json>;
      const k = rng.pick(Object.keys(o));
      const v = o[k]!;
      delete o[k];
      const nk = oddKey(rng);
      setKey(o, nk, v);
      return { root, what: `rename ${k.slice(0, 20)} to ${JSON.stringify(nk.slice(0, 20))}` };
    }
    case 'empty':
      if (!path.length) return { root: rng.pick<Json>([[], {}, '', 0]), what: 'empty root' };
      setAt(root, path, Array.isArray(at) ? [] : isObj(at) ? {} : typeof at === 'string' ? '' : 0);
      return { root, what: `empty ${where}` };
    case 'grow': {
      const arrays = paths.filter((p) => Array.isArray(getAt(root, p)) && (getAt(root, p) as Json[]).length > 0);
      if (!arrays.length) return { root, what: 'no array to grow' };
      const arr = getAt(root, rng.pick(arrays)) as Json[];
      let size = Number.POSITIVE_INFINITY; // mean size of an item
      try {
        size = JSON.stringify(arr).length / arr.length;
      } catch {
        // too deep to write: do not grow it
      }
      const n = Math.min(rng.int(100, 3000), Math.floor(150_000 / size)); // at most ~150 kB more
      for (let i = 0; i < n; i++) arr.push(structuredClone(arr[i % arr.length]!));
      return { root, what: `grow an array by ${n}` };
    }
  }
}

/** Byte-level damage of a serialised file. */
function mutateBytes(bytes: Buffer, rng: Rng): { bytes: Buffer; what: string } {
  const op = rng.pick(['truncate', 'truncate', 'garbage', 'insert', 'flip', 'dupline', 'deep', 'number', 'bom', 'empty'] as const);
  switch (op) {
    case 'truncate': {
      const at = rng.int(0, Math.max(0, bytes.length - 1));
      return { bytes: bytes.subarray(0, at), what: `truncate at byte ${at}` };
    }
    case 'garbage':
      return { bytes: randomBytes(rng), what: 'binary garbage' };
    case 'insert': {
      const at = rng.int(0, bytes.length);
      return { bytes: Buffer.concat([bytes.subarray(0, at), randomBytes(rng, 200), bytes.subarray(at)]), what: `garbage inserted at byte ${at}` };
    }
    case 'flip': {
      const b = Buffer.from(bytes);
      const n = rng.int(1, 8);
      for (let i = 0; i < n && b.length; i++) b[rng.int(0, b.length - 1)] = rng.int(0, 255);
      return { bytes: b, what: `${n} bytes changed` };
    }
    case 'dupline': {
      const lines = bytes.toString('utf8').split('\n');
      const i = rng.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]!);
      return { bytes: Buffer.from(lines.join('\n')), what: `line ${i + 1} duplicated` };
    }
    case 'deep': {
      const n = rng.int(1000, 30_000);
      const open = rng.chance(0.5) ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      const body = rng.chance(0.5) ? `${open.repeat(n)}1${close.repeat(n)}` : open.repeat(n);
      return { bytes: Buffer.from(body), what: `nesting ${n} deep` };
    }
    case 'number': {
      const text = bytes.toString('utf8');
      const nums = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (!nums.length) return { bytes, what: 'no number in text' };
      const m = rng.pick(nums);
      const by = rng.pick(['1e400', '-1e999', 'NaN', '-Infinity', '123456789012345678901234567890', '-0', '0x1F', '1_000', '.5', '--1']);
      return { bytes: Buffer.from(text.slice(0, m.index) + by + text.slice(m.index! + m[0].length)), what: `number ${m[0]} -> ${by}` };
    }
    case 'bom':
      return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))]), what: 'BOM and CRLF' };
    case 'empty':
      return { bytes: Buffer.alloc(0), what: 'empty file' };
  }
}

/** True when `v` nests deeper than `max`. */
function deeper(v: Json, max: number): boolean {
  if (max < 0) return true;
  if (Array.isArray(v)) return v.some((x) => deeper(x, max - 1));
  if (isObj(v)) return Object.values(v).some((x) => deeper(x, max - 1));
  return false;
}

/** A mutated copy of `seed`: 1-3 value mutations and/or one byte-level mutation of its serialised form. */
function mutant(seed: Json, rng: Rng, serialise: (v: Json) => string): { bytes: Buffer; what: string[]; value?: Json } {
  let root = structuredClone(seed);
  const what: string[] = [];
  const valueOps = rng.chance(0.8) ? rng.int(1, 3) : 0;
  for (let i = 0; i < valueOps; i++) {
    const r = mutateValue(root, rng);
    root = r.root;
    what.push(r.what);
  }
  // Indented YAML or JSON grows with the square of the nesting depth: a deep value is written as one line of JSON
  // (which is YAML too).
  const text = deeper(root, 40) ? JSON.stringify(root) : serialise(root);
  let bytes: Buffer = Buffer.from(text);
  if (valueOps === 0 || rng.chance(0.3)) {
    const r = mutateBytes(bytes, rng);
    bytes = r.bytes;
    what.push(r.what);
    return { bytes, what };
  }
  return { bytes, what, value: root };
}

// ---------------------------------------------------------------- checking one case

/** The longest run of characters `message` shares with `input` that passes through a sampled window (>= 100 chars). */
function leakLength(message: string, input: string): number {
  const W = LEAK_MAX / 2;
  let longest = 0;
  for (let j = 0; j + W <= message.length; j += W) {
    const w = message.slice(j, j + W);
    let at = input.indexOf(w);
    for (let tries = 0; at >= 0 && tries < 5; tries++) {
      let a = 0;
      while (j - a - 1 >= 0 && at - a - 1 >= 0 && message[j - a - 1] === input[at - a - 1]) a++;
      let b = W;
      while (j + b < message.length && at + b < input.length && message[j + b] === input[at + b]) b++;
      longest = Math.max(longest, a + b);
      at = input.indexOf(w, at + 1);
    }
  }
  return longest;
}

/** What is wrong with a message, if anything (`cli`: stderr, checked by its number of lines, not characters). */
function messageProblem(message: string, input: string, cli = false): string | undefined {
  if (!message.trim()) return 'empty message';
  const lines = message.split('\n');
  if (!cli && message.length >= MESSAGE_MAX) return `message of ${message.length} characters: ${message.slice(0, 300)}…`;
  if (cli && lines.length > CLI_LINES_MAX) return `${lines.length} lines on stderr: ${message.slice(0, 300)}…`;
  const long = lines.find((l) => l.length > LINE_MAX);
  if (long) return `line of ${long.length} characters: ${long.slice(0, 300)}…`;
  if (lines.some((l) => /^\s+at /.test(l))) return `stack trace in the message: ${message.slice(0, 300)}`;
  const leak = leakLength(message, input);
  if (leak >= LEAK_MAX) return `message repeats ${leak} characters of the input: ${message.slice(0, 300)}…`;
  return undefined;
}

/** What is wrong with a thrown value, if anything. */
function errorProblem(err: unknown, input: string, allow: (err: unknown) => boolean = () => false): string | undefined {
  if (!(err instanceof PagesynthError) && !allow(err)) {
    const e = err as Error;
    return `unexpected ${e?.constructor?.name ?? typeof err}: ${String(e?.message ?? err).slice(0, 300)}\n${String(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  }
  if (err instanceof PagesynthError && err.exitCode !== 2) return `${err.name} with exit code ${err.exitCode}: ${err.message.slice(0, 300)}`;
  return messageProblem((err as Error).message, input);
}

/** Cases run in-process, over all groups (printed at the end). */
const totals = { cases: 0, started: performance.now() };

interface Tally {
  cases: number;
  ok: number;
  rejected: number;
  failures: string[];
}

/**
 * Runs `make(rng, index)` cases of a group until its budget or MAX_CASES is spent. A case returns the input text
 * (for the leak check), what was done, and the call; the call may succeed or throw a clean PagesynthError.
 */
async function fuzz(
  group: string,
  budgetMs: number,
  make: (rng: Rng, index: number) => { input: string; what: string[]; run: () => unknown; expectError?: RegExp; allow?: (err: unknown) => boolean },
): Promise<Tally> {
  const tally: Tally = { cases: 0, ok: 0, rejected: 0, failures: [] };
  const end = performance.now() + budgetMs;
  let breath = performance.now();
  for (let index = 0; index < MAX_CASES && performance.now() < end; index++) {
    if (performance.now() - breath > 25) {
      // Let the event loop turn, so the CLI runs started in beforeAll are collected and the next ones started.
      await new Promise((r) => setImmediate(r));
      breath = performance.now();
    }
    const rng = createRng(deriveSeed(FUZZ_SEED, index, group));
    const tm = performance.now();
    const c = make(rng, index);
    tally.cases++;
    const label = `${group}#${index} (${c.what.join('; ')})`;
    const t0 = performance.now();
    if (t0 - tm > SLOW_MS) console.log(`slow to make: ${Math.round(t0 - tm)} ms ${label}`);
    try {
      await c.run();
      tally.ok++;
      if (c.expectError) tally.failures.push(`${label}: succeeded, expected an error matching ${c.expectError}`);
    } catch (err) {
      tally.rejected++;
      const p = errorProblem(err, c.input, c.allow);
      if (p) tally.failures.push(`${label}: ${p}`);
      else if (c.expectError && !c.expectError.test((err as Error).message)) tally.failures.push(`${label}: ${(err as Error).message.slice(0, 300)} does not match ${c.expectError}`);
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) console.log(`slow: ${Math.round(ms)} ms ${label}`);
  }
  console.log(`fuzz ${group}: ${tally.cases} cases (${tally.ok} accepted, ${tally.rejected} rejected), ${tally.failures.length} failures`);
  totals.cases += tally.cases;
  return tally;
}

function expectClean(t: Tally): void {
  for (const f of t.failures.slice(0, 40)) console.log(`FAIL ${f.slice(0, 700)}`);
  expect(t.cases).toBeGreaterThan(0);
  expect(t.failures.slice(0, 8), `${t.failures.length} of ${t.cases} cases failed`).toEqual([]);
}

// ---------------------------------------------------------------- seeds

const simpleText = readFileSync(join(ROOT, 'templates', 'simple.yaml'), 'utf8');
const SIMPLE = YAML.parse(simpleText) as Json;
const DEFAULT = YAML.parse(readFileSync(join(ROOT, 'templates', 'default.yaml'), 'utf8')) as Json;

const GT = {
  info: { description: 'fuzz seed' },
  images: [
    { id: 1, file_name: 'a.png', width: 600, height: 800 },
    { id: 2, file_name: 'b.png', width: 600, height: 800 },
  ],
  categories: [
    { id: 1, name: 'Text', supercategory: 'layout' },
    { id: 2, name: 'Title', supercategory: 'layout' },
    { id: 3, name: 'List-item', supercategory: 'layout' },
    { id: 4, name: 'Table', supercategory: 'layout' },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 2, bbox: [50, 40, 400, 30], area: 12000, iscrowd: 0 },
    { id: 2, image_id: 1, category_id: 1, bbox: [50, 100, 500, 200], area: 100000, iscrowd: 0 },
    { id: 3, image_id: 1, category_id: 3, bbox: [60, 320, 480, 20], area: 9600, iscrowd: 0 },
    { id: 4, image_id: 1, category_id: 3, bbox: [60, 345, 480, 20], area: 9600, iscrowd: 0 },
    { id: 5, image_id: 2, category_id: 4, bbox: [40, 60, 520, 300], area: 156000, iscrowd: 0 },
    { id: 6, image_id: 2, category_id: 1, bbox: [40, 400, 520, 300], area: 156000, iscrowd: 1 },
  ],
} satisfies Json;
const DT = [
  { image_id: 1, category_id: 2, bbox: [52, 41, 398, 29], score: 0.95 },
  { image_id: 1, category_id: 1, bbox: [50, 100, 500, 190], score: 0.8 },
  { image_id: 1, category_id: 3, bbox: [60, 320, 480, 45], score: 0.6 },
  { image_id: 2, category_id: 4, bbox: [45, 60, 515, 300], score: 0.9 },
  { image_id: 2, category_id: 1, bbox: [0, 0, 10, 10], score: 0.1 },
] satisfies Json;
const PROFILE = { name: 'fuzz', classes: ['text', 'title', 'list', 'table'], map: { Text: 'text', Title: 'title', 'List-item': 'list', Table: 'table', Formula: null }, merge: ['list'] } satisfies Json;

/** A valid detector model of the smallest size: one leaf-only tree per output. */
function tinyModel(): Json {
  const tree = { feat: [], thr: [], left: [], right: [], leaf: [0.1] };
  const classes = ['text', 'title'];
  // Through JSON: no object shared between two places (a mutation of one would change the others).
  return JSON.parse(JSON.stringify({
    format: 'pagesynth-layout-detector',
    version: 1,
    classes,
    pairModel: { nFeatures: PAIR_FEATURES, nClasses: 2, base: [0], trees: [tree] },
    regionModel: { nFeatures: REGION_FEATURES, nClasses: 3, base: [0, 0, 0], trees: [tree, tree, tree] },
    levels: [0.3, 0.6],
    altPenalty: 0.5,
    training: { seed: 1, pages: 1, pairs: 1, regions: 1 },
  })) as Json;
}

const yamlOf = (v: Json) => YAML.stringify(v, { lineWidth: 0 });
const jsonOf = (v: Json) => JSON.stringify(v, null, 1);
const decoded = (b: Buffer) => b.toString('utf8');
const WRONG_EXTENSIONS = ['.txt', '', '.yaml.bak', '.jsonl', '.ym', '.js', '.exe', '.yaml~', '.json5'];

let n = 0;
/** Writes a case's bytes to a new file in the test folder. */
function put(name: string, bytes: Buffer | string): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

// ---------------------------------------------------------------- in-process groups

// Shares of the in-process budget.
const share = (x: number) => BUDGET_MS * x;

describe('fuzz: malformed inputs fail with one short, typed message (in-process)', () => {
  it('network files: parseNetwork / loadNetwork + validate + compile', async () => {
    const t = await fuzz('network', share(0.28), (rng) => {
      const json = rng.chance(0.3);
      const m = mutant(SIMPLE, rng, json ? jsonOf : yamlOf);
      const input = decoded(m.bytes);
      if (rng.chance(0.15)) {
        // Through a file: sometimes with an extension that is not a network file's (refused before reading).
        const wrong = rng.chance(0.4);
        const ext = wrong ? rng.pick(WRONG_EXTENSIONS) : rng.pick(['.yaml', '.yml', '.json', '.YAML']);
        const body = wrong ? Buffer.from(simpleText) : m.bytes;
        const path = put(`net${ext}`, body);
        return {
          input: wrong ? simpleText : input,
          what: [...m.what, `file ${ext || '(no extension)'}`],
          run: async () => compileNetwork((await loadNetwork(path)).def),
          ...(wrong && { expectError: /\.json, \.yaml or \.yml/ }),
        };
      }
      return { input, what: m.what, run: () => compileNetwork(parseNetwork(input, { file: json ? 'fuzz.json' : 'fuzz.yaml' })) };
    });
    expectClean(t);
  });

  it('the default network, mutated as an object: validateNetwork + compile', async () => {
    const t = await fuzz('default-network', share(0.1), (rng) => {
      let root = structuredClone(DEFAULT);
      const what: string[] = [];
      for (let i = rng.int(1, 3); i > 0; i--) {
        const r = mutateValue(root, rng);
        root = r.root;
        what.push(r.what);
      }
      // The input the leak check compares against: the object as JSON (cut: the check samples windows).
      let input: string;
      try {
        input = JSON.stringify(root) ?? '';
      } catch {
        input = '';
      }
      return { input, what, run: () => compileNetwork(validateNetwork(root, { file: 'default.json' })) };
    });
    expectClean(t);
  });

  it('COCO ground truth: parseGroundTruth / loadCoco, then evaluate', async () => {
    const t = await fuzz('coco-gt', share(0.12), (rng) => {
      const m = mutant(GT, rng, jsonOf);
      const input = decoded(m.bytes);
      const viaFile = rng.chance(0.2);
      return {
        input,
        what: m.what,
        run: async () => {
          const gt = viaFile ? await loadCoco(put('gt.json', m.bytes)) : parseGroundTruth(parseJsonText(input, 'gt.json'), 'gt.json');
          const dets = DT.filter((d) => gt.images.some((i) => i.id === d.image_id) && gt.categories.some((c) => c.id === d.category_id));
          evaluate(gt, parseDetections(dets, gt, { file: 'dt.json' }));
          if (rng.chance(0.3)) {
            const p = loadProfile('publaynet');
            const { coco } = remapGroundTruth(gt, p);
            evaluate(coco, remapDetections(dets, gt.categories, p));
          }
        },
      };
    });
    expectClean(t);
  });

  it('COCO detections: parseDetections / loadDetections (strict and lenient), then evaluate', async () => {
    const gt = parseGroundTruth(structuredClone(GT), 'gt.json');
    const t = await fuzz('coco-dt', share(0.12), (rng) => {
      const m = mutant(DT, rng, jsonOf);
      const input = decoded(m.bytes);
      const lenient = rng.chance(0.3);
      const options = rng.chance(0.2) ? { iouThreshold: oddValue(rng), scoreThreshold: oddValue(rng), maxDets: oddValue(rng) } : {};
      return {
        input,
        what: [...m.what, ...(lenient ? ['lenient'] : []), ...(Object.keys(options).length ? ['odd evaluate options'] : [])],
        run: async () => {
          const dets = rng.chance(0.2) ? await loadDetections(put('dt.json', m.bytes), gt, { lenient, gtFile: 'gt.json' }) : parseDetections(parseJsonText(input, 'dt.json'), gt, { file: 'dt.json', lenient, gtFile: 'gt.json' });
          evaluate(gt, dets, options as never);
        },
      };
    });
    expectClean(t);
  });

  it('COCO files for layout statistics: loadLayoutSet', async () => {
    const t = await fuzz('layout-set', share(0.08), (rng) => {
      const m = mutant(GT, rng, jsonOf);
      const path = put('layout.json', m.bytes);
      const profile = rng.pick([undefined, 'publaynet', 'doclaynet', 'nonsense-profile', 'toString']);
      return { input: decoded(m.bytes), what: [...m.what, `profile ${profile}`], run: () => loadLayoutSet(path, profile ? { profile } : {}) };
    });
    expectClean(t);
  });

  it('label mapping files: loadProfile', async () => {
    const t = await fuzz('profile', share(0.1), (rng) => {
      const json = rng.chance(0.4);
      const m = mutant(PROFILE, rng, json ? jsonOf : yamlOf);
      const wrong = rng.chance(0.1);
      const ext = wrong ? rng.pick(WRONG_EXTENSIONS) : json ? '.json' : rng.pick(['.yaml', '.yml']);
      const path = put(`labels${ext}`, m.bytes);
      return { input: decoded(m.bytes), what: [...m.what, `file ${ext}`], run: () => loadProfile(path), ...(wrong && { expectError: /label profile/ }) };
    });
    expectClean(t);
  });

  it('detector models: validateModel / loadModel', async () => {
    const seed = tinyModel();
    const t = await fuzz('model', share(0.06), (rng) => {
      const m = mutant(seed, rng, jsonOf);
      const input = decoded(m.bytes);
      if (rng.chance(0.3)) {
        const modelDir = join(dir, `model-${n++}`);
        mkdirSync(modelDir);
        writeFileSync(join(modelDir, 'model.json'), m.bytes);
        return { input, what: m.what, run: () => loadModel(modelDir) };
      }
      return { input, what: m.what, run: () => validateModel(parseJsonText(input, 'model.json'), 'model.json') };
    });
    expectClean(t);
  });

  it('option values: resolveOptions, the CLI option parsers, --set against the default network', async () => {
    const net: Network = compileNetwork((await loadNetwork('default')).def);
    const { resolveOptions } = await import('../src/run/index.js'); // the run stage: loaded only for this group
    const base = { pages: 2, out: join(dir, 'never-written'), seed: 1, template: 'simple', set: ['columns=1'], workers: 1, format: 'png', dpi: 100, pngLevel: 1, jpegQuality: 90, labels: 'doclaynet', parts: [], output: ['coco'] } satisfies Json;
    const strings = (rng: Rng): string =>
      rng.pick([
        () => String(oddValue(rng)),
        () => rng.pick(['-1', '0', 'abc', '1e400', 'NaN', '', ' ', '1.5', '0x10', '1_000', '+3', '--1', '9'.repeat(40), '2', '150']),
        () => longString(rng, 300, 5000),
        () => garbageString(rng, 500),
      ])();
    const sets = (rng: Rng): string =>
      rng.pick([
        () => 'nonsense',
        () => '=',
        () => `${rng.pick([...net.byKey.keys()])}=${strings(rng)}`,
        () => `${longString(rng, 300, 3000)}=1`,
        () => `columns=${rng.pick(['1', '2', '-1', 'NaN', '1e999', '{"a":1}', 'a:1,b:2'])}`,
        () => `effects.profile=${strings(rng)}`,
        () => strings(rng),
      ])();
    const t = await fuzz('options', share(0.08), (rng) => {
      const kind = rng.pick(['resolve', 'int', 'float', 'set', 'labels'] as const);
      const allow = (err: unknown) => err instanceof InvalidArgumentError; // commander's: the CLI exits 2 with it
      if (kind === 'resolve') {
        const m = mutateValue(structuredClone(base), rng);
        return { input: JSON.stringify(m.root) ?? '', what: [m.what], run: () => resolveOptions(m.root as never) };
      }
      if (kind === 'set') {
        const specs = Array.from({ length: rng.int(1, 3) }, () => sets(rng));
        return { input: specs.join('\n'), what: ['--set'], run: () => parseInterventions(specs, net) };
      }
      if (kind === 'labels') {
        const name = rng.chance(0.5) ? rng.pick(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'PublayNet', 'doclaynet ', '']) : strings(rng);
        return { input: name, what: ['--labels'], run: () => loadProfile(name) };
      }
      const value = strings(rng);
      const parse = kind === 'int' ? intOption(rng.int(0, 36), rng.chance(0.5) ? 600 : undefined) : floatOption(0, 1);
      return { input: value, what: [`${kind} option`], run: () => parse(value), allow };
    });
    expectClean(t);
  });
});

// ---------------------------------------------------------------- through the CLI

function cli(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ code: null, err: `cannot start: ${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, err });
    });
  });
}

/** Runs `jobs` two at a time. */
async function pooled<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/** Mutants of `seed` that the library rejects (found in-process, so the CLI never starts a real run). */
function rejected(seed: Json, group: string, count: number, serialise: (v: Json) => string, check: (text: string) => unknown): { bytes: Buffer; what: string[] }[] {
  const out: { bytes: Buffer; what: string[] }[] = [];
  for (let index = 0; out.length < count && index < 10_000; index++) {
    const m = mutant(seed, createRng(deriveSeed(FUZZ_SEED, index, group)), serialise);
    try {
      check(decoded(m.bytes));
    } catch {
      out.push(m);
    }
  }
  return out;
}

interface CliCase {
  what: string;
  args: string[];
  /** What the command reads (for the leak check). */
  input: string;
  /** generate's --out, checked for anything that looks like a finished run. */
  out?: string;
  /** What stderr must say. */
  expect?: RegExp;
}

/** The CLI runs: bad network files, label mappings, option values, COCO files; each must exit 2. */
function cliCases(): CliCase[] {
  const QUICK = ['--pages', '2', '--workers', '1', '--no-progress', '--set', 'language=en', '--set', 'effects.profile=clean'];
  const cases: CliCase[] = [];
  const gen = (what: string, input: string, extra: string[], expectMsg?: RegExp) => {
    const out = join(dir, `cli-out-${n++}`);
    cases.push({ what, input, out, args: ['generate', ...QUICK, '--out', out, ...extra], ...(expectMsg && { expect: expectMsg }) });
  };
  // Network files the library rejects, as YAML and as JSON.
  for (const m of rejected(SIMPLE, 'cli-network', 4, yamlOf, (text) => compileNetwork(parseNetwork(text, { file: 'x.yaml' })))) {
    gen(`--template (${m.what.join('; ')})`, decoded(m.bytes), ['--template', put('bad.yaml', m.bytes)]);
  }
  for (const m of rejected(SIMPLE, 'cli-network-json', 1, jsonOf, (text) => compileNetwork(parseNetwork(text, { file: 'x.json' })))) {
    gen(`--template json (${m.what.join('; ')})`, decoded(m.bytes), ['--template', put('bad.json', m.bytes)]);
  }
  const passwd = existsSync('/etc/passwd') ? '/etc/passwd' : put('passwd', `root:x:0:0:root:/root:/bin/bash\n${longString(createRng(1), 2000, 2000)}\n`);
  gen('--template /etc/passwd', readFileSync(passwd, 'utf8'), ['--template', passwd], /\.json, \.yaml or \.yml/);
  gen('--template valid YAML named .txt', simpleText, ['--template', put('simple.txt', simpleText)], /\.json, \.yaml or \.yml/);
  for (const m of rejected(PROFILE, 'cli-profile', 1, yamlOf, (text) => loadProfile(put('p.yaml', text)))) {
    gen(`--labels (${m.what.join('; ')})`, decoded(m.bytes), ['--template', 'simple', '--labels', put('labels.yaml', m.bytes)]);
  }
  // Option values.
  for (const [opt, value] of [
    ['--pages', '-1'],
    ['--dpi', 'abc'],
    ['--set', 'nonsense'],
    ['--workers', '0'],
    ['--seed', 'NaN'],
    ['--set', `columns=${longString(createRng(2), 3000, 3000)}`],
  ] as const) {
    gen(`${opt} ${value.slice(0, 20)}`, value, ['--template', 'simple', opt, value]);
  }
  // evaluate: bad ground truth, bad detections, bad options.
  const gtPath = put('gt.json', JSON.stringify(GT));
  const dtPath = put('dt.json', JSON.stringify(DT));
  for (const m of rejected(GT, 'cli-gt', 2, jsonOf, (text) => parseGroundTruth(parseJsonText(text, 'gt.json'), 'gt.json'))) {
    cases.push({ what: `evaluate --gt (${m.what.join('; ')})`, input: decoded(m.bytes), args: ['evaluate', '--gt', put('bad-gt.json', m.bytes), '--pred', dtPath] });
  }
  const gt = parseGroundTruth(structuredClone(GT), 'gt.json');
  for (const m of rejected(DT, 'cli-dt', 2, jsonOf, (text) => parseDetections(parseJsonText(text, 'dt.json'), gt, { file: 'dt.json' }))) {
    cases.push({ what: `evaluate --pred (${m.what.join('; ')})`, input: decoded(m.bytes), args: ['evaluate', '--gt', gtPath, '--pred', put('bad-dt.json', m.bytes)] });
  }
  const garbage = randomBytes(createRng(3), 3000);
  cases.push({ what: 'evaluate --gt binary garbage', input: decoded(garbage), args: ['evaluate', '--gt', put('garbage.json', garbage), '--pred', dtPath] });
  cases.push({ what: 'evaluate --iou abc', input: 'abc', args: ['evaluate', '--gt', gtPath, '--pred', dtPath, '--iou', 'abc'] });
  return cases;
}

/** What is wrong with one CLI run, if anything. */
function cliProblems(c: CliCase, code: number | null, err: string): string[] {
  const out: string[] = [];
  if (code !== 2) out.push(`exit code ${code}, stderr: ${err.slice(0, 500)}`);
  const problem = messageProblem(err.trimEnd(), c.input, true);
  if (problem) out.push(problem);
  // One message: commander's (error: ... and the --help hint) or pagesynth's (pagesynth: ...), never both.
  if (!/^(error: |pagesynth: )/.test(err) || (err.match(/^pagesynth: /gm) ?? []).length > 1) out.push(`not one message: ${err.slice(0, 500)}`);
  if (c.expect && !c.expect.test(err)) out.push(`stderr does not match ${c.expect}: ${err.slice(0, 300)}`);
  if (c.out) {
    for (const f of ['annotations.json', 'specs.jsonl']) if (existsSync(join(c.out, f))) out.push(`${f} written in --out`);
    const runFile = join(c.out, 'run.json');
    if (existsSync(runFile) && (JSON.parse(readFileSync(runFile, 'utf8')) as { status?: string }).status === 'complete') out.push('run.json says complete');
  }
  return out;
}

describe('fuzz: through the built CLI', () => {
  it('bad network files, COCO files and option values exit 2 with one message and leave no finished run', async () => {
    // Started in beforeAll: the runs went on while the in-process groups ran.
    const { cases, results } = await cliRuns!;
    const failures = cases.flatMap((c, i) => cliProblems(c, results[i]!.code, results[i]!.err).map((why) => `${c.what}: ${why}`));
    console.log(`fuzz cli: ${cases.length} runs, ${failures.length} failures`);
    expect(failures, `${failures.length} of ${cases.length} CLI runs failed`).toEqual([]);
  });
});
