/**
 * The evaluator's inputs: every bad ground truth or detection record is an InputError naming the file and the
 * record, all reported at once (capped); `lenient` skips bad detections and counts them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError, type Problem } from '../src/errors.js';
import { evaluate, formatReport, loadCoco, loadDetections, parseDetections, parseGroundTruth, parseJsonText, type CocoGroundTruth } from '../src/evaluate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pagesynth-evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function caught(fn: () => unknown): Promise<InputError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError, none was thrown');
}

const paths = (ps: Problem[]): string[] => ps.map((p) => p.path);

const GT: CocoGroundTruth = {
  images: [{ id: 3 }, { id: 8 }],
  categories: [
    { id: 1, name: 'text' },
    { id: 4, name: 'table' },
  ],
  annotations: [
    { id: 1, image_id: 3, category_id: 1, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0 },
    { id: 2, image_id: 8, category_id: 4, bbox: [5, 5, 20, 10], area: 200, iscrowd: 0 },
  ],
};
const gtPath = file('gt.json', JSON.stringify(GT));
const good = { image_id: 3, category_id: 1, bbox: [0, 0, 10, 10], score: 0.9 };

describe('malformed files', () => {
  test('malformed JSON names the file, line and column', async () => {
    const p = file('broken.json', '{\n  "images": [1, 2\n  3]\n}');
    const err = await caught(() => loadCoco(p));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.file).toBe(p);
    expect(err.message).toMatch(/broken\.json: malformed JSON at line 3, column 3: invalid character '3'/);
  });

  test('truncated JSON reports the end of input', async () => {
    const p = file('truncated.json', '[{"image_id": 3, "score": 0.5');
    const gt = await loadCoco(gtPath);
    const err = await caught(() => loadDetections(p, gt));
    expect(err.message).toMatch(/truncated\.json: malformed JSON at line 1, column 30: invalid end of input/);
  });

  test('a missing file is an InputError naming it', async () => {
    const err = await caught(() => loadCoco(join(dir, 'nope.json')));
    expect(err.message).toBe(`${join(dir, 'nope.json')}: file not found`);
  });

  test("Python's NaN / Infinity literals parse, so they are reported by record", () => {
    expect(parseJsonText('[NaN, Infinity, -Infinity, -1.5e3, "a\\n"]')).toEqual([NaN, Infinity, -Infinity, -1500, 'a\n']);
    expect(() => parseJsonText('[nan]', 'x.json')).toThrow(/x\.json: malformed JSON at line 1, column 3/);
  });
});

describe('ground truth', () => {
  test('missing images, annotations and categories are all reported', async () => {
    const err = await caught(() => loadCoco(file('empty-gt.json', '{"info": {}}')));
    expect(paths(err.problems)).toEqual(['images', 'annotations', 'categories']);
    expect(err.message).toContain('empty-gt.json: images: expected an array, got nothing');
  });

  test('a non-object is reported', async () => {
    const err = await caught(() => parseGroundTruth([1, 2], 'gt.json'));
    expect(err.message).toMatch(/^gt\.json: expected a COCO object/);
  });

  test('bad annotations, images and categories are reported by index, all at once', async () => {
    const bad = {
      images: [{ id: 1 }, { id: 1 }, { name: 'x' }],
      categories: [{ id: 1, name: 'a' }, { id: 2 }, { id: 3, name: 'a' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], area: 1 },
        { id: 1, image_id: 99, category_id: 7, bbox: [0, 0, -1, 1], area: -3, iscrowd: 2 },
        { id: 'x', image_id: 1, category_id: 1, bbox: [0, 0, 1], area: 1 },
      ],
    };
    const err = await caught(() => parseGroundTruth(bad, 'gt.json'));
    expect(paths(err.problems)).toEqual([
      'images[1].id',
      'images[2].id',
      'categories[1].name',
      'categories[2].name',
      'annotations[1].id',
      'annotations[1].image_id',
      'annotations[1].category_id',
      'annotations[1].bbox',
      'annotations[1].area',
      'annotations[1].iscrowd',
      'annotations[2].id',
      'annotations[2].bbox',
    ]);
    expect(err.message).toContain('gt.json: images[1].id: duplicate image id 1 (also images[0])');
    expect(err.message).toContain('gt.json: annotations[1].image_id: expected the id of an image in "images", got 99');
    expect(err.message).toContain('gt.json: annotations[1].bbox: expected a non-negative width and height, got [0,0,-1,1]');
    expect(err.message).toContain('gt.json: annotations[2].bbox: expected [x, y, width, height] as 4 finite numbers, got [0,0,1]');
  });
});

describe('detections', () => {
  const records = [
    good,
    { ...good, image_id: 5 }, // 1: unknown image
    { ...good, category_id: 2 }, // 2: unknown category
    { ...good, bbox: [0, 0, 10] }, // 3
    { ...good, bbox: [0, 0, -10, 10] }, // 4
    { ...good, bbox: [0, 0, 'a', 10] }, // 5
    { ...good, score: undefined }, // 6: missing score
    { ...good, score: '0.5' }, // 7
    7, // 8: not an object
    { ...good, image_id: 8, category_id: 4, bbox: [5, 5, 20, 10] },
  ];
  // Written by hand so that NaN and Infinity appear as Python's json.dump writes them.
  const text = `[${records.map((r) => JSON.stringify(r)).join(',\n')},\n${JSON.stringify({ ...good, score: 0 }).replace('0}', 'NaN}')},\n${JSON.stringify({ ...good, score: 0 }).replace('0}', 'Infinity}')}]`;
  const dtPath = file('dt.json', text);

  test('every bad record is reported with file, index and field', async () => {
    const gt = await loadCoco(gtPath);
    const err = await caught(() => loadDetections(dtPath, gt));
    expect(paths(err.problems)).toEqual(['[1].image_id', '[2].category_id', '[3].bbox', '[4].bbox', '[5].bbox', '[6].score', '[7].score', '[8]', '[10].score', '[11].score']);
    for (const p of err.problems) expect(p.file).toBe(dtPath);
    expect(err.message).toContain(`${dtPath}: [10].score: expected a finite number, got NaN`);
    expect(err.message).toContain(`${dtPath}: [11].score: expected a finite number, got Infinity`);
    expect(err.message).toContain(`${dtPath}: [6].score: expected a finite number, got nothing`);
    expect(err.message).toContain(`${dtPath}: [1].image_id: expected the id of an image in ${gtPath}, got 5`);
    expect(err.message).toContain(`${dtPath}: [2].category_id: expected the id of a category in ${gtPath}, got 2`);
    expect(err.message).toContain(`${dtPath}: [8]: expected an object, got 7`);
  });

  test('lenient loading skips bad records and counts them by reason', async () => {
    const gt = await loadCoco(gtPath);
    const dets = await loadDetections(dtPath, gt, { lenient: true });
    expect(dets.detections).toHaveLength(2);
    expect(dets.skipped).toMatchObject({ total: 10, reasons: { image_id: 1, category_id: 1, bbox: 3, score: 4, record: 1 } });
    expect(dets.skipped!.examples).toHaveLength(10);
    const r = evaluate(gt, dets);
    expect(r.counts).toMatchObject({ images: 2, gt: 2, dt: 2, skipped: { total: 10 } });
    expect(r.summary.AP).toBeCloseTo(1, 12);
    expect(formatReport(r)).toContain('10 records skipped (image_id: 1, category_id: 1, bbox: 3, score: 4, record: 1)');
  });

  test('more than 20 bad records: 20 listed, then "and N more"', () => {
    const many = Array.from({ length: 57 }, (_, j) => ({ ...good, score: j % 2 ? NaN : 0.5 }));
    let err: InputError | undefined;
    try {
      parseDetections(many, GT, { file: 'dt.json' });
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.problems).toHaveLength(21);
    expect(err!.problems[0]!.path).toBe('[1].score');
    expect(err!.problems[20]!.message).toBe('and 8 more');
    expect(err!.message.split('\n')[0]).toBe('28 problems (first 20 listed):');
    expect(err!.message).toContain('dt.json: [39].score: expected a finite number, got NaN');
    expect(err!.message).not.toContain('[41].score');
  });

  test('a plain array given to evaluate is validated too', () => {
    expect(() => evaluate(GT, [{ ...good, score: NaN }])).toThrow(/\[0\]\.score: expected a finite number, got NaN/);
    expect(() => evaluate(GT, [{ ...good, bbox: [0, 0, 1, Infinity] }])).toThrow(InputError);
  });

  test('an object with an "annotations" array is accepted, a scalar is not', () => {
    expect(parseDetections({ annotations: [good] }, GT).detections).toHaveLength(1);
    expect(() => parseDetections({ annotations: [{ ...good, score: null }] }, GT, { file: 'r.json' })).toThrow('r.json: annotations[0].score: expected a finite number, got null');
    expect(() => parseDetections(42, GT, { file: 'r.json' })).toThrow(/^r\.json: expected an array of detections/);
  });
});
