import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { FONT_CATALOGUE, type FontClass, type FontEntry, type Script } from '../src/render/font-catalogue.js';

const require = createRequire(import.meta.url);

/** Folder of an installed npm package. */
function packageDir(pkg: string): string {
  try {
    return dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return join(process.cwd(), 'node_modules', pkg);
  }
}

const CLASSES: readonly FontClass[] = ['serif', 'sans', 'slab', 'mono', 'condensed', 'display', 'handwriting'];
const SCRIPTS: readonly Script[] = ['latin', 'vietnamese', 'cyrillic', 'greek', 'arabic', 'hebrew', 'devanagari', 'thai', 'hans', 'hant', 'japanese', 'hangul'];
const LICENCES = ['OFL-1.1', 'Apache-2.0', 'MIT'];

/** [label, weight, style] for every style an entry declares. */
function stylesOf(e: FontEntry): Array<[string, number, 'normal' | 'italic']> {
  const out: Array<[string, number, 'normal' | 'italic']> = [['regular', e.weights.regular, 'normal']];
  if (e.weights.bold !== undefined) out.push(['bold', e.weights.bold, 'normal']);
  if (e.italic) {
    out.push(['italic', e.weights.regular, 'italic']);
    if (e.weights.bold !== undefined) out.push(['bolditalic', e.weights.bold, 'italic']);
  }
  return out;
}

/** The latin subset, else the first script's first subset. */
function probeSubset(e: FontEntry): string {
  const first = e.subsets.latin?.[0] ?? Object.values(e.subsets)[0]?.[0];
  if (first === undefined) throw new Error(`${e.key} has no subsets`);
  return first;
}

describe('font catalogue', () => {
  it('has at least 40 families with unique keys', () => {
    expect(FONT_CATALOGUE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(FONT_CATALOGUE.map((e) => e.key)).size).toBe(FONT_CATALOGUE.length);
  });

  it('has at least 3 families in every class', () => {
    for (const c of CLASSES) {
      const n = FONT_CATALOGUE.filter((e) => e.class === c).length;
      expect(n, `class ${c}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('covers every script with at least 2 families', () => {
    for (const s of SCRIPTS) {
      const n = FONT_CATALOGUE.filter((e) => (e.subsets[s]?.length ?? 0) > 0).length;
      expect(n, `script ${s}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('has only OFL-1.1, Apache-2.0 or MIT licences', () => {
    const other = FONT_CATALOGUE.filter((e) => !LICENCES.includes(e.licence)).map((e) => `${e.key}: ${e.licence}`);
    expect(other).toEqual([]);
  });

  it('matches each installed package (name, version, licence file)', () => {
    for (const e of FONT_CATALOGUE) {
      expect(e.package).toBe(`@fontsource/${e.key}`);
      const dir = packageDir(e.package);
      const pkg = require(join(dir, 'package.json')) as { version: string; license: string };
      expect(pkg.version, e.key).toBe(e.version);
      expect(pkg.license, e.key).toBe(e.licence);
      expect(existsSync(join(dir, 'LICENSE')), `${e.key} LICENSE`).toBe(true);
    }
  });

  it('has the regular-weight file of every subset it lists', () => {
    const missing: string[] = [];
    for (const e of FONT_CATALOGUE) {
      const dir = join(packageDir(e.package), 'files');
      for (const list of Object.values(e.subsets)) {
        for (const s of list ?? []) {
          const file = `${e.key}-${s}-${e.weights.regular}-normal.woff2`;
          if (!existsSync(join(dir, file))) missing.push(file);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  describe.each(FONT_CATALOGUE.map((e) => [e.key, e] as const))('%s', (_key, e) => {
    it.each(stylesOf(e))('%s (%i %s) exists and registers with canvas', (_label, weight, style) => {
      const path = join(packageDir(e.package), 'files', `${e.key}-${probeSubset(e)}-${weight}-${style}.woff2`);
      expect(existsSync(path), path).toBe(true);
      const registered = GlobalFonts.registerFromPath(path, `probe-${e.key}`);
      expect(registered, path).not.toBeNull();
    });
  });
});
