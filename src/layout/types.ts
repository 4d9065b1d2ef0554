import type { LayoutClass, XYXY } from '../types.js';

/** What a block draws: a block kind that some element kind's module declares (kinds/); content and render look it up. */
export type BlockKind = string;

export type Align = 'left' | 'center' | 'right' | 'justify';

/** Font of a text block, in pixels. */
export interface TextStyle {
  /** Network key of the family (`liberation-serif`, ...). */
  family: string;
  sizePx: number;
  lineHeightPx: number;
  bold: boolean;
  italic: boolean;
  align: Align;
  /** Ink colour (CSS). */
  color: string;
}

/**
 * One labelled region before content: where it goes (`rect`, drawing is clipped to it) and what it is.
 * Blocks never overlap and lie inside the page.
 */
export interface LayoutBlock {
  kind: BlockKind;
  category: LayoutClass;
  rect: XYXY;
  /** Index of the element in `PageSpec.elements` it comes from (-1 for blocks made by layout, e.g. authors). */
  element: number;
  style: TextStyle;
  /** Kind-specific placement facts (line range of a split paragraph, list item index, caption number...). */
  part: Record<string, number | string | boolean>;
}

/** A page ready for content: its pixel size and its blocks in reading order. */
export interface PageLayout {
  width: number;
  height: number;
  dpi: number;
  blocks: LayoutBlock[];
  /** Indices (in `PageSpec.elements`) of the elements that have a block on the page, ascending. */
  placed: number[];
  /** Paper colour (CSS). */
  background: string;
  /** Unlabelled marks drawn under the blocks: column rules, tinted frames and bands, line numbers. */
  decorations: Decoration[];
}

/** An unlabelled mark on the page, drawn before the blocks (plain data). */
export type Decoration =
  | { type: 'fill'; rect: XYXY; color: string }
  | { type: 'text'; x: number; y: number; text: string; sizePx: number; family: string; color: string; align: 'left' | 'right' | 'center'; angle?: number; alpha?: number };
