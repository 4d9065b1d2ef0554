/**
 * Page geometry from a spec's page-level values: size, margins, columns, fonts, and the text styles derived from
 * them. Plain arithmetic on sampled values: nothing random here.
 */
import { boxesOverlap, type NodeValue, type XYXY } from '../types.js';
import { languageOf, type Language } from '../content/lang/languages.js';
import { resolveFamily } from '../render/font-choice.js';
import { PAGE_SIZES_MM } from './constants.js';
import type { TextStyle } from './types.js';

export type Values = Record<string, NodeValue>;

export function num(v: Values, key: string, def: number): number {
  const x = v[key];
  return typeof x === 'number' && Number.isFinite(x) ? x : def;
}
export function str(v: Values, key: string, def: string): string {
  const x = v[key];
  return typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : def;
}
export function bool(v: Values, key: string, def: boolean): boolean {
  const x = v[key];
  return typeof x === 'boolean' ? x : typeof x === 'number' ? x !== 0 : x === 'true' ? true : x === 'false' ? false : def;
}

/** Page size in pixels for the spec's `page_size`, `orientation` and (receipts) `page_height_mm`. */
export function pageSizePx(values: Values, dpi: number): { width: number; height: number } {
  const key = str(values, 'page_size', 'a4');
  const size = PAGE_SIZES_MM[key] ?? PAGE_SIZES_MM.a4!;
  const landscape = str(values, 'orientation', 'portrait') === 'landscape';
  let [wmm, hmm] = landscape ? [size[1], size[0]] : size;
  const fixedH = num(values, 'page_height_mm', 0);
  if (fixedH > 0) hmm = fixedH;
  return { width: Math.round((wmm * dpi) / 25.4), height: Math.round((hmm * dpi) / 25.4) };
}

/** Rounds a size in points to the nearest half point. */
export function halfPoints(pt: number): number {
  return Math.max(0.5, Math.round(pt * 2) / 2);
}

export function rect(x: number, y: number, w: number, h: number): XYXY {
  return { x0: Math.round(x), y0: Math.round(y), x1: Math.round(x + w), y1: Math.round(y + h) };
}

/** The page geometry and text styles shared by every element. */
/**
 * Extra leading for scripts whose marks rise above or hang below the Latin em box (Thai tone marks over upper vowels,
 * Devanagari matras and the headline, Arabic marks, Vietnamese stacked accents): lines are set this much further
 * apart so no mark is cut by its block or touches the next line, as typesetters of those scripts do.
 */
export const SCRIPT_LEADING: Partial<Record<string, number>> = { thai: 1.3, devanagari: 1.2, arabic: 1.15, vietnamese: 1.1, hans: 1.1, hant: 1.1, japanese: 1.1, hangul: 1.1 };

export class PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly pxPerPt: number;
  readonly pxPerMm: number;
  readonly marginX: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  readonly columns: number;
  readonly gutter: number;
  readonly colWidth: number;
  /** The page's language (node `language`) and its script and direction. */
  readonly language: Language;
  /**
   * Families per role, already resolved for the page's script (render/font-choice.ts `resolveFamily`): the network
   * picks `font_family` (body), `heading_family` ('same', 'sans' or a key), `caption_family` ('same', 'sans' or a key),
   * `code_family` and `hand_family` by genre; a family that cannot draw the script is replaced by the written rule.
   */
  readonly bodyFamily: string;
  readonly headingFamily: string;
  readonly captionFamily: string;
  readonly codeFamily: string;
  readonly handFamily: string;
  readonly fontPx: number;
  readonly lineSpacing: number;
  /** Space between consecutive text blocks, in body line heights (network node `block_gap`, default 1). */
  readonly blockGap: number;
  /** Colour of headings and titles (node `accent_color`, default the ink). */
  readonly accent: string;
  /** Colour of running text (node `ink_color`). */
  readonly ink: string;

  constructor(readonly values: Values, readonly dpi: number) {
    const { width, height } = pageSizePx(values, dpi);
    this.width = width;
    this.height = height;
    this.pxPerPt = dpi / 72;
    this.pxPerMm = dpi / 25.4;
    const margin = Math.max(num(values, 'margin_min_mm', 8), num(values, 'margin_mm', 20)) * this.pxPerMm;
    this.marginX = margin;
    this.marginTop = margin;
    this.marginBottom = margin;
    this.columns = Math.max(1, Math.min(8, Math.round(num(values, 'columns', 1))));
    this.gutter = Math.max(2, num(values, 'gutter_mm', 6)) * this.pxPerMm;
    const bodyW = width - 2 * this.marginX;
    this.colWidth = (bodyW - (this.columns - 1) * this.gutter) / this.columns;
    this.language = languageOf(values);
    const script = this.language.script;
    const body = str(values, 'font_family', 'liberation-serif');
    this.bodyFamily = resolveFamily(body, script);
    const role = (node: string, fallback: string) => {
      const v = str(values, node, 'same');
      return resolveFamily(v === 'same' ? body : v === 'sans' ? 'liberation-sans' : v === 'default' ? fallback : v, script);
    };
    this.headingFamily = role('heading_family', body);
    this.captionFamily = role('caption_family', body);
    // Code stays in a monospace face that draws Latin (code is ASCII); handwriting falls back by the rule.
    this.codeFamily = resolveFamily(str(values, 'code_family', 'plex-mono'), 'latin');
    this.handFamily = resolveFamily(str(values, 'hand_family', 'caveat'), script);
    this.fontPx = halfPoints(Math.max(5, num(values, 'font_size_pt', 10))) * this.pxPerPt;
    this.lineSpacing = Math.max(1.05, num(values, 'line_spacing', 1.25));
    this.blockGap = Math.max(0, num(values, 'block_gap', 1));
    this.accent = str(values, 'accent_color', '#111111');
    this.ink = str(values, 'ink_color', '#111111');
  }

  /** Body line height in pixels. */
  get lineHeight(): number {
    return this.fontPx * this.lineSpacing;
  }

  /**
   * A text style `scale` times the body size. Sizes are whole half-points, as typesetting uses, which also keeps
   * the set of fonts small so word widths measured on one page serve the next.
   */
  style(scale: number, opts: Partial<Omit<TextStyle, 'sizePx' | 'lineHeightPx'>> & { spacing?: number } = {}): TextStyle {
    const sizePx = halfPoints((this.fontPx * scale) / this.pxPerPt) * this.pxPerPt;
    return {
      family: opts.family ?? this.bodyFamily,
      sizePx,
      lineHeightPx: sizePx * (opts.spacing ?? this.lineSpacing) * (SCRIPT_LEADING[this.language.script] ?? 1),
      bold: opts.bold ?? false,
      italic: opts.italic ?? false,
      align: opts.align ?? 'left',
      color: opts.color ?? this.ink,
    };
  }
}

/** Whether `r` overlaps the rect of any of `blocks`. */
export function boxesOverlapAny(r: XYXY, blocks: readonly { rect: XYXY }[]): boolean {
  return blocks.some((b) => boxesOverlap(b.rect, r));
}
