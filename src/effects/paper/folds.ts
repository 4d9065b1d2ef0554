/**
 * Folds: creases of a sheet that was folded (a letter in three for an envelope, in half, sometimes also across)
 * and flattened again for scanning. Each crease is a nearly straight line across the page: a thin dark core, a
 * soft shadow on the side that tilts away from the light and a faint highlight on the other side (it lightens ink
 * and tinted paper only, as white cannot get whiter), slightly wavy and uneven along its length. Only the band
 * around each crease is visited.
 */
import { drawSeed, round, smoothField, wordsOf } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface FoldsParams extends EffectParams {
  /**
   * Creases as 6-tuples: orientation (0 across the page, i.e. horizontal; 1 vertical), position (fraction of the
   * height or width), tilt (degrees), core darkness (0..1), shadow darkness (0..1), shadow width (mm; its sign is
   * the shadow's side).
   */
  folds: number[];
  /** The fold pattern, for the record. */
  pattern: string;
  seed: number;
}

const LEVEL: Record<OnLevel, { core: [number, number]; shade: [number, number] }> = {
  light: { core: [0.05, 0.09], shade: [0.02, 0.04] },
  medium: { core: [0.1, 0.18], shade: [0.04, 0.08] },
  heavy: { core: [0.18, 0.32], shade: [0.08, 0.14] },
};

/** Patterns: name, creases as [orientation, position], weight. */
const PATTERNS: readonly [string, [number, number][], number][] = [
  ['letter_thirds', [[0, 1 / 3], [0, 2 / 3]], 5],
  ['half', [[0, 1 / 2]], 2],
  ['half_vertical', [[1, 1 / 2]], 1],
  ['thirds_and_half', [[0, 1 / 3], [0, 2 / 3], [1, 1 / 2]], 1],
  ['quarters', [[0, 1 / 2], [1, 1 / 2]], 1],
];

export const folds: Effect<FoldsParams> = {
  name: 'folds',
  stage: 'paper',
  geometric: false,
  summary: 'fold creases across the page (letter thirds, halves): a thin dark line with soft shading on each side',
  augraphy: { name: 'Folding', imagesPerSecond: 3.18 },
  sample(rng, level) {
    const L = LEVEL[level];
    const [pattern, creases] = PATTERNS[rng.weighted(PATTERNS.map((p) => p[2]))]!;
    const out: number[] = [];
    for (const [o, pos] of creases) {
      out.push(
        o,
        round(pos + rng.uniform(-0.015, 0.015), 4),
        round(rng.uniform(-0.6, 0.6), 2),
        round(rng.uniform(...L.core)),
        round(rng.uniform(...L.shade)),
        round(rng.pick([1, -1]) * rng.uniform(1.5, 5), 2),
      );
    }
    return { folds: out, pattern, seed: drawSeed(rng) };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const f = p.folds;
      for (let c = 0; c + 5 < f.length; c += 6) {
        const vertical = f[c] === 1;
        // Work in (along, across) coordinates: along runs the crease's length, across is the page axis it crosses.
        const L = vertical ? h : w, A = vertical ? w : h;
        const pos = f[c + 1]! * A, slope = Math.tan((f[c + 2]! * Math.PI) / 180);
        const core = f[c + 3]!, shade = f[c + 4]!, W = Math.abs(f[c + 5]!) * pxPerMm, side = Math.sign(f[c + 5]!) || 1;
        const sigma = Math.max(0.6, 0.18 * pxPerMm); // the core's half-width
        const reach = Math.ceil(Math.max(3.2 * W, 4 * sigma) + 2); // the shadow is under 0.5 % beyond
        // Profile across the crease, 8 samples a pixel: > 0 darkens, < 0 lightens.
        const SUB = 8;
        const prof = new Float32Array((2 * reach + 1) * SUB);
        const tailS = Math.exp(-(reach - 1) / W), tailL = Math.exp(-(reach - 1) / (0.6 * W));
        for (let k = 0; k < prof.length; k++) {
          const s = k / SUB - reach; // signed distance, shadow side positive
          const ss = s * side;
          let a = core * Math.exp(-0.5 * (s / sigma) ** 2);
          // The shadow and highlight decay exponentially, less their value at the band's edge (no step there).
          if (ss > 0) a += shade * Math.max(0, Math.exp(-ss / W) - tailS) * Math.min(1, ss / sigma);
          else a -= 0.6 * shade * Math.max(0, Math.exp(ss / (0.6 * W)) - tailL) * Math.min(1, -ss / sigma);
          prof[k] = a;
        }
        // Along the crease: its strength varies (pressed harder in places) and it wanders a little.
        const field = smoothField(L, 64, (p.seed + c * 131) % 0x7fffffff, Math.max(32, 0.25 * L), 2);
        const cosT = 1 / Math.sqrt(1 + slope * slope);
        const centre = new Float32Array(L), strength = new Float32Array(L);
        for (let t = 0; t < L; t++) {
          strength[t] = 0.55 + 0.9 * field.at(t, 8);
          centre[t] = pos + slope * (t + 0.5 - L / 2) + (field.at(t, 40) - 0.5) * 1.5;
        }
        crease(px, w, h, vertical, centre, strength, prof, reach, SUB, cosT);
      }
      return img;
    });
  },
};

/**
 * Applies one crease: `centre[t]` and `strength[t]` along it (t: x for a horizontal crease, y for a vertical one),
 * `prof` the profile across it (SUB samples a pixel over -reach..reach; > 0 darkens, < 0 lightens). Visits the band
 * row by row (memory order).
 */
function crease(px: Uint32Array, w: number, h: number, vertical: boolean, centre: Float32Array, strength: Float32Array, prof: Float32Array, reach: number, SUB: number, cosT: number): void {
  // Profile index = (a + 0.5 - centre[t]) * cosT * SUB + reach * SUB, a across the crease: a per-t offset plus a*scale.
  const scale = cosT * SUB;
  const off = new Float32Array(centre.length);
  let lo = Infinity, hi = -Infinity;
  for (let t = 0; t < centre.length; t++) {
    off[t] = (0.5 - centre[t]!) * scale + reach * SUB + 0.5; // + 0.5: rounding by truncation
    lo = Math.min(lo, centre[t]!);
    hi = Math.max(hi, centre[t]!);
  }
  const n = prof.length;
  if (vertical) {
    for (let y = 0; y < h; y++) {
      const x0 = Math.max(0, Math.floor(centre[y]! - reach)), x1 = Math.min(w - 1, Math.ceil(centre[y]! + reach));
      const o = off[y]!, m = strength[y]!;
      for (let x = x0; x <= x1; x++) shadePixel(px, y * w + x, (x * scale + o) | 0, n, prof, m);
    }
    return;
  }
  const y0 = Math.max(0, Math.floor(lo - reach)), y1 = Math.min(h - 1, Math.ceil(hi + reach));
  for (let y = y0; y <= y1; y++) {
    const ys = y * scale, row = y * w;
    for (let x = 0; x < w; x++) shadePixel(px, row + x, (ys + off[x]!) | 0, n, prof, strength[x]!);
  }
}

/** Darkens (profile > 0) or lightens (< 0) pixel i by the profile at k (outside 0..n-1: nothing) times m. */
function shadePixel(px: Uint32Array, i: number, k: number, n: number, prof: Float32Array, m: number): void {
  if (k < 0 || k >= n) return;
  const amt = prof[k]! * m;
  if (amt === 0) return;
  const v = px[i]!;
  let r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
  if (amt > 0) {
    const q = 1 - (amt > 1 ? 1 : amt);
    r = (r * q + 0.5) | 0;
    g = (g * q + 0.5) | 0;
    b = (b * q + 0.5) | 0;
  } else {
    r = (r + (255 - r) * -amt + 0.5) | 0;
    g = (g + (255 - g) * -amt + 0.5) | 0;
    b = (b + (255 - b) * -amt + 0.5) | 0;
  }
  px[i] = ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
