/**
 * Validation of a network file: shape (schema.ts), then distributions, parameters and their ranges, parents and
 * CPT rows, references (`n`, `p`, `count`) and cycles. Every problem is collected and reported at once in one
 * InputError (the first 20 listed, the rest counted), each naming the file, the dotted field path and what was
 * expected; values and names from the file appear as short excerpts (errors.ts `excerpt`, `quote`).
 */
import { describe, excerpt, inputErrorOf, quote, type Problem } from '../errors.js';
import { DISTRIBUTIONS, SUM_TOLERANCE, type DistSpec } from './distributions.js';
import { dependencies, topoSort } from './graph.js';
import {
  boundsOf,
  canonicalKey,
  cartesian,
  cartesianSize,
  configKey,
  domainOf,
  isIntegerValued,
  isLabelNode,
  listForMessage,
  NAME_PATTERN,
  nearNames,
  RESERVED_NAMES,
  valueKey,
} from './nodes.js';
import { joinPath, parseStructure, type RawNode } from './schema.js';
import { DIST_NAMES, type CptRow, type DistName, type ElementDef, type NetworkDef, type NodeDef, type Scalar } from './types.js';

/** More parent configurations than this is a mistake (and a table too big to build). */
export const MAX_CONFIGS = 100_000;

/** A node whose distribution is known (the rest of its fields may still be wrong). */
type UsableNode = RawNode & { dist: DistName };

interface Scope {
  /** Path of the scope's node table: `nodes` or `elements.<type>.nodes`. */
  base: string;
  /** Every node name in the scope; null when the node is unusable (its problems are reported where it is). */
  nodes: Map<string, UsableNode | null>;
  /** For an element type: the page-level scope its nodes may also refer to. */
  page?: Scope;
}

/** Fields only some distributions take (see `DistSpec.fields`). */
const KIND_FIELDS = ['values', 'probs', 'categories', 'n', 'p', 'min', 'max', 'round'] as const;
const COMMON_FIELDS = ['description', 'parents', 'params', 'cpt'];
const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
/** A node chain for a message (`a -> b -> c`): names as excerpts, a long chain cut. */
const chain = (names: readonly string[]) => (names.length > 12 ? [...names.slice(0, 12).map((n) => excerpt(n, 40)), `... (${names.length} nodes)`] : names.map((n) => excerpt(n, 40))).join(' -> ');

/** Options of `validateNetwork`. */
export interface ValidateOptions {
  /** File name to put in problems. */
  file?: string;
  /** Network name when the file gives none (the loader passes the file's base name). */
  defaultName?: string;
}

class Checker {
  readonly problems: Problem[] = [];
  constructor(private readonly file: string | undefined) {}

  readonly report = (path: string, message: string): void => {
    this.problems.push({ ...(this.file !== undefined && { file: this.file }), path, message });
  };

  lookup(scope: Scope, name: string): { node: UsableNode | null; local: boolean } | undefined {
    if (scope.nodes.has(name)) return { node: scope.nodes.get(name)!, local: true };
    if (scope.page?.nodes.has(name)) return { node: scope.page.nodes.get(name)!, local: false };
    return undefined;
  }

  unknownNode(scope: Scope, name: string): string {
    const names = [...scope.nodes.keys(), ...(scope.page ? scope.page.nodes.keys() : [])];
    const near = nearNames(name, names);
    const where = scope.page ? 'in this element type or at page level' : 'at page level';
    return `unknown node ${quote(name, 40)} ${where}${near.length ? `; did you mean: ${listForMessage(near)}?` : names.length ? `; known nodes: ${listForMessage(names, 10)}` : ''}`;
  }

  checkName(path: string, name: string, what: string): void {
    if (!NAME_PATTERN.test(name) || RESERVED_NAMES.has(name)) {
      this.report(path, `expected ${what} name made of letters, digits and _ (not starting with a digit, not ${[...RESERVED_NAMES].join('/')}), got ${quote(name)}`);
    }
  }

  /** Names and distributions of a scope's nodes: the ones with a known distribution are usable. */
  scope(base: string, raw: Map<string, RawNode | null>, page?: Scope): Scope {
    const nodes = new Map<string, UsableNode | null>();
    for (const [name, node] of raw) {
      this.checkName(joinPath(base, name), name, 'a node');
      if (node && !(DIST_NAMES as readonly string[]).includes(node.dist)) {
        const near = nearNames(node.dist, DIST_NAMES);
        this.report(joinPath(base, name, 'dist'), `unknown distribution ${quote(node.dist)}${near.length ? ` (did you mean ${near[0]}?)` : ''}; known: ${DIST_NAMES.join(', ')}`);
      }
      nodes.set(name, node && (DIST_NAMES as readonly string[]).includes(node.dist) ? (node as UsableNode) : null);
    }
    return { base, nodes, ...(page && { page }) };
  }

  /** Checks every usable node of a scope and its cycles; returns the normalised nodes. */
  checkScope(scope: Scope): Record<string, NodeDef> {
    const out: Record<string, NodeDef> = {};
    for (const [name, node] of scope.nodes) if (node) out[name] = this.checkNode(scope, name, node);
    const names = [...scope.nodes.keys()];
    const { cycles } = topoSort(names, (n) => {
      const node = scope.nodes.get(n);
      return node ? dependencies(node) : [];
    });
    // topoSort lists each node before its dependency; show the edges parent -> child.
    for (const cycle of cycles) this.report(joinPath(scope.base, cycle[0]!), `cycle: ${chain([...cycle].reverse())} (each a parent of the next)`);
    return out;
  }

  checkNode(scope: Scope, name: string, node: UsableNode): NodeDef {
    const base = joinPath(scope.base, name);
    const spec = DISTRIBUTIONS[node.dist];
    for (const f of KIND_FIELDS) {
      if (node[f] !== undefined && !spec.fields.includes(f)) {
        this.report(joinPath(base, f), `does not apply to a ${node.dist} node, which takes: ${[...COMMON_FIELDS, ...spec.fields].join(', ')}`);
      }
    }
    if (spec.kind === 'categorical') this.checkValues(node, base);
    if (spec.kind === 'dirichlet' || (spec.kind === 'multinomial' && node.categories)) this.checkCategories(node, base);
    if (spec.kind === 'scalar') this.checkBounds(node, base, spec);
    if (spec.kind === 'multinomial') return this.checkMultinomial(scope, node, base);
    return this.checkParameters(scope, node, base, spec);
  }

  checkValues(node: UsableNode, base: string): void {
    if (!node.values) {
      this.report(joinPath(base, 'values'), 'missing; expected the list of values');
      return;
    }
    const seen = new Set<string>();
    node.values.forEach((v, i) => {
      const key = valueKey(v);
      if (seen.has(key)) this.report(joinPath(base, 'values', i), `duplicate value ${describe(v)}`);
      seen.add(key);
      if (key.includes(',')) this.report(joinPath(base, 'values', i), `expected a value without "," (values are joined with "," in CPT keys), got ${describe(v)}`);
    });
  }

  checkCategories(node: UsableNode, base: string): void {
    if (!node.categories) {
      this.report(joinPath(base, 'categories'), 'missing; expected the list of category names');
      return;
    }
    const seen = new Set<string>();
    node.categories.forEach((c, i) => {
      if (seen.has(c)) this.report(joinPath(base, 'categories', i), `duplicate category ${quote(c)}`);
      seen.add(c);
    });
  }

  checkBounds(node: UsableNode, base: string, spec: DistSpec): void {
    const { min, max } = node;
    if (min !== undefined && max !== undefined && min > max) this.report(joinPath(base, 'min'), `expected min <= max, got min ${min} > max ${max}`);
    if (spec.integer) {
      for (const f of ['min', 'max'] as const) {
        const v = node[f];
        if (v !== undefined && !Number.isInteger(v)) this.report(joinPath(base, f), `expected an integer (${node.dist} values are integers), got ${v}`);
      }
    }
    if (isIntegerValued(node) && min !== undefined && max !== undefined && min <= max) {
      const { lo, hi } = boundsOf(node);
      if (lo > hi) this.report(joinPath(base, 'min'), `expected an integer between min ${min} and max ${max}, found none`);
    }
  }

  checkProbabilities(probs: readonly number[], path: string): void {
    let sum = 0;
    probs.forEach((p, i) => {
      if (!(p >= 0 && p <= 1)) this.report(joinPath(path, i), `expected a probability in [0, 1], got ${p}`);
      sum += p;
    });
    if (Math.abs(sum - 1) > SUM_TOLERANCE) this.report(path, `expected probabilities summing to 1 (within ${SUM_TOLERANCE}), got sum ${+sum.toPrecision(12)}`);
  }

  /** One parameter row: a categorical's probability list, or another distribution's named parameters. */
  checkRow(node: UsableNode, spec: DistSpec, row: CptRow, path: string): void {
    if (spec.kind === 'categorical') {
      const n = node.values?.length;
      if (!Array.isArray(row)) {
        this.report(path, `expected a list of probabilities, one per value, got ${describe(row)}`);
        return;
      }
      if (n !== undefined && row.length !== n) this.report(path, `expected ${plural(n, 'probability', 'probabilities')} (one per value: ${listForMessage(node.values!)}), got ${row.length}`);
      this.checkProbabilities(row, path);
      return;
    }
    const names = spec.params.map((p) => p.name);
    if (Array.isArray(row)) {
      this.report(path, `expected a mapping of ${spec.name} parameters (${names.join(', ')}), got a list ${describe(row)}`);
      return;
    }
    for (const key of Object.keys(row)) if (!names.includes(key)) this.report(joinPath(path, key), `unknown parameter; ${spec.name} takes ${names.join(', ')}`);
    let complete = true;
    for (const p of spec.params) {
      const v = row[p.name];
      const ppath = joinPath(path, p.name);
      if (v === undefined) {
        this.report(ppath, `missing; expected ${p.vector ? 'a list of numbers' : p.expected}`);
        complete = false;
      } else if (p.vector) {
        if (!Array.isArray(v)) {
          this.report(ppath, `expected a list of numbers, one per category, got ${describe(v)}`);
          complete = false;
          continue;
        }
        const n = node.categories?.length;
        if (n !== undefined && v.length !== n) this.report(ppath, `expected ${plural(n, 'number')} (one per category: ${listForMessage(node.categories!)}), got ${v.length}`);
        v.forEach((x, i) => {
          if (!p.ok(x)) this.report(joinPath(ppath, i), `expected ${p.expected}, got ${x}`);
        });
      } else if (typeof v !== 'number') {
        this.report(ppath, `expected ${p.expected}, got ${describe(v)}`);
        complete = false;
      } else if (!p.ok(v)) {
        this.report(ppath, `expected ${p.expected}, got ${v}`);
      }
    }
    const cross = complete ? spec.crossCheck?.(row) : undefined;
    if (cross) this.report(path, cross);
  }

  checkParameters(scope: Scope, node: UsableNode, base: string, spec: DistSpec): NodeDef {
    const parents = node.parents ?? [];
    const rowField = spec.kind === 'categorical' ? 'probs' : 'params';
    if (spec.kind === 'categorical' && node.params !== undefined) {
      this.report(joinPath(base, 'params'), 'a categorical node gives its probabilities in probs (or in cpt rows), not params');
    }
    if (parents.length === 0) {
      if (node.cpt !== undefined) this.report(joinPath(base, 'cpt'), `a node without parents takes no cpt; put its parameters in ${rowField}`);
      const row = node[rowField];
      if (row === undefined) this.report(joinPath(base, rowField), `missing; expected ${rowField === 'probs' ? 'one probability per value' : `${spec.name} parameters (${spec.params.map((p) => p.name).join(', ')})`}`);
      else this.checkRow(node, spec, row, joinPath(base, rowField));
      return normalised(node, {});
    }
    if (node[rowField] !== undefined) this.report(joinPath(base, rowField), `a node with parents takes its parameters from cpt (one row per configuration of ${listForMessage(parents)}), not ${rowField}`);
    const domains = this.checkParents(scope, node, base);
    if (!node.cpt) {
      this.report(joinPath(base, 'cpt'), `missing; expected one row per configuration of ${listForMessage(parents)} (or a default row "*")`);
      return normalised(node, {});
    }
    return normalised(node, { cpt: this.checkCpt(node, spec, domains, base) });
  }

  /** The parents' finite domains (null where a parent is unknown, unusable or infinite: reported here if so). */
  checkParents(scope: Scope, node: UsableNode, base: string): (Scalar[] | null)[] {
    const seen = new Set<string>();
    return node.parents!.map((p, i) => {
      const path = joinPath(base, 'parents', i);
      if (seen.has(p)) this.report(path, `parent ${quote(p)} is listed twice`);
      seen.add(p);
      const found = this.lookup(scope, p);
      if (!found) {
        this.report(path, this.unknownNode(scope, p));
        return null;
      }
      if (!found.node) return null;
      const domain = domainOf(found.node);
      if (!domain) {
        const why = isIntegerValued(found.node) ? ' without both min and max (or with too many values)' : '';
        this.report(path, `expected a parent with finitely many values (categorical, bernoulli, or integer-valued with min and max), got ${quote(p)}, a ${found.node.dist} node${why}`);
        return null;
      }
      return domain.length ? domain : null;
    });
  }

  /** Checks keys, rows and coverage; returns the table with canonical keys. */
  checkCpt(node: UsableNode, spec: DistSpec, domains: (Scalar[] | null)[], base: string): Record<string, CptRow> {
    const parents = node.parents!;
    const domainKeys = domains.map((d) => d && new Set(d.map(valueKey)));
    const out: Record<string, CptRow> = {};
    const writtenAs = new Map<string, string>();
    for (const [key, row] of Object.entries(node.cpt!)) {
      const path = joinPath(base, 'cpt', key);
      this.checkRow(node, spec, row, path);
      const canon = canonicalKey(key);
      if (writtenAs.has(canon)) {
        this.report(path, `same parent configuration as row ${quote(writtenAs.get(canon)!)}`);
        continue;
      }
      writtenAs.set(canon, key);
      ownRow(out, canon, row);
      if (canon === '*') continue;
      const parts = canon.split(',');
      if (parts.length !== parents.length) {
        this.report(path, `expected ${plural(parents.length, 'parent value')} (${listForMessage(parents)}) joined with ",", got ${parts.length}`);
        continue;
      }
      parts.forEach((part, i) => {
        const keys = domainKeys[i];
        if (keys && !keys.has(part)) this.report(path, `${quote(part)} is not a value of parent ${excerpt(parents[i]!, 40)}; expected one of: ${listForMessage([...keys])}`);
      });
    }
    if (!Object.hasOwn(out, '*') && domains.every((d) => d !== null)) this.checkCoverage(out, domains as Scalar[][], joinPath(base, 'cpt'));
    // A configuration named like a member of every object ("constructor", "toString": a value of a single parent)
    // would find that member, not the default row, when the table is looked up by key: write its row out.
    const only = domains.length === 1 ? domains[0] : null;
    if (Object.hasOwn(out, '*') && only) {
      for (const v of only) {
        const key = configKey([v]);
        if (!Object.hasOwn(out, key) && key in Object.prototype) ownRow(out, key, out['*']!);
      }
    }
    return out;
  }

  checkCoverage(cpt: Record<string, CptRow>, domains: Scalar[][], path: string): void {
    const size = cartesianSize(domains);
    if (size > MAX_CONFIGS) {
      this.report(path, `expected at most ${MAX_CONFIGS} parent configurations, got ${size}; use fewer parents or a default row "*"`);
      return;
    }
    const missing = cartesian(domains).map(configKey).filter((k) => !Object.hasOwn(cpt, k));
    if (missing.length) {
      this.report(path, `no row for parent configuration${missing.length > 1 ? 's' : ''} ${listForMessage(missing.map((k) => quote(k, 40)), 8)} and no default row "*"`);
    }
  }

  /** A node reference that must exist; the node (null when unusable) or undefined after reporting. */
  reference(scope: Scope, name: string, path: string): UsableNode | null | undefined {
    const found = this.lookup(scope, name);
    if (!found) this.report(path, this.unknownNode(scope, name));
    return found?.node;
  }

  checkMultinomial(scope: Scope, node: UsableNode, base: string): NodeDef {
    for (const f of ['parents', 'params', 'cpt'] as const) {
      if (node[f] !== undefined) this.report(joinPath(base, f), 'does not apply to a multinomial node, whose inputs are n (trials) and p (probabilities)');
    }
    const nPath = joinPath(base, 'n');
    if (node.n === undefined) this.report(nPath, 'missing; expected a node name or a non-negative integer');
    else if (typeof node.n === 'string') {
      const n = this.reference(scope, node.n, nPath);
      if (n && !isIntegerValued(n)) this.report(nPath, `expected an integer-valued node (poisson, round: integer, or categorical with integer values), got ${quote(node.n)}, a ${n.dist} node`);
    }
    const pPath = joinPath(base, 'p');
    let categories = node.categories;
    let p: string | number[] | undefined;
    if (node.p === undefined) this.report(pPath, 'missing; expected the name of a dirichlet node or fixed probabilities');
    else if (typeof node.p === 'string') {
      p = node.p;
      const dir = this.reference(scope, node.p, pPath);
      if (dir && dir.dist !== 'dirichlet') this.report(pPath, `expected the name of a dirichlet node, got ${quote(node.p)}, a ${dir.dist} node`);
      else if (dir?.categories) {
        if (categories && categories.join('\u0000') !== dir.categories.join('\u0000')) {
          this.report(joinPath(base, 'categories'), `expected the categories of ${excerpt(node.p, 40)} (${listForMessage(dir.categories)}), got ${listForMessage(categories)}`);
        }
        categories = dir.categories;
      }
    } else if (Array.isArray(node.p)) {
      p = node.p;
      if (!categories) this.report(joinPath(base, 'categories'), 'missing; fixed probabilities p need one category name each');
      else if (categories.length !== p.length) this.report(pPath, `expected ${plural(categories.length, 'probability', 'probabilities')} (one per category: ${listForMessage(categories)}), got ${p.length}`);
      this.checkProbabilities(p, pPath);
    } else {
      const rec = node.p;
      const given = categories;
      if (given) for (const k of Object.keys(rec)) if (!given.includes(k)) this.report(joinPath(pPath, k), `not a category; expected one of: ${listForMessage(given)}`);
      categories = given ?? Object.keys(rec);
      p = categories.map((c) => rec[c] ?? 0);
      this.checkProbabilities(p, pPath);
    }
    const out: NodeDef = { dist: 'multinomial' };
    if (node.description !== undefined) out.description = node.description;
    if (node.n !== undefined) out.n = node.n;
    if (p !== undefined) out.p = p;
    if (categories) out.categories = categories;
    return out;
  }

  /** An element type's `count`: a fixed integer, a boolean or integer page node, or `multinomial.category`. */
  checkCount(page: Scope, pageDefs: Record<string, NodeDef>, type: string, count: string | number): void {
    if (typeof count === 'number') return;
    const path = joinPath('elements', type, 'count');
    const [name, component, ...rest] = count.split('.');
    if (rest.length) {
      this.report(path, `expected "node" or "node.category", got ${quote(count)}`);
      return;
    }
    const node = this.reference(page, name!, path);
    const def = pageDefs[name!];
    if (!node || !def) return;
    if (component !== undefined) {
      if (def.dist !== 'multinomial') this.report(path, `expected ${quote(name!)} to be a multinomial node to take a count from, got a ${def.dist} node`);
      else if (def.categories && !def.categories.includes(component)) {
        this.report(path, `${quote(component)} is not a category of ${excerpt(name!, 40)}; expected one of: ${listForMessage(def.categories)}`);
      }
    } else if (def.dist !== 'bernoulli' && !isIntegerValued(def)) {
      this.report(path, `expected a bernoulli or integer-valued node (or "multinomial.category"), got ${quote(name!)}, a ${def.dist} node`);
    }
  }
}

/** Sets row `key` as an own property (also `__proto__`, which assignment would take as the prototype). */
function ownRow(cpt: Record<string, CptRow>, key: string, row: CptRow): void {
  Object.defineProperty(cpt, key, { value: row, enumerable: true, writable: true, configurable: true });
}

/** A parameterised node with its fields in canonical order and nothing undefined. */
function normalised(node: UsableNode, overrides: Partial<NodeDef>): NodeDef {
  const full = { ...node, ...overrides } as NodeDef;
  const out: Partial<Record<keyof NodeDef, unknown>> = {};
  const order: (keyof NodeDef)[] = ['dist', 'description', 'parents', 'values', 'probs', 'categories', 'params', 'cpt', 'n', 'p', 'min', 'max', 'round'];
  for (const k of order) if (full[k] !== undefined) out[k] = full[k];
  return out as NodeDef;
}

/**
 * Validates a parsed network file (or an already normalised `NetworkDef`: validation is idempotent) and returns
 * it normalised: CPT keys trimmed, a multinomial's categories filled in and its `p` as a list.
 * @throws InputError listing the problems found (the first `MAX_PROBLEMS`, then "and N more"), each with file,
 *   dotted path and expected-vs-got.
 */
export function validateNetwork(raw: unknown, opts: ValidateOptions = {}): NetworkDef {
  const checker = new Checker(opts.file);
  const structure = parseStructure(raw, checker.report);
  const page = checker.scope('nodes', structure.nodes);
  const elementScopes = [...structure.elements].map(([type, el]) => {
    checker.checkName(joinPath('elements', type), type, 'an element type');
    return { type, el, scope: checker.scope(joinPath('elements', type, 'nodes'), el.nodes, page) };
  });
  const effectsScope = structure.effects ? checker.scope('effects.nodes', structure.effects.nodes, page) : undefined;
  if (structure.effects && structure.elements.has('effects')) checker.report(joinPath('elements', 'effects'), 'the element type name "effects" is taken by the effects section; rename the element type');
  const nodes = checker.checkScope(page);
  // Label-convention nodes are drawn after the other page-level nodes, from their own stream (sample.ts).
  for (const [name, node] of page.nodes) {
    if (!node || isLabelNode(name)) continue;
    for (const dep of dependencies(node)) {
      if (isLabelNode(dep) && page.nodes.has(dep)) {
        checker.report(joinPath('nodes', name, 'parents'), `a page-level node cannot depend on the label-convention node ${quote(dep, 40)} (label_* nodes are sampled after the others, from their own random stream); rename ${quote(name, 40)} to label_... or drop the dependency`);
      }
    }
  }
  const effectNodes = effectsScope ? checker.checkScope(effectsScope) : undefined;
  const elements: Record<string, ElementDef> = {};
  for (const { type, el, scope } of elementScopes) {
    const elNodes = checker.checkScope(scope);
    if (!el.def) continue;
    checker.checkCount(page, nodes, type, el.def.count);
    elements[type] = { ...el.def, nodes: elNodes };
  }
  if (checker.problems.length) throw inputErrorOf(checker.problems, opts.file);
  const def: NetworkDef = { name: structure.name ?? opts.defaultName ?? 'network', nodes };
  if (structure.description !== undefined) def.description = structure.description;
  if (elementScopes.length) def.elements = elements;
  if (effectNodes) def.effects = { ...(structure.effects!.description !== undefined ? { description: structure.effects!.description } : {}), nodes: effectNodes };
  return def;
}
