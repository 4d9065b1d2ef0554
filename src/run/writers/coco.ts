/**
 * `coco` (the default writer): images/, annotations.json and labels.jsonl in the run folder, as Detectron2,
 * MMDetection and pycocotools read them. Each top-level box carries its reading order (`order`); parts a profile puts
 * in the file (text lines, words, table cells: `--parts`) carry the id of their box (`parent_id`). labels.jsonl holds
 * every granularity with the COCO ids (annotate/labels.ts).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationIds, CocoStreamWriter, LabelsWriter, type BoxExtras, type CocoWriterState } from '../../annotate/index.js';
import type { XYXY } from '../../types.js';
import type { PageBox, Writer, WriterContext, WriterDefinition, WriterPage, WriterState, WriterSummary } from './types.js';

/**
 * COCO boxes of a page with their extras: polygons, crowd, reading order of top-level boxes, and for parts the
 * annotation id of the box their region is in.
 * @example cocoBoxes(page, 1).map(([cat, box, extras]) => extras.order)
 */
export function cocoBoxes(page: Pick<WriterPage, 'boxes' | 'regions'>, firstId: number, ids: ReadonlyArray<number | null>): Array<[number, XYXY, BoxExtras]> {
  let order = 0;
  return page.boxes.map((b: PageBox) => {
    const first = page.regions[b.sources[0]!]!;
    const extras: BoxExtras = {};
    if (b.polygons) extras.polygons = b.polygons;
    if (b.crowd) extras.crowd = true;
    if (first.parent === undefined) extras.order = order++;
    else {
      const parentId = ids[first.parent];
      if (parentId != null) extras.parentId = parentId;
    }
    return [b.categoryId, b.box, extras];
  });
}

class CocoWriter implements Writer {
  private coco: CocoStreamWriter | undefined;
  private labels: LabelsWriter | undefined;

  constructor(private readonly ctx: WriterContext) {}

  async start(resume?: WriterState): Promise<void> {
    const state = resume as { coco: CocoWriterState; labels: { pages: number; bytes: number } } | undefined;
    await mkdir(join(this.ctx.out, 'images'), { recursive: true });
    this.coco = new CocoStreamWriter(
      join(this.ctx.out, 'annotations.json'),
      this.ctx.categories,
      { description: this.ctx.description, version: this.ctx.version, url: '', contributor: 'pagesynth' },
      state?.coco,
    );
    this.labels = new LabelsWriter(join(this.ctx.out, 'labels.jsonl'));
    await this.labels.start(state?.labels);
  }

  async checkpoint(): Promise<WriterState> {
    return { coco: await this.coco!.state(), labels: await this.labels!.state() };
  }

  async page(p: WriterPage): Promise<void> {
    const coco = this.coco!;
    const image = { id: p.imageId, file_name: p.fileName, width: p.width, height: p.height };
    await writeFile(join(this.ctx.out, 'images', p.fileName), p.image);
    const firstId = coco.annotationCount + 1;
    const ids = annotationIds(this.ctx.profile, p.regions, firstId, p.boxes.length);
    await coco.addImage(image, cocoBoxes(p, firstId, ids));
    await this.labels!.page(image, p.regions, ids);
  }

  async finish(): Promise<WriterSummary> {
    await this.coco!.finish();
    await this.labels!.finish();
    return { paths: ['images', 'annotations.json', 'labels.jsonl'], counts: { images: this.coco!.imageCount, annotations: this.coco!.annotationCount } };
  }

  async abort(): Promise<void> {
    await this.coco?.abort();
    await this.labels?.abort();
  }
}

export const cocoWriter: WriterDefinition = {
  name: 'coco',
  summary: 'images/, annotations.json (COCO detection: Detectron2, MMDetection, pycocotools) and labels.jsonl (lines, words, cells, reading order)',
  owns: ['images', 'annotations.json', 'labels.jsonl'],
  options: [],
  create: (ctx) => new CocoWriter(ctx),
};

/** Removes what a writer owns in a run folder (before a fresh run). */
export async function clearOwned(out: string, def: WriterDefinition): Promise<void> {
  await Promise.all(def.owns.flatMap((n) => [rm(join(out, n), { recursive: true, force: true }), rm(join(out, `${n}.partial`), { recursive: true, force: true })]));
}
