/**
 * The COCO evaluator: the pycocotools reference fixtures to 1e-4, and small hand-made cases with known answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../src/errors.js';
import {
  evaluate,
  formatReport,
  IOU_THRESHOLDS,
  loadCoco,
  loadDetections,
  RECALL_THRESHOLDS,
  type CocoAnnotation,
  type CocoDetection,
  type CocoGroundTruth,
  type EvaluationResult,
} from '../src/evaluate/index.js';

/** pycocotools' own numbers for two real page sets' boxes, kept in the repository (test/fixtures/cocoeval/README.md). */
const FIXTURES = join(__dirname, 'fixtures', 'cocoeval');

interface Expected {
  summary: Record<string, number>;
  per_category_AP: Record<string, number>;
  f1_iou50_score50: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>;
}

describe.each(['publaynet', 'docbank'])('pycocotools fixture %s', (name) => {
  const dir = join(FIXTURES, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  const run = async (): Promise<EvaluationResult> => {
    const gt = await loadCoco(join(dir, 'gt.json'));
    return evaluate(gt, await loadDetections(join(dir, 'dt.json'), gt));
  };

  test('reproduces the 12 summary stats', async () => {
    const r = await run();
    expect(Object.keys(r.summary)).toEqual(Object.keys(expected.summary));
    for (const [k, v] of Object.entries(expected.summary)) expect(r.summary[k as keyof typeof r.summary], k).toBeCloseTo(v, 4);
  });

  test('reproduces AP per category', async () => {
    const r = await run();
    expect(Object.keys(r.per_category).sort()).toEqual(Object.keys(expected.per_category_AP).sort());
    for (const [k, v] of Object.entries(expected.per_category_AP)) expect(r.per_category[k]!.AP, k).toBeCloseTo(v, 4);
  });

  test('reproduces TP/FP/FN, precision, recall and F1 at IoU 0.5, score 0.5', async () => {
    const r = await run();
    for (const [k, v] of Object.entries(expected.f1_iou50_score50)) {
      const c = r.per_category[k]!;
      expect([c.tp, c.fp, c.fn], k).toEqual([v.tp, v.fp, v.fn]);
      expect(c.precision, k).toBeCloseTo(v.precision, 4);
      expect(c.recall, k).toBeCloseTo(v.recall, 4);
      expect(c.f1, k).toBeCloseTo(v.f1, 4);
    }
    const tp = Object.values(expected.f1_iou50_score50).reduce((s, v) => s + v.tp, 0);
    const fp = Object.values(expected.f1_iou50_score50).reduce((s, v) => s + v.fp, 0);
    const fn = Object.values(expected.f1_iou50_score50).reduce((s, v) => s + v.fn, 0);
    expect([r.micro.tp, r.micro.fp, r.micro.fn]).toEqual([tp, fp, fn]);
    expect(r.micro.f1).toBeCloseTo((2 * tp) / (2 * tp + fp + fn), 10);
    const f1s = Object.values(expected.f1_iou50_score50).map((v) => v.f1);
    expect(r.macro_f1).toBeCloseTo(f1s.reduce((a, b) => a + b, 0) / f1s.length, 10);
  });

  test('formats a report in pycocotools wording with a per-category table', async () => {
    const r = await run();
    const text = formatReport(r);
    expect(text).toContain(` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ${r.summary.AP.toFixed(3)}`);
    expect(text).toContain(` Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = ${r.summary.AP75.toFixed(3)}`);
    expect(text).toContain(` Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = ${r.summary.ARm.toFixed(3)}`);
    expect(text).toContain(` Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = ${r.summary.AR1.toFixed(3)}`);
    for (const k of Object.keys(expected.per_category_AP)) expect(text).toMatch(new RegExp(`^${k} +${r.per_category[k]!.AP.toFixed(3)} `, 'm'));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-made cases.

let nextId = 1;
function ann(image_id: number, category_id: number, bbox: number[], extra: Partial<CocoAnnotation> = {}): CocoAnnotation {
  return { id: nextId++, image_id, category_id, bbox, area: bbox[2]! * bbox[3]!, iscrowd: 0, ...extra };
}
function det(image_id: number, category_id: number, bbox: number[], score: number): CocoDetection {
  return { image_id, category_id, bbox, score };
}
function dataset(imageIds: number[], cats: [number, string][], annotations: CocoAnnotation[]): CocoGroundTruth {
  return { images: imageIds.map((id) => ({ id })), categories: cats.map(([id, name]) => ({ id, name })), annotations };
}

describe('hand-made cases', () => {
  test('IoU and recall thresholds are numpy linspace values', () => {
    expect(IOU_THRESHOLDS).toHaveLength(10);
    expect(IOU_THRESHOLDS[8]).toBe(0.8999999999999999);
    expect(IOU_THRESHOLDS[5]).toBe(0.75);
    expect(RECALL_THRESHOLDS).toHaveLength(101);
    expect(RECALL_THRESHOLDS[35]).toBe(0.35000000000000003);
    expect(RECALL_THRESHOLDS[100]).toBe(1);
  });

  const boxes = [
    [10, 10, 20, 20], // small (400)
    [100, 100, 50, 40], // medium (2000)
    [300, 300, 200, 100], // large (20000)
  ];
  const gtPerfect = dataset([1, 2], [[1, 'text'], [2, 'table']], [...boxes.map((b) => ann(1, 1, b)), ...boxes.map((b) => ann(2, 2, b))]);

  test('perfect detections give AP 1, AR 1, F1 1', () => {
    const dets = gtPerfect.annotations.map((a, j) => det(a.image_id, a.category_id, [...a.bbox], 0.5 + j / 100));
    const r = evaluate(gtPerfect, dets);
    // Precision is tp / (tp + fp + eps) as in pycocotools, so "1" is 1 - 1e-16.
    for (const [k, v] of Object.entries(r.summary)) expect(v, k).toBeCloseTo(k === 'AR1' ? 1 / 3 : 1, 12); // 3 boxes per image and class
    for (const c of Object.values(r.per_category)) {
      expect(c.AP).toBeCloseTo(1, 12);
      expect(c).toMatchObject({ tp: 3, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    }
    expect(r.micro.f1).toBe(1);
    expect(r.macro_f1).toBe(1);
    expect(r.counts).toEqual({ images: 2, gt: 6, dt: 6 });
  });

  test('no detections give AP 0 and AR 0, every ground truth missed', () => {
    const r = evaluate(gtPerfect, []);
    for (const v of Object.values(r.summary)) expect(v).toBe(0);
    expect(r.per_category.text).toEqual({ AP: 0, tp: 0, fp: 0, fn: 3, precision: 0, recall: 0, f1: 0 });
    expect(r.micro).toEqual({ tp: 0, fp: 0, fn: 6, precision: 0, recall: 0, f1: 0 });
    expect(r.macro_f1).toBe(0);
  });

  test('no ground truth at all gives -1 everywhere pycocotools does', () => {
    const r = evaluate(dataset([1], [[1, 'text']], []), [det(1, 1, [0, 0, 10, 10], 0.9)]);
    for (const v of Object.values(r.summary)) expect(v).toBe(-1);
    expect(r.per_category.text).toMatchObject({ AP: -1, tp: 0, fp: 1, fn: 0 });
  });

  test('a known precision-recall curve: 101-point interpolation after making precision monotone', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100]), ann(1, 1, [200, 0, 100, 100])]);
    const dets = [det(1, 1, [0, 0, 100, 100], 0.9), det(1, 1, [500, 500, 50, 50], 0.8), det(1, 1, [200, 0, 100, 100], 0.7)];
    const r = evaluate(gt, dets);
    // precision [1, 1/2, 2/3] -> monotone [1, 2/3, 2/3]; recall [.5, .5, 1]: 51 thresholds at 1, 50 at 2/3.
    const ap = (51 + 50 * (2 / 3)) / 101;
    expect(r.summary.AP).toBeCloseTo(ap, 12);
    expect(r.summary.AP50).toBeCloseTo(ap, 12);
    expect(r.summary.AR100).toBe(1);
    expect(r.summary.AR1).toBe(0.5);
    expect(r.per_category.text).toMatchObject({ tp: 2, fp: 1, fn: 0 });
  });

  test('equal scores keep file order (stable sort), as numpy mergesort does', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100])]);
    const hit = det(1, 1, [0, 0, 100, 100], 0.6);
    const miss = det(1, 1, [500, 500, 100, 100], 0.6);
    // miss first: precision [0, 1/2], recall [0, 1] -> AP 0.5; hit first: precision 1 at recall 1 -> AP 1.
    expect(evaluate(gt, [miss, hit]).summary.AP).toBeCloseTo(0.5, 12);
    expect(evaluate(gt, [hit, miss]).summary.AP).toBeCloseTo(1, 12);
  });

  test('a crowd region: detections on it are ignored (IoU over the detection area), it is never missed', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100]), ann(1, 1, [200, 0, 400, 400], { iscrowd: 1 })]);
    const onCrowd1 = det(1, 1, [220, 20, 50, 50], 0.95); // inside the crowd: IoU = 2500 / 2500 = 1
    const onCrowd2 = det(1, 1, [300, 100, 80, 80], 0.9); // a crowd can absorb any number of detections
    const hit = det(1, 1, [0, 0, 100, 100], 0.8);
    const r = evaluate(gt, [onCrowd1, onCrowd2, hit]);
    expect(r.summary.AP).toBeCloseTo(1, 12);
    expect(r.per_category.text).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    // Half inside the crowd: IoU 0.5, ignored at IoU 0.50 only, a false positive above.
    const halfOut = det(1, 1, [150, 0, 100, 100], 0.85);
    const rh = evaluate(gt, [onCrowd1, onCrowd2, hit, halfOut]);
    expect(rh.summary.AP50).toBeCloseTo(1, 12);
    expect(rh.summary.AP75).toBeCloseTo(0.5, 12);
    expect(rh.summary.AP).toBeCloseTo(0.55, 12);
    expect(rh.per_category.text).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    const mostlyOut = det(1, 1, [120, 0, 100, 100], 0.85); // 20% inside the crowd: a false positive
    const r2 = evaluate(gt, [mostlyOut, hit]);
    expect(r2.per_category.text).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(r2.summary.AP).toBeCloseTo(0.5, 12);
  });

  test('an ignore field in the ground truth is not read (pycocotools overwrites it with iscrowd)', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100], { ignore: 1 })]);
    expect(evaluate(gt, []).per_category.text!.fn).toBe(1);
  });

  test('a detection of a category with no ground truth is a false positive', () => {
    const gt = dataset([1], [[1, 'text'], [2, 'table']], [ann(1, 1, [0, 0, 100, 100])]);
    const r = evaluate(gt, [det(1, 1, [0, 0, 100, 100], 0.9), det(1, 2, [0, 0, 100, 100], 0.9)]);
    expect(r.summary.AP).toBeCloseTo(1, 12); // table has no ground truth: its AP is -1 and left out of the mean
    expect(r.per_category.table).toEqual({ AP: -1, tp: 0, fp: 1, fn: 0, precision: 0, recall: 0, f1: 0 });
    expect(r.micro).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.macro_f1).toBe(0.5); // table counts: it has a detection
  });

  test('non-contiguous image and category ids give the same figures as contiguous ones', () => {
    const mk = (imgs: number[], cats: number[]): EvaluationResult => {
      const a: CocoAnnotation[] = [];
      const d: CocoDetection[] = [];
      imgs.forEach((img, i) =>
        cats.forEach((cat, k) => {
          a.push(ann(img, cat, [10 * i, 10 * k, 40 + k, 30 + i]));
          a.push(ann(img, cat, [100 + 5 * k, 100, 60, 20 + 3 * i]));
          d.push(det(img, cat, [10 * i + 3, 10 * k, 40 + k, 30 + i], 0.3 + 0.05 * k + 0.01 * i));
          d.push(det(img, cat, [100 + 5 * k, 140, 60, 20], 0.7 - 0.02 * k)); // equal scores across images
          d.push(det(img, cats[(k + 1) % cats.length]!, [100 + 5 * k, 100, 60, 20 + 3 * i], 0.55));
        }),
      );
      // Images and categories listed in reverse: evaluation goes in ascending id order regardless.
      return evaluate(dataset([...imgs].reverse(), cats.map((c, k): [number, string] => [c, `c${k}`]).reverse(), a), d);
    };
    const a = mk([1, 2, 3], [1, 2, 3]);
    const b = mk([7, 30, 1000], [5, 9, 42]);
    for (const [k, v] of Object.entries(a.summary)) expect(b.summary[k as keyof typeof a.summary]).toBeCloseTo(v, 12);
    expect(Object.keys(b.per_category)).toEqual(['c0', 'c1', 'c2']);
    expect(b.per_category).toEqual(a.per_category);
    expect(b.micro).toEqual(a.micro);
    expect(a.summary.AP).toBeGreaterThan(0);
    expect(a.summary.AP).toBeLessThan(1);
  });

  test('area buckets come from the ground-truth area field, not w*h', () => {
    // A 100x100 box (w*h = 10000, large) labelled with area 500 (small).
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100], { area: 500 })]);
    const r = evaluate(gt, [det(1, 1, [0, 0, 100, 100], 0.9)]);
    expect(r.summary.APs).toBeCloseTo(1, 12);
    expect(r.summary.APm).toBe(-1);
    expect(r.summary.APl).toBe(-1);
    expect(r.summary.ARs).toBe(1);
    // A gt area on a boundary (32^2) belongs to both small and medium (both ends inclusive).
    const edge = evaluate(dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100], { area: 1024 })]), [det(1, 1, [0, 0, 100, 100], 0.9)]);
    expect(edge.summary.APs).toBeCloseTo(1, 12);
    expect(edge.summary.APm).toBeCloseTo(1, 12);
    expect(edge.summary.APl).toBe(-1);
  });

  test('an unmatched detection outside the area range is ignored for that range', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 20, 20])]); // small
    const r = evaluate(gt, [det(1, 1, [300, 300, 200, 200], 0.9), det(1, 1, [0, 0, 20, 20], 0.8)]);
    expect(r.summary.APs).toBeCloseTo(1, 12); // the large false positive does not count among small objects
    expect(r.summary.AP).toBeCloseTo(0.5, 12);
  });

  test('maxDets truncates detections per image and category after sorting by score', () => {
    const gt = dataset([1], [[1, 'text']], Array.from({ length: 12 }, (_, j) => ann(1, 1, [j * 50, 0, 40, 40])));
    const dets = Array.from({ length: 12 }, (_, j) => det(1, 1, [j * 50, 0, 40, 40], 0.1 + j / 100));
    const r = evaluate(gt, dets);
    expect(r.summary.AR1).toBeCloseTo(1 / 12, 12);
    expect(r.summary.AR10).toBeCloseTo(10 / 12, 12);
    expect(r.summary.AR100).toBe(1);
    // With maxDets 10, only the 10 best-scored detections exist at all.
    const r10 = evaluate(gt, dets, { maxDets: 10, scoreThreshold: 0 });
    expect(r10.summary.AR100).toBeCloseTo(10 / 12, 12);
    expect(r10.per_category.text).toMatchObject({ tp: 10, fp: 0, fn: 2 });
    expect(r10.params.maxDets).toEqual([1, 10, 10]);
  });

  test('F1: a ground truth matched only by a detection under the score threshold counts as missed', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100]), ann(1, 1, [200, 0, 100, 100])]);
    const dets = [det(1, 1, [0, 0, 100, 100], 0.3), det(1, 1, [205, 0, 100, 100], 0.9), det(1, 1, [600, 600, 10, 10], 0.6)];
    expect(evaluate(gt, dets).per_category.text).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(evaluate(gt, dets, { scoreThreshold: 0.2 }).per_category.text).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(evaluate(gt, dets, { scoreThreshold: 0.95 }).per_category.text).toMatchObject({ tp: 0, fp: 0, fn: 2, precision: 0, recall: 0, f1: 0 });
  });

  test('F1 at another IoU threshold, on or off the standard grid', () => {
    const gt = dataset([1], [[1, 'text']], [ann(1, 1, [0, 0, 100, 100])]);
    const dets = [det(1, 1, [0, 0, 100, 70], 0.9)]; // IoU 0.7
    expect(evaluate(gt, dets, { iouThreshold: 0.7 }).per_category.text).toMatchObject({ tp: 1, fp: 0 });
    expect(evaluate(gt, dets, { iouThreshold: 0.75 }).per_category.text).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(evaluate(gt, dets, { iouThreshold: 0.69 }).per_category.text).toMatchObject({ tp: 1, fp: 0 });
    expect(evaluate(gt, dets, { iouThreshold: 0.71 }).per_category.text).toMatchObject({ tp: 0, fp: 1 });
  });

  test('bad options are UsageErrors', () => {
    expect(() => evaluate(gtPerfect, [], { iouThreshold: 0 })).toThrow(UsageError);
    expect(() => evaluate(gtPerfect, [], { iouThreshold: 1.5 })).toThrow(/iouThreshold must be a number in \(0, 1\], got 1.5/);
    expect(() => evaluate(gtPerfect, [], { scoreThreshold: NaN })).toThrow(UsageError);
    expect(() => evaluate(gtPerfect, [], { maxDets: 5 })).toThrow(/maxDets must be an integer >= 10/);
  });
});

describe('pagesynth evaluate (CLI)', () => {
  test('prints the report, writes JSON with summary and per_category, and exits 2 on a bad record', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync: read, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join: j, resolve: r } = await import('node:path');
    const root = r(__dirname, '..');
    const fx = r(FIXTURES, 'docbank');
    const out = j(mkdtempSync(j(tmpdir(), 'ev-cli-')), 'res.json');
    const run = (args: string[]) => spawnSync(process.execPath, [j(root, 'bin', 'pagesynth.js'), 'evaluate', ...args], { encoding: 'utf8' });
    const ok = run(['--gt', j(fx, 'gt.json'), '--pred', j(fx, 'dt.json'), '--json', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]');
    const res = JSON.parse(read(out, 'utf8'));
    const expected = JSON.parse(read(j(fx, 'expected.json'), 'utf8'));
    for (const [k, v] of Object.entries(expected.summary as Record<string, number>)) expect(res.summary[k]).toBeCloseTo(v, 4);
    expect(Object.keys(res.per_category).length).toBeGreaterThan(5);
    const bad = j(mkdtempSync(j(tmpdir(), 'ev-cli-')), 'bad.json');
    writeFileSync(bad, JSON.stringify([{ image_id: 999999, category_id: 1, bbox: [0, 0, 1, 1], score: 0.5 }]));
    const b = run(['--gt', j(fx, 'gt.json'), '--pred', bad]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/bad\.json: \[0\]\.image_id/);
  });
});
