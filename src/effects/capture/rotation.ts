/**
 * Rotation and skew: the page went through the scanner or the feeder a little askew. The image keeps its size; the
 * corners it uncovers show the scanner lid (paper colour) or the dark feeder.
 */
import { drawSeed, round } from '../raster.js';
import type { Effect, EffectParams, OnLevel } from '../types.js';
import { affineMapping, mappedTransform } from '../warp.js';
import { drawFill, fillWord, type Fill } from './frame.js';

export interface RotationParams extends EffectParams {
  /** Degrees, counter-clockwise positive. */
  angle: number;
  /** Horizontal shear (skew) as tan of its angle. */
  shear: number;
  fill: Fill;
  shade: number;
}

const ANGLE: Record<OnLevel, [number, number]> = { light: [0.1, 0.7], medium: [0.7, 2], heavy: [2, 5] };

export const rotation: Effect<RotationParams> = {
  name: 'rotation',
  stage: 'capture',
  geometric: true,
  summary: 'the page is scanned askew: rotated (and slightly sheared) about its centre, uncovered corners filled',
  augraphy: { name: 'Geometric', imagesPerSecond: 135.75 },
  sample(rng, level) {
    const [lo, hi] = ANGLE[level];
    const shear = level === 'light' ? 0 : rng.uniform(-0.004, 0.004) * (level === 'heavy' ? 2 : 1);
    drawSeed(rng);
    return { angle: round(rng.uniform(lo, hi) * (rng.chance(0.5) ? 1 : -1), 2), shear: round(shear, 4), fill: drawFill(rng, 0.4), shade: round(rng.next(), 2) };
  },
  transform(p, page) {
    const t = (-p.angle * Math.PI) / 180;
    const c = Math.cos(t), s = Math.sin(t);
    const cx = page.width / 2, cy = page.height / 2;
    // x' = R (S (x - c)) + c with S a horizontal shear.
    const a = c, b = c * p.shear - s, d = s, e = s * p.shear + c;
    const m = [a, b, cx - a * cx - b * cy, d, e, cy - d * cx - e * cy];
    return mappedTransform(page.width, page.height, affineMapping(m), fillWord(p.fill, page, p.shade));
  },
};
