/**
 * Punch holes: the sheet was filed in a binder. Two or four round holes (ISO 838: about 6 mm across, centres about
 * 12 mm from the edge, 80 mm apart) along the left edge, sometimes the top; through them the scanner shows its lid:
 * near black (a dark lid) or a light grey (a white lid, in the shadow of the sheet). The hole's wall casts a
 * crescent of shadow inside it and the paper around it is darkened by a faint ring. Whatever ink was there is gone.
 */
import { createRng } from '../../random/index.js';
import { drawSeed, round, wordsOf } from '../raster.js';
import { KeptList } from './shapes.js';
import { erasing, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface PunchHolesParams extends EffectParams {
  /** Which edge: 'left' or 'top'. */
  edge: string;
  /** Hole centres along the edge, in mm from its middle. */
  offsets: number[];
  /** Distance of the centres from the edge, mm. */
  inset: number;
  /** Hole diameter, mm. */
  diameter: number;
  /** What shows through: grey level (0..255) of the lid. */
  lid: number;
  /** Darkness of the ring around each hole (0..1). */
  ring: number;
  seed: number;
}

const LEVEL: Record<OnLevel, { four: number; dark: number; ring: [number, number] }> = {
  light: { four: 0.2, dark: 0.2, ring: [0.05, 0.12] },
  medium: { four: 0.4, dark: 0.5, ring: [0.1, 0.2] },
  heavy: { four: 0.5, dark: 0.8, ring: [0.15, 0.3] },
};

export const punchHoles: Effect<PunchHolesParams> = {
  name: 'punch_holes',
  stage: 'paper',
  geometric: false,
  summary: 'two or four binder holes along the left (or top) edge showing the scanner lid, with a slight ring',
  augraphy: { name: 'BindingsAndFasteners', imagesPerSecond: 28.21 },
  sample(rng, level) {
    const L = LEVEL[level];
    const shift = rng.uniform(-4, 4); // the punch's guide is never quite centred
    const edge = rng.chance(0.8) ? 'left' : 'top';
    // Four holes need a long edge: along the top (a portrait page's short edge), two.
    const base = edge === 'left' && rng.chance(L.four) ? [-120, -40, 40, 120] : [-40, 40];
    return {
      edge,
      offsets: base.map((o) => round(o + shift + rng.uniform(-0.3, 0.3), 2)),
      inset: round(rng.uniform(10, 13.5), 2),
      diameter: round(rng.uniform(5.5, 6.5), 2),
      lid: rng.chance(L.dark) ? rng.int(18, 50) : rng.int(185, 232),
      ring: round(rng.uniform(...L.ring)),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return erasing(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const list = new KeptList();
      const rng = createRng(p.seed);
      const R = (p.diameter / 2) * pxPerMm;
      const ringW = Math.max(1, 0.25 * pxPerMm);
      const tail = Math.exp(-(4 * ringW + 0.5) / ringW);
      const left = p.edge !== 'top';
      for (const off of p.offsets) {
        const along = (left ? h : w) / 2 + off * pxPerMm;
        const across = p.inset * pxPerMm + rng.uniform(-0.2, 0.2) * pxPerMm;
        const cx = left ? across : along, cy = left ? along : across;
        // The wall's shadow: a crescent on the side away from the light (random per scan, same for all holes).
        const sa = ((p.seed % 360) * Math.PI) / 180;
        const shx = Math.cos(sa), shy = Math.sin(sa);
        const reach = R + 4 * ringW + 1;
        const x0 = Math.max(0, Math.floor(cx - reach)), x1 = Math.min(w - 1, Math.ceil(cx + reach));
        const y0 = Math.max(0, Math.floor(cy - reach)), y1 = Math.min(h - 1, Math.ceil(cy + reach));
        for (let y = y0; y <= y1; y++) {
          const dy = y + 0.5 - cy;
          for (let x = x0; x <= x1; x++) {
            const dx = x + 0.5 - cx;
            const d = Math.sqrt(dx * dx + dy * dy);
            if (d > reach) continue;
            const i = y * w + x;
            const v = px[i]!;
            let r = v & 0xff, g = (v >>> 8) & 0xff, b = (v >>> 16) & 0xff;
            // Outside: the ring darkens the paper (and its ink).
            if (d > R - 0.5) {
              const q = 1 - p.ring * Math.max(0, Math.exp(-(d - R) / ringW) - tail); // no step at the reach
              r *= q;
              g *= q;
              b *= q;
            }
            const cover = Math.max(0, Math.min(1, R + 0.5 - d));
            if (cover > 0) {
              // Inside: the lid, darker in the crescent of the wall's shadow.
              const toward = (dx * shx + dy * shy) / R; // -1..1 across the hole
              const shadow = Math.max(0, toward - 0.2) * (p.lid > 128 ? 0.35 : 0.5);
              const lid = p.lid * (1 - shadow);
              r = r + (lid - r) * cover;
              g = g + (lid - g) * cover;
              b = b + (lid * 1.02 - b) * cover;
              list.push(i, Math.round(255 * (1 - cover)));
            }
            const cr = Math.max(0, Math.min(255, Math.round(r))), cg = Math.max(0, Math.min(255, Math.round(g))), cb = Math.max(0, Math.min(255, Math.round(b)));
            px[i] = ((0xff << 24) | (cb << 16) | (cg << 8) | cr) >>> 0;
          }
        }
      }
      return list.map(w * h);
    });
  },
};
