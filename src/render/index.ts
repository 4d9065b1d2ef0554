export { PageCanvas, baseline, createMeasurer, drawContent, drawPage, drawText, drawUnderlay, hasUnderlay, whiteCanvas } from './canvas.js';
export type { BlockDrawer } from './canvas.js';
export { inkBox, inkBoxOver, pixelWords } from './ink.js';
export { glyphBounds, needsRaster, type GlyphBounds } from './glyph-bounds.js';
export { encodeImage, imageExtension, DEFAULT_ENCODE } from './encode.js';
export type { EncodeOptions, ImageFormat } from './encode.js';
export { registerFonts, familyName, FONT_FAMILIES, FONTS, defaultFontDir, fontStack, cssFontOf, fontInfo, fontKeys, covers, familiesFor, resolveFamily, checkCoverage, missingGlyph, guardGlyphs } from './fonts.js';
export type { FontInfo, FontClass, Script } from './fonts.js';
