/**
 * Colour palettes (categorical, greyscale, monochrome shades) and heatmap colour scales.
 */

/** Categorical palettes as real reports and papers use them. */
export const CATEGORICAL: Readonly<Record<string, readonly string[]>> = {
  tableau: ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'],
  category10: ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'],
  office: ['#4472c4', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5', '#70ad47', '#264478', '#9e480e', '#636363', '#997300'],
  pastel: ['#a1c9f4', '#ffb482', '#8de5a1', '#ff9f9b', '#d0bbff', '#debb9b', '#fab0e4', '#cfcfcf', '#f5e67a', '#9ee6e2'],
  set2: ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494', '#b3b3b3'],
  corporate: ['#0b3c5d', '#328cc1', '#8fc1e3', '#1d5f8a', '#5b7fa3', '#b6d3ea', '#274b6d', '#6fa8d6'],
  economist: ['#006ba2', '#3ebcd2', '#379a8b', '#ebb434', '#b4ba39', '#9a607f', '#d1b07c', '#db444b'],
  greyscale: ['#262626', '#8c8c8c', '#cfcfcf', '#595959', '#b0b0b0', '#404040', '#e0e0e0', '#737373'],
};

/** Hues that monochrome palettes are shaded from. */
export const MONO_HUES: Readonly<Record<string, string>> = {
  'mono-blue': '#1f4e79',
  'mono-green': '#1b5e20',
  'mono-red': '#8b1a1a',
  'mono-purple': '#4a235a',
  'mono-teal': '#00555a',
};

/** Every palette name `sampleChart` accepts. */
export const PALETTE_NAMES: readonly string[] = [...Object.keys(CATEGORICAL), ...Object.keys(MONO_HUES)];

/** Heatmap colour scales, stops from low to high. */
export const HEAT_SCALES: Readonly<Record<string, readonly string[]>> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  magma: ['#000004', '#1c1044', '#4f127b', '#812581', '#b5367a', '#e55964', '#fb8761', '#fec287', '#fcfdbf'],
  blues: ['#f2f7fd', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  greys: ['#f4f4f4', '#d9d9d9', '#bdbdbd', '#969696', '#737373', '#525252', '#252525'],
  ylorrd: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#bd0026', '#800026'],
  rdbu: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#f2f2f2', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
};

export function parseHex(c: string): [number, number, number] {
  const h = c.replace('#', '');
  const n = parseInt(h.length === 3 ? h.split('').map((d) => d + d).join('') : h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: readonly number[]): string {
  const to = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${to(r!)}${to(g!)}${to(b!)}`;
}

/** `n` shades of `base`, dark to light, ordered for contrast between neighbours. */
export function monoShades(base: string, n: number): string[] {
  const rgb = parseHex(base);
  const out: string[] = [];
  const k = Math.max(2, n);
  for (let i = 0; i < k; i++) {
    const t = (i / (k - 1)) * 0.78; // never quite white
    out.push(toHex(rgb.map((v) => v + (255 - v) * t)));
  }
  return out;
}

/** The colour at `t` in [0, 1] along `stops` (linear RGB interpolation). */
export function scaleColor(stops: readonly string[], t: number): string {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const a = parseHex(stops[i]!);
  const b = parseHex(stops[i + 1]!);
  const f = u - i;
  return toHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** Relative luminance in [0, 1] (for choosing black or white text over a colour). */
export function luminance(c: string): number {
  const [r, g, b] = parseHex(c);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
