/**
 * Tables that look like real documents' tables, with cell-level structure: merged cells, multi-level headers,
 * zebra and tinted rows, booktabs / grid / partial rules, totals, decimal-aligned numbers and wrapped text.
 *
 * Sample first, then apply: `sampleTable` returns a plain-JSON `TableSpec`; `layoutTable` and `drawTable` are
 * deterministic functions of it.
 */
export { sampleTable } from './sample.js';
export { truncateRows, dropColumn } from './edit.js';
export { layoutTable, mirrorTable, styledFont, decimalIndex } from './layout.js';
export type { TableFonts, LayoutOptions, TableLayout, CellBox, TextLineBox, PaintRect } from './layout.js';
export { drawTable, drawCellText } from './draw.js';
export * from './spec.js';
