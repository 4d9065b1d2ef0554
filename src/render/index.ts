export { PageCanvas, baseline, createMeasurer, drawContent, drawPage, drawText, drawUnderlay, hasUnderlay, whiteCanvas } from './canvas.js';
export type { BlockDrawer } from './canvas.js';
export { inkBox, inkBoxOver, pixelWords } from './ink.js';
export { encodeImage, imageExtension, DEFAULT_ENCODE } from './encode.js';
export type { EncodeOptions, ImageFormat } from './encode.js';
export { registerFonts, familyName, FONT_FAMILIES, defaultFontDir } from './fonts.js';
