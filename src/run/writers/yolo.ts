/**
 * `yolo` and `yolo-seg`: Ultralytics YOLO datasets (detection, and segmentation polygons) in `RUN/yolo/` and
 * `RUN/yolo-seg/`:
 *
 * ```
 * yolo/data.yaml                  path (absolute, the format wants it), train, val, nc, names {0: Caption, ...}
 * yolo/images/{train,val}/000001.png
 * yolo/labels/{train,val}/000001.txt   one line per non-crowd box; empty for a page without boxes (background)
 * ```
 *
 * Ultralytics finds a label file by replacing `/images/` with `/labels/` in the image's path and the extension with
 * `.txt`. Class indices run from 0 (COCO category id - 1); coordinates are fractions of the image width and height
 * with 6 decimals, clamped into [0, 1] (Ultralytics rejects a label file with a value outside it).
 *
 * Empty splits: Ultralytics stops with "No images found" when `val` (or `train`) names a folder without images. Both
 * folders are always made, but when a split has no pages data.yaml points it at the other split's images, with a
 * comment saying so (COCO128's own yaml validates on its train images the same way).
 *
 * Atomic: everything goes to `RUN/yolo.partial/`, renamed to `RUN/yolo` by `finish()`; `abort()` removes the partial
 * folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Split, Writer, WriterContext, WriterDefinition, WriterPage, WriterState, WriterSummary } from './types.js';
import { clipBox, InFlight, norm6, PartialDir, rectanglePolygon, yamlText } from './util.js';

type Task = 'detect' | 'segment';

const SPLITS: readonly Split[] = ['train', 'val'];

/**
 * One YOLO detection line: `class cx cy w h`, normalised by the image size, 6 decimals, the box first cut to the page.
 * @example yoloBoxLine(0, { x0: 10, y0: 5, x1: 30, y1: 15 }, 40, 30) // '0 0.500000 0.333333 0.500000 0.333333'
 */
export function yoloBoxLine(cls: number, box: { x0: number; y0: number; x1: number; y1: number }, width: number, height: number): string {
  const b = clipBox(box, width, height);
  return `${cls} ${norm6((b.x0 + b.x1) / 2, width)} ${norm6((b.y0 + b.y1) / 2, height)} ${norm6(b.x1 - b.x0, width)} ${norm6(b.y1 - b.y0, height)}`;
}

/**
 * One YOLO segmentation line: `class x1 y1 x2 y2 ...`, the polygon's points normalised by the image size and clamped
 * into [0, 1], 6 decimals.
 * @example yoloPolygonLine(2, [0, 0, 40, 0, 40, 30], 40, 30) // '2 0.000000 0.000000 1.000000 0.000000 1.000000 1.000000'
 */
export function yoloPolygonLine(cls: number, polygon: readonly number[], width: number, height: number): string {
  let line = String(cls);
  for (let i = 0; i + 1 < polygon.length; i += 2) line += ` ${norm6(polygon[i]!, width)} ${norm6(polygon[i + 1]!, height)}`;
  return line;
}

function squaredDistance(a: readonly number[], i: number, b: readonly number[], j: number): number {
  const dx = a[2 * i]! - b[2 * j]!;
  const dy = a[2 * i + 1]! - b[2 * j + 1]!;
  return dx * dx + dy * dy;
}

/** Points `from`, `from + 1`, ... `from + count - 1` of a ring (indices wrap), appended to `out` as x, y pairs. */
function walk(ring: readonly number[], from: number, count: number, out: number[]): void {
  const m = ring.length / 2;
  for (let k = 0; k < count; k++) {
    const p = (from + k) % m;
    out.push(ring[2 * p]!, ring[2 * p + 1]!);
  }
}

/**
 * Several polygons of one object as the one polygon a YOLO segmentation label holds, the way Ultralytics'
 * `merge_multi_segment` (its COCO converter, `use_segments=True`) joins them: consecutive polygons are linked by a
 * zero-width bridge between their two closest points; the walk goes round the first polygon, along each middle one to
 * the next bridge, round the last, and back along the middle ones' other sides. Every point of every polygon is kept,
 * so the result's bounding box is the union of theirs (a merged box of a label profile, e.g. a whole list, keeps all
 * its items; keeping only the largest polygon would lose most of them). Polygons with fewer than 3 points are
 * dropped; repeated consecutive points are removed.
 * @example mergeSegments([[0, 0, 2, 0, 2, 1], [5, 0, 7, 0, 7, 1]]) // one ring through all six points
 */
export function mergeSegments(polygons: readonly (readonly number[])[]): number[] {
  const rings = polygons.filter((p) => p.length >= 6).map((p) => (p.length % 2 ? p.slice(0, -1) : p));
  if (rings.length <= 1) return dedupe(rings[0] ? [...rings[0]] : []);
  const n = rings.length;
  // exit[i]: the point of ring i nearest ring i + 1; entry[i]: the point of ring i nearest ring i - 1.
  const exit = new Array<number>(n).fill(0);
  const entry = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) {
    const a = rings[i - 1]!;
    const b = rings[i]!;
    let best = Infinity;
    for (let p = 0; p < a.length / 2; p++) {
      for (let q = 0; q < b.length / 2; q++) {
        const d = squaredDistance(a, p, b, q);
        if (d < best) [best, exit[i - 1], entry[i]] = [d, p, q];
      }
    }
  }
  const out: number[] = [];
  const size = (i: number) => rings[i]!.length / 2;
  walk(rings[0]!, exit[0]!, size(0) + 1, out); // round the first ring, back to its exit
  for (let i = 1; i < n - 1; i++) {
    const m = size(i);
    const ahead = (((exit[i]! - entry[i]!) % m) + m) % m;
    walk(rings[i]!, entry[i]!, (ahead || m) + 1, out); // entry -> exit one way (the whole ring if they coincide)
  }
  walk(rings[n - 1]!, entry[n - 1]!, size(n - 1) + 1, out); // round the last ring
  for (let i = n - 2; i >= 1; i--) {
    const m = size(i);
    const back = (((entry[i]! - exit[i]!) % m) + m) % m;
    walk(rings[i]!, exit[i]!, back + 1, out); // exit -> entry the other way (one point if they coincide)
  }
  return dedupe(out); // the ring closes from the last point (ring 1's entry) to the first (ring 0's exit)
}

/** Drops points equal to the one before (and a last point equal to the first). */
function dedupe(poly: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < poly.length; i += 2) {
    const k = out.length;
    if (k >= 2 && out[k - 2] === poly[i] && out[k - 1] === poly[i + 1]) continue;
    out.push(poly[i]!, poly[i + 1]!);
  }
  while (out.length > 2 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) out.length -= 2;
  return out;
}

/** The label lines of a page: one per non-crowd box, in the page's box order. */
function labelLines(task: Task, page: WriterPage): string[] {
  const lines: string[] = [];
  for (const b of page.boxes) {
    if (b.crowd) continue;
    const cls = b.categoryId - 1;
    if (task === 'detect') {
      lines.push(yoloBoxLine(cls, b.box, page.width, page.height));
      continue;
    }
    let poly = b.polygons?.length ? mergeSegments(b.polygons) : [];
    if (poly.length < 6) poly = rectanglePolygon(b.box);
    lines.push(yoloPolygonLine(cls, poly, page.width, page.height));
  }
  return lines;
}

class YoloWriter implements Writer {
  private readonly dir: PartialDir;
  private readonly work = new InFlight();
  private readonly pages: Record<Split, number> = { train: 0, val: 0 };
  private boxes = 0;
  private done = false;

  constructor(
    private readonly ctx: WriterContext,
    private readonly name: string,
    private readonly task: Task,
  ) {
    this.dir = new PartialDir(ctx.out, name);
  }

  start(resume?: WriterState): Promise<void> {
    return this.work.run(async () => {
      if (resume) {
        const s = resume as { train: number; val: number; boxes: number };
        this.pages.train = s.train;
        this.pages.val = s.val;
        this.boxes = s.boxes;
        // Files of pages after the checkpoint are written again, byte for byte.
        await this.dir.reuse();
      } else await this.dir.create();
      for (const kind of ['images', 'labels']) {
        for (const split of SPLITS) await mkdir(join(this.dir.partial, kind, split), { recursive: true });
      }
    });
  }

  page(p: WriterPage): Promise<void> {
    return this.work.run(async () => {
      const lines = labelLines(this.task, p);
      await writeFile(join(this.dir.partial, 'images', p.split, p.fileName), p.image);
      await writeFile(join(this.dir.partial, 'labels', p.split, `${p.key}.txt`), lines.length ? `${lines.join('\n')}\n` : '');
      this.pages[p.split]++;
      this.boxes += lines.length;
    });
  }

  checkpoint(): Promise<WriterState> {
    // Each page is whole files written before page() resolved: nothing is buffered.
    return this.work.run(async () => ({ train: this.pages.train, val: this.pages.val, boxes: this.boxes }));
  }

  finish(): Promise<WriterSummary> {
    return this.work.run(async () => {
      await writeFile(join(this.dir.partial, 'data.yaml'), this.dataYaml());
      await this.dir.commit();
      this.done = true;
      return { paths: [this.name], counts: { train: this.pages.train, val: this.pages.val, boxes: this.boxes } };
    });
  }

  async abort(): Promise<void> {
    await this.work.settle();
    if (!this.done) await this.dir.remove();
  }

  /** data.yaml: an empty split borrows the other one's images (Ultralytics fails on a folder without images). */
  private dataYaml(): string {
    const { train, val } = this.pages;
    const comments: Record<string, string> = {};
    let trainDir = 'images/train';
    let valDir = 'images/val';
    if (val === 0 && train > 0) {
      valDir = 'images/train';
      comments.val = 'no validation pages: validates on the train images (images/val is empty)';
    } else if (train === 0 && val > 0) {
      trainDir = 'images/val';
      comments.train = 'no train pages: trains on the val images (images/train is empty)';
    }
    const header = [
      `${this.ctx.description} (pagesynth ${this.ctx.version}): Ultralytics YOLO ${this.task === 'detect' ? 'detection' : 'segmentation'} dataset`,
      `${train} train pages, ${val} val pages, ${this.boxes} ${this.task === 'detect' ? 'boxes' : 'polygons'} (crowd boxes left out)`,
      `use: yolo ${this.task} train data=${this.name}/data.yaml (from the run folder)`,
    ].join('\n');
    return yamlText(
      { path: this.dir.final, train: trainDir, val: valDir, nc: this.ctx.categories.length, names: this.ctx.categories.map((c) => c.name) },
      { intKeyMaps: ['names'], comments, header },
    );
  }
}

/** Ultralytics YOLO detection: `RUN/yolo/` with data.yaml, images/{train,val}, labels/{train,val}. */
export const yoloWriter: WriterDefinition = {
  name: 'yolo',
  summary: 'yolo/ (Ultralytics YOLO detection: data.yaml, images/ and labels/ split into train and val)',
  owns: ['yolo'],
  options: ['valFraction'],
  create: (ctx) => new YoloWriter(ctx, 'yolo', 'detect'),
};

/** Ultralytics YOLO segmentation: `RUN/yolo-seg/`, one polygon per non-crowd box. */
export const yoloSegWriter: WriterDefinition = {
  name: 'yolo-seg',
  summary: 'yolo-seg/ (Ultralytics YOLO segmentation: polygons, multi-part ones joined as merge_multi_segment does)',
  owns: ['yolo-seg'],
  options: ['valFraction'],
  create: (ctx) => new YoloWriter(ctx, 'yolo-seg', 'segment'),
};
