import type { LayoutClass, XYXY } from '../types.js';

/** What a block draws; content/render dispatch on it. */
export type BlockKind =
  | 'header'
  | 'footer'
  | 'page_number'
  | 'title'
  | 'authors'
  | 'section_header'
  | 'paragraph'
  | 'list_item'
  | 'table'
  | 'figure'
  | 'caption'
  | 'equation'
  | 'footnote';

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
}
