/**
 * Ancestral sampling: page-level nodes in topological order, then for each element type its instances, each
 * sampling the type's sub-network. Fixed (intervened) nodes are not drawn; their descendants follow their value.
 */
import type { Rng } from '../random/index.js';
import type { ElementSpec, NodeValue } from '../types.js';
import type { CompiledNode, Network } from './compile.js';
import { drawsFor, type Draws } from './distributions.js';
import type { Interventions, NetworkSample } from './types.js';

function sampleNodes(nodes: readonly CompiledNode[], local: Record<string, NodeValue>, page: Record<string, NodeValue>, draws: Draws, fixed: Interventions): void {
  for (const node of nodes) local[node.name] = Object.hasOwn(fixed, node.key) ? fixed[node.key]! : node.sample(local, page, draws);
}

/**
 * Samples `n` more instances of element type `type` given the page's sampled `values` (an empty list when the
 * network has no such type). Used for reserve elements the layout places only if there is room.
 */
export function sampleExtraElements(net: Network, type: string, n: number, values: Record<string, NodeValue>, rng: Rng, interventions: Interventions = {}): ElementSpec[] {
  const el = net.elements.find((e) => e.type === type);
  if (!el) return [];
  const draws = drawsFor(rng);
  return Array.from({ length: n }, () => {
    const params: Record<string, NodeValue> = {};
    sampleNodes(el.nodes, params, values, draws, interventions);
    return { type, params };
  });
}

/**
 * Samples the network's `effects` nodes given the page's values, drawing only from `rng` (the page's own effects
 * stream, so fixing `effects.profile` changes nothing else on the page). Empty when the network has none.
 * @example sampleEffectNodes(net, values, createRng(seed).fork('effects'))
 */
export function sampleEffectNodes(net: Network, values: Record<string, NodeValue>, rng: Rng, interventions: Interventions = {}): Record<string, NodeValue> {
  const out: Record<string, NodeValue> = {};
  if (net.effects.length) sampleNodes(net.effects, out, values, drawsFor(rng), interventions);
  return out;
}

/**
 * Samples one page's values and elements from `net`, drawing only from `rng`: the page-level nodes and the elements
 * from `rng` itself, the label-convention nodes (`label_*`, `net.labels`) after the other page-level nodes from
 * `rng.fork('labels')`, so they do not move any other node's draws.
 * @param interventions fixed values, as from `parseInterventions` (keys `node` or `type.node`).
 * @returns page-level values and element instances in plate order (element types in file order);
 *   `samplePageSpec` puts them in reading order.
 * @example const { values, elements } = sampleNetwork(net, createRng(7), { columns: 2 })
 */
export function sampleNetwork(net: Network, rng: Rng, interventions: Interventions = {}): NetworkSample {
  const draws = drawsFor(rng);
  const values: Record<string, NodeValue> = {};
  sampleNodes(net.nodes, values, values, draws, interventions);
  if (net.labels.length) sampleNodes(net.labels, values, values, drawsFor(rng.fork('labels')), interventions);
  const elements: ElementSpec[] = [];
  for (const el of net.elements) {
    const n = el.count(values);
    for (let i = 0; i < n; i++) {
      const params: Record<string, NodeValue> = {};
      sampleNodes(el.nodes, params, values, draws, interventions);
      elements.push({ type: el.type, params });
    }
  }
  return { values, elements };
}
