/**
 * Scanner borders: the page lay off the platen's corner, so one or two sides of the scan show the dark lid or bed
 * as black margins, with the page's edge as a shadowed line.
 */
import { round, wordsOf } from '../raster.js';
import type { Effect, EffectParams, OnLevel } from '../types.js';
import { fillWord, shiftTransform } from './frame.js';

export interface ScannerBorderParams extends EffectParams {
  /** Shift of the page on the bed as fractions of its width and height (the uncovered strip is dark). */
  dx: number;
  dy: number;
  shade: number;
}

const SHIFT: Record<OnLevel, [number, number]> = { light: [0.004, 0.012], medium: [0.012, 0.03], heavy: [0.03, 0.06] };

export const scannerBorder: Effect<ScannerBorderParams> = {
  name: 'scanner_border',
  stage: 'capture',
  geometric: true,
  summary: 'the page lay off the platen corner: it shifts and the uncovered strips are dark, with a shadowed page edge',
  augraphy: { name: 'PageBorder', imagesPerSecond: 0.49 },
  sample(rng, level) {
    const [lo, hi] = SHIFT[level];
    const both = rng.chance(0.5);
    const dx = rng.uniform(lo, hi) * (rng.chance(0.5) ? 1 : -1);
    const dy = both ? rng.uniform(lo, hi) * (rng.chance(0.7) ? 1 : -1) : 0;
    return { dx: round(dx, 4), dy: round(dy, 4), shade: round(rng.uniform(0, 0.5), 2) };
  },
  transform(p, page) {
    const { width: w, height: h } = page;
    const dx = Math.round(p.dx * w), dy = Math.round(p.dy * h);
    const dark = fillWord('dark', page, p.shade);
    const t = shiftTransform(w, h, dx, dy, dark);
    return {
      ...t,
      async applyImage(img) {
        const out = await t.applyImage(img);
        // The page's edge: a two-pixel grey line where paper meets the bed.
        const px = wordsOf(out);
        const edge = fillWord('dark', page, 0.9 + p.shade * 0.2);
        const col = dx > 0 ? dx : dx < 0 ? w + dx - 1 : -1;
        const row = dy > 0 ? dy : dy < 0 ? h + dy - 1 : -1;
        if (col >= 0 && col < w) for (let y = 0; y < h; y++) for (let k = 0; k < 2 && col + k < w; k++) if (px[y * w + col + k] !== dark) px[y * w + col + k] = edge;
        if (row >= 0 && row < h) for (let k = 0; k < 2 && row + k < h; k++) for (let x = 0; x < w; x++) if (px[(row + k) * w + x] !== dark) px[(row + k) * w + x] = edge;
        return out;
      },
    };
  },
};
