/**
 * Figure content: the data of a real chart (bar, line, scatter or pie) with labels; render/ draws it.
 */
import type { Faker } from '@faker-js/faker';
import type { LayoutBlock } from '../layout/index.js';
import type { Rng } from '../random/index.js';

export type ChartKind = 'bar' | 'line' | 'scatter' | 'pie';

export interface ChartContent {
  type: 'chart';
  kind: ChartKind;
  font: string;
  /** Category or series labels. */
  labels: string[];
  /** series[s][i]: bar heights, line y values, scatter pairs flattened [x0, y0, x1, y1, ...], or pie slices (one series). */
  series: number[][];
  seriesNames: string[];
  xTitle: string;
  yTitle: string;
  legend: boolean;
  grid: boolean;
  palette: string[];
}

const PALETTES = [
  ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'],
  ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'],
  ['#222222', '#666666', '#999999', '#bbbbbb', '#444444', '#888888'],
];

export function chartContent(b: LayoutBlock, f: Faker, rng: Rng, font: string): ChartContent {
  const kind = (['bar', 'line', 'scatter', 'pie'].includes(String(b.part.chart)) ? b.part.chart : 'bar') as ChartKind;
  const nSeries = kind === 'pie' ? 1 : rng.int(1, 3);
  const seriesNames = Array.from({ length: nSeries }, () => f.word.noun());
  let labels: string[] = [];
  const series: number[][] = [];
  if (kind === 'bar' || kind === 'pie') {
    const n = kind === 'pie' ? rng.int(3, 6) : rng.int(3, 8);
    labels = Array.from({ length: n }, () => f.word.noun().slice(0, 8));
    for (let s = 0; s < nSeries; s++) series.push(labels.map(() => rng.uniform(0.1, 1)));
  } else if (kind === 'line') {
    const n = rng.int(6, 20);
    for (let s = 0; s < nSeries; s++) {
      let y = rng.uniform(0.2, 0.8);
      series.push(Array.from({ length: n }, () => (y = Math.min(1, Math.max(0, y + rng.uniform(-0.15, 0.15))))));
    }
  } else {
    for (let s = 0; s < nSeries; s++) {
      const n = rng.int(15, 60);
      const slope = rng.uniform(-1, 1);
      const pts: number[] = [];
      for (let i = 0; i < n; i++) {
        const x = rng.next();
        pts.push(x, Math.min(1, Math.max(0, 0.5 + slope * (x - 0.5) + rng.uniform(-0.25, 0.25))));
      }
      series.push(pts);
    }
  }
  return {
    type: 'chart',
    kind,
    font,
    labels,
    series,
    seriesNames,
    xTitle: f.word.noun(),
    yTitle: f.word.noun(),
    legend: nSeries > 1 || kind === 'pie',
    grid: rng.chance(0.4),
    palette: rng.pick(PALETTES),
  };
}
