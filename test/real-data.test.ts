/**
 * Fixes found on real data (issue 13): COCO files whose image names are absolute or live elsewhere, a detector's
 * classes written in a COCO file's own categories, and DocBank files read in PubLayNet's classes. The checks on the
 * real samples need ../shared/real and are skipped without it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../src/errors.js';
import { imageCandidates, loadLabelledSet } from '../src/evaluate/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'pagesynth-real-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function touch(path: string): string {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, '');
  return path;
}

const coco = (files: string[]) => ({
  images: files.map((file_name, i) => ({ id: i + 1, file_name, width: 100, height: 200 })),
  categories: [{ id: 1, name: 'text' }],
  annotations: files.map((_, i) => ({ id: i + 1, image_id: i + 1, category_id: 1, bbox: [1, 1, 10, 10], area: 100, iscrowd: 0 })),
});

describe('image paths of a COCO file', () => {
  const set = join(dir, 'set');
  const elsewhere = join(dir, 'elsewhere');
  touch(join(set, 'beside.png'));
  touch(join(set, 'images', 'inside.png'));
  touch(join(set, 'sub', 'nested.png'));
  touch(join(elsewhere, 'moved.png'));
  const absolute = touch(join(dir, 'abs', 'absolute.png'));

  it('accepts absolute names and names relative to the file, to its images/ or to an image root', async () => {
    const file = join(set, 'coco.json');
    writeFileSync(file, JSON.stringify(coco([absolute, 'beside.png', 'inside.png', 'sub/nested.png', '/gone/away/moved.png'])));
    const s = await loadLabelledSet(file, { imageRoot: elsewhere });
    expect(s.pages.map((p) => p.path)).toEqual([absolute, join(set, 'beside.png'), join(set, 'images', 'inside.png'), join(set, 'sub', 'nested.png'), join(elsewhere, 'moved.png')]);
    expect(s.pages.map((p) => p.doc)).toEqual(['absolute', 'beside', 'inside', 'nested', 'moved']);
    expect(s.categories).toEqual([{ id: 1, name: 'text' }]);
  });

  it('a missing image names the file and every path tried', async () => {
    const file = join(set, 'missing.json');
    writeFileSync(file, JSON.stringify(coco(['beside.png', 'nowhere.png', '/data/x/gone.png'])));
    let err: unknown;
    try {
      await loadLabelledSet(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const message = (err as InputError).message;
    expect(message).toContain(`${file}: images: 2 image file(s) not found, e.g. nowhere.png, /data/x/gone.png`);
    expect(message).toContain(`tried for nowhere.png: ${join(set, 'images', 'nowhere.png')}, ${join(set, 'nowhere.png')}`);
    expect(message).toContain('--image-root');
    expect(imageCandidates(file, '/data/x/gone.png', '/imgs')).toEqual(['/data/x/gone.png', '/imgs/gone.png', join(set, 'images', 'gone.png'), join(set, 'gone.png')]);
  });
});

describe('detect writes a COCO file\'s own category ids', () => {
  const DOCLAYNET = ['Caption', 'Footnote', 'Formula', 'List-item', 'Page-footer', 'Page-header', 'Picture', 'Section-header', 'Table', 'Text', 'Title'].map((name, i) => ({ id: 10 + i, name }));

  it('maps a publaynet model\'s classes through its profile, keeping the file\'s ids', async () => {
    const { categoryIdsForModel } = await import('../src/cli/detector.js');
    const r = categoryIdsForModel(['text', 'title', 'list', 'table', 'figure'], { file: 'x.json', categories: DOCLAYNET });
    expect(Object.fromEntries(r.idOf)).toEqual({ text: 19, title: 20, list: 13, table: 18, figure: 16 });
    expect(r.unmatched).toEqual([]);
    // A DocLayNet model on a file in PubLayNet's classes: names matched whatever their case; the rest reported.
    const back = categoryIdsForModel(DOCLAYNET.map((c) => c.name), { file: 'p.json', categories: ['text', 'title', 'list', 'table', 'figure'].map((name, i) => ({ id: i + 1, name })) });
    expect(Object.fromEntries(back.idOf)).toEqual({ Text: 1, Title: 2, Table: 4 });
    expect(back.unmatched).toContain('List-item');
  });

  it('no class of the model matching any category is one error naming both lists', async () => {
    const { categoryIdsForModel } = await import('../src/cli/detector.js');
    const cats = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `thing${i}` }));
    let err: unknown;
    try {
      categoryIdsForModel(['text', 'title', 'list', 'table', 'figure'], { file: 'x.json', categories: cats });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const m = (err as InputError).message;
    expect(m).toMatch(/^x\.json: categories: no class of the model matches a category of this file through label profile publaynet: model classes text, title, list, table, figure; categories thing0, thing1/);
    expect(m).toContain('... (30 in all)');
    expect(() => categoryIdsForModel(['text', 'title'], { file: 'x.json', categories: cats }, 'publaynet')).toThrow(UsageError);
  });
});

const SHARED = resolve(__dirname, '..', '..', 'shared', 'real');
const DOCBANK = join(SHARED, 'docbank-samples', 'coco.json');
const PUBLAYNET = join(SHARED, 'publaynet-examples', 'coco.json');
let haveShared = false;
try {
  readFileSync(DOCBANK);
  readFileSync(PUBLAYNET);
  haveShared = true;
} catch {
  console.warn(`skipping the checks on real samples: they need ${DOCBANK} and ${PUBLAYNET} (../shared/real)`);
}

describe.skipIf(!haveShared)('real samples (../shared/real)', () => {
  it('reads DocBank in PubLayNet classes through the one bridge table: nothing unknown, footers are text', async () => {
    const s = await loadLabelledSet(DOCBANK, { profile: 'publaynet' });
    expect(s.unmapped).toEqual([]);
    expect(s.classes).toEqual(['text', 'title', 'list', 'table', 'figure']);
    const raw = JSON.parse(readFileSync(DOCBANK, 'utf8')) as { annotations: Array<{ category_id: number }>; categories: Array<{ id: number; name: string }> };
    const footer = raw.categories.find((c) => c.name === 'footer')!.id;
    const equation = raw.categories.find((c) => c.name === 'equation')!.id;
    const boxes = s.pages.flatMap((p) => p.boxes);
    // Every box but the equations is kept (lists are whole in DocBank: none join).
    expect(boxes).toHaveLength(raw.annotations.filter((a) => a.category_id !== equation).length);
    expect(raw.annotations.some((a) => a.category_id === footer)).toBe(true);
  });

  it('loads PubLayNet samples named by absolute paths, and by base names under --image-root', async () => {
    const raw = JSON.parse(readFileSync(PUBLAYNET, 'utf8')) as { images: Array<{ file_name: string }> };
    const abs = join(dir, 'publaynet-absolute.json');
    writeFileSync(abs, JSON.stringify({ ...raw, images: raw.images.map((im) => ({ ...im, file_name: join(SHARED, 'publaynet-examples', im.file_name) })) }));
    const a = await loadLabelledSet(abs, { profile: 'publaynet' });
    expect(a.pages).toHaveLength(raw.images.length);
    const moved = join(dir, 'publaynet-moved.json');
    writeFileSync(moved, JSON.stringify({ ...raw, images: raw.images.map((im) => ({ ...im, file_name: `/somewhere/else/${im.file_name}` })) }));
    const b = await loadLabelledSet(moved, { imageRoot: join(SHARED, 'publaynet-examples') });
    expect(b.pages.map((p) => p.path)).toEqual(a.pages.map((p) => p.path));
  });
});
