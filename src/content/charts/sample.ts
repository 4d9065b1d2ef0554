/**
 * Sampling a chart: kind, genre-fitting labels and numbers, palette, legend, axis styling. Returns plain JSON.
 */
import type { Faker } from '@faker-js/faker';
import { scaleLinear } from 'd3-scale';
import { invalidParameter } from '../../errors.js';
import type { Rng } from '../../random/index.js';
import { seededFaker } from '../text.js';
import { CATEGORICAL, HEAT_SCALES, MONO_HUES, PALETTE_NAMES, monoShades } from './palettes.js';
import { CHART_KINDS, LEGEND_POSITIONS, type ChartKind, type ChartSeries, type ChartSpec, type LegendPosition, type MarkerShape, type NumberFormat } from './spec.js';

/** Genres whose vocabulary and numbers charts are drawn from. */
export const CHART_GENRES: readonly string[] = ['business', 'finance', 'science', 'government', 'survey'];

/** Options of `sampleChart`; anything left out is sampled. */
export interface SampleChartParams {
  kind?: ChartKind;
  genre?: string;
  palette?: string;
  legend?: LegendPosition;
}

interface Measure {
  /** Axis title with its unit, as written when ticks carry no unit. */
  title: string;
  /** Axis title without unit, for ticks that carry it. */
  bare: string;
  lo: number;
  hi: number;
  fmt: NumberFormat;
  /** Can go below zero (returns, growth, temperatures). */
  signed?: boolean;
}

const fmt = (prefix: string, suffix: string, decimals: number, thousands = true, si = false): NumberFormat => ({ prefix, suffix, thousands, si, decimals });

const MEASURES: Record<string, Measure[]> = {
  business: [
    { title: 'Revenue ($ millions)', bare: 'Revenue', lo: 20, hi: 480, fmt: fmt('$', 'M', 0) },
    { title: 'Units sold', bare: 'Units sold', lo: 1200, hi: 95000, fmt: fmt('', '', 0, true, true) },
    { title: 'Market share (%)', bare: 'Market share', lo: 3, hi: 42, fmt: fmt('', '%', 1) },
    { title: 'Customer satisfaction (1\u201310)', bare: 'Satisfaction', lo: 5.5, hi: 9.6, fmt: fmt('', '', 1) },
    { title: 'Headcount', bare: 'Headcount', lo: 40, hi: 3800, fmt: fmt('', '', 0) },
    { title: 'Sales (\u20ac thousands)', bare: 'Sales', lo: 150, hi: 9000, fmt: fmt('\u20ac', 'k', 0) },
    { title: 'Growth (%)', bare: 'Growth', lo: -8, hi: 22, fmt: fmt('', '%', 1), signed: true },
  ],
  finance: [
    { title: 'Net income ($ billions)', bare: 'Net income', lo: 0.4, hi: 12, fmt: fmt('$', 'bn', 1) },
    { title: 'Share price ($)', bare: 'Share price', lo: 18, hi: 260, fmt: fmt('$', '', 2) },
    { title: 'Annual return (%)', bare: 'Return', lo: -14, hi: 26, fmt: fmt('', '%', 1), signed: true },
    { title: 'Interest rate (%)', bare: 'Interest rate', lo: 0.25, hi: 7.5, fmt: fmt('', '%', 2) },
    { title: 'Total assets (\u00a3m)', bare: 'Total assets', lo: 800, hi: 64000, fmt: fmt('\u00a3', '', 0) },
    { title: 'Trading volume', bare: 'Volume', lo: 2e5, hi: 9e6, fmt: fmt('', '', 0, true, true) },
  ],
  science: [
    { title: 'Accuracy (%)', bare: 'Accuracy', lo: 62, hi: 98.5, fmt: fmt('', '%', 1) },
    { title: 'Latency (ms)', bare: 'Latency', lo: 2, hi: 480, fmt: fmt('', ' ms', 1) },
    { title: 'Temperature (\u00b0C)', bare: 'Temperature', lo: -6, hi: 34, fmt: fmt('', '\u00b0C', 1), signed: true },
    { title: 'Concentration (mg/L)', bare: 'Concentration', lo: 0.12, hi: 18, fmt: fmt('', '', 2) },
    { title: 'Relative yield', bare: 'Yield', lo: 0.2, hi: 1.0, fmt: fmt('', '', 2) },
    { title: 'Cell count (\u00d710\u00b3)', bare: 'Cell count', lo: 15, hi: 640, fmt: fmt('', '', 0) },
    { title: 'Loss', bare: 'Loss', lo: 0.05, hi: 2.4, fmt: fmt('', '', 3) },
  ],
  government: [
    { title: 'Population (millions)', bare: 'Population', lo: 0.6, hi: 82, fmt: fmt('', 'M', 1) },
    { title: 'Unemployment rate (%)', bare: 'Unemployment', lo: 2.1, hi: 14.5, fmt: fmt('', '%', 1) },
    { title: 'Expenditure ($ billions)', bare: 'Expenditure', lo: 12, hi: 880, fmt: fmt('$', 'bn', 0) },
    { title: 'Rate per 100,000', bare: 'Rate per 100,000', lo: 6, hi: 410, fmt: fmt('', '', 1) },
    { title: 'Households', bare: 'Households', lo: 9000, hi: 2.4e6, fmt: fmt('', '', 0, true, true) },
  ],
  survey: [
    { title: 'Share of respondents (%)', bare: 'Respondents', lo: 3, hi: 58, fmt: fmt('', '%', 0) },
    { title: 'Number of responses', bare: 'Responses', lo: 12, hi: 940, fmt: fmt('', '', 0) },
    { title: 'Mean score (1\u20135)', bare: 'Mean score', lo: 2.1, hi: 4.7, fmt: fmt('', '', 2) },
  ],
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const REGIONS = ['North', 'South', 'East', 'West', 'Central', 'Northeast', 'Southwest', 'Midwest', 'Pacific', 'Atlantic', 'Mountain', 'Coastal'];
const SECTORS = ['Energy', 'Financials', 'Health care', 'Technology', 'Utilities', 'Industrials', 'Materials', 'Real estate', 'Telecoms', 'Consumer'];
const AGE_GROUPS = ['18\u201324', '25\u201334', '35\u201344', '45\u201354', '55\u201364', '65+'];
const LIKERT = ['Strongly agree', 'Agree', 'Neutral', 'Disagree', 'Strongly disagree'];
const METHODS = ['Baseline', 'Ours', 'SVM', 'Random forest', 'CNN', 'LSTM', 'Transformer', 'k-NN', 'Logistic', 'GBDT', 'ResNet-50', 'BERT'];
const CONDITIONS = ['Control', 'Treatment A', 'Treatment B', 'Placebo', 'Low dose', 'High dose'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type LabelSource = 'months' | 'quarters' | 'years' | 'regions' | 'products' | 'countries' | 'sectors' | 'ages' | 'likert' | 'methods' | 'conditions' | 'states' | 'departments' | 'epochs';

const CATEGORY_SOURCES: Record<string, LabelSource[]> = {
  business: ['months', 'quarters', 'years', 'regions', 'products', 'departments', 'countries'],
  finance: ['quarters', 'years', 'months', 'sectors', 'countries'],
  science: ['methods', 'conditions', 'years', 'epochs'],
  government: ['years', 'states', 'ages', 'countries', 'regions', 'sectors'],
  survey: ['likert', 'ages', 'regions', 'years'],
};

const SERIES_SOURCES: Record<string, Array<'years' | 'plan' | 'companies' | 'products' | 'methods' | 'conditions' | 'sexes' | 'areas' | 'regions' | 'pnl'>> = {
  business: ['years', 'plan', 'products', 'regions', 'companies'],
  finance: ['pnl', 'companies', 'plan', 'years'],
  science: ['methods', 'conditions'],
  government: ['years', 'sexes', 'areas', 'regions'],
  survey: ['years', 'sexes', 'areas'],
};

const ORDINAL: ReadonlySet<LabelSource> = new Set(['months', 'quarters', 'years', 'epochs', 'ages', 'likert']);

function uniqueList(n: number, make: () => string, maxLen = 18): string[] {
  const seen = new Set<string>();
  for (let tries = 0; seen.size < n && tries < n * 12; tries++) {
    const s = make().trim();
    if (s && s.length <= maxLen) seen.add(s);
  }
  let k = 1;
  while (seen.size < n) seen.add(`Item ${k++}`);
  return [...seen].slice(0, n);
}

function consecutive<T>(rng: Rng, list: readonly T[], n: number, wrap: boolean): T[] {
  const m = list.length;
  const start = wrap ? rng.int(0, m - 1) : rng.int(0, Math.max(0, m - n));
  return Array.from({ length: Math.min(n, wrap ? n : m) }, (_, i) => list[(start + i) % m]!);
}

function categoryLabels(src: LabelSource, n: number, rng: Rng, f: Faker): { labels: string[]; noun: string } {
  switch (src) {
    case 'months': {
      const long = n <= 6 && rng.chance(0.3);
      return { labels: consecutive(rng, long ? MONTHS_LONG : MONTHS, n, true), noun: 'month' };
    }
    case 'quarters': {
      let y = rng.int(2012, 2022);
      let q = rng.int(1, 4);
      const style = rng.int(0, 2);
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        out.push(style === 0 ? `Q${q} ${y}` : style === 1 ? `Q${q}\u2019${String(y % 100).padStart(2, '0')}` : `${y} Q${q}`);
        if (++q > 4) (q = 1), y++;
      }
      return { labels: out, noun: 'quarter' };
    }
    case 'years': {
      const step = n <= 6 && rng.chance(0.2) ? 5 : 1;
      const y0 = rng.int(1990 - (step - 1) * 10, Math.max(1990, 2024 - (n - 1) * step));
      return { labels: Array.from({ length: n }, (_, i) => String(y0 + i * step)), noun: 'year' };
    }
    case 'epochs': {
      const step = rng.pick([1, 5, 10, 20, 50]);
      return { labels: Array.from({ length: n }, (_, i) => String((i + 1) * step)), noun: 'epoch' };
    }
    case 'regions':
      return { labels: rng.shuffle(REGIONS).slice(0, n), noun: 'region' };
    case 'sectors':
      return { labels: rng.shuffle(SECTORS).slice(0, n), noun: 'sector' };
    case 'ages':
      return { labels: AGE_GROUPS.slice(0, Math.min(n, AGE_GROUPS.length)), noun: 'age group' };
    case 'likert':
      return { labels: LIKERT.slice(0, Math.min(n, LIKERT.length)), noun: 'response' };
    case 'methods':
      return { labels: rng.shuffle(METHODS).slice(0, n), noun: 'method' };
    case 'conditions':
      return { labels: rng.shuffle(CONDITIONS).slice(0, n), noun: 'condition' };
    case 'products':
      return { labels: uniqueList(n, () => f.commerce.product(), 12), noun: 'product' };
    case 'departments':
      return { labels: uniqueList(n, () => f.commerce.department(), 12), noun: 'department' };
    case 'countries': {
      const codes = rng.chance(0.25);
      return { labels: uniqueList(n, () => (codes ? f.location.countryCode('alpha-3') : f.location.country()), 14), noun: 'country' };
    }
    case 'states': {
      const abbr = n > 8 || rng.chance(0.3);
      return { labels: uniqueList(n, () => f.location.state({ abbreviated: abbr }), 14), noun: 'state' };
    }
  }
}

function seriesNames(genre: string, n: number, rng: Rng, f: Faker, money = true): string[] {
  const srcs = SERIES_SOURCES[genre]!.filter((s) => money || s !== 'pnl');
  const src = rng.pick(srcs);
  switch (src) {
    case 'years': {
      const y = rng.int(2008, 2024 - n);
      return Array.from({ length: n }, (_, i) => String(y + i));
    }
    case 'plan':
      return ['Actual', 'Budget', 'Forecast', 'Prior year', 'Target'].slice(0, n).concat(uniqueList(Math.max(0, n - 5), () => f.commerce.product(), 12));
    case 'pnl':
      return ['Revenue', 'Costs', 'Operating profit', 'Net profit', 'Dividends', 'Capex'].slice(0, n);
    case 'companies':
      return uniqueList(n, () => f.company.name().split(/[ ,]/)[0]!, 14);
    case 'products':
      return uniqueList(n, () => f.commerce.product(), 12);
    case 'methods':
      return rng.shuffle(METHODS).slice(0, n);
    case 'conditions':
      return rng.shuffle(CONDITIONS).slice(0, n);
    case 'sexes':
      return ['Men', 'Women', 'Total', 'Other'].slice(0, n);
    case 'areas':
      return ['Urban', 'Rural', 'Suburban', 'Remote'].slice(0, n);
    case 'regions':
      return rng.shuffle(REGIONS).slice(0, n);
  }
}

const sig = (v: number) => Number(v.toPrecision(4)) || 0;

/** A standard normal draw (Box-Muller) from `rng`. */
function normal(rng: Rng): number {
  const u = Math.max(1e-12, rng.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function barValues(rng: Rng, m: Measure, nCat: number, nSeries: number, stacked: boolean): number[][] {
  const span = m.hi - m.lo;
  const base = Array.from({ length: nCat }, () => rng.uniform(0.25, 1));
  return Array.from({ length: nSeries }, () => {
    const mult = rng.uniform(0.6, 1.1);
    return base.map((b) => {
      let v = m.lo + span * Math.min(1, b * mult * rng.uniform(0.8, 1.15));
      if (stacked) v = Math.abs(v) / nSeries + span * 0.02;
      if (m.signed && !stacked && rng.chance(0.15)) v = -Math.abs(v) * rng.uniform(0.1, 0.5);
      return sig(v);
    });
  });
}

function lineValues(rng: Rng, m: Measure, n: number, nSeries: number, positive: boolean): number[][] {
  const span = m.hi - m.lo;
  return Array.from({ length: nSeries }, () => {
    let y = rng.uniform(0.2, 0.7);
    const trend = rng.uniform(-0.4, 0.6) / n;
    const season = rng.chance(0.4) ? rng.uniform(0.03, 0.12) : 0;
    const phase = rng.uniform(0, 6.3);
    const noise = rng.uniform(0.01, 0.06);
    return Array.from({ length: n }, (_, i) => {
      y += trend + noise * normal(rng);
      if (y > 0.95) y = 1.9 - y; // reflect at the bounds rather than flatten against them
      if (y < 0.05) y = 0.1 - y;
      y = Math.min(1, Math.max(0.02, y));
      const v = m.lo + span * Math.min(1, Math.max(0.02, y + season * Math.sin(phase + (i * 2 * Math.PI) / 12)));
      return sig(positive ? Math.max(span * 0.01, v) : v);
    });
  });
}

/**
 * Samples a chart for a page: kind, data and labels that fit the genre, palette, legend position, axis styling.
 * Every choice comes from `rng`; faker is re-seeded from it. The result is plain JSON.
 * @example const spec = sampleChart(createRng(7), createFaker(), { kind: 'stacked_bar', genre: 'finance' });
 */
export function sampleChart(rng: Rng, faker: Faker, params: SampleChartParams = {}): ChartSpec {
  if (params.kind !== undefined && !CHART_KINDS.includes(params.kind)) throw invalidParameter('params.kind', `one of ${CHART_KINDS.join(', ')}`, params.kind);
  if (params.genre !== undefined && !CHART_GENRES.includes(params.genre)) throw invalidParameter('params.genre', `one of ${CHART_GENRES.join(', ')}`, params.genre);
  if (params.palette !== undefined && !PALETTE_NAMES.includes(params.palette)) throw invalidParameter('params.palette', `one of ${PALETTE_NAMES.join(', ')}`, params.palette);
  if (params.legend !== undefined && !LEGEND_POSITIONS.includes(params.legend)) throw invalidParameter('params.legend', `one of ${LEGEND_POSITIONS.join(', ')}`, params.legend);

  const f = seededFaker(faker, rng);
  const kind: ChartKind = params.kind ?? CHART_KINDS[rng.weighted([14, 10, 8, 8, 14, 5, 8, 6, 7, 5, 5])]!;
  const genre = params.genre ?? rng.pick(CHART_GENRES);
  const measure = rng.pick(MEASURES[genre]!);
  const unitInTicks = measure.fmt.prefix !== '' || measure.fmt.suffix.trim() !== '' ? rng.chance(0.5) : false;
  const valueFormat: NumberFormat = unitInTicks ? { ...measure.fmt } : { ...measure.fmt, prefix: '', suffix: '' };
  const valueTitle = unitInTicks ? measure.bare : measure.title;

  const paletteName = params.palette ?? PALETTE_NAMES[rng.weighted([16, 10, 10, 7, 6, 9, 5, 10, 4, 3, 3, 2, 2])]!;
  const grid = rng.pick(['none', 'value', 'value', 'value', 'both'] as const);
  const theme = rng.pick(['classic', 'classic', 'classic', 'box', 'minimal', 'minimal', 'gray'] as const);

  const spec: ChartSpec = {
    kind,
    genre,
    title: '',
    xTitle: '',
    yTitle: '',
    categories: [],
    ordinal: false,
    rowLabels: [],
    series: [],
    binEdges: [],
    palette: paletteName,
    colors: [],
    heatScale: '',
    heatStops: [],
    heatDomain: [0, 1],
    legend: 'none',
    grid: theme === 'gray' && grid === 'none' ? 'value' : grid,
    theme,
    valueFormat,
    xFormat: fmt('', '', 0),
    valueLabels: false,
    markers: [],
    hollowMarkers: rng.chance(0.25),
    lineWidth: sig(rng.uniform(1.2, 2.4)),
    smooth: rng.chance(0.2),
    barFill: sig(rng.uniform(0.55, 0.85)),
    fromZero: rng.chance(0.5),
    pieOutsideLabels: false,
    donutHole: 0,
    trendLine: false,
  };

  let nSeries = 1;
  let title = '';
  const money = /[$\u00a3\u20ac]/.test(measure.title + measure.fmt.prefix);
  const catSrc = (): { labels: string[]; noun: string; src: LabelSource } => {
    const all = CATEGORY_SOURCES[genre]!;
    const ordinalOnly = all.filter((s) => ORDINAL.has(s) && s !== 'likert');
    const src = rng.pick(kind === 'line' || kind === 'area' ? ordinalOnly : all);
    const n = kind === 'line' || kind === 'area' ? rng.int(6, src === 'months' ? 12 : 20) : kind === 'hbar' ? rng.int(4, 12) : kind === 'stacked_bar' ? rng.int(3, 10) : kind === 'grouped_bar' ? rng.int(3, 7) : rng.int(3, 10);
    const r = categoryLabels(src, n, rng, f);
    return { ...r, src };
  };

  if (kind === 'bar' || kind === 'grouped_bar' || kind === 'stacked_bar' || kind === 'hbar' || kind === 'line' || kind === 'area') {
    const { labels, noun, src } = catSrc();
    nSeries = kind === 'bar' ? 1 : kind === 'hbar' ? rng.int(1, 2) : kind === 'line' ? rng.int(1, 4) : kind === 'grouped_bar' ? rng.int(2, 4) : rng.int(2, 5);
    const names = seriesNames(genre, nSeries, rng, f, money);
    const vals =
      kind === 'line' || kind === 'area'
        ? lineValues(rng, kind === 'area' ? { ...measure, lo: Math.max(0, measure.lo) } : measure, labels.length, nSeries, kind === 'area')
        : barValues(rng, measure, labels.length, nSeries, kind === 'stacked_bar');
    if (kind === 'area') for (const s of vals) for (let i = 0; i < s.length; i++) s[i] = sig(Math.abs(s[i]!) / nSeries);
    spec.categories = labels;
    spec.ordinal = ORDINAL.has(src);
    spec.series = names.map((name, i) => ({ name, values: vals[i]! }));
    const catTitle = noun.charAt(0).toUpperCase() + noun.slice(1);
    if (kind === 'hbar') {
      spec.xTitle = valueTitle;
      spec.yTitle = rng.chance(0.3) ? catTitle : '';
    } else {
      spec.yTitle = valueTitle;
      spec.xTitle = rng.chance(0.55) ? catTitle : '';
    }
    title = `${measure.bare} by ${noun}`;
    spec.valueLabels = (kind === 'bar' || kind === 'hbar' || kind === 'stacked_bar' || kind === 'grouped_bar') && rng.chance(0.35);
    if (kind === 'line') {
      const shapes: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus'];
      const mode = rng.int(0, 2); // 0: no markers, 1: one shape, 2: a shape per series
      const one = rng.pick(shapes);
      const order = rng.shuffle(shapes);
      spec.markers = names.map((_, i) => (mode === 0 ? 'none' : mode === 1 ? one : order[i % order.length]!));
      if (labels.length > 16 && rng.chance(0.5)) spec.markers = names.map(() => 'none');
    }
  } else if (kind === 'scatter') {
    nSeries = rng.weighted([5, 3, 2]) + 1;
    const ym = measure;
    const xm = rng.pick(MEASURES[genre]!.filter((m) => m !== ym));
    const names = seriesNames(genre, nSeries, rng, f, false);
    const slope = rng.uniform(-0.9, 0.9);
    spec.series = names.map((name) => {
      const n = rng.int(15, 90);
      const cx = rng.uniform(0.3, 0.7);
      const sx = rng.uniform(0.1, 0.25);
      const off = rng.uniform(-0.2, 0.2);
      const noise = rng.uniform(0.04, 0.18);
      const x: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < n; i++) {
        let u = cx + sx * normal(rng);
        u = u < 0 ? Math.min(1, -u) : u > 1 ? Math.max(0, 2 - u) : u; // reflect: no pile-up on the edges
        const v0 = 0.5 + off + slope * (u - 0.5) + noise * normal(rng);
        const v = ym.signed ? v0 : ym.lo > 0 ? Math.max(-ym.lo / (ym.hi - ym.lo) + 0.01, v0) : Math.max(0.01, v0);
        x.push(sig(xm.lo + (xm.hi - xm.lo) * u));
        values.push(sig(ym.lo + (ym.hi - ym.lo) * v));
      }
      return { name, values, x } satisfies ChartSeries;
    });
    spec.xFormat = rng.chance(0.5) ? { ...xm.fmt } : { ...xm.fmt, prefix: '', suffix: '' };
    spec.xTitle = spec.xFormat.prefix || spec.xFormat.suffix ? xm.bare : xm.title;
    spec.yTitle = valueTitle;
    const shapes: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus'];
    spec.markers = rng.chance(0.5) ? names.map(() => 'circle') : rng.shuffle(shapes).slice(0, nSeries);
    spec.trendLine = nSeries === 1 && rng.chance(0.4);
    title = `${ym.bare} vs ${xm.bare.toLowerCase()}`;
  } else if (kind === 'histogram') {
    nSeries = rng.chance(0.3) ? 2 : 1;
    const names = seriesNames(genre, nSeries, rng, f, false);
    const shape = rng.int(0, 2); // normal, skewed, bimodal
    const samples = names.map((_, s) => {
      const n = rng.int(150, 900);
      const mu = 0.45 + 0.12 * s + rng.uniform(-0.05, 0.05);
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        let u = shape === 1 ? 0.1 + Math.exp(normal(rng) * 0.45) * 0.2 : mu + normal(rng) * 0.12;
        if (shape === 2 && rng.chance(0.4)) u = mu + 0.3 + normal(rng) * 0.06;
        out.push(measure.lo + (measure.hi - measure.lo) * u);
      }
      return out;
    });
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of samples) for (const v of s) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const nb = rng.int(8, 28);
    const sc = scaleLinear().domain([lo, hi]).nice(nb);
    let edges = sc.ticks(nb);
    if (edges.length < 4) edges = [lo, (lo * 2 + hi) / 3, (lo + hi * 2) / 3, hi];
    const first = edges[0]!;
    const last = edges[edges.length - 1]!;
    const bw = edges[1]! - first;
    spec.binEdges = edges.map(sig);
    spec.series = names.map((name, s) => {
      const counts = new Array<number>(edges.length - 1).fill(0);
      for (const v of samples[s]!) counts[Math.max(0, Math.min(counts.length - 1, Math.floor((v - first) / bw)))]! += 1;
      void last;
      return { name, values: counts };
    });
    spec.xFormat = unitInTicks ? { ...measure.fmt } : { ...measure.fmt, prefix: '', suffix: '' };
    spec.xTitle = valueTitle;
    spec.yTitle = rng.pick(['Frequency', 'Count', 'Number of cases', 'Observations']);
    spec.valueFormat = fmt('', '', 0);
    title = `Distribution of ${measure.bare.toLowerCase()}`;
  } else if (kind === 'pie' || kind === 'donut') {
    const src = rng.pick(CATEGORY_SOURCES[genre]!.filter((s) => s !== 'years' && s !== 'months' && s !== 'epochs' && s !== 'quarters').concat(['products']));
    const { labels, noun } = categoryLabels(src, rng.int(3, 7), rng, f);
    const raw = labels.map(() => rng.uniform(0.05, 1) ** 1.6);
    if (rng.chance(0.6)) raw.sort((a, b) => b - a);
    const total = raw.reduce((a, v) => a + v, 0);
    spec.categories = labels;
    spec.series = [{ name: measure.bare, values: raw.map((v) => sig((100 * v) / total)) }];
    spec.valueFormat = fmt('', '%', rng.chance(0.7) ? 0 : 1);
    spec.pieOutsideLabels = rng.chance(0.35);
    spec.valueLabels = !spec.pieOutsideLabels && rng.chance(0.6);
    spec.donutHole = kind === 'donut' ? sig(rng.uniform(0.45, 0.68)) : 0;
    const additive = /revenue|units|sales|headcount|income|expenditure|households|population|responses|volume|assets|count/i.test(measure.bare);
    title = /share|respondents/i.test(measure.bare) || additive ? `${measure.bare} by ${noun}` : rng.pick([`Breakdown by ${noun}`, `Share by ${noun}`, `Composition by ${noun}`]);
    nSeries = labels.length;
  } else {
    // heatmap: a confusion matrix, a correlation matrix, or a value over two categorical axes
    const mode = genre === 'science' ? rng.pick(['confusion', 'correlation', 'grid'] as const) : rng.pick(['grid', 'grid', 'correlation'] as const);
    let rows: string[];
    let cols: string[];
    let matrix: number[][];
    if (mode === 'confusion') {
      const n = rng.int(3, 8);
      rows = uniqueList(n, () => f.animal.type(), 10);
      cols = rows.slice();
      matrix = rows.map((_, i) => cols.map((_, j) => (i === j ? rng.int(40, 120) : rng.chance(0.5) ? rng.int(0, 18) : 0)));
      spec.xTitle = 'Predicted label';
      spec.yTitle = 'True label';
      spec.valueFormat = fmt('', '', 0, false);
      spec.heatScale = rng.pick(['blues', 'viridis', 'greys', 'magma']);
      title = 'Confusion matrix';
    } else if (mode === 'correlation') {
      const n = rng.int(4, 9);
      rows = uniqueList(n, () => {
        const w = f.word.noun();
        return w.charAt(0).toUpperCase() + w.slice(1);
      }, 11);
      cols = rows.slice();
      const load = rows.map(() => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
      matrix = rows.map((_, i) =>
        cols.map((_, j) => {
          if (i === j) return 1;
          const a = load[i]!;
          const b = load[j]!;
          const c = (a[0]! * b[0]! + a[1]! * b[1]!) / (Math.hypot(a[0]!, a[1]!) * Math.hypot(b[0]!, b[1]!) + 1e-9);
          return Math.round(c * 0.9 * 100) / 100 || 0; // never -0: JSON would not keep it
        }),
      );
      matrix = matrix.map((r, i) => r.map((v, j) => (j < i ? matrix[j]![i]! : v)));
      spec.valueFormat = fmt('', '', 2, false);
      spec.heatScale = rng.pick(['rdbu', 'rdbu', 'viridis']);
      spec.heatDomain = [-1, 1];
      title = 'Correlation matrix';
    } else {
      const rowSrc = rng.pick(['weekdays', 'regions', 'years'] as const);
      const nr = rng.int(4, 10);
      rows = rowSrc === 'weekdays' ? WEEKDAYS.slice(0, Math.min(7, nr)) : rowSrc === 'regions' ? rng.shuffle(REGIONS).slice(0, nr) : categoryLabels('years', nr, rng, f).labels;
      cols = rowSrc === 'weekdays' ? Array.from({ length: rng.int(8, 24) }, (_, i) => String(i)) : consecutive(rng, MONTHS, 12, true).slice(0, rng.int(6, 12));
      const fx = rng.uniform(0.2, 0.9);
      const fy = rng.uniform(0.2, 0.9);
      const ph = rng.uniform(0, 6);
      matrix = rows.map((_, i) => cols.map((_, j) => sig(measure.lo + (measure.hi - measure.lo) * Math.min(1, Math.max(0, 0.5 + 0.3 * Math.sin(fx * j + ph) * Math.cos(fy * i) + 0.1 * normal(rng))))));
      spec.xTitle = rowSrc === 'weekdays' ? 'Hour of day' : rng.chance(0.5) ? 'Month' : '';
      spec.yTitle = rowSrc === 'weekdays' ? '' : rowSrc === 'regions' ? 'Region' : 'Year';
      spec.valueFormat = { ...measure.fmt, prefix: '', suffix: '' };
      spec.heatScale = rng.pick(['viridis', 'blues', 'ylorrd', 'magma', 'greys']);
      title = rowSrc === 'weekdays' ? `${measure.bare} by hour and weekday` : `${measure.bare} by month`;
    }
    if (spec.heatDomain[0] === 0 && spec.heatDomain[1] === 1) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of matrix) for (const v of r) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
      if (!(hi > lo)) hi = lo + 1;
      spec.heatDomain = [sig(lo), sig(hi)];
    }
    spec.rowLabels = rows;
    spec.categories = cols;
    spec.series = rows.map((name, i) => ({ name, values: matrix[i]! }));
    spec.heatStops = [...HEAT_SCALES[spec.heatScale]!];
    spec.valueLabels = rows.length * cols.length <= 100 && rng.chance(0.6);
    spec.grid = 'none';
  }

  // Palette: resolved to colours so drawing needs nothing but the spec.
  const mono = MONO_HUES[paletteName];
  spec.colors = mono ? monoShades(mono, Math.max(2, Math.min(8, nSeries))) : [...CATEGORICAL[paletteName]!];
  if (mono && nSeries > 2) spec.colors = [0, 2, 4, 6, 1, 3, 5, 7].map((i) => spec.colors[i % spec.colors.length]!).filter((c, i, a) => a.indexOf(c) === i);

  // Legend: needed when more than one series (or slices without outside labels); sometimes drawn anyway.
  const needLegend = kind === 'pie' || kind === 'donut' ? !spec.pieOutsideLabels : kind !== 'heatmap' && nSeries > 1;
  if (params.legend !== undefined) spec.legend = kind === 'heatmap' ? 'none' : params.legend;
  else if (needLegend) {
    const opts: LegendPosition[] = kind === 'pie' || kind === 'donut' ? ['right', 'right', 'bottom', 'top'] : ['top', 'right', 'right', 'bottom', 'inside', 'inside'];
    spec.legend = rng.pick(opts);
  }
  if (params.legend !== undefined && (kind === 'pie' || kind === 'donut')) spec.pieOutsideLabels = params.legend === 'none';

  if (rng.chance(0.45)) {
    spec.title = title.charAt(0).toUpperCase() + title.slice(1);
    if (spec.ordinal && spec.categories.length > 1 && /^\d{4}$/.test(spec.categories[0]!) && rng.chance(0.5)) spec.title += `, ${spec.categories[0]}\u2013${spec.categories[spec.categories.length - 1]}`;
  }
  return spec;
}
