export { PageCanvas, chartTextRects, createMeasurer, drawPage, formulaPartRects, whiteCanvas } from './canvas.js';
export { inkBox, pixelWords } from './ink.js';
export { encodeImage, imageExtension, DEFAULT_ENCODE } from './encode.js';
export type { EncodeOptions, ImageFormat } from './encode.js';
export { registerFonts, familyName, FONT_FAMILIES, defaultFontDir } from './fonts.js';
