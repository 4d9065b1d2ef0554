/**
 * Layout statistics and `compare`: the tests and metrics on known inputs, features on hand-made pages, the
 * comparison of two sets from one generator (alike) and from two (different), and bad input named record by
 * record. Pages are made here (random boxes on a grid of columns), no images.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareCommand } from '../src/cli/compare.js';
import { InputError } from '../src/errors.js';
import type { CocoGroundTruth } from '../src/evaluate/index.js';
import {
  alignmentScore,
  chi2Homogeneity,
  compareLayouts,
  densityScore,
  ks2,
  layoutSetFromCoco,
  loadLayoutSet,
  overlapScores,
  rocAuc,
  setFeatures,
} from '../src/evaluate/layout-stats/index.js';
import { createRng } from '../src/random/index.js';

const CLASSES = ['abstract', 'author', 'caption', 'date', 'equation', 'figure', 'footer', 'list', 'paragraph', 'reference', 'section', 'table', 'title'];

/** Pages of 1-2 columns of paragraphs and sections, a page number, sometimes a table; `shift` changes the style. */
function makeCoco(n: number, seed: number, shift = 0): CocoGroundTruth {
  const rng = createRng(seed);
  const W = 1275;
  const H = 1650;
  const cat = (c: string) => CLASSES.indexOf(c) + 1;
  const annotations: CocoGroundTruth['annotations'] = [];
  const add = (image_id: number, c: string, x: number, y: number, w: number, h: number) =>
    annotations.push({ id: annotations.length + 1, image_id, category_id: cat(c), bbox: [x, y, w, h], area: w * h, iscrowd: 0 });
  for (let p = 1; p <= n; p++) {
    const cols = rng.chance(0.5 + shift * 0.4) ? 2 : 1;
    const margin = 140 + shift * 60 + rng.int(-10, 10);
    const gutter = 30;
    const colW = (W - 2 * margin - (cols - 1) * gutter) / cols;
    for (let c = 0; c < cols; c++) {
      let y = margin;
      const x = margin + c * (colW + gutter);
      while (y < H - margin - 100) {
        if (rng.chance(0.25)) {
          add(p, 'section', x, y, colW * 0.5, 20);
          y += 40;
        }
        const h = Math.min(H - margin - y, rng.int(60, 300 + shift * 300));
        add(p, 'paragraph', x, y, colW, h);
        y += h + 15;
      }
    }
    if (rng.chance(0.3 + shift * 0.5)) add(p, 'table', margin, H / 2, W - 2 * margin, 200);
    add(p, 'paragraph', W / 2 - 8, H - 60, 16, 16); // page number
  }
  return {
    images: Array.from({ length: n }, (_, i) => ({ id: i + 1, file_name: `p${i + 1}.png`, width: W, height: H })),
    annotations,
    categories: CLASSES.map((name, i) => ({ id: i + 1, name })),
  };
}

describe('statistics', () => {
  test('two-sample KS', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(ks2(a, a)).toEqual({ d: 0, p: 1 });
    const r = ks2(a, a.map((x) => x + 20));
    expect(r.d).toBe(1);
    expect(r.p).toBeLessThan(0.001);
    // scipy.stats.ks_2samp([1..10], [5..14]): D = 0.4 (the asymptotic p differs from scipy's exact one).
    expect(ks2(a, a.map((x) => x + 4)).d).toBeCloseTo(0.4, 10);
  });

  test('chi-squared homogeneity', () => {
    const same = chi2Homogeneity([0, 0, 1, 1, 2, 2, 0, 1, 2, 0], [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
    expect(same.p).toBeGreaterThan(0.5);
    const a = Array.from({ length: 200 }, (_, i) => (i % 2 ? 'x' : 'y'));
    const b = Array.from({ length: 200 }, (_, i) => (i % 10 ? 'x' : 'y'));
    // 2x2 table [[100,100],[180,20]]: chi2 = 76.19 (df 1).
    const r = chi2Homogeneity(a, b);
    expect(r.df).toBe(1);
    expect(r.chi2).toBeCloseTo(76.19, 1);
    expect(r.p).toBeLessThan(1e-10);
  });

  test('ROC AUC', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  test('alignment, density, overlap', () => {
    const aligned = [{ x0: 0.1, y0: 0.1, x1: 0.5, y1: 0.2 }, { x0: 0.1, y0: 0.3, x1: 0.7, y1: 0.4 }];
    expect(alignmentScore(aligned)).toBe(0);
    const off = [{ x0: 0.1, y0: 0.1, x1: 0.5, y1: 0.2 }, { x0: 0.15, y0: 0.33, x1: 0.62, y1: 0.47 }];
    expect(alignmentScore(off)).toBeGreaterThan(0);
    expect(densityScore([{ x0: 0, y0: 0, x1: 0.5, y1: 0.5 }, { x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 }])).toBeCloseTo(0.4375, 10);
    const ov = overlapScores([{ x0: 0, y0: 0, x1: 0.5, y1: 0.5 }, { x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 }, { x0: 0.9, y0: 0.9, x1: 1, y1: 1 }]);
    expect(ov.overlap).toBeCloseTo((0.25 + 0.25) / 3, 10);
    expect(ov.overlapRate).toBeCloseTo(2 / 3, 10);
  });
});

describe('page features', () => {
  test('columns, margins, page number, page size', () => {
    const set = layoutSetFromCoco(makeCoco(30, 3), 'docbank');
    const fs = setFeatures(set);
    const coco = makeCoco(30, 3);
    for (const f of fs) {
      const boxes = coco.annotations.filter((a) => a.image_id === f.id && a.category_id === CLASSES.indexOf('paragraph') + 1 && a.bbox[2]! > 100);
      const lefts = new Set(boxes.map((a) => Math.round(a.bbox[0]!)));
      expect(f.columns).toBe(lefts.size);
      expect(f.hasPageNumber).toBe(true);
      expect(f.pageSize).toBe('letter');
      expect(f.marginLeft! * 1275).toBeGreaterThan(120);
    }
  });
});

describe('compareLayouts', () => {
  const opts = { seed: 1, repeats: 2, trees: 30 };
  test('two samples of one generator are alike; of two generators, not', () => {
    const real = layoutSetFromCoco(makeCoco(60, 1), 'docbank');
    const same = compareLayouts(real, layoutSetFromCoco(makeCoco(120, 2), 'docbank'), opts);
    const other = compareLayouts(real, layoutSetFromCoco(makeCoco(120, 2, 1), 'docbank'), opts);
    expect(same.distinguishability.auc).toBeLessThan(0.7);
    expect(other.distinguishability.auc).toBeGreaterThan(0.9);
    expect(same.ks.mean).toBeLessThan(other.ks.mean);
    expect(same.ks.countSize).toBeLessThan(other.ks.countSize);
    expect(same.privacy.flagged.length).toBe(0);
    expect(same.absent.inSynthetic).toEqual([]);
  });

  test('a copied page is flagged', () => {
    const coco = makeCoco(40, 1);
    const syn = makeCoco(40, 9);
    // Synthetic page 1 := real page 1.
    syn.annotations = [...syn.annotations.filter((a) => a.image_id !== 1), ...coco.annotations.filter((a) => a.image_id === 1).map((a, i) => ({ ...a, id: 10_000 + i }))];
    const r = compareLayouts(layoutSetFromCoco(coco, 'docbank'), layoutSetFromCoco(syn, 'docbank'), opts);
    expect(r.privacy.flagged.map((f) => f.synthetic)).toContain('p1.png');
  });
});

describe('pagesynth compare and bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pagesynth-compare-'));
  const real = join(dir, 'real.json');
  writeFileSync(real, JSON.stringify(makeCoco(30, 1)));
  const syn = join(dir, 'syn.json');
  writeFileSync(syn, JSON.stringify(makeCoco(40, 2, 1)));

  test('writes Markdown, JSON with ks.mean and distinguishability.auc, and PNG plots', async () => {
    const out = join(dir, 'report');
    await compareCommand({ real, synthetic: syn, labels: 'docbank', report: out, seed: 0, repeats: 1, quiet: true });
    const json = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(typeof json.ks.mean).toBe('number');
    expect(typeof json.distinguishability.auc).toBe('number');
    const md = readFileSync(join(out, 'compare.md'), 'utf8');
    expect(md).toContain('## Targets');
    expect(md).toContain('Alignment');
    for (const png of ['compare-counts.png', 'compare-positions.png']) expect(readFileSync(join(out, png)).subarray(1, 4).toString()).toBe('PNG');
  });

  test('no pages, unknown categories, boxes outside the page', async () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ images: [], annotations: [], categories: [{ id: 1, name: 'paragraph' }] }));
    await expect(loadLayoutSet(empty, { profile: 'docbank' })).rejects.toThrow(InputError);
    await expect(loadLayoutSet(empty, { profile: 'docbank' })).rejects.toThrow(/no pages/);

    const odd = makeCoco(2, 1);
    odd.categories.push({ id: 99, name: 'sidebar' });
    odd.annotations.push({ id: 5000, image_id: 1, category_id: 99, bbox: [10, 10, 50, 50], area: 2500, iscrowd: 0 });
    odd.annotations.push({ id: 5001, image_id: 2, category_id: 9, bbox: [1200, 1600, 200, 200], area: 40000, iscrowd: 0 });
    const file = join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify(odd));
    const set = await loadLayoutSet(file, { profile: 'docbank' });
    const text = set.warnings.map((w) => `${w.path}: ${w.message}`).join('\n');
    expect(text).toMatch(/categories\[id=99\]: category "sidebar" is not in label profile docbank.*1 box/);
    expect(text).toMatch(/image_id=2, bbox=\[1200,1600,200,200\].*outside its 1275 x 1650 page/);
    // The outside box is clipped to the page.
    const page2 = set.pages.find((p) => p.id === 2)!;
    expect(Math.max(...page2.boxes.map((b) => b.x1))).toBeLessThanOrEqual(1275);
  });
});
