/**
 * `fitNetwork`: conjugate updates recover the parameters of a known network from its own samples as the page
 * count grows, never produce an invalid network file, and `pagesynth fit` writes a valid, annotated file (or
 * nothing at all on bad input).
 *
 * Tolerances (N = 4000 sampled pages, strength 20, a prior far from the truth): probabilities within 0.03,
 * Poisson λ within 4%, normal mean within 0.15 and sd within 8%, lognormal mu within 0.05, Dirichlet mean
 * shares within 0.03 and concentration within 30%, uniform bounds within 0.1 (moment matching keeps a little
 * of the prior's spread). With N = 50 the same errors are
 * larger (checked for the categorical and Poisson nodes): recovery improves with the page count.
 */
import { mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitCommand } from '../src/cli/fit.js';
import { InputError } from '../src/errors.js';
import { fitNetwork, formatNetwork, type NetworkEvidence, type NodeObservation } from '../src/network/fit.js';
import { compileNetwork, loadNetwork, parseNetwork, samplePageSpec, validateNetwork, type NetworkDef } from '../src/network/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';

const TRUTH = {
  name: 'truth',
  nodes: {
    genre: { dist: 'categorical', values: ['a', 'b'], probs: [0.7, 0.3] },
    columns: { dist: 'categorical', parents: ['genre'], values: [1, 2, 3], cpt: { a: [0.2, 0.7, 0.1], b: [0.6, 0.3, 0.1] } },
    has_title: { dist: 'bernoulli', params: { p: 0.35 } },
    n_elements: { dist: 'poisson', parents: ['columns'], cpt: { '1': { lambda: 6 }, '2': { lambda: 11 }, '3': { lambda: 15 } }, max: 60 },
    margin_mm: { dist: 'normal', params: { mean: 24, sd: 3 } },
    mix: { dist: 'dirichlet', categories: ['p', 'q', 'r'], params: { alpha: [6, 3, 1] } },
    gutter: { dist: 'uniform', params: { min: 5, max: 9 } },
  },
  elements: { para: { count: 'n_elements', nodes: { lines: { dist: 'lognormal', parents: ['columns'], cpt: { '1': { mu: 1.5, sigma: 0.5 }, '2': { mu: 1.9, sigma: 0.5 }, '3': { mu: 2.1, sigma: 0.5 } } } } } },
} as unknown as NetworkDef;

/** Same structure, parameters far from the truth. */
const PRIOR = {
  name: 'prior',
  nodes: {
    genre: { dist: 'categorical', values: ['a', 'b'], probs: [0.5, 0.5] },
    columns: { dist: 'categorical', parents: ['genre'], values: [1, 2, 3], cpt: { a: [0.6, 0.2, 0.2], '*': [0.34, 0.33, 0.33] } },
    has_title: { dist: 'bernoulli', params: { p: 0.8 } },
    n_elements: { dist: 'poisson', parents: ['columns'], cpt: { '*': { lambda: 3 } }, max: 60 },
    margin_mm: { dist: 'normal', params: { mean: 15, sd: 6 } },
    mix: { dist: 'dirichlet', categories: ['p', 'q', 'r'], params: { alpha: [1, 1, 1] } },
    gutter: { dist: 'uniform', params: { min: 2, max: 4 } },
  },
  elements: { para: { count: 'n_elements', nodes: { lines: { dist: 'lognormal', parents: ['columns'], cpt: { '*': { mu: 1, sigma: 1 } } } } } },
} as unknown as NetworkDef;

/** Observations of every node but `genre` (hidden, like the genre of a real page). */
function evidenceFrom(def: NetworkDef, n: number, seed: number): NetworkEvidence {
  const net = compileNetwork(def);
  const obs: Record<string, NodeObservation[]> = {};
  const add = (k: string, o: NodeObservation) => (obs[k] ??= []).push(o);
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) {
    const s = samplePageSpec(net, { index: i, seed: deriveSeed(seed, i) });
    const v = s.values;
    add('columns', { value: v.columns! });
    add('has_title', { value: v.has_title! });
    add('n_elements', { value: v.n_elements!, parents: { columns: v.columns as number } });
    add('margin_mm', { value: v.margin_mm! });
    add('gutter', { value: v.gutter! });
    // Element counts drawn from the page's mix (what a page shows of its type proportions).
    const mix = v.mix as Record<string, number>;
    const counts: Record<string, number> = { p: 0, q: 0, r: 0 };
    for (let k = 0; k < 12; k++) {
      const u = rng.next();
      counts[u < mix.p! ? 'p' : u < mix.p! + mix.q! ? 'q' : 'r']! += 1;
    }
    add('mix', { value: counts });
    for (const el of s.elements) if (el.type === 'para') add('para.lines', { value: el.params.lines!, parents: { columns: v.columns as number } });
  }
  return { pages: n, observations: obs };
}

function marginal(def: NetworkDef): number[] {
  const g = def.nodes.genre!.probs!;
  const cpt = def.nodes.columns!.cpt!;
  const row = (k: string) => (cpt[k] ?? cpt['*']) as number[];
  return [0, 1, 2].map((i) => g[0]! * row('a')[i]! + g[1]! * row('b')[i]!);
}

describe('fitNetwork recovers a known network', () => {
  const big = fitNetwork(PRIOR, evidenceFrom(TRUTH, 4000, 11), { strength: 20 });
  const small = fitNetwork(PRIOR, evidenceFrom(TRUTH, 50, 11), { strength: 20 });
  const truthCols = marginal(TRUTH);

  test('categorical (parent hidden: every row gets the evidence) and bernoulli', () => {
    const m = marginal(big.def);
    m.forEach((p, i) => expect(Math.abs(p - truthCols[i]!)).toBeLessThan(0.03));
    const errBig = Math.max(...m.map((p, i) => Math.abs(p - truthCols[i]!)));
    const errSmall = Math.max(...marginal(small.def).map((p, i) => Math.abs(p - truthCols[i]!)));
    expect(errBig).toBeLessThan(errSmall);
    expect(Math.abs((big.def.nodes.has_title!.params!.p as number) - 0.35)).toBeLessThan(0.03);
  });

  test('poisson rows by observed parent', () => {
    const cpt = big.def.nodes.n_elements!.cpt!;
    for (const [k, lambda] of [['1', 6], ['2', 11], ['3', 15]] as const) {
      expect(Math.abs(((cpt[k] as { lambda: number }).lambda - lambda) / lambda)).toBeLessThan(0.04);
    }
    const errSmall = Math.abs((small.def.nodes.n_elements!.cpt!['2'] as { lambda: number }).lambda - 11);
    const errBig = Math.abs((cpt['2'] as { lambda: number }).lambda - 11);
    expect(errBig).toBeLessThan(errSmall);
  });

  test('normal, lognormal (Normal-Inverse-Gamma) and uniform (moments)', () => {
    const m = big.def.nodes.margin_mm!.params!;
    expect(Math.abs((m.mean as number) - 24)).toBeLessThan(0.15);
    expect(Math.abs((m.sd as number) / 3 - 1)).toBeLessThan(0.08);
    const lines = big.def.elements!.para!.nodes!.lines!.cpt!;
    expect(Math.abs(((lines['2'] as { mu: number }).mu) - 1.9)).toBeLessThan(0.05);
    expect(Math.abs(((lines['2'] as { sigma: number }).sigma) / 0.5 - 1)).toBeLessThan(0.08);
    const u = big.def.nodes.gutter!.params!;
    expect(Math.abs((u.min as number) - 5)).toBeLessThan(0.1);
    expect(Math.abs((u.max as number) - 9)).toBeLessThan(0.1);
  });

  test('dirichlet: mean shares and concentration', () => {
    const alpha = big.def.nodes.mix!.params!.alpha as number[];
    const A = alpha.reduce((a, b) => a + b, 0);
    [0.6, 0.3, 0.1].forEach((m, i) => expect(Math.abs(alpha[i]! / A - m)).toBeLessThan(0.03));
    expect(Math.abs(A / 10 - 1)).toBeLessThan(0.3);
  });

  test('the hidden node and multinomials are listed as unchanged', () => {
    expect(big.unchanged.map((u) => u.key)).toContain('genre');
    expect(big.fitted.map((f) => f.key).sort()).toEqual(['columns', 'gutter', 'has_title', 'margin_mm', 'mix', 'n_elements', 'para.lines'].sort());
  });
});

describe('fitting never produces an invalid file', () => {
  test('random and hostile evidence on the default network, YAML and JSON', async () => {
    const { def } = await loadNetwork('default');
    const net = compileNetwork(def);
    const rng = createRng(5);
    const junk = () => rng.pick<NodeObservation['value']>([0, -3, 1e9, 0.5, 2, 'x', true, false, Number.NaN, { paragraph: 3 }, { paragraph: 0, table: 0 }, 'letter', 1]);
    for (let trial = 0; trial < 25; trial++) {
      const obs: Record<string, NodeObservation[]> = {};
      for (const key of net.byKey.keys()) {
        if (rng.chance(0.3)) continue;
        obs[key] = Array.from({ length: rng.int(1, 6) }, () => ({ value: junk(), ...(rng.chance(0.5) ? { parents: { columns: rng.pick([1, 2, 3, 7]), template: 'report' } } : {}) }));
      }
      obs.no_such_node = [{ value: 1 }];
      const r = fitNetwork(def, { pages: 3, observations: obs }, { strength: rng.pick([0.001, 1, 20, 1e6]) });
      for (const format of ['yaml', 'json'] as const) {
        const text = formatNetwork(r.def, format, ['header']);
        expect(() => compileNetwork(parseNetwork(text, { format }))).not.toThrow();
      }
      expect(r.unchanged.some((u) => u.key === 'no_such_node')).toBe(true);
    }
  });
});

describe('pagesynth fit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pagesynth-fit-'));
  const coco = {
    images: [1, 2, 3].map((id) => ({ id, file_name: `p${id}.png`, width: 1275, height: 1650 })),
    categories: ['paragraph', 'section', 'table', 'caption', 'figure', 'equation', 'footer', 'list', 'title', 'author', 'abstract', 'reference', 'date'].map((name, i) => ({ id: i + 1, name })),
    annotations: [
      // page 1: two columns of text, a page number at the bottom
      { image_id: 1, category_id: 1, bbox: [140, 150, 470, 600] },
      { image_id: 1, category_id: 1, bbox: [665, 150, 470, 900] },
      { image_id: 1, category_id: 2, bbox: [140, 800, 300, 20] },
      { image_id: 1, category_id: 1, bbox: [630, 1560, 15, 16] },
      // page 2: one column, a table with its caption above
      { image_id: 2, category_id: 1, bbox: [150, 160, 975, 400] },
      { image_id: 2, category_id: 4, bbox: [150, 600, 975, 20] },
      { image_id: 2, category_id: 3, bbox: [150, 630, 975, 300] },
      // page 3: title page
      { image_id: 3, category_id: 9, bbox: [200, 150, 875, 40] },
      { image_id: 3, category_id: 10, bbox: [400, 210, 475, 20] },
      { image_id: 3, category_id: 1, bbox: [150, 300, 975, 500] },
    ].map((a, i) => ({ id: i + 1, area: a.bbox[2]! * a.bbox[3]!, iscrowd: 0, ...a })),
  };
  const real = join(dir, 'real.json');
  writeFileSync(real, JSON.stringify(coco));

  test('writes a valid network with a comment header recording the source', async () => {
    const out = join(dir, 'fitted.yaml');
    await fitCommand({ real, labels: 'docbank', base: 'default', out, strength: 10, quiet: true });
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Fitted by `pagesynth fit`/);
    expect(text).toContain('3 pages, label profile docbank');
    expect(text).toContain('Left unchanged:');
    const def = validateNetwork(parseNetwork(text, { file: out }));
    expect(() => compileNetwork(def)).not.toThrow();
    expect(def.description).toContain('Fitted on 3 pages');
    const json = join(dir, 'fitted.json');
    await fitCommand({ real, labels: 'docbank', base: 'default', out: json, quiet: true });
    expect(() => compileNetwork(parseNetwork(readFileSync(json, 'utf8'), { file: json }))).not.toThrow();
  });

  test('bad input: no pages is an error and nothing is written', async () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ images: [], annotations: [], categories: coco.categories }));
    const out = join(dir, 'never.yaml');
    await expect(fitCommand({ real: empty, labels: 'docbank', base: 'default', out, quiet: true })).rejects.toThrow(InputError);
    await expect(fitCommand({ real: empty, labels: 'docbank', base: 'default', out, quiet: true })).rejects.toThrow(/no pages/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
