export { fillPage } from './fill.js';
export type { BlockContent, CustomContent, InlineFormula, TextContent } from './fill.js';
export { alignX, cssFont, fillKit } from './kit.js';
export type { FontResolver } from './kit.js';
export type { BlockFiller, ContentContext, FillKit } from './kit.js';
export { WordWidthCache, createFaker, wrapWords, fillLines, seededFaker, titleWords } from './text.js';
export type { MeasureFn, TextLine } from './text.js';
