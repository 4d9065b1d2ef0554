/**
 * Defocus: the page is out of the camera's focus, as when a phone is held too close or the page is not flat. Much
 * stronger than the optics' usual softness (a blur disc 1-3.5 px in radius at 150 dpi), and often uneven: a page
 * photographed at an angle is sharp on the near side and blurrier toward the far side. The blur is a gaussian of
 * sigma 0.6 x the disc's radius (sharp); an uneven one mixes two such blurs along a ramp across the page.
 */
import { round, toRgb, unpackWords, wordsOf, type Raster } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { mmToPx, sharpRgb } from './util.js';

export interface DefocusParams extends EffectParams {
  /** Radius of the blur disc on the sharpest side, millimetres. */
  radius: number;
  /** Radius on the blurriest side (equal to `radius` for an even blur), millimetres. */
  radius2: number;
  /** Direction from the sharpest side to the blurriest, degrees (0: left to right, 90: top to bottom). */
  angle: number;
}

/** Disc radius in pixels at 150 dpi, per level. */
const RADIUS_PX: Record<OnLevel, [number, number]> = { light: [1, 1.6], medium: [1.6, 2.4], heavy: [2.4, 3.5] };
/** Gaussian sigma per unit of disc radius. */
const SIGMA_PER_RADIUS = 0.6;

export const defocus: Effect<DefocusParams> = {
  name: 'defocus',
  stage: 'capture',
  geometric: false,
  summary: 'out-of-focus camera blur (disc radius 1-3.5 px at 150 dpi), often stronger toward one side',
  sample(rng, level) {
    const [lo, hi] = RADIUS_PX[level];
    const r = rng.uniform(lo, hi);
    const toMm = 25.4 / 150;
    // Uneven half the time: one side down to 40% of the radius.
    const r1 = rng.chance(0.5) ? r * rng.uniform(0.4, 0.8) : r;
    return { radius: round(r1 * toMm, 4), radius2: round(r * toMm, 4), angle: round(rng.uniform(0, 360), 1) };
  },
  transform(p, page) {
    return photometric(page, async (img) => {
      const { width: w, height: h } = img;
      const s1 = Math.max(0.3, SIGMA_PER_RADIUS * mmToPx(p.radius, page.dpi));
      const s2 = Math.max(0.3, SIGMA_PER_RADIUS * mmToPx(p.radius2, page.dpi));
      const rgb = toRgb(img);
      const blur = async (sigma: number) => {
        const buf = await sharpRgb(rgb, w, h).blur(sigma).raw().toBuffer();
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      };
      if (Math.abs(s2 - s1) < 0.05) {
        unpackWords(await blur(s2), 0, w * h, wordsOf(img), 0);
        return img;
      }
      const [a, b] = await Promise.all([blur(s1), blur(s2)]);
      return mixRamp(img, a, b, p.angle);
    });
  },
};

/**
 * Writes into `img` the RGB image `a` mixed with `b` along a ramp in direction `angle`: all `a` on the side the
 * angle points away from, all `b` on the side it points to.
 */
function mixRamp(img: Raster, a: Uint8Array, b: Uint8Array, angle: number): Raster {
  const { width: w, height: h } = img;
  const px = wordsOf(img);
  const t = (angle * Math.PI) / 180;
  const ca = Math.cos(t), sa = Math.sin(t);
  const pmin = Math.min(0, ca * w) + Math.min(0, sa * h);
  const span = Math.abs(ca * w) + Math.abs(sa * h) || 1;
  for (let y = 0; y < h; y++) {
    // Weight of b (0..256) along the row: linear in x.
    const f0 = (256 * (sa * y - pmin)) / span, fx = (256 * ca) / span;
    for (let x = 0, i = y * w, o = i * 3; x < w; x++, i++, o += 3) {
      const f = (f0 + fx * x) | 0;
      const r = a[o]! + (((b[o]! - a[o]!) * f) >> 8);
      const g = a[o + 1]! + (((b[o + 1]! - a[o + 1]!) * f) >> 8);
      const bb = a[o + 2]! + (((b[o + 2]! - a[o + 2]!) * f) >> 8);
      px[i] = (0xff000000 | (bb << 16) | (g << 8) | r) >>> 0;
    }
  }
  return img;
}
