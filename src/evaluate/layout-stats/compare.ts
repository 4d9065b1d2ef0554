/**
 * How alike are real and synthetic layouts? Univariate tests per feature, correlation structure, layout quality
 * metrics, a distinguishability classifier and record matching, on features computed from COCO boxes only.
 *
 * Features (features.ts has the definitions):
 * - counts per page: `count.<class>` (count; KS and chi-squared) and `n_boxes`;
 * - sizes of boxes, pooled over pages: `<class>.w`, `<class>.h` (fractions of page width / height), shape
 *   `<class>.aspect` (h / w in pixels), position `<class>.cx`, `<class>.cy` (continuous; KS);
 * - page geometry: margins, text-block width, median text-box width, gutter, reading-order gaps, alignment,
 *   density, overlap (continuous; KS);
 * - categorical: `columns`, `page_size`, presence of page number / running head / page footer / title
 *   (chi-squared).
 * `ks.mean` is the mean KS statistic over every continuous and count feature defined in both sets;
 * `ks.countSize` the mean over the per-class count and size (w, h) features only (the target).
 */
import type { Problem } from '../../errors.js';
import { distinguish, type DistinguishOptions, type DistinguishResult } from './distinguish.js';
import { setFeatures, type PageFeatures } from './features.js';
import type { LayoutSet } from './load.js';
import { recordMatching, type PrivacyResult } from './privacy.js';
import { chi2Homogeneity, correlationMatrix, ks2, summarise, type Summary } from './stats.js';

export type FeatureKind = 'count' | 'continuous' | 'categorical';
export type FeatureGroup = 'count' | 'size' | 'shape' | 'position' | 'page' | 'presence';

export interface FeatureTest {
  feature: string;
  kind: FeatureKind;
  group: FeatureGroup;
  real: Summary;
  synthetic: Summary;
  ks?: { d: number; p: number };
  chi2?: { chi2: number; df: number; p: number };
  /** Categorical: share of each value in each set. */
  shares?: { values: string[]; real: number[]; synthetic: number[] };
  /** Why no test was run. */
  note?: string;
}

export interface QualityFigures {
  real: number;
  synthetic: number;
}

export interface CompareReport {
  profile: string;
  real: { source: string; pages: number; boxes: number };
  synthetic: { source: string; pages: number; boxes: number };
  univariate: FeatureTest[];
  ks: { mean: number; countSize: number; features: number; countSizeFeatures: number };
  chi2: { significant: number; tests: number };
  correlation: { features: string[]; real: number[][]; synthetic: number[][]; meanAbsDiff: number; maxAbsDiff: { value: number; pair: [string, string] } };
  quality: { alignment: QualityFigures; density: QualityFigures; overlap: QualityFigures; overlapRate: QualityFigures; definitions: string[] };
  distinguishability: DistinguishResult;
  /**
   * The same classifier on the features a network decides (counts and areas per class, columns, margins,
   * text-block width, furniture and title presence), without the box-level geometry that comes from layout
   * and labelling conventions (gaps, overlap, alignment, density, text-box width).
   */
  distinguishabilityStructure: DistinguishResult & { features: string[] };
  privacy: PrivacyResult;
  /** Classes one set has and the other never does. */
  absent: { inSynthetic: string[]; inReal: string[] };
  warnings: Problem[];
  notes: string[];
}

export interface CompareOptions extends DistinguishOptions {}

/** Page-vector features a network decides (see `distinguishabilityStructure`). */
const STRUCTURE = /^(count\.|area\.|n_boxes$|columns$|margin_|text_block_width$|has_)/;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** Names of the page-level vector used by the classifier, the correlations and record matching. */
export function pageVectorNames(classes: readonly string[]): string[] {
  return [
    ...classes.map((c) => `count.${c}`),
    ...classes.map((c) => `area.${c}`),
    'n_boxes',
    'columns',
    'margin_left',
    'margin_right',
    'margin_top',
    'margin_bottom',
    'text_block_width',
    'text_box_width',
    'median_gap',
    'alignment',
    'density',
    'overlap',
    'has_page_number',
    'has_header',
    'has_footer',
    'has_title',
  ];
}

/** Page-level vectors; missing values (no text box, one column...) take `fill`'s value for that feature. */
export function pageVectors(pages: readonly PageFeatures[], classes: readonly string[], fill?: readonly number[]): number[][] {
  const raw = pages.map((f) => {
    const area = (c: string) => f.boxes.filter((b) => b.cls === c).reduce((s, b) => s + b.area, 0);
    return [
      ...classes.map((c) => f.counts[c] ?? 0),
      ...classes.map(area),
      f.nBoxes,
      f.columns,
      f.marginLeft,
      f.marginRight,
      f.marginTop,
      f.marginBottom,
      f.textBlockWidth,
      f.textBoxWidth,
      f.medianGap,
      f.alignment,
      f.density,
      f.overlap,
      Number(f.hasPageNumber),
      Number(f.hasHeader),
      Number(f.hasFooter),
      Number(f.hasTitle),
    ];
  });
  const d = raw[0]?.length ?? 0;
  const med = fill ?? Array.from({ length: d }, (_, j) => {
    const xs = raw.map((r) => r[j]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
    return xs.length ? xs[xs.length >> 1]! : 0;
  });
  return raw.map((r) => r.map((x, j) => (typeof x === 'number' && Number.isFinite(x) ? x : med[j]!)));
}

/** Column medians (the fill values for missing features). */
function medians(rows: readonly number[][]): number[] {
  const d = rows[0]?.length ?? 0;
  return Array.from({ length: d }, (_, j) => {
    const xs = rows.map((r) => r[j]!).sort((a, b) => a - b);
    return xs.length ? xs[xs.length >> 1]! : 0;
  });
}

function continuousTest(feature: string, group: FeatureGroup, kind: FeatureKind, a: number[], b: number[]): FeatureTest {
  const t: FeatureTest = { feature, kind, group, real: summarise(a), synthetic: summarise(b) };
  if (a.length === 0 || b.length === 0) t.note = a.length === 0 && b.length === 0 ? 'absent in both sets' : a.length === 0 ? 'absent in the real set' : 'absent in the synthetic set';
  else t.ks = ks2(a, b);
  if (kind === 'count' && a.length && b.length) {
    const c = chi2Homogeneity(a, b);
    t.chi2 = { chi2: c.chi2, df: c.df, p: c.p };
  }
  return t;
}

function categoricalTest(feature: string, group: FeatureGroup, a: Array<string | number | boolean>, b: Array<string | number | boolean>): FeatureTest {
  const values = [...new Set([...a, ...b])].map(String).sort();
  const share = (xs: Array<string | number | boolean>) => values.map((v) => (xs.length ? xs.filter((x) => String(x) === v).length / xs.length : 0));
  const c = chi2Homogeneity(a, b);
  return {
    feature,
    kind: 'categorical',
    group,
    real: summarise([]),
    synthetic: summarise([]),
    chi2: { chi2: c.chi2, df: c.df, p: c.p },
    shares: { values, real: share(a), synthetic: share(b) },
  };
}

/** Univariate tests of every feature (see module doc). */
export function univariateTests(real: readonly PageFeatures[], syn: readonly PageFeatures[], classes: readonly string[]): FeatureTest[] {
  const out: FeatureTest[] = [];
  for (const c of classes) out.push(continuousTest(`count.${c}`, 'count', 'count', real.map((f) => f.counts[c] ?? 0), syn.map((f) => f.counts[c] ?? 0)));
  out.push(continuousTest('n_boxes', 'count', 'count', real.map((f) => f.nBoxes), syn.map((f) => f.nBoxes)));
  const boxes = (pages: readonly PageFeatures[], c: string) => pages.flatMap((f) => f.boxes.filter((b) => b.cls === c));
  for (const c of classes) {
    const a = boxes(real, c);
    const b = boxes(syn, c);
    if (a.length === 0 && b.length === 0) continue;
    out.push(continuousTest(`${c}.w`, 'size', 'continuous', a.map((x) => x.w), b.map((x) => x.w)));
    out.push(continuousTest(`${c}.h`, 'size', 'continuous', a.map((x) => x.h), b.map((x) => x.h)));
    out.push(continuousTest(`${c}.aspect`, 'shape', 'continuous', a.map((x) => x.aspect), b.map((x) => x.aspect)));
    out.push(continuousTest(`${c}.cx`, 'position', 'continuous', a.map((x) => x.cx), b.map((x) => x.cx)));
    out.push(continuousTest(`${c}.cy`, 'position', 'continuous', a.map((x) => x.cy), b.map((x) => x.cy)));
  }
  const page = (name: string, get: (f: PageFeatures) => number | null) => {
    const v = (pages: readonly PageFeatures[]) => pages.map(get).filter((x): x is number => x !== null && Number.isFinite(x));
    out.push(continuousTest(name, 'page', 'continuous', v(real), v(syn)));
  };
  page('margin_left', (f) => f.marginLeft);
  page('margin_right', (f) => f.marginRight);
  page('margin_top', (f) => f.marginTop);
  page('margin_bottom', (f) => f.marginBottom);
  page('text_block_width', (f) => f.textBlockWidth);
  page('text_box_width', (f) => f.textBoxWidth);
  page('gutter', (f) => f.gutter);
  page('median_gap', (f) => f.medianGap);
  out.push(continuousTest('reading_gap', 'page', 'continuous', real.flatMap((f) => f.gaps), syn.flatMap((f) => f.gaps)));
  page('alignment', (f) => f.alignment);
  page('density', (f) => f.density);
  page('overlap', (f) => f.overlap);
  out.push(categoricalTest('columns', 'page', real.map((f) => f.columns ?? 'unknown'), syn.map((f) => f.columns ?? 'unknown')));
  out.push(categoricalTest('page_size', 'page', real.map((f) => f.pageSize), syn.map((f) => f.pageSize)));
  out.push(categoricalTest('has_page_number', 'presence', real.map((f) => f.hasPageNumber), syn.map((f) => f.hasPageNumber)));
  out.push(categoricalTest('has_header', 'presence', real.map((f) => f.hasHeader), syn.map((f) => f.hasHeader)));
  out.push(categoricalTest('has_footer', 'presence', real.map((f) => f.hasFooter), syn.map((f) => f.hasFooter)));
  out.push(categoricalTest('has_title', 'presence', real.map((f) => f.hasTitle), syn.map((f) => f.hasTitle)));
  return out;
}

/** Definitional differences between real and synthetic labels worth knowing when reading the figures. */
function definitionNotes(profile: string): string[] {
  const notes = [
    'Features come from COCO boxes only; furniture (page numbers, running heads, page footers) is found by position (see features.ts), so the same rules apply to both sets.',
  ];
  if (profile === 'docbank') {
    notes.push(
      'DocBank region boxes are grouped from tokens: consecutive paragraphs of a column often merge into one tall paragraph box, a whole reference list is one box, and page numbers, running heads and labels inside figures ("Fig. 5") are small paragraph boxes. pagesynth gives one box per paragraph (split where a paragraph crosses columns).',
      'DocBank boxes equation numbers "(3)" as separate equation boxes; pagesynth includes the number in the equation box. Counts of equation boxes differ for this reason alone.',
      'pagesynth with --labels docbank merges list items into one list box; it never produces reference, date or abstract boxes (its abstract is a paragraph) — such classes are listed as absent.',
    );
  }
  return notes;
}

/**
 * Compares two sets of pages in the same label profile.
 * @throws RangeError if either set is too small for the classifier's folds.
 * @example
 * const real = await loadLayoutSet('real/annotations.json', { profile: 'docbank' });
 * const synth = await loadLayoutSet('output/run', { profile: 'docbank' });
 * compareLayouts(real, synth, { seed: 0 }).distinguishability.auc
 */
export function compareLayouts(real: LayoutSet, synthetic: LayoutSet, opts: CompareOptions = {}): CompareReport {
  if (real.profile.name !== synthetic.profile.name) throw new RangeError(`real pages are in profile ${real.profile.name}, synthetic in ${synthetic.profile.name}; compare them in one profile (--labels)`);
  const classes = real.classes;
  const rf = setFeatures(real);
  const sf = setFeatures({ ...synthetic, classes });
  const univariate = univariateTests(rf, sf, classes);
  const ksFeatures = univariate.filter((t) => t.ks && t.kind !== 'categorical');
  const countSize = ksFeatures.filter((t) => (t.group === 'count' && t.feature.startsWith('count.')) || t.group === 'size');
  const chiTests = univariate.filter((t) => t.chi2 && t.chi2.df > 0);

  const names = pageVectorNames(classes);
  const realRows = pageVectors(rf, classes);
  const fill = medians(realRows);
  const synRows = pageVectors(sf, classes, fill);
  // Correlations over the page vector minus the constant-in-both columns.
  const keep = names.map((_, j) => !(realRows.every((r) => r[j] === realRows[0]![j]) && synRows.every((r) => r[j] === synRows[0]![j])));
  const corrNames = names.filter((_, j) => keep[j]);
  const sel = (rows: number[][]) => rows.map((r) => r.filter((_, j) => keep[j]));
  const cr = correlationMatrix(sel(realRows));
  const cs = correlationMatrix(sel(synRows));
  let sum = 0;
  let cnt = 0;
  let max = { value: 0, pair: ['', ''] as [string, string] };
  for (let i = 0; i < corrNames.length; i++) {
    for (let j = i + 1; j < corrNames.length; j++) {
      const d = Math.abs(cr[i]![j]! - cs[i]![j]!);
      sum += d;
      cnt++;
      if (d > max.value) max = { value: d, pair: [corrNames[i]!, corrNames[j]!] };
    }
  }
  const q = (get: (f: PageFeatures) => number) => ({ real: mean(rf.map(get)), synthetic: mean(sf.map(get)) });
  const presentIn = (pages: readonly PageFeatures[]) => new Set(pages.flatMap((f) => f.boxes.map((b) => b.cls)));
  const pr = presentIn(rf);
  const ps = presentIn(sf);
  return {
    profile: real.profile.name,
    real: { source: real.source, pages: rf.length, boxes: rf.reduce((s, f) => s + f.nBoxes, 0) },
    synthetic: { source: synthetic.source, pages: sf.length, boxes: sf.reduce((s, f) => s + f.nBoxes, 0) },
    univariate,
    ks: { mean: mean(ksFeatures.map((t) => t.ks!.d)), countSize: mean(countSize.map((t) => t.ks!.d)), features: ksFeatures.length, countSizeFeatures: countSize.length },
    chi2: { significant: chiTests.filter((t) => t.chi2!.p < 0.05).length, tests: chiTests.length },
    correlation: { features: corrNames, real: cr, synthetic: cs, meanAbsDiff: cnt ? sum / cnt : 0, maxAbsDiff: max },
    quality: {
      alignment: q((f) => f.alignment),
      density: q((f) => f.density),
      overlap: q((f) => f.overlap),
      overlapRate: q((f) => f.overlapRate),
      definitions: [
        'Alignment: LayoutGAN++ / Lee et al. 2020 definition (six alignment lines, −log(1 − d), mean over boxes); lower is better aligned. The exact formula of DocLayout-YOLO Table 9 could not be checked; this is the common one.',
        'Density: share of the page covered by the union of the boxes.',
        'Overlap: LayoutGAN++ overlap index, (1/n) Σ_i Σ_{j≠i} |i ∩ j| / |i|. Overlap rate: share of boxes overlapping another.',
      ],
    },
    distinguishability: distinguish(realRows, synRows, names, opts),
    distinguishabilityStructure: (() => {
      const idx = names.map((n, j) => (STRUCTURE.test(n) ? j : -1)).filter((j) => j >= 0);
      const pick = (rows: number[][]) => rows.map((r) => idx.map((j) => r[j]!));
      return { ...distinguish(pick(realRows), pick(synRows), idx.map((j) => names[j]!), opts), features: idx.map((j) => names[j]!) };
    })(),
    privacy: recordMatching(realRows, synRows, rf, sf),
    absent: { inSynthetic: classes.filter((c) => pr.has(c) && !ps.has(c)), inReal: classes.filter((c) => ps.has(c) && !pr.has(c)) },
    warnings: [...real.warnings, ...synthetic.warnings],
    notes: definitionNotes(real.profile.name),
  };
}

