/**
 * One page's spec: network sample plus reading order, all from the page seed.
 */
import { invalidParameter } from '../errors.js';
import { createRng } from '../random/index.js';
import type { PageSpec } from '../types.js';
import type { Network } from './compile.js';
import { composeReadingOrder } from './compose.js';
import { sampleNetwork } from './sample.js';
import type { Interventions } from './types.js';

/** Options of `samplePageSpec`. */
export interface PageSpecOptions {
  /** Page index in its run (recorded in the spec). */
  index: number;
  /** The page's own seed, e.g. `deriveSeed(masterSeed, index)`; the spec is a function of it alone. */
  seed: number;
  /** Fixed node values from `parseInterventions`. */
  interventions?: Interventions;
}

/**
 * Samples a page spec: the network is sampled from `createRng(seed).fork('network')`, then the elements are put
 * in reading order (compose.ts) with `createRng(seed).fork('compose')`. Same network, seed and interventions give
 * the same spec.
 * @throws UsageError if index or seed is not a non-negative safe integer.
 * @example samplePageSpec(net, { index: 3, seed: deriveSeed(42, 3) })
 */
export function samplePageSpec(net: Network, opts: PageSpecOptions): PageSpec {
  const { index, seed } = opts;
  if (!Number.isSafeInteger(index) || index < 0) throw invalidParameter('index', 'a non-negative integer', index);
  if (!Number.isSafeInteger(seed) || seed < 0) throw invalidParameter('seed', 'a non-negative safe integer', seed);
  const rng = createRng(seed);
  const { values, elements } = sampleNetwork(net, rng.fork('network'), opts.interventions);
  return { index, seed, network: net.name, values, elements: composeReadingOrder(elements, rng.fork('compose')) };
}
