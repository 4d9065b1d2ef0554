/**
 * Number formatting for ticks and value labels: prefix, thousands separators, k/M/B abbreviation, suffix.
 * Written by hand (not Intl) so the same number gives the same string everywhere.
 */
import type { NumberFormat } from './spec.js';

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fixed(v: number, decimals: number, thousands: boolean): string {
  const s = Math.abs(v).toFixed(Math.max(0, Math.min(10, decimals)));
  const [i, d] = s.split('.');
  const body = (thousands ? group(i!) : i!) + (d ? `.${d}` : '');
  const neg = v < 0 && Number(s) !== 0;
  return (neg ? '\u2212' : '') + body;
}

/** The SI divisor and letter for numbers up to `maxAbs` when `fmt.si` is on. */
export function siUnit(fmt: NumberFormat, maxAbs: number): { div: number; letter: string } {
  if (!fmt.si) return { div: 1, letter: '' };
  if (maxAbs >= 1e9) return { div: 1e9, letter: 'B' };
  if (maxAbs >= 1e6) return { div: 1e6, letter: 'M' };
  if (maxAbs >= 1e4) return { div: 1e3, letter: 'k' };
  return { div: 1, letter: '' };
}

/** Decimals needed to tell ticks `step` apart. */
export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
}

/**
 * A formatter for the tick values `ticks`: decimals from the tick step, one SI unit for the whole axis.
 * @example tickFormatter([0, 5000, 10000], fmt)(5000) // "$5k"
 */
export function tickFormatter(ticks: readonly number[], fmt: NumberFormat): (v: number) => string {
  const maxAbs = ticks.reduce((m, t) => Math.max(m, Math.abs(t)), 0);
  const { div, letter } = siUnit(fmt, maxAbs);
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) / div : 1;
  const dec = stepDecimals(step);
  const unitless = /^\s*(k|M|B|bn|m)$/.test(letter + fmt.suffix);
  return (v) => {
    if (v === 0 && unitless) return fmt.prefix + '0';
    const body = fixed(v / div, dec, fmt.thousands);
    const neg = body.startsWith('\u2212');
    return (neg ? '\u2212' : '') + fmt.prefix + (neg ? body.slice(1) : body) + letter + fmt.suffix;
  };
}

/**
 * A value label: `fmt.decimals` decimals, abbreviated like the axis when `fmt.si` is on.
 * @example formatValue(1234.5, { prefix: '$', suffix: '', thousands: true, si: false, decimals: 0 }) // "$1,235"
 */
export function formatValue(v: number, fmt: NumberFormat, axisMaxAbs = Math.abs(v)): string {
  const { div, letter } = siUnit(fmt, axisMaxAbs);
  const body = fixed(v / div, div > 1 ? 1 : fmt.decimals, fmt.thousands);
  const neg = body.startsWith('\u2212');
  return (neg ? '\u2212' : '') + fmt.prefix + (neg ? body.slice(1) : body) + letter + fmt.suffix;
}
