/**
 * Reading network files: bundled templates by name (templates/NAME.yaml in the package) or any .json/.yaml/.yml
 * path. Syntax errors name the file and line; everything else is checked by validate.ts.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { excerpt, InputError, quote, UsageError } from '../errors.js';
import type { LoadedNetwork, NetworkDef } from './types.js';
import { validateNetwork } from './validate.js';

/** File extensions of network files; a template name resolves to the first that exists. */
export const NETWORK_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Folder of the bundled templates: `templates/` at the package root (this file is in src/network or dist/network). */
export function templatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

/** Names of the bundled templates (file names without extension), sorted. */
export function bundledTemplates(): string[] {
  const names = readdirSafe(templatesDir()).filter((f) => NETWORK_EXTENSIONS.includes(extname(f).toLowerCase())).map((f) => basename(f, extname(f)));
  return [...new Set(names)].sort();
}

function bundledFile(name: string): string | undefined {
  const files = new Set(readdirSafe(templatesDir()));
  const file = NETWORK_EXTENSIONS.map((ext) => name + ext).find((f) => files.has(f));
  return file === undefined ? undefined : join(templatesDir(), file);
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Line and column (1-based) of character `offset` in `text`. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

function syntaxError(file: string | undefined, format: string, message: string, at?: { line: number; col: number }): InputError {
  const where = at ? ` at line ${at.line}, column ${at.col}` : '';
  // Parsers quote the text they stopped at: keep an excerpt of their first line only.
  return new InputError([{ ...(file !== undefined && { file }), path: '', message: `malformed ${format}${where}: ${excerpt(message.split('\n')[0]!, 120)}` }]);
}

function parseJson(text: string, file: string | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!;
    const pos = /position (\d+)/.exec(message);
    // V8 does not always give a position; the YAML parser (JSON is YAML) usually can.
    const at = pos ? lineCol(text, Number(pos[1])) : YAML.parseDocument(text).errors[0]?.linePos?.[0];
    throw syntaxError(file, 'JSON', message.replace(/ in JSON at position \d+.*$/, ''), at);
  }
}

function parseYaml(text: string, file: string | undefined): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const problems = doc.errors.map((e) => {
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return syntaxError(file, 'YAML', message, e.linePos?.[0]).problems[0]!;
    });
    throw new InputError(problems);
  }
  try {
    return doc.toJS();
  } catch (err) {
    throw syntaxError(file, 'YAML', (err as Error).message);
  }
}

/** Options of `parseNetwork`. */
export interface ParseOptions {
  /** File name for messages (and the default network name). */
  file?: string;
  /** Syntax: JSON or YAML; by default from the file's extension, YAML if none. */
  format?: 'json' | 'yaml';
}

/**
 * Parses and validates the text of a network file.
 * @throws InputError for malformed JSON/YAML (with line) or an invalid network (every problem at once).
 */
export function parseNetwork(text: string, opts: ParseOptions = {}): NetworkDef {
  const { file } = opts;
  const format = opts.format ?? (file !== undefined && extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
  const raw = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  return validateNetwork(raw, { file, defaultName: file === undefined ? undefined : basename(file, extname(file)) });
}

/** The values of a network's `template` node (its genres), if it has a categorical one. */
export function genresOf(def: NetworkDef): string[] {
  const t = def.nodes.template;
  return t?.dist === 'categorical' ? (t.values ?? []).map(String) : [];
}

/**
 * Loads a network: a bundled template by name (`default`, see `bundledTemplates()`), a genre of the default network
 * (`invoice`: the default network, with `genre` set so the caller fixes its `template` node), or a path to a .json,
 * .yaml or .yml file (anything with a slash or an extension is taken as a path).
 * @throws UsageError for an unknown template name (listing the bundled ones) or a path that does not end in .json,
 *   .yaml or .yml (refused before it is read); InputError for a file that cannot be
 *   read, is malformed or is not a valid network.
 * @example const { def } = await loadNetwork('default'); const net = compileNetwork(def)
 */
export async function loadNetwork(nameOrPath: string): Promise<LoadedNetwork> {
  const isPath = /[\\/]/.test(nameOrPath) || extname(nameOrPath) !== '';
  // Only network files are read: any other file (`--template /etc/passwd`) is refused before it is opened.
  if (isPath && !NETWORK_EXTENSIONS.includes(extname(nameOrPath).toLowerCase())) {
    throw new UsageError(`${nameOrPath}: not a network file; expected a file ending in .json, .yaml or .yml`);
  }
  if (!isPath) {
    const file = bundledFile(nameOrPath);
    if (!file) {
      // A genre of the default network: the default network with its `template` node fixed.
      const source = bundledFile('default');
      const def = source ? parseNetwork(await readFile(source, 'utf8'), { file: source }) : undefined;
      const genres = def ? genresOf(def) : [];
      if (source && def && genres.includes(nameOrPath)) return { def, source, bundled: true, genre: nameOrPath };
      const names = bundledTemplates();
      throw new UsageError(`unknown template ${quote(nameOrPath)}; bundled templates: ${names.join(', ') || '(none found)'}; genres of the default network: ${genres.join(', ')}; or give a path to a .json, .yaml or .yml file`);
    }
    return { def: parseNetwork(await readFile(file, 'utf8'), { file }), source: file, bundled: true };
  }
  let text: string;
  try {
    text = await readFile(nameOrPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a network file' : `cannot be read: ${(err as Error).message}`;
    throw new InputError([{ file: nameOrPath, path: '', message }]);
  }
  return { def: parseNetwork(text, { file: nameOrPath }), source: resolve(nameOrPath), bundled: false };
}
