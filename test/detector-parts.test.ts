/**
 * The detector's parts: ink components and boosted trees on hand-made inputs, the real-page split.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docbankSplit, PUBLAYNET_CLASSES } from '../src/evaluate/detector/bench.js';
import { findComponents } from '../src/evaluate/detector/components.js';
import { DEFAULT_BOOST, predictProba, trainBoosted } from '../src/evaluate/detector/gbdt.js';
import { createRng } from '../src/random/index.js';

describe('findComponents', () => {
  it('labels 8-connected ink and measures boxes, areas and runs', () => {
    const width = 10;
    const height = 6;
    const data = new Uint8Array(width * height).fill(255);
    const ink = (x: number, y: number) => (data[y * width + x] = 0);
    // A 3x2 block, a diagonal pair (one component) and a lone faint pixel that is not ink.
    for (let x = 1; x <= 3; x++) for (let y = 1; y <= 2; y++) ink(x, y);
    ink(6, 3);
    ink(7, 4);
    data[5 * width + 0] = 220;
    const cc = findComponents({ data, width, height });
    expect(cc.count).toBe(2);
    const boxes = Array.from({ length: cc.count }, (_, i) => [cc.x0[i], cc.y0[i], cc.x1[i], cc.y1[i], cc.area[i], cc.runs[i]]);
    expect(boxes).toContainEqual([1, 1, 4, 3, 6, 2]);
    expect(boxes).toContainEqual([6, 3, 8, 5, 2, 2]);
  });
});

describe('trainBoosted', () => {
  const rng = createRng(5);
  const n = 2000;
  const X = new Float32Array(n * 3);
  const xor = new Int32Array(n);
  const ring = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    X.set([a, b, rng.next()], i * 3);
    xor[i] = a * b > 0 ? 1 : 0;
    const r = Math.hypot(a, b);
    ring[i] = r < 0.4 ? 0 : r < 0.8 ? 1 : 2;
  }
  const accuracy = (m: ReturnType<typeof trainBoosted>, y: Int32Array) => {
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const p = predictProba(m, X, i * 3);
      if (p.indexOf(Math.max(...p)) === y[i]) ok++;
    }
    return ok / n;
  };

  it('learns a non-linear two-class problem, deterministically', () => {
    const opts = { ...DEFAULT_BOOST, rounds: 40, depth: 3, seed: 9 };
    const m = trainBoosted(X, 3, xor, 2, opts);
    expect(accuracy(m, xor)).toBeGreaterThan(0.95);
    expect(JSON.stringify(trainBoosted(X, 3, xor, 2, opts))).toBe(JSON.stringify(m));
    const p = predictProba(m, [0.5, 0.5, 0.1]);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 10);
    expect(p[1]).toBeGreaterThan(0.8);
  });

  it('learns a three-class problem with softmax', () => {
    const m = trainBoosted(X, 3, ring, 3, { ...DEFAULT_BOOST, rounds: 40, depth: 4, seed: 2 });
    expect(m.trees).toHaveLength(40 * 3);
    expect(accuracy(m, ring)).toBeGreaterThan(0.93);
  });

  it('rejects inconsistent inputs', () => {
    expect(() => trainBoosted(X, 4, xor, 2, DEFAULT_BOOST)).toThrow(/expected 2000 x 4/);
    expect(() => trainBoosted(X, 3, xor, 1, DEFAULT_BOOST)).toThrow(/two classes/);
  });
});

describe('docbankSplit', () => {
  const dir = resolve(__dirname, '../../shared/real/docbank-samples');
  it.skipIf(!existsSync(join(dir, 'coco.json')))('splits the real DocBank samples by source document, labels mapped to PubLayNet classes', async () => {
    const { train, test, classes } = await docbankSplit(dir);
    expect(train.length + test.length).toBe(100);
    const trainDocs = new Set(train.map((p) => p.doc));
    expect(test.some((p) => trainDocs.has(p.doc))).toBe(false);
    expect(Math.abs(trainDocs.size - new Set(test.map((p) => p.doc)).size)).toBeLessThanOrEqual(1);
    expect(classes).toEqual([...PUBLAYNET_CLASSES, 'equation']);
    for (const p of [...train, ...test]) for (const b of p.boxes) expect(classes).toContain(b.cls);
  });
});
