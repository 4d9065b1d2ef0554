/**
 * The train/val split of a run's pages: a fixed function of the master seed and the page index, so a page falls in
 * the same split whatever the worker count, the shard it is made in, or the writers asked for.
 */
import { deriveSeed } from '../random/index.js';
import type { Split } from './writers/types.js';

/**
 * Whether page `index` of a run with master seed `seed` is a validation page: its own uniform draw is below
 * `valFraction` (so about that share of the pages are, and each page's choice never depends on another's).
 * @example splitOf(42, 0, 0.1) // 'train' or 'val', always the same for (42, 0, 0.1)
 */
export function splitOf(seed: number, index: number, valFraction: number): Split {
  if (valFraction <= 0) return 'train';
  if (valFraction >= 1) return 'val';
  const u = deriveSeed(seed, index, 'split') / 2 ** 53; // deriveSeed is a well-mixed 53-bit integer
  return u < valFraction ? 'val' : 'train';
}
