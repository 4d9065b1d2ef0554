/**
 * Small inline SVG charts drawn from numbers: box-size histograms, horizontal bars (e.g. KS D per feature)
 * and grouped bars (e.g. F1 per class and arm). No scripts, no external fonts: text uses the page's font.
 */
import type { Histogram } from './stats.js';

/** Escapes text for HTML and SVG (element content and quoted attributes). */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above x (a round axis maximum). */
export function niceMax(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const e = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * e >= x - 1e-12) return m * e;
  return 10 * e;
}

/** Rounds for SVG coordinates (keeps the markup short). */
const r1 = (x: number) => Math.round(x * 10) / 10;

/** A percentage with as many decimals as it needs. */
export function pctLabel(x: number): string {
  const p = x * 100;
  if (p >= 1 || p === 0) return `${+p.toFixed(p < 10 && !Number.isInteger(p) ? 1 : 0)}%`;
  return `${+p.toPrecision(1)}%`;
}

const MEASURE_TITLE = {
  width: 'Width (share of page width)',
  height: 'Height (share of page height)',
  area: 'Area (share of page, log scale)',
} as const;

export interface SeriesClass {
  name: string;
  colour: string;
}

/**
 * One histogram as SVG. `only`: index of the one class to draw (its own colour); without it every class is
 * stacked in its colour.
 */
export function histogramSvg(h: Histogram, classes: readonly SeriesClass[], only?: number): string {
  const W = 330;
  const H = 190;
  const L = 40;
  const R = 16;
  const T = 26;
  const B = 36;
  const bins = h.edges.length - 1;
  const ks = only === undefined ? classes.map((_, k) => k) : [only];
  const totals = Array.from({ length: bins }, (_, b) => ks.reduce((s, k) => s + (h.counts[k]?.[b] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const n = totals.reduce((a, b) => a + b, 0);
  const bw = (W - L - R) / bins;
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart hist" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(`${MEASURE_TITLE[h.measure]}, ${n} boxes`)}">`);
  out.push(`<text x="${L}" y="15" class="ct">${esc(MEASURE_TITLE[h.measure])}</text><text x="${W - R}" y="15" class="cn" text-anchor="end">${n} boxes</text>`);
  out.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" class="axis"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" class="axis"/>`);
  out.push(`<text x="${L - 4}" y="${T + 4}" text-anchor="end" class="tick">${max}</text><text x="${L - 4}" y="${H - B + 4}" text-anchor="end" class="tick">0</text>`);
  const range = (b: number) => {
    const lo = h.edges[b]!;
    const hi = h.edges[b + 1]!;
    return h.log && b === 0 ? `≤ ${pctLabel(hi)}` : `${pctLabel(lo)}–${pctLabel(hi)}`;
  };
  for (let b = 0; b < bins; b++) {
    let acc = 0;
    const x = L + b * bw + 0.5;
    for (const k of ks) {
      const c = h.counts[k]?.[b] ?? 0;
      if (!c) continue;
      const y0 = y(acc);
      const y1 = y(acc + c);
      acc += c;
      const cls = classes[k]!;
      out.push(`<rect x="${r1(x)}" y="${r1(y1)}" width="${r1(bw - 1)}" height="${r1(Math.max(0.5, y0 - y1))}" fill="${cls.colour}"><title>${esc(`${cls.name}: ${c} box${c === 1 ? '' : 'es'} at ${range(b)}`)}</title></rect>`);
    }
    if (acc && ks.length > 1) out.push(`<rect x="${r1(x)}" y="${r1(y(acc))}" width="${r1(bw - 1)}" height="${r1(y(0) - y(acc))}" fill="none" class="hit"><title>${esc(`${range(b)}: ${acc} boxes`)}</title></rect>`);
  }
  const ticks = h.log ? h.edges.filter((_, i) => i % 4 === 0) : [0, 0.25, 0.5, 0.75, 1];
  for (const t of ticks) {
    const pos = h.log ? (Math.log10(t) - Math.log10(h.edges[0]!)) / (Math.log10(h.edges[bins]!) - Math.log10(h.edges[0]!)) : t;
    const x = L + pos * (W - L - R);
    out.push(`<line x1="${r1(x)}" y1="${H - B}" x2="${r1(x)}" y2="${H - B + 4}" class="axis"/><text x="${r1(x)}" y="${H - B + 16}" text-anchor="middle" class="tick">${esc(pctLabel(t))}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

export interface Bar {
  label: string;
  value: number;
  colour: string;
  /** Tooltip. */
  title?: string;
  /** Drawn after the bar (e.g. a p-value mark). */
  note?: string;
}

/** Horizontal bars, one a row, scaled to `max` (default: the largest value). */
export function horizontalBarsSvg(title: string, bars: readonly Bar[], opts: { max?: number; width?: number; format?: (v: number) => string } = {}): string {
  const W = opts.width ?? 560;
  const rowH = 16;
  const L = Math.min(260, 14 + 6.4 * Math.max(4, ...bars.map((b) => b.label.length)));
  const R = 90;
  const T = 28;
  const H = T + rowH * bars.length + 22;
  const max = opts.max ?? Math.max(1e-9, ...bars.map((b) => b.value));
  const fmt = opts.format ?? ((v: number) => v.toFixed(3));
  const x = (v: number) => L + (W - L - R) * Math.max(0, Math.min(1, v / max));
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">`];
  out.push(`<text x="4" y="16" class="ct">${esc(title)}</text>`);
  bars.forEach((b, i) => {
    const yy = T + i * rowH;
    out.push(`<text x="${L - 6}" y="${yy + 11}" text-anchor="end" class="tick">${esc(b.label)}</text>`);
    out.push(`<rect x="${L}" y="${yy + 2}" width="${r1(Math.max(0.5, x(b.value) - L))}" height="${rowH - 4}" fill="${b.colour}"><title>${esc(b.title ?? `${b.label}: ${fmt(b.value)}`)}</title></rect>`);
    out.push(`<text x="${r1(x(b.value) + 4)}" y="${yy + 11}" class="tick">${esc(fmt(b.value))}${b.note ? ` ${esc(b.note)}` : ''}</text>`);
  });
  const yAxis = T + rowH * bars.length;
  out.push(`<line x1="${L}" y1="${T}" x2="${L}" y2="${yAxis}" class="axis"/><line x1="${L}" y1="${yAxis}" x2="${W - R}" y2="${yAxis}" class="axis"/>`);
  for (const t of [0, 0.5, 1]) out.push(`<text x="${r1(x(t * max))}" y="${yAxis + 14}" text-anchor="middle" class="tick">${esc(fmt(t * max))}</text>`);
  out.push('</svg>');
  return out.join('');
}

export interface Series {
  name: string;
  colour: string;
  /** One value per group; null: no bar (drawn as a dash). */
  values: ReadonlyArray<number | null>;
}

/** Vertical grouped bars: one group per entry of `groups`, one bar per series, y from 0 to `max`. */
export function groupedBarsSvg(title: string, groups: readonly string[], series: readonly Series[], opts: { max?: number; format?: (v: number) => string; yLabel?: string } = {}): string {
  const barW = 12;
  const gap = 18;
  const L = 46;
  const R = 12;
  const T = 30;
  const legendRows = Math.ceil(series.length / 3);
  const B = 58 + legendRows * 16;
  const groupW = series.length * barW + gap;
  const W = Math.max(480, L + R + groups.length * groupW);
  const H = 320 + legendRows * 16;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = opts.max ?? niceMax(Math.max(1e-9, ...values));
  const fmt = opts.format ?? ((v: number) => v.toFixed(2));
  const y = (v: number) => T + (H - T - B) * (1 - Math.max(0, Math.min(1, v / max)));
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">`];
  out.push(`<text x="4" y="16" class="ct">${esc(title)}</text>`);
  for (let k = 0; k <= 5; k++) {
    const v = (max * k) / 5;
    out.push(`<line x1="${L}" y1="${r1(y(v))}" x2="${W - R}" y2="${r1(y(v))}" class="grid"/><text x="${L - 4}" y="${r1(y(v) + 4)}" text-anchor="end" class="tick">${esc(fmt(v))}</text>`);
  }
  if (opts.yLabel) out.push(`<text transform="translate(11 ${r1((T + H - B) / 2)}) rotate(-90)" text-anchor="middle" class="tick">${esc(opts.yLabel)}</text>`);
  groups.forEach((g, gi) => {
    const x0 = L + gi * groupW + gap / 2;
    series.forEach((s, si) => {
      const v = s.values[gi];
      const x = x0 + si * barW;
      if (v === null || v === undefined) {
        out.push(`<text x="${r1(x + barW / 2)}" y="${r1(y(0) - 3)}" text-anchor="middle" class="tick">–</text>`);
        return;
      }
      out.push(`<rect x="${r1(x)}" y="${r1(y(v))}" width="${barW - 1}" height="${r1(Math.max(0.5, y(0) - y(v)))}" fill="${s.colour}"><title>${esc(`${g} · ${s.name}: ${fmt(v)}`)}</title></rect>`);
    });
    const cx = x0 + (series.length * barW) / 2;
    const label = g.length > 16 ? `${g.slice(0, 15)}…` : g;
    out.push(`<text transform="translate(${r1(cx)} ${H - B + 12}) rotate(-30)" text-anchor="end" class="tick">${esc(label)}<title>${esc(g)}</title></text>`);
  });
  out.push(`<line x1="${L}" y1="${r1(y(0))}" x2="${W - R}" y2="${r1(y(0))}" class="axis"/>`);
  series.forEach((s, si) => {
    const lx = L + (si % 3) * Math.max(150, (W - L) / 3);
    const ly = H - legendRows * 16 + Math.floor(si / 3) * 16;
    out.push(`<rect x="${r1(lx)}" y="${ly - 9}" width="10" height="10" fill="${s.colour}"/><text x="${r1(lx + 14)}" y="${ly}" class="tick">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
