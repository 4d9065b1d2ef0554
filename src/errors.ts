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
  const where = [p.file, p.path].filter((s) => s !== undefined && s !== '').join(': ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Base class. `exitCode` is what the CLI exits with. */
export class PagesynthError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage or option values (exit 2). */
export class UsageError extends PagesynthError {
  override readonly exitCode = 2;
}

/** An input file that cannot be read or is not what it should be (exit 2). Lists every problem found. */
export class InputError extends PagesynthError {
  override readonly exitCode = 2;
  readonly problems: Problem[];
  constructor(problems: Problem[] | string, file?: string) {
    const list: Problem[] = typeof problems === 'string' ? [{ file, path: '', message: problems }] : problems;
    const head = list.length === 1 ? formatProblem(list[0]!) : `${list.length} problems:\n  - ${list.map(formatProblem).join('\n  - ')}`;
    super(head);
    this.problems = list;
  }
}

/** A font that is missing or cannot be loaded (exit 2). Never fall back silently. */
export class FontError extends PagesynthError {
  override readonly exitCode = 2;
}

/** The output location cannot be used: unwritable, or holds a different run (exit 2). */
export class OutputError extends PagesynthError {
  override readonly exitCode = 2;
}

/**
 * A parameter outside its allowed range, named the way the user wrote it.
 * @example throw invalidParameter('options.workers', 'a positive integer', -1)
 */
export function invalidParameter(name: string, expected: string, actual: unknown): UsageError {
  return new UsageError(`${name} must be ${expected}, got ${describe(actual)}`);
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
}
