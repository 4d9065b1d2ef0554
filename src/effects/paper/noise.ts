/**
 * Paper noise: the dirt a photocopier or a scanner glass adds. Scattered dark specks of dust and toner, small
 * clusters of toner spatter, a few hairs or scratches, and (heavier) a band of specks along one edge where the lid
 * or the feeder rubs. Each is a soft-edged dark mark multiplied into the page.
 */
import { createRng } from '../../random/index.js';
import { drawSeed, round, wordsOf } from '../raster.js';
import { stampCurve, stampDisc } from './shapes.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface PaperNoiseParams extends EffectParams {
  /** Scattered specks per square decimetre. */
  specks: number;
  /** Median speck radius in mm. */
  radius: number;
  /** Clusters of toner spatter on the page. */
  clusters: number;
  /** Hairs and scratches on the page. */
  hairs: number;
  /** Specks along one edge (0: none). */
  edgeSpecks: number;
  /** Which edge: 0 top, 1 right, 2 bottom, 3 left. */
  edge: number;
  seed: number;
}

interface LevelSpec {
  specks: [number, number];
  radius: [number, number];
  clusters: [number, number];
  hairs: [number, number];
  edge: number;
  edgeSpecks: [number, number];
}

const LEVEL: Record<OnLevel, LevelSpec> = {
  light: { specks: [3, 10], radius: [0.06, 0.1], clusters: [0, 1], hairs: [0, 0], edge: 0, edgeSpecks: [0, 0] },
  medium: { specks: [12, 35], radius: [0.07, 0.12], clusters: [1, 3], hairs: [0, 2], edge: 0.3, edgeSpecks: [60, 200] },
  heavy: { specks: [40, 110], radius: [0.08, 0.15], clusters: [3, 8], hairs: [1, 4], edge: 0.6, edgeSpecks: [200, 600] },
};

export const paperNoise: Effect<PaperNoiseParams> = {
  name: 'paper_noise',
  stage: 'paper',
  geometric: false,
  summary: 'copier dirt: dust specks, toner spatter clusters, hairs and a band of specks along an edge',
  augraphy: { name: 'BadPhotoCopy', imagesPerSecond: 0.17 },
  sample(rng, level) {
    const L = LEVEL[level];
    const edge = rng.chance(L.edge);
    return {
      specks: round(rng.uniform(...L.specks), 1),
      radius: round(rng.uniform(...L.radius)),
      clusters: rng.int(...L.clusters),
      hairs: rng.int(...L.hairs),
      edgeSpecks: edge ? rng.int(...L.edgeSpecks) : 0,
      edge: rng.int(0, 3),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const rng = createRng(p.seed);
      const rMed = p.radius * pxPerMm;
      const gaussian = (): number => {
        const u = Math.max(1e-9, rng.next());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
      };
      /** A speck: dark grey to black, mostly opaque, radius log-normal around `r`. */
      const speck = (x: number, y: number, r: number, opacity: number): void => {
        const g = rng.int(15, 80), tb = g + rng.int(-5, 5);
        const rr = r * Math.exp(0.5 * gaussian());
        const o = opacity * rng.uniform(0.55, 1);
        stampDisc(px, w, h, x, y, rr, g, g, tb, o);
        // Some are irregular: a smaller disc or two stuck to the side.
        if (rr > 0.6 && rng.chance(0.4)) {
          for (let k = rng.int(1, 2); k > 0; k--) {
            const a = rng.uniform(0, 2 * Math.PI), s = rr * rng.uniform(0.4, 0.8);
            stampDisc(px, w, h, x + Math.cos(a) * (rr + s) * 0.7, y + Math.sin(a) * (rr + s) * 0.7, s, g, g, tb, o * 0.8);
          }
        }
      };
      // Scattered specks.
      const n = Math.round((p.specks * (w / pxPerMm) * (h / pxPerMm)) / 10000);
      for (let k = 0; k < n; k++) speck(rng.uniform(0, w), rng.uniform(0, h), rMed, 1);
      // Toner spatter: a tight cloud of tiny dots, denser at its centre.
      for (let c = 0; c < p.clusters; c++) {
        const cx = rng.uniform(0, w), cy = rng.uniform(0, h);
        const spread = rng.uniform(1, 6) * pxPerMm;
        const dots = rng.int(12, 70);
        const ell = rng.uniform(0.4, 1), th = rng.uniform(0, Math.PI);
        for (let k = 0; k < dots; k++) {
          const a = gaussian() * spread, b = gaussian() * spread * ell;
          speck(cx + a * Math.cos(th) - b * Math.sin(th), cy + a * Math.sin(th) + b * Math.cos(th), rMed * 0.7, 0.9);
        }
      }
      // Hairs and scratches: thin dark curves, a few mm to a couple of cm long.
      for (let k = 0; k < p.hairs; k++) {
        const len = rng.uniform(3, 20) * pxPerMm;
        const th = rng.uniform(0, 2 * Math.PI);
        const x0 = rng.uniform(0, w), y0 = rng.uniform(0, h);
        const x2 = x0 + Math.cos(th) * len, y2 = y0 + Math.sin(th) * len;
        const bend = rng.uniform(-0.4, 0.4) * len;
        const x1 = (x0 + x2) / 2 - Math.sin(th) * bend, y1 = (y0 + y2) / 2 + Math.cos(th) * bend;
        const g = rng.int(20, 90);
        stampCurve(px, w, h, x0, y0, x1, y1, x2, y2, rng.uniform(0.5, 1.3) * pxPerMm * 0.15 + 0.4, g, g, g, rng.uniform(0.5, 0.9));
      }
      // A band of specks along one edge, thinning away from it.
      const depth = rng.uniform(3, 12) * pxPerMm;
      for (let k = 0; k < p.edgeSpecks; k++) {
        const along = rng.next();
        const inward = Math.abs(gaussian()) * depth * 0.5;
        const [x, y] = p.edge === 0 ? [along * w, inward] : p.edge === 1 ? [w - inward, along * h] : p.edge === 2 ? [along * w, h - inward] : [inward, along * h];
        speck(x, y, rMed * 0.8, Math.max(0.25, 1 - inward / depth));
      }
      return img;
    });
  },
};
