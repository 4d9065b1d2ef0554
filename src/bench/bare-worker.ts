/**
 * The bench's bare loop, in a worker: draw one fixed page and encode it exactly as the pipeline does, with no
 * sampling, layout, content generation, box measuring or file writing. It bounds what the pipeline can reach.
 */
import { createFaker, fillPage, WordWidthCache } from '../content/index.js';
import { layoutPage } from '../layout/index.js';
import { createMeasurer, DEFAULT_ENCODE, drawPage, encodeImage, familyName, PageCanvas, registerFonts } from '../render/index.js';
import type { PageSpec } from '../types.js';
import { workerData } from 'node:worker_threads';

registerFonts();
const spec = (workerData as { spec: PageSpec }).spec;
const page = layoutPage(spec, { dpi: DEFAULT_ENCODE.dpi });
const contents = fillPage(spec, page, { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) }, familyName);
const canvas = new PageCanvas();

export default async function bare(count: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    drawPage(canvas.context(page.width, page.height), page, contents);
    const img = await encodeImage(canvas.pixels(), page.width, page.height, DEFAULT_ENCODE);
    bytes += img.byteLength;
  }
  return bytes;
}
