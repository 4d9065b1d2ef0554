import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyProfile, loadProfile, mergeStacked, remapGroundTruth } from '../src/annotate/index.js';
import { InputError, UsageError } from '../src/errors.js';
import { evaluate } from '../src/evaluate/metrics/index.js';
import type { Region } from '../src/types.js';

const r = (category: Region['category'], kind: string, group: number, x0: number, y0: number, x1: number, y1: number): Region => ({ category, kind, group, box: { x0, y0, x1, y1 } });

const page: Region[] = [
  r('Page-header', 'header', 0, 10, 5, 200, 15),
  r('Title', 'title', 1, 10, 30, 400, 60),
  r('Text', 'authors', 1, 10, 65, 300, 80),
  r('Section-header', 'section_header', 2, 10, 100, 150, 115),
  r('List-item', 'list_item', 3, 20, 120, 300, 135),
  r('List-item', 'list_item', 3, 20, 140, 280, 170),
  r('List-item', 'list_item', 4, 20, 200, 250, 215),
  r('Caption', 'caption', 5, 10, 220, 300, 235),
  r('Formula', 'equation', 6, 50, 240, 200, 260),
  r('Page-footer', 'page_number', 7, 100, 380, 110, 390),
];

describe('label profiles', () => {
  it('doclaynet keeps every region as is', () => {
    const out = applyProfile(loadProfile('doclaynet'), page);
    expect(out.map((o) => o.cls)).toEqual(page.map((p) => p.category));
  });

  it('publaynet: section headers become title, a whole list is one box, captions are text, furniture and formulas drop', () => {
    const p = loadProfile('publaynet');
    expect(p.classes).toEqual(['text', 'title', 'list', 'table', 'figure']);
    const out = applyProfile(p, page);
    expect(out.map((o) => o.cls)).toEqual(['title', 'text', 'title', 'list', 'list', 'text']);
    expect(out[3]!.box).toEqual({ x0: 20, y0: 120, x1: 300, y1: 170 }); // items of list 3 merged
    expect(out[4]!.box).toEqual({ x0: 20, y0: 200, x1: 250, y1: 215 }); // list 4 stays apart
  });

  it('docbank: authors are author, running heads and page numbers are paragraph, formulas equation', () => {
    const p = loadProfile('docbank');
    expect(p.classes).toHaveLength(13);
    const out = applyProfile(p, page);
    expect(out.map((o) => o.cls)).toEqual(['paragraph', 'title', 'author', 'section', 'list', 'list', 'caption', 'equation', 'paragraph']);
  });

  it('keeps text inside charts only where a profile names it: docbank boxes it as paragraph, others drop it', () => {
    const withChart: Region[] = [r('Picture', 'figure', 9, 10, 300, 200, 400), r('Picture', 'figure_text', 9, 12, 380, 150, 398)];
    expect(applyProfile(loadProfile('doclaynet'), withChart).map((o) => o.cls)).toEqual(['Picture']);
    expect(applyProfile(loadProfile('publaynet'), withChart).map((o) => o.cls)).toEqual(['figure']);
    expect(applyProfile(loadProfile('docbank'), withChart).map((o) => o.cls)).toEqual(['figure', 'paragraph']);
  });

  it('docbank boxes a numbered formula and its number apart, as DocBank does; other profiles keep one box', () => {
    const eq: Region[] = [
      r('Formula', 'equation', 2, 100, 100, 500, 130),
      { ...r('Formula', 'formula_body', 2, 100, 100, 400, 130), parent: 0 },
      { ...r('Formula', 'formula_number', 2, 470, 105, 500, 125), parent: 0 },
      r('Formula', 'equation', 3, 100, 170, 300, 200),
    ];
    expect(applyProfile(loadProfile('docbank'), eq)).toEqual([
      { cls: 'equation', box: { x0: 100, y0: 100, x1: 400, y1: 130 }, sources: [1] },
      { cls: 'equation', box: { x0: 470, y0: 105, x1: 500, y1: 125 }, sources: [2] },
      { cls: 'equation', box: { x0: 100, y0: 170, x1: 300, y1: 200 }, sources: [3] },
    ]);
    expect(applyProfile(loadProfile('doclaynet'), eq).map((o) => o.box.x1)).toEqual([500, 300]);
    expect(applyProfile(loadProfile('publaynet'), eq)).toEqual([]);
  });

  it('reads a user mapping file and reports every problem in it', () => {
    const d = mkdtempSync(join(tmpdir(), 'prof-'));
    const good = join(d, 'two.yaml');
    writeFileSync(good, 'name: two\nclasses: [body, other]\nmap: {Text: body, List-item: body, Table: other}\nmerge: [body]\n');
    const p = loadProfile(good);
    expect(applyProfile(p, page).map((o) => o.cls)).toEqual(['body', 'body', 'body']); // authors (Text), list 3 merged, list 4
    const bad = join(d, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'b', classes: ['x'], map: { Text: 'y', Table: 'z' }, merge: ['q'] }));
    try {
      loadProfile(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      const msgs = (err as InputError).problems.map((q) => `${q.file} ${q.path}`);
      expect(msgs).toEqual([`${bad} map.Text`, `${bad} map.Table`, `${bad} merge.0`]);
    }
    expect(() => loadProfile('nope')).toThrow(UsageError);
  });

  it('merges stacked boxes of one class when only COCO boxes are known', () => {
    const boxes = [
      { x0: 20, y0: 140, x1: 280, y1: 170 },
      { x0: 20, y0: 120, x1: 300, y1: 135 },
      { x0: 20, y0: 300, x1: 250, y1: 315 },
      { x0: 400, y0: 120, x1: 500, y1: 135 },
    ];
    expect(mergeStacked(boxes, 10)).toEqual([
      { x0: 20, y0: 120, x1: 300, y1: 170 },
      { x0: 400, y0: 120, x1: 500, y1: 135 },
      { x0: 20, y0: 300, x1: 250, y1: 315 },
    ]);
  });
});

describe('profiles on COCO files', () => {
  it('remaps a DocLayNet ground truth to publaynet: renamed, dropped, stacked list items joined', async () => {
    const { remapGroundTruth, remapDetections } = await import('../src/annotate/index.js');
    const cats = ['Caption', 'Footnote', 'Formula', 'List-item', 'Page-footer', 'Page-header', 'Picture', 'Section-header', 'Table', 'Text', 'Title'].map((name, i) => ({ id: i + 1, name }));
    const ann = (id: number, cat: string, bbox: number[]) => ({ id, image_id: 7, category_id: cats.find((c) => c.name === cat)!.id, bbox, area: bbox[2]! * bbox[3]!, iscrowd: 0 });
    const gt = {
      images: [{ id: 7 }],
      categories: cats,
      annotations: [ann(1, 'List-item', [20, 120, 280, 15]), ann(2, 'List-item', [20, 140, 260, 30]), ann(3, 'Section-header', [10, 100, 140, 15]), ann(4, 'Page-footer', [100, 380, 10, 10]), ann(5, 'List-item', [20, 400, 200, 15])],
    };
    const { coco, unmapped } = remapGroundTruth(gt, loadProfile('publaynet'));
    expect(unmapped).toEqual([]);
    expect(coco.categories.map((c) => c.name)).toEqual(['text', 'title', 'list', 'table', 'figure']);
    const byCat = coco.annotations.map((a) => [coco.categories[a.category_id - 1]!.name, a.bbox]);
    expect(byCat).toEqual([
      ['list', [20, 120, 280, 50]],
      ['list', [20, 400, 200, 15]],
      ['title', [10, 100, 140, 15]],
    ]);
    const dets = remapDetections([{ image_id: 7, category_id: 4, bbox: [20, 121, 280, 14], score: 0.9 }, { image_id: 7, category_id: 4, bbox: [20, 140, 260, 30], score: 0.6 }, { image_id: 7, category_id: 5, bbox: [1, 1, 1, 1], score: 1 }], cats, loadProfile('publaynet'));
    expect(dets).toEqual([{ image_id: 7, category_id: 3, bbox: [20, 121, 280, 49], score: 0.9 }]);
  });
});

describe('profiles across datasets and detections (issue 13)', () => {
  const DOCLAYNET = ['Caption', 'Footnote', 'Formula', 'List-item', 'Page-footer', 'Page-header', 'Picture', 'Section-header', 'Table', 'Text', 'Title'].map((name, i) => ({ id: i + 1, name }));
  const PUBLAYNET = ['text', 'title', 'list', 'table', 'figure'].map((name, i) => ({ id: i + 1, name }));
  const DOCBANK = loadProfile('docbank').classes.map((name, i) => ({ id: i + 1, name }));
  const idIn = (cats: Array<{ id: number; name: string }>, name: string) => cats.find((c) => c.name === name)!.id;
  const ann = (cats: Array<{ id: number; name: string }>) => (id: number, cat: string, bbox: number[], image = 1) => ({ id, image_id: image, category_id: idIn(cats, cat), bbox, area: bbox[2]! * bbox[3]!, iscrowd: 0 });

  it('one DocBank → PubLayNet table, read by mapBetween and by every COCO remapping', async () => {
    const { mapBetween, PROFILE_BRIDGES, categoryTarget, remapGroundTruth } = await import('../src/annotate/profiles.js');
    const table = mapBetween('docbank', 'publaynet')!;
    expect(table).toEqual(PROFILE_BRIDGES.docbank!.publaynet);
    expect(Object.keys(table).sort()).toEqual([...loadProfile('docbank').classes].sort());
    expect(table).toMatchObject({ footer: 'text', paragraph: 'text', caption: 'text', section: 'title', title: 'title', list: 'list', equation: null });
    // Names both profiles share map to themselves.
    for (const c of loadProfile('publaynet').classes) if (c in table) expect(table[c]).toBe(c);
    expect(mapBetween('publaynet', 'publaynet')).toEqual({ text: 'text', title: 'title', list: 'list', table: 'table', figure: 'figure' });
    expect(mapBetween('doclaynet', 'publaynet')).toMatchObject({ 'Section-header': 'title', 'Page-footer': null, 'List-item': 'list' });
    expect(mapBetween('publaynet', 'docbank')).toBeUndefined();
    const publaynet = loadProfile('publaynet');
    expect(categoryTarget(publaynet, 'footer')).toBe('text');
    expect(categoryTarget(publaynet, 'equation')).toBeUndefined();
    const a = ann(DOCBANK);
    const gt = { images: [{ id: 1 }], categories: DOCBANK, annotations: [a(1, 'paragraph', [0, 0, 100, 50]), a(2, 'footer', [0, 900, 100, 20]), a(3, 'section', [0, 60, 80, 12]), a(4, 'equation', [0, 100, 80, 20]), a(5, 'list', [0, 130, 100, 40]), a(6, 'list', [0, 175, 100, 40])] };
    const { coco, unmapped } = remapGroundTruth(gt, publaynet);
    expect(unmapped).toEqual([]); // equation is dropped on purpose, not unknown
    expect(coco.annotations.map((x) => [coco.categories[x.category_id - 1]!.name, x.bbox[1]])).toEqual([
      ['text', 0],
      ['text', 900],
      ['title', 60],
      ['list', 130],
      ['list', 175], // DocBank's lists are whole lists: they stay apart
    ]);
  });

  it('boxes already in a merge class are whole: a PubLayNet ground truth keeps its stacked lists apart', async () => {
    const { remapGroundTruth } = await import('../src/annotate/profiles.js');
    const a = ann(PUBLAYNET);
    const gt = { images: [{ id: 1 }], categories: PUBLAYNET, annotations: [a(1, 'list', [20, 100, 280, 60]), a(2, 'list', [20, 175, 280, 60])] };
    expect(remapGroundTruth(gt, loadProfile('publaynet')).coco.annotations.map((x) => x.bbox)).toEqual([
      [20, 100, 280, 60],
      [20, 175, 280, 60],
    ]);
  });

  // The page of the issue: two correct list detections (0.91 and 0.65) and a 0.32 alternative spanning both were
  // joined into one box, leaving no true positive.
  const lists = { one: [20, 100, 280, 60], two: [20, 175, 280, 60], both: [20, 100, 280, 135] };

  it('never joins correct list detections with a low-scoring alternative (publaynet classes)', async () => {
    const { remapDetections } = await import('../src/annotate/profiles.js');
    const a = ann(PUBLAYNET);
    const gt = { images: [{ id: 1 }], categories: PUBLAYNET, annotations: [a(1, 'list', lists.one), a(2, 'list', lists.two)] };
    const list = idIn(PUBLAYNET, 'list');
    const dets = [
      { image_id: 1, category_id: list, bbox: lists.one, score: 0.91 },
      { image_id: 1, category_id: list, bbox: lists.two, score: 0.65 },
      { image_id: 1, category_id: list, bbox: lists.both, score: 0.32 },
    ];
    const profile = loadProfile('publaynet');
    const out = remapDetections(dets, PUBLAYNET, profile, { scoreThreshold: 0.5, groundTruth: gt });
    expect(out.map((d) => [d.bbox, d.score])).toEqual(dets.map((d) => [d.bbox, d.score]));
    const r = evaluate(remapGroundTruthOf(gt), out);
    expect(r.per_category.list).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
  });

  it('never joins correct list detections with a low-scoring alternative (DocLayNet list items)', async () => {
    const { remapDetections, remapGroundTruth } = await import('../src/annotate/profiles.js');
    const a = ann(DOCLAYNET);
    // Two lists of three 15 px items, 7.5 px apart; 15 px between the lists: the ground truth has two lists.
    const items = [100, 122.5, 145, 175, 197.5, 220].map((y, k) => a(k + 1, 'List-item', [20, y, 280, 15]));
    const gt = { images: [{ id: 1 }], categories: DOCLAYNET, annotations: items };
    const profile = loadProfile('publaynet');
    const g = remapGroundTruth(gt, profile).coco;
    expect(g.annotations.map((x) => x.bbox)).toEqual([lists.one, lists.two]);
    const item = idIn(DOCLAYNET, 'List-item');
    const dets = [
      { image_id: 1, category_id: item, bbox: lists.one, score: 0.91 },
      { image_id: 1, category_id: item, bbox: lists.two, score: 0.65 },
      { image_id: 1, category_id: item, bbox: lists.both, score: 0.32 },
    ];
    const out = remapDetections(dets, DOCLAYNET, profile, { scoreThreshold: 0.5, groundTruth: gt });
    expect(out.map((d) => [d.bbox, d.score])).toEqual(dets.map((d) => [d.bbox, d.score]));
    expect(evaluate(g, out).per_category.list).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    // What the old rule gave: one box over everything (score 0.91), no true positive.
    const joined = [{ image_id: 1, category_id: 3, bbox: lists.both, score: 0.91 }];
    expect(evaluate(g, joined).per_category.list!.tp).toBe(0);
  });

  it('joins list items the profile needs joined, on one side of the score threshold only, and only when they stack', async () => {
    const { remapDetections } = await import('../src/annotate/profiles.js');
    const item = idIn(DOCLAYNET, 'List-item');
    const d = (bbox: number[], score: number) => ({ image_id: 1, category_id: item, bbox, score });
    const profile = loadProfile('publaynet');
    const boxes = (ds: Array<{ bbox: readonly number[]; score: number }>) => ds.map((x) => [[...x.bbox], x.score]);
    // Items of one list, both confident: one list box with the higher score.
    expect(boxes(remapDetections([d([20, 100, 280, 15], 0.8), d([20, 122, 270, 15], 0.6)], DOCLAYNET, profile))).toEqual([[[20, 100, 280, 37], 0.8]]);
    // The same items on either side of the threshold stay apart; with a lower threshold they join.
    expect(remapDetections([d([20, 100, 280, 15], 0.8), d([20, 122, 270, 15], 0.3)], DOCLAYNET, profile)).toHaveLength(2);
    expect(boxes(remapDetections([d([20, 100, 280, 15], 0.8), d([20, 122, 270, 15], 0.3)], DOCLAYNET, profile, { scoreThreshold: 0.2 }))).toEqual([[[20, 100, 280, 37], 0.8]]);
    // A box covering another is an alternative, not the next item.
    expect(remapDetections([d([20, 100, 280, 15], 0.8), d([20, 100, 280, 37], 0.7)], DOCLAYNET, profile)).toHaveLength(2);
    // Side by side (no x overlap) or far apart: not items of one list.
    expect(remapDetections([d([20, 100, 100, 15], 0.8), d([300, 120, 100, 15], 0.8)], DOCLAYNET, profile)).toHaveLength(2);
    expect(remapDetections([d([20, 100, 280, 15], 0.8), d([20, 200, 280, 15], 0.8)], DOCLAYNET, profile)).toHaveLength(2);
  });

  it('finds the category of a COCO file that stands for each class of a profile', async () => {
    const { categoriesForClasses } = await import('../src/annotate/profiles.js');
    const dl = categoriesForClasses(loadProfile('publaynet'), DOCLAYNET);
    expect(Object.fromEntries([...dl].map(([k, c]) => [k, c.name]))).toEqual({ text: 'Text', title: 'Title', list: 'List-item', table: 'Table', figure: 'Picture' });
    const db = categoriesForClasses(loadProfile('publaynet'), DOCBANK);
    expect(Object.fromEntries([...db].map(([k, c]) => [k, c.name]))).toEqual({ text: 'paragraph', title: 'title', list: 'list', table: 'table', figure: 'figure' });
    const dbl = categoriesForClasses(loadProfile('docbank'), DOCLAYNET);
    expect(dbl.get('paragraph')!.name).toBe('Text');
    expect(dbl.get('section')!.name).toBe('Section-header');
    expect(categoriesForClasses(loadProfile('publaynet'), [{ id: 4, name: 'Formula' }]).size).toBe(0);
  });
});

/** A publaynet-class ground truth through remapGroundTruth (what `evaluate --labels publaynet` scores against). */
function remapGroundTruthOf<T extends { images: Array<{ id: number }>; annotations: Array<{ id: number; image_id: number; category_id: number; bbox: number[]; area: number; iscrowd?: number }>; categories: Array<{ id: number; name: string }> }>(gt: T): T {
  return remapGroundTruth(gt, loadProfile('publaynet')).coco;
}
