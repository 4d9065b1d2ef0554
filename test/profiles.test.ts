import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyProfile, loadProfile, mergeStacked } from '../src/annotate/index.js';
import { InputError, UsageError } from '../src/errors.js';
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
