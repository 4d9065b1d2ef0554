/**
 * The fonts pagesynth draws with. They live in the repo's fonts/ folder with their licences; a missing or
 * unloadable file is a FontError, never a silent fallback (@napi-rs/canvas would quietly use DejaVu Sans).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';
import { FontError } from '../errors.js';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'bolditalic';

export interface FontFamilyDef {
  /** Family name registered with canvas. */
  family: string;
  /** npm package holding the files (an @fontsource package); else they are under fonts/. */
  package?: string;
  files: Record<FontStyle, string>;
}

/** Family keys as the network names them (`font_family` node) → files under fonts/. */
export const FONT_FAMILIES: Record<string, FontFamilyDef> = {
  'liberation-serif': {
    family: 'Liberation Serif',
    files: {
      regular: 'LiberationSerif-Regular.ttf',
      bold: 'LiberationSerif-Bold.ttf',
      italic: 'LiberationSerif-Italic.ttf',
      bolditalic: 'LiberationSerif-BoldItalic.ttf',
    },
  },
  'liberation-sans': {
    family: 'Liberation Sans',
    files: {
      regular: 'LiberationSans-Regular.ttf',
      bold: 'LiberationSans-Bold.ttf',
      italic: 'LiberationSans-Italic.ttf',
      bolditalic: 'LiberationSans-BoldItalic.ttf',
    },
  },
  'dejavu-serif': {
    family: 'DejaVu Serif',
    files: {
      regular: 'DejaVuSerif.ttf',
      bold: 'DejaVuSerif-Bold.ttf',
      italic: 'DejaVuSerif-Italic.ttf',
      bolditalic: 'DejaVuSerif-BoldItalic.ttf',
    },
  },
  'plex-mono': {
    family: 'IBM Plex Mono',
    package: '@fontsource/ibm-plex-mono',
    files: {
      regular: 'files/ibm-plex-mono-latin-400-normal.woff2',
      bold: 'files/ibm-plex-mono-latin-700-normal.woff2',
      italic: 'files/ibm-plex-mono-latin-400-italic.woff2',
      bolditalic: 'files/ibm-plex-mono-latin-700-italic.woff2',
    },
  },
};

const require = createRequire(import.meta.url);

/** Folder of an npm font package (files are named relative to it). */
function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new FontError(`font package ${name} is not installed (run npm ci)`);
  }
}

/** The repo's fonts/ folder, found from this file whether it runs from src/ or dist/. */
export function defaultFontDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'fonts')) && existsSync(join(dir, 'package.json'))) return join(dir, 'fonts');
    dir = dirname(dir);
  }
  throw new FontError('cannot find the fonts/ folder of the pagesynth package');
}

let registeredFrom: string | undefined;

/**
 * Registers every family in FONT_FAMILIES from `fontDir` (once per thread). Throws FontError naming the file
 * when one is missing or canvas cannot load it.
 * @example registerFonts(); ctx.font = `12px "${familyName('liberation-serif')}"`;
 */
export function registerFonts(fontDir: string = process.env.PAGESYNTH_FONT_DIR ?? defaultFontDir()): void {
  const dir = resolve(fontDir);
  if (registeredFrom === dir) return;
  for (const [key, def] of Object.entries(FONT_FAMILIES)) {
    const base = def.package ? packageDir(def.package) : dir;
    for (const [style, file] of Object.entries(def.files)) {
      const path = join(base, file);
      if (!existsSync(path)) throw new FontError(`font ${key} (${style}): file ${path} is missing`);
      const ok = GlobalFonts.registerFromPath(path, def.family);
      if (!ok) throw new FontError(`font ${key} (${style}): ${path} could not be loaded by canvas`);
    }
    if (!GlobalFonts.has(def.family)) throw new FontError(`font ${key}: family "${def.family}" is not available after registration`);
  }
  registeredFrom = dir;
}

/** The canvas family name of a network `font_family` value; unknown keys are a FontError listing the known ones. */
export function familyName(key: string): string {
  const def = FONT_FAMILIES[key];
  if (!def) throw new FontError(`unknown font family "${key}"; known: ${Object.keys(FONT_FAMILIES).join(', ')}`);
  return def.family;
}
