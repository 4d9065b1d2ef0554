/**
 * Labels at every granularity: line and word boxes tight to the ink, nested word ⊂ line ⊂ region, the words as drawn,
 * reading order, COCO ids consistent with the profiles, and labels.jsonl as the CLI writes it (read back with a small
 * reader of its own).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabelsWriter, PROFILES, annotationIds, applyProfile, labelsOf } from '../src/annotate/index.js';
import { createFaker, fillPage, WordWidthCache, type TextContent } from '../src/content/index.js';
import { defaultKinds } from '../src/kinds/index.js';
import { layoutSpec, PageRenderer, type RenderedPage } from '../src/pipeline/index.js';
import { textContentOf } from '../src/pipeline/text-boxes.js';
import { createMeasurer, DEFAULT_ENCODE, FONTS } from '../src/render/index.js';
import { TEXT_LINE, WORD, type PageSpec, type Region, type XYXY } from '../src/types.js';
import { randomSpec } from './helpers/specs.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pagesynth.js');
const inside = (a: XYXY, b: XYXY) => a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1;

/** "Is (x, y) ink": anything not pure white (the test pages have white paper and no decorations). */
async function inkOf(png: Uint8Array) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const ch = info.channels;
  return (x: number, y: number) => {
    const o = (y * info.width + x) * ch;
    return data[o] !== 255 || data[o + 1] !== 255 || data[o + 2] !== 255;
  };
}

/** The words a text content draws, in order, one per space-separated piece (the prefix first). */
function drawnWords(c: TextContent): string[] {
  // A footnote mark after a word is drawn (and boxed) as a word of its own.
  const all = [...(c.prefix ? [c.prefix.text] : []), ...c.lines.flatMap((l, k) => l.words.flatMap((w, j) => [w, ...(c.marks ?? []).filter((m) => m.line === k && m.word === j).map((m) => m.text)]))];
  return all.flatMap((w) => w.split(' ')).filter((w) => w.length > 0);
}

describe('line and word boxes', () => {
  const pages: Array<{ spec: PageSpec; page: RenderedPage }> = [];
  beforeAll(async () => {
    const renderer = new PageRenderer();
    // randomSpec pages: white paper, no tinted notes or code, every text kind of the bundled network's body.
    for (let i = 0; pages.length < 10; i++) {
      const spec = randomSpec(i, 11);
      pages.push({ spec, page: await renderer.render(structuredClone(spec), DEFAULT_ENCODE) });
    }
  });

  it('boxes every word on the ink: ink inside, each edge within 2 px of ink', async () => {
    let words = 0;
    for (const [n, { page }] of pages.entries()) {
      const ink = await inkOf(page.image);
      for (const w of page.regions.filter((r) => r.kind === WORD)) {
        words++;
        const { x0, y0, x1, y1 } = w.box;
        const row = (y: number) => { for (let x = x0; x < x1; x++) if (ink(x, y)) return true; return false; };
        const col = (x: number) => { for (let y = y0; y < y1; y++) if (ink(x, y)) return true; return false; };
        const near = (edge: (d: number) => boolean) => [0, 1, 2].some(edge);
        const msg = `page ${n} word "${String(w.attributes?.text)}" ${JSON.stringify(w.box)}`;
        expect(near((d) => row(y0 + d)), `${msg}: top`).toBe(true);
        expect(near((d) => row(y1 - 1 - d)), `${msg}: bottom`).toBe(true);
        expect(near((d) => col(x0 + d)), `${msg}: left`).toBe(true);
        expect(near((d) => col(x1 - 1 - d)), `${msg}: right`).toBe(true);
      }
    }
    expect(words).toBeGreaterThan(2000);
  });

  it('nests words in lines in regions, and every ink pixel of a text region is in one of its words', async () => {
    for (const [n, { page }] of pages.entries()) {
      const ink = await inkOf(page.image);
      page.regions.forEach((r, i) => {
        if (r.kind !== TEXT_LINE && r.kind !== WORD) return;
        const parent = page.regions[r.parent!]!;
        expect(parent.parent, `page ${n}: ${r.kind} under a sub-region`).toBeUndefined();
        expect(inside(r.box, parent.box), `page ${n}: ${r.kind} ${i} outside its region`).toBe(true);
        if (r.kind !== WORD) return;
        const line = page.regions.find((l, k) => k < i && l.kind === TEXT_LINE && l.parent === r.parent && l.attributes?.line === r.attributes?.line);
        expect(line, `page ${n}: word ${i} without its line`).toBeDefined();
        expect(inside(r.box, line!.box), `page ${n}: word ${i} outside its line`).toBe(true);
      });
      // A region with words: all of its ink lies in its word boxes (a missed glyph would show here).
      page.regions.forEach((r, k) => {
        const words = page.regions.filter((w) => w.parent === k && w.kind === WORD);
        if (!words.length) return;
        let missed = 0;
        for (let y = r.box.y0; y < r.box.y1; y++) for (let x = r.box.x0; x < r.box.x1; x++) if (ink(x, y) && !words.some((w) => x >= w.box.x0 && x < w.box.x1 && y >= w.box.y0 && y < w.box.y1)) missed++;
        expect(missed, `page ${n}: ink of ${r.kind} ${k} outside its words`).toBe(0);
      });
    }
  });

  it('gives the words as drawn, in order, for every text block', () => {
    const ctx = { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) };
    const kinds = new Set<string>();
    for (const [n, { spec, page }] of pages.entries()) {
      const layout = layoutSpec(spec, DEFAULT_ENCODE.dpi);
      const contents = fillPage(spec, layout, ctx, FONTS, (k) => defaultKinds.part(k).fill);
      const top = page.regions.map((r, i) => ({ r, i })).filter(({ r }) => r.parent === undefined);
      let j = 0;
      layout.blocks.forEach((b, bi) => {
        // The region of this block, if it had ink: regions follow blocks in order.
        const at = top[j];
        if (!at || at.r.kind !== b.kind || at.r.group !== b.element || !inside(at.r.box, { x0: Math.floor(b.rect.x0), y0: Math.floor(b.rect.y0), x1: Math.ceil(b.rect.x1), y1: Math.ceil(b.rect.y1) })) return;
        j++;
        const t = textContentOf(contents[bi]!);
        const got = page.regions.filter((w) => w.parent === at.i && w.kind === WORD).map((w) => String(w.attributes!.text));
        if (!t) {
          expect(got, `page ${n}: words in a ${b.kind}`).toEqual([]);
          return;
        }
        kinds.add(b.kind);
        expect(got, `page ${n}: words of ${b.kind} block ${bi}`).toEqual(drawnWords(t));
        const lines = page.regions.filter((l) => l.parent === at.i && l.kind === TEXT_LINE).map((l) => l.attributes!.line);
        expect(lines, `page ${n}: lines of ${b.kind} block ${bi}`).toEqual(t.lines.map((_, k) => k).filter((k) => t.lines[k]!.words.some((w) => w.trim())));
      });
      expect(j, `page ${n}: every region matched to its block`).toBe(top.length);
    }
    for (const k of ['paragraph', 'section_header', 'list_item', 'caption', 'footnote']) expect(kinds.has(k), `no ${k} block seen`).toBe(true);
  });

  it('numbers regions as generate numbers COCO annotations, under every bundled profile', () => {
    for (const { page } of pages) {
      for (const profile of Object.values(PROFILES)) {
        const boxes = applyProfile(profile, page.regions);
        const ids = annotationIds(profile, page.regions, 101, boxes.length);
        boxes.forEach((bx, k) => {
          const mine = page.regions.filter((_, i) => ids[i] === 101 + k);
          expect(mine.length, `${profile.name}: box ${k} has no region`).toBeGreaterThan(0);
          const u = mine.reduce((a, r) => ({ x0: Math.min(a.x0, r.box.x0), y0: Math.min(a.y0, r.box.y0), x1: Math.max(a.x1, r.box.x1), y1: Math.max(a.y1, r.box.y1) }), mine[0]!.box);
          expect(u, `${profile.name}: box ${k}`).toEqual(bx.box);
        });
        expect(() => annotationIds(profile, page.regions, 1, boxes.length + 1)).toThrow(/labels.jsonl would not match/);
      }
    }
  });

  it('lists regions in reading order, with lines, cells and parts under them', () => {
    for (const { page } of pages) {
      const labels = labelsOf({ id: 1, file_name: 'x.png', width: page.width, height: page.height }, page.regions);
      expect(labels.regions.map((r) => r.order)).toEqual(labels.regions.map((_, k) => k));
      const subs = page.regions.filter((r) => r.parent !== undefined);
      const count = labels.regions.reduce((a, r) => a + r.lines.length + r.lines.reduce((b, l) => b + l.words.length, 0) + r.cells.length + r.parts.length, 0);
      expect(count).toBe(subs.length);
      expect(labels.regions.every((r) => r.id === null)).toBe(true);
    }
  });
});

describe('reading order of the layout', () => {
  it('orders multi-column pages margins first, then the body column by column and top to bottom, footnotes last', () => {
    const MARGIN = new Set(['header', 'footer', 'page_number']);
    let checked = 0;
    for (let i = 0; checked < 40 && i < 400; i++) {
      const spec = randomSpec(i, 23);
      if (Number(spec.values.columns) < 2) continue;
      checked++;
      const blocks = layoutSpec(spec, 150).blocks;
      const phase = blocks.map((b) => (MARGIN.has(b.kind) ? 0 : b.kind === 'footnote' ? 2 : 1));
      expect(phase, `spec ${i}: margins, body, footnotes`).toEqual(phase.slice().sort((a, b) => a - b));
      const body = blocks.filter((_, k) => phase[k] === 1);
      for (let k = 1; k < body.length; k++) {
        const a = body[k - 1]!.rect;
        const b = body[k]!.rect;
        // The next block is below the previous one, or starts a column further right.
        expect(b.y0 >= a.y1 - 1 || b.x0 >= a.x1 - 1, `spec ${i}: ${body[k - 1]!.kind} -> ${body[k]!.kind} ${JSON.stringify([a, b])}`).toBe(true);
      }
    }
    expect(checked).toBe(40);
  });
});

describe('LabelsWriter', () => {
  const region: Region = { category: 'Text', kind: 'paragraph', group: 0, box: { x0: 1, y0: 2, x1: 11, y1: 7 } };
  const image = { id: 1, file_name: '000001.png', width: 20, height: 10 };

  it('writes a .partial file and renames it at the end; abort leaves nothing', async () => {
    const d = mkdtempSync(join(tmpdir(), 'pagesynth-labels-'));
    const w = new LabelsWriter(join(d, 'labels.jsonl'));
    await w.start();
    await w.page(image, [region, { ...region, kind: TEXT_LINE, parent: 0, attributes: { line: 0 } }, { ...region, kind: WORD, parent: 0, attributes: { line: 0, text: 'Revenue' } }], [7, null, null]);
    expect(existsSync(join(d, 'labels.jsonl.partial'))).toBe(true);
    expect(existsSync(join(d, 'labels.jsonl'))).toBe(false);
    await w.finish();
    expect(readdirSync(d)).toEqual(['labels.jsonl']);
    const line = JSON.parse(readFileSync(join(d, 'labels.jsonl'), 'utf8').trim());
    expect(line).toEqual({ ...{ image_id: 1, file_name: '000001.png', width: 20, height: 10 }, regions: [{ id: 7, order: 0, category: 'Text', kind: 'paragraph', element: 0, bbox: [1, 2, 10, 5], lines: [{ bbox: [1, 2, 10, 5], words: [{ bbox: [1, 2, 10, 5], text: 'Revenue' }] }], cells: [], parts: [] }] });

    const e = mkdtempSync(join(tmpdir(), 'pagesynth-labels-'));
    const v = new LabelsWriter(join(e, 'labels.jsonl'));
    await v.start();
    await v.page(image, [region]);
    await v.abort();
    expect(readdirSync(e)).toEqual([]);
  });
});

/** A reader of labels.jsonl written for this test: checks each line's shape and returns the pages. */
function readLabels(path: string) {
  type Bbox = [number, number, number, number];
  const isBbox = (b: unknown): b is Bbox => Array.isArray(b) && b.length === 4 && b.every((v) => Number.isInteger(v)) && b[2] > 0 && b[3] > 0;
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => {
      const p = JSON.parse(l) as { image_id: number; file_name: string; width: number; height: number; regions: Array<{ id: number | null; order: number; category: string; kind: string; element: number; bbox: Bbox; lines: Array<{ bbox: Bbox; words: Array<{ bbox: Bbox; text: string }> }>; cells: Array<{ bbox: Bbox; row: number; col: number; row_span: number; col_span: number; header: boolean }>; parts: Array<{ id: number | null; kind: string; bbox: Bbox }> }> };
      expect(Object.keys(p).sort()).toEqual(['file_name', 'height', 'image_id', 'regions', 'width']);
      for (const r of p.regions) {
        expect(r.id === null || Number.isInteger(r.id)).toBe(true);
        expect(typeof r.category === 'string' && typeof r.kind === 'string' && Number.isInteger(r.element)).toBe(true);
        const all = [r.bbox, ...r.lines.flatMap((l) => [l.bbox, ...l.words.map((w) => w.bbox)]), ...r.cells.map((c) => c.bbox), ...r.parts.map((x) => x.bbox)];
        for (const b of all) expect(isBbox(b) && b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= p.width && b[1] + b[3] <= p.height, `${p.file_name}: bbox ${JSON.stringify(b)}`).toBe(true);
        for (const l of r.lines) for (const w of l.words) expect(typeof w.text === 'string' && w.text.length > 0 && !w.text.includes(' ')).toBe(true);
        for (const c of r.cells) expect([c.row, c.col, c.row_span, c.col_span].every(Number.isInteger) && typeof c.header === 'boolean').toBe(true);
      }
      return p;
    });
}

describe('generate writes labels.jsonl', () => {
  // The same bytes with 1 and 2 workers: checked by cli.test.ts's determinism run, which compares labels.jsonl too.
  it('one line per image, ids and boxes matching annotations.json, orders 0..n-1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pagesynth-labels-'));
    // 100 dpi: the ids and boxes are what is compared (0.44 of the default's pixels to draw, move and encode).
    const run = (out: string, workers: string) => spawnSync(process.execPath, [BIN, 'generate', '--pages', '4', '--out', out, '--seed', '5', '--workers', workers, '--no-progress', '--dpi', '100'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const out = join(dir, 'w1');
    const r = run(out, '1');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const coco = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')) as { images: Array<{ id: number; file_name: string; width: number; height: number }>; annotations: Array<{ id: number; image_id: number; category_id: number; bbox: number[] }>; categories: Array<{ id: number; name: string }> };
    const pages = readLabels(join(out, 'labels.jsonl'));
    expect(pages.map((p) => ({ id: p.image_id, file_name: p.file_name, width: p.width, height: p.height }))).toEqual(coco.images);
    const ann = new Map(coco.annotations.map((a) => [a.id, a]));
    const catName = new Map(coco.categories.map((c) => [c.id, c.name]));
    const seen = new Set<number>();
    let words = 0;
    let cells = 0;
    for (const p of pages) {
      expect(p.regions.map((x) => x.order)).toEqual(p.regions.map((_, k) => k));
      for (const x of [...p.regions, ...p.regions.flatMap((q) => q.parts)]) {
        if (x.id === null) continue;
        const a = ann.get(x.id);
        expect(a, `${p.file_name}: id ${x.id}`).toBeDefined();
        expect(a!.image_id).toBe(p.image_id);
        expect(a!.bbox).toEqual(x.bbox);
        expect(seen.has(x.id), `id ${x.id} twice (doclaynet merges nothing)`).toBe(false);
        seen.add(x.id);
        // doclaynet keeps the DocLayNet classes and maps docling's extra ones.
        if ('category' in x && catName.get(a!.category_id) !== x.category) expect(['Code', 'Key-Value Region', 'Document Index']).toContain(x.category);
      }
      for (const q of p.regions) {
        for (const l of q.lines) {
          const [lx, ly, lw, lh] = l.bbox;
          expect(lx >= q.bbox[0] && ly >= q.bbox[1] && lx + lw <= q.bbox[0] + q.bbox[2] && ly + lh <= q.bbox[1] + q.bbox[3]).toBe(true);
          for (const w of l.words) expect(w.bbox[0] >= lx && w.bbox[1] >= ly && w.bbox[0] + w.bbox[2] <= lx + lw && w.bbox[1] + w.bbox[3] <= ly + lh).toBe(true);
          words += l.words.length;
        }
        cells += q.cells.length;
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(coco.annotations.map((a) => a.id));
    expect(words).toBeGreaterThan(500);
    expect(cells + words).toBeGreaterThan(words);
  });
});
