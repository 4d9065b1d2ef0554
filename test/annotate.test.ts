import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CocoStreamWriter, categoriesOf } from '../src/annotate/index.js';
import { DOCLAYNET_CLASSES } from '../src/types.js';

describe('COCO stream writer', () => {
  it('writes images, annotations (ids from 1, area = w*h, rectangle polygon) and categories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coco-'));
    const path = join(dir, 'annotations.json');
    const w = new CocoStreamWriter(path, categoriesOf(DOCLAYNET_CLASSES), { description: 't' });
    for (let i = 1; i <= 300; i++) {
      await w.addImage({ id: i, file_name: `${i}.png`, width: 100, height: 200 }, i % 3 === 0 ? [] : [[10, { x0: 1, y0: 2, x1: 11, y1: 32 }], [1, { x0: 50, y0: 60, x1: 55, y1: 61 }]]);
    }
    expect(readdirSync(dir)).not.toContain('annotations.json');
    await w.finish();
    expect(readdirSync(dir)).toEqual(['annotations.json']);
    const coco = JSON.parse(readFileSync(path, 'utf8'));
    expect(coco.categories).toHaveLength(11);
    expect(coco.categories[0]).toEqual({ id: 1, name: 'Caption', supercategory: 'layout' });
    expect(coco.categories.map((c: { name: string }) => c.name)).toEqual([...DOCLAYNET_CLASSES]);
    expect(coco.images).toHaveLength(300);
    expect(coco.annotations).toHaveLength(200 * 2);
    expect(coco.annotations.map((a: { id: number }) => a.id)).toEqual(Array.from({ length: 400 }, (_, k) => k + 1));
    expect(coco.annotations[0]).toEqual({ id: 1, image_id: 1, category_id: 10, bbox: [1, 2, 10, 30], area: 300, iscrowd: 0, segmentation: [[1, 2, 11, 2, 11, 32, 1, 32]] });
    expect(coco.info.description).toBe('t');
  });

  it('leaves nothing that looks complete when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coco-'));
    const w = new CocoStreamWriter(join(dir, 'annotations.json'), categoriesOf(['a']));
    await w.addImage({ id: 1, file_name: '1.png', width: 1, height: 1 }, [[1, { x0: 0, y0: 0, x1: 1, y1: 1 }]]);
    await w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
