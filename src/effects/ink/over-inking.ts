/**
 * Over-inking: too much ink or toner (a fresh cartridge, a copier's darkness turned up, a soaked ribbon). Strokes
 * spread by about a pixel, unevenly (each pixel next to ink takes a share of its darkest neighbour's colour, the
 * share following a blotchy field), and ink colours are pushed darker (a per-channel curve relative to the paper),
 * so thin strokes thicken, counters of small letters start to close and greys go nearly black.
 */
import { type CoarseField, coarseField, drawSeed, fieldAt, lumaOf, round, wordsOf } from '../raster.js';
import { inkIndices } from '../paper/shapes.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface OverInkingParams extends EffectParams {
  /** Share (0..1) of the darkest edge neighbour's colour a pixel takes. */
  spread: number;
  /** The same share for diagonal neighbours, relative to `spread` (0: the ink spreads in a cross only). */
  diagonal: number;
  /** Curve exponent (>= 1) pushing ink darker, channel by channel, relative to the paper. */
  gamma: number;
  seed: number;
}

const LEVEL: Record<OnLevel, { spread: [number, number]; diagonal: [number, number]; gamma: [number, number] }> = {
  light: { spread: [0.25, 0.4], diagonal: [0, 0.3], gamma: [1.1, 1.25] },
  medium: { spread: [0.45, 0.65], diagonal: [0.35, 0.55], gamma: [1.25, 1.5] },
  heavy: { spread: [0.7, 0.9], diagonal: [0.55, 0.75], gamma: [1.5, 1.9] },
};

export const overInking: Effect<OverInkingParams> = {
  name: 'over_inking',
  stage: 'ink',
  geometric: false,
  summary: 'strokes thicken by about a pixel, unevenly, and ink colours are pushed darker',
  sample(rng, level) {
    const L = LEVEL[level];
    return {
      spread: round(rng.uniform(...L.spread)),
      diagonal: round(rng.uniform(...L.diagonal)),
      gamma: round(rng.uniform(...L.gamma)),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const paperWord = page.paper >>> 0;
      const ink = inkIndices(px, paperWord, w);
      if (ink.length === 0) return img;
      const dark = darknessMap(px, ink, lumaOf(paperWord), w * h);
      const { got, m, best } = offers(ink, dark, w, h, p.spread, p.spread * p.diagonal);
      const field = coarseField(w, h, p.seed, Math.max(32, 0.08 * w), 1);
      receive(px, got, m, best, field, w, p.spread, p.spread * p.diagonal);
      // Darker ink: each channel c below the paper's pc becomes pc * (c / pc) ^ gamma.
      const luts = [0, 8, 16].map((sh) => {
        const pc = Math.max(1, (paperWord >>> sh) & 0xff);
        const t = new Uint8Array(256);
        for (let c = 0; c < 256; c++) t[c] = c >= pc ? c : Math.round(pc * (c / pc) ** p.gamma);
        return t;
      });
      darken(px, ink, ink.length, paperWord, luts[0]!, luts[1]!, luts[2]!);
      // The receivers that were paper (ink ones are done): the list, filtered in place.
      let q = 0;
      for (let k = 0; k < m; k++) if (dark[got[k]!] === 0) got[q++] = got[k]!;
      darken(px, got, q, paperWord, luts[0]!, luts[1]!, luts[2]!);
      return img;
    });
  },
};

/** Darkness (paper luma minus luma, >= 0) of every ink pixel; 0 elsewhere. */
function darknessMap(px: Uint32Array, ink: Int32Array, paperL: number, size: number): Uint8Array {
  const dark = new Uint8Array(size);
  for (let k = 0; k < ink.length; k++) {
    const i = ink[k]!;
    const d = paperL - lumaOf(px[i]!);
    dark[i] = d > 0 ? d : 0;
  }
  return dark;
}

/** Receiver -> giver offsets, by the `which` code of an offer (0-3 edge neighbours, 4-7 diagonal). */
function backOffsets(w: number): Int32Array {
  return Int32Array.of(w, -w, 1, -1, w + 1, w - 1, -w + 1, -w - 1);
}

/**
 * Every ink pixel offers its darkness to its 8 neighbours (edge ones at `sCross`, diagonals at `sDiag`); each
 * neighbour keeps the best offer in `best` as gain << 3 | which. Returns the receivers in `got[0..m)`.
 */
function offers(ink: Int32Array, dark: Uint8Array, w: number, h: number, sCross: number, sDiag: number): { got: Int32Array; m: number; best: Uint16Array } {
  const best = new Uint16Array(w * h);
  const fwd = Int32Array.of(-w, w, -1, 1, -w - 1, -w + 1, w - 1, w + 1); // giver -> receiver
  const kinds = sDiag > 0 ? 8 : 4;
  let got = new Int32Array(ink.length * 2 + 16);
  let m = 0;
  for (let k = 0; k < ink.length; k++) {
    const i = ink[k]!;
    const d = dark[i]!;
    if (d < 24) continue;
    const y = (i / w) | 0, x = i - y * w;
    if (x === 0 || y === 0 || x === w - 1 || y === h - 1) continue; // the page's edge rows and columns stay
    if (m + 8 > got.length) {
      const grown = new Int32Array(got.length * 2);
      grown.set(got);
      got = grown;
    }
    for (let t = 0; t < kinds; t++) {
      const j = i + fwd[t]!;
      const g = ((d - dark[j]!) * (t < 4 ? sCross : sDiag)) | 0;
      const old = best[j]!;
      if (g <= old >>> 3) continue;
      if (old === 0) got[m++] = j;
      best[j] = (g << 3) | t;
    }
  }
  return { got, m, best };
}

/**
 * Each receiver moves toward its giver's colour by the share, scaled by a blotchy field. New colours are computed
 * first, so every receiver sees its giver's original colour, then written.
 */
function receive(px: Uint32Array, got: Int32Array, m: number, best: Uint16Array, field: CoarseField, w: number, sCross: number, sDiag: number): void {
  const back = backOffsets(w);
  const next = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const j = got[k]!;
    const which = best[j]! & 7;
    const v = px[j]!, gw = px[j + back[which]!]!;
    const y = (j / w) | 0, x = j - y * w;
    let a = (which < 4 ? sCross : sDiag) * (0.45 + 1.1 * fieldAt(field, x, y));
    if (a > 1) a = 1;
    const r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
    const nr = (r + ((gw & 0xff) - r) * a + 0.5) | 0;
    const ng = (g + (((gw >>> 8) & 0xff) - g) * a + 0.5) | 0;
    const nb = (b + (((gw >>> 16) & 0xff) - b) * a + 0.5) | 0;
    next[k] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
  }
  for (let k = 0; k < m; k++) px[got[k]!] = next[k]!;
}

/** Applies the channel curves to the pixels `list[0..n)` (paper left alone). */
function darken(px: Uint32Array, list: Int32Array, n: number, paperWord: number, lr: Uint8Array, lg: Uint8Array, lb: Uint8Array): void {
  for (let k = 0; k < n; k++) {
    const i = list[k]!;
    const v = px[i]!;
    if (v === paperWord) continue;
    px[i] = ((0xff << 24) | (lb[(v >>> 16) & 0xff]! << 16) | (lg[(v >>> 8) & 0xff]! << 8) | lr[v & 0xff]!) >>> 0;
  }
}
