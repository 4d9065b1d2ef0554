/**
 * Reading JSON files for the evaluator. `JSON.parse` does the work; when it fails, json5 re-reads the text: it
 * accepts Python's `NaN`, `Infinity` and `-Infinity` (what `json.dump` writes for non-finite floats), so a
 * results file with a NaN score reaches validation and is reported by record ("[17].score: expected a finite
 * number, got NaN"), and for real syntax errors it gives the line and column.
 */
import { readFile } from 'node:fs/promises';
import JSON5 from 'json5';
import { excerpt, InputError } from '../../errors.js';

/**
 * Parses JSON text, also accepting `NaN`, `Infinity` and `-Infinity`. Syntax errors become an InputError naming
 * `file`, the line and column.
 * @example parseJsonText('[{"score": NaN}]', 'dt.json') // [{ score: NaN }]
 */
export function parseJsonText(text: string, file?: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    // Fall through: find the position (or accept Python's non-finite literals).
  }
  try {
    return JSON5.parse(text);
  } catch (err) {
    const e = err as Error & { lineNumber?: number; columnNumber?: number };
    const where = e.lineNumber !== undefined ? `line ${e.lineNumber}, column ${e.columnNumber}` : 'unknown position';
    const why = excerpt(e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, ''), 120);
    throw new InputError([{ ...(file !== undefined && { file }), path: '', message: `malformed JSON at ${where}: ${why}` }]);
  }
}

/** Reads and parses a JSON file; unreadable files and syntax errors are InputErrors naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'file not found' : e.code === 'EISDIR' ? 'is a directory, expected a JSON file' : `cannot read: ${e.message}`;
    throw new InputError([{ file: path, path: '', message: why }]);
  }
  return parseJsonText(text, path);
}
