/**
 * Which families exist and which to use: the committed families (fonts/), the npm catalogue (font-catalogue.ts), their
 * classes and scripts, and the written rule that picks a family able to draw a page's script. Pure data and functions:
 * layout and calibration use it without loading canvas; render/fonts.ts registers and draws.
 */
import { FONT_CATALOGUE, type FontClass, type FontEntry, type Script } from './font-catalogue.js';
import { FontError } from '../errors.js';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'bolditalic';

export interface FontFamilyDef {
  /** Family name registered with canvas. */
  family: string;
  /** npm package holding the files (an @fontsource package); else they are under fonts/. */
  package?: string;
  files: Record<FontStyle, string>;
}

/**
 * The families committed under fonts/ (and IBM Plex Mono, the first npm family), registered eagerly: every page can
 * draw with them, and the evaluator's charts use Liberation Sans. All other families come from FONT_CATALOGUE
 * (font-catalogue.ts, generated from the @fontsource packages) and are registered lazily (see `fontStack`).
 */
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

// ---------------------------------------------------------------------------------------------------------------
// The catalogue: forty-odd more families from npm, by class and script, loaded on first use.

const BY_KEY = new Map<string, FontEntry>(FONT_CATALOGUE.map((e) => [e.key, e]));
/** Old network names of catalogue families. */
export const ALIASES: Record<string, string> = { 'plex-mono': 'ibm-plex-mono' };

/** Scripts the committed families draw (Liberation and DejaVu cover Latin, Vietnamese, Greek and Cyrillic). */
export const LOCAL_SCRIPTS: readonly Script[] = ['latin', 'vietnamese', 'cyrillic', 'greek'];
const LOCAL_CLASS: Record<string, FontClass> = { 'liberation-serif': 'serif', 'liberation-sans': 'sans', 'dejavu-serif': 'serif' };

/** What the layout needs to know of a family. */
export interface FontInfo {
  key: string;
  family: string;
  class: FontClass;
  scripts: readonly Script[];
  bold: boolean;
  italic: boolean;
  licence: string;
}

/** A family's key with old network names resolved ('plex-mono' → 'ibm-plex-mono'). */
export function canonical(key: string): string {
  return ALIASES[key] ?? key;
}

/** The catalogue entry of a family key, or undefined for a committed or unknown family. */
export function catalogueEntry(key: string): FontEntry | undefined {
  return BY_KEY.get(canonical(key));
}

/**
 * A family by network key (a committed family or a catalogue one); unknown keys are a FontError listing them all.
 * @example fontInfo('noto-sans-arabic').scripts // ['latin', 'arabic', ...]
 */
export function fontInfo(key: string): FontInfo {
  const k = canonical(key);
  const local = FONT_FAMILIES[k];
  if (local && !local.package) return { key: k, family: local.family, class: LOCAL_CLASS[k] ?? 'serif', scripts: LOCAL_SCRIPTS, bold: true, italic: true, licence: k.startsWith('dejavu') ? 'Bitstream-Vera' : 'OFL-1.1' };
  const e = BY_KEY.get(k);
  if (!e) throw new FontError(`unknown font family "${key}"; known: ${fontKeys().join(', ')}`);
  return { key: k, family: e.family, class: e.class, scripts: Object.keys(e.subsets) as Script[], bold: e.weights.bold !== undefined, italic: e.italic, licence: e.licence };
}

/** Every family key: the committed ones, then the catalogue's. */
export function fontKeys(): string[] {
  return [...Object.keys(FONT_FAMILIES).filter((k) => !FONT_FAMILIES[k]!.package), ...FONT_CATALOGUE.map((e) => e.key)];
}

/** Does a family draw a script? */
export function covers(key: string, script: Script): boolean {
  return fontInfo(key).scripts.includes(script);
}

/** The families of a class that draw a script, in catalogue order. */
export function familiesFor(cls: FontClass, script: Script): string[] {
  return fontKeys().filter((k) => {
    const i = fontInfo(k);
    return i.class === cls && i.scripts.includes(script);
  });
}

/**
 * The written rule for a family that cannot draw the page's script (a Latin face on an Arabic page): the families of
 * the same class that draw it, else of the nearest class (slab, display → serif; condensed, handwriting → sans;
 * mono → sans), else the script's Noto family; among several, the one at the position the original key hashes to, so
 * that the Latin choice still varies the script's face. A family that draws the script is kept.
 * @example resolveFamily('merriweather', 'arabic') // 'noto-naskh-arabic' or 'amiri' (serif families that draw Arabic)
 */
export function resolveFamily(key: string, script: Script): string {
  const info = fontInfo(key);
  if (info.scripts.includes(script)) return info.key;
  const near: Record<FontClass, FontClass[]> = {
    serif: ['serif', 'slab', 'display', 'sans'],
    slab: ['slab', 'serif', 'sans'],
    display: ['display', 'serif', 'sans'],
    sans: ['sans', 'condensed', 'serif'],
    condensed: ['condensed', 'sans', 'serif'],
    handwriting: ['handwriting', 'sans', 'serif'],
    mono: ['mono', 'sans', 'serif'],
  };
  for (const cls of near[info.class]) {
    const c = familiesFor(cls, script);
    if (c.length) return c[hash(info.key) % c.length]!;
  }
  throw new FontError(`no family draws script ${script} (wanted for "${key}")`);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

