/**
 * Perspective: a phone held not quite parallel to the page. Each corner of the page moves by a few per cent; the
 * page is drawn through the homography that takes the old corners to the new ones, over a dark table or the paper.
 */
import { round } from '../raster.js';
import type { Effect, EffectParams, OnLevel } from '../types.js';
import { homographyFrom, homographyMapping, mappedTransform } from '../warp.js';
import { drawFill, fillWord, type Fill } from './frame.js';

export interface PerspectiveParams extends EffectParams {
  /** Corner moves as fractions of the page's width and height: x, y for top-left, top-right, bottom-right, bottom-left. */
  corners: number[];
  fill: Fill;
  shade: number;
}

const MOVE: Record<OnLevel, number> = { light: 0.012, medium: 0.03, heavy: 0.06 };

export const perspective: Effect<PerspectiveParams> = {
  name: 'perspective',
  stage: 'capture',
  geometric: true,
  summary: 'a camera not parallel to the page: the corners move by a few per cent and the page follows the homography',
  sample(rng, level) {
    const m = MOVE[level];
    // Mostly inward moves (the page is smaller than the frame), with a tilt: one side shorter than the other.
    const tilt = rng.uniform(-1, 1);
    const corners: number[] = [];
    const sign = [
      [1, 1],
      [-1, 1],
      [-1, -1],
      [1, -1],
    ];
    for (let k = 0; k < 4; k++) {
      const near = k === 0 || k === 3 ? 1 + tilt * 0.6 : 1 - tilt * 0.6;
      corners.push(round(sign[k]![0]! * m * rng.uniform(0.2, 1) * near, 4), round(sign[k]![1]! * m * rng.uniform(0.2, 1), 4));
    }
    return { corners, fill: drawFill(rng, 0.8), shade: round(rng.next(), 2) };
  },
  transform(p, page) {
    const { width: w, height: h } = page;
    const from = [0, 0, w, 0, w, h, 0, h];
    const to = from.map((v, i) => v + p.corners[i]! * (i % 2 === 0 ? w : h));
    return mappedTransform(w, h, homographyMapping(homographyFrom(from, to)), fillWord(p.fill, page, p.shade));
  },
};
