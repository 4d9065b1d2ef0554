/**
 * Helpers of the geometric capture effects: fill colours outside the page, and integer shifts done by row copies.
 */
import type { Rng } from '../../random/index.js';
import { rgbWord, wordsOf, type Raster } from '../raster.js';
import type { EffectPage, Transform } from '../types.js';
import { affineMapping, type Mapping } from '../warp.js';

/** What shows where the page is not: the paper colour (a white scanner lid), or a dark scanner bed or table. */
export type Fill = 'paper' | 'dark';

/** The pixel word of a fill; `shade` (0..1) picks the dark's grey level. */
export function fillWord(fill: Fill, page: EffectPage, shade = 0.5): number {
  if (fill === 'paper') return page.paper >>> 0;
  const v = Math.round(12 + 48 * shade);
  return rgbWord(v, v, v + 4);
}

/** A fill drawn by a policy: dark with probability `pDark`. */
export function drawFill(rng: Rng, pDark: number): Fill {
  return rng.chance(pDark) ? 'dark' : 'paper';
}

/**
 * Copies `src` into a `width` x `height` image with its top-left corner at (dx, dy) (integers, any sign); the rest
 * is `fill`.
 */
export function shifted(src: Raster, width: number, height: number, dx: number, dy: number, fill: number): Raster {
  const out: Raster = { width, height, data: new Uint8Array(width * height * 4) };
  const op = wordsOf(out);
  const sp = wordsOf(src);
  op.fill(fill >>> 0);
  const x0 = Math.max(0, dx), x1 = Math.min(width, dx + src.width);
  if (x1 <= x0) return out;
  for (let y = Math.max(0, dy); y < Math.min(height, dy + src.height); y++) {
    const s = (y - dy) * src.width + (x0 - dx);
    op.set(sp.subarray(s, s + (x1 - x0)), y * width + x0);
  }
  return out;
}

/** A translation by whole pixels into a new frame size. */
export function shiftTransform(width: number, height: number, dx: number, dy: number, fill: number): Transform & { mapping: Mapping } {
  return {
    width,
    height,
    geometric: true,
    // A translation keeps lines straight: boxes need no densified outline.
    mapping: affineMapping([1, 0, dx, 0, 1, dy]),
    applyImage: (img) => shifted(img, width, height, dx, dy, fill),
    applyCoords(xy) {
      for (let i = 0; i < xy.length; i += 2) {
        xy[i] = xy[i]! + dx;
        xy[i + 1] = xy[i + 1]! + dy;
      }
    },
  };
}
