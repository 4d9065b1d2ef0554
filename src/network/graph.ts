/**
 * Graph helpers shared by validation and compilation: dependency edges of a node and a depth-first topological
 * sort that also finds cycles.
 */
import type { NodeDef } from './types.js';

/** Names a node depends on: its CPT parents, and a multinomial's `n` and `p` when they name nodes. */
export function dependencies(node: Pick<NodeDef, 'parents' | 'n'> & { p?: unknown }): string[] {
  const deps = [...(node.parents ?? [])];
  if (typeof node.n === 'string') deps.push(node.n);
  if (typeof node.p === 'string') deps.push(node.p);
  return deps;
}

/**
 * Orders `names` so every node comes after the nodes it depends on, staying as close to the given order as it
 * can (so the sampling order, and with it the random stream, follows the file). Dependencies not in `names`
 * (page-level nodes seen from an element, unknown names) are ignored. Each cycle found is returned as the list
 * of its nodes with the first repeated at the end, e.g. `[a, b, a]`; nodes on a cycle, and
 * nodes depending on one, are left out of `order`.
 */
export function topoSort(names: readonly string[], depsOf: (name: string) => readonly string[]): { order: string[]; cycles: string[][] } {
  const inScope = new Set(names);
  const state = new Map<string, 'active' | 'ok' | 'failed'>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();
  const stack: string[] = [];

  const visit = (name: string): boolean => {
    const s = state.get(name);
    if (s === 'ok' || s === 'failed') return s === 'ok';
    if (s === 'active') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const id = [...new Set(cycle)].sort().join(',');
      if (!seenCycles.has(id)) {
        seenCycles.add(id);
        cycles.push(cycle);
      }
      return false;
    }
    state.set(name, 'active');
    stack.push(name);
    let ok = true;
    for (const d of depsOf(name)) if (inScope.has(d) && !visit(d)) ok = false;
    stack.pop();
    state.set(name, ok ? 'ok' : 'failed');
    if (ok) order.push(name);
    return ok;
  };
  for (const n of names) visit(n);
  return { order, cycles };
}
