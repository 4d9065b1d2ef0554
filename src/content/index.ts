export { fillPage, cssFont } from './fill.js';
export type { BlockContent, ContentContext, TextContent } from './fill.js';
export type { TableContent, TableBorders } from './table.js';
export type { ChartContent, ChartKind } from './chart.js';
export type { EquationContent, EqToken } from './equation.js';
export { WordWidthCache, createFaker, wrapWords, fillLines } from './text.js';
export type { MeasureFn, TextLine } from './text.js';
