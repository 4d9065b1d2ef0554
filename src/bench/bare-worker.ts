/**
 * The bench's bare loop, in a worker: draw fixed pages and encode them as RGB PNG level 1 (the pipeline's encoder
 * before grey pages), with no sampling, layout, content generation, box measuring or file writing. The pages (the
 * run's first few, laid out and filled once) are drawn in turn, so the bound is measured on the same kind of pages as
 * the pipeline. It is the bench's fixed reference: it stays RGB whatever the pipeline's encoder does.
 *
 * A `levers` task times the encoder's settings and the pixel read-back on the same pages instead.
 */
import { workerData } from 'node:worker_threads';
import type { SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { createFaker, fillPage, WordWidthCache, type BlockContent } from '../content/index.js';
import { defaultKinds } from '../kinds/index.js';
import { layoutPage, type PageLayout } from '../layout/index.js';
import { createMeasurer, DEFAULT_ENCODE, drawPage, encodeImage, FONTS, PageCanvas, registerFonts, type EncodeOptions } from '../render/index.js';
import { isColourless } from '../render/encode.js';
import type { PageSpec } from '../types.js';

/** The reference encoding: RGB PNG level 1, unfiltered, whatever the pipeline's default. */
export const BARE_ENCODE: EncodeOptions = { ...DEFAULT_ENCODE, format: 'png', pngLevel: 1, grey: 'never' };

registerFonts();
const content = { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) };
const pages: Array<{ page: PageLayout; contents: BlockContent[] }> = (workerData as { specs: PageSpec[] }).specs.map((spec) => {
  const page = layoutPage(spec, { dpi: DEFAULT_ENCODE.dpi, kinds: defaultKinds });
  return { page, contents: fillPage(spec, page, content, FONTS, (k) => defaultKinds.part(k).fill) };
});
const canvas = new PageCanvas();

export interface BareTask {
  start: number;
  count: number;
}

/** One encoder setting's figures over the pages: median ms per page and median bytes. */
export interface LeverRow {
  name: string;
  ms: number;
  bytes: number;
  /** Pages it applies to (grey settings: the colourless ones). */
  pages: number;
}

export interface LeverTask {
  levers: true;
  /** Passes over the pages (the first is a warm-up). */
  passes: number;
}

export interface LeverResult {
  encoders: LeverRow[];
  /** Pixel read-back (canvas.data()) and the alternatives, median ms per page. */
  read: Record<string, number>;
  /** Pages without colour among the fixed pages, and the check's median ms over all of them. */
  colourless: number;
  checkMs: number;
  total: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

function draw(i: number): { width: number; height: number; ctx: SKRSContext2D } {
  const { page, contents } = pages[i % pages.length]!;
  const ctx = canvas.context(page.width, page.height);
  drawPage(ctx, page, contents, (k) => defaultKinds.part(k).draw);
  return { width: page.width, height: page.height, ctx };
}

async function levers(task: LeverTask): Promise<LeverResult> {
  type Enc = (rgba: Buffer, w: number, h: number) => Promise<Buffer>;
  const raw = (rgba: Buffer, w: number, h: number) => sharp(rgba, { raw: { width: w, height: h, channels: 4 } });
  const png = (level: number, adaptive: boolean, grey: boolean): Enc => (rgba, w, h) =>
    (grey ? raw(rgba, w, h).extractChannel(0) : raw(rgba, w, h).removeAlpha()).png({ compressionLevel: level, adaptiveFiltering: adaptive }).toBuffer();
  const settings: Array<[string, boolean, Enc]> = [
    ['RGB level 1, no filter (reference)', false, (p, w, h) => encodeImage(p, w, h, BARE_ENCODE)],
    ['RGB level 1, adaptive filter', false, png(1, true, false)],
    ['RGB level 0 (stored)', false, png(0, false, false)],
    ['RGB level 2, no filter', false, png(2, false, false)],
    ['RGB level 6, no filter', false, png(6, false, false)],
    ['RGB level 6, adaptive filter', false, png(6, true, false)],
    ['JPEG q90 4:4:4', false, (p, w, h) => encodeImage(p, w, h, { ...BARE_ENCODE, format: 'jpeg' })],
    ['grey level 1, no filter (pipeline default)', true, (p, w, h) => encodeImage(p, w, h, { ...BARE_ENCODE, grey: 'auto' })],
    ['grey level 1, adaptive filter', true, png(1, true, true)],
    ['grey level 6, no filter', true, png(6, false, true)],
    ['same colourless pages as RGB level 1', true, (p, w, h) => encodeImage(p, w, h, BARE_ENCODE)],
  ];
  const times = settings.map(() => [] as number[]);
  const sizes = settings.map(() => [] as number[]);
  const read: Record<string, number[]> = { 'canvas.data()': [], 'canvas.data() twice (pages with an underlay)': [], 'ctx.getImageData()': [] };
  const check: number[] = [];
  let colourless = 0;
  for (let pass = 0; pass < task.passes; pass++) {
    for (let i = 0; i < pages.length; i++) {
      const { width, height, ctx } = draw(i);
      // data() and getImageData() both copy into a fresh buffer; which goes first alternates (allocation order).
      let tImage = 0;
      const image = () => {
        const t2 = performance.now();
        ctx.getImageData(0, 0, width, height);
        tImage = performance.now() - t2;
      };
      if (i % 2) image();
      let t = performance.now();
      const rgba = canvas.pixels();
      const tData = performance.now() - t;
      t = performance.now();
      canvas.pixels();
      const tTwice = tData + performance.now() - t;
      if (i % 2 === 0) image();
      t = performance.now();
      const grey = isColourless(rgba);
      const tCheck = performance.now() - t;
      if (pass === 0) {
        if (grey) colourless++;
        continue; // warm-up
      }
      read['canvas.data()']!.push(tData);
      read['canvas.data() twice (pages with an underlay)']!.push(tTwice);
      read['ctx.getImageData()']!.push(tImage);
      check.push(tCheck);
      for (let k = 0; k < settings.length; k++) {
        const [, greyOnly, enc] = settings[k]!;
        if (greyOnly && !grey) continue;
        t = performance.now();
        const out = await enc(rgba, width, height);
        times[k]!.push(performance.now() - t);
        sizes[k]!.push(out.byteLength);
      }
    }
  }
  return {
    encoders: settings.map(([name, greyOnly], k) => ({ name, ms: median(times[k]!), bytes: median(sizes[k]!), pages: greyOnly ? colourless : pages.length })),
    read: Object.fromEntries(Object.entries(read).map(([k, v]) => [k, median(v)])),
    colourless,
    checkMs: median(check),
    total: pages.length,
  };
}

export default async function bare(task: BareTask | LeverTask): Promise<number | LeverResult> {
  if ('levers' in task) return levers(task);
  let bytes = 0;
  for (let i = task.start; i < task.start + task.count; i++) {
    const { width, height } = draw(i);
    const img = await encodeImage(canvas.pixels(), width, height, BARE_ENCODE);
    bytes += img.byteLength;
  }
  return bytes;
}
