/**
 * COCO detection files, written as pycocotools, Detectron2 and MMDetection read them:
 * images (id, file_name, width, height), annotations (id from 1, bbox [x, y, w, h] in pixels, area = w*h,
 * iscrowd 0, the rectangle as a polygon), categories (id from 1, name, supercategory).
 *
 * Streaming: images and annotations go to two side files as pages arrive and are joined at the end, so memory
 * does not grow with the page count; the final file appears by an atomic rename, so a run that dies leaves no
 * `annotations.json` that looks complete.
 */
import { createReadStream, createWriteStream, existsSync, truncateSync, writeFileSync, type WriteStream } from 'node:fs';
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
  /** Reading order of a top-level box among its image's top-level boxes, 0..n-1 (pycocotools and trainers ignore it). */
  order?: number;
  /** For a part (text line, word, table cell) the profile puts in the file: the id of the box it is part of. */
  parent_id?: number;
}

/** What a box may carry besides itself: the polygons effects moved it to, and whether it is a crowd. */
export interface BoxExtras {
  polygons?: number[][];
  crowd?: boolean;
  /** Reading order among the image's top-level boxes (COCO `order`). */
  order?: number;
  /** Annotation id of the box a part belongs to (COCO `parent_id`). */
  parentId?: number;
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
    ...(extras.order !== undefined ? { order: extras.order } : {}),
    ...(extras.parentId !== undefined ? { parent_id: extras.parentId } : {}),
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

/** Resolves when every chunk written to `stream` so far is in its file. */
export function flushed(stream: WriteStream): Promise<void> {
  return new Promise<void>((resolve, reject) => stream.write(Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
}

/** A write stream on `path`: a fresh file, or (resuming) the file cut to its first `keep` bytes, appended to. */
export function openAt(path: string, keep?: number): WriteStream {
  if (keep === undefined) return createWriteStream(path);
  if (!existsSync(path)) writeFileSync(path, '');
  truncateSync(path, keep);
  return createWriteStream(path, { flags: 'a' });
}

/** Where a `CocoStreamWriter` stood at a checkpoint. */
export interface CocoWriterState {
  images: number;
  annotations: number;
  imageBytes: number;
  annotationBytes: number;
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
  private imageBytes = 0;
  private annBytes = 0;
  private done = false;

  /** `resume`: go on from a checkpoint (`state()`), keeping the side files up to it. */
  constructor(
    readonly path: string,
    private readonly categories: readonly CocoCategory[],
    private readonly info: Record<string, unknown> = {},
    resume?: CocoWriterState,
  ) {
    this.images = openAt(`${path}.images.partial`, resume?.imageBytes);
    this.anns = openAt(`${path}.annotations.partial`, resume?.annotationBytes);
    if (resume) {
      this.nImages = resume.images;
      this.nAnns = resume.annotations;
      this.imageBytes = resume.imageBytes;
      this.annBytes = resume.annotationBytes;
    }
  }

  /** Waits until everything added so far is in the side files, and says where the writer stands. */
  async state(): Promise<CocoWriterState> {
    await Promise.all([flushed(this.images), flushed(this.anns)]);
    return { images: this.nImages, annotations: this.nAnns, imageBytes: this.imageBytes, annotationBytes: this.annBytes };
  }

  get imageCount(): number {
    return this.nImages;
  }
  get annotationCount(): number {
    return this.nAnns;
  }

  /** Adds an image and its boxes (category id, box). Annotation ids run from 1 across the file. */
  async addImage(image: CocoImage, boxes: ReadonlyArray<readonly [number, XYXY] | readonly [number, XYXY, BoxExtras]>): Promise<void> {
    const line = (this.nImages++ ? ',\n' : '\n') + JSON.stringify(image);
    this.imageBytes += Buffer.byteLength(line);
    await write(this.images, line);
    let chunk = '';
    for (const [cat, box, extras] of boxes) {
      chunk += (this.nAnns ? ',\n' : '\n') + JSON.stringify(cocoAnnotation(++this.nAnns, image.id, cat, box, extras));
    }
    this.annBytes += Buffer.byteLength(chunk);
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
