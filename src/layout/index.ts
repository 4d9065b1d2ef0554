export { layoutPage, pageSizePx, PAGE_SIZES_MM } from './engine.js';
export type { LayoutOptions } from './engine.js';
export type { Align, BlockKind, LayoutBlock, PageLayout, TextStyle } from './types.js';
