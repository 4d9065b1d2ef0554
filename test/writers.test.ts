/**
 * The yolo, yolo-seg, hf and webdataset writers, read back with readers written here (a strict line regex for YOLO,
 * the YAML front matter for the dataset card, a hand-written ustar parser for the shards), never with the writers' code.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { categoriesOf } from '../src/annotate/coco.js';
import type { LabelProfile } from '../src/annotate/profiles.js';
import { hfWriter } from '../src/run/writers/hf.js';
import type { PageBox, Split, WriterContext, WriterDefinition, WriterPage } from '../src/run/writers/types.js';
import { webdatasetWriter } from '../src/run/writers/webdataset.js';
import { mergeSegments, yoloSegWriter, yoloWriter } from '../src/run/writers/yolo.js';
import type { Region, XYXY } from '../src/types.js';

const W = 40;
const H = 30;
/** 'yes' and 'Foot: note' need quoting in YAML (PyYAML reads a bare yes as true). */
const NAMES = ['Caption', 'Text', 'Foot: note', 'yes'];
const categories = categoriesOf(NAMES);
const profile: LabelProfile = { name: 'test', classes: NAMES, map: {}, merge: [] };

const box = (x0: number, y0: number, x1: number, y1: number): XYXY => ({ x0, y0, x1, y1 });
const pb = (categoryId: number, b: XYXY, extra: Partial<PageBox> = {}): PageBox => ({ categoryId, category: NAMES[categoryId - 1]!, box: b, sources: [0], ...extra });

/** Boxes per page index; splits per page index. Page 1 has no boxes; page 0 has a crowd box and two with polygons. */
const BOXES: PageBox[][] = [
  [
    pb(1, box(2, 3, 12, 9)),
    pb(2, box(5, 5, 20, 25), { crowd: true }),
    pb(3, box(1, 10, 39, 29), { polygons: [[1, 10, 15, 10, 15, 18, 1, 18], [20, 20, 39, 21, 38, 29, 21, 28]] }),
    pb(4, box(0, 0, 40, 30), { polygons: [[0, 2, 38, 0, 40, 28, 2, 30]] }),
  ],
  [],
  [pb(2, box(3.5, 4.25, 17.75, 11)), pb(2, box(20, 1, 21, 2))],
  [pb(4, box(10, 10, 30, 20))],
  [pb(1, box(0, 0, 1, 1)), pb(3, box(7, 7, 33, 23))],
];
const SPLITS: Split[] = ['train', 'val', 'train', 'val', 'train'];

let images: Buffer[] = [];

function makePage(index: number, split: Split = SPLITS[index]!): WriterPage {
  const key = String(index + 1).padStart(6, '0');
  const boxes = BOXES[index]!;
  const regions: Region[] = boxes.map((b) => ({ category: 'Text', kind: 'paragraph', group: 0, box: b.box }));
  return {
    index,
    imageId: index + 1,
    key,
    fileName: `${key}.png`,
    ext: 'png',
    image: new Uint8Array(images[index]!),
    width: W,
    height: H,
    split,
    boxes: boxes.map((b, k) => ({ ...b, sources: [k] })),
    regions,
    spec: { index, seed: index, network: 'test', values: {}, elements: [] },
  };
}

function context(out: string, options: WriterContext['options'] = {}): WriterContext {
  return { out, categories, profile, pages: 5, totalPages: 5, seed: 1, dpi: 150, options, description: 'writers test', version: '0.0.0' };
}

async function run(def: WriterDefinition, out: string, pages: WriterPage[], options: WriterContext['options'] = {}) {
  const w = def.create(context(out, options));
  await w.start();
  for (const p of pages) await w.page(p);
  return w.finish();
}

const allPages = () => BOXES.map((_, i) => makePage(i));
const made: string[] = [];
const tmp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `writers-${name}-`));
  made.push(dir);
  return dir;
};

/** Every file under `dir` (relative path -> bytes). */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  images = await Promise.all(BOXES.map((_, i) => sharp({ create: { width: W, height: H, channels: 3, background: { r: 40 * i, g: 200 - 30 * i, b: 90 } } }).png().toBuffer()));
});

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- independent readers

const DETECT_LINE = /^(\d+)((?: \d\.\d{6}){4})$/;
const SEG_LINE = /^(\d+)((?: \d\.\d{6})+)$/;

function yoloLines(file: string, re: RegExp): Array<{ cls: number; values: number[] }> {
  const text = readFileSync(file, 'utf8');
  if (text === '') return [];
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = re.exec(line);
      expect(m, `line ${JSON.stringify(line)} of ${file}`).not.toBeNull();
      const values = m![2]!.trim().split(' ').map(Number);
      for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
      return { cls: Number(m![1]), values };
    });
}

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(m).not.toBeNull();
  return parseYaml(m![1]!) as Record<string, unknown>;
}

interface TarMember {
  name: string;
  data: Buffer;
  mode: number;
  mtime: number;
}

/** A ustar file: 512-byte headers (name 0..100, mode 100..108, size 124..136, mtime 136..148 in octal), data padded to 512, two zero blocks. */
function readTar(buf: Buffer): TarMember[] {
  const members: TarMember[] = [];
  const field = (h: Buffer, from: number, to: number) => h.subarray(from, to).toString('latin1').replace(/\0.*$/s, '').trim();
  let at = 0;
  expect(buf.length % 512).toBe(0);
  for (;;) {
    const h = buf.subarray(at, at + 512);
    expect(h.length).toBe(512);
    if (h.every((b) => b === 0)) {
      expect(buf.subarray(at + 512, at + 1024).every((b) => b === 0)).toBe(true);
      expect(buf.length).toBe(at + 1024);
      return members;
    }
    expect(field(h, 257, 262)).toBe('ustar');
    expect(field(h, 345, 500)).toBe(''); // no prefix: short names
    expect(String.fromCharCode(h[156]!)).toBe('0'); // regular file
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    expect(parseInt(field(h, 148, 156), 8)).toBe(sum);
    const size = parseInt(field(h, 124, 136), 8);
    const name = field(h, 0, 100);
    members.push({ name, data: Buffer.from(buf.subarray(at + 512, at + 512 + size)), mode: parseInt(field(h, 100, 108), 8), mtime: parseInt(field(h, 136, 148), 8) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

const nonCrowd = (p: WriterPage) => p.boxes.filter((b) => !b.crowd);

// ---------------------------------------------------------------- yolo

describe('yolo writer', () => {
  it('writes images, one label file per image and a data.yaml Ultralytics reads', async () => {
    const out = tmp('yolo');
    const pages = allPages();
    const summary = await run(yoloWriter, out, pages);
    expect(readdirSync(out)).toEqual(['yolo']);
    expect(summary).toEqual({ paths: ['yolo'], counts: { train: 3, val: 2, boxes: 8 } });
    const root = join(out, 'yolo');

    const data = parseYaml(readFileSync(join(root, 'data.yaml'), 'utf8'));
    expect(data.path).toBe(root);
    expect(data.train).toBe('images/train');
    expect(data.val).toBe('images/val');
    expect(data.nc).toBe(NAMES.length);
    expect(Object.keys(data.names).map(Number)).toEqual([0, 1, 2, 3]);
    expect(Object.values(data.names)).toEqual(NAMES);
    expect(readFileSync(join(root, 'data.yaml'), 'utf8')).toMatch(/^ {2}3: "yes"$/m);

    for (const split of ['train', 'val'] as const) {
      const want = pages.filter((p) => p.split === split);
      expect(readdirSync(join(root, 'images', split)).sort()).toEqual(want.map((p) => p.fileName));
      expect(readdirSync(join(root, 'labels', split)).sort()).toEqual(want.map((p) => `${p.key}.txt`));
      for (const p of want) {
        expect(readFileSync(join(root, 'images', split, p.fileName)).equals(Buffer.from(p.image))).toBe(true);
        const lines = yoloLines(join(root, 'labels', split, `${p.key}.txt`), DETECT_LINE);
        const boxes = nonCrowd(p);
        expect(lines).toHaveLength(boxes.length);
        lines.forEach(({ cls, values: [cx, cy, w, h] }, k) => {
          const b = boxes[k]!;
          expect(cls).toBe(b.categoryId - 1);
          expect(cls).toBeLessThan(NAMES.length);
          const got = [(cx! - w! / 2) * W, (cy! - h! / 2) * H, (cx! + w! / 2) * W, (cy! + h! / 2) * H];
          const want = [b.box.x0, b.box.y0, b.box.x1, b.box.y1];
          got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-6 * (i % 2 ? H : W) + 1e-9));
        });
      }
    }
    expect(readFileSync(join(root, 'labels', 'val', '000002.txt'), 'utf8')).toBe(''); // no boxes: background image
  });

  it('points an empty val split at the train images and still makes images/val', async () => {
    const out = tmp('yolo-empty');
    await run(yoloWriter, out, [makePage(0, 'train'), makePage(2, 'train')]);
    const text = readFileSync(join(out, 'yolo', 'data.yaml'), 'utf8');
    expect(parseYaml(text).val).toBe('images/train');
    expect(text).toMatch(/^val: images\/train # no validation pages/m);
    expect(readdirSync(join(out, 'yolo', 'images', 'val'))).toEqual([]);
    expect(readdirSync(join(out, 'yolo', 'labels', 'val'))).toEqual([]);
  });
});

describe('yolo-seg writer', () => {
  it('writes one polygon per non-crowd box: the box corners, the polygon, or the parts joined', async () => {
    const out = tmp('yoloseg');
    const pages = allPages();
    await run(yoloSegWriter, out, pages);
    const root = join(out, 'yolo-seg');
    expect(Object.values(parseYaml(readFileSync(join(root, 'data.yaml'), 'utf8')).names)).toEqual(NAMES);
    for (const p of pages) {
      const lines = yoloLines(join(root, 'labels', p.split, `${p.key}.txt`), SEG_LINE);
      const boxes = nonCrowd(p);
      expect(lines).toHaveLength(boxes.length);
      lines.forEach(({ cls, values }, k) => {
        const b = boxes[k]!;
        expect(cls).toBe(b.categoryId - 1);
        expect(values.length % 2).toBe(0);
        expect(values.length).toBeGreaterThanOrEqual(6);
        const xs = values.filter((_, i) => i % 2 === 0).map((v) => v * W);
        const ys = values.filter((_, i) => i % 2 === 1).map((v) => v * H);
        const bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
        // box-only regions: the corners; polygons here span their box exactly
        [b.box.x0, b.box.y0, b.box.x1, b.box.y1].forEach((v, i) => expect(Math.abs(bbox[i]! - v)).toBeLessThanOrEqual(1e-6 * W));
        // every input point is in the line
        for (const poly of b.polygons ?? []) {
          for (let i = 0; i < poly.length; i += 2) {
            const found = xs.some((x, j) => Math.abs(x - poly[i]!) < 1e-4 && Math.abs(ys[j]! - poly[i + 1]!) < 1e-4);
            expect(found, `point ${poly[i]},${poly[i + 1]}`).toBe(true);
          }
        }
      });
    }
  });

  it('joins parts with zero-width bridges: the walk visits each part and comes back along the bridges', () => {
    const a = [0, 0, 2, 0, 2, 1, 0, 1];
    const b = [5, 0, 7, 0, 7, 1, 5, 1];
    const c = [10, 0, 12, 0, 12, 1, 10, 1];
    const merged = mergeSegments([a, b, c]);
    const pts = new Set<string>();
    for (let i = 0; i < merged.length; i += 2) pts.add(`${merged[i]},${merged[i + 1]}`);
    for (const poly of [a, b, c]) for (let i = 0; i < poly.length; i += 2) expect(pts.has(`${poly[i]},${poly[i + 1]}`)).toBe(true);
    expect(mergeSegments([a])).toEqual(a);
    expect(mergeSegments([[1, 2, 3, 4], a])).toEqual(a); // fewer than 3 points: dropped
  });
});

// ---------------------------------------------------------------- hf

describe('hf writer', () => {
  it('writes an ImageFolder: images and metadata.jsonl per split, a card with the class names', async () => {
    const out = tmp('hf');
    const pages = allPages();
    const summary = await run(hfWriter, out, pages);
    expect(summary.counts).toEqual({ train: 3, validation: 2, boxes: 8 });
    const root = join(out, 'hf');
    expect(readdirSync(root).sort()).toEqual(['README.md', 'train', 'validation']);

    // annotation ids as the coco writer numbers them: every box of every page, from 1, crowd boxes included
    const ids = new Map<WriterPage, number>();
    let next = 1;
    for (const p of pages) {
      ids.set(p, next);
      next += p.boxes.length;
    }
    for (const [split, dir] of [['train', 'train'], ['val', 'validation']] as const) {
      const want = pages.filter((p) => p.split === split);
      const lines = readFileSync(join(root, dir, 'metadata.jsonl'), 'utf8').split('\n');
      expect(lines.pop()).toBe('');
      const rows = lines.map((l) => JSON.parse(l));
      expect(rows.map((r) => r.file_name)).toEqual(want.map((p) => p.fileName));
      expect(readdirSync(join(root, dir)).sort()).toEqual([...want.map((p) => p.fileName), 'metadata.jsonl'].sort());
      rows.forEach((row, k) => {
        const p = want[k]!;
        expect(readFileSync(join(root, dir, row.file_name)).equals(Buffer.from(p.image))).toBe(true);
        expect(row.image_id).toBe(p.imageId);
        expect([row.width, row.height]).toEqual([W, H]);
        const first = ids.get(p)!;
        const kept = p.boxes.map((b, i) => ({ b, id: first + i })).filter(({ b }) => !b.crowd);
        expect(row.objects.bbox).toEqual(kept.map(({ b }) => [b.box.x0, b.box.y0, b.box.x1 - b.box.x0, b.box.y1 - b.box.y0]));
        expect(row.objects.category).toEqual(kept.map(({ b }) => b.categoryId - 1));
        for (const c of row.objects.category) expect(c >= 0 && c < NAMES.length).toBe(true);
        expect(row.objects.area).toEqual(kept.map(({ b }) => (b.box.x1 - b.box.x0) * (b.box.y1 - b.box.y0)));
        expect(row.objects.id).toEqual(kept.map(({ id }) => id));
      });
    }

    const card = readFileSync(join(root, 'README.md'), 'utf8');
    const front = frontMatter(card) as {
      dataset_info: { features: Array<{ name: string; dtype?: string; sequence?: Array<Record<string, unknown>> }> };
      configs: Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }>;
    };
    const features = front.dataset_info.features;
    expect(features.map((f) => f.name)).toEqual(['image', 'image_id', 'width', 'height', 'objects']);
    expect(features[0]!.dtype).toBe('image');
    const objects = features[4]!.sequence!;
    expect(objects.find((f) => f.name === 'bbox')).toEqual({ name: 'bbox', sequence: 'float32', length: 4 });
    const category = objects.find((f) => f.name === 'category') as { dtype: { class_label: { names: Record<string, string> } } };
    expect(Object.entries(category.dtype.class_label.names)).toEqual(NAMES.map((n, i) => [String(i), n]));
    expect(front.configs).toHaveLength(1);
    expect(front.configs[0]!.config_name).toBe('default');
    expect(front.configs[0]!.data_files).toEqual([{ split: 'train', path: 'train/*' }, { split: 'validation', path: 'validation/*' }]);
    // the features again in the config: the ImageFolder builder applies only those
    expect((front.configs[0] as { features?: unknown }).features).toEqual(features);
    expect(card).toContain('load_dataset("imagefolder", data_dir=');
  });

  it('makes no validation folder when every page is a train page', async () => {
    const out = tmp('hf-train');
    await run(hfWriter, out, [makePage(0, 'train')]);
    expect(readdirSync(join(out, 'hf')).sort()).toEqual(['README.md', 'train']);
    const front = frontMatter(readFileSync(join(out, 'hf', 'README.md'), 'utf8')) as { configs: Array<{ data_files: unknown[] }> };
    expect(front.configs[0]!.data_files).toEqual([{ split: 'train', path: 'train/*' }]);
  });
});

// ---------------------------------------------------------------- webdataset

describe('webdataset writer', () => {
  it('writes shards by page index, image and json members paired, deterministic headers', async () => {
    const out = tmp('wds');
    const pages = allPages();
    const summary = await run(webdatasetWriter, out, pages, { shardSize: 2 });
    expect(summary.counts).toEqual({ pages: 5, shards: 3, boxes: 9 });
    const root = join(out, 'webdataset');
    expect(readdirSync(root)).toEqual(['shard-000000.tar', 'shard-000001.tar', 'shard-000002.tar']);
    let next = 1;
    const seen: number[] = [];
    readdirSync(root).forEach((file, s) => {
      const members = readTar(readFileSync(join(root, file)));
      const inShard = pages.filter((p) => Math.floor(p.index / 2) === s);
      expect(members.map((m) => m.name)).toEqual(inShard.flatMap((p) => [`${p.key}.png`, `${p.key}.json`]));
      for (const m of members) expect([m.mode, m.mtime]).toEqual([0o644, 0]);
      inShard.forEach((p, k) => {
        seen.push(p.index);
        expect(members[2 * k]!.data.equals(Buffer.from(p.image))).toBe(true);
        const labels = JSON.parse(members[2 * k + 1]!.data.toString('utf8'));
        expect(labels).toEqual({
          image_id: p.imageId,
          file_name: p.fileName,
          width: W,
          height: H,
          split: p.split,
          objects: p.boxes.map((b) => {
            const [x, y, w, h] = [b.box.x0, b.box.y0, b.box.x1 - b.box.x0, b.box.y1 - b.box.y0];
            return {
              id: next++,
              bbox: [x, y, w, h],
              category: b.category,
              category_id: b.categoryId,
              iscrowd: b.crowd ? 1 : 0,
              area: w * h,
              segmentation: b.polygons ?? [[x, y, x + w, y, x + w, y + h, x, y + h]],
            };
          }),
        });
      });
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('names shards by page index when a process makes a later range of pages', async () => {
    const out = tmp('wds-range');
    await run(webdatasetWriter, out, [makePage(3), makePage(4)], { shardSize: 2 });
    expect(readdirSync(join(out, 'webdataset'))).toEqual(['shard-000001.tar', 'shard-000002.tar']);
    expect(readTar(readFileSync(join(out, 'webdataset', 'shard-000001.tar'))).map((m) => m.name)).toEqual(['000004.png', '000004.json']);
  });

  it('refuses a shard size that is not a positive integer', () => {
    expect(() => webdatasetWriter.create(context(tmp('wds-bad'), { shardSize: 0 }))).toThrow(/--shard-size must be a positive integer, got 0/);
  });
});

// ---------------------------------------------------------------- all writers: atomicity, determinism

const WRITERS: Array<[WriterDefinition, WriterContext['options']]> = [
  [yoloWriter, {}],
  [yoloSegWriter, {}],
  [hfWriter, {}],
  [webdatasetWriter, { shardSize: 2 }],
];

describe.each(WRITERS)('$name writer', (def, options) => {
  it('leaves nothing behind when aborted after two pages, and a new start in the same run folder works', async () => {
    const out = tmp(`abort-${def.name}`);
    const w = def.create(context(out, options));
    await w.start();
    await w.page(makePage(0));
    await w.page(makePage(1));
    expect(existsSync(join(out, def.owns[0]!))).toBe(false); // nothing final before finish()
    await w.abort();
    await w.abort(); // twice: harmless
    expect(readdirSync(out)).toEqual([]);

    const summary = await run(def, out, allPages(), options);
    expect(summary.paths).toEqual([...def.owns]);
    expect(readdirSync(out)).toEqual([...def.owns]);
  });

  it('aborts cleanly when start was never called, and abort after finish keeps the output', async () => {
    const out = tmp(`abort2-${def.name}`);
    await def.create(context(out, options)).abort();
    expect(readdirSync(out)).toEqual([]);
    const w = def.create(context(out, options));
    await w.start();
    await w.page(makePage(0));
    await w.finish();
    await w.abort();
    expect(readdirSync(out)).toEqual([...def.owns]);
  });

  it('writes the same bytes for the same pages', async () => {
    const out = tmp(`det-${def.name}`);
    await run(def, out, allPages(), options);
    const first = snapshot(join(out, def.owns[0]!));
    rmSync(join(out, def.owns[0]!), { recursive: true });
    await run(def, out, allPages(), options);
    const second = snapshot(join(out, def.owns[0]!));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(second.get(path)!.equals(bytes), path).toBe(true);
  });
});
