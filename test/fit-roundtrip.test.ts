/**
 * Generate, then fit: pages rendered from a known network (test/fixtures/network/roundtrip.yaml), written as a COCO
 * file in the doclaynet profile, and fitted (the library calls of `pagesynth fit`) starting from a copy of the network
 * whose parameters are moved far away, must give back the network's own parameters. Layout and calibration share
 * their typographic constants (src/layout/constants.ts); when a layout change moves a box that `fit` inverts
 * (evidence.ts), a parameter here comes back skewed and this test fails.
 *
 * The boxes are the rendered pages' ink boxes (`PageRenderer` regions), as real data gives them, at 100 dpi.
 * Strength 2: the prior barely counts, so what is measured is the evidence, not the shrinkage towards the prior
 * (test/fit.test.ts checks that).
 *
 * Tolerances (150 pages, seed 1; the largest error over seeds 1, 2, 3 in brackets): page_size p 0.1 (0.05),
 * margin_mm mean 1 mm (0.05), columns p 0.1 (0.02), gutter_mm mean 1 mm (0.47), block_gap mean 0.15 (0.07),
 * has_header / has_footer / has_page_number / has_title p 0.12 (0.10: sampling, sd 0.04 at 150 pages), n_elements λ
 * 8 % of the count the pages show (2.9 %), type_mix paragraph share 0.05 (0.015), paragraph.lines mean 12 % (5.5 %:
 * a paragraph split between columns is two boxes), table.rows λ 20 % (11 %: layout reserves room for wrapped
 * cells), equation.lines p 0.1 (0.03), figure.aspect and figure.width_frac means 0.08 (0.04), figure.caption p 0.1
 * (0.03), table.caption p 0.15 (0.11), caption_lines p 0.1 (0.05). Run with ROUNDTRIP_REPORT=1 (and
 * ROUNDTRIP_SEED=2, 3) to print the true and fitted values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyProfile, categoriesOf, CocoStreamWriter, PROFILES } from '../src/annotate/index.js';
import { networkEvidence } from '../src/evaluate/layout-stats/evidence.js';
import { setFeatures } from '../src/evaluate/layout-stats/features.js';
import { loadLayoutSet } from '../src/evaluate/layout-stats/load.js';
import { defaultKinds, withKindDefaults } from '../src/kinds/index.js';
import { fitNetwork, type FitResult, type NetworkEvidence } from '../src/network/fit.js';
import { compileNetwork, loadNetwork, samplePageSpec, type NetworkDef, type NodeDef } from '../src/network/index.js';
import { PageRenderer } from '../src/pipeline/page.js';
import { deriveSeed } from '../src/random/index.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/network/roundtrip.yaml');
const PAGES = Number(process.env.ROUNDTRIP_PAGES ?? 150);
const SEED = Number(process.env.ROUNDTRIP_SEED ?? 1);
const DPI = 100;
const STRENGTH = 2;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The node `key` (`margin_mm`, `paragraph.lines`) of a network. */
function node(def: NetworkDef, key: string): NodeDef {
  const [a, b] = key.split('.') as [string, string | undefined];
  const n = b === undefined ? def.nodes[a] : def.elements?.[a]?.nodes?.[b];
  if (!n) throw new Error(`no node ${key}`);
  return n;
}

/** The truth with its informed parameters moved far away; typography (which boxes cannot show) is kept. */
function movedPrior(truth: NetworkDef): NetworkDef {
  const d = clone(truth);
  const set = (key: string, patch: Partial<NodeDef>) => Object.assign(node(d, key), patch);
  set('page_size', { probs: [0.2, 0.8] });
  set('margin_mm', { params: { mean: 15, sd: 5 } });
  set('columns', { probs: [0.15, 0.85] });
  set('gutter_mm', { params: { min: 2, max: 4 } });
  set('block_gap', { params: { mean: 1.3, sd: 0.5 } });
  set('has_header', { params: { p: 0.15 } });
  set('has_footer', { params: { p: 0.8 } });
  set('has_page_number', { params: { p: 0.2 } });
  set('has_title', { params: { p: 0.6 } });
  set('n_elements', { cpt: { '*': { lambda: 3 } } });
  set('type_mix', { params: { alpha: [1, 1, 1, 1, 1, 1, 1] } });
  set('paragraph.lines', { params: { mu: 1, sigma: 1 } });
  set('table.rows', { params: { lambda: 3 } });
  set('figure.aspect', { params: { min: 0.2, max: 0.4 } });
  set('figure.width_frac', { params: { min: 0.3, max: 0.5 } });
  return d;
}

const BODY_TYPES = ['paragraph', 'section_header', 'list', 'table', 'figure', 'equation', 'footnote'];

/**
 * Renders `n` pages of `def` and writes their ink boxes as a COCO file in the doclaynet profile. Returns the mean
 * number of body elements the pages show, by column count (layout drops what does not fit: a float that finds no
 * room waits for a next column, and a one-column page has none).
 */
async function generateCoco(def: NetworkDef, n: number, seed: number, file: string): Promise<Record<string, number>> {
  const shown: Record<string, number[]> = {};
  const net = compileNetwork(withKindDefaults(def, defaultKinds));
  const profile = PROFILES.doclaynet!;
  const categories = categoriesOf(profile.classes);
  const idOf = new Map(categories.map((c) => [c.name, c.id]));
  const writer = new CocoStreamWriter(file, categories, { description: 'fit round trip' });
  const renderer = new PageRenderer();
  for (let i = 0; i < n; i++) {
    const spec = samplePageSpec(net, { index: i, seed: deriveSeed(seed, i) });
    const page = await renderer.render(spec, { format: 'jpeg', pngLevel: 1, jpegQuality: 50, dpi: DPI });
    const boxes = applyProfile(profile, page.regions).map((r) => [idOf.get(r.cls)!, r.box] as const);
    await writer.addImage({ id: i + 1, file_name: `${i + 1}.jpg`, width: page.width, height: page.height }, boxes);
    (shown[String(spec.values.columns)] ??= []).push(page.spec.elements.filter((e) => e.placed && BODY_TYPES.includes(e.type)).length);
  }
  await writer.finish();
  return Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / v.length]));
}

const row = (def: NetworkDef, key: string, config?: string): Record<string, number> => {
  const n = node(def, key);
  return (config !== undefined ? n.cpt![config] : n.params) as Record<string, number>;
};
const lognormalMean = (r: Record<string, number>) => Math.exp(r.mu! + r.sigma! ** 2 / 2);
const uniformMean = (r: Record<string, number>) => (r.min! + r.max!) / 2;
const share = (alpha: number[], i: number) => alpha[i]! / alpha.reduce((a, b) => a + b, 0);

describe('generate, then fit, recovers the network', () => {
  let truth: NetworkDef;
  let fit: FitResult;
  let evidence: NetworkEvidence;
  let shown: Record<string, number>;
  const dir = mkdtempSync(join(tmpdir(), 'pagesynth-roundtrip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    truth = (await loadNetwork(FIXTURE)).def;
    const coco = join(dir, 'annotations.json');
    shown = await generateCoco(truth, PAGES, SEED, coco);
    const set = await loadLayoutSet(coco, { profile: 'doclaynet' });
    const base = movedPrior(truth);
    evidence = networkEvidence(set, setFeatures(set), base);
    fit = fitNetwork(base, evidence, { strength: STRENGTH });
    if (process.env.ROUNDTRIP_REPORT) report(truth, fit.def, shown);
  });

  /** |fitted − true| of a scalar read off both networks. */
  const err = (f: (d: NetworkDef) => number) => Math.abs(f(fit.def) - f(truth));
  const relErr = (f: (d: NetworkDef) => number) => err(f) / f(truth);

  test('page geometry: size, margin, columns, gutter', () => {
    expect(err((d) => node(d, 'page_size').probs![0]!)).toBeLessThan(0.1);
    expect(err((d) => row(d, 'margin_mm').mean!)).toBeLessThan(1);
    for (const i of [0, 1]) expect(err((d) => node(d, 'columns').probs![i]!)).toBeLessThan(0.1);
    expect(err((d) => uniformMean(row(d, 'gutter_mm')))).toBeLessThan(1);
  });

  test('spacing and furniture: block_gap, header, footer, page number, title', () => {
    expect(err((d) => row(d, 'block_gap').mean!)).toBeLessThan(0.15);
    for (const key of ['has_header', 'has_footer', 'has_page_number', 'has_title']) expect(err((d) => row(d, key).p!), key).toBeLessThan(0.12);
  });

  test('body: element count (as shown), type mix, paragraph lines, table rows', () => {
    // Layout drops what does not fit, so the count to recover is the one the pages show.
    for (const k of ['1', '2']) expect(Math.abs(row(fit.def, 'n_elements', k).lambda! / shown[k]! - 1), `n_elements | columns=${k}`).toBeLessThan(0.08);
    expect(err((d) => share(row(d, 'type_mix').alpha as unknown as number[], 0))).toBeLessThan(0.05);
    expect(relErr((d) => lognormalMean(row(d, 'paragraph.lines')))).toBeLessThan(0.12);
    expect(relErr((d) => row(d, 'table.rows').lambda!)).toBeLessThan(0.2);
    expect(err((d) => node(d, 'equation.lines').probs![0]!)).toBeLessThan(0.1);
  });

  test('floats: figure geometry, captions', () => {
    expect(err((d) => uniformMean(row(d, 'figure.aspect')))).toBeLessThan(0.08);
    expect(err((d) => uniformMean(row(d, 'figure.width_frac')))).toBeLessThan(0.08);
    expect(err((d) => node(d, 'figure.caption').probs![0]!)).toBeLessThan(0.1);
    expect(err((d) => node(d, 'table.caption').probs![0]!)).toBeLessThan(0.15);
    for (const t of ['table', 'figure']) expect(err((d) => node(d, `${t}.caption_lines`).probs![0]!), `${t}.caption_lines`).toBeLessThan(0.1);
  });

  test('nodes the profile cannot show are left unchanged', () => {
    // DocLayNet boxes an equation with its number: no box says whether a formula is numbered.
    expect(evidence.observations['equation.numbered']).toBeUndefined();
    expect(fit.unchanged.map((u) => u.key)).toEqual(expect.arrayContaining(['font_size_pt', 'line_spacing', 'equation.numbered']));
  });
});

/** Prints true vs fitted parameters (ROUNDTRIP_REPORT=1), for choosing the tolerances above. */
function report(truth: NetworkDef, fitted: NetworkDef, shown: Record<string, number>): void {
  const lines: Array<[string, (d: NetworkDef) => number]> = [
    ['page_size a4', (d) => node(d, 'page_size').probs![0]!],
    ['margin_mm mean', (d) => row(d, 'margin_mm').mean!],
    ['margin_mm sd', (d) => row(d, 'margin_mm').sd!],
    ['columns p(2)', (d) => node(d, 'columns').probs![1]!],
    ['gutter_mm mean', (d) => uniformMean(row(d, 'gutter_mm'))],
    ['block_gap mean', (d) => row(d, 'block_gap').mean!],
    ['has_header', (d) => row(d, 'has_header').p!],
    ['has_footer', (d) => row(d, 'has_footer').p!],
    ['has_page_number', (d) => row(d, 'has_page_number').p!],
    ['has_title', (d) => row(d, 'has_title').p!],
    ['n_elements λ|1', (d) => row(d, 'n_elements', '1').lambda!],
    ['n_elements λ|2', (d) => row(d, 'n_elements', '2').lambda!],
    ...['paragraph', 'section_header', 'list', 'table', 'figure', 'equation', 'footnote'].map((c, i) => [`type_mix ${c}`, (d: NetworkDef) => share(row(d, 'type_mix').alpha as unknown as number[], i)] as [string, (d: NetworkDef) => number]),
    ['paragraph.lines mean', (d) => lognormalMean(row(d, 'paragraph.lines'))],
    ['table.rows λ', (d) => row(d, 'table.rows').lambda!],
    ['figure.aspect mean', (d) => uniformMean(row(d, 'figure.aspect'))],
    ['figure.width_frac mean', (d) => uniformMean(row(d, 'figure.width_frac'))],
    ['title.lines p(1)', (d) => node(d, 'title.lines').probs![0]!],
    ['footnote.lines p(1)', (d) => node(d, 'footnote.lines').probs![0]!],
    ['equation.lines p(1)', (d) => node(d, 'equation.lines').probs![0]!],
    ['table.caption p(above)', (d) => node(d, 'table.caption').probs![0]!],
    ['figure.caption p(below)', (d) => node(d, 'figure.caption').probs![0]!],
    ['table.caption_lines p(1)', (d) => node(d, 'table.caption_lines').probs![0]!],
    ['figure.caption_lines p(1)', (d) => node(d, 'figure.caption_lines').probs![0]!],
  ];
  const out = lines.map(([name, f]) => `${name.padEnd(28)} true ${f(truth).toFixed(3).padStart(7)}  fitted ${f(fitted).toFixed(3).padStart(7)}`);
  const shownLine = Object.entries(shown).map(([k, v]) => `body elements shown | columns=${k}: ${v.toFixed(3)}`);
  process.stdout.write(`seed ${SEED}, ${PAGES} pages\n${out.join('\n')}\n${shownLine.join('\n')}\n`);
}
