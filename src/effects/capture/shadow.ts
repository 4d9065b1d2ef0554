/**
 * Shadow: something between the light and the page casts a soft shadow across part of it, as when a phone, a hand
 * or the edge of a book blocks a lamp while the page is photographed. The shadow is one or two soft half-planes with
 * slightly curved edges: a side of the page ('edge'), a corner ('corner', a hand or phone reaching in) or a band
 * across the page ('band', an arm or a pen). Inside, the page darkens by `depth` with a faint cool or warm tint; the
 * penumbra widens along the edge, as it does the farther the occluder is from the page.
 */
import { round } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';
import { intWordsOf } from './util.js';

export interface ShadowParams extends EffectParams {
  shape: 'edge' | 'corner' | 'band';
  /** First edge: direction into the shadow (degrees; 0: toward the right side, 90: toward the bottom). */
  angle: number;
  /** Where the edge crosses, as a fraction of the page's extent along `angle` (shadow beyond it). */
  at: number;
  /** Penumbra width as a fraction of the page's diagonal. */
  soft: number;
  /** Bend of the edge: its ends move by `curve` / 4 of the diagonal. */
  curve: number;
  /** Second edge ('corner' and 'band' only; unused for 'edge'). */
  angle2: number;
  at2: number;
  soft2: number;
  curve2: number;
  /** How much light the shadow takes at its darkest (0..1). */
  depth: number;
  /** Colour of the shadow: > 0 cool (red falls most), < 0 warm, -1..1. */
  tint: number;
  /** How much the penumbra widens from one end of the edge to the other (0: constant). */
  widen: number;
}

const DEPTH: Record<OnLevel, [number, number]> = { light: [0.1, 0.15], medium: [0.15, 0.28], heavy: [0.28, 0.45] };

/** Steps of the smoothstep table over the penumbra. */
const STEPS = 1024;

export const shadow: Effect<ShadowParams> = {
  name: 'shadow',
  stage: 'capture',
  geometric: false,
  summary: 'a soft-edged shadow of a phone, hand or book edge across part of the page, darkened 10-45%',
  augraphy: { name: 'ShadowCast', imagesPerSecond: 0.75 },
  sample(rng, level) {
    const shape = (['edge', 'corner', 'band'] as const)[rng.weighted([0.45, 0.35, 0.2])]!;
    const side = rng.int(0, 3) * 90;
    const soft = () => round(rng.uniform(0.015, 0.08));
    const curve = () => round(rng.uniform(-0.12, 0.12));
    let angle: number, at: number, angle2 = 0, at2 = 0;
    if (shape === 'edge') {
      angle = side + rng.uniform(-15, 15);
      at = rng.uniform(0.55, 0.9);
    } else if (shape === 'corner') {
      angle = side + rng.uniform(-20, 20);
      angle2 = side + 90 + rng.uniform(-20, 20);
      at = rng.uniform(0.3, 0.7);
      at2 = rng.uniform(0.3, 0.7);
    } else {
      const centre = rng.uniform(0.2, 0.8), width = rng.uniform(0.08, 0.25);
      angle = side + rng.uniform(-30, 30);
      angle2 = angle + 180 + rng.uniform(-6, 6);
      at = centre - width / 2;
      at2 = 1 - centre - width / 2;
    }
    return {
      shape,
      angle: round(angle, 1),
      at: round(at),
      soft: soft(),
      curve: curve(),
      angle2: round(angle2, 1),
      at2: round(at2),
      soft2: soft(),
      curve2: curve(),
      depth: round(rng.uniform(...DEPTH[level])),
      tint: round(rng.uniform(-0.5, 1), 2),
      widen: round(rng.uniform(0, 1.5), 2),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const diag = Math.hypot(w, h);
      // An edge: signed distance (px) into the shadow at (x, y) = e0 + ex * x + ey * y + bend * t^2, where t runs
      // along the edge; penumbra width soft * (1 + widen * t / diag).
      const edge = (angle: number, at: number, soft: number, curve: number): Edge => {
        const a = (angle * Math.PI) / 180;
        const ca = Math.cos(a), sa = Math.sin(a);
        const pmin = Math.min(0, ca * w) + Math.min(0, sa * h);
        const span = Math.abs(ca * w) + Math.abs(sa * h);
        const t0 = -sa * (w / 2) + ca * (h / 2);
        return { ca, sa, e0: -pmin - at * span, t0, bend: curve / diag, soft: Math.max(1, soft * diag), widen: p.widen / diag };
      };
      const edges = [edge(p.angle, p.at, p.soft, p.curve)];
      if (p.shape !== 'edge') edges.push(edge(p.angle2, p.at2, p.soft2, p.curve2));
      // Shadow strength by coverage (0..STEPS) -> per-channel multipliers (0..256).
      const kr = new Int32Array(STEPS + 1), kg = new Int32Array(STEPS + 1), kb = new Int32Array(STEPS + 1);
      for (let s = 0; s <= STEPS; s++) {
        const u = s / STEPS;
        const m = p.depth * u * u * (3 - 2 * u);
        kr[s] = Math.round(256 * (1 - m * (1 + 0.12 * p.tint)));
        kg[s] = Math.round(256 * (1 - m));
        kb[s] = Math.round(256 * (1 - m * (1 - 0.12 * p.tint)));
      }
      castShadow(intWordsOf(img), w, h, edges, kr, kg, kb);
      return img;
    });
  },
};

/** A soft shadow edge: signed distance (px) into the shadow e0 + ca x + sa y + bend t^2, t = -sa x + ca y - t0. */
interface Edge {
  ca: number;
  sa: number;
  e0: number;
  t0: number;
  bend: number;
  /** Penumbra width (px) at t = 0, and its growth per pixel of t (as a share). */
  soft: number;
  widen: number;
}

/**
 * Darkens `px` in place under the shadow, the product of the edges' coverages, by the per-channel multipliers for
 * each coverage step (module level, so V8 reuses its optimised code).
 */
function castShadow(px: Int32Array, w: number, h: number, edges: Edge[], kr: Int32Array, kg: Int32Array, kb: Int32Array): void {
  const cover = new Float32Array(w);
  for (let y = 0; y < h; y++) {
    cover.fill(1);
    let any = true;
    for (const e of edges) {
      // Along the row: d = d0 + dx * x + bend * (tr + tx * x)^2.
      const d0 = e.e0 + e.sa * y, dx = e.ca;
      const tr = e.ca * y - e.t0, tx = -e.sa;
      const bend = e.bend, soft = e.soft, widen = e.widen;
      let inside = false;
      for (let x = 0; x < w; x++) {
        const t = tr + tx * x;
        const d = d0 + dx * x + bend * t * t;
        const sw = soft * (1 + widen * t);
        const q = d / (sw > 1 ? sw : 1) + 0.5;
        if (q <= 0) cover[x] = 0;
        else if (q < 1) {
          cover[x]! *= q;
          inside = true;
        } else inside = true;
      }
      if (!inside) {
        any = false;
        break;
      }
    }
    if (!any) continue;
    const base = y * w;
    for (let x = 0; x < w; x++) {
      const c = cover[x]!;
      if (c === 0) continue;
      const s = (c * STEPS) | 0;
      const i = base + x;
      const v = px[i]!;
      px[i] = 0xff000000 | (((((v >>> 16) & 0xff) * kb[s]!) >> 8) << 16) | (((((v >>> 8) & 0xff) * kg[s]!) >> 8) << 8) | (((v & 0xff) * kr[s]!) >> 8);
    }
  }
}
