/**
 * Statistical tests of sampling: 20,000 pages of a small network covering every distribution, each node's
 * frequencies checked against its CPT row per parent configuration with a chi-squared goodness-of-fit test
 * (p > 1e-3, fixed seeds), and means of continuous nodes against theory.
 *
 * Tolerance for means: 4.5 standard errors (a two-sided false alarm chance of about 7e-6 per check), the standard
 * error from the theoretical sd where it is known in closed form, else from the sample.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { compileNetwork, loadNetwork, samplePageSpec, sampleNetwork, type Network } from '../src/network/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import type { ElementSpec, NodeValue } from '../src/types.js';
import { chiSquareP, fixture, frequencies, mean, Phi, phi, range, sd, truncatedPoisson } from './fixtures/network/helpers.js';

const N = 20_000;
const MIN_P = 1e-3;
const SE_TOLERANCE = 4.5;

type Values = Record<string, NodeValue>;
interface Page {
  values: Values;
  elements: ElementSpec[];
}

let net: Network;
let pages: Page[];

beforeAll(async () => {
  net = compileNetwork((await loadNetwork(fixture('small.yaml'))).def);
  // The real path: a fresh seed (and fresh stdlib samplers) per page.
  pages = Array.from({ length: N }, (_, i) => samplePageSpec(net, { index: i, seed: deriveSeed(20_240_601, i) }));
});

/** Pages (or elements) grouped by the key `by` gives them. */
function groupBy<T>(xs: readonly T[], by: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = by(x);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(x);
  }
  return out;
}

function expectFit(observed: readonly unknown[], values: readonly unknown[], probs: readonly number[], what: string): void {
  const p = chiSquareP(frequencies(observed, values), probs);
  expect(p, `${what}: chi-squared p-value (observed ${frequencies(observed, values).join('/')}, probs ${probs.join('/')})`).toBeGreaterThan(MIN_P);
}

function expectMean(xs: readonly number[], expected: number, what: string, theoreticalSd?: number): void {
  const se = (theoreticalSd ?? sd(xs)) / Math.sqrt(xs.length);
  expect(Math.abs(mean(xs) - expected), `${what}: mean ${mean(xs)} vs ${expected} (SE ${se})`).toBeLessThan(SE_TOLERANCE * se);
}

const num = (v: NodeValue | undefined) => v as number;
const rec = (v: NodeValue | undefined) => v as Record<string, number>;

describe('categorical, bernoulli and poisson nodes follow their CPTs', () => {
  test('root categorical', () => {
    expectFit(
      pages.map((p) => p.values.kind),
      ['a', 'b', 'c'],
      [0.5, 0.3, 0.2],
      'kind',
    );
  });

  test('bernoulli with a categorical parent, per parent value', () => {
    const ps: Record<string, number> = { a: 0.2, b: 0.5, c: 0.9 };
    for (const [kind, group] of groupBy(pages, (p) => String(p.values.kind))) {
      expectFit(
        group.map((p) => p.values.flag),
        [false, true],
        [1 - ps[kind]!, ps[kind]!],
        `flag | kind=${kind}`,
      );
    }
  });

  test('categorical with two parents (one boolean) and a default row, per configuration', () => {
    const rows: Record<string, number[]> = { 'a,true': [0.1, 0.3, 0.6], 'a,false': [0.6, 0.3, 0.1], 'b,true': [0.2, 0.2, 0.6] };
    const groups = groupBy(pages, (p) => `${String(p.values.kind)},${String(p.values.flag)}`);
    expect(groups.size).toBe(6);
    for (const [config, group] of groups) {
      expectFit(
        group.map((p) => p.values.size),
        [1, 2, 3],
        rows[config] ?? [0.3, 0.4, 0.3],
        `size | ${config}`,
      );
    }
  });

  test('truncated poisson with a boolean parent', () => {
    for (const [flag, group] of groupBy(pages, (p) => String(p.values.flag))) {
      expectFit(
        group.map((p) => p.values.count),
        range(1, 10),
        truncatedPoisson(flag === 'true' ? 3 : 6, 1, 10),
        `count | flag=${flag}`,
      );
    }
  });

  test('rounded, truncated normal follows the discretised normal', () => {
    const probs = range(2, 8).map((k) => Phi((k + 0.5 - 5) / 1.5) - Phi((k - 0.5 - 5) / 1.5));
    const total = probs.reduce((a, b) => a + b, 0);
    expectFit(
      pages.map((p) => p.values.rounded),
      range(2, 8),
      probs.map((x) => x / total),
      'rounded',
    );
  });
});

describe('dirichlet and multinomial', () => {
  const alphas: Record<string, number[]> = { a: [2, 1, 1], b: [1, 1, 4], c: [1, 1, 4] };
  const cats = ['x', 'y', 'z'];

  test('dirichlet proportions sum to 1 and have mean alpha / sum(alpha) per parent value', () => {
    for (const p of pages) expect(Object.values(rec(p.values.mix)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const [kind, group] of groupBy(pages, (p) => String(p.values.kind))) {
      const alpha = alphas[kind]!;
      const a0 = alpha.reduce((a, b) => a + b, 0);
      cats.forEach((c, i) => {
        const m = alpha[i]! / a0;
        const theorySd = Math.sqrt((m * (1 - m)) / (a0 + 1));
        expectMean(
          group.map((p) => rec(p.values.mix)[c]!),
          m,
          `mix.${c} | kind=${kind}`,
          theorySd,
        );
      });
    }
  });

  test('multinomial with n and p from nodes: counts sum to n, shares follow p', () => {
    for (const p of pages) expect(Object.values(rec(p.values.counts)).reduce((a, b) => a + b, 0)).toBe(p.values.count);
    for (const [kind, group] of groupBy(pages, (p) => String(p.values.kind))) {
      const alpha = alphas[kind]!;
      const a0 = alpha.reduce((a, b) => a + b, 0);
      cats.forEach((c, i) => {
        // E[counts_c / n] = E[p_c] = alpha_c / a0 (n and p are independent given kind).
        expectMean(
          group.map((p) => rec(p.values.counts)[c]! / num(p.values.count)),
          alpha[i]! / a0,
          `counts.${c}/n | kind=${kind}`,
        );
      });
      // Given the sampled p, the counts are multinomial: the residuals counts - n p average to 0.
      expectMean(
        group.map((p) => rec(p.values.counts).x! - num(p.values.count) * rec(p.values.mix).x!),
        0,
        `counts.x - n mix.x | kind=${kind}`,
      );
    }
  });

  test('multinomial with a fixed n and fixed probabilities', () => {
    for (const p of pages) expect(Object.values(rec(p.values.fixed_counts)).reduce((a, b) => a + b, 0)).toBe(5);
    const pooled = cats.map((c) => pages.reduce((s, p) => s + rec(p.values.fixed_counts)[c]!, 0));
    expect(chiSquareP(pooled, [0.2, 0.3, 0.5])).toBeGreaterThan(MIN_P);
  });
});

describe('continuous nodes have their theoretical means', () => {
  const values = (name: string) => pages.map((p) => num(p.values[name]));

  test('normal', () => {
    expectMean(values('nrm'), 3, 'nrm', 2);
    expect(sd(values('nrm'))).toBeGreaterThan(2 * 0.97);
    expect(sd(values('nrm'))).toBeLessThan(2 * 1.03);
  });

  test('truncated normal stays in range and has the truncated mean', () => {
    const xs = values('tnrm');
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...xs)).toBeLessThanOrEqual(2);
    const [a, b] = [-0.5, 2];
    expectMean(xs, (phi(a) - phi(b)) / (Phi(b) - Phi(a)), 'tnrm');
  });

  test('lognormal', () => {
    const [mu, s] = [0.5, 0.4];
    const m = Math.exp(mu + (s * s) / 2);
    expectMean(values('lgn'), m, 'lgn', m * Math.sqrt(Math.exp(s * s) - 1));
  });

  test('truncated lognormal', () => {
    const xs = values('tlgn');
    expect(Math.max(...xs)).toBeLessThanOrEqual(3);
    const [mu, s, c] = [1, 0.5, 3];
    const m = (Math.exp(mu + (s * s) / 2) * Phi((Math.log(c) - mu - s * s) / s)) / Phi((Math.log(c) - mu) / s);
    expectMean(xs, m, 'tlgn');
  });

  test('uniform', () => {
    const xs = values('unif');
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...xs)).toBeLessThan(5);
    expectMean(xs, 3.5, 'unif', 3 / Math.sqrt(12));
  });

  test('beta', () => {
    const [a, b] = [2, 5];
    expectMean(values('bta'), a / (a + b), 'bta', Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))));
  });

  test('gamma (shape, scale)', () => {
    expectMean(values('gma'), 3 * 0.5, 'gma', Math.sqrt(3) * 0.5);
  });

  test('exponential', () => {
    expectMean(values('expo'), 1 / 4, 'expo', 1 / 4);
  });
});

describe('element plate', () => {
  const items = () => pages.flatMap((p) => p.elements.filter((e) => e.type === 'item').map((e) => ({ page: p.values, params: e.params })));

  test('instance counts follow the count nodes (integer node, multinomial component)', () => {
    for (const p of pages) {
      expect(p.elements.filter((e) => e.type === 'item').length).toBe(p.values.count);
      expect(p.elements.filter((e) => e.type === 'note').length).toBe(rec(p.values.fixed_counts).z);
    }
  });

  test('element node with a page-level parent', () => {
    for (const [kind, group] of groupBy(items(), (e) => String(e.page.kind))) {
      expectFit(
        group.map((e) => e.params.style),
        ['p', 'q'],
        kind === 'a' ? [0.9, 0.1] : [0.3, 0.7],
        `item.style | kind=${kind}`,
      );
    }
  });

  test('element node with a sibling parent (truncated poisson, max only)', () => {
    for (const [style, group] of groupBy(items(), (e) => String(e.params.style))) {
      expectFit(
        group.map((e) => e.params.width),
        range(0, 12),
        truncatedPoisson(style === 'p' ? 2 : 5, 0, 12),
        `item.width | style=${style}`,
      );
    }
  });

  test('bernoulli with an integer sibling parent and a default row', () => {
    const ps: Record<string, number> = { '0': 0.05, '1': 0.1, '2': 0.2 };
    for (const [width, group] of groupBy(items(), (e) => String(e.params.width))) {
      const p = ps[width] ?? 0.7;
      if (group.length < 50) continue;
      expectFit(
        group.map((e) => e.params.wide),
        [false, true],
        [1 - p, p],
        `item.wide | width=${width}`,
      );
    }
  });

  test('root element node', () => {
    expectFit(
      pages.flatMap((p) => p.elements.filter((e) => e.type === 'note').map((e) => e.params.lines)),
      [1, 2],
      [0.25, 0.75],
      'note.lines',
    );
  });
});

test('one Rng reused across many samples gives the same distributions (stdlib samplers made once)', () => {
  const rng = createRng(99);
  const xs = Array.from({ length: N }, () => sampleNetwork(net, rng).values);
  expectMean(
    xs.map((v) => num(v.nrm)),
    3,
    'nrm (one rng)',
    2,
  );
  expectFit(
    xs.map((v) => v.kind),
    ['a', 'b', 'c'],
    [0.5, 0.3, 0.2],
    'kind (one rng)',
  );
  const [a, b] = [2, 5];
  expectMean(
    xs.map((v) => num(v.bta)),
    a / (a + b),
    'bta (one rng)',
    Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))),
  );
});
