/**
 * Interventions (`--set node=value`): fix a node's value; the node is not sampled and its descendants are
 * sampled conditionally on it (the do-operator). Values are parsed to the node's type and checked.
 */
import { excerpt, quote, UsageError } from '../errors.js';
import type { NodeValue } from '../types.js';
import type { CompiledNode, Network } from './compile.js';
import { SUM_TOLERANCE } from './distributions.js';
import { boundsOf, isIntegerValued, isRecord, listForMessage, nearNames } from './nodes.js';
import type { Interventions } from './types.js';

function unknownNode(spec: string, key: string, net: Network): UsageError {
  const near = nearNames(key, net.byKey.keys());
  const pageNodes = [...net.nodes, ...net.labels].map((n) => n.name);
  const types = net.elements.map((e) => e.type);
  const hint = near.length
    ? `did you mean: ${listForMessage(near)}?`
    : `page-level nodes: ${listForMessage(pageNodes, 6)}; element nodes are TYPE.NODE with TYPE one of: ${listForMessage(types, 6)}${net.effects.length ? `; effects nodes are effects.NODE with NODE one of: ${listForMessage(net.effects.map((n) => n.name), 6)}` : ''}`;
  // Names only as short excerpts: the spec and the key come from the command line, the names from a network file.
  return new UsageError(`cannot set ${quote(spec, 40)}: network ${quote(net.name, 40)} has no node ${quote(key, 40)}; ${hint}`);
}

function rangeText(lo: number, hi: number, integer: boolean): string {
  const what = integer ? 'integers' : 'numbers';
  if (Number.isFinite(lo) && Number.isFinite(hi)) return `${what} from ${lo} to ${hi}`;
  if (Number.isFinite(lo)) return `${what} >= ${lo}`;
  if (Number.isFinite(hi)) return `${what} <= ${hi}`;
  return what;
}

/** `{"a": 1}` or `a:1,b:2` as a mapping of numbers, or undefined if it is neither. */
function parseMapping(text: string): Record<string, number> | undefined {
  if (text.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      return isRecord(v) && Object.values(v).every((x) => typeof x === 'number') ? (v as Record<string, number>) : undefined;
    } catch {
      return undefined;
    }
  }
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^:\s]+)\s*:\s*(\S+)\s*$/.exec(part);
    if (!m || m[2] === '' || !Number.isFinite(Number(m[2]))) return undefined;
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** A dirichlet (proportions) or multinomial (counts) value: every category, in category order. */
function parseVector(node: CompiledNode, text: string, fail: (allowed: string) => UsageError): Record<string, number> {
  const categories = node.def.categories!;
  const counts = node.kind === 'multinomial';
  const [first, second] = [excerpt(categories[0]!, 40), excerpt(categories[1] ?? categories[0]!, 40)];
  const allowed = counts
    ? `non-negative integer counts per category, e.g. ${first}:3,${second}:1 (categories: ${listForMessage(categories)}; missing ones are 0)`
    : `proportions summing to 1, e.g. ${first}:0.6,${second}:0.4 (categories: ${listForMessage(categories)}; missing ones are 0)`;
  const m = parseMapping(text);
  if (!m) throw fail(allowed);
  const out: Record<string, number> = {};
  for (const c of categories) out[c] = 0;
  let sum = 0;
  for (const [k, v] of Object.entries(m)) {
    if (!categories.includes(k) || v < 0 || (counts && !Number.isInteger(v))) throw fail(allowed);
    out[k] = v;
    sum += v;
  }
  if (!counts && Math.abs(sum - 1) > SUM_TOLERANCE) throw fail(allowed);
  return out;
}

/** Parses the text of a value for `node`, typed like the node's values; throws UsageError naming what is allowed. */
function parseValue(node: CompiledNode, text: string, spec: string): NodeValue {
  const fail = (allowed: string) => new UsageError(`cannot set ${quote(spec, 40)}: ${quote(text, 40)} is not a possible value of ${node.key} (${node.def.dist}); allowed: ${allowed}`);
  switch (node.kind) {
    case 'categorical': {
      const values = node.def.values!;
      const v = values.find((x) => String(x) === text);
      if (v === undefined) throw fail(listForMessage(values, 12));
      return v;
    }
    case 'bernoulli':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      throw fail('true, false');
    case 'scalar': {
      const integer = isIntegerValued(node.def);
      const { lo, hi } = boundsOf(node.def);
      const x = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < lo || x > hi) throw fail(rangeText(lo, hi, integer));
      return x;
    }
    case 'dirichlet':
    case 'multinomial':
      return parseVector(node, text, fail);
  }
}

/**
 * Parses `NODE=VALUE` strings (element nodes as `TYPE.NODE=VALUE`) into fixed values for `sampleNetwork` and
 * `samplePageSpec`. Values take the node's type: `columns=2` gives the number 2 when columns' values are numbers.
 * Dirichlet and multinomial values are written `cat:x,cat:y` (or as a JSON object).
 * @throws UsageError for a malformed string, an unknown node (naming near names), a value the node cannot take
 *   (naming the allowed values) or a node set twice.
 * @example parseInterventions(['columns=2', 'template=report', 'table.borders=none'], net)
 */
export function parseInterventions(specs: readonly string[], net: Network): Interventions {
  const out: Interventions = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = spec.slice(0, Math.max(0, eq)).trim();
    if (eq < 0 || key === '') throw new UsageError(`cannot set ${quote(spec)}: expected NODE=VALUE (element nodes as TYPE.NODE=VALUE)`);
    const node = net.byKey.get(key);
    if (!node) throw unknownNode(spec, key, net);
    if (Object.hasOwn(out, key)) throw new UsageError(`cannot set ${quote(spec)}: ${excerpt(key, 40)} is already set by an earlier intervention`);
    out[key] = parseValue(node, spec.slice(eq + 1).trim(), spec);
  }
  return out;
}
