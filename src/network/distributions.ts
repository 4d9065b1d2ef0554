/**
 * The distributions a node can have: their parameters and allowed ranges (for validation), their support (for
 * interventions and finite domains) and how to draw from them. Draws come from stdlib's samplers, each fed by the
 * page's seeded `Rng` through its `prng` option, so the `Rng` is the only source of randomness.
 */
import betaDist from '@stdlib/random-base-beta';
import exponentialDist from '@stdlib/random-base-exponential';
import gammaDist from '@stdlib/random-base-gamma';
import lognormalDist from '@stdlib/random-base-lognormal';
import normalDist from '@stdlib/random-base-normal';
import poissonDist from '@stdlib/random-base-poisson';
import type { Rng } from '../random/index.js';
import type { DistName, ParamRow } from './types.js';

type Binary = (a: number, b: number) => number;
type Unary = (a: number) => number;

/**
 * stdlib samplers bound to one `Rng`, made on first use. stdlib's normal-based samplers seed an internal
 * generator from one draw of the `Rng` when made, so they are made per `Rng` (never shared between pages) and
 * the whole stream stays a function of the page seed. Making all six costs about 0.1 ms.
 */
export class Draws {
  private readonly prng: () => number;
  private normalFn?: Binary;
  private lognormalFn?: Binary;
  private poissonFn?: Unary;
  private gammaFn?: Binary;
  private betaFn?: Binary;
  private exponentialFn?: Unary;

  constructor(readonly rng: Rng) {
    this.prng = () => rng.next();
  }
  normal(mean: number, sd: number): number {
    return (this.normalFn ??= normalDist.factory({ prng: this.prng }))(mean, sd);
  }
  lognormal(mu: number, sigma: number): number {
    return (this.lognormalFn ??= lognormalDist.factory({ prng: this.prng }))(mu, sigma);
  }
  poisson(lambda: number): number {
    // stdlib returns NaN for lambda = 0; the distribution is then a point mass at 0.
    return lambda === 0 ? 0 : (this.poissonFn ??= poissonDist.factory({ prng: this.prng }))(lambda);
  }
  /** Gamma with shape and scale (stdlib takes shape and rate). */
  gamma(shape: number, scale: number): number {
    return (this.gammaFn ??= gammaDist.factory({ prng: this.prng }))(shape, 1 / scale);
  }
  beta(a: number, b: number): number {
    return (this.betaFn ??= betaDist.factory({ prng: this.prng }))(a, b);
  }
  exponential(rate: number): number {
    return (this.exponentialFn ??= exponentialDist.factory({ prng: this.prng }))(rate);
  }
  uniform(min: number, max: number): number {
    return this.rng.uniform(min, max);
  }
}

const drawsCache = new WeakMap<Rng, Draws>();

/** The samplers of `rng`, made once per `Rng` object. */
export function drawsFor(rng: Rng): Draws {
  let d = drawsCache.get(rng);
  if (!d) drawsCache.set(rng, (d = new Draws(rng)));
  return d;
}

/** One named parameter and its allowed range. */
export interface ParamSpec {
  name: string;
  /** A list of numbers (one per category) rather than a number. */
  vector?: boolean;
  ok(v: number): boolean;
  /** The allowed range, phrased for "expected ...". */
  expected: string;
}

const finite = (name: string): ParamSpec => ({ name, ok: Number.isFinite, expected: 'a finite number' });
const positive = (name: string): ParamSpec => ({ name, ok: (v) => Number.isFinite(v) && v > 0, expected: 'a number > 0' });
const nonNegative = (name: string): ParamSpec => ({ name, ok: (v) => Number.isFinite(v) && v >= 0, expected: 'a number >= 0' });
const probability = (name: string): ParamSpec => ({ name, ok: (v) => v >= 0 && v <= 1, expected: 'a probability in [0, 1]' });

/** How a distribution's parameters are written and what its values are. */
export type DistKind = 'categorical' | 'bernoulli' | 'scalar' | 'dirichlet' | 'multinomial';

export interface DistSpec {
  name: DistName;
  kind: DistKind;
  /** Named parameters (empty for categorical, whose rows are probability lists, and multinomial). */
  params: readonly ParamSpec[];
  /** Node fields besides dist/description/parents/params/cpt that apply. */
  fields: readonly string[];
  /** Scalar distributions: smallest and largest possible value. */
  support?: readonly [number, number];
  /** Scalar distributions: values are integers. */
  integer?: boolean;
  /** Scalar distributions: one draw. */
  draw?(d: Draws, row: ParamRow): number;
  /** A check across parameters, e.g. uniform's min <= max: what is wrong, or undefined. */
  crossCheck?(row: ParamRow): string | undefined;
}

const SCALAR_FIELDS = ['min', 'max', 'round'] as const;
const INF = Number.POSITIVE_INFINITY;
const num = (row: ParamRow, key: string) => row[key] as number;

function scalar(name: DistName, params: ParamSpec[], support: readonly [number, number], draw: DistSpec['draw'], extra: Partial<DistSpec> = {}): DistSpec {
  return { name, kind: 'scalar', params, fields: SCALAR_FIELDS, support, draw, ...extra };
}

/** Every distribution, by name. */
export const DISTRIBUTIONS: Readonly<Record<DistName, DistSpec>> = {
  categorical: { name: 'categorical', kind: 'categorical', params: [], fields: ['values', 'probs'] },
  bernoulli: { name: 'bernoulli', kind: 'bernoulli', params: [probability('p')], fields: [] },
  poisson: scalar('poisson', [nonNegative('lambda')], [0, INF], (d, r) => d.poisson(num(r, 'lambda')), { integer: true }),
  normal: scalar('normal', [finite('mean'), positive('sd')], [-INF, INF], (d, r) => d.normal(num(r, 'mean'), num(r, 'sd'))),
  lognormal: scalar('lognormal', [finite('mu'), positive('sigma')], [0, INF], (d, r) => d.lognormal(num(r, 'mu'), num(r, 'sigma'))),
  uniform: scalar('uniform', [finite('min'), finite('max')], [-INF, INF], (d, r) => d.uniform(num(r, 'min'), num(r, 'max')), {
    crossCheck: (r) => (num(r, 'min') > num(r, 'max') ? `expected min <= max, got min ${num(r, 'min')} > max ${num(r, 'max')}` : undefined),
  }),
  beta: scalar('beta', [positive('a'), positive('b')], [0, 1], (d, r) => d.beta(num(r, 'a'), num(r, 'b'))),
  gamma: scalar('gamma', [positive('shape'), positive('scale')], [0, INF], (d, r) => d.gamma(num(r, 'shape'), num(r, 'scale'))),
  exponential: scalar('exponential', [positive('rate')], [0, INF], (d, r) => d.exponential(num(r, 'rate'))),
  dirichlet: { name: 'dirichlet', kind: 'dirichlet', params: [{ ...positive('alpha'), vector: true }], fields: ['categories'] },
  multinomial: { name: 'multinomial', kind: 'multinomial', params: [], fields: ['categories', 'n', 'p'] },
};

/** Tolerance on probabilities summing to 1. */
export const SUM_TOLERANCE = 1e-6;

/** After this many draws outside [min, max] a truncated draw is clamped into range. */
export const MAX_TRUNCATION_TRIES = 200;
