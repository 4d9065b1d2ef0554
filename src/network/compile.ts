/**
 * Compilation: a validated `NetworkDef` becomes a `Network` whose nodes are in topological order, each with its
 * CPT resolved into a table indexed by the parents' value indices (defaults "*" filled in) and a sampler closure,
 * so sampling a page does no parsing, no string building and no lookups by key.
 */
import type { NodeValue } from '../types.js';
import { DISTRIBUTIONS, MAX_TRUNCATION_TRIES, type DistKind, type Draws } from './distributions.js';
import { dependencies, topoSort } from './graph.js';
import { cartesian, configKey, domainOf, isIntegerValued, isLabelNode, recordToVector } from './nodes.js';
import type { CptRow, NetworkDef, NodeDef, ParamRow, Scalar } from './types.js';
import { validateNetwork } from './validate.js';

type Values = Record<string, NodeValue>;

/** Where a node's input lives: a sibling in the same element (`local`) or a page-level node. */
export interface Ref {
  name: string;
  local: boolean;
}

/** A node ready to sample. */
export interface CompiledNode {
  /** Name inside its scope. */
  readonly name: string;
  /** Name for interventions: `name` at page level, `type.name` in an element type. */
  readonly key: string;
  readonly def: NodeDef;
  readonly kind: DistKind;
  /** Its finite set of values, or null. */
  readonly domain: readonly Scalar[] | null;
  /** Draws a value given the values sampled so far (`local`: this element's, `page`: the page's). */
  readonly sample: (local: Values, page: Values, draws: Draws) => NodeValue;
}

/** An element type ready to sample. */
export interface CompiledElement {
  readonly type: string;
  /** How many instances a page with these page-level values has. */
  readonly count: (page: Values) => number;
  /** Its nodes in topological order. */
  readonly nodes: readonly CompiledNode[];
}

/** A compiled network: what `sampleNetwork` and `samplePageSpec` take. */
export interface Network {
  readonly name: string;
  /** The normalised definition it was compiled from. */
  readonly def: NetworkDef;
  /**
   * Page-level nodes in sampling (topological) order, drawn from the page's network stream: every page-level node
   * but the label-convention nodes.
   */
  readonly nodes: readonly CompiledNode[];
  /**
   * The label-convention nodes (page-level nodes named `label_*`: `LABEL_NODE_PREFIX`, nodes.ts) in sampling order. They
   * are drawn after `nodes`, from their own stream, so adding them, or fitting them, changes nothing else on a page.
   */
  readonly labels: readonly CompiledNode[];
  /** Element types in file order. */
  readonly elements: readonly CompiledElement[];
  /** The `effects` section's nodes in sampling order (keys `effects.<name>`); empty when there is none. */
  readonly effects: readonly CompiledNode[];
  /** Every node by intervention key (`columns`, `table.borders`). */
  readonly byKey: ReadonlyMap<string, CompiledNode>;
}

/** Index of a draw `u * total` in a cumulative weight list (never a zero-weight entry). */
function pickIndex(cum: Float64Array, u: number): number {
  const x = u * cum[cum.length - 1]!;
  for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return i;
  let i = cum.length - 1;
  while (i > 0 && cum[i] === cum[i - 1]) i--;
  return i;
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (out[i] = s += w));
  return out;
}

type Lookup = (local: Values, page: Values) => NodeValue | undefined;
const lookup = (ref: Ref): Lookup => (ref.local ? (local) => local[ref.name] : (_, page) => page[ref.name]);

/** Rounding as the node asks: `'integer'`, a number of decimals, or none. */
function rounder(round: NodeDef['round']): (x: number) => number {
  if (round === undefined) return (x) => x;
  const f = round === 'integer' ? 1 : 10 ** round;
  return (x) => Math.round(x * f) / f;
}

/**
 * A scalar draw with rounding and truncation to [min, max]: rejection for at most `MAX_TRUNCATION_TRIES` draws,
 * then the last draw clamped into range.
 */
function scalarDraw(node: NodeDef): (row: ParamRow, d: Draws) => number {
  const draw = DISTRIBUTIONS[node.dist].draw!;
  const round = rounder(node.round);
  const lo = node.min ?? Number.NEGATIVE_INFINITY;
  const hi = node.max ?? Number.POSITIVE_INFINITY;
  if (lo === Number.NEGATIVE_INFINITY && hi === Number.POSITIVE_INFINITY) return (row, d) => round(draw(d, row));
  const intLo = isIntegerValued(node) ? Math.ceil(lo) : lo;
  const intHi = isIntegerValued(node) ? Math.floor(hi) : hi;
  const clamp = (x: number) => Math.min(intHi, Math.max(intLo, x));
  return (row, d) => {
    let x = 0;
    for (let t = 0; t < MAX_TRUNCATION_TRIES; t++) {
      x = round(draw(d, row));
      if (x >= lo && x <= hi) return x;
    }
    return clamp(round(clamp(x)));
  };
}

/** Resolves a node's parameter rows into a table and returns the row lookup for the current parent values. */
function rowTable<R>(node: NodeDef, parents: Ref[], parentDomains: Scalar[][], toRow: (row: CptRow) => R): (local: Values, page: Values) => R {
  if (parents.length === 0) {
    const row = toRow((node.dist === 'categorical' ? node.probs : node.params)!);
    return () => row;
  }
  const cpt = node.cpt!;
  const table = cartesian(parentDomains).map((config) => toRow((cpt[configKey(config)] ?? cpt['*'])!));
  const getters = parents.map(lookup);
  const indexOf = parentDomains.map((d) => new Map<NodeValue, number>(d.map((v, i) => [v, i])));
  const strides = parentDomains.map((_, i) => parentDomains.slice(i + 1).reduce((n, d) => n * d.length, 1));
  return (local, page) => {
    let idx = 0;
    for (let i = 0; i < getters.length; i++) {
      const v = getters[i]!(local, page)!;
      const j = indexOf[i]!.get(v);
      if (j === undefined) throw new Error(`network: ${parents[i]!.name} = ${String(v)} is outside its values`);
      idx += j * strides[i]!;
    }
    return table[idx]!;
  };
}

type NodeSampler = CompiledNode['sample'];

/** The sampler of one (validated) node, given how to find the nodes it depends on. */
function nodeSampler(node: NodeDef, resolve: (name: string) => { ref: Ref; def: NodeDef }): NodeSampler {
  const kind = DISTRIBUTIONS[node.dist].kind;
  const parents = (node.parents ?? []).map(resolve);
  const refs = parents.map((p) => p.ref);
  const domains = parents.map((p) => domainOf(p.def)!);
  switch (kind) {
    case 'categorical': {
      const values = node.values!;
      const row = rowTable(node, refs, domains, (r) => cumulative(r as number[]));
      return (local, page, d) => values[pickIndex(row(local, page), d.rng.next())]!;
    }
    case 'bernoulli': {
      const row = rowTable(node, refs, domains, (r) => (r as ParamRow).p as number);
      return (local, page, d) => d.rng.next() < row(local, page);
    }
    case 'scalar': {
      const draw = scalarDraw(node);
      const row = rowTable(node, refs, domains, (r) => r as ParamRow);
      return (local, page, d) => draw(row(local, page), d);
    }
    case 'dirichlet': {
      const categories = node.categories!;
      const row = rowTable(node, refs, domains, (r) => (r as ParamRow).alpha as number[]);
      return (local, page, d) => {
        const alpha = row(local, page);
        const g = alpha.map((a) => d.gamma(a, 1));
        let sum = 0;
        for (const x of g) sum += x;
        // Tiny alphas can underflow every draw to 0: then all the mass goes to one category, drawn by alpha.
        const out: Record<string, number> = {};
        if (!(sum > 0 && Number.isFinite(sum))) {
          const k = d.rng.weighted(alpha);
          categories.forEach((c, i) => (out[c] = i === k ? 1 : 0));
        } else categories.forEach((c, i) => (out[c] = g[i]! / sum));
        return out;
      };
    }
    case 'multinomial': {
      const categories = node.categories!;
      const n = typeof node.n === 'string' ? lookup(resolve(node.n).ref) : () => node.n as number;
      const fixed = Array.isArray(node.p) ? cumulative(node.p) : undefined;
      const p = typeof node.p === 'string' ? lookup(resolve(node.p).ref) : undefined;
      return (local, page, d) => {
        const trials = Math.max(0, Math.round(Number(n(local, page))));
        const cum = fixed ?? cumulative(recordToVector(p!(local, page), categories));
        const counts = new Array<number>(categories.length).fill(0);
        if (cum[cum.length - 1]! > 0) for (let t = 0; t < trials; t++) counts[pickIndex(cum, d.rng.next())]! += 1;
        const out: Record<string, number> = {};
        categories.forEach((c, i) => (out[c] = counts[i]!));
        return out;
      };
    }
  }
}

/** Compiles the nodes of one scope (page level, or one element type with the page as outer scope). */
function compileScope(
  nodes: Record<string, NodeDef>,
  keyPrefix: string,
  outer: Record<string, NodeDef> | undefined,
): CompiledNode[] {
  const names = Object.keys(nodes);
  const { order } = topoSort(names, (n) => dependencies(nodes[n]!));
  const resolve = (name: string): { ref: Ref; def: NodeDef } => {
    const local = nodes[name];
    if (local) return { ref: { name, local: true }, def: local };
    return { ref: { name, local: false }, def: outer![name]! };
  };
  return order.map((name) => {
    const def = nodes[name]!;
    return { name, key: keyPrefix + name, def, kind: DISTRIBUTIONS[def.dist].kind, domain: domainOf(def), sample: nodeSampler(def, resolve) };
  });
}

/** How many instances an element type has, from its `count` and the page's values. */
function countFn(count: string | number): (page: Values) => number {
  if (typeof count === 'number') return () => count;
  const [name, component] = count.split('.') as [string, string | undefined];
  return (page) => {
    const v = page[name];
    const x = component !== undefined ? (v as Record<string, number> | undefined)?.[component] : v;
    return typeof x === 'boolean' ? Number(x) : typeof x === 'number' && Number.isFinite(x) ? Math.max(0, Math.round(x)) : 0;
  };
}

/**
 * Validates and compiles a network definition (as `loadNetwork` returns it, or any object of the same shape).
 * @throws InputError if the definition is invalid, listing every problem.
 * @example const net = compileNetwork((await loadNetwork('default')).def)
 */
export function compileNetwork(def: NetworkDef, opts: { file?: string } = {}): Network {
  const valid = validateNetwork(def, { file: opts.file, defaultName: def?.name });
  const page = compileScope(valid.nodes, '', undefined);
  // No other page-level node depends on a label node (validated), so each part keeps a valid sampling order.
  const nodes = page.filter((n) => !isLabelNode(n.name));
  const labels = page.filter((n) => isLabelNode(n.name));
  const elements = Object.entries(valid.elements ?? {}).map(([type, el]) => ({
    type,
    count: countFn(el.count),
    nodes: compileScope(el.nodes ?? {}, `${type}.`, valid.nodes),
  }));
  const effects = valid.effects ? compileScope(valid.effects.nodes, 'effects.', valid.nodes) : [];
  const byKey = new Map<string, CompiledNode>();
  for (const n of [...nodes, ...labels, ...elements.flatMap((e) => e.nodes), ...effects]) byKey.set(n.key, n);
  return { name: valid.name, def: valid, nodes, labels, elements, effects, byKey };
}

/** Alias of `compileNetwork`. */
export const compile = compileNetwork;
