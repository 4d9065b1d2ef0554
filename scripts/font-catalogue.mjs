#!/usr/bin/env node
// Generates src/render/font-catalogue.ts and fonts/FONTS.md from the installed @fontsource packages listed below.
// Usage: node scripts/font-catalogue.mjs   (after `npm ci`; needs only node and fontkit)
// To add a family: `npm install --save @fontsource/<id>` (never @fontsource-variable), add a row to FAMILIES, rerun.
//
// For each family it reads node_modules/@fontsource/<id>/package.json (version, license) and the files/ folder
// (`<id>-<subset>-<weight>-<style>.woff2`), works out which scripts the regular (400) weight covers, picks the bold
// weight (700, else 600, else 800) and whether italics exist, and opens every chosen regular-weight subset file with
// fontkit, checking that the subsets of each script hold a probe character of that script.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

/** [fontsource id, family display name, class]. */
const FAMILIES = [
  // serif
  ['noto-serif', 'Noto Serif', 'serif'],
  ['pt-serif', 'PT Serif', 'serif'],
  ['merriweather', 'Merriweather', 'serif'],
  ['lora', 'Lora', 'serif'],
  ['source-serif-4', 'Source Serif 4', 'serif'],
  ['eb-garamond', 'EB Garamond', 'serif'],
  ['crimson-pro', 'Crimson Pro', 'serif'],
  ['libre-baskerville', 'Libre Baskerville', 'serif'],
  ['literata', 'Literata', 'serif'],
  ['spectral', 'Spectral', 'serif'],
  ['cormorant-garamond', 'Cormorant Garamond', 'serif'],
  ['tinos', 'Tinos', 'serif'],
  ['gelasio', 'Gelasio', 'serif'],
  ['alegreya', 'Alegreya', 'serif'],
  ['ibm-plex-serif', 'IBM Plex Serif', 'serif'],
  // sans
  ['noto-sans', 'Noto Sans', 'sans'],
  ['roboto', 'Roboto', 'sans'],
  ['open-sans', 'Open Sans', 'sans'],
  ['lato', 'Lato', 'sans'],
  ['source-sans-3', 'Source Sans 3', 'sans'],
  ['pt-sans', 'PT Sans', 'sans'],
  ['ibm-plex-sans', 'IBM Plex Sans', 'sans'],
  ['fira-sans', 'Fira Sans', 'sans'],
  ['inter', 'Inter', 'sans'],
  ['montserrat', 'Montserrat', 'sans'],
  ['work-sans', 'Work Sans', 'sans'],
  ['nunito', 'Nunito', 'sans'],
  ['arimo', 'Arimo', 'sans'],
  // slab
  ['roboto-slab', 'Roboto Slab', 'slab'],
  ['zilla-slab', 'Zilla Slab', 'slab'],
  ['arvo', 'Arvo', 'slab'],
  ['bitter', 'Bitter', 'slab'],
  ['crete-round', 'Crete Round', 'slab'],
  // mono
  ['ibm-plex-mono', 'IBM Plex Mono', 'mono'],
  ['jetbrains-mono', 'JetBrains Mono', 'mono'],
  ['fira-mono', 'Fira Mono', 'mono'],
  ['source-code-pro', 'Source Code Pro', 'mono'],
  ['roboto-mono', 'Roboto Mono', 'mono'],
  ['noto-sans-mono', 'Noto Sans Mono', 'mono'],
  ['courier-prime', 'Courier Prime', 'mono'],
  // condensed
  ['roboto-condensed', 'Roboto Condensed', 'condensed'],
  ['barlow-condensed', 'Barlow Condensed', 'condensed'],
  ['ibm-plex-sans-condensed', 'IBM Plex Sans Condensed', 'condensed'],
  ['oswald', 'Oswald', 'condensed'],
  ['fira-sans-condensed', 'Fira Sans Condensed', 'condensed'],
  // display
  ['playfair-display', 'Playfair Display', 'display'],
  ['abril-fatface', 'Abril Fatface', 'display'],
  ['bebas-neue', 'Bebas Neue', 'display'],
  ['dm-serif-display', 'DM Serif Display', 'display'],
  // handwriting
  ['caveat', 'Caveat', 'handwriting'],
  ['kalam', 'Kalam', 'handwriting'],
  ['dancing-script', 'Dancing Script', 'handwriting'],
  ['patrick-hand', 'Patrick Hand', 'handwriting'],
  ['indie-flower', 'Indie Flower', 'handwriting'],
  ['homemade-apple', 'Homemade Apple', 'handwriting'],
  // Arabic
  ['noto-sans-arabic', 'Noto Sans Arabic', 'sans'],
  ['noto-naskh-arabic', 'Noto Naskh Arabic', 'serif'],
  ['noto-kufi-arabic', 'Noto Kufi Arabic', 'sans'],
  ['vazirmatn', 'Vazirmatn', 'sans'],
  ['ibm-plex-sans-arabic', 'IBM Plex Sans Arabic', 'sans'],
  ['amiri', 'Amiri', 'serif'],
  ['tajawal', 'Tajawal', 'sans'],
  ['cairo', 'Cairo', 'sans'],
  // Hebrew
  ['noto-sans-hebrew', 'Noto Sans Hebrew', 'sans'],
  ['noto-serif-hebrew', 'Noto Serif Hebrew', 'serif'],
  ['ibm-plex-sans-hebrew', 'IBM Plex Sans Hebrew', 'sans'],
  ['rubik', 'Rubik', 'sans'],
  ['frank-ruhl-libre', 'Frank Ruhl Libre', 'serif'],
  // Devanagari
  ['noto-sans-devanagari', 'Noto Sans Devanagari', 'sans'],
  ['noto-serif-devanagari', 'Noto Serif Devanagari', 'serif'],
  ['ibm-plex-sans-devanagari', 'IBM Plex Sans Devanagari', 'sans'],
  ['hind', 'Hind', 'sans'],
  // Thai
  ['noto-sans-thai', 'Noto Sans Thai', 'sans'],
  ['noto-serif-thai', 'Noto Serif Thai', 'serif'],
  ['ibm-plex-sans-thai', 'IBM Plex Sans Thai', 'sans'],
  ['sarabun', 'Sarabun', 'sans'],
  // CJK (noto-serif-jp is left out: 95 MB installed; BIZ UDPMincho is the second Japanese family)
  ['noto-sans-sc', 'Noto Sans SC', 'sans'],
  ['noto-serif-sc', 'Noto Serif SC', 'serif'],
  ['noto-sans-tc', 'Noto Sans TC', 'sans'],
  ['noto-serif-tc', 'Noto Serif TC', 'serif'],
  ['noto-sans-jp', 'Noto Sans JP', 'sans'],
  ['biz-udpmincho', 'BIZ UDPMincho', 'serif'],
  ['noto-sans-kr', 'Noto Sans KR', 'sans'],
  ['noto-serif-kr', 'Noto Serif KR', 'serif'],
];

const CLASSES = ['serif', 'sans', 'slab', 'mono', 'condensed', 'display', 'handwriting'];
const SCRIPTS = ['latin', 'vietnamese', 'cyrillic', 'greek', 'arabic', 'hebrew', 'devanagari', 'thai', 'hans', 'hant', 'japanese', 'hangul'];
/** A character each script's subsets must hold (checked with fontkit on the regular weight). */
const PROBE = {
  latin: 'a', vietnamese: 'ạ', cyrillic: 'ж', greek: 'α', arabic: 'ب', hebrew: 'א', devanagari: 'क', thai: 'ก',
  hans: '们', hant: '們', japanese: 'あ', hangul: '한',
};
/** Named CJK subset → script; numbered subsets belong to the package's CJK script. */
const CJK_NAMED = { 'chinese-simplified': 'hans', 'chinese-traditional': 'hant', japanese: 'japanese', korean: 'hangul' };
const CJK_SUFFIX = { sc: 'hans', tc: 'hant', jp: 'japanese', kr: 'hangul' };
const REGULAR = 400;
const BOLD_CANDIDATES = [700, 600, 800];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const warnings = [];
const warn = (msg) => {
  warnings.push(msg);
  console.warn(`warning: ${msg}`);
};

/** subset → weight → Set(style) from the package's woff2 file names. */
function scanFiles(id, filesDir) {
  const table = new Map();
  const re = /^(.+)-(\d+)-(normal|italic)\.woff2$/;
  for (const name of readdirSync(filesDir)) {
    if (!name.startsWith(`${id}-`)) continue;
    const m = re.exec(name.slice(id.length + 1));
    if (!m) continue;
    const [, subset, weight, style] = m;
    if (!table.has(subset)) table.set(subset, new Map());
    const byWeight = table.get(subset);
    if (!byWeight.has(Number(weight))) byWeight.set(Number(weight), new Set());
    byWeight.get(Number(weight)).add(style);
  }
  return table;
}

const has = (table, subset, weight, style) => table.get(subset)?.get(weight)?.has(style) ?? false;

/** Script → subsets, from the subsets whose regular (400 normal) file exists. */
function scriptSubsets(id, table) {
  const present = (s) => has(table, s, REGULAR, 'normal');
  const out = {};
  const pair = (script, main, ext) => {
    if (present(main)) out[script] = present(ext) ? [main, ext] : [main];
  };
  pair('latin', 'latin', 'latin-ext');
  if (present('vietnamese')) out.vietnamese = ['vietnamese'];
  pair('cyrillic', 'cyrillic', 'cyrillic-ext');
  pair('greek', 'greek', 'greek-ext');
  for (const s of ['arabic', 'hebrew', 'devanagari', 'thai']) if (present(s)) out[s] = [s];
  const numbered = [...table.keys()].filter((s) => /^\d+$/.test(s) && present(s)).sort((a, b) => Number(a) - Number(b));
  const named = Object.keys(CJK_NAMED).filter(present);
  if (named.length > 1) warn(`${id}: several named CJK subsets (${named.join(', ')})`);
  for (const n of named) out[CJK_NAMED[n]] = [n];
  if (numbered.length > 0) {
    const script = named.length > 0 ? CJK_NAMED[named[0]] : CJK_SUFFIX[id.split('-').at(-1)];
    if (!script) warn(`${id}: numbered subsets but no CJK script could be told; they are left out`);
    else out[script] = [...(out[script] ?? []), ...numbered];
  }
  const known = new Set(['latin', 'latin-ext', 'vietnamese', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'arabic', 'hebrew', 'devanagari', 'thai', ...Object.keys(CJK_NAMED)]);
  const ignored = [...table.keys()].filter((s) => !known.has(s) && !/^\d+$/.test(s));
  if (ignored.length > 0) console.log(`  ${id}: subsets not mapped to a script: ${ignored.join(', ')}`);
  return out;
}

/** Opens the file with fontkit (falling back to the .woff twin) and returns its character set, or null. */
function openCharset(filesDir, base) {
  for (const ext of ['woff2', 'woff']) {
    const path = join(filesDir, `${base}.${ext}`);
    if (!existsSync(path)) continue;
    try {
      const font = fontkit.openSync(path);
      const set = font.characterSet;
      if (ext === 'woff') warn(`${base}.woff2 would not open with fontkit; checked ${base}.woff instead`);
      return set;
    } catch (err) {
      if (ext === 'woff2') continue;
      warn(`${base}: opens neither as woff2 nor woff (${err.message})`);
    }
  }
  return null;
}

const entries = [];
for (const [id, family, cls] of FAMILIES) {
  if (!CLASSES.includes(cls)) throw new Error(`${id}: unknown class ${cls}`);
  const pkgName = `@fontsource/${id}`;
  const pkgDir = join(root, 'node_modules', '@fontsource', id);
  if (!existsSync(join(pkgDir, 'package.json'))) {
    warn(`${pkgName} is not installed; left out`);
    continue;
  }
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const metaPath = join(pkgDir, 'metadata.json');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.family !== family) warn(`${id}: display name '${family}' differs from metadata family '${meta.family}'`);
  }
  const filesDir = join(pkgDir, 'files');
  const table = scanFiles(id, filesDir);
  const subsets = scriptSubsets(id, table);

  // Verify every regular-weight subset file opens, and that each script's subsets hold its probe character.
  for (const script of Object.keys(subsets)) {
    const good = [];
    let covered = false;
    for (const s of subsets[script]) {
      const set = openCharset(filesDir, `${id}-${s}-${REGULAR}-normal`);
      if (!set) continue;
      good.push(s);
      if (set.includes(PROBE[script].codePointAt(0))) covered = true;
    }
    if (good.length !== subsets[script].length) warn(`${id}/${script}: dropped subsets that would not open`);
    if (good.length === 0 || !covered) {
      warn(`${id}: no ${script} subset holds U+${PROBE[script].codePointAt(0).toString(16).toUpperCase()}; ${script} left out`);
      delete subsets[script];
    } else subsets[script] = good;
  }
  const all = [...new Set(Object.values(subsets).flat())];
  if (all.length === 0) {
    warn(`${id}: no usable subset; left out`);
    continue;
  }
  const complete = (weight, style) => all.every((s) => has(table, s, weight, style));
  const bold = BOLD_CANDIDATES.find((w) => complete(w, 'normal'));
  if (bold === undefined && BOLD_CANDIDATES.some((w) => all.some((s) => has(table, s, w, 'normal')))) {
    warn(`${id}: a bold weight exists for some subsets only; no bold`);
  }
  const italic = complete(REGULAR, 'italic') && (bold === undefined || complete(bold, 'italic'));
  if (!italic && all.some((s) => has(table, s, REGULAR, 'italic'))) warn(`${id}: italics exist for some subsets or weights only; no italic`);
  const ordered = {};
  for (const sc of SCRIPTS) if (subsets[sc]) ordered[sc] = subsets[sc];
  entries.push({
    key: id,
    family,
    package: pkgName,
    version: pkg.version,
    licence: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN'),
    class: cls,
    weights: bold === undefined ? { regular: REGULAR } : { regular: REGULAR, bold },
    italic,
    subsets: ordered,
  });
}

// ---- src/render/font-catalogue.ts ----
const q = (s) => `'${s}'`;
function subsetsTs(subsets) {
  const lines = [];
  for (const [script, list] of Object.entries(subsets)) {
    const items = list.map(q);
    let line = `      ${script}: [`;
    const parts = [];
    for (const item of items) {
      if (line.length + item.length + 2 > 118) {
        parts.push(line);
        line = '        ';
      }
      line += item + ', ';
    }
    parts.push(line.replace(/, $/, '') + '],');
    lines.push(...parts.map((l) => l.replace(/ +$/, '')));
  }
  return lines.join('\n');
}
const ts = `// GENERATED FILE: do not edit by hand.
// Written by scripts/font-catalogue.mjs from the installed @fontsource packages (files/ folders and package.json).
// To regenerate: \`npm ci && node scripts/font-catalogue.mjs\` (edit the FAMILIES list at the top of that script to
// add or remove a family, after \`npm install --save @fontsource/<id>\`). It also writes fonts/FONTS.md.

export type FontClass = 'serif' | 'sans' | 'slab' | 'mono' | 'condensed' | 'display' | 'handwriting';
/** Writing systems (and Vietnamese, whose Latin letters need their own subset). */
export type Script = ${SCRIPTS.map(q).join(' | ')};

export interface FontEntry {
  /** Key used by the network (the @fontsource id, e.g. 'roboto', 'noto-sans-sc'). */
  key: string;
  /** Family display name, e.g. 'Roboto'. */
  family: string;
  /** npm package, e.g. '@fontsource/roboto'. */
  package: string;
  version: string;
  /** From the package.json "license" field, e.g. 'OFL-1.1'. */
  licence: string;
  class: FontClass;
  /** Weights used for regular and bold (bold absent when the family has no weight >= 600). */
  weights: { regular: number; bold?: number };
  /** Italic files exist for the regular weight (and for bold when bold exists). */
  italic: boolean;
  /** For each script the family covers, the fontsource subsets (as in the file names) to register for it, in order. */
  subsets: Partial<Record<Script, readonly string[]>>;
}

/**
 * Every family pagesynth can draw with from npm (${entries.length} families). Files:
 * <package>/files/<key>-<subset>-<weight>-<normal|italic>.woff2 (a .woff twin exists for each).
 */
export const FONT_CATALOGUE: readonly FontEntry[] = [
${entries
  .map(
    (e) => `  {
    key: ${q(e.key)},
    family: ${q(e.family)},
    package: ${q(e.package)},
    version: ${q(e.version)},
    licence: ${q(e.licence)},
    class: ${q(e.class)},
    weights: { regular: ${e.weights.regular}${e.weights.bold !== undefined ? `, bold: ${e.weights.bold}` : ''} },
    italic: ${e.italic},
    subsets: {
${subsetsTs(e.subsets)}
    },
  },`,
  )
  .join('\n')}
];
`;
writeFileSync(join(root, 'src', 'render', 'font-catalogue.ts'), ts);

// ---- fonts/FONTS.md ----
const scriptCell = (e) =>
  Object.entries(e.subsets)
    .map(([s, list]) => (['hans', 'hant', 'japanese', 'hangul'].includes(s) ? `${s} (${list.length} subsets)` : s))
    .join(', ');
const styleCell = (e) => {
  const w = e.weights.bold !== undefined ? `${e.weights.regular}/${e.weights.bold}` : `${e.weights.regular} only`;
  return `${w}${e.italic ? ', italic' : ''}`;
};
const byClass = CLASSES.map((c) => `${c} ${entries.filter((e) => e.class === c).length}`).join(', ');
const byScript = SCRIPTS.map((s) => `${s} ${entries.filter((e) => e.subsets[s]).length}`).join(', ');
const licenceSummary = [...new Set(entries.map((e) => e.licence))]
  .map((l) => `${l} (${entries.filter((e) => e.licence === l).map((e) => e.key).length} families)`)
  .join(', ');
const md = `# Fonts

<!-- GENERATED by scripts/font-catalogue.mjs (with src/render/font-catalogue.ts): do not edit by hand; rerun
     \`node scripts/font-catalogue.mjs\` after changing its FAMILIES list. -->

## Font files and their licences

The font files of the ${entries.length} catalogue families below are not stored in this repository: they come from the npm
packages named in the table (installed by \`npm ci\` into node_modules/), each of which carries its own licence file
(node_modules/@fontsource/<id>/LICENSE). Licences (package.json "license"): ${licenceSummary}.

Four families used by src/render/fonts.ts are committed under fonts/ with their licence texts:

| key | family | files | licence |
| --- | --- | --- | --- |
| liberation-serif | Liberation Serif | fonts/LiberationSerif-*.ttf | OFL-1.1 (Liberation 2.x is OFL), fonts/LICENSE-Liberation.txt |
| liberation-sans | Liberation Sans | fonts/LiberationSans-*.ttf | OFL-1.1 (Liberation 2.x is OFL), fonts/LICENSE-Liberation.txt |
| dejavu-serif | DejaVu Serif | fonts/DejaVuSerif*.ttf | Bitstream Vera / DejaVu licence, fonts/LICENSE-DejaVu.txt |
| plex-mono | IBM Plex Mono | not under fonts/: from the npm package @fontsource/ibm-plex-mono (in the table below as ibm-plex-mono) | OFL-1.1 |

One more family closes every font chain without being a page's family: Noto Sans Symbols 2 (ticks, crosses, stars,
arrows), from @fontsource/noto-sans-symbols-2, OFL-1.1.

## Catalogue

Families per class: ${byClass}.
Families per script: ${byScript}.

Weights are the regular and bold weights used ("400 only": the family has no weight of 600 or more); "italic" means
italic files exist for both. Scripts are those whose subset files exist for the regular weight; CJK scripts are split by
fontsource into many numbered subsets.

| key | family | class | scripts | weights / italic | package | licence |
| --- | --- | --- | --- | --- | --- | --- |
${entries.map((e) => `| ${e.key} | ${e.family} | ${e.class} | ${scriptCell(e)} | ${styleCell(e)} | ${e.package}@${e.version} | ${e.licence} |`).join('\n')}
`;
writeFileSync(join(root, 'fonts', 'FONTS.md'), md);

console.log(`wrote src/render/font-catalogue.ts and fonts/FONTS.md: ${entries.length} families`);
console.log(`per class: ${byClass}`);
console.log(`per script: ${byScript}`);
const noBold = entries.filter((e) => e.weights.bold === undefined).map((e) => e.key);
const noItalic = entries.filter((e) => !e.italic).map((e) => e.key);
console.log(`no bold: ${noBold.join(', ') || 'none'}`);
console.log(`no italic: ${noItalic.join(', ') || 'none'}`);
if (warnings.length > 0) console.log(`${warnings.length} warning(s), see above`);
