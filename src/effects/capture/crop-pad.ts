/**
 * Crop and pad: the capture is framed differently from the page. Negative amounts crop a side (what was there is
 * gone: regions cut off are dropped or marked by the keep rule), positive amounts pad it with the scanner's lid or bed.
 * The image changes size.
 */
import { round } from '../raster.js';
import type { Effect, EffectParams, OnLevel } from '../types.js';
import { drawFill, fillWord, shiftTransform, type Fill } from './frame.js';

export interface CropPadParams extends EffectParams {
  /** Per side, as a fraction of the page's width (left, right) or height (top, bottom): < 0 crops, > 0 pads. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  fill: Fill;
  shade: number;
}

const AMOUNT: Record<OnLevel, number> = { light: 0.015, medium: 0.04, heavy: 0.09 };

export const cropPad: Effect<CropPadParams> = {
  name: 'crop_pad',
  stage: 'capture',
  geometric: true,
  summary: 'framed differently: each side cropped (content cut off) or padded (lid or bed shows); the image changes size',
  augraphy: { name: 'Geometric', imagesPerSecond: 135.75 },
  sample(rng, level) {
    const a = AMOUNT[level];
    const side = () => (rng.chance(0.5) ? 0 : round(rng.uniform(-a, a), 4));
    return { left: side(), top: side(), right: side(), bottom: side(), fill: drawFill(rng, 0.5), shade: round(rng.next(), 2) };
  },
  transform(p, page) {
    const { width: w, height: h } = page;
    const l = Math.round(p.left * w), r = Math.round(p.right * w), t = Math.round(p.top * h), b = Math.round(p.bottom * h);
    const W = Math.max(16, w + l + r), H = Math.max(16, h + t + b);
    return shiftTransform(W, H, l, t, fillWord(p.fill, page, p.shade));
  },
};
