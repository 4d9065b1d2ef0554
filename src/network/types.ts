/**
 * Types of the network stage: the definition as read from a file (`NetworkDef`, plain JSON so it can be hashed and
 * sent to worker threads), interventions, and what sampling returns.
 */
import type { ElementSpec, NodeValue } from '../types.js';

/** Every distribution a node can have. */
export const DIST_NAMES = [
  'categorical',
  'bernoulli',
  'poisson',
  'normal',
  'lognormal',
  'uniform',
  'beta',
  'gamma',
  'exponential',
  'dirichlet',
  'multinomial',
] as const;
export type DistName = (typeof DIST_NAMES)[number];

/** A value a categorical node can take (and the type of a CPT parent's values). */
export type Scalar = string | number | boolean;

/** Named parameters of one distribution, e.g. `{ mean: 10, sd: 0.6 }` or `{ alpha: [2, 1, 1] }`. */
export type ParamRow = Record<string, number | number[]>;

/** A CPT row: probabilities (categorical) or named parameters (everything else). */
export type CptRow = number[] | ParamRow;

/**
 * One node as written in a network file. Which fields apply depends on `dist`; validation rejects the others.
 * Without parents the parameters are in `params` (or `probs` for categorical); with parents they are in `cpt`,
 * keyed by the parents' values joined with "," in parent order, with an optional default row `"*"`.
 */
export interface NodeDef {
  dist: DistName;
  description?: string;
  /** Nodes this node's parameters depend on (each must have finitely many values). */
  parents?: string[];
  /** categorical: the values. */
  values?: Scalar[];
  /** categorical without parents: one probability per value. */
  probs?: number[];
  /** dirichlet, multinomial: category names. */
  categories?: string[];
  /** Parameters without parents. */
  params?: ParamRow;
  /** Parameters per parent configuration. */
  cpt?: Record<string, CptRow>;
  /** multinomial: number of trials, a node name or an integer. */
  n?: string | number;
  /** multinomial: the name of a dirichlet node, or fixed probabilities (one per category). */
  p?: string | number[];
  /** Truncation bounds (scalar distributions). */
  min?: number;
  max?: number;
  /** Round scalar values: `'integer'`, or a number of decimals. */
  round?: 'integer' | number;
}

/** One element type: how many instances a page has, and the sub-network sampled for each. */
export interface ElementDef {
  description?: string;
  /**
   * A page-level node name (boolean: 0 or 1 instance; integer: that many), `node.category` for one count of a
   * multinomial node, or a fixed non-negative integer.
   */
  count: string | number;
  nodes?: Record<string, NodeDef>;
}

/** A validated, normalised network file: plain JSON (hashable, structured-cloneable). */
export interface NetworkDef {
  name: string;
  description?: string;
  nodes: Record<string, NodeDef>;
  elements?: Record<string, ElementDef>;
  /**
   * Print-and-scan effects: nodes sampled once per page from their own random stream (parents may be page-level
   * nodes), named `effects.<node>` for `--set`. The pipeline reads `profile` and one level per effect.
   */
  effects?: { description?: string; nodes: Record<string, NodeDef> };
}

/** A network definition and where it came from. */
export interface LoadedNetwork {
  def: NetworkDef;
  /** Absolute path of the file it was read from. */
  source: string;
  /** True when it is one of the templates shipped with pagesynth. */
  bundled: boolean;
  /** Set when a genre name was asked for: the caller fixes the network's `template` node to it. */
  genre?: string;
}

/**
 * Fixed node values: page-level nodes by name, element nodes as `type.node`. Plain data, so it can be sent to
 * worker threads. Make it with `parseInterventions`, which checks names and values.
 */
export type Interventions = Record<string, NodeValue>;

/** What sampling the network gives: page-level values and element instances in plate order (not reading order). */
export interface NetworkSample {
  values: Record<string, NodeValue>;
  elements: ElementSpec[];
}
