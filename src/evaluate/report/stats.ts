/**
 * The numbers a report shows about a run: counts per class, genre, language and effects profile, box-size
 * histograms, and which pages the gallery holds.
 */
import type { LoadedRun, RunCategory } from './load.js';

/** Distinct colours (the first 12 as in draw-boxes, so the two agree), then golden-angle hues for long label sets. */
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#808000', '#000075', '#800000', '#bcbd22', '#e377c2', '#7f7f7f', '#1f77b4', '#ff7f0e', '#2ca02c'];

/** Colour of the k-th category. */
export function classColour(k: number): string {
  if (k < PALETTE.length) return PALETTE[k]!;
  return `hsl(${Math.round((k * 137.508) % 360)}, 65%, 42%)`;
}

export interface ClassCount {
  id: number;
  name: string;
  colour: string;
  /** Boxes of the class in the whole run. */
  boxes: number;
  /** Of which iscrowd = 1. */
  crowd: number;
  /** Pages with at least one box of the class. */
  pages: number;
}

export interface GroupCount {
  value: string;
  pages: number;
  boxes: number;
}

export interface RunCounts {
  pages: number;
  boxes: number;
  classes: ClassCount[];
  genre: GroupCount[];
  language: GroupCount[];
  /** Empty when no spec names an effects profile. */
  profile: GroupCount[];
}

/** Counts over every page of the run (not only the pages in the gallery). */
export function runCounts(run: LoadedRun): RunCounts {
  const classes: ClassCount[] = run.categories.map((c, k) => ({ id: c.id, name: c.name, colour: classColour(k), boxes: 0, crowd: 0, pages: 0 }));
  const byId = new Map(classes.map((c) => [c.id, c]));
  const perImage = new Map<number, number>();
  const seen = new Set<string>();
  for (const a of run.annotations) {
    const c = byId.get(a.category_id)!;
    c.boxes++;
    if (a.iscrowd) c.crowd++;
    perImage.set(a.image_id, (perImage.get(a.image_id) ?? 0) + 1);
    const key = `${a.image_id}:${a.category_id}`;
    if (!seen.has(key)) {
      seen.add(key);
      c.pages++;
    }
  }
  const group = (get: (id: number) => string | undefined): GroupCount[] => {
    const m = new Map<string, GroupCount>();
    for (const im of run.images) {
      const v = get(im.id);
      if (v === undefined) continue;
      const g = m.get(v) ?? { value: v, pages: 0, boxes: 0 };
      g.pages++;
      g.boxes += perImage.get(im.id) ?? 0;
      m.set(v, g);
    }
    return [...m.values()].sort((a, b) => b.pages - a.pages || a.value.localeCompare(b.value));
  };
  const hasProfile = [...run.specs.values()].some((s) => s.profile !== undefined);
  return {
    pages: run.images.length,
    boxes: run.annotations.length,
    classes,
    genre: group((id) => run.specs.get(id)?.genre ?? 'unknown'),
    language: group((id) => run.specs.get(id)?.language ?? 'unknown'),
    profile: hasProfile ? group((id) => run.specs.get(id)?.profile ?? 'unknown') : [],
  };
}

export type SizeMeasure = 'width' | 'height' | 'area';

export interface Histogram {
  measure: SizeMeasure;
  /** Bin edges (length bins + 1), as shares of the page; `log`: edges are evenly spaced in log10. */
  edges: number[];
  log: boolean;
  /** counts[k][b]: boxes of class k (index into the categories) in bin b. */
  counts: number[][];
}

/** Width and height: 20 even bins over [0, 1] of the page's width / height. */
const LINEAR_BINS = 20;
/** Area share: 4 bins a decade from 1e-5 (smaller boxes fall in the first) to 1. */
const AREA_DECADES = 5;
const AREA_PER_DECADE = 4;

/** Histograms of box width, height (shares of the page's width and height) and area (share of its area). */
export function sizeHistograms(run: LoadedRun, categories: readonly RunCategory[]): Histogram[] {
  const index = new Map(categories.map((c, k) => [c.id, k]));
  const pages = new Map(run.images.map((im) => [im.id, im]));
  const linear = Array.from({ length: LINEAR_BINS + 1 }, (_, i) => i / LINEAR_BINS);
  const areaBins = AREA_DECADES * AREA_PER_DECADE;
  const logEdges = Array.from({ length: areaBins + 1 }, (_, i) => 10 ** (-AREA_DECADES + i / AREA_PER_DECADE));
  const make = (measure: SizeMeasure, edges: number[], log: boolean): Histogram => ({ measure, edges, log, counts: categories.map(() => new Array<number>(edges.length - 1).fill(0)) });
  const hw = make('width', linear, false);
  const hh = make('height', linear, false);
  const ha = make('area', logEdges, true);
  const binLinear = (x: number) => Math.min(LINEAR_BINS - 1, Math.max(0, Math.floor(x * LINEAR_BINS)));
  const binLog = (x: number) => (x <= 0 ? 0 : Math.min(areaBins - 1, Math.max(0, Math.floor((Math.log10(x) + AREA_DECADES) * AREA_PER_DECADE))));
  for (const a of run.annotations) {
    const im = pages.get(a.image_id)!;
    const k = index.get(a.category_id)!;
    const [, , w, h] = a.bbox;
    hw.counts[k]![binLinear(w / im.width)]!++;
    hh.counts[k]![binLinear(h / im.height)]!++;
    ha.counts[k]![binLog((w * h) / (im.width * im.height))]!++;
  }
  return [hw, hh, ha];
}

export interface PageSample {
  /** Indices into run.images of the pages shown. */
  indices: number[];
  /** How they were chosen, for the page. */
  description: string;
  sampled: boolean;
}

/**
 * At most `max` pages: all of them when they fit, else an even sample over the whole run (page k of the
 * sample is image ⌊k·n/max⌋ in id order), so later parts of a long run are seen too.
 */
export function samplePages(n: number, max: number): PageSample {
  if (n <= max) return { indices: Array.from({ length: n }, (_, i) => i), description: `all ${n} page${n === 1 ? '' : 's'} of the run`, sampled: false };
  const indices = Array.from({ length: max }, (_, k) => Math.floor((k * n) / max));
  const step = n / max;
  const every = Number.isInteger(step) ? `every ${ordinal(step)} page` : `one page in every ${step.toFixed(2)}`;
  return { indices, description: `${max} of the run's ${n} pages, an even sample (${every} in id order, from the first)`, sampled: true };
}

function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[k % 10] ?? 'th';
  return `${k}${s}`;
}
