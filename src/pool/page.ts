/**
 * One page, start to finish, in whichever thread runs it: spec -> layout -> content -> draw -> ink boxes ->
 * encode. Everything random comes from the spec and its seed, so a page is the same bytes in any thread.
 */
import { createFaker, fillPage, WordWidthCache, type ContentContext } from '../content/index.js';
import { layoutPage } from '../layout/index.js';
import { chartTextRects, createMeasurer, formulaPartRects, drawPage, encodeImage, familyName, inkBox, PageCanvas, pixelWords, registerFonts, type EncodeOptions } from '../render/index.js';
import { FIGURE_TEXT, FORMULA_BODY, FORMULA_NUMBER, type PageSpec, type Region, type XYXY } from '../types.js';

export interface RenderOptions extends EncodeOptions {
  /** Folder of the font files (default: the package's fonts/). */
  fontDir?: string;
}

export interface RenderedPage {
  width: number;
  height: number;
  image: Uint8Array;
  regions: Region[];
  /** Milliseconds spent in each step. */
  timings: { layout: number; content: number; draw: number; read: number; boxes: number; encode: number };
}

/** Per-thread state: fonts registered once, one canvas, one faker, one word-width cache. */
export class PageRenderer {
  private readonly canvas = new PageCanvas();
  private readonly content: ContentContext;

  constructor(fontDir?: string) {
    registerFonts(fontDir);
    this.content = { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) };
  }

  async render(spec: PageSpec, opts: RenderOptions): Promise<RenderedPage> {
    const t0 = performance.now();
    const page = layoutPage(spec, { dpi: opts.dpi });
    const t1 = performance.now();
    const contents = fillPage(spec, page, this.content, familyName);
    const t2 = performance.now();
    const ctx = this.canvas.context(page.width, page.height);
    drawPage(ctx, page, contents);
    const t3 = performance.now();
    const rgba = this.canvas.pixels();
    const t4 = performance.now();
    const px = pixelWords(rgba);
    const regions: Region[] = [];
    page.blocks.forEach((b, i) => {
      const box = inkBox(px, page.width, page.height, b.rect);
      if (!box) return;
      const parent = regions.length;
      regions.push({ category: b.category, kind: b.kind, group: b.element, box });
      const c = contents[i]!;
      // Parts of the region that only profiles naming their kind keep (types.ts SUB_REGION_KINDS).
      const sub = (category: Region['category'], kind: string, rects: readonly XYXY[]) => {
        let u: XYXY | null = null;
        for (const r of rects) {
          const t = r.x1 > r.x0 && r.y1 > r.y0 ? inkBox(px, page.width, page.height, r) : null;
          if (t) u = u ? { x0: Math.min(u.x0, t.x0), y0: Math.min(u.y0, t.y0), x1: Math.max(u.x1, t.x1), y1: Math.max(u.y1, t.y1) } : t;
        }
        if (u) regions.push({ category, kind, group: b.element, box: u, parent });
      };
      if (c.type === 'chart') for (const r of chartTextRects(b.rect, c)) sub(b.category, FIGURE_TEXT, [r]);
      if (c.type === 'equation') {
        const parts = formulaPartRects(b, c);
        if (parts) {
          sub(b.category, FORMULA_BODY, [parts.body]);
          sub(b.category, FORMULA_NUMBER, [parts.number]);
        }
      }
    });
    const t5 = performance.now();
    const image = await encodeImage(rgba, page.width, page.height, opts);
    const t6 = performance.now();
    return {
      width: page.width,
      height: page.height,
      image,
      regions,
      timings: { layout: t1 - t0, content: t2 - t1, draw: t3 - t2, read: t4 - t3, boxes: t5 - t4, encode: t6 - t5 },
    };
  }
}

