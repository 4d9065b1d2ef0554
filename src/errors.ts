/**
 * One error hierarchy for the whole tool. Stages throw these; only `cli/` maps them to messages and exit codes.
 */

/** One problem found while validating an input: where it is and what was expected. */
export interface Problem {
  /** File the problem is in (path as given by the user), if any. */
  file?: string;
  /** Dotted path of the field inside the file, e.g. `nodes.columns.cpt.report`. */
  path: string;
  /** What is wrong, phrased as "expected X, got Y" where possible. */
  message: string;
}

export function formatProblem(p: Problem): string {
  // A path is made of the file's keys: shown as an excerpt, like any other value from a file.
  const where = [p.file, p.path && excerpt(p.path, PATH_EXCERPT_LENGTH)].filter((s) => s !== undefined && s !== '').join(': ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Problems an InputError lists at most; the others are counted ("and N more"). */
export const MAX_PROBLEMS = 20;

/** Characters of listed problems a message holds at most: problems past it are counted, not listed. */
export const MESSAGE_BUDGET = 1600;

/** The most characters of a field path a message shows (paths are made of the input's keys). */
const PATH_EXCERPT_LENGTH = 160;

/**
 * The message of an InputError: one problem as it is; several as their count and a list of as many as fit in
 * `MESSAGE_BUDGET` characters, then "and N more".
 * @param total how many problems there are in all, when `list` holds only the first ones.
 * @example formatProblems([{ file: 'a.yaml', path: 'nodes.x', message: 'missing' }]) // 'a.yaml: nodes.x: missing'
 */
export function formatProblems(list: readonly Problem[], total = list.length): string {
  if (list.length === 1 && total === 1) return formatProblem(list[0]!);
  const lines: string[] = [];
  let used = 0;
  for (const p of list) {
    const line = `  - ${formatProblem(p)}`;
    if (lines.length > 0 && used + line.length > MESSAGE_BUDGET) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = total - lines.length;
  const head = more > 0 ? `${total} problems (first ${lines.length} listed):` : `${total} problems:`;
  return [head, ...lines, ...(more > 0 ? [`  - and ${more} more`] : [])].join('\n');
}

/**
 * Base class. `exitCode` is what the CLI exits with.
 * @example if (err instanceof PagesynthError) process.exitCode = err.exitCode;
 */
export class PagesynthError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Bad command-line usage or option values (exit 2).
 * @example throw new UsageError('--output: unknown writer "parquet"; known writers: coco, yolo')
 */
export class UsageError extends PagesynthError {
  override readonly exitCode = 2;
}

/**
 * An input file that cannot be read or is not what it should be (exit 2). Lists every problem found.
 * @example throw new InputError([{ file: 'net.yaml', path: 'nodes.columns.cpt', message: 'rows must sum to 1' }])
 */
export class InputError extends PagesynthError {
  override readonly exitCode = 2;
  readonly problems: Problem[];
  constructor(problems: Problem[] | string, file?: string) {
    const list: Problem[] = typeof problems === 'string' ? [{ file, path: '', message: problems }] : problems;
    super(formatProblems(list));
    this.problems = list;
  }
}

/**
 * An InputError for every problem found, listing the first `MAX_PROBLEMS` and counting the others (a last problem
 * "and N more"), so a file with thousands of bad records still gets a message one can read.
 * @example throw inputErrorOf(problems) // "2137 problems (first 20 listed):\n  - net.yaml: nodes.x.dist: …"
 */
export function inputErrorOf(problems: readonly Problem[], file?: string): InputError {
  if (problems.length <= MAX_PROBLEMS) return new InputError([...problems]);
  const shown = problems.slice(0, MAX_PROBLEMS);
  const err = new InputError([...shown, { ...(file !== undefined && { file }), path: '', message: `and ${problems.length - shown.length} more` }]);
  err.message = formatProblems(shown, problems.length);
  return err;
}

/**
 * A font that is missing or cannot be loaded (exit 2). Never fall back silently.
 * @example throw new FontError('font file fonts/LiberationSerif-Regular.ttf cannot be loaded')
 */
export class FontError extends PagesynthError {
  override readonly exitCode = 2;
}

/**
 * The output location cannot be used: unwritable, or holds a different run (exit 2).
 * @example throw new OutputError('output directory /proc/x cannot be created')
 */
export class OutputError extends PagesynthError {
  override readonly exitCode = 2;
}

/**
 * A run stopped by Ctrl-C or SIGTERM (exit 130, as shells report a SIGINT death).
 * @example throw new InterruptedError('interrupted after 12 pages')
 */
export class InterruptedError extends PagesynthError {
  override readonly exitCode = 130;
}

/**
 * A parameter outside its allowed range, named the way the user wrote it.
 * @example throw invalidParameter('options.workers', 'a positive integer', -1)
 */
export function invalidParameter(name: string, expected: string, actual: unknown): UsageError {
  return new UsageError(`${name} must be ${expected}, got ${describe(actual)}`);
}

/**
 * A value as a message shows it: strings quoted, objects as JSON, at most `EXCERPT_LENGTH` characters (elided
 * with '…'), so a message never repeats more than a short excerpt of an input file or option value.
 * @example describe('x'.repeat(500)) // '"xxx…xxx…"': 79 x's and '…' inside the quotes
 */
export function describe(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (typeof v === 'bigint') return excerpt(`${v}n`);
  return preview(v);
}

/** The most characters of an input value (a string, a file's text, a JSON fragment) a message quotes. */
export const EXCERPT_LENGTH = 80;

/** One character as JSON writes it inside a string: `\n`, `\u0000`, `\"`; other characters as they are. */
function jsonChar(c: string): string {
  return JSON.stringify(c).slice(1, -1);
}

/** Control characters (and the line and paragraph separators) that would break a message's line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A short excerpt of an input value for a message: at most `max` characters (elided with '…'), control characters
 * and newlines escaped as in JSON so the message stays on one line. The one helper every message that quotes a
 * value from a file or an option goes through.
 * @example excerpt('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:…', 20) // 'root:x:0:0:root:/ro…'
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  return cut(text, max, (c) => (CONTROL.test(c) ? jsonChar(c) : c));
}

/**
 * `excerpt` in JSON string syntax: double-quoted, with `"` and `\\` escaped too.
 * @example quote('a "b"') // '"a \\"b\\""'
 */
export function quote(text: string, max = EXCERPT_LENGTH): string {
  return `"${cut(text, max, jsonChar)}"`;
}

/** The first characters of `text` (by code point, each shown as `show` gives it) in at most `max` characters. */
function cut(text: string, max: number, show: (c: string) => string): string {
  const limit = Math.max(1, max);
  const parts: string[] = [];
  let length = 0;
  for (const c of text) {
    const s = show(c);
    if (length + s.length > limit) {
      // Elide: drop characters until the '…' fits.
      while (parts.length && length + 1 > limit) length -= parts.pop()!.length;
      return `${parts.join('')}…`;
    }
    parts.push(s);
    length += s.length;
  }
  return parts.join('');
}

/**
 * JSON text of a parsed input value, cut to `max` characters (elided with '…'): written only as far as needed, so a
 * huge or deeply nested value costs no more than a short one.
 * @example preview({ images: [1, 2, 3], annotations: 'x'.repeat(200) }, 30) // '{"images":[1,2,3],"annotation…'
 */
export function preview(v: unknown, max = EXCERPT_LENGTH): string {
  let out = '';
  const full = () => out.length > max;
  const walk = (x: unknown): void => {
    if (full()) return;
    if (typeof x === 'string') out += quote(x, max + 2 - out.length);
    else if (typeof x === 'number') out += String(x); // NaN and Infinity as they are: JSON's null would hide them
    else if (typeof x === 'boolean' || x === null) out += String(x);
    else if (typeof x === 'bigint') out += String(x);
    else if (Array.isArray(x)) {
      out += '[';
      for (let i = 0; i < x.length && !full(); i++) {
        if (i) out += ',';
        walk(x[i] === undefined || typeof x[i] === 'function' ? null : x[i]);
      }
      out += ']';
    } else if (typeof x === 'object') {
      out += '{';
      let first = true;
      for (const k in x) {
        if (full()) break;
        const val = (x as Record<string, unknown>)[k];
        if (!Object.hasOwn(x, k) || val === undefined || typeof val === 'function') continue;
        out += `${first ? '' : ','}${quote(k, max + 2 - out.length)}:`;
        first = false;
        walk(val);
      }
      out += '}';
    } else out += String(x);
  };
  walk(v);
  if (out.length <= max) return out;
  const end = /[\ud800-\udbff]/.test(out[max - 2] ?? '') ? max - 2 : max - 1; // never half a surrogate pair
  return `${out.slice(0, end)}…`;
}
