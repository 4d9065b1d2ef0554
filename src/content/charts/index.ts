/**
 * Charts as real reports and papers draw them: eleven kinds, genre-fitting labels, palettes, legends in five
 * positions, nice ticks and formatted numbers. `sampleChart` returns a plain-JSON ChartSpec; `drawChart`
 * draws it deterministically and reports where its text went.
 */
export { CHART_KINDS, LEGEND_POSITIONS } from './spec.js';
export type { ChartKind, ChartSeries, ChartSpec, ChartTheme, LegendPosition, MarkerShape, NumberFormat } from './spec.js';
export { CHART_GENRES, sampleChart, type SampleChartParams } from './sample.js';
export { drawChart } from './draw.js';
export { CATEGORICAL, HEAT_SCALES, MONO_HUES, PALETTE_NAMES } from './palettes.js';
export { formatValue, tickFormatter } from './format.js';
