/**
 * Typeset mathematics: sampled TeX formulas (display and inline) typeset by MathJax into outlines that are
 * drawn onto the canvas with one Path2D fill. MathJax loads lazily, once per thread.
 */
export { FORMULA_KINDS, sampleFormula, sampleInlineFormula } from './sample.js';
export type { FormulaKind, FormulaOptions, FormulaSpec } from './sample.js';
export { typeset, drawTypeset, clearTypesetCache, parseTransform, TexError } from './typeset.js';
export type { Typeset, TypesetGlyph, TypesetText, Matrix } from './typeset.js';
export { mathjaxInitMs } from './mathjax.js';
