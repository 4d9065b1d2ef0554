/**
 * Fonts for the PDF twin (pdf.ts): from a canvas CSS font string (`bold 12.50px "ps roboto latin", "ps roboto
 * latin-ext", ...`, as fonts.ts writes them) to the font files the canvas drew with, and a string cut into the pieces
 * each face draws, in visual order, the way Skia falls back: each character cluster from the first face of the list
 * that has all of its characters.
 *
 * The canvas draws the @fontsource WOFF2 files; pdfkit (through fontkit) cannot subset WOFF2 (its glyf table is
 * transformed, and the embedded subset comes out blank), so a face is embedded from the file's WOFF twin, which
 * @fontsource ships beside every WOFF2: the same outlines and metrics (identical advances and measureText bounds),
 * without the TrueType hinting programs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import bidiModule from 'bidi-js';
import * as fontkit from 'fontkit';
import { catalogueEntry, FONT_FAMILIES, type FontFamilyDef, type FontStyle } from './font-choice.js';
import { defaultFontDir } from './fonts.js';

declare module 'fontkit' {
  interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    postscriptName: string;
    hasGlyphForCodePoint(cp: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | { fonts: Font[] };
}

const require = createRequire(import.meta.url);
// bidi-js is CommonJS: its default export is the factory (as in content/lang/bidi.ts).
const bidi = (bidiModule as unknown as () => ReturnType<typeof import('bidi-js').default>)();

/** A canvas font string, parsed. */
export interface CssFont {
  bold: boolean;
  italic: boolean;
  /** Size in px (the canvas unit). */
  size: number;
  /** Family names in order, unquoted. */
  families: string[];
}

const fontCache = new Map<string, CssFont>();

/**
 * Parses a canvas font string: optional style and weight words, a size in px (or pt), an optional line height, then
 * the family list. Weights of 600 and more are bold, as the canvas matches them to the bold face.
 * @example parseCssFont('italic bold 12.50px "ps lora latin", serif') // { bold: true, italic: true, size: 12.5, families: ['ps lora latin', 'serif'] }
 */
export function parseCssFont(css: string): CssFont {
  let f = fontCache.get(css);
  if (f) return f;
  const m = /^\s*((?:[a-z0-9-]+\s+)*?)([\d.]+)(px|pt)(?:\s*\/\s*\S+)?\s+(.+)$/i.exec(css);
  if (!m) {
    f = { bold: false, italic: false, size: 10, families: ['sans-serif'] };
  } else {
    const words = m[1]!.toLowerCase().split(/\s+/).filter(Boolean);
    const bold = words.some((w) => w === 'bold' || w === 'bolder' || (/^\d00$/.test(w) && Number(w) >= 600));
    const italic = words.some((w) => w === 'italic' || w === 'oblique');
    const size = Number(m[2]) * (m[3]!.toLowerCase() === 'pt' ? 4 / 3 : 1);
    const families = m[4]!
      .split(',')
      .map((x) => x.trim().replace(/^(["'])(.*)\1$/, '$2'))
      .filter(Boolean);
    f = { bold, italic, size, families };
  }
  if (fontCache.size > 5000) fontCache.clear();
  fontCache.set(css, f);
  return f;
}

/** One font file as the PDF embeds it. */
export interface Face {
  /** The file embedded (a .ttf, or the .woff twin of the .woff2 the canvas draws). */
  file: string;
  font: fontkit.Font;
  /** The file's own weight and style: a bold or italic asked of a face that has none is synthesised, as Skia does. */
  bold: boolean;
  italic: boolean;
}

const faceByFile = new Map<string, Face>();
const faceByName = new Map<string, Face | null>();

function packageDir(name: string): string {
  return resolve(require.resolve(`${name}/package.json`), '..');
}

function openFace(file: string, bold: boolean, italic: boolean): Face {
  let f = faceByFile.get(file);
  if (!f) {
    const bytes = readFileSync(file);
    const font = fontkit.create(file.endsWith('.woff') ? woffToSfnt(bytes) : bytes) as fontkit.Font;
    dedupeLookups(font);
    keepCharacters(font);
    f = { file, font, bold, italic };
    faceByFile.set(file, f);
  }
  return f;
}

/**
 * Makes a font's glyph objects carry the characters they are asked for. fontkit caches one glyph object per glyph id,
 * with the characters of its first request, and shapes Arabic by the characters of the glyphs of the string: a glyph
 * first made without characters (by a subset writer, as the component of a composite glyph: Farsi ی inside ي) would
 * make every later word with that letter non-joining.
 */
function keepCharacters(font: fontkit.Font): void {
  type Glyph = { codePoints: number[] };
  const f = font as unknown as { getGlyph(id: number, cps?: number[]): Glyph | null };
  const get = f.getGlyph.bind(f);
  f.getGlyph = (id, cps) => {
    const g = get(id, cps);
    if (!g || !cps?.length) return g;
    const have = g.codePoints;
    if (have.length === cps.length && have.every((c, i) => c === cps[i])) return g;
    if (!have.length) {
      g.codePoints = cps;
      return g;
    }
    // A glyph two characters share: a view of the cached glyph with these characters.
    return Object.create(g, { codePoints: { value: cps, enumerable: true, writable: true } }) as Glyph;
  };
}

/**
 * Removes repeated lookups from each OpenType feature. Some fonts list a lookup twice in a feature (Inter's default
 * script 'kern': lookups 1, 2, 0, 1, 2, 0); HarfBuzz, which Skia shapes with, applies each once, fontkit twice (kerning
 * doubled in digits and punctuation, 2 px in "14.5%" at 43 px).
 */
function dedupeLookups(font: fontkit.Font): void {
  for (const tag of ['GSUB', 'GPOS'] as const) {
    const table = (font as unknown as Record<string, { featureList?: Array<{ feature: { lookupListIndexes: number[] } }> } | undefined>)[tag];
    for (const f of table?.featureList ?? []) {
      const l = f.feature.lookupListIndexes;
      if (new Set(l).size !== l.length) f.feature.lookupListIndexes = [...new Set(l)];
    }
  }
}

/**
 * A WOFF file unwrapped into the plain TrueType/OpenType file it compresses. fontkit reads WOFF, but inflates a whole
 * table each time it reads from it: once per glyph while laying out and subsetting, hundreds of milliseconds a page.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const v = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (v.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = v.getUint32(4);
  const n = v.getUint16(12);
  const tables: Array<{ tag: number; checksum: number; data: Uint8Array }> = [];
  for (let i = 0; i < n; i++) {
    const at = 44 + i * 20;
    const tag = v.getUint32(at);
    const offset = v.getUint32(at + 4);
    const compLength = v.getUint32(at + 8);
    const origLength = v.getUint32(at + 12);
    const checksum = v.getUint32(at + 16);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag, checksum, data: compLength < origLength ? new Uint8Array(inflateSync(raw)) : raw });
  }
  tables.sort((a, b) => a.tag - b.tag);
  let size = 12 + 16 * n;
  for (const t of tables) size += (t.data.byteLength + 3) & ~3;
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= n) {
    pow *= 2;
    log++;
  }
  o.setUint32(0, flavor);
  o.setUint16(4, n);
  o.setUint16(6, pow * 16);
  o.setUint16(8, log);
  o.setUint16(10, n * 16 - pow * 16);
  let at = 12 + 16 * n;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    o.setUint32(rec, t.tag);
    o.setUint32(rec + 4, t.checksum);
    o.setUint32(rec + 8, at);
    o.setUint32(rec + 12, t.data.byteLength);
    out.set(t.data, at);
    at += (t.data.byteLength + 3) & ~3;
  });
  return out;
}

/** The file of an @fontsource face (the WOFF twin), trying the asked style, then without italic, then regular. */
function fontsourceFile(pkg: string, key: string, subset: string, weights: number[], italic: boolean): string | null {
  const dir = join(packageDir(pkg), 'files');
  for (const w of weights) {
    for (const style of italic ? ['italic', 'normal'] : ['normal']) {
      const woff = join(dir, `${key}-${subset}-${w}-${style}.woff`);
      if (existsSync(woff)) return woff;
    }
  }
  return null;
}

const GENERIC: Record<string, string> = { serif: 'dejavu-serif', 'sans-serif': 'liberation-sans', monospace: 'plex-mono', 'system-ui': 'liberation-sans' };

function localFile(def: FontFamilyDef, bold: boolean, italic: boolean, fontDir: string): string {
  const style: FontStyle = bold && italic ? 'bolditalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
  const rel = def.files[style];
  const base = def.package ? packageDir(def.package) : fontDir;
  const file = join(base, rel);
  return file.endsWith('.woff2') ? file.slice(0, -1) : file;
}

/**
 * The face a canvas family name stands for, in a weight and style, or null when the name is unknown. Names are those
 * fonts.ts registers: `ps <key> <subset>` for a catalogue family's subset, the committed families' names ('Liberation
 * Serif'), and the generic families (mapped to a committed one: an approximation).
 */
export function faceOf(name: string, bold: boolean, italic: boolean, fontDir?: string): Face | null {
  const id = `${name}|${bold ? 'b' : ''}${italic ? 'i' : ''}`;
  const hit = faceByName.get(id);
  if (hit !== undefined) return hit;
  let file: string | null = null;
  const dir = resolve(fontDir ?? process.env.PAGESYNTH_FONT_DIR ?? defaultFontDir());
  const ps = /^ps (\S+) (\S+)$/.exec(name);
  if (ps) {
    const [, key, subset] = ps as unknown as [string, string, string];
    const e = catalogueEntry(key);
    if (e) {
      const weights = bold && e.weights.bold !== undefined ? [e.weights.bold, e.weights.regular] : [e.weights.regular];
      file = fontsourceFile(e.package, e.key, subset, weights, italic && e.italic);
    } else if (key === 'noto-sans-symbols-2') {
      file = fontsourceFile('@fontsource/noto-sans-symbols-2', key, subset, [400], false);
    }
  } else {
    const local = Object.values(FONT_FAMILIES).find((d) => d.family.toLowerCase() === name.toLowerCase());
    const generic = GENERIC[name.toLowerCase()];
    const def = local ?? (generic ? FONT_FAMILIES[generic] : undefined);
    if (def) file = localFile(def, bold, italic, dir);
  }
  // The style of the file found (an @fontsource file names its weight and style; a committed family has all four).
  const fs = file ? /-(\d+)-(normal|italic)\.woff$/.exec(file) : null;
  const face = file && existsSync(file) ? openFace(file, fs ? Number(fs[1]) >= 600 : bold, fs ? fs[2] === 'italic' : italic) : null;
  faceByName.set(id, face);
  return face;
}

const facesCache = new WeakMap<CssFont, { dir: string | undefined; faces: Face[] }>();

/** The faces of a CSS font's family list that exist (unknown names dropped; Liberation Sans if none is left). */
export function facesOfFont(f: CssFont, fontDir?: string): Face[] {
  const hit = facesCache.get(f);
  if (hit && hit.dir === fontDir) return hit.faces;
  const out: Face[] = [];
  for (const n of f.families) {
    const face = faceOf(n, f.bold, f.italic, fontDir);
    if (face && !out.includes(face)) out.push(face);
  }
  if (!out.length) out.push(faceOf('Liberation Sans', f.bold, f.italic, fontDir)!);
  facesCache.set(f, { dir: fontDir, faces: out });
  return out;
}

/** A piece of a string drawn from one face, in one direction. */
export interface Piece {
  face: Face;
  text: string;
  /** Laid out right to left (an odd bidi level). */
  rtl: boolean;
  /**
   * The letters at its start / end join the letters of the piece before / after it (logical order), drawn from another
   * face: in an Arabic word whose ک comes from a fallback face, the letters from the first face keep the forms they
   * have in the whole word (Skia shapes the string with the first face, then the missing letters alone).
   */
  joinBefore?: boolean;
  joinAfter?: boolean;
}

/** Letters of scripts whose letters join (Arabic, Syriac, N'Ko): the shaper picks their forms from their neighbours. */
const JOINING = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0710-\u074f\u0750-\u077f\u07ca-\u07ea\u08a0-\u08ff]/u;

/** Characters that join the cluster before them: combining marks, joiners, variation selectors. */
const JOINS = /[\p{M}\u200c\u200d\ufe00-\ufe0f]/u;
/** Characters that need no glyph (a face is not asked for them): zero-width spaces, joiners, bidi controls. */
const IGNORABLE = /[\u00ad\u034f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
/**
 * The ignorables a piece loses: bidi controls (the bidi algorithm has been applied), zero-width spaces, soft hyphens.
 * Joiners (ZWJ, ZWNJ) stay: they decide Arabic and Indic forms.
 */
const STRIP = /[\u00ad\u034f\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;
/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo... and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

function covers(face: Face, cluster: string): boolean {
  for (const ch of cluster) {
    if (IGNORABLE.test(ch)) continue;
    if (!face.font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
  }
  return true;
}

/** `text` without the invisible format characters that draw nothing and shape nothing. */
function visible(text: string): string {
  return text.replace(STRIP, '');
}

/** Splits one bidi run into runs of one face each (logical order). */
function byFace(text: string, faces: readonly Face[], rtl: boolean, out: Piece[]): void {
  const first = faces[0]!;
  if (faces.length === 1 || covers(first, text)) {
    const t = visible(text);
    if (t) out.push({ face: first, text: t, rtl });
    return;
  }
  const pieces: Piece[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    let cluster = chars[i]!;
    let j = i + 1;
    while (j < chars.length && JOINS.test(chars[j]!)) cluster += chars[j++]!;
    const base = chars[i]!;
    const face = faces.find((f) => covers(f, cluster)) ?? faces.find((f) => covers(f, base)) ?? first;
    const last = pieces[pieces.length - 1];
    if (last && last.face === face) last.text += cluster;
    else pieces.push({ face, text: cluster, rtl });
    i = j;
  }
  for (let k = 1; k < pieces.length; k++) {
    const a = pieces[k - 1]!;
    const b = pieces[k]!;
    // Skia shapes the whole string with the first face (the letters it has take their forms from all their
    // neighbours), then each block of letters it lacks alone with the next face that has them.
    if (JOINING.test([...a.text].pop()!) && JOINING.test([...b.text][0]!)) {
      if (a.face === first) a.joinAfter = true;
      if (b.face === first) b.joinBefore = true;
    }
  }
  if (rtl) pieces.reverse();
  for (const p of pieces) {
    p.text = visible(p.text);
    if (p.text) out.push(p);
  }
}

/**
 * A string cut into the pieces the canvas draws it with, left to right: bidi runs (UAX #9, with the context's
 * direction as the paragraph direction) reordered visually, each cut by face. A right-to-left piece is still in
 * logical order (the shaper lays it out right to left).
 * @example pieces('Hello', faces, false) // [{ face: faces[0], text: 'Hello', rtl: false }]
 */
export function pieces(text: string, faces: readonly Face[], rtlContext: boolean): Piece[] {
  const out: Piece[] = [];
  if (!rtlContext && !RTL.test(text)) {
    byFace(text, faces, false, out);
    return out;
  }
  const { levels } = bidi.getEmbeddingLevels(text, rtlContext ? 'rtl' : 'ltr');
  // Runs of one level (UTF-16 indices; levels are per code unit).
  const runs: Array<{ start: number; end: number; level: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const lv = levels[i]!;
    const last = runs[runs.length - 1];
    if (last && last.level === lv) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level: lv });
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above.
  const order = runs.map((_, i) => i);
  const max = Math.max(...runs.map((r) => r.level));
  let minOdd = Math.min(...runs.map((r) => r.level));
  if (minOdd % 2 === 0) minOdd++;
  for (let lv = max; lv >= minOdd; lv--) {
    for (let i = 0; i < order.length; ) {
      if (runs[order[i]!]!.level < lv) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && runs[order[j]!]!.level >= lv) j++;
      const rev = order.slice(i, j).reverse();
      order.splice(i, j - i, ...rev);
      i = j;
    }
  }
  for (const k of order) {
    const r = runs[k]!;
    byFace(text.slice(r.start, r.end), faces, r.level % 2 === 1, out);
  }
  return out;
}

/** A piece laid out by the shaper (fontkit), in font units, glyphs left to right. */
export interface Shaped {
  /** Glyph ids in the face's file. */
  ids: number[];
  /** Each glyph's own advance (hmtx) and its advance after shaping (kerning), and its mark offsets. */
  advance: number[];
  xAdvance: number[];
  xOffset: number[];
  yOffset: number[];
  /** The characters each glyph stands for (a ligature has several): the PDF's ToUnicode map. */
  codePoints: number[][];
  /** Sum of xAdvance. */
  width: number;
  /**
   * The text the glyphs stand for when their characters cannot say it (Thai SARA AM decomposed for the shaper, glyphs
   * without characters): the PDF's ActualText.
   */
  actual?: string;
}

/** Above-base marks of Thai and Lao (HarfBuzz's IS_ABOVE_BASE_MARK). */
const ABOVE_MARK = /[\u0e31\u0e34-\u0e37\u0e47-\u0e4e\u0eb1\u0eb4-\u0eb7\u0ebb\u0ec8-\u0ecd]/;

/**
 * Thai and Lao SARA AM as HarfBuzz shapes it (preprocess_text_thai): decomposed into NIKHAHIT + SARA AA, the NIKHAHIT
 * moved before the above-base marks in front of it, so that a tone mark stacks above it. fontkit has no Thai shaper.
 * @example sara('ซ้ำ') // 'ซ\u0e4d\u0e49\u0e32'
 */
export function sara(text: string): string {
  if (!/[\u0e33\u0eb3]/.test(text)) return text;
  const out: string[] = [];
  for (const ch of text) {
    if (ch !== '\u0e33' && ch !== '\u0eb3') {
      out.push(ch);
      continue;
    }
    const lao = ch === '\u0eb3';
    let at = out.length;
    while (at > 0 && ABOVE_MARK.test(out[at - 1]!)) at--;
    out.splice(at, 0, lao ? '\u0ecd' : '\u0e4d');
    out.push(lao ? '\u0eb2' : '\u0e32');
  }
  return out.join('');
}

/**
 * OpenType language systems of the page languages (BCP 47 -> OpenType tag), as HarfBuzz maps the context's `lang`:
 * their `locl` forms (Korean punctuation and digits, Turkish i, Serbian italics...) are what the canvas draws.
 */
const OT_LANGUAGE: Record<string, string> = {
  en: 'ENG', de: 'DEU', fr: 'FRA', es: 'ESP', pt: 'PTG', it: 'ITA', pl: 'PLK', tr: 'TRK', vi: 'VIT', ru: 'RUS', uk: 'UKR',
  el: 'ELL', zh: 'ZHS', 'zh-Hans': 'ZHS', 'zh-Hant': 'ZHT', 'zh-TW': 'ZHT', 'zh-HK': 'ZHH', ja: 'JAN', ko: 'KOR', ar: 'ARA',
  fa: 'FAR', he: 'IWR', hi: 'HIN', th: 'THA', ro: 'ROM', nl: 'NLD', sv: 'SVE', cs: 'CSY', hu: 'HUN', sr: 'SRB', bg: 'BGR',
};

/** The OpenType language tag of a BCP 47 tag (undefined: the font's default language system). */
export function otLanguage(tag: string): string | undefined {
  return OT_LANGUAGE[tag] ?? OT_LANGUAGE[tag.split('-')[0]!];
}

const SHAPED_MAX = 20_000;
const shapedCache = new Map<Face, Map<string, Shaped>>();

/**
 * A piece shaped with its face (kerning, ligatures, Arabic joining, Indic reordering: fontkit's OpenType shaper) in the
 * language system of `lang` (a BCP 47 tag), cached per thread: a word shaped once serves every page.
 */
export function shape(p: Piece, lang = 'en'): Shaped {
  let cache = shapedCache.get(p.face);
  if (!cache) {
    cache = new Map();
    shapedCache.set(p.face, cache);
  }
  const key = `${lang}|${p.rtl ? 'r' : 'l'}${p.joinBefore ? 'j' : ''}${p.joinAfter ? 'J' : ''}\u0001${p.text}`;
  let s = cache.get(key);
  if (s) return s;
  const layout = (p.face.font as unknown as { layout(t: string, f?: object, script?: string, lang?: string, dir?: string): { glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }> } }).layout;
  // Where the piece meets a joining letter drawn from another face, a tatweel (a joining letter every Arabic face
  // has) stands for it, so that the letters take their joined forms; its glyph is dropped after shaping. (A joiner,
  // ZWJ, would do the same, but fontkit joins by the characters of the glyphs it made, and a face without a ZWJ glyph
  // gives .notdef, whose characters fontkit may have cached as none.)
  const font = p.face.font as unknown as { glyphForCodePoint(cp: number): { id: number }; hasGlyphForCodePoint(cp: number): boolean };
  const kashida = (p.joinBefore || p.joinAfter) && font.hasGlyphForCodePoint(0x640) ? font.glyphForCodePoint(0x640).id : -1;
  const before = kashida >= 0 && p.joinBefore;
  const after = kashida >= 0 && p.joinAfter;
  const body = sara(p.text);
  const text = `${before ? '\u0640' : ''}${body}${after ? '\u0640' : ''}`;
  const run = layout.call(p.face.font, text, undefined, undefined, otLanguage(lang), p.rtl ? 'rtl' : 'ltr');
  // The tatweels' glyphs are dropped: the first and last glyphs in logical order (glyphs come in visual order).
  let from = 0;
  let to = run.glyphs.length;
  const [head, tail] = p.rtl ? [after, before] : [before, after];
  if (head && run.glyphs[from]?.id === kashida) from++;
  if (tail && run.glyphs[to - 1]?.id === kashida) to--;
  // So are the glyphs of joiners: .notdef (a face without them) or the invisible space fontkit puts for them.
  const space = font.glyphForCodePoint(0x20).id;
  s = { ids: [], advance: [], xAdvance: [], xOffset: [], yOffset: [], codePoints: [], width: 0 };
  run.glyphs.forEach((g, i) => {
    const q = run.positions[i]!;
    if (i < from || i >= to) return;
    if (g.id === 0 || (g.id === space && q.xAdvance === 0 && /[\u200c\u200d]/.test(p.text))) return;
    s!.ids.push(g.id);
    s!.advance.push(g.advanceWidth);
    s!.xAdvance.push(q.xAdvance);
    s!.xOffset.push(q.xOffset);
    s!.yOffset.push(q.yOffset);
    s!.codePoints.push(g.codePoints);
    s!.width += q.xAdvance;
  });
  // What each glyph stands for (the PDF's ToUnicode map): fontkit gives the characters only of glyphs the cmap maps
  // (an Arabic letter's joined forms come out with none). When there is a glyph per character (no ligature, no mark
  // reordering) glyph k stands for character k in logical order.
  const chars = [...body].filter((c) => !/[\u200c\u200d]/.test(c)).map((c) => c.codePointAt(0)!);
  if (chars.length === s.ids.length) s.codePoints = (p.rtl ? chars.slice().reverse() : chars).map((c) => [c]);
  // Glyphs that still stand for nothing, or a text the shaper got in another form: the piece says its text itself.
  if (!p.rtl && (body !== p.text || s.codePoints.some((c) => c.length === 0))) s.actual = p.text;
  if (cache.size >= SHAPED_MAX) cache.clear();
  cache.set(key, s);
  return s;
}
