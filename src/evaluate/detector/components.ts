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
  /** Sum of the grey of the ink pixels (grey / area: how dark the component is). */
  grey: Float64Array;
  /**
   * Reach along the image's sides: rows in which the component comes within `edge` pixels of the left or right
   * side, and its widest row within `edge` pixels of the top or bottom (with `edge` 1: its pixels on each side).
   */
  left: Int32Array;
  right: Int32Array;
  top: Int32Array;
  bottom: Int32Array;
}

/** The ink runs of a page, row by row, each with its component. */
export interface InkRuns {
  count: number;
  x0: Int32Array;
  x1: Int32Array;
  y: Int32Array;
  /** Sum of the grey of each run's pixels. */
  grey: Float64Array;
  /** Component of each run (0 .. components - 1, numbered in order of first run). */
  label: Int32Array;
  components: number;
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
 * Finds the ink runs of a page (pixels darker than `threshold`) and labels them into 8-connected components.
 * @example const runs = labelRuns(img); runs.components
 */
export function labelRuns(img: GreyImage, threshold = INK_THRESHOLD): InkRuns {
  const { data, width, height } = img;
  const runX0 = new IntList();
  const runX1 = new IntList();
  const runY = new IntList();
  const greys: number[] = [];
  const rowStart = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowStart[y] = runX0.length;
    const row = y * width;
    let x = 0;
    while (x < width) {
      while (x < width && data[row + x]! >= threshold) x++;
      if (x === width) break;
      const s = x;
      let sum = 0;
      for (let v = data[row + x]!; x < width && v < threshold; v = data[row + ++x]!) sum += v;
      runX0.push(s);
      runX1.push(x);
      runY.push(y);
      greys.push(sum);
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
  return { count: n, x0: rx0.subarray(0, n), x1: rx1.subarray(0, n), y: runY.data.subarray(0, n), grey: Float64Array.from(greys), label, components: count };
}

/**
 * Labels the ink of a page into connected components (from `runs` when they are already labelled); `edge` is the
 * distance from the image's sides within which ink counts as reaching them (see `Components.left`).
 * @example const cc = findComponents(await loadGrey(path)); cc.count
 */
export function findComponents(img: GreyImage, threshold = INK_THRESHOLD, runs: InkRuns = labelRuns(img, threshold), edge = 1): Components {
  const { width, height } = img;
  const count = runs.components;
  const x0 = new Int32Array(count).fill(width);
  const y0 = new Int32Array(count).fill(height);
  const x1 = new Int32Array(count);
  const y1 = new Int32Array(count);
  const area = new Int32Array(count);
  const nRuns = new Int32Array(count);
  const grey = new Float64Array(count);
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const top = new Int32Array(count);
  const bottom = new Int32Array(count);
  const { x0: rx0, x1: rx1, y: ry, label } = runs;
  // Ink per component in the current row, for the rows by the top and bottom (runs come row by row).
  const inRow = new Int32Array(count);
  const lastLeft = new Int32Array(count).fill(-1);
  const lastRight = new Int32Array(count).fill(-1);
  let touched: number[] = [];
  let row = -1;
  const flush = () => {
    for (const k of touched) {
      const side = row < edge ? top : bottom;
      if (inRow[k]! > side[k]!) side[k] = inRow[k]!;
      inRow[k] = 0;
    }
    touched = [];
  };
  for (let i = 0; i < runs.count; i++) {
    const k = label[i]!;
    const a = rx0[i]!;
    const b = rx1[i]!;
    const y = ry[i]!;
    if (a < x0[k]!) x0[k] = a;
    if (b > x1[k]!) x1[k] = b;
    if (y < y0[k]!) y0[k] = y;
    if (y + 1 > y1[k]!) y1[k] = y + 1;
    area[k]! += b - a;
    nRuns[k]! += 1;
    grey[k]! += runs.grey[i]!;
    if (a < edge && lastLeft[k] !== y) {
      left[k]! += 1;
      lastLeft[k] = y;
    }
    if (b > width - edge && lastRight[k] !== y) {
      right[k]! += 1;
      lastRight[k] = y;
    }
    if (y !== row) {
      flush();
      row = y;
    }
    if (y < edge || y >= height - edge) {
      if (inRow[k] === 0) touched.push(k);
      inRow[k]! += b - a;
    }
  }
  flush();
  return { count, x0, y0, x1, y1, area, runs: nRuns, grey, left, right, top, bottom };
}

/**
 * The components without those marked in `gone` (kept in order).
 * @example dropComponents(cc, Uint8Array.of(0, 1, 0)).count // cc.count - 1
 */
export function dropComponents(cc: Components, gone: Uint8Array): Components {
  const keep: number[] = [];
  for (let i = 0; i < cc.count; i++) if (!gone[i]) keep.push(i);
  const pick = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, k) => (out[k] = a[i]!));
    return out;
  };
  return {
    count: keep.length,
    x0: pick(cc.x0),
    y0: pick(cc.y0),
    x1: pick(cc.x1),
    y1: pick(cc.y1),
    area: pick(cc.area),
    runs: pick(cc.runs),
    grey: pick(cc.grey),
    left: pick(cc.left),
    right: pick(cc.right),
    top: pick(cc.top),
    bottom: pick(cc.bottom),
  };
}
