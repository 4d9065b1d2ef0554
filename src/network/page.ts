/**
 * One page's spec: network sample plus reading order, all from the page seed.
 */
import { invalidParameter } from '../errors.js';
import { createRng } from '../random/index.js';
import type { PageSpec } from '../types.js';
import type { Network } from './compile.js';
import { composeReadingOrder, TRAILING_TYPES } from './compose.js';
import { sampleEffectNodes, sampleExtraElements, sampleNetwork } from './sample.js';
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
 * Reserve paragraphs per column sampled when the page's `fill_page` node is true: they follow the body, and the layout
 * places as many as fit (the flow drops what overflows), so the body runs to the foot of the page.
 */
export const FILL_RESERVE = 12;

/**
 * Samples a page spec: the network is sampled from `createRng(seed).fork('network')`, then the elements are put
 * in reading order (compose.ts) with `createRng(seed).fork('compose')`. Same network, seed and interventions give
 * the same spec. When the network samples `fill_page: true`, {@link FILL_RESERVE} paragraphs (marked `reserve: true`)
 * are drawn from its paragraph sub-network with `createRng(seed).fork('fill')` and put after the body, before the
 * footnotes.
 * @throws UsageError if index or seed is not a non-negative safe integer.
 * @example samplePageSpec(net, { index: 3, seed: deriveSeed(42, 3) })
 */
export function samplePageSpec(net: Network, opts: PageSpecOptions): PageSpec {
  const { index, seed } = opts;
  if (!Number.isSafeInteger(index) || index < 0) throw invalidParameter('index', 'a non-negative integer', index);
  if (!Number.isSafeInteger(seed) || seed < 0) throw invalidParameter('seed', 'a non-negative safe integer', seed);
  const rng = createRng(seed);
  const { values, elements } = sampleNetwork(net, rng.fork('network'), opts.interventions);
  const ordered = composeReadingOrder(elements, rng.fork('compose'));
  if (values.fill_page === true) {
    // A reserve for every column: a six-column newspaper page needs six times what a one-column page does.
    const columns = typeof values.columns === 'number' ? Math.max(1, Math.round(values.columns)) : 1;
    const reserve = sampleExtraElements(net, 'paragraph', FILL_RESERVE * columns, values, rng.fork('fill'), opts.interventions);
    // After the body, before the trailing elements (footnotes).
    const at = ordered.findIndex((e) => TRAILING_TYPES.includes(e.type));
    ordered.splice(at < 0 ? ordered.length : at, 0, ...reserve.map((e) => ({ ...e, params: { ...e.params, reserve: true } })));
  }
  const spec: PageSpec = { index, seed, network: net.name, values, elements: ordered };
  if (net.effects.length) spec.effects = { values: sampleEffectNodes(net, values, rng.fork('effects'), opts.interventions) };
  return spec;
}
