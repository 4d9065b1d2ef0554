/**
 * Kinds and network files: every element type a network names must be a registered kind (else one error naming the
 * file, the field and the known kinds), and nodes a kind reads that the file leaves out come from the kind's
 * defaults, so they are sampled into the spec like every other parameter.
 */
import { InputError } from '../errors.js';
import type { NetworkDef } from '../network/index.js';
import type { KindRegistry } from './registry.js';

/**
 * Throws an InputError listing every element type of `def` that is not a registered kind.
 * @example checkKinds(def, defaultKinds, 'templates/default.yaml')
 */
export function checkKinds(def: NetworkDef, kinds: KindRegistry, file?: string): void {
  const unknown = Object.keys(def.elements ?? {}).filter((t) => !kinds.has(t));
  if (unknown.length) {
    throw new InputError(unknown.map((t) => ({ file, path: `elements.${t}`, message: `unknown element kind "${t}"; known kinds: ${kinds.names().join(', ')}` })));
  }
}

/**
 * A copy of `def` whose elements have every node their kind declares: the file's own nodes first, then the kind's
 * defaults for the nodes it leaves out.
 * @example withKindDefaults(def, defaultKinds).elements.table.nodes.borders
 */
export function withKindDefaults(def: NetworkDef, kinds: KindRegistry): NetworkDef {
  const elements = Object.fromEntries(
    Object.entries(def.elements ?? {}).map(([type, el]) => {
      if (!kinds.has(type)) return [type, el];
      const own = el.nodes ?? {};
      const extra = Object.fromEntries(Object.entries(kinds.get(type).defaults).filter(([n]) => !(n in own)));
      return [type, Object.keys(extra).length ? { ...el, nodes: { ...own, ...extra } } : el];
    }),
  );
  return { ...def, elements };
}
