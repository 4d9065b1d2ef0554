/**
 * Bleed-through: the other side of the sheet shows through. The verso is modelled by the page's own ink, mirrored
 * left to right and shifted (its lines do not coincide with the recto's), blurred by the paper it shines through
 * and very faint, its strength varying a little with the sheet's thickness. It is multiplied in only where the
 * mirror has ink. Ink is found by darkness against the paper's level (sampled from the page), so this works after
 * other paper effects have tinted or textured the sheet; the work is done on a grid of 3 x 3 pixel cells.
 */
import { coarseField, drawSeed, fieldAt, lumaOf, round, wordsOf } from '../raster.js';
import { photometric, type Effect, type EffectParams, type OnLevel } from '../types.js';

export interface BleedThroughParams extends EffectParams {
  /** Shift of the mirrored verso, as fractions of the page width and height. */
  dx: number;
  dy: number;
  /** Blur (standard deviation) in mm. */
  blur: number;
  /** Darkening where the verso's ink is solid (0..1). */
  strength: number;
  seed: number;
}

const STRENGTH: Record<OnLevel, [number, number]> = { light: [0.05, 0.09], medium: [0.09, 0.16], heavy: [0.16, 0.26] };

/** Grid cell size in pixels. */
const S = 3;

export const bleedThrough: Effect<BleedThroughParams> = {
  name: 'bleed_through',
  stage: 'paper',
  geometric: false,
  summary: 'the verso shows through: the page mirrored left-right, shifted, blurred and very faint, multiplied in',
  augraphy: { name: 'BleedThrough', imagesPerSecond: 0.39 },
  sample(rng, level) {
    return {
      dx: round(rng.uniform(-0.03, 0.03), 4),
      dy: round(rng.uniform(-0.025, 0.025), 4),
      blur: round(rng.uniform(0.25, 0.6)),
      strength: round(rng.uniform(...STRENGTH[level])),
      seed: drawSeed(rng),
    };
  },
  transform(p, page) {
    return photometric(page, (img) => {
      const { width: w, height: h } = img;
      const px = wordsOf(img);
      const pxPerMm = page.dpi / 25.4;
      const paperWord = page.paper >>> 0;
      // The paper's level: a high percentile of a sparse sample (robust to earlier tints and textures).
      const hist = new Uint32Array(256);
      let samples = 0;
      for (let y = 3; y < h; y += 17) for (let x = 5; x < w; x += 13, samples++) hist[lumaOf(px[y * w + x]!)]!++;
      let acc = 0, paperL = 255;
      for (let l = 255; l >= 0; l--) {
        acc += hist[l]!;
        if (acc >= samples * 0.2) {
          paperL = l;
          break;
        }
      }
      const floor = paperL - 24; // darker than this is ink (grain, texture and faint marks are not)
      // Mirrored, shifted ink darkness accumulated on the grid (mean over each cell), weighted by the thickness field.
      const gw = Math.ceil(w / S) + 2, gh = Math.ceil(h / S) + 2;
      const grid = new Float32Array(gw * gh);
      const field = coarseField(w, h, p.seed, Math.max(48, 40 * pxPerMm), 2);
      const sx = Math.round(p.dx * w) + w - 1, sy = Math.round(p.dy * h);
      const bytes = Buffer.from(px.buffer, px.byteOffset, px.byteLength);
      const ref = Buffer.alloc(w * 4);
      new Uint32Array(ref.buffer, ref.byteOffset, w).fill(paperWord);
      const CH = 128;
      for (let y = 0; y < h; y++) {
        const my = y + sy;
        if (my < 0 || my >= h) continue;
        const grow = ((my / S) | 0) * gw;
        const rb = y * w * 4;
        if (bytes.compare(ref, 0, w * 4, rb, rb + w * 4) === 0) continue;
        for (let x0 = 0; x0 < w; x0 += CH) {
          const x1 = Math.min(w, x0 + CH);
          if (bytes.compare(ref, 0, (x1 - x0) * 4, rb + x0 * 4, rb + x1 * 4) === 0) continue;
          for (let x = x0; x < x1; x++) {
            const v = px[y * w + x]!;
            if (v === paperWord) continue;
            const d = floor - lumaOf(v);
            if (d <= 0) continue;
            const mx = sx - x;
            if (mx < 0 || mx >= w) continue;
            grid[grow + ((mx / S) | 0)]! += d * (0.55 + 0.9 * fieldAt(field, mx, my));
          }
        }
      }
      // Blur: two box passes each way (about gaussian), radius from the blur in cells.
      const r = Math.max(1, Math.round((p.blur * pxPerMm) / S));
      const tmp = new Float32Array(gw * gh);
      boxBlur(grid, tmp, gw, gh, r);
      boxBlur(grid, tmp, gw, gh, r);
      // Apply: per pixel row, the grid rows around it interpolated over the span that has any darkness.
      const k = p.strength / (255 * S * S); // grid holds sums over S*S pixels of 0..255 darkness
      const lo = new Int32Array(gh).fill(gw), hi = new Int32Array(gh).fill(-1);
      const eps = 0.4 / (k * 256); // below this a pixel would not change
      for (let j = 0; j < gh; j++) {
        const row = j * gw;
        for (let i = 0; i < gw; i++) if (grid[row + i]! > eps) { lo[j] = i; break; }
        for (let i = gw - 1; i >= 0; i--) if (grid[row + i]! > eps) { hi[j] = i; break; }
      }
      const line = new Float32Array(gw);
      for (let y = 0; y < h; y++) {
        const gy = (y + 0.5) / S - 0.5;
        const j = Math.max(0, Math.floor(gy)), fy = Math.max(0, gy - j);
        const j1 = Math.min(gh - 1, j + 1);
        const ilo = Math.min(lo[j]!, lo[j1]!), ihi = Math.max(hi[j]!, hi[j1]!);
        if (ihi < ilo) continue;
        const r0 = j * gw, r1 = j1 * gw;
        for (let i = ilo; i <= Math.min(gw - 1, ihi + 1); i++) line[i] = grid[r0 + i]! + (grid[r1 + i]! - grid[r0 + i]!) * fy;
        const x0 = Math.max(0, ilo * S), x1 = Math.min(w - 1, (ihi + 1) * S + S - 1);
        const row = y * w;
        for (let x = x0; x <= x1; x++) {
          const gx = (x + 0.5) / S - 0.5;
          const i = gx < 0 ? 0 : gx | 0;
          const fx = gx - i;
          const dv = line[i]! + ((i + 1 < gw ? line[i + 1]! : 0) - line[i]!) * fx;
          const q = (dv * k * 256) | 0; // darkening in 1/256
          if (q <= 0) continue;
          const f = 256 - (q > 200 ? 200 : q);
          const v = px[row + x]!;
          px[row + x] = ((0xff << 24) | (((((v >>> 16) & 0xff) * f) >>> 8) << 16) | (((((v >>> 8) & 0xff) * f) >>> 8) << 8) | (((v & 0xff) * f) >>> 8)) >>> 0;
        }
      }
      return img;
    });
  },
};

/** A box blur of radius r along rows then columns (src -> tmp -> src), in place. */
function boxBlur(src: Float32Array, tmp: Float32Array, gw: number, gh: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  for (let j = 0; j < gh; j++) {
    const row = j * gw;
    let s = 0;
    for (let i = 0; i <= r && i < gw; i++) s += src[row + i]!;
    for (let i = 0; i < gw; i++) {
      tmp[row + i] = s * inv;
      const add = i + r + 1, sub = i - r;
      if (add < gw) s += src[row + add]!;
      if (sub >= 0) s -= src[row + sub]!;
    }
  }
  // Columns, row by row (memory order): a running sum per column.
  const col = new Float64Array(gw);
  for (let j = 0; j <= r && j < gh; j++) for (let i = 0, o = j * gw; i < gw; i++) col[i]! += tmp[o + i]!;
  for (let j = 0; j < gh; j++) {
    const row = j * gw;
    for (let i = 0; i < gw; i++) src[row + i] = col[i]! * inv;
    const add = j + r + 1, sub = j - r;
    if (add < gh) for (let i = 0, o = add * gw; i < gw; i++) col[i]! += tmp[o + i]!;
    if (sub >= 0) for (let i = 0, o = sub * gw; i < gw; i++) col[i]! -= tmp[o + i]!;
  }
}
