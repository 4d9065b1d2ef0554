/**
 * The fonts pagesynth draws with. They live in the repo's fonts/ folder with their licences; a missing or
 * unloadable file is a FontError, never a silent fallback (@napi-rs/canvas would quietly use DejaVu Sans).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import * as fontkit from 'fontkit';
import { FontError } from '../errors.js';
import type { FontClass, FontEntry, Script } from './font-catalogue.js';
import { canonical, catalogueEntry, FONT_FAMILIES, fontInfo, fontKeys, LOCAL_SCRIPTS } from './font-choice.js';
import { scriptCharset } from '../content/lang/charset.js';
import { readFileSync } from 'node:fs';

export type { FontClass, FontEntry, Script };
export { FONT_FAMILIES, fontInfo, fontKeys, covers, familiesFor, resolveFamily, type FontInfo, type FontStyle, type FontFamilyDef } from './font-choice.js';


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

/** The canvas family name of a committed family (FONT_FAMILIES); unknown keys are a FontError listing the known ones. */
export function familyName(key: string): string {
  const def = FONT_FAMILIES[key];
  if (!def) throw new FontError(`unknown font family "${key}"; known: ${Object.keys(FONT_FAMILIES).join(', ')}`);
  return def.family;
}

/** The family that catches what a page's chosen faces lack, per script (sans and serif). */
const SCRIPT_FALLBACK: Record<Script, { sans: string; serif: string }> = {
  latin: { sans: 'noto-sans', serif: 'noto-serif' },
  vietnamese: { sans: 'noto-sans', serif: 'noto-serif' },
  cyrillic: { sans: 'noto-sans', serif: 'noto-serif' },
  greek: { sans: 'noto-sans', serif: 'noto-serif' },
  arabic: { sans: 'noto-sans-arabic', serif: 'noto-naskh-arabic' },
  hebrew: { sans: 'noto-sans-hebrew', serif: 'noto-serif-hebrew' },
  devanagari: { sans: 'noto-sans-devanagari', serif: 'noto-serif-devanagari' },
  thai: { sans: 'noto-sans-thai', serif: 'noto-serif-thai' },
  hans: { sans: 'noto-sans-sc', serif: 'noto-serif-sc' },
  hant: { sans: 'noto-sans-tc', serif: 'noto-serif-tc' },
  japanese: { sans: 'noto-sans-jp', serif: 'biz-udpmincho' },
  hangul: { sans: 'noto-sans-kr', serif: 'noto-serif-kr' },
};

/** Canvas family name of one subset file set of a catalogue family (unique: never a real family's name). */
function faceName(key: string, subset: string): string {
  return `ps ${key} ${subset}`;
}

/** One registered face: its canvas name and the file whose coverage stands for it. */
interface Face {
  name: string;
  coverageFile: string;
}

const faces = new Map<string, Face>();

function fontFile(e: FontEntry, subset: string, weight: number, style: 'normal' | 'italic'): string {
  return join(packageDir(e.package), 'files', `${e.key}-${subset}-${weight}-${style}.woff2`);
}

/** Registers a catalogue family's files for one subset (every style it has), once per thread. */
function face(e: FontEntry, subset: string): Face {
  const name = faceName(e.key, subset);
  let f = faces.get(name);
  if (f) return f;
  const files = [fontFile(e, subset, e.weights.regular, 'normal')];
  if (e.weights.bold !== undefined) files.push(fontFile(e, subset, e.weights.bold, 'normal'));
  if (e.italic) {
    files.push(fontFile(e, subset, e.weights.regular, 'italic'));
    if (e.weights.bold !== undefined) files.push(fontFile(e, subset, e.weights.bold, 'italic'));
  }
  // The canvas font registry is one per process: a face another worker thread registered is not registered again.
  if (!GlobalFonts.has(name)) {
    for (const path of files) {
      if (!existsSync(path)) throw new FontError(`font ${e.key} (${subset}): file ${path} is missing (run npm ci)`);
      if (!GlobalFonts.registerFromPath(path, name)) throw new FontError(`font ${e.key} (${subset}): ${path} could not be loaded by canvas`);
    }
  }
  f = { name, coverageFile: files[0]! };
  faces.set(name, f);
  return f;
}

/** Scripts whose fontsource families come in a hundred numbered unicode-range files. */
const SLICED: ReadonlySet<Script> = new Set(['hans', 'hant', 'japanese', 'hangul']);

/** The unicode ranges of a family's numbered subsets, from its package's CSS (`<weight>.css`). */
function numberedRanges(e: FontEntry): Map<string, Array<[number, number]>> {
  const css = readFileSync(join(packageDir(e.package), `${e.weights.regular}.css`), 'utf8');
  const out = new Map<string, Array<[number, number]>>();
  const re = new RegExp(`/\\* ${e.key}-\\[(\\d+)\\]-${e.weights.regular}-normal \\*/[\\s\\S]*?unicode-range: ([^;]+);`, 'g');
  for (const m of css.matchAll(re)) {
    out.set(
      m[1]!,
      m[2]!.split(',').map((r) => {
        const [a, b] = r.trim().slice(2).split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
      }),
    );
  }
  return out;
}

/**
 * The subsets of a sliced CJK family that pages of `script` need: its named subset(s) ('chinese-simplified',
 * 'japanese'...), then the numbered ones holding characters of the script's charset (content/lang/charset.ts) that the
 * named ones lack. A hundred faces in a CSS font list make every measure ten times slower; this keeps a handful.
 */
function slicedSubsets(e: FontEntry, script: Script): string[] {
  const all = e.subsets[script] ?? [];
  const named = all.filter((s) => !/^\d+$/.test(s));
  const have = new Set<number>();
  for (const s of named) for (const cp of coverageOf(face(e, s))) have.add(cp);
  const ranges = numberedRanges(e);
  const want = new Set<string>();
  for (const cp of scriptCharset(script)) {
    if (cp < 0x2000 || have.has(cp)) continue;
    for (const [s, rs] of ranges) if (rs.some(([a, b]) => cp >= a && cp <= b)) {
      want.add(s);
      break;
    }
  }
  return [...named, ...all.filter((s) => want.has(s))];
}

/** The faces of a family for a script (its subsets for that script), registering them. */
function facesOf(key: string, script: Script): Face[] {
  const k = canonical(key);
  const local = FONT_FAMILIES[k];
  if (local && !local.package) {
    registerFonts();
    if (!LOCAL_SCRIPTS.includes(script)) return [];
    const dir = resolve(process.env.PAGESYNTH_FONT_DIR ?? defaultFontDir());
    return [{ name: local.family, coverageFile: join(dir, local.files.regular) }];
  }
  const e = catalogueEntry(k);
  if (!e) throw new FontError(`unknown font family "${key}"; known: ${fontKeys().join(', ')}`);
  const subsets = SLICED.has(script) && (e.subsets[script] ?? []).some((s) => /^\d+$/.test(s)) ? slicedSubsets(e, script) : (e.subsets[script] ?? []);
  return subsets.map((s) => face(e, s));
}

/**
 * The last links of every chain: Noto Sans Symbols 2 (ticks, crosses, stars, arrows, geometric shapes; OFL, from npm),
 * for the marks tables and forms draw whatever the page's family. Not in the catalogue: no page is set in it.
 */
const SYMBOLS = { package: '@fontsource/noto-sans-symbols-2', key: 'noto-sans-symbols-2', subsets: ['symbols', 'math'] };
let symbols: Face[] | undefined;
function symbolFaces(): Face[] {
  if (symbols) return symbols;
  symbols = SYMBOLS.subsets.map((sub) => {
    const name = faceName(SYMBOLS.key, sub);
    const path = join(packageDir(SYMBOLS.package), 'files', `${SYMBOLS.key}-${sub}-400-normal.woff2`);
    if (!existsSync(path)) throw new FontError(`font ${SYMBOLS.key} (${sub}): file ${path} is missing (run npm ci)`);
    if (!GlobalFonts.registerFromPath(path, name)) throw new FontError(`font ${SYMBOLS.key} (${sub}): ${path} could not be loaded by canvas`);
    const f = { name, coverageFile: path };
    faces.set(name, f);
    return f;
  });
  return symbols;
}

const stacks = new Map<string, { css: string; faces: Face[] }>();

function serifish(cls: FontClass): boolean {
  return cls === 'serif' || cls === 'slab' || cls === 'display';
}

/**
 * The CSS family list a text of `script` is drawn with in family `key`, quoted and comma-separated, registering its
 * files on first use (fonts load lazily per thread and script: an English run never opens a CJK file). The chain, in
 * order: the family's subsets for the script, then its Latin subsets (digits, Latin words in other scripts), then the
 * script's Noto family (sans or serif after the family's class) and its Latin subsets, then Noto Sans and Liberation
 * Sans. Canvas takes each character from the first face that has it; `checkCoverage` makes sure one does.
 * @example ctx.font = `12px ${fontStack('roboto', 'cyrillic')}`
 */
export function fontStack(key: string, script: Script): string {
  return stackOf(key, script).css;
}

function stackOf(key: string, script: Script): { css: string; faces: Face[] } {
  const id = `${key}|${script}`;
  let s = stacks.get(id);
  if (s) return s;
  const info = fontInfo(key);
  const fb = SCRIPT_FALLBACK[script];
  // Scripts written in Latin, Cyrillic or Greek letters take the family's Latin faces first (digits and punctuation
  // then come from the same face as the letters); other scripts their own faces first.
  const latinFirst = script === 'vietnamese' || script === 'cyrillic' || script === 'greek';
  const chain: Array<[string, Script]> = [
    ...(latinFirst ? ([[info.key, 'latin'], [info.key, script]] as Array<[string, Script]>) : ([[info.key, script], [info.key, 'latin']] as Array<[string, Script]>)),
    [serifish(info.class) ? fb.serif : fb.sans, script],
    [serifish(info.class) ? fb.serif : fb.sans, 'latin'],
    ['noto-sans', 'latin'],
    ['liberation-sans', 'latin'],
    ['dejavu-serif', 'latin'],
  ];
  const list: Face[] = [];
  const seen = new Set<string>();
  for (const [k, sc] of chain) {
    for (const f of facesOf(k, sc)) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      list.push(f);
    }
  }
  list.push(...symbolFaces());
  s = { css: list.map((f) => `"${f.name}"`).join(', '), faces: list };
  stacks.set(id, s);
  return s;
}

/**
 * The CSS font of a text style in a script. A family without bold or italic faces is drawn upright and regular (the
 * written fallback rule: no synthetic bold or slant); `fontInfo` says which a family has.
 * @example cssFontOf({ family: 'roboto', sizePx: 12, bold: true, italic: false }, 'latin') // 'bold 12.00px "ps roboto latin", ...'
 */
export function cssFontOf(style: { family: string; sizePx: number; bold?: boolean; italic?: boolean }, script: Script): string {
  const info = fontInfo(style.family);
  const italic = style.italic && info.italic ? 'italic ' : '';
  const bold = style.bold && info.bold ? 'bold ' : '';
  return `${italic}${bold}${style.sizePx.toFixed(2)}px ${fontStack(info.key, script)}`;
}

/**
 * The fonts as content sees them (content/kit.ts FontResolver).
 * @example fillPage(spec, layout, ctx, FONTS, (k) => kinds.part(k).fill)
 */
export const FONTS = { css: cssFontOf, stack: fontStack };

// ---------------------------------------------------------------------------------------------------------------
// Coverage: every character drawn must be in one face of its chain.

const coverage = new Map<string, Set<number>>();

/** The code points a face's file maps (fontkit reads the cmap; cached per thread). */
function coverageOf(f: Face): Set<number> {
  let c = coverage.get(f.name);
  if (!c) {
    const font = fontkit.openSync(f.coverageFile);
    c = new Set(font.characterSet);
    coverage.set(f.name, c);
  }
  return c;
}


const cssFaces = new Map<string, Face[] | null>();

/** The family list of a CSS font (what follows the size): the key of the per-font caches. */
function familyPart(font: string): string {
  const i = font.indexOf('px ');
  return i < 0 ? font : font.slice(i + 3);
}

function facesOfCss(css: string): Face[] | null {
  const font = familyPart(css);
  let r = cssFaces.get(font);
  if (r !== undefined) return r;
  const names = [...font.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  // Every face registered by this module, by its canvas name.
  const known = faces;
  const local = new Map(Object.values(FONT_FAMILIES).filter((d) => !d.package).map((d) => [d.family, d] as const));
  const list: Face[] = [];
  for (const n of names) {
    const f = known.get(n);
    if (f) list.push(f);
    else if (local.has(n)) list.push({ name: n, coverageFile: join(resolve(process.env.PAGESYNTH_FONT_DIR ?? defaultFontDir()), local.get(n)!.files.regular) });
  }
  r = list.length ? list : null;
  cssFaces.set(font, r);
  return r;
}

/**
 * Whether every character of `text` is drawn from the first face of `font`'s chain: Skia's measureText bounds are then
 * right (they follow the first face's metrics only). Fonts this module did not make count as one face.
 */
export function firstFace(text: string, font: string): boolean {
  const list = facesOfCss(font);
  if (!list || list.length === 1) return true;
  const first = coverageOf(list[0]!);
  for (const ch of text) {
    if (INVISIBLE.test(ch)) continue;
    if (!first.has(ch.codePointAt(0)!)) return false;
  }
  return true;
}

/** Characters that draw no glyph and need none. */
const INVISIBLE = /[\s\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;

/**
 * The first character of `text` that no face of `font` (a CSS font this module made) can draw, or null. Fonts it did
 * not make (none of its faces) are not checked.
 * @example missingGlyph('日本', `12px ${fontStack('roboto', 'latin')}`) // '日'
 */
export function missingGlyph(text: string, font: string): string | null {
  const list = facesOfCss(font);
  if (!list) return null;
  // Face by face, each face's file read only when a character is not in the ones before it: English text rarely
  // looks past the first face, so a page reads one cmap per family, not ten.
  const first = coverageOf(list[0]!);
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (first.has(cp)) continue;
    let found = false;
    for (let k = 1; k < list.length && !found; k++) found = coverageOf(list[k]!).has(cp);
    if (found) continue;
    const ch = String.fromCodePoint(cp);
    if (!INVISIBLE.test(ch)) return ch;
  }
  return null;
}

/**
 * Throws a FontError naming the language, the font and the code point when `text` holds a character no face of
 * `font` draws (canvas would draw an empty box or fall back silently).
 */
export function checkCoverage(text: string, font: string, language: string): void {
  const ch = missingGlyph(text, font);
  if (ch === null) return;
  const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const first = /"([^"]+)"/.exec(font)?.[1] ?? font;
  throw new FontError(`language ${language}: no font in the chain of "${first}" draws U+${cp} "${ch}" (in "${text.slice(0, 40)}")`);
}

let checkLanguage: string | null = null;
let guarded = false;

/**
 * Checks every string drawn with `fillText` on canvases of this thread against its font's coverage while `language` is
 * set (the page pipeline sets it for the time of a page's drawing; null stops checking). A character no face of the
 * chain draws is a FontError naming the language, the font and the code point, instead of an empty box on the page.
 * @example guardGlyphs(ctx, 'ja'); drawPage(ctx, ...); guardGlyphs(ctx, null);
 */
export function guardGlyphs(ctx: SKRSContext2D, language: string | null): void {
  checkLanguage = language;
  if (guarded) return;
  const proto = Object.getPrototypeOf(ctx) as SKRSContext2D;
  const fillText = proto.fillText;
  proto.fillText = function (this: SKRSContext2D, text: string, x: number, y: number, maxWidth?: number): void {
    if (checkLanguage !== null) checkCoverage(text, this.font, checkLanguage);
    if (maxWidth === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, maxWidth);
  };
  guarded = true;
}
