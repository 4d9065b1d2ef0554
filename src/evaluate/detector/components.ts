/**
 * Connected components of the ink (8-connectivity), found run by run on the binarised page.
 */
import type { GreyImage } from './image.js';

/** Pixels darker than this are ink. */
export const INK_THRESHOLD = 200;

/** Components as parallel typed arrays (edges exclusive: x1 = last ink column + 1). */
export interface Components {
  count: number;
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  /** Ink pixels. */
  area: Int32Array;
  /** Horizontal runs; area / runs is the mean run length, a stroke-width proxy. */
  runs: Int32Array;
}

/** A growable Int32 buffer. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r]! !== r) r = parent[r]!;
  while (parent[i]! !== r) {
    const next = parent[i]!;
    parent[i] = r;
    i = next;
  }
  return r;
}

/**
 * Labels the ink of a page into connected components.
 * @example const cc = findComponents(await loadGrey(path)); cc.count
 */
export function findComponents(img: GreyImage, threshold = INK_THRESHOLD): Components {
  const { data, width, height } = img;
  const runX0 = new IntList();
  const runX1 = new IntList();
  const runY = new IntList();
  const rowStart = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowStart[y] = runX0.length;
    const row = y * width;
    let x = 0;
    while (x < width) {
      while (x < width && data[row + x]! >= threshold) x++;
      if (x === width) break;
      const s = x;
      while (x < width && data[row + x]! < threshold) x++;
      runX0.push(s);
      runX1.push(x);
      runY.push(y);
    }
  }
  rowStart[height] = runX0.length;
  const n = runX0.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const rx0 = runX0.data;
  const rx1 = runX1.data;
  for (let y = 1; y < height; y++) {
    let p = rowStart[y - 1]!;
    const pEnd = rowStart[y]!;
    const cEnd = rowStart[y + 1]!;
    for (let c = rowStart[y]!; c < cEnd; c++) {
      // Skip previous-row runs that end before this one starts (8-connectivity reaches one pixel diagonally).
      while (p < pEnd && rx1[p]! < rx0[c]!) p++;
      for (let q = p; q < pEnd && rx0[q]! <= rx1[c]!; q++) {
        const a = find(parent, q);
        const b = find(parent, c);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const label = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    if (label[r]! < 0) label[r] = count++;
    label[i] = label[r]!;
  }
  const x0 = new Int32Array(count).fill(width);
  const y0 = new Int32Array(count).fill(height);
  const x1 = new Int32Array(count);
  const y1 = new Int32Array(count);
  const area = new Int32Array(count);
  const runs = new Int32Array(count);
  const ry = runY.data;
  for (let i = 0; i < n; i++) {
    const k = label[i]!;
    const a = rx0[i]!;
    const b = rx1[i]!;
    const y = ry[i]!;
    if (a < x0[k]!) x0[k] = a;
    if (b > x1[k]!) x1[k] = b;
    if (y < y0[k]!) y0[k] = y;
    if (y + 1 > y1[k]!) y1[k] = y + 1;
    area[k]! += b - a;
    runs[k]! += 1;
  }
  return { count, x0, y0, x1, y1, area, runs };
}
