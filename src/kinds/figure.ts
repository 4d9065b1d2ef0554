/**
 * Figure: a chart (eleven kinds: bars grouped, stacked and horizontal, line, area, scatter, histogram, pie, donut,
 * heat map) with its caption (below, mostly), a float. The chart's kind, palette and legend position are element
 * nodes; its data and labels are content. The text drawn inside the chart is a sub-region (`figure_text`) that
 * profiles such as docbank label as paragraphs.
 */
import { CHART_KINDS, LEGEND_POSITIONS, PALETTE_NAMES, drawChart, sampleChart, type ChartKind, type ChartSpec, type LegendPosition } from '../content/charts/index.js';
import { TYPO, str } from '../layout/index.js';
import { FIGURE_TEXT, type XYXY } from '../types.js';
import { caption } from './parts.js';
import type { KindModule } from './types.js';

/** Chart vocabulary by document genre. */
const CHART_GENRE: Record<string, string> = { scientific: 'science', report: 'business', magazine: 'survey', newspaper: 'government', slide: 'business', manual: 'science', invoice: 'finance', book: 'science', legal: 'government' };

interface FigureData {
  chart: ChartSpec;
  family: string;
  fontPx: number;
  /** Text rectangles, filled when drawn (the same numbers every time for a spec). */
  textRects?: XYXY[];
}

function pick<T extends string>(v: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

export const figure: KindModule = {
  name: 'figure',
  description: 'Chart (11 kinds, 13 palettes, legends in 5 positions) with a caption; its text is figure_text sub-regions.',
  placement: 'body',
  defaults: {
    kind: { dist: 'categorical', values: [...CHART_KINDS], probs: [0.16, 0.1, 0.08, 0.07, 0.15, 0.06, 0.1, 0.06, 0.08, 0.06, 0.08] },
    palette: { dist: 'categorical', values: ['auto', ...PALETTE_NAMES], probs: [0.5, ...PALETTE_NAMES.map(() => 0.5 / PALETTE_NAMES.length)] },
    legend: { dist: 'categorical', values: [...LEGEND_POSITIONS], probs: [0.3, 0.25, 0.2, 0.15, 0.1] },
    aspect: { dist: 'uniform', params: { min: 0.45, max: 0.9 }, round: 2 },
    span: { dist: 'categorical', values: ['column', 'full'], probs: [0.7, 0.3] },
    width_frac: { dist: 'uniform', params: { min: 0.6, max: 1.0 }, round: 2 },
    caption: { dist: 'categorical', values: ['below', 'above', 'none'], probs: [0.7, 0.1, 0.2] },
    caption_lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.6, 0.3, 0.1] },
  },
  parts: {
    caption,
    figure: {
      category: 'Picture',
      fill(b, kit) {
        const p = kit.spec.elements[b.element]?.params ?? {};
        const kind = pick<ChartKind>(String(b.part.chart ?? p.kind ?? ''), CHART_KINDS) ?? (String(p.kind) === 'pie' ? 'pie' : undefined);
        const palette = pick(String(p.palette ?? 'auto'), PALETTE_NAMES);
        const legend = pick<LegendPosition>(String(p.legend ?? ''), LEGEND_POSITIONS);
        let chart = sampleChart(kit.rng, kit.f, { kind, genre: CHART_GENRE[kit.genre] ?? 'business', ...(palette ? { palette } : {}), ...(legend ? { legend } : {}) });
        if (kit.lang.tag !== 'en') {
          const l = (s: string) => kit.source.localize(s);
          chart = { ...chart, title: l(chart.title), xTitle: l(chart.xTitle), yTitle: l(chart.yTitle), categories: chart.categories.map(l), rowLabels: chart.rowLabels.map(l), series: chart.series.map((s) => ({ ...s, name: l(s.name) })) };
        }
        const data: FigureData = { chart, family: kit.stackOf(b.style.family), fontPx: b.style.sizePx };
        return { type: 'custom', data: data as unknown as Record<string, unknown> };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as unknown as FigureData;
        d.textRects = drawChart(ctx, b.rect, d.chart, d.family, d.fontPx).textRects;
      },
      subRegions(_b, c) {
        if (c.type !== 'custom') return [];
        return ((c.data as unknown as FigureData).textRects ?? []).map((r) => ({ kind: FIGURE_TEXT, rects: [r] }));
      },
    },
  },
  units(u, el, i, fullWidth) {
    const style = u.g.style(TYPO.figureText.scale, { spacing: TYPO.figureText.spacing, family: u.g.headingFamily });
    return [u.aspectFloat(el, i, fullWidth, 'figure', style, { aspect: 0.65, widthFrac: 0.9 }, { chart: str(el.params, 'kind', 'bar') })];
  },
};
