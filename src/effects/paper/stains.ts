/**
 * Stains: what a document picks up on a desk. Coffee or tea rings (a cup's wet base: a faint mottled fill and a
 * darker, sharp-edged rim, often broken, sometimes doubled), water marks (an irregular blot, barely tinted, with a
 * brownish tide line at its edge) and foxing (clusters of small soft rust-brown spots on aged paper). Each is a
 * translucent tint multiplied into the paper, so ink stays dark; only each stain's bounding box is visited.
 */
import { createRng, type Rng } from '../../random/index.js';
import { type CoarseField, coarseField, drawSeed, fieldAt, round, wordsOf } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

/** Stain kinds, as coded in the params. */
const RING = 0, WATER = 1, FOXING = 2;
const KIND_NAMES = ['ring', 'water', 'foxing'] as const;

export interface StainsParams extends EffectParams {
  /**
   * Stains as 5-tuples: kind (0 coffee/tea ring, 1 water mark, 2 foxing), centre x and y (fractions of the page),
   * size (radius in mm; for foxing, the cluster's), opacity (0..1). Their shapes come from `seed`.
   */
  stains: number[];
  /** The kinds, by name, for the record. */
  kinds: string;
  seed: number;
}

const LEVEL: Record<OnLevel, { count: [number, number]; opacity: [number, number] }> = {
  light: { count: [1, 1], opacity: [0.25, 0.45] },
  medium: { count: [1, 2], opacity: [0.45, 0.7] },
  heavy: { count: [2, 4], opacity: [0.7, 1] },
};

/** Stain colours (multiplied in at full opacity): coffee, tea, water tide line, foxing. */
const COFFEE: [number, number, number] = [176, 128, 78];
const TEA: [number, number, number] = [196, 160, 100];
const WATER_TINT: [number, number, number] = [200, 188, 160];
const FOX: [number, number, number] = [186, 130, 84];

export const stains: Effect<StainsParams> = {
  name: 'stains',
  stage: 'paper',
  geometric: false,
  summary: 'coffee rings, water marks and foxing spots: soft translucent tinted blotches multiplied into the paper',
  sample(rng, level) {
    const L = LEVEL[level];
    const n = rng.int(...L.count);
    const out: number[] = [];
    const kinds: string[] = [];
    for (let k = 0; k < n; k++) {
      const kind = rng.weighted([0.45, 0.3, 0.25]);
      const size = kind === RING ? rng.uniform(24, 42) : kind === WATER ? rng.uniform(15, 55) : rng.uniform(8, 35);
      // Rings and water marks often sit near an edge or a corner (partly off the page).
      out.push(kind, round(rng.uniform(-0.05, 1.05)), round(rng.uniform(-0.05, 1.05)), round(size, 1), round(rng.uniform(...L.opacity)));
      kinds.push(KIND_NAMES[kind]!);
    }
    return { stains: out, kinds: kinds.join(','), seed: drawSeed(rng) };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const field = coarseField(w, h, p.seed, Math.max(48, 16 * pxPerMm), 2);
      const st = p.stains;
      for (let s = 0; s + 4 < st.length; s += 5) {
        const rng = createRng((p.seed + s * 7919) % 0x7fffffff);
        const kind = st[s]!, cx = st[s + 1]! * w, cy = st[s + 2]! * h, R = st[s + 3]! * pxPerMm, op = st[s + 4]!;
        if (kind === FOXING) foxing(px, w, h, cx, cy, R, op, pxPerMm, rng);
        else {
          ring(px, w, h, cx, cy, R, op, kind === WATER, pxPerMm, rng, field);
          // A cup put down twice leaves a second, weaker ring beside the first.
          if (kind === RING && rng.chance(0.3)) {
            const a = rng.uniform(0, 2 * Math.PI), d = rng.uniform(3, 14) * pxPerMm;
            ring(px, w, h, cx + Math.cos(a) * d, cy + Math.sin(a) * d, R * rng.uniform(0.97, 1.03), op * rng.uniform(0.4, 0.7), false, pxPerMm, rng, field);
          }
        }
      }
      return img;
    });
  },
};

const TABLE = 512;

/** atan2 by a rational approximation (error about 1e-5 rad), cheaper than Math.atan2 in the stain loops. */
function atan2(y: number, x: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const mx = ax > ay ? ax : ay;
  if (mx === 0) return 0;
  const a = (ax > ay ? ay : ax) / mx;
  const s = a * a;
  let r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
  if (ay > ax) r = Math.PI / 2 - r;
  if (x < 0) r = Math.PI - r;
  return y < 0 ? -r : r;
}

/** A smooth periodic function of the angle, TABLE samples over a turn, mean 0 and about unit amplitude. */
function angular(rng: Rng, harmonics: number): Float32Array {
  const t = new Float32Array(TABLE);
  const amp: number[] = [], ph: number[] = [];
  let norm = 0;
  for (let k = 1; k <= harmonics; k++) {
    amp.push(rng.uniform(0.3, 1) / k);
    ph.push(rng.uniform(0, 2 * Math.PI));
    norm += amp[k - 1]! ** 2;
  }
  norm = Math.sqrt(2 / norm);
  for (let i = 0; i < TABLE; i++) {
    const th = (2 * Math.PI * i) / TABLE;
    let v = 0;
    for (let k = 0; k < harmonics; k++) v += amp[k]! * Math.cos((k + 1) * th + ph[k]!);
    t[i] = v * norm * 0.5;
  }
  return t;
}

/**
 * A ring stain (or, with `water`, a water mark): inside the (wobbly) edge a faint mottled fill; at the edge a rim,
 * sharp outside and fading inward, its strength varying around the ring (broken in places).
 */
function ring(px: Uint32Array, w: number, h: number, cx: number, cy: number, R: number, op: number, water: boolean, pxPerMm: number, rng: Rng, field: CoarseField): void {
  const [tr, tg, tb] = water ? WATER_TINT : rng.chance(0.65) ? COFFEE : TEA;
  const shape = angular(rng, water ? 7 : 5);
  const rimVar = angular(rng, 9);
  const wobble = water ? rng.uniform(0.1, 0.2) : rng.uniform(0.012, 0.035);
  const rimA = op * (water ? rng.uniform(0.25, 0.4) : rng.uniform(0.5, 0.85));
  const fillA = op * (water ? rng.uniform(0.03, 0.08) : rng.uniform(0.03, 0.1));
  const wIn = (water ? rng.uniform(0.3, 0.7) : rng.uniform(0.3, 1)) * pxPerMm; // rim's fade inward
  const wOut = (water ? 0.25 : 0.18) * pxPerMm + 0.6; // its sharp outer edge
  const gapBias = water ? 0.2 : rng.uniform(-0.1, 0.5); // higher: fewer gaps in the rim
  const Rmax = R * (1 + 2 * wobble) + wOut + 2;
  const x0 = Math.max(0, Math.floor(cx - Rmax)), x1 = Math.min(w - 1, Math.ceil(cx + Rmax));
  const y0 = Math.max(0, Math.floor(cy - Rmax)), y1 = Math.min(h - 1, Math.ceil(cy + Rmax));
  const kr = 1 - tr / 255, kg = 1 - tg / 255, kb = 1 - tb / 255;
  const toIndex = TABLE / (2 * Math.PI);
  const inner = R * (1 - 2 * wobble) - 7 * wIn; // inside this radius only the fill matters (the rim is < 0.1 %)
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    // This row's span inside Rmax, and inside it the span inside `inner` (fill only: no square root, no angle).
    const ho = Rmax * Rmax - dy * dy;
    if (ho <= 0) continue;
    const so = Math.sqrt(ho);
    const xa = Math.max(x0, Math.floor(cx - so)), xb = Math.min(x1, Math.ceil(cx + so));
    const hi = inner > 0 ? inner * inner - dy * dy : -1;
    const si = hi > 0 ? Math.sqrt(hi) : -1;
    const ia = si > 0 ? Math.max(xa, Math.ceil(cx - si)) : xb + 1, ib = si > 0 ? Math.min(xb, Math.floor(cx + si) - 1) : xb;
    const row = y * w;
    for (let x = xa; x <= xb; x++) {
      let a: number;
      if (x >= ia && x <= ib) {
        // The fill: the mottling field read every 8 pixels and interpolated between.
        const seg = Math.min(ib, x + 7);
        const fa = fieldAt(field, x, y), fb = fieldAt(field, seg + 1, y);
        const step = (fb - fa) / (seg + 1 - x);
        let fv = fa;
        for (; x <= seg; x++, fv += step) {
          const af = fillA * (0.3 + 1.4 * fv);
          if (af <= 0.002) continue;
          const i = row + x;
          const v = px[i]!;
          const nr = ((v & 0xff) * (1 - af * kr) + 0.5) | 0;
          const ng = (((v >>> 8) & 0xff) * (1 - af * kg) + 0.5) | 0;
          const nb = (((v >>> 16) & 0xff) * (1 - af * kb) + 0.5) | 0;
          px[i] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
        }
        x--;
        continue;
      }
      const dx = x + 0.5 - cx;
      const r = Math.sqrt(dx * dx + dy * dy);
      if (r > Rmax) continue;
      const fi = (atan2(dy, dx) + Math.PI) * toIndex;
      const i0 = fi | 0, f = fi - i0;
      const iA = i0 % TABLE, iB = (i0 + 1) % TABLE;
      const edge = R * (1 + wobble * (shape[iA]! + (shape[iB]! - shape[iA]!) * f));
      const d = r - edge;
      if (d >= wOut) continue;
      let rim = 0.5 + gapBias + rimVar[iA]! + (rimVar[iB]! - rimVar[iA]!) * f;
      rim = rim < 0 ? 0 : rim > 1 ? 1 : rim;
      const fill = d < 0 ? fillA * (0.3 + 1.4 * fieldAt(field, x, y)) : 0;
      const prof = d < 0 ? Math.exp(d / wIn) : 1 - d / wOut;
      a = fill + rimA * rim * prof;
      if (a <= 0.002) continue;
      if (a > 1) a = 1;
      const i = row + x;
      const v = px[i]!;
      const nr = ((v & 0xff) * (1 - a * kr) + 0.5) | 0;
      const ng = (((v >>> 8) & 0xff) * (1 - a * kg) + 0.5) | 0;
      const nb = (((v >>> 16) & 0xff) * (1 - a * kb) + 0.5) | 0;
      px[i] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
    }
  }
}

/** Foxing: a cluster of small soft spots, each a darker core in a paler halo. */
function foxing(px: Uint32Array, w: number, h: number, cx: number, cy: number, R: number, op: number, pxPerMm: number, rng: Rng): void {
  const spots = rng.int(4, 18);
  const kr = 1 - FOX[0] / 255, kg = 1 - FOX[1] / 255, kb = 1 - FOX[2] / 255;
  for (let k = 0; k < spots; k++) {
    const rr = R * Math.sqrt(rng.next()), th = rng.uniform(0, 2 * Math.PI);
    const sx = cx + Math.cos(th) * rr, sy = cy + Math.sin(th) * rr;
    const size = Math.max(1, (rng.next() ** 2 * 2.5 + 0.4) * pxPerMm); // mostly small
    const a0 = op * rng.uniform(0.25, 0.6);
    const core = rng.uniform(0.25, 0.5);
    const reach = size * 2;
    const x0 = Math.max(0, Math.floor(sx - reach)), x1 = Math.min(w - 1, Math.ceil(sx + reach));
    const y0 = Math.max(0, Math.floor(sy - reach)), y1 = Math.min(h - 1, Math.ceil(sy + reach));
    const inv = 1 / (size * size);
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - sy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - sx;
        const q = (dx * dx + dy * dy) * inv;
        if (q > 4) continue;
        // A soft halo (gaussian) plus a tighter core.
        const a = a0 * (Math.exp(-q * 1.2) * 0.7 + Math.exp(-q / (core * core)) * 0.6);
        if (a <= 0.002) continue;
        const i = y * w + x;
        const v = px[i]!;
        const f = a > 1 ? 1 : a;
        const nr = ((v & 0xff) * (1 - f * kr) + 0.5) | 0;
        const ng = (((v >>> 8) & 0xff) * (1 - f * kg) + 0.5) | 0;
        const nb = (((v >>> 16) & 0xff) * (1 - f * kb) + 0.5) | 0;
        px[i] = ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
      }
    }
  }
}
