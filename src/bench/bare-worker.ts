/**
 * The bench's bare loop, in a worker: draw fixed pages and encode them exactly as the pipeline does, with no
 * sampling, layout, content generation, box measuring or file writing. The pages (the run's first few, laid
 * out and filled once) are drawn in turn, so the bound is measured on the same kind of pages as the pipeline.
 */
import { workerData } from 'node:worker_threads';
import { createFaker, fillPage, WordWidthCache, type BlockContent } from '../content/index.js';
import { defaultKinds } from '../kinds/index.js';
import { layoutPage, type PageLayout } from '../layout/index.js';
import { createMeasurer, DEFAULT_ENCODE, drawPage, encodeImage, FONTS, PageCanvas, registerFonts } from '../render/index.js';
import type { PageSpec } from '../types.js';

registerFonts();
const content = { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) };
const pages: Array<{ page: PageLayout; contents: BlockContent[] }> = (workerData as { specs: PageSpec[] }).specs.map((spec) => {
  const page = layoutPage(spec, { dpi: DEFAULT_ENCODE.dpi, kinds: defaultKinds });
  return { page, contents: fillPage(spec, page, content, FONTS, (k) => defaultKinds.part(k).fill) };
});
const canvas = new PageCanvas();

export default async function bare(task: { start: number; count: number }): Promise<number> {
  let bytes = 0;
  for (let i = task.start; i < task.start + task.count; i++) {
    const { page, contents } = pages[i % pages.length]!;
    drawPage(canvas.context(page.width, page.height), page, contents, (k) => defaultKinds.part(k).draw);
    const img = await encodeImage(canvas.pixels(), page.width, page.height, DEFAULT_ENCODE);
    bytes += img.byteLength;
  }
  return bytes;
}
