/**
 * A hierarchy of groupings: the pair probabilities cut at several thresholds give nested partitions of the
 * segments (a higher threshold splits more). Each distinct region is classified once, and the best cut of the
 * hierarchy picks the regions reported at full score.
 */
import type { PageAnalysis } from './analysis.js';
import { groupSegments, makeRegions, regionFeatures, type Region } from './regions.js';

/** Grouping thresholds, coarse to fine. */
export const LEVELS = [0.15, 0.3, 0.5, 0.7, 0.85, 0.95];

/** A distinct region of the hierarchy. */
export interface HierRegion {
  region: Region;
  /** Finest level (index into LEVELS) at which it appears, and its index in that level's partition. */
  level: number;
  /** Children at the next finer level that differs (empty at the finest level). */
  children: number[];
}

/** Identity of a region: its sorted members. */
export const regionKey = (r: Region): string => r.members.join(',');

/**
 * The distinct regions of the nested partitions at `levels`, with their features (each computed among the
 * regions of the partition it belongs to).
 * @example const { nodes, features } = buildHierarchy(page, probs);
 */
export function buildHierarchy(page: PageAnalysis, probs: Float64Array, levels: readonly number[] = LEVELS): { nodes: HierRegion[]; features: Float32Array[]; roots: number[] } {
  const nodes: HierRegion[] = [];
  const features: Float32Array[] = [];
  const index = new Map<string, number>();
  let prevLevel: number[] = [];
  // Finest first, so that each coarser region can find its children by member.
  const segNode = new Int32Array(page.segs.length);
  for (let l = levels.length - 1; l >= 0; l--) {
    const regions = makeRegions(page.segs, groupSegments(page, probs, levels[l]!));
    const X = regionFeatures(page, regions);
    const width = X.length / Math.max(1, regions.length);
    const current: number[] = [];
    regions.forEach((r, k) => {
      const key = regionKey(r);
      const known = index.get(key);
      if (known !== undefined) {
        current.push(known);
        return;
      }
      const children = l === levels.length - 1 ? [] : [...new Set(r.members.map((m) => segNode[m]!))];
      const id = nodes.length;
      nodes.push({ region: r, level: l, children });
      features.push(X.slice(k * width, (k + 1) * width));
      index.set(key, id);
      current.push(id);
    });
    for (const id of current) for (const m of nodes[id]!.region.members) segNode[m] = id;
    prevLevel = current;
  }
  return { nodes, features, roots: [...new Set(prevLevel)] };
}

/**
 * The best cut: the non-overlapping regions reported at full score. A region stands for itself when its
 * quality q (the probability that it is a true region) is at least the best value found inside it, a node's
 * value being the larger of its own q and its children's best: a confident whole beats its pieces, and a
 * poor merge gives way to a good part. (Measured against alternatives: summing 2q - 1 over the children
 * favours splitting, since the pieces of a heading each look like a short heading; the mean of the
 * children loses charts, whose pieces are many.)
 * @example const chosen = bestCut(nodes, roots, (i) => 1 - probs[i][background]);
 */
export function bestCut(nodes: readonly HierRegion[], roots: readonly number[], quality: (i: number) => number): Set<number> {
  const value = new Float64Array(nodes.length);
  const self = new Uint8Array(nodes.length);
  // Children are created before their parents, so one pass in id order sees every child first.
  for (let i = 0; i < nodes.length; i++) {
    const own = quality(i);
    let inner = -Infinity;
    for (const c of nodes[i]!.children) inner = Math.max(inner, value[c]!);
    self[i] = own >= inner ? 1 : 0;
    value[i] = Math.max(own, inner);
  }
  const chosen = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    if (self[i]) chosen.add(i);
    else stack.push(...nodes[i]!.children);
  }
  return chosen;
}
