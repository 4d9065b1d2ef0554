/**
 * The detector's parts: ink components and boosted trees on hand-made inputs, the real-page split.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docbankSplit, PUBLAYNET_CLASSES } from '../src/evaluate/detector/bench.js';
import { findComponents } from '../src/evaluate/detector/components.js';
import { fillBasins, flattenPaper, paperLevels, preparePage, type GreyImage } from '../src/evaluate/detector/image.js';
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

describe('preparePage', () => {
  // A 400 x 600 scan: paper from grey 190 (left) to 160 (right), rows of letters, a black strip down the left
  // side (the scanner bed), a grey line from top to bottom beside it (a book's page edges), a page number near the
  // bottom edge, and a dark picture printed to the top edge.
  const W = 400;
  const H = 600;
  const paper = (x: number) => Math.round(190 - (30 * x) / W);
  function scan(): GreyImage {
    const data = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = paper(x);
    const rect = (x0: number, y0: number, x1: number, y1: number, grey: number | ((x: number) => number)) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * W + x] = typeof grey === 'number' ? grey : grey(x);
    };
    for (let row = 0; row < 12; row++) for (let k = 0; k < 30; k++) rect(60 + k * 10, 250 + row * 20, 66 + k * 10, 262 + row * 20, (x) => Math.round(paper(x) * 0.2));
    rect(0, 0, 20, H, 15);
    rect(28, 0, 30, H, 90);
    rect(195, 585, 205, 597, 30);
    rect(120, 0, 320, 200, 40);
    return { data, width: W, height: H };
  }

  it('flattens the paper to white and keeps the ink dark', () => {
    const img = scan();
    const flat = flattenPaper(img, paperLevels(img));
    for (const x of [50, 200, 390]) expect(flat.data[230 * W + x], `paper at x ${x}`).toBeGreaterThanOrEqual(250);
    expect(flat.data[255 * W + 62]).toBeLessThan(80);
    expect(flat.data[255 * W + 352]).toBeLessThan(80);
    // At the global threshold of 200 the whole page is ink.
    expect(findComponents(img).count).toBe(1);
  });

  it('clears the surround joined to the border, keeps the content by the edges', () => {
    const { image, cc, cleared } = preparePage(scan());
    expect(cleared).toBe(2); // the bed and the page edge
    expect(image.data[300 * W + 10]).toBe(255);
    expect(image.data[300 * W + 29]).toBe(255);
    const boxes = Array.from({ length: cc.count }, (_, i) => [cc.x0[i], cc.y0[i], cc.x1[i], cc.y1[i]]);
    expect(boxes).toContainEqual([195, 585, 205, 597]); // the page number
    expect(boxes).toContainEqual([120, 0, 320, 200]); // the picture at the top edge: deep, not a strip
    expect(cc.count).toBe(12 * 30 + 2);
  });

  it('keeps a picture enclosed by paper as ink, flattens shade that reaches the border', () => {
    // White paper; a mid-grey picture (grey 150 to 190, 17 x 18 blocks of 10 px); a shadow over the right quarter
    // of the page (paper 150, reaching the border) with rows of letters in it.
    const data = new Uint8Array(W * H).fill(255);
    for (let y = 200; y < 380; y++) for (let x = 80; x < 250; x++) data[y * W + x] = 150 + ((x + y) % 41);
    for (let y = 0; y < H; y++) for (let x = 300; x < W; x++) data[y * W + x] = Math.round((data[y * W + x]! * 150) / 255);
    for (let row = 0; row < 5; row++) for (let y = 450 + row * 20; y < 462 + row * 20; y++) for (let x = 310; x < 390; x++) if (x % 10 < 6) data[y * W + x] = 20;
    const img = { data, width: W, height: H };
    const { image } = preparePage(img);
    let ink = 0;
    for (let y = 200; y < 380; y++) for (let x = 80; x < 250; x++) ink += image.data[y * W + x]! < 200 ? 1 : 0;
    expect(ink / (180 * 170), 'share of the picture left as ink').toBe(1);
    expect(image.data[300 * W + 395], 'shaded paper').toBeGreaterThanOrEqual(245);
    expect(image.data[455 * W + 312], 'a letter in the shade').toBeLessThan(80);
    // The grid level inside the picture is the paper's, outside the shade.
    const grid = paperLevels(img);
    expect(grid.levels[Math.floor(290 / grid.block) * grid.nx + Math.floor(160 / grid.block)]).toBe(255);
    // Without the filling, the median of 5 x 5 blocks takes the picture's inside for shaded paper.
    expect(flattenPaper(img, paperLevels(img, { fill: false })).data[290 * W + 160]).toBeGreaterThanOrEqual(200);
    expect(fillBasins(Float32Array.of(255, 255, 255, 255, 90, 255, 255, 255, 255), 3, 3)[4]).toBe(255);
    expect(fillBasins(Float32Array.of(255, 255, 255, 255, 90, 90, 255, 255, 255), 3, 3)[4]).toBe(90);
  });

  it('leaves white paper and its ink exactly as they are', () => {
    const data = new Uint8Array(W * H).fill(255);
    for (let y = 100; y < 112; y++) for (let x = 50; x < 350; x++) data[y * W + x] = x % 9 < 5 ? 20 : 255;
    const { image, cleared } = preparePage({ data, width: W, height: H });
    expect(cleared).toBe(0);
    expect(Buffer.from(image.data).equals(Buffer.from(data))).toBe(true);
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
  if (!existsSync(join(dir, 'coco.json'))) console.warn(`skipped: docbankSplit needs the DocBank samples at ${dir}`);
  it.skipIf(!existsSync(join(dir, 'coco.json')))('splits the real DocBank samples by source document, labels mapped to PubLayNet classes', async () => {
    const { train, test, classes } = await docbankSplit(dir);
    expect(train.length + test.length).toBe(100);
    const trainDocs = new Set(train.map((p) => p.doc));
    expect(test.some((p) => trainDocs.has(p.doc))).toBe(false);
    expect(Math.abs(trainDocs.size - new Set(test.map((p) => p.doc)).size)).toBeLessThanOrEqual(1);
    // Through the one bridge table (PROFILE_BRIDGES): equations are dropped, footers and captions are text.
    expect(classes).toEqual([...PUBLAYNET_CLASSES]);
    const seen = new Set([...train, ...test].flatMap((p) => p.boxes.map((b) => b.cls)));
    expect([...seen].filter((c) => !classes.includes(c))).toEqual([]);
    expect(seen.has('text') && seen.has('title')).toBe(true);
  });
});
