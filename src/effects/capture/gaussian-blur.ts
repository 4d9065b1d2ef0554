/**
 * Gaussian blur: the soft focus every capture adds, from the scanner's optics and sensor or a phone camera's lens
 * and demosaicing: strokes lose their crisp edges but stay readable. A plain gaussian of sigma 0.4-1.5 px at
 * 150 dpi (given in millimetres, so it scales with the page's resolution), run by sharp on the RGB bytes.
 */
import { round, viaSharp } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { mmToPx } from './util.js';

export interface GaussianBlurParams extends EffectParams {
  /** Standard deviation of the gaussian, millimetres. */
  sigma: number;
}

/** Sigma in pixels at 150 dpi, per level. */
const SIGMA_PX: Record<OnLevel, [number, number]> = { light: [0.4, 0.65], medium: [0.65, 1], heavy: [1, 1.5] };

export const gaussianBlur: Effect<GaussianBlurParams> = {
  name: 'gaussian_blur',
  stage: 'capture',
  geometric: false,
  summary: 'mild gaussian blur of the capture optics (sigma 0.4-1.5 px at 150 dpi)',
  sample(rng, level) {
    const [lo, hi] = SIGMA_PX[level];
    return { sigma: round((rng.uniform(lo, hi) * 25.4) / 150, 4) };
  },
  transform(p, page) {
    const sigma = mmToPx(p.sigma, page.dpi);
    return photometric(page, (img) => (sigma < 0.3 ? img : viaSharp(img, (s) => s.blur(sigma))));
  },
};
