/**
 * One page, start to finish, in whichever thread runs it: spec -> layout -> content -> draw -> ink boxes -> encode.
 * Everything random comes from the spec and its seed, so a page is the same bytes in any thread. The stages are
 * generic; what is particular to each element kind comes from the kind registry (kinds/).
 */
import { createFaker, fillPage, WordWidthCache, type ContentContext } from '../content/index.js';
import { languageOf } from '../content/lang/languages.js';
import { applyEffects, defaultEffects, planEffects, type AppliedEffect, type EffectRegistry, type EffectsResult, type InkSource } from '../effects/index.js';
import { defaultKinds, type KindRegistry } from '../kinds/index.js';
import { layoutPage, type PageLayout } from '../layout/index.js';
import { createMeasurer, drawPage, drawUnderlay, encodeImage, FONTS, guardGlyphs, hasUnderlay, inkBox, PageCanvas, pixelWords, recordPdf, registerFonts, type EncodeOptions, type WidthCheck } from '../render/index.js';
import type { PageSpec, Region, XYXY } from '../types.js';
import { TextBoxes } from './text-boxes.js';

export interface RenderOptions extends EncodeOptions {
  /** Folder of the font files (default: the package's fonts/). */
  fontDir?: string;
  // --- PDF twin (render/pdf.ts) ---
  /**
   * Also make the page as a vector PDF (the clean page, before effects): `pdf` on the result. `{ check: true }` also
   * compares each string's width in the PDF with the canvas's (`pdf.widths`; a measureText per string).
   */
  pdf?: boolean | { check?: boolean };
  // --- end PDF twin ---
}

/**
 * The clean page as a one-page vector PDF (render/pdf.ts), with the regions boxed on the clean page it draws. The PDF
 * page is `width * 72 / dpi` by `height * 72 / dpi` points (less 1e-5 pt, so that rasterisers give exactly width x
 * height px at the dpi); boxes are in pixels of the clean page at the dpi (points = px * 72 / dpi).
 */
export interface PagePdf {
  bytes: Uint8Array;
  regions: Region[];
  /** Size of the clean page in pixels (the raster's before effects that change it). */
  width: number;
  height: number;
  /** With `pdf: { check: true }`: the PDF's string widths against the canvas's. */
  widths?: WidthCheck;
  /** What the PDF could only approximate or had to drop on this page, by kind, when anything (PdfRecorder.gaps). */
  gaps?: Record<string, number>;
}

export interface RenderedPage {
  width: number;
  height: number;
  image: Uint8Array;
  regions: Region[];
  /** The spec with each element marked `placed: true|false` and its effects' parameters: what the page really shows. */
  spec: PageSpec;
  /** Milliseconds spent in each step (`effects`: the whole effects stage, image and boxes). */
  timings: { layout: number; content: number; draw: number; read: number; boxes: number; effects: number; encode: number; pdf?: number };
  /** Milliseconds per applied effect, and `boxes` for carrying the regions through them. */
  effectTimings?: Record<string, number>;
  /** With `pdf: true`: the clean page as a PDF, and its regions (before effects). */
  pdf?: PagePdf;
}

/** A page drawn and boxed, before effects (what `PageRenderer.draw` gives). */
export interface DrawnPage {
  width: number;
  height: number;
  /** The clean pixels, RGBA. */
  rgba: Uint8Array;
  /** Regions boxed on the clean pixels. */
  regions: Region[];
  /** For each region, the areas whose ink is its own. */
  areas: XYXY[][];
  /** The clean page's ink, for the effects stage. */
  ink: InkSource;
  /** The spec with each element marked placed or not. */
  spec: PageSpec;
  /** With `pdf: true`: the page as a PDF, and its regions (the same as `regions`). */
  pdf?: PagePdf;
  /** `pdf`: milliseconds to write the PDF from the recording (only with `pdf: true`). */
  timings: { layout: number; content: number; draw: number; read: number; boxes: number; pdf?: number };
}

/**
 * Lays a spec out with the bundled kinds.
 * @example layoutSpec(spec, 150).blocks.length
 */
export function layoutSpec(spec: PageSpec, dpi: number, kinds: KindRegistry = defaultKinds): PageLayout {
  return layoutPage(spec, { dpi, kinds });
}

/** The spec with each element marked as placed on the page or not (layout drops what cannot fit). */
export function markPlaced(spec: PageSpec, page: PageLayout): PageSpec {
  const placed = new Set(page.placed);
  return { ...spec, elements: spec.elements.map((e, i) => ({ ...e, placed: placed.has(i) })) };
}

function union(a: XYXY | null, b: XYXY | null): XYXY | null {
  if (!a) return b;
  if (!b) return a;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/** `a` cut to `b` (null when they do not meet). */
function clip(a: XYXY, b: XYXY): XYXY | null {
  const r = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return r.x1 > r.x0 && r.y1 > r.y0 ? r : null;
}

/** The 32-bit RGBA pixel word of an opaque CSS colour '#rrggbb' (white when unparsable). */
function paperWord(css: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(css);
  if (!m) return 0xffffffff;
  const v = parseInt(m[1]!, 16);
  return (((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0);
}

/**
 * Per-thread state: fonts registered once, one canvas, one faker, one word-width cache.
 * @example
 * const net = compileNetwork((await loadNetwork('default')).def);
 * const spec = samplePageSpec(net, { index: 0, seed: deriveSeed(42, 0) });
 * const page = await new PageRenderer().render(spec, { format: 'png', dpi: 150 });
 * page.regions.length; // boxes tight to the ink; page.image holds the PNG bytes
 */
export class PageRenderer {
  private readonly canvas = new PageCanvas();
  private readonly content: ContentContext;
  /** Line and word boxes of text blocks (text-boxes.ts). */
  private readonly text = new TextBoxes();

  constructor(
    fontDir?: string,
    private readonly kinds: KindRegistry = defaultKinds,
    private readonly effects: EffectRegistry = defaultEffects,
  ) {
    registerFonts(fontDir);
    this.content = { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) };
  }

  /**
   * Draws a page and boxes its regions, before any effect: the clean pixels, the regions and, for the effects stage,
   * each region's ink areas and the page's ink.
   */
  async draw(spec: PageSpec, opts: Pick<RenderOptions, 'dpi' | 'pdf' | 'fontDir'>): Promise<DrawnPage> {
    const kinds = this.kinds;
    const t0 = performance.now();
    const page = layoutSpec(spec, opts.dpi, kinds);
    const t1 = performance.now();
    const contents = fillPage(spec, page, this.content, FONTS, (k) => kinds.part(k).fill);
    const t2 = performance.now();
    const lang = languageOf(spec.values);
    const ctx = this.canvas.context(page.width, page.height, lang.tag);
    // Every string drawn is checked against its font chain's coverage: a missing glyph stops the page, loudly.
    guardGlyphs(ctx, lang.tag);
    // --- PDF twin: the page is drawn through a recording stand-in for the context (the pixels are unchanged). ---
    const rec = opts.pdf ? recordPdf(ctx, page.width, page.height) : undefined;
    const dctx = rec ? rec.context : ctx;
    // --- end PDF twin ---
    // A page with paper colour or decorations under its blocks keeps a copy of them: its ink is what the blocks add.
    let under: Uint32Array | undefined;
    // Decorations that meet no block (rules in gutters, line numbers in margins) are drawn with the page, no copy.
    const copy = hasUnderlay(page);
    if (copy) {
      drawUnderlay(dctx, page);
      under = pixelWords(this.canvas.pixels());
    }
    try {
      drawPage(dctx, page, contents, this.text.drawers((k) => kinds.part(k).draw, lang.tag), !copy);
    } finally {
      guardGlyphs(ctx, null);
    }
    const t3 = performance.now();
    const rgba = this.canvas.pixels();
    const t4 = performance.now();
    const px = pixelWords(rgba);
    const paper = paperWord(page.background);
    const ink = (r: XYXY) => (r.x1 > r.x0 && r.y1 > r.y0 ? inkBox(px, page.width, page.height, r, paper, under) : null);
    const regions: Region[] = [];
    // For each region, the areas of the page whose ink is its own (what the effects stage carries along).
    const areas: XYXY[][] = [];
    // The pieces of a paragraph set beside a wrapped picture and under it are one region (it overlaps the picture).
    const joined = new Map<string, number>();
    page.blocks.forEach((b, i) => {
      const box = ink(b.rect);
      if (!box) return;
      const key = b.part.wrap !== undefined ? `${b.element}:${b.kind}:${String(b.part.wrap)}` : undefined;
      const at = key !== undefined ? joined.get(key) : undefined;
      let parent: number;
      if (at !== undefined) {
        regions[at]!.box = union(regions[at]!.box, box)!;
        areas[at]!.push(box);
        parent = at;
      } else {
        parent = regions.length;
        regions.push({ category: b.category, kind: b.kind, group: b.element, box, ...(key !== undefined ? { attributes: { wraps: true } } : {}) });
        areas.push([box]);
        if (key !== undefined) joined.set(key, parent);
      }
      // Parts of the region that only profiles naming their kind keep (types.ts SUB_REGION_KINDS).
      // Then its text lines and words (text-boxes.ts).
      for (const s of [...(kinds.part(b.kind).subRegions?.(b, contents[i]!) ?? []), ...this.text.subRegions(b, contents[i]!, ink)]) {
        // A measured box (a table cell's text, a chart label) is cut to its region and trimmed to the ink inside it.
        const cut = s.box ? clip(s.box, box) : null;
        const pieces = s.box ? [cut && ink(cut)] : s.rects.map((r) => ink(r));
        const u = pieces.reduce<XYXY | null>((acc, r) => union(acc, r), null);
        if (!u) continue;
        regions.push({ category: s.category ?? b.category, kind: s.kind, group: b.element, box: u, parent, ...(s.attributes ? { attributes: s.attributes } : {}) });
        areas.push(pieces.filter((r): r is XYXY => r !== null));
      }
    });
    const t5 = performance.now();
    // --- PDF twin ---
    // Its own copy of the regions (the list handed on with the raster may be changed by later stages).
    const check = typeof opts.pdf === 'object' && !!opts.pdf.check;
    const pdf: PagePdf | undefined = rec
      ? {
          bytes: await rec.toPdf({ dpi: opts.dpi, check, ...(opts.fontDir ? { fontDir: opts.fontDir } : {}) }),
          regions: regions.map((r) => ({ ...r, box: { ...r.box } })),
          width: page.width,
          height: page.height,
          ...(check ? { widths: rec.widths } : {}),
          ...(rec.gaps.size ? { gaps: Object.fromEntries(rec.gaps) } : {}),
        }
      : undefined;
    const t6 = performance.now();
    // --- end PDF twin ---
    return {
      width: page.width,
      height: page.height,
      rgba,
      regions,
      areas,
      ink: { px, width: page.width, height: page.height, paper, ...(under ? { under } : {}) },
      spec: markPlaced(spec, page),
      ...(pdf ? { pdf } : {}),
      timings: { layout: t1 - t0, content: t2 - t1, draw: t3 - t2, read: t4 - t3, boxes: t5 - t4, ...(pdf ? { pdf: t6 - t5 } : {}) },
    };
  }

  /**
   * Applies effects to a drawn page (src/effects/): on a copy of its pixels, so the clean page's ink stays at hand for
   * carrying the boxes. `applied` defaults to what the spec's `effects` values ask for.
   */
  async applyEffects(drawn: DrawnPage, dpi: number, applied: AppliedEffect[] = planEffects(drawn.spec, this.effects)): Promise<EffectsResult> {
    const image = { width: drawn.width, height: drawn.height, data: new Uint8Array(drawn.rgba) };
    return applyEffects(image, applied, this.effects, { dpi, paper: drawn.ink.paper }, drawn.ink, drawn.regions, drawn.areas);
  }

  /** Draws, applies the spec's effects and encodes one page. */
  async render(spec: PageSpec, opts: RenderOptions): Promise<RenderedPage> {
    const drawn = await this.draw(spec, opts);
    const t5 = performance.now();
    // Effects are planned from the page's own effects stream (or taken from the spec when it already lists them).
    const applied = planEffects(spec, this.effects);
    let out: { width: number; height: number; data: Uint8Array } = { width: drawn.width, height: drawn.height, data: drawn.rgba };
    let regions = drawn.regions;
    let effectTimings: Record<string, number> | undefined;
    if (applied.length) {
      const r = await this.applyEffects(drawn, opts.dpi, applied);
      out = r.image;
      regions = r.regions;
      effectTimings = r.timings;
    }
    const t6 = performance.now();
    const image = await encodeImage(out.data, out.width, out.height, opts);
    const t7 = performance.now();
    return {
      width: out.width,
      height: out.height,
      image,
      regions,
      spec: spec.effects ? { ...drawn.spec, effects: { ...spec.effects, applied } } : drawn.spec,
      timings: { ...drawn.timings, effects: t6 - t5, encode: t7 - t6 },
      ...(effectTimings ? { effectTimings } : {}),
      ...(drawn.pdf ? { pdf: drawn.pdf } : {}),
    };
  }
}
