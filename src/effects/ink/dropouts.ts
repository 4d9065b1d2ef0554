/**
 * Ink dropouts: small spots where the ink did not transfer (a speck of dust on the drum, a dry patch of the ribbon,
 * a worn letterpress forme). Irregular soft-edged blobs, a few pixels across, bite out of the strokes (ink pixels
 * under them become paper), plus scattered pinholes of a pixel or two. Paper is never touched.
 */
import { createRng } from '../../random/index.js';
import { drawSeed, pixelNoise, round, wordsOf } from '../raster.js';
import { inkIndices } from '../paper/shapes.js';
import { erasing, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface InkDropoutsParams extends EffectParams {
  /** Blobs per square centimetre of ink. */
  density: number;
  /** Mean blob radius in millimetres. */
  radius: number;
  /** Share of ink pixels that get a pinhole. */
  pinholes: number;
  seed: number;
}

const LEVEL: Record<OnLevel, { density: [number, number]; radius: [number, number]; pinholes: [number, number] }> = {
  light: { density: [0.5, 1.5], radius: [0.15, 0.25], pinholes: [0.002, 0.006] },
  medium: { density: [2.5, 5], radius: [0.2, 0.35], pinholes: [0.008, 0.02] },
  heavy: { density: [7, 14], radius: [0.25, 0.45], pinholes: [0.02, 0.045] },
};

export const inkDropouts: Effect<InkDropoutsParams> = {
  name: 'ink_dropouts',
  stage: 'ink',
  geometric: false,
  summary: 'small irregular spots and pinholes where the ink did not transfer (ink pixels become paper)',
  augraphy: { name: 'Letterpress', imagesPerSecond: 0.35 },
  sample(rng, level) {
    const L = LEVEL[level];
    return {
      density: round(rng.uniform(...L.density), 2),
      radius: round(rng.uniform(...L.radius)),
      pinholes: round(rng.uniform(...L.pinholes), 4),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return erasing(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const paperWord = page.paper >>> 0;
      const pr = paperWord & 0xff, pg = (paperWord >>> 8) & 0xff, pb = (paperWord >>> 16) & 0xff;
      const ink = inkIndices(px, paperWord, w);
      const n = ink.length;
      const out = new Uint8Array(w * h).fill(255);
      if (n === 0) return out;
      const pxPerMm = page.dpi / 25.4;
      // Erases a share `a` (0..1) of the ink at pixel i.
      const erase = (i: number, a: number): void => {
        const v = px[i]!;
        if (v === paperWord) return;
        const r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
        const nr = (r + (pr - r) * a + 0.5) | 0, ng = (g + (pg - g) * a + 0.5) | 0, nb = (b + (pb - b) * a + 0.5) | 0;
        px[i] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
        out[i] = (out[i]! * (1 - a) + 0.5) | 0;
      };
      const rng = createRng(p.seed);
      const noise = pixelNoise(p.seed ^ 0x2545f491);
      const inkCm2 = n / (pxPerMm * 10) ** 2;
      const blobs = Math.round(p.density * inkCm2);
      const R = p.radius * pxPerMm;
      for (let k = 0; k < blobs; k++) {
        // A blob: one to three overlapping ellipses around an ink pixel.
        const c = ink[noise() % n]!;
        const cy = ((c / w) | 0) + 0.5, cx = c - (cy - 0.5) * w + 0.5;
        const parts = rng.weighted([0.5, 0.35, 0.15]) + 1;
        const depth = rng.chance(0.75) ? 1 : rng.uniform(0.6, 0.95);
        for (let q = 0; q < parts; q++) {
          const size = R * Math.exp(rng.uniform(-0.6, 0.5)) * (q ? 0.7 : 1);
          const a = Math.max(0.5, size * rng.uniform(0.8, 1.25)), b = Math.max(0.5, size * rng.uniform(0.45, 1));
          const th = rng.uniform(0, Math.PI);
          const ox = q ? rng.uniform(-1, 1) * R : 0, oy = q ? rng.uniform(-1, 1) * R : 0;
          const ex = cx + ox, ey = cy + oy;
          const cos = Math.cos(th), sin = Math.sin(th);
          const m = Math.ceil(a + 1);
          const x0 = Math.max(0, Math.floor(ex - m)), x1 = Math.min(w - 1, Math.ceil(ex + m));
          const y0 = Math.max(0, Math.floor(ey - m)), y1 = Math.min(h - 1, Math.ceil(ey + m));
          const minAx = Math.min(a, b);
          for (let y = y0; y <= y1; y++) {
            for (let x = x0; x <= x1; x++) {
              const dx = x + 0.5 - ex, dy = y + 0.5 - ey;
              const u = (dx * cos + dy * sin) / a, v = (dy * cos - dx * sin) / b;
              // Approximate signed distance (px) to the ellipse's edge, negative inside; one pixel of soft edge.
              const sd = (Math.sqrt(u * u + v * v) - 1) * minAx;
              if (sd >= 0.5) continue;
              const cover = sd <= -0.5 ? 1 : 0.5 - sd;
              erase(y * w + x, cover * depth);
            }
          }
        }
      }
      // Pinholes: single pixels (sometimes a pair) that lost most of their ink.
      const limit = Math.round(p.pinholes * 0xffffffff);
      for (let k = 0; k < n; k++) {
        if (noise() >= limit) continue;
        const i = ink[k]!;
        const a = 0.55 + (noise() >>> 24) / 570;
        erase(i, a);
        if ((noise() & 3) === 0 && (i % w) + 1 < w) erase(i + 1, a * 0.7);
      }
      return out;
    });
  },
};
