/**
 * Paper watermark: a mark made in the sheet itself, seen faintly in a scan. Either a papermaker's crest (a double
 * oval framing a monogram, with the fine laid lines and wider chain lines of the mould inside it) or a large word
 * across the page, usually on a diagonal (DRAFT, COPY, a paper brand), drawn in a simple stroke font with soft
 * edges. The mark darkens the paper a few per cent, multiplied in, so ink stays dark.
 */
import { createRng } from '../../random/index.js';
import { drawSeed, round, wordsOf } from '../raster.js';
import { Mask } from './shapes.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface PaperWatermarkParams extends EffectParams {
  /** 'crest' (oval, monogram, laid lines) or 'text' (a large word). */
  style: string;
  /** The word (text) or the monogram's letters (crest). */
  word: string;
  /** Centre, as fractions of the page width and height. */
  cx: number;
  cy: number;
  /** Size as a fraction of the page width: the letters' height (text) or the oval's half-width (crest). */
  size: number;
  /** Rotation in degrees (counter-clockwise on the page). */
  angle: number;
  /** Darkening where the mark is solid (0..1). */
  strength: number;
  seed: number;
}

const STRENGTH: Record<OnLevel, [number, number]> = { light: [0.025, 0.045], medium: [0.045, 0.075], heavy: [0.075, 0.12] };
const WORDS = ['DRAFT', 'COPY', 'CONFIDENTIAL', 'ORIGINAL', 'SAMPLE', 'BOND', 'ARCHIVAL', 'PREMIUM', 'VOID'];
const MONOGRAMS = ['AB', 'CP', 'HM', 'RS', 'GL', 'DV', 'EF', 'TN', 'BK', 'PW'];

/** Stroke glyphs on a 4 x 6 grid (y down): polylines separated by ';', points 'x,y' separated by spaces. */
const GLYPHS: Record<string, string> = {
  A: '0,6 2,0 4,6;1,3.8 3,3.8',
  B: '0,6 0,0 3,0 4,1 4,2 3,3 0,3;3,3 4,4 4,5 3,6 0,6',
  C: '4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5',
  D: '0,0 0,6 2.5,6 4,4.5 4,1.5 2.5,0 0,0',
  E: '4,0 0,0 0,6 4,6;0,3 3,3',
  F: '4,0 0,0 0,6;0,3 3,3',
  G: '4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,3.5 2.5,3.5',
  H: '0,0 0,6;4,0 4,6;0,3 4,3',
  I: '2,0 2,6;1,0 3,0;1,6 3,6',
  K: '0,0 0,6;4,0 0,3.5;1.2,2.6 4,6',
  L: '0,0 0,6 4,6',
  M: '0,6 0,0 2,3.5 4,0 4,6',
  N: '0,6 0,0 4,6 4,0',
  O: '1,0 3,0 4,1 4,5 3,6 1,6 0,5 0,1 1,0',
  P: '0,6 0,0 3,0 4,1 4,2 3,3 0,3',
  R: '0,6 0,0 3,0 4,1 4,2 3,3 0,3;2,3 4,6',
  S: '4,1 3,0 1,0 0,1 0,2 1,3 3,3 4,4 4,5 3,6 1,6 0,5',
  T: '0,0 4,0;2,0 2,6',
  U: '0,0 0,5 1,6 3,6 4,5 4,0',
  V: '0,0 2,6 4,0',
  W: '0,0 1,6 2,2 3,6 4,0',
  Y: '0,0 2,3 4,0;2,3 2,6',
};

/** Glyph polylines (grid units), parsed once. */
const PARSED: Record<string, number[][]> = Object.fromEntries(
  Object.entries(GLYPHS).map(([k, v]) => [k, v.split(';').map((line) => line.trim().split(/\s+/).flatMap((pt) => pt.split(',').map(Number)))]),
);

/** Advance of a glyph (grid units), spacing included. */
const ADVANCE = 5.4;

export const paperWatermark: Effect<PaperWatermarkParams> = {
  name: 'paper_watermark',
  stage: 'paper',
  geometric: false,
  summary: "a faint papermaker's watermark: a crest with laid lines, or a large (often diagonal) word in the paper",
  augraphy: { name: 'WaterMark', imagesPerSecond: 2.09 },
  sample(rng, level) {
    const strength = round(rng.uniform(...STRENGTH[level]));
    if (rng.chance(0.45)) {
      return {
        style: 'crest',
        word: rng.pick(MONOGRAMS),
        cx: round(rng.uniform(0.4, 0.6)),
        cy: round(rng.pick([0.5, 0.5, 0.7, 0.3]) + rng.uniform(-0.05, 0.05)),
        size: round(rng.uniform(0.12, 0.2)),
        angle: round(rng.uniform(-4, 4), 1),
        strength,
        seed: drawSeed(rng),
      };
    }
    const word = rng.pick(WORDS);
    // Mostly diagonal. The word spans 45-85 % of the page's diagonal (or width), at most 15 % of the width tall.
    const diagonal = rng.chance(0.8);
    const angle = diagonal ? rng.pick([1, -1]) * rng.uniform(30, 56) : rng.uniform(-3, 3);
    const span = rng.uniform(0.45, 0.85) * (diagonal ? Math.hypot(1, 1.414) : 1);
    const size = Math.min(0.15, span / ((word.length * ADVANCE) / 6));
    return {
      style: 'text',
      word,
      cx: round(rng.uniform(0.45, 0.55)),
      cy: round(rng.uniform(0.42, 0.58)),
      size: round(size, 4),
      angle: round(angle, 1),
      strength,
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const mask = new Mask(w, h);
      const cx = p.cx * w, cy = p.cy * h;
      const th = (-p.angle * Math.PI) / 180;
      const cos = Math.cos(th), sin = Math.sin(th);
      // Local (u, v) around the centre -> page.
      const at = (u: number, v: number): [number, number] => [cx + u * cos - v * sin, cy + u * sin + v * cos];
      const soft = Math.max(1, 0.35 * pxPerMm);
      /** Draws `text` centred at local (u0, v0), letters `H` px tall, strokes `r` px in radius. */
      const drawText = (text: string, u0: number, v0: number, H: number, r: number, level: number): void => {
        const k = H / 6;
        const total = text.length * ADVANCE * k - (ADVANCE - 4) * k;
        let left = u0 - total / 2;
        for (const ch of text) {
          for (const line of PARSED[ch] ?? []) {
            const pts: number[] = [];
            for (let q = 0; q + 1 < line.length; q += 2) pts.push(...at(left + line[q]! * k, v0 - H / 2 + line[q + 1]! * k));
            mask.polyline(pts, r, level, soft);
          }
          left += ADVANCE * k;
        }
      };
      if (p.style === 'crest') {
        const rng = createRng(p.seed);
        const rx = p.size * w, ry = rx * 1.25; // an upright oval
        const ring = (sx: number, sy: number, r: number, level: number): void => {
          const pts: number[] = [];
          const n = 96;
          for (let k = 0; k <= n; k++) {
            const a = (2 * Math.PI * k) / n;
            pts.push(...at(Math.cos(a) * sx, Math.sin(a) * sy));
          }
          mask.polyline(pts, r, level, soft);
        };
        const line = Math.max(0.8, 0.0045 * w);
        ring(rx, ry, line, 1);
        ring(rx * 0.9, ry * 0.92, line * 0.55, 0.8);
        // Laid lines (about 1 mm apart) and chain lines (about 25 mm) inside the inner oval.
        const laid = rng.uniform(0.9, 1.2) * pxPerMm, chain = rng.uniform(22, 28) * pxPerMm;
        const ix = rx * 0.86, iy = ry * 0.88;
        for (let v = -iy + laid / 2; v < iy; v += laid) {
          const half = ix * Math.sqrt(Math.max(0, 1 - (v / iy) ** 2));
          mask.capsule(...at(-half, v), ...at(half, v), 0.5, 0.3, 1);
        }
        for (let u = -Math.floor(ix / chain) * chain; u <= ix; u += chain) {
          const half = iy * Math.sqrt(Math.max(0, 1 - (u / ix) ** 2));
          mask.capsule(...at(u, -half), ...at(u, half), 0.7, 0.45, 1);
        }
        // The monogram, and a small crown of three strokes above it.
        drawText(p.word, 0, ry * 0.08, ry * 0.55, line * 1.1, 1);
        const cw = rx * 0.45, cb = -ry * 0.38, ct = -ry * 0.62;
        mask.polyline([...at(-cw, cb), ...at(-cw, ct), ...at(-cw / 2, cb - (cb - ct) * 0.4), ...at(0, ct), ...at(cw / 2, cb - (cb - ct) * 0.4), ...at(cw, ct), ...at(cw, cb), ...at(-cw, cb)], line * 0.8, 1, soft);
      } else {
        const H = p.size * w;
        drawText(p.word, 0, 0, H, Math.max(1, H * 0.055), 1);
      }
      mask.multiplyInto(px, p.strength, 60, 60, 70);
      return img;
    });
  },
};
