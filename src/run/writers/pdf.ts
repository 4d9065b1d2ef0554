/**
 * `pdf` (asked for with `--pdf`): each page as a one-page vector PDF, `pdf/<key>.pdf`, drawn with pdfkit from the same
 * layout and content as the image (render/pdf.ts), and `pdf/annotations.json`, a COCO file of those PDF pages. The
 * PDF is the clean page: effects (scan, print, photo) are raster and stay in the image, so the PDF's boxes are the
 * clean page's, which equal the image's when the page has no effects. Boxes are in pixels at the run's dpi; a box in
 * PDF points is the box times 72/dpi (the page is exactly width*72/dpi by height*72/dpi points).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationIds, CocoStreamWriter, type CocoWriterState } from '../../annotate/index.js';
import { cocoBoxes } from './coco.js';
import type { Writer, WriterContext, WriterDefinition, WriterPage, WriterState, WriterSummary } from './types.js';

class PdfWriter implements Writer {
  private coco: CocoStreamWriter | undefined;
  private readonly tmp: string;
  private readonly dir: string;
  private bytes = 0;

  constructor(private readonly ctx: WriterContext) {
    this.dir = join(ctx.out, 'pdf');
    this.tmp = `${this.dir}.partial`;
  }

  async start(resume?: WriterState): Promise<void> {
    const state = resume as { coco: CocoWriterState; bytes: number } | undefined;
    if (!state) await rm(this.tmp, { recursive: true, force: true });
    await mkdir(this.tmp, { recursive: true });
    this.coco = new CocoStreamWriter(
      join(this.tmp, 'annotations.json'),
      this.ctx.categories,
      {
        description: `${this.ctx.description}: vector PDF pages; boxes in pixels at ${this.ctx.dpi} dpi (points = pixels * 72 / ${this.ctx.dpi})`,
        version: this.ctx.version,
        url: '',
        contributor: 'pagesynth',
        dpi: this.ctx.dpi,
      },
      state?.coco,
    );
    this.bytes = state?.bytes ?? 0;
  }

  async checkpoint(): Promise<WriterState> {
    return { coco: await this.coco!.state(), bytes: this.bytes };
  }

  async page(p: WriterPage): Promise<void> {
    if (!p.pdf) throw new Error(`pdf writer: page ${p.imageId} was rendered without its PDF`);
    const fileName = `${p.key}.pdf`;
    await writeFile(join(this.tmp, fileName), p.pdf.bytes);
    this.bytes += p.pdf.bytes.byteLength;
    const coco = this.coco!;
    const clean = { boxes: p.pdf.boxes, regions: p.pdf.regions };
    const firstId = coco.annotationCount + 1;
    const ids = annotationIds(this.ctx.profile, clean.regions, firstId, clean.boxes.length);
    await coco.addImage({ id: p.imageId, file_name: fileName, width: Math.round(p.pdf.width), height: Math.round(p.pdf.height) }, cocoBoxes(clean, firstId, ids));
  }

  async finish(): Promise<WriterSummary> {
    await this.coco!.finish();
    await rm(this.dir, { recursive: true, force: true });
    await rename(this.tmp, this.dir);
    return { paths: ['pdf'], counts: { pages: this.coco!.imageCount, annotations: this.coco!.annotationCount, bytes: this.bytes } };
  }

  async abort(): Promise<void> {
    await this.coco?.abort();
    await rm(this.tmp, { recursive: true, force: true });
  }
}

export const pdfWriter: WriterDefinition = {
  name: 'pdf',
  summary: 'pdf/<key>.pdf: each page as a vector PDF (selectable text, vector rules), with pdf/annotations.json of the clean page',
  owns: ['pdf'],
  options: [],
  create: (ctx) => new PdfWriter(ctx),
};
