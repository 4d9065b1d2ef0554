/**
 * Facts about a node that validation, compilation and interventions all need: its values' key strings, whether
 * it is integer-valued, its range, and its finite set of values if it has one.
 */
import { describe, excerpt } from '../errors.js';
import type { NodeValue } from '../types.js';
import { DISTRIBUTIONS } from './distributions.js';
import type { NodeDef, Scalar } from './types.js';

/** A node as the helpers here need it: a `NodeDef`, or a node still being validated (`p` not yet normalised). */
export type NodeShape = Omit<NodeDef, 'p'> & { p?: unknown };

/**
 * Page-level nodes whose name starts with this are label conventions (how a dataset draws its boxes:
 * src/annotate/conventions.ts): sampled from their own random stream after the other page-level nodes, which must
 * not depend on them (validate.ts checks), so they change nothing else on a page.
 */
export const LABEL_NODE_PREFIX = 'label_';

/** Whether a page-level node is a label-convention node (sampled from its own stream). */
export function isLabelNode(name: string): boolean {
  return name.startsWith(LABEL_NODE_PREFIX);
}

/** A node with more values than this cannot be a CPT parent. */
export const MAX_DOMAIN = 1000;

/** Node and element type names: identifiers, so `type.node` and CPT keys stay unambiguous. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names that would clash with object internals. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How a value appears in a CPT key: integers as decimal strings, booleans as "true"/"false". */
export function valueKey(v: Scalar): string {
  return String(v);
}

/** The key of a parent configuration: the parents' value keys joined with ",". */
export function configKey(values: readonly Scalar[]): string {
  return values.map(valueKey).join(',');
}

/** True when every value of the node is an integer (poisson, `round: integer`, or all-integer categorical). */
export function isIntegerValued(node: NodeShape): boolean {
  const spec = DISTRIBUTIONS[node.dist];
  if (spec.kind === 'categorical') return (node.values ?? []).every((v) => typeof v === 'number' && Number.isInteger(v));
  return spec.kind === 'scalar' && (spec.integer === true || node.round === 'integer');
}

/** The range of a scalar node: its support cut by `min`/`max` (and by uniform's own bounds when fixed). */
export function boundsOf(node: NodeShape): { lo: number; hi: number } {
  const spec = DISTRIBUTIONS[node.dist];
  let [lo, hi] = spec.support ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  if (node.dist === 'uniform' && node.params && typeof node.params.min === 'number' && typeof node.params.max === 'number') {
    lo = Math.max(lo, node.params.min);
    hi = Math.min(hi, node.params.max);
  }
  if (node.min !== undefined) lo = Math.max(lo, node.min);
  if (node.max !== undefined) hi = Math.min(hi, node.max);
  if (isIntegerValued(node)) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  return { lo, hi };
}

/**
 * The node's values if there are finitely many (at most `MAX_DOMAIN`): categorical values, bernoulli's
 * false/true, or the integers of a bounded integer-valued scalar node. Otherwise null.
 */
export function domainOf(node: NodeShape): Scalar[] | null {
  const spec = DISTRIBUTIONS[node.dist];
  if (spec.kind === 'categorical') return node.values ?? [];
  if (spec.kind === 'bernoulli') return [false, true];
  if (spec.kind !== 'scalar' || !isIntegerValued(node)) return null;
  const { lo, hi } = boundsOf(node);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo + 1 > MAX_DOMAIN) return null;
  const out: number[] = [];
  for (let v = lo; v <= hi; v++) out.push(v);
  return out;
}

/** A short list for messages: `a, b, c` or `a, b, c, ... (40 in all)`; each item an excerpt (names come from files). */
export function listForMessage(items: readonly unknown[], max = 12): string {
  const shown = items.slice(0, max).map((v) => (typeof v === 'string' ? excerpt(v, 60) : describe(v)));
  return items.length > max ? `${shown.join(', ')}, ... (${items.length} in all)` : shown.join(', ');
}

/** Names close to `name` (edit distance <= 2, or one contains the other), closest first. */
export function nearNames(name: string, candidates: Iterable<string>, max = 5): string[] {
  const scored: [string, number][] = [];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const cl = c.toLowerCase();
    // The distance is at least the difference in length: skip the quadratic edit distance of far-apart lengths.
    const d = Math.abs(lower.length - cl.length) > 2 ? Number.POSITIVE_INFINITY : editDistance(lower, cl);
    if (d <= 2 || (lower.length >= 3 && (cl.includes(lower) || lower.includes(cl)))) scored.push([c, Math.min(d, Math.abs(lower.length - cl.length))]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([c]) => c);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** True for a plain `{...}` object (the shape of a record-valued node value). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A record-valued node value (dirichlet proportions, multinomial counts) as numbers in category order. */
export function recordToVector(v: NodeValue | undefined, categories: readonly string[]): number[] {
  const rec = isRecord(v) ? (v as Record<string, number>) : {};
  return categories.map((c) => rec[c] ?? 0);
}

/**
 * Every combination of one value per domain, the last domain varying fastest, so combination `i` has index
 * `sum(index_k * stride_k)` with `stride_last = 1` (compile.ts builds its CPT tables in this order).
 */
export function cartesian(domains: readonly (readonly Scalar[])[]): Scalar[][] {
  let out: Scalar[][] = [[]];
  for (const d of domains) out = out.flatMap((prefix) => d.map((v) => [...prefix, v]));
  return out;
}

/** Number of combinations `cartesian(domains)` would give. */
export function cartesianSize(domains: readonly (readonly Scalar[])[]): number {
  return domains.reduce((n, d) => n * d.length, 1);
}

/** The canonical form of a CPT key as written: parts trimmed, so "scientific, 2" is "scientific,2". */
export function canonicalKey(key: string): string {
  return key.trim() === '*' ? '*' : key.split(',').map((s) => s.trim()).join(',');
}
