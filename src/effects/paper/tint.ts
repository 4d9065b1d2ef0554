/**
 * Paper tint: the sheet is not white. Cream and ivory stock, grey recycled paper, paper yellowed with age, or light
 * blue, green or pink office stock; the colour multiplies the whole page, so ink stays dark and greys take the
 * paper's hue, as when a printed sheet is scanned.
 */
import { wordsOf } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface PaperTintParams extends EffectParams {
  /** Name of the stock (for the record). */
  stock: string;
  /** The paper colour multiplied in: r, g, b (0..255). */
  color: number[];
}

/** Stocks: name, full-strength colour, weight. */
const STOCKS: readonly [string, [number, number, number], number][] = [
  ['cream', [255, 246, 222], 3],
  ['ivory', [255, 250, 234], 3],
  ['recycled_grey', [232, 230, 224], 2],
  ['yellowed', [246, 232, 196], 2],
  ['blue', [222, 236, 250], 1],
  ['green', [226, 246, 226], 1],
  ['pink', [252, 228, 234], 1],
  ['buff', [246, 234, 210], 1],
];

/** Share of the stock's colour applied (the rest white), per level. */
const STRENGTH: Record<OnLevel, [number, number]> = { light: [0.25, 0.5], medium: [0.55, 0.85], heavy: [0.9, 1.25] };

const CHUNK = 256;

export const paperTint: Effect<PaperTintParams> = {
  name: 'paper_tint',
  stage: 'paper',
  geometric: false,
  summary: 'paper colour (cream, ivory, grey recycled, yellowed, light blue/green/pink stock) multiplied into the page',
  augraphy: { name: 'ColorPaper', imagesPerSecond: 4.83 },
  sample(rng, level) {
    const [name, rgb] = STOCKS[rng.weighted(STOCKS.map((s) => s[2]))]!;
    const k = rng.uniform(...STRENGTH[level]);
    const jitter = (): number => rng.uniform(-3, 3);
    const color = rgb.map((c) => Math.round(Math.min(255, Math.max(150, 255 - (255 - c) * k + jitter()))));
    return { stock: name, color };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const px = wordsOf(img);
      const [tr = 255, tg = 255, tb = 255] = p.color;
      // Per-channel product tables; the paper word (most of the page) is mapped once.
      const lr = new Uint8Array(256), lg = new Uint16Array(256), lb = new Uint32Array(256);
      for (let c = 0; c < 256; c++) {
        lr[c] = Math.round((c * tr) / 255);
        lg[c] = Math.round((c * tg) / 255) << 8;
        lb[c] = Math.round((c * tb) / 255) << 16;
      }
      const map = (v: number): number => (0xff000000 | lb[(v >>> 16) & 0xff]! | lg[(v >>> 8) & 0xff]! | lr[v & 0xff]!) >>> 0;
      const paperWord = page.paper >>> 0;
      const paperOut = map(paperWord);
      // Runs of paper (compared natively against a paper row) are filled natively; the rest mapped pixel by pixel.
      const w = Math.max(1, img.width);
      const bytes = Buffer.from(px.buffer, px.byteOffset, px.byteLength);
      const ref = Buffer.alloc(w * 4);
      new Uint32Array(ref.buffer, ref.byteOffset, w).fill(paperWord);
      let lastIn = paperWord, lastOut = paperOut;
      for (let start = 0; start < px.length; start += w) {
        for (let x0 = 0; x0 < w; x0 += CHUNK) {
          const s = start + x0, e = Math.min(start + w, s + CHUNK, px.length);
          if (bytes.compare(ref, 0, (e - s) * 4, s * 4, e * 4) === 0) {
            px.fill(paperOut, s, e);
            continue;
          }
          for (let i = s; i < e; i++) {
            const v = px[i]!;
            if (v === paperWord) px[i] = paperOut;
            else if (v === lastIn) px[i] = lastOut;
            else {
              lastIn = v;
              px[i] = lastOut = map(v);
            }
          }
        }
      }
      return img;
    });
  },
};
