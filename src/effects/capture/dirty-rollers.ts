/**
 * Dirty rollers: a photocopier's or sheet-fed scanner's dirty rollers, drum or glass leave marks on every page.
 * Specks of toner or dirt on the glass or drum drag thin dark streaks along the feed direction, at fixed places
 * across the page; a soiled roller prints faint bands with soft, graded edges that repeat across it; and a mark on
 * a roller repeats down the page once per turn of the roller. Intensities vary irregularly along each streak. The
 * darkening is multiplicative (ink under a streak darkens too) and is the sum of two separable parts (streaks and
 * bands: profile across x intensity along; roller marks: profile along x intensity across), so only the affected
 * columns and rows are touched.
 */
import { drawSeed, round, wordsOf, type Raster } from '../raster.js';
import { createRng, type Rng } from '../../random/index.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { mmToPx } from './util.js';

export interface DirtyRollersParams extends EffectParams {
  /** Feed direction: 'vertical' (streaks run top to bottom) or 'horizontal'. */
  feed: 'vertical' | 'horizontal';
  /** Number of thin streaks. */
  streaks: number;
  /** Spacing of the soiled-roller bands across the page, millimetres (0: none). */
  bandPeriod: number;
  /** Width of each band, millimetres. */
  bandWidth: number;
  /** Circumference of the marked roller, millimetres: its mark repeats this far apart down the page (0: none). */
  rollerTurn: number;
  /** Darkness of the strongest mark (0..1). */
  strength: number;
  seed: number;
}

const STRENGTH: Record<OnLevel, [number, number]> = { light: [0.05, 0.12], medium: [0.12, 0.25], heavy: [0.25, 0.45] };

export const dirtyRollers: Effect<DirtyRollersParams> = {
  name: 'dirty_rollers',
  stage: 'capture',
  geometric: false,
  summary: 'photocopier dirty-roller marks: thin streaks along the feed, faint periodic bands and repeating roller marks',
  augraphy: { name: 'DirtyRollers', imagesPerSecond: 1.47 },
  sample(rng, level) {
    const hasBands = rng.chance(0.7);
    return {
      feed: rng.chance(0.8) ? 'vertical' : 'horizontal',
      streaks: rng.int(level === 'light' ? 1 : 2, level === 'heavy' ? 16 : 8),
      bandPeriod: hasBands ? round(rng.uniform(4, 25), 1) : 0,
      bandWidth: round(rng.uniform(1, level === 'heavy' ? 6 : 4), 2),
      rollerTurn: rng.chance(0.5) ? round(rng.uniform(40, 95), 1) : 0,
      strength: round(rng.uniform(...STRENGTH[level])),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const vertical = p.feed === 'vertical';
      // a: the axis across the feed, b: along it.
      const na = vertical ? img.width : img.height, nb = vertical ? img.height : img.width;
      const rng = createRng(p.seed);
      const across = new Float32Array(na); // darkness profile of streaks and bands
      const along = new Float32Array(nb); // their intensity down the page
      const marks = new Float32Array(nb); // roller marks' darkness profile down the page
      const marksAcross = new Float32Array(na); // the marks' intensity across
      const px1 = mmToPx(1, page.dpi);
      // Streaks: 1-3 px wide (at 150 dpi), soft-edged, each with its own darkness.
      for (let k = 0; k < p.streaks; k++) {
        const c = rng.uniform(0, na), half = (rng.uniform(0.08, 0.3) * px1) / 2 + 0.5, d = rng.uniform(0.4, 1);
        addBump(across, c, half, d);
      }
      // Bands: a graded bar every period (bright edge to dark edge, like a worn roller's track), irregular depth.
      if (p.bandPeriod > 0) {
        const period = p.bandPeriod * px1, width = Math.max(2, p.bandWidth * px1);
        for (let c = rng.uniform(0, period); c < na; c += period * rng.uniform(0.9, 1.1)) {
          const d = rng.uniform(0.3, 0.8), rising = rng.chance(0.5);
          for (let a = Math.max(0, Math.floor(c)); a < Math.min(na, Math.ceil(c + width)); a++) {
            const t = (a - c) / width;
            across[a]! += d * (rising ? t : 1 - t) * Math.min(1, 4 * t, 4 * (1 - t));
          }
        }
      }
      smoothNoise(along, rng, 25 * px1, 0.35, 1);
      if (p.rollerTurn > 0) {
        const turn = p.rollerTurn * px1, half = rng.uniform(0.3, 1.5) * px1;
        for (let c = rng.uniform(0, turn); c < nb; c += turn) addBump(marks, c, half, rng.uniform(0.5, 1));
        smoothNoise(marksAcross, rng, 15 * px1, 0, 1);
      }
      darken(img, across, along, marks, marksAcross, vertical, p.strength);
      return img;
    });
  },
};

/** Adds a soft-edged bump (a raised cosine `half` wide each side of c, height d) to a profile. */
function addBump(prof: Float32Array, c: number, half: number, d: number): void {
  for (let a = Math.max(0, Math.floor(c - half)); a <= Math.min(prof.length - 1, Math.ceil(c + half)); a++) {
    const t = Math.abs(a - c) / half;
    if (t < 1) prof[a]! += d * 0.5 * (1 + Math.cos(Math.PI * t));
  }
}

/** Fills `out` with smooth 1-D value noise between lo and hi, knots `scale` pixels apart. */
function smoothNoise(out: Float32Array, rng: Rng, scale: number, lo: number, hi: number): void {
  const knots = Math.ceil(out.length / scale) + 2;
  const v = Array.from({ length: knots }, () => lo + (hi - lo) * rng.next());
  for (let i = 0; i < out.length; i++) {
    const f = i / scale, k = Math.floor(f), t = f - k;
    const s = t * t * (3 - 2 * t);
    out[i] = v[k]! + (v[k + 1]! - v[k]!) * s;
  }
}

/**
 * Multiplies the image by 1 - strength * (across[a] * along[b] + marksAcross[a] * marks[b]) (clamped), touching only
 * pixels where that is not 1 (module level, so V8 reuses its optimised code).
 */
function darken(img: Raster, across: Float32Array, along: Float32Array, marks: Float32Array, marksAcross: Float32Array, vertical: boolean, strength: number): void {
  const w = img.width;
  const px = wordsOf(img);
  const na = across.length, nb = along.length;
  const active: number[] = [];
  for (let a = 0; a < na; a++) if (across[a]! * strength > 1 / 512) active.push(a);
  const act = Int32Array.from(active);
  for (let b = 0; b < nb; b++) {
    const lb = along[b]! * strength, mb = marks[b]! * strength;
    const full = mb > 1 / 512;
    const count = full ? na : act.length;
    for (let j = 0; j < count; j++) {
      const a = full ? j : act[j]!;
      const d = across[a]! * lb + marksAcross[a]! * mb;
      const k = d >= 1 ? 0 : Math.round(256 * (1 - d));
      if (k >= 256) continue;
      const i = vertical ? b * w + a : a * w + b;
      const v = px[i]!;
      px[i] = (0xff000000 | (((((v >>> 16) & 0xff) * k) >> 8) << 16) | (((((v >>> 8) & 0xff) * k) >> 8) << 8) | (((v & 0xff) * k) >> 8)) >>> 0;
    }
  }
}
