/**
 * Page curl and warp: a page that does not lie flat (a book page, a letter that was folded, a receipt held in the
 * hand). Lines bow gently across the whole page, and near one edge the page curls away: lines there rise and the
 * edge is pulled in. A smooth displacement field; its inverse (for the pixels) is found numerically.
 */
import { round } from '../raster.js';
import type { Effect, EffectParams, OnLevel } from '../types.js';
import { displacementMapping, mappedTransform } from '../warp.js';
import { drawFill, fillWord, type Fill } from './frame.js';

export interface PageCurlParams extends EffectParams {
  /** Edge that curls (a book's outer edge, a letter's right side). */
  side: 'left' | 'right';
  /** Where the curl starts, as a fraction of the way from the opposite edge (0.5-0.9). */
  start: number;
  /** How far lines rise at the curling edge, as a fraction of the page's height. */
  lift: number;
  /** How far the edge is pulled in, as a fraction of the page's width. */
  pull: number;
  /** Bow of every line across the page, as a fraction of the page's height (signed). */
  bow: number;
  fill: Fill;
  shade: number;
}

const SIZE: Record<OnLevel, number> = { light: 0.006, medium: 0.015, heavy: 0.03 };

export const pageCurl: Effect<PageCurlParams> = {
  name: 'page_curl',
  stage: 'capture',
  geometric: true,
  summary: 'the page does not lie flat: lines bow across it and curl up near one edge, whose margin is pulled in',
  augraphy: { name: 'BookBinding', imagesPerSecond: 0.09 },
  sample(rng, level) {
    const s = SIZE[level];
    return {
      side: rng.chance(0.35) ? 'left' : 'right',
      start: round(rng.uniform(0.55, 0.85), 3),
      lift: round(s * rng.uniform(0.5, 1.5), 4),
      pull: round(s * rng.uniform(0.3, 1), 4),
      bow: round(s * rng.uniform(-0.6, 0.6), 4),
      fill: drawFill(rng, 0.7),
      shade: round(rng.next(), 2),
    };
  },
  transform(p, page) {
    const { width: w, height: h } = page;
    const flip = p.side === 'left';
    // u runs from the edge opposite the curl (0) to the curling edge (w).
    const u0 = p.start * w;
    const lift = p.lift * h, pull = p.pull * w, bow = p.bow * h;
    const map = displacementMapping((x, y, out) => {
      const u = flip ? w - x : x;
      const s = u > u0 ? (u - u0) / (w - u0) : 0;
      const du = -pull * s * s * s;
      out[0] = flip ? -du : du;
      // Lines rise toward the curling edge, and bow across the page (less near its top and bottom).
      out[1] = -lift * s * s + bow * Math.sin((Math.PI * x) / w) * (1 - Math.abs(y / h - 0.5));
    });
    return mappedTransform(w, h, map, fillWord(p.fill, page, p.shade));
  },
};
