/**
 * The plain-JSON description of one chart: everything random about it, so drawing is a pure function of it.
 */

/** Every chart kind the module samples and draws. */
export type ChartKind =
  | 'bar'
  | 'grouped_bar'
  | 'stacked_bar'
  | 'hbar'
  | 'line'
  | 'area'
  | 'scatter'
  | 'histogram'
  | 'pie'
  | 'donut'
  | 'heatmap';

/** The kinds in a fixed order (for registries, sweeps and tests). */
export const CHART_KINDS: readonly ChartKind[] = [
  'bar',
  'grouped_bar',
  'stacked_bar',
  'hbar',
  'line',
  'area',
  'scatter',
  'histogram',
  'pie',
  'donut',
  'heatmap',
];

/** Where the legend goes; `inside` sits in a corner of the plot (data is given head room so it never hides any). */
export type LegendPosition = 'top' | 'right' | 'bottom' | 'inside' | 'none';
export const LEGEND_POSITIONS: readonly LegendPosition[] = ['top', 'right', 'bottom', 'inside', 'none'];

/** Marker drawn at each point of a line or scatter series. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'plus' | 'none';

/** Axis furniture: `classic` left+bottom axes, `box` a full frame, `minimal` baseline only, `gray` a ggplot-like grey panel. */
export type ChartTheme = 'classic' | 'box' | 'minimal' | 'gray';

/** How numbers are written on ticks and value labels: `prefix + digits + suffix`. */
export interface NumberFormat {
  prefix: string;
  suffix: string;
  /** Group thousands with commas. */
  thousands: boolean;
  /** Abbreviate large ticks with k / M / B (the letter goes before `suffix`). */
  si: boolean;
  /** Decimals of value labels (ticks take theirs from the tick step). */
  decimals: number;
}

/** One data series. `x` is present for scatter series only (numeric x per point). */
export interface ChartSeries {
  name: string;
  values: number[];
  x?: number[];
}

/** Everything needed to draw one chart. Plain JSON: `JSON.parse(JSON.stringify(spec))` draws the same pixels. */
export interface ChartSpec {
  kind: ChartKind;
  /** The genre the labels and numbers were drawn from (business, finance, science, government, survey). */
  genre: string;
  /** In-chart title; '' for none. */
  title: string;
  /** Axis titles; '' for none. For `hbar` the x title names the value axis. */
  xTitle: string;
  yTitle: string;
  /** Category labels: x categories (bars, lines, areas, heatmap columns), pie slices; empty for scatter/histogram. */
  categories: string[];
  /** True when categories are ordered in time (months, years, quarters): crowded labels are thinned, not rotated. */
  ordinal: boolean;
  /** Heatmap row labels (top to bottom); empty otherwise. */
  rowLabels: string[];
  /** The data. Heatmaps hold one series per row; pies and donuts one series of slice values; histograms the bin counts. */
  series: ChartSeries[];
  /** Histogram bin edges (counts.length + 1 of them); empty otherwise. */
  binEdges: number[];
  /** Palette name and its resolved colours (series or slice i takes colours[i % length]). */
  palette: string;
  colors: string[];
  /** Heatmap colour scale: name, stops from low to high, and the value domain [min, max]. */
  heatScale: string;
  heatStops: string[];
  heatDomain: [number, number];
  legend: LegendPosition;
  /** Gridlines: none, along the value axis, or both ways. */
  grid: 'none' | 'value' | 'both';
  theme: ChartTheme;
  /** Format of the value axis and value labels. */
  valueFormat: NumberFormat;
  /** Format of a numeric x axis (scatter, histogram). */
  xFormat: NumberFormat;
  /** Write each bar's value (or each heatmap cell's, or each slice's percentage) on the chart. */
  valueLabels: boolean;
  /** Marker per series (lines and scatter). */
  markers: MarkerShape[];
  /** Hollow markers (white fill, coloured outline). */
  hollowMarkers: boolean;
  /** Line width in px per 10 px of font size. */
  lineWidth: number;
  /** Smooth (monotone) lines and areas. */
  smooth: boolean;
  /** Fraction of each category band the bars fill. */
  barFill: number;
  /** Value axis starts at zero (lines; bars always do). */
  fromZero: boolean;
  /** Pies: slice labels written outside with leader lines (legend then usually 'none'). */
  pieOutsideLabels: boolean;
  /** Donut hole radius as a fraction of the outer radius (0 for a pie). */
  donutHole: number;
  /** Draw a least-squares trend line over scatter series. */
  trendLine: boolean;
}
