/**
 * COCO detection files, written as pycocotools, Detectron2 and MMDetection read them:
 * images (id, file_name, width, height), annotations (id from 1, bbox [x, y, w, h] in pixels, area = w*h,
 * iscrowd 0, the rectangle as a polygon), categories (id from 1, name, supercategory).
 *
 * Streaming: images and annotations go to two side files as pages arrive and are joined at the end, so memory
 * does not grow with the page count; the final file appears by an atomic rename, so a run that dies leaves no
 * `annotations.json` that looks complete.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { XYXY } from '../types.js';
import { xyxyToCoco } from '../types.js';

export interface CocoCategory {
  id: number;
  name: string;
  supercategory: string;
}

export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0 | 1;
  segmentation: number[][];
}

/** What a box may carry besides itself: the polygons effects moved it to, and whether it is a crowd. */
export interface BoxExtras {
  polygons?: number[][];
  crowd?: boolean;
}

/**
 * COCO annotation of one box. `segmentation` is the box as a polygon, or the polygons geometric effects carried it
 * to; `iscrowd` is 1 for a box effects took most of the ink of. `area` is always the box's w*h.
 */
export function cocoAnnotation(id: number, imageId: number, categoryId: number, box: XYXY, extras: BoxExtras = {}): CocoAnnotation {
  const bbox = xyxyToCoco(box);
  const [x, y, w, h] = bbox;
  return {
    id,
    image_id: imageId,
    category_id: categoryId,
    bbox,
    area: w * h,
    iscrowd: extras.crowd ? 1 : 0,
    segmentation: extras.polygons ?? [[x, y, x + w, y, x + w, y + h, x, y + h]],
  };
}

/** Writes a file by writing `path.partial` and renaming it: readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.partial`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/**
 * Streams a COCO file. Call `addImage` in image order, then `finish()`; `abort()` removes every side file.
 * @example
 * const w = new CocoStreamWriter('out/annotations.json', categories, { description: 'pagesynth' });
 * await w.addImage({ id: 1, file_name: '000001.png', width: 1240, height: 1754 }, [[10, box]]);
 * await w.finish();
 */
export class CocoStreamWriter {
  private readonly images: WriteStream;
  private readonly anns: WriteStream;
  private nImages = 0;
  private nAnns = 0;
  private done = false;

  constructor(
    readonly path: string,
    private readonly categories: readonly CocoCategory[],
    private readonly info: Record<string, unknown> = {},
  ) {
    this.images = createWriteStream(`${path}.images.partial`);
    this.anns = createWriteStream(`${path}.annotations.partial`);
  }

  get imageCount(): number {
    return this.nImages;
  }
  get annotationCount(): number {
    return this.nAnns;
  }

  /** Adds an image and its boxes (category id, box). Annotation ids run from 1 across the file. */
  async addImage(image: CocoImage, boxes: ReadonlyArray<readonly [number, XYXY] | readonly [number, XYXY, BoxExtras]>): Promise<void> {
    await write(this.images, (this.nImages++ ? ',\n' : '\n') + JSON.stringify(image));
    let chunk = '';
    for (const [cat, box, extras] of boxes) {
      chunk += (this.nAnns ? ',\n' : '\n') + JSON.stringify(cocoAnnotation(++this.nAnns, image.id, cat, box, extras));
    }
    if (chunk) await write(this.anns, chunk);
  }

  /** Joins the parts into `path.partial` and renames it to `path`. */
  async finish(): Promise<void> {
    await close(this.images);
    await close(this.anns);
    const tmp = `${this.path}.partial`;
    const out = createWriteStream(tmp);
    const head = `{"info":${JSON.stringify({ ...this.info, date_created: this.info.date_created ?? null })},"licenses":[],\n"categories":${JSON.stringify(this.categories)},\n"images":[`;
    await write(out, head);
    await pipeline(createReadStream(`${this.path}.images.partial`), out, { end: false });
    await write(out, '\n],\n"annotations":[');
    await pipeline(createReadStream(`${this.path}.annotations.partial`), out, { end: false });
    await write(out, '\n]}\n');
    await close(out);
    await rename(tmp, this.path);
    await this.cleanup(false);
    this.done = true;
  }

  /** Stops and removes every partial file (the final file, if any, is left alone). */
  async abort(): Promise<void> {
    if (this.done) return;
    // Writes still pending from pages in flight fail once the streams are destroyed: those errors are expected.
    for (const s of [this.images, this.anns]) {
      s.on('error', () => undefined);
      s.destroy();
    }
    await this.cleanup(true);
  }

  private async cleanup(all: boolean): Promise<void> {
    const parts = [`${this.path}.images.partial`, `${this.path}.annotations.partial`];
    if (all) parts.push(`${this.path}.partial`);
    await Promise.all(parts.map((p) => rm(p, { force: true })));
  }
}

/** Categories for a list of class names, ids from 1 in list order. */
export function categoriesOf(names: readonly string[], supercategory = 'layout'): CocoCategory[] {
  return names.map((name, i) => ({ id: i + 1, name, supercategory }));
}
