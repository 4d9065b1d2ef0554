/**
 * The network stage: loading, validation (every problem at once, with file and path), interventions,
 * determinism, and the bundled templates.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { InputError, UsageError, type Problem } from '../src/errors.js';
import {
  bundledTemplates,
  FILL_RESERVE,
  compileNetwork,
  loadNetwork,
  parseInterventions,
  parseNetwork,
  samplePageSpec,
  sampleNetwork,
  validateNetwork,
  type Network,
  type NetworkDef,
} from '../src/network/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import type { PageSpec } from '../src/types.js';
import { chiSquareP, fixture, frequencies, range, readingOrderViolations, truncatedPoisson } from './fixtures/network/helpers.js';

/** The error `fn` throws (sync or async), failing the test if it does not throw. */
async function caught(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, none was thrown');
}

async function inputProblems(fn: () => unknown): Promise<Problem[]> {
  const err = await caught(fn);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).problems;
}

function expectProblem(problems: Problem[], path: string, message: RegExp, file?: string): void {
  const hit = problems.find((p) => p.path === path && message.test(p.message) && (file === undefined || p.file === file));
  expect(hit, `a problem at ${path} matching ${message} in:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`).toBeDefined();
}

/** Problems of an inline YAML network. */
function inlineProblems(yaml: string): Promise<Problem[]> {
  return inputProblems(() => parseNetwork(yaml, { file: 'inline.yaml' }));
}

const BASE = `
nodes:
  template: {dist: categorical, values: [scientific, report], probs: [0.5, 0.5]}
`;

describe('loading', () => {
  test('bundled templates are listed and the default loads from templates/', async () => {
    expect(bundledTemplates()).toEqual(expect.arrayContaining(['default', 'simple']));
    const loaded = await loadNetwork('default');
    expect(loaded.bundled).toBe(true);
    expect(loaded.source.endsWith(join('templates', 'default.yaml'))).toBe(true);
    expect(loaded.def.name).toBe('default');
  });

  test.each(bundledTemplates())('bundled template %s validates, compiles and samples', async (name) => {
    const net = compileNetwork((await loadNetwork(name)).def);
    const spec = samplePageSpec(net, { index: 0, seed: 1 });
    expect(spec.network).toBe(name);
    expect(spec.elements.length).toBeGreaterThan(0);
  });

  test('an unknown template name is a UsageError listing the bundled names', async () => {
    const err = await caught(() => loadNetwork('defualt'));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/unknown template "defualt".*default, simple.*genres of the default network: scientific, report/);
  });

  test('a missing file is an InputError naming the file', async () => {
    const problems = await inputProblems(() => loadNetwork('no/such/network.yaml'));
    expect(problems).toEqual([{ file: 'no/such/network.yaml', path: '', message: 'file not found' }]);
  });

  test('a JSON network loads, takes its name from the file, and counts fixed integers', async () => {
    const loaded = await loadNetwork(fixture('tiny.json'));
    expect(loaded.bundled).toBe(false);
    expect(loaded.def.name).toBe('tiny');
    const net = compileNetwork(loaded.def);
    for (let i = 0; i < 50; i++) {
      const spec = samplePageSpec(net, { index: i, seed: i });
      expect(spec.elements.filter((e) => e.type === 'paragraph')).toHaveLength(3);
      expect(spec.elements.filter((e) => e.type === 'title')).toHaveLength(spec.values.has_title ? 1 : 0);
    }
  });

  test('validation is idempotent and the definition survives JSON (it is sent to workers and hashed)', async () => {
    const { def } = await loadNetwork('default');
    expect(validateNetwork(def)).toEqual(def);
    const copy = JSON.parse(JSON.stringify(def)) as NetworkDef;
    const a = samplePageSpec(compileNetwork(def), { index: 0, seed: 5 });
    const b = samplePageSpec(compileNetwork(copy), { index: 0, seed: 5 });
    expect(b).toEqual(a);
  });

  test('CPT keys are normalised and a multinomial gets its categories from its dirichlet', () => {
    const def = parseNetwork(
      `${BASE}
  columns: {dist: categorical, parents: [template], values: [1, 2], cpt: {" scientific ": [0.5, 0.5], "*": [1, 0]}}
  n: {dist: poisson, params: {lambda: 4}}
  mix: {dist: dirichlet, categories: [a, b], params: {alpha: [1, 1]}}
  counts: {dist: multinomial, n: n, p: mix}
  fixed: {dist: multinomial, n: 3, p: {a: 0.25, b: 0.75}}
`,
      { file: 'x.yaml' },
    );
    expect(Object.keys(def.nodes.columns!.cpt!)).toEqual(['scientific', '*']);
    expect(def.nodes.counts!.categories).toEqual(['a', 'b']);
    expect(def.nodes.fixed).toMatchObject({ categories: ['a', 'b'], p: [0.25, 0.75] });
    expect(def.name).toBe('x');
  });
});

describe('validation', () => {
  test.each([
    ['cycle.yaml', 'nodes.a', /cycle: a -> b -> c -> a/],
    ['missing-parent.yaml', 'nodes.columns.parents[0]', /unknown node "tempalte".*did you mean: template\?/],
    ['cpt-sum.yaml', 'nodes.columns.cpt.report', /expected probabilities summing to 1 .*got sum 1\.05/],
    ['arity.yaml', 'nodes.columns.cpt.scientific', /expected 3 probabilities \(one per value: 1, 2, 3\), got 2/],
    ['unknown-dist.yaml', 'nodes.margin_mm.dist', /unknown distribution "gaussian".*known: categorical, bernoulli, poisson, normal, lognormal/],
    ['out-of-range.yaml', 'nodes.margin_mm.params.sd', /expected a number > 0, got 0/],
    ['malformed.yaml', '', /malformed YAML at line 4, column \d+: /],
    ['malformed.json', '', /malformed JSON at line 5, column \d+: /],
  ])('%s is an InputError naming the file and %j', async (name, path, message) => {
    const file = fixture(`invalid/${name}`);
    const err = await caught(() => loadNetwork(file));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(file);
    expectProblem((err as InputError).problems, path, message, file);
  });

  test('a file with many problems reports all of them in one InputError', async () => {
    const file = fixture('invalid/many-problems.yaml');
    const problems = await inputProblems(() => loadNetwork(file));
    const expected: [string, RegExp][] = [
      ['nodes.template.probs', /summing to 1.*got sum 1\.2/],
      ['nodes.columns.parents[1]', /unknown node "orientation"/],
      ['nodes.columns.cpt.scientific', /expected 2 parent values \(template, orientation\).*got 1/],
      ['nodes.margin_mm.params.sd', /expected a number > 0, got -1/],
      ['nodes.font.dist', /unknown distribution "weibull"/],
      ['nodes.has_title.params.p', /expected a probability in \[0, 1\], got 1\.5/],
      ['nodes.n_elements.min', /expected min <= max, got min 5 > max 3/],
      ['nodes.n_elements.params.lambda', /expected a number >= 0, got -2/],
      ['nodes.mix.params.alpha', /expected 2 numbers \(one per category: paragraph, table\), got 3/],
      ['nodes.mix.params.alpha[1]', /expected a number > 0, got 0/],
      ['nodes.counts.p', /expected the name of a dirichlet node, got "has_title", a bernoulli node/],
      ['nodes.loop_a', /cycle: loop_(a|b) -> loop_(a|b) -> loop_(a|b)/],
      ['nodes.width.params', /expected min <= max, got min 10 > max 2/],
      ['nodes.shape.params.shape', /expected a number > 0, got 0/],
      ['nodes.ratio.params.b', /missing; expected a number > 0/],
      ['elements.table.nodes.rows.parents[0]', /expected a parent with finitely many values.*"margin_mm", a normal node/],
      ['elements.figure.count', /unknown node "n_figures"/],
      ['elements.figure.nodes.kind', /unknown field "typo"/],
    ];
    for (const [path, message] of expected) expectProblem(problems, path, message, file);
    expect(problems.length).toBe(expected.length);
  });

  test('a parent configuration without a row (and no "*") is flagged', async () => {
    const problems = await inlineProblems(`${BASE}
  columns: {dist: categorical, parents: [template], values: [1, 2], cpt: {scientific: [0.5, 0.5]}}
`);
    expectProblem(problems, 'nodes.columns.cpt', /no row for parent configuration "report" and no default row "\*"/, 'inline.yaml');
  });

  test('a CPT key naming a value the parent does not have is flagged', async () => {
    const problems = await inlineProblems(`${BASE}
  flag: {dist: bernoulli, parents: [template], cpt: {scientifc: {p: 0.5}, report: {p: 0.5}}}
`);
    expectProblem(problems, 'nodes.flag.cpt.scientifc', /"scientifc" is not a value of parent template; expected one of: scientific, report/);
    expectProblem(problems, 'nodes.flag.cpt', /no row for parent configuration "scientific"/);
  });

  test('booleans and integers key CPT rows as strings; a poisson with max can be a parent', () => {
    expect(() =>
      parseNetwork(`
nodes:
  flag: {dist: bernoulli, params: {p: 0.5}}
  n: {dist: poisson, parents: [flag], cpt: {"true": {lambda: 1}, "false": {lambda: 2}}, max: 2}
  m: {dist: categorical, parents: [n, flag], values: [x, y], cpt: {"0,true": [1, 0], "1,false": [0, 1], "*": [0.5, 0.5]}}
`),
    ).not.toThrow();
  });

  test('parameters in the wrong place, unknown parameters and unknown fields are flagged', async () => {
    const problems = await inlineProblems(`${BASE}
  a: {dist: normal, params: {mu: 1, sd: 2}}
  b: {dist: normal, parents: [template], params: {mean: 1, sd: 2}}
  c: {dist: categorical, values: [x, x]}
  d: {dist: normal, values: [1, 2], params: {mean: 0, sd: 1}}
  e: {dist: bernoulli, parents: [], cpt: {"*": {p: 0.5}}}
  f: {dist: categorical, values: [1, 2], probs: "half"}
`);
    expectProblem(problems, 'nodes.a.params.mu', /unknown parameter; normal takes mean, sd/);
    expectProblem(problems, 'nodes.a.params.mean', /missing; expected a finite number/);
    expectProblem(problems, 'nodes.b.params', /a node with parents takes its parameters from cpt/);
    expectProblem(problems, 'nodes.b.cpt', /missing; expected one row per configuration of template/);
    expectProblem(problems, 'nodes.c.values[1]', /duplicate value "x"/);
    expectProblem(problems, 'nodes.c.probs', /missing; expected one probability per value/);
    expectProblem(problems, 'nodes.d.values', /does not apply to a normal node/);
    expectProblem(problems, 'nodes.e.cpt', /a node without parents takes no cpt/);
    expectProblem(problems, 'nodes.f.probs', /expected array, got "half"/);
  });

  test('count references and multinomial inputs are checked', async () => {
    const problems = await inlineProblems(`${BASE}
  margin: {dist: normal, params: {mean: 20, sd: 2}}
  mix: {dist: dirichlet, categories: [paragraph, table], params: {alpha: [2, 1]}}
  counts: {dist: multinomial, n: margin, p: mix}
  fixed: {dist: multinomial, n: 4, p: [0.5, 0.5]}
elements:
  table: {count: counts.tables}
  figure: {count: margin}
  list: {count: mix.table}
  note: {count: a.b.c}
`);
    expectProblem(problems, 'nodes.counts.n', /expected an integer-valued node .*got "margin", a normal node/);
    expectProblem(problems, 'nodes.fixed.categories', /missing; fixed probabilities p need one category name each/);
    expectProblem(problems, 'elements.table.count', /"tables" is not a category of counts; expected one of: paragraph, table/);
    expectProblem(problems, 'elements.figure.count', /expected a bernoulli or integer-valued node .*"margin", a normal node/);
    expectProblem(problems, 'elements.list.count', /expected "mix" to be a multinomial node/);
    expectProblem(problems, 'elements.note.count', /expected "node" or "node.category"/);
  });

  test('names, bounds and file shape are checked', async () => {
    const problems = await inlineProblems(`
name: 7
nodes:
  my-node: {dist: bernoulli, params: {p: 0.5}}
  k: {dist: poisson, params: {lambda: 2}, min: 0.5}
  r: {dist: normal, params: {mean: 0, sd: 1}, round: integer, min: 0.2, max: 0.8}
extra: true
`);
    expectProblem(problems, 'name', /expected string, got 7/);
    expectProblem(problems, '', /unknown field "extra"; expected one of: name, description, nodes, elements/);
    expectProblem(problems, 'nodes.my-node', /expected a node name made of letters, digits and _/);
    expectProblem(problems, 'nodes.k.min', /expected an integer \(poisson values are integers\), got 0\.5/);
    expectProblem(problems, 'nodes.r.min', /expected an integer between min 0\.2 and max 0\.8, found none/);
  });

  test('an empty file and duplicate YAML keys are InputErrors', async () => {
    expectProblem(await inlineProblems(''), '', /expected object, got null/, 'inline.yaml');
    expectProblem(await inlineProblems('nodes: {}\nnodes: {}\n'), '', /malformed YAML at line 2, column 1: Map keys must be unique/);
  });

  test('element nodes resolve parents among their siblings first, then at page level', () => {
    const def = parseNetwork(`
nodes:
  lines: {dist: categorical, values: [a, b], probs: [0.5, 0.5]}
  has_eq: {dist: bernoulli, params: {p: 1}}
elements:
  equation:
    count: has_eq
    nodes:
      lines: {dist: categorical, values: [1, 2], probs: [0, 1]}
      wide: {dist: bernoulli, parents: [lines], cpt: {"1": {p: 0}, "2": {p: 1}}}
      tone: {dist: categorical, parents: [has_eq], values: [x, y], cpt: {"true": [0, 1], "false": [1, 0]}}
`);
    const net = compileNetwork(def);
    const { elements } = sampleNetwork(net, createRng(1));
    expect(elements).toEqual([{ type: 'equation', params: { lines: 2, wide: true, tone: 'y' } }]);
  });
});

describe('interventions', () => {
  let small: Network;
  beforeAll(async () => {
    small = compileNetwork((await loadNetwork(fixture('small.yaml'))).def);
  });

  test('values are typed like the node', () => {
    expect(parseInterventions(['size=2', 'kind=b', 'flag=true', 'count=4', 'nrm=-1.5', 'item.style=q', 'item.wide=0'], small)).toEqual({
      size: 2,
      kind: 'b',
      flag: true,
      count: 4,
      nrm: -1.5,
      'item.style': 'q',
      'item.wide': false,
    });
    expect(parseInterventions(['mix=x:0.25,z:0.75', 'counts={"y": 3}'], small)).toEqual({
      mix: { x: 0.25, y: 0, z: 0.75 },
      counts: { x: 0, y: 3, z: 0 },
    });
  });

  test('a fixed node always has its value and its children follow the CPT row of that value', () => {
    const fixed = parseInterventions(['flag=true', 'item.style=q'], small);
    const pages = Array.from({ length: 4000 }, (_, i) => samplePageSpec(small, { index: i, seed: deriveSeed(7, i), interventions: fixed }));
    expect(pages.every((p) => p.values.flag === true)).toBe(true);
    // Parents of the fixed node are still sampled as usual.
    expect(chiSquareP(frequencies(pages.map((p) => p.values.kind), ['a', 'b', 'c']), [0.5, 0.3, 0.2])).toBeGreaterThan(1e-3);
    // count | flag=true is poisson(3) truncated to 1..10.
    expect(chiSquareP(frequencies(pages.map((p) => p.values.count), range(1, 10)), truncatedPoisson(3, 1, 10))).toBeGreaterThan(1e-3);
    // size | kind=a, flag=true follows row "a,true".
    const sizes = pages.filter((p) => p.values.kind === 'a').map((p) => p.values.size);
    expect(chiSquareP(frequencies(sizes, [1, 2, 3]), [0.1, 0.3, 0.6])).toBeGreaterThan(1e-3);
    // Element node: every item has style q; width | style=q is poisson(5) truncated to 0..12.
    const items = pages.flatMap((p) => p.elements.filter((e) => e.type === 'item'));
    expect(items.every((e) => e.params.style === 'q')).toBe(true);
    expect(chiSquareP(frequencies(items.map((e) => e.params.width), range(0, 12)), truncatedPoisson(5, 0, 12))).toBeGreaterThan(1e-3);
  });

  test('fixing a count node fixes the number of elements', () => {
    const spec = samplePageSpec(small, { index: 0, seed: 3, interventions: parseInterventions(['count=7', 'fixed_counts=z:2'], small) });
    expect(spec.elements.filter((e) => e.type === 'item')).toHaveLength(7);
    expect(spec.elements.filter((e) => e.type === 'note')).toHaveLength(2);
  });

  test.each([
    ['kindd=a', /no node "kindd"; did you mean: kind\?/],
    ['item.styel=p', /no node "item.styel"; did you mean: item.style\?/],
    ['zzzzzz=1', /no node "zzzzzz"; page-level nodes: kind, flag, .*element nodes are TYPE.NODE with TYPE one of: item, note/],
  ])('unknown node %s is a UsageError naming it and near names', async (spec, message) => {
    const err = await caught(() => parseInterventions([spec], small));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(message);
  });

  test.each([
    ['kind=d', /"d" is not a possible value of kind \(categorical\); allowed: a, b, c/],
    ['size=4', /"4" is not a possible value of size \(categorical\); allowed: 1, 2, 3/],
    ['flag=yes', /of flag \(bernoulli\); allowed: true, false/],
    ['count=0', /of count \(poisson\); allowed: integers from 1 to 10/],
    ['count=2.5', /of count \(poisson\); allowed: integers from 1 to 10/],
    ['item.width=13', /of item.width \(poisson\); allowed: integers from 0 to 12/],
    ['nrm=abc', /of nrm \(normal\); allowed: numbers$/],
    ['tnrm=3', /of tnrm \(normal\); allowed: numbers from -0.5 to 2/],
    ['bta=1.5', /of bta \(beta\); allowed: numbers from 0 to 1/],
    ['rounded=3.5', /of rounded \(normal\); allowed: integers from 2 to 8/],
    ['mix=x:0.5', /of mix \(dirichlet\); allowed: proportions summing to 1/],
    ['counts=x:-1', /of counts \(multinomial\); allowed: non-negative integer counts/],
    ['counts=w:1', /allowed: non-negative integer counts.*categories: x, y, z/],
  ])('impossible value %s is a UsageError naming the node and the allowed values', async (spec, message) => {
    const err = await caught(() => parseInterventions([spec], small));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(message);
  });

  test('malformed and repeated interventions are UsageErrors', async () => {
    expect((await caught(() => parseInterventions(['kind'], small))).message).toMatch(/expected NODE=VALUE/);
    expect((await caught(() => parseInterventions(['=a'], small))).message).toMatch(/expected NODE=VALUE/);
    expect((await caught(() => parseInterventions(['kind=a', 'kind=b'], small))).message).toMatch(/kind is already set/);
  });
});

describe('determinism', () => {
  let net: Network;
  beforeAll(async () => {
    net = compileNetwork((await loadNetwork('default')).def);
  });

  test('same seed gives the identical spec, also from a separately compiled network', async () => {
    const other = compileNetwork((await loadNetwork('default')).def);
    for (let i = 0; i < 50; i++) {
      const seed = deriveSeed(42, i);
      const a = JSON.stringify(samplePageSpec(net, { index: i, seed }));
      expect(JSON.stringify(samplePageSpec(net, { index: i, seed }))).toBe(a);
      expect(JSON.stringify(samplePageSpec(other, { index: i, seed }))).toBe(a);
    }
  });

  test('different seeds give different specs', () => {
    const specs = new Set(Array.from({ length: 200 }, (_, i) => JSON.stringify(samplePageSpec(net, { index: 0, seed: deriveSeed(42, i) }))));
    expect(specs.size).toBe(200);
  });

  test('the network is sampled from the fork "network" of the page seed', () => {
    const seed = deriveSeed(9, 9);
    const spec = samplePageSpec(net, { index: 9, seed });
    expect(spec.values).toEqual(sampleNetwork(net, createRng(seed).fork('network')).values);
    expect(spec).toMatchObject({ index: 9, seed, network: 'default' });
  });

  test('interventions are deterministic too and leave the composition stream alone', () => {
    const iv = parseInterventions(['columns=2'], net);
    const a = samplePageSpec(net, { index: 1, seed: 77, interventions: iv });
    expect(samplePageSpec(net, { index: 1, seed: 77, interventions: iv })).toEqual(a);
    expect(a.values.columns).toBe(2);
  });

  test('bad index or seed is a UsageError', async () => {
    expect(await caught(() => samplePageSpec(net, { index: -1, seed: 1 }))).toBeInstanceOf(UsageError);
    expect(await caught(() => samplePageSpec(net, { index: 0, seed: 1.5 }))).toBeInstanceOf(UsageError);
  });
});

describe('default network', () => {
  const PAGES = 2000;
  let net: Network;
  let specs: PageSpec[];
  beforeAll(async () => {
    net = compileNetwork((await loadNetwork('default')).def);
    specs = Array.from({ length: PAGES }, (_, i) => samplePageSpec(net, { index: i, seed: deriveSeed(2024, i) }));
  });

  test('every page obeys the reading-order rules', () => {
    for (const s of specs) {
      const types = s.elements.map((e) => e.type);
      expect(readingOrderViolations(types), types.join(' ')).toEqual([]);
    }
  });

  test('pages with section headers open the body with one at least about half of the time', () => {
    const body = (s: PageSpec) => s.elements.filter((e) => !['header', 'footer', 'page_number', 'title', 'abstract', 'footnote'].includes(e.type));
    const withHeaders = specs.map(body).filter((b) => b.some((e) => e.type === 'section_header'));
    const opening = withHeaders.filter((b) => b[0]!.type === 'section_header').length / withHeaders.length;
    expect(withHeaders.length).toBeGreaterThan(500);
    expect(opening).toBeGreaterThan(0.5);
    expect(opening).toBeLessThan(0.85);
  });

  test('page values are in their documented ranges', () => {
    const d = net.def.nodes;
    for (const { values: v } of specs) {
      expect(d.template!.values).toContain(v.template);
      expect(d.page_size!.values).toContain(v.page_size);
      expect(d.font_family!.values).toContain(v.font_family);
      expect(d.heading_family!.values).toContain(v.heading_family);
      expect(d.language!.values).toContain(v.language);
      expect(v.margin_mm).toBeGreaterThanOrEqual(3);
      expect(v.margin_mm).toBeLessThanOrEqual(35);
      expect(v.font_size_pt).toBeGreaterThanOrEqual(7);
      expect(v.font_size_pt).toBeLessThanOrEqual(30);
      expect(v.gutter_mm).toBeGreaterThanOrEqual(4);
      expect(v.gutter_mm).toBeLessThanOrEqual(10);
      expect(v.line_spacing).toBeGreaterThanOrEqual(1.1);
      expect(v.line_spacing).toBeLessThanOrEqual(1.45);
      expect(v.n_elements).toBeGreaterThanOrEqual(1);
      expect(v.n_elements).toBeLessThanOrEqual(40);
      // Genres with a fixed page: receipts are narrow thermal paper, slides 16:9, newspapers many-columned.
      if (v.template === 'receipt') expect(v.page_size).toBe('receipt');
      if (v.template === 'slide') expect(v.page_size).toBe('slide');
      if (v.template === 'newspaper') expect(v.columns).toBeGreaterThanOrEqual(4);
    }
  });

  test('the marginal of columns matches the CPTs, and looks like real documents', () => {
    const def = net.def.nodes;
    const pt = def.template!.probs!;
    const templates = def.template!.values!;
    const cols = def.columns!.values as number[];
    const expected = cols.map(() => 0);
    const rowOf = (node: string, key: string) => (def[node]!.cpt![key] ?? def[node]!.cpt!['*']) as number[];
    templates.forEach((t, i) => {
      (['portrait', 'landscape'] as const).forEach((o, j) => {
        const po = rowOf('orientation', String(t))[j]!;
        rowOf('columns', `${String(t)},${o}`).forEach((p, k) => (expected[k]! += pt[i]! * po * p));
      });
    });
    const observed = frequencies(
      specs.map((s) => s.values.columns),
      cols,
    );
    const keep = expected.map((e, k) => (e > 0 ? k : -1)).filter((k) => k >= 0);
    expect(chiSquareP(keep.map((k) => observed[k]!), keep.map((k) => expected[k]!))).toBeGreaterThan(1e-3);
    // Sane: mostly one or two columns, many columns only on newspaper pages, landscape rare.
    expect(observed[0]! / PAGES).toBeGreaterThan(0.45);
    expect(observed[1]! / PAGES).toBeGreaterThan(0.15);
    expect(specs.filter((s) => (s.values.columns as number) >= 4).every((s) => s.values.template === 'newspaper')).toBe(true);
    expect(specs.filter((s) => s.values.orientation === 'landscape').length / PAGES).toBeLessThan(0.08);
  });

  test('elements carry every node of their sub-network, with sensible values', () => {
    const seen = new Set<string>();
    const nodesOf = new Map(Object.entries(net.def.elements!).map(([type, el]) => [type, Object.keys(el.nodes ?? {}).sort().join(',')]));
    for (const s of specs) {
      for (const e of s.elements) {
        seen.add(e.type);
        // `reserve` marks the paragraphs drawn to fill the page (FILL_RESERVE); see the test below.
        // expect() only on a mismatch: 60,000 passing calls take seconds.
        const keys = Object.keys(e.params).filter((k) => k !== 'reserve').sort();
        if (keys.join(',') !== nodesOf.get(e.type)) expect(keys).toEqual(Object.keys(net.def.elements![e.type]!.nodes ?? {}).sort());
        const x = e.params;
        if (e.type === 'paragraph' && !(Number.isInteger(x.lines) && (x.lines as number) >= 1 && (x.lines as number) <= 30)) expect(x.lines).toSatisfy((v: number) => Number.isInteger(v) && v >= 1 && v <= 30);
        if (e.type === 'table' && !((x.cols as number) >= 2 && (x.cols as number) <= 8)) expect(x.cols).toSatisfy((v: number) => v >= 2 && v <= 8);
        if (e.type === 'figure' && !((x.aspect as number) >= 0.45 && (x.aspect as number) <= 0.9)) expect(x.aspect).toSatisfy((v: number) => v >= 0.45 && v <= 0.9);
        if (e.type === 'section_header' && ![1, 2, 3].includes(x.level as number)) expect([1, 2, 3]).toContain(x.level);
      }
    }
    // Every element type of the network appears over 2,000 pages.
    expect([...seen].sort()).toEqual(Object.keys(net.def.elements!).sort());
    const lines = specs.flatMap((s) => s.elements.filter((e) => e.type === 'paragraph' && !e.params.reserve).map((e) => e.params.lines as number));
    const meanLines = lines.reduce((a, b) => a + b, 0) / lines.length;
    expect(meanLines).toBeGreaterThan(5);
    expect(meanLines).toBeLessThan(10);
  });

  test('fill_page pages carry FILL_RESERVE reserve paragraphs after the body and before the footnotes; others none', () => {
    let filled = 0;
    for (const s of specs) {
      const reserve = s.elements.map((e, i) => ({ e, i })).filter(({ e }) => e.params.reserve === true);
      if (s.values.fill_page !== true) {
        expect(reserve).toHaveLength(0);
        continue;
      }
      filled++;
      // One reserve of FILL_RESERVE paragraphs per column.
      const n = FILL_RESERVE * (s.values.columns as number);
      expect(reserve).toHaveLength(n);
      expect(reserve.every(({ e }) => e.type === 'paragraph')).toBe(true);
      // Contiguous, followed only by footnotes.
      const first = reserve[0]!.i;
      expect(reserve.map(({ i }) => i)).toEqual(Array.from({ length: n }, (_, k) => first + k));
      expect(s.elements.slice(first + n).every((e) => e.type === 'footnote')).toBe(true);
    }
    // P(fill_page) = Σ P(template) · p(fill_page | template) under the genre mix; 4 sd of a binomial share of 2,000.
    const d = net.def.nodes;
    const cpt = d.fill_page!.cpt!;
    const pFill = d.template!.values!.reduce<number>((a, t, i) => a + d.template!.probs![i]! * Number(((cpt[String(t)] ?? cpt['*']) as { p: number }).p), 0);
    expect(Math.abs(filled / specs.length - pFill)).toBeLessThan(4 * Math.sqrt((pFill * (1 - pFill)) / specs.length));
  });
});
