/**
 * Ink bleed: ink soaks into the paper's fibres, so strokes grow a soft, uneven fringe. The darkness of each pixel's
 * 3x3 (or 5x5) neighbourhood spreads onto it, scaled by a blotchy field.
 */
import { coarseField, drawSeed, fieldAt, lumaOf, round, wordsOf, type CoarseField, type Raster } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface InkBleedParams extends EffectParams {
  /** Neighbourhood radius in pixels (1 or 2). */
  radius: number;
  /** Share of the neighbour's extra darkness that spreads (0..1). */
  strength: number;
  seed: number;
}

const STRENGTH: Record<OnLevel, [number, number]> = { light: [0.15, 0.3], medium: [0.3, 0.5], heavy: [0.5, 0.8] };

export const inkBleed: Effect<InkBleedParams> = {
  name: 'ink_bleed',
  stage: 'ink',
  geometric: false,
  summary: 'strokes grow a soft, uneven fringe (neighbourhood darkness spread by a blotchy field)',
  augraphy: { name: 'InkBleed', imagesPerSecond: 3.23 },
  sample(rng, level) {
    const [lo, hi] = STRENGTH[level];
    return { radius: level === 'heavy' && rng.chance(0.5) ? 2 : 1, strength: round(rng.uniform(lo, hi)), seed: drawSeed(rng) };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      bleed(img, page.paper >>> 0, p.radius, p.strength, coarseField(img.width, img.height, p.seed, 40, 1));
      return img;
    });
  },
};

/** Darkness (0-255 below the paper) from which ink soaks into the paper. */
const SOAK = 96;

/** Module-level so V8 keeps one optimised copy across pages. */
function bleed(img: Raster, paperWord: number, r: number, strength: number, field: CoarseField): void {
  const { width: w, height: h } = img;
  const px = wordsOf(img);
  const paper = lumaOf(paperWord);
  // Work only where ink is: most of a page is paper. First the ink pixels and their darkness.
  const dark = new Uint8Array(w * h);
  let inkAt = new Int32Array(1 << 16);
  let n = 0;
  for (let i = 0; i < px.length; i++) {
    const v = px[i]!;
    if (v === paperWord) continue;
    const d = paper - (((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >>> 8);
    if (d <= 0) continue;
    dark[i] = d;
    // Only ink dark enough to soak spreads (strokes, not the light tones of a picture).
    if (d < SOAK) continue;
    if (n === inkAt.length) {
      const grown = new Int32Array(n * 2);
      grown.set(inkAt);
      inkAt = grown;
    }
    inkAt[n++] = i;
  }
  // The darkest neighbour of every pixel near ink. A pixel inside a stroke (its four neighbours as dark) adds nothing.
  const spread = new Uint8Array(w * h);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = inkAt[k]!;
    const d = dark[i]!;
    if (i > w && i < w * (h - 1) && dark[i - 1]! >= d && dark[i + 1]! >= d && dark[i - w]! >= d && dark[i + w]! >= d) continue;
    inkAt[m++] = i;
    const y = (i / w) | 0, x = i - y * w;
    const x0 = x - r < 0 ? 0 : x - r, x1 = x + r >= w ? w - 1 : x + r, y0 = y - r < 0 ? 0 : y - r, y1 = y + r >= h ? h - 1 : y + r;
    for (let yy = y0; yy <= y1; yy++) for (let j = yy * w + x0, e = yy * w + x1; j <= e; j++) if (spread[j]! < d) spread[j] = d;
  }
  // Each pixel darker-neighboured than itself drops toward the neighbour, by a blotchy share.
  for (let k = 0; k < m; k++) {
    const i = inkAt[k]!;
    const y = (i / w) | 0, x = i - y * w;
    const x0 = x - r < 0 ? 0 : x - r, x1 = x + r >= w ? w - 1 : x + r, y0 = y - r < 0 ? 0 : y - r, y1 = y + r >= h ? h - 1 : y + r;
    for (let yy = y0; yy <= y1; yy++) {
      for (let xx = x0; xx <= x1; xx++) {
        const j = yy * w + xx;
        const extra = spread[j]! - dark[j]!;
        if (extra <= 0) continue;
        spread[j] = dark[j]!; // done: a pixel is darkened once
        const drop = extra * strength * (0.4 + 1.2 * fieldAt(field, xx, yy));
        const v = px[j]!;
        const rr = (v & 0xff) - drop, gg = ((v >>> 8) & 0xff) - drop, bb = ((v >>> 16) & 0xff) - drop;
        px[j] = ((0xff << 24) | ((bb > 0 ? bb : 0) << 16) | ((gg > 0 ? gg : 0) << 8) | (rr > 0 ? rr : 0)) >>> 0;
      }
    }
  }
}
