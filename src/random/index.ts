/**
 * Seedable randomness. Every random choice in pagesynth comes from an `Rng` passed down from the page's seed;
 * there is no module-level generator and no `Math.random()`.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** murmur3's 32-bit finaliser: a fast, well-mixed bijection on uint32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashWords(words: number[], salt: number): number {
  let h = fmix32(0x9e3779b9 ^ salt);
  for (const w of words) h = fmix32((h ^ fmix32(w >>> 0)) + 0x7f4a7c15);
  return h;
}

function splitSeed(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  return [seed % 0x100000000, Math.floor(seed / 0x100000000)];
}

function stringWords(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}

/**
 * The seed of page `index` in a run with master seed `master`: a 53-bit integer, well mixed, so pages are
 * independent and any page can be re-made alone.
 * @example deriveSeed(42, 0) !== deriveSeed(42, 1)
 */
export function deriveSeed(master: number, index: number, label = ''): number {
  const [lo, hi] = splitSeed(master);
  const [ilo, ihi] = splitSeed(index);
  const words = [lo, hi, ilo, ihi, ...stringWords(label)];
  const a = hashWords(words, 1);
  const b = hashWords(words, 2) & 0x1fffff; // 21 bits: a + b * 2^32 < 2^53
  return a + b * 0x100000000;
}

/** A seeded source of uniform numbers and the helpers everything else is built from. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** An index drawn with probability proportional to `weights`. */
  weighted(weights: readonly number[]): number;
  /** A new array with the items in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream named `label`; forks with the same label from the same seed are equal. */
  fork(label: string): Rng;
  /** The seed this generator was made from. */
  readonly seed: number;
}

class XoroRng implements Rng {
  private readonly gen;
  constructor(readonly seed: number) {
    const [lo, hi] = splitSeed(seed);
    const s = [hashWords([lo, hi], 11), hashWords([lo, hi], 12), hashWords([lo, hi], 13), hashWords([lo, hi], 14)];
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1; // xoroshiro must not start from all zeros
    this.gen = xoroshiro128plusFromState(s.map((x) => x | 0));
  }
  next(): number {
    return uniformFloat64(this.gen);
  }
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('weighted() needs a positive total weight');
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    // Rounding: return the last index with positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return weights.length - 1;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }
  fork(label: string): Rng {
    return new XoroRng(deriveSeed(this.seed, 0, label));
  }
}

/**
 * A generator seeded by a non-negative safe integer.
 * @example const rng = createRng(deriveSeed(42, 7)); rng.int(1, 6)
 */
export function createRng(seed: number): Rng {
  return new XoroRng(seed);
}
