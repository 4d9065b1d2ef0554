/**
 * Helpers shared by the ink and paper effects: finding paper and ink fast (memcmp runs against the paper word), an
 * `inkKept` map built from the few pixels an eraser touched, multiplying a pixel by a colour, a smooth field as
 * plain data with an inlinable reader, and drawing soft discs, curves and capsule strokes (into the page or into a
 * coverage mask that remembers the spans it touched).
 */

/** Length of the runs of pixels {@link PaperRuns} compares at once. */
export const RUN = 128;

/**
 * Finds paper fast: a page is mostly paper, so a whole row or a run of pixels is compared natively (memcmp) with a
 * row of the paper word, and only the rows and runs that differ need a pixel loop.
 * @example if (!runs.rowIsPaper(y)) for (let x0 = 0; x0 < w; x0 += RUN) if (!runs.isPaper(y, x0, Math.min(w, x0 + RUN))) ...
 */
export class PaperRuns {
  private readonly bytes: Buffer;
  private readonly ref: Buffer;
  constructor(px: Uint32Array, paper: number, private readonly width: number) {
    this.bytes = Buffer.from(px.buffer, px.byteOffset, px.byteLength);
    this.ref = Buffer.alloc(Math.max(1, width) * 4);
    new Uint32Array(this.ref.buffer, this.ref.byteOffset, Math.max(1, width)).fill(paper >>> 0);
  }
  /** Whether row y is all paper. */
  rowIsPaper(y: number): boolean {
    const b = y * this.width * 4;
    return this.bytes.compare(this.ref, 0, this.width * 4, b, b + this.width * 4) === 0;
  }
  /** Whether pixels x0..x1-1 of row y are all paper. */
  isPaper(y: number, x0: number, x1: number): boolean {
    const b = (y * this.width + x0) * 4;
    return this.bytes.compare(this.ref, 0, (x1 - x0) * 4, b, b + (x1 - x0) * 4) === 0;
  }
}

/** Indices of the pixels that differ from the paper word, in row-major order (skipping paper with {@link PaperRuns}). */
export function inkIndices(px: Uint32Array, paper: number, width: number): Int32Array {
  const pw = paper >>> 0;
  const w = Math.max(1, width);
  const runs = new PaperRuns(px, pw, w);
  let out = new Int32Array(1 << 16);
  let n = 0;
  const h = Math.floor(px.length / w);
  for (let y = 0; y < h; y++) {
    if (runs.rowIsPaper(y)) continue;
    for (let x0 = 0; x0 < w; x0 += RUN) {
      const x1 = Math.min(w, x0 + RUN);
      if (runs.isPaper(y, x0, x1)) continue;
      if (n + RUN > out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      for (let i = y * w + x0, e = y * w + x1; i < e; i++) if (px[i] !== pw) out[n++] = i;
    }
  }
  return out.subarray(0, n);
}

/** A growable list of (pixel index, kept byte) pairs, for erasers that touch few pixels. */
export class KeptList {
  idx = new Int32Array(4096);
  vals = new Uint8Array(4096);
  n = 0;
  push(i: number, kept: number): void {
    if (this.n === this.idx.length) {
      const gi = new Int32Array(this.n * 2);
      gi.set(this.idx);
      this.idx = gi;
      const gv = new Uint8Array(this.n * 2);
      gv.set(this.vals);
      this.vals = gv;
    }
    this.idx[this.n] = i;
    this.vals[this.n++] = kept;
  }
  /** The full-page map (255 where nothing was recorded; the lowest value where a pixel was recorded twice). */
  map(size: number): Uint8Array {
    const out = new Uint8Array(size).fill(255);
    for (let k = 0; k < this.n; k++) {
      const i = this.idx[k]!;
      const v = this.vals[k]!;
      if (v < out[i]!) out[i] = v;
    }
    return out;
  }
}

/** The pixel word multiplied channel-wise by factors in [0, 1] (paper under ink: a stain, a tint, a shadow). */
export function mulWord(v: number, fr: number, fg: number, fb: number): number {
  const r = ((v & 0xff) * fr + 0.5) | 0;
  const g = (((v >>> 8) & 0xff) * fg + 0.5) | 0;
  const b = (((v >>> 16) & 0xff) * fb + 0.5) | 0;
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * Multiplies a soft-edged disc (centre cx, cy, radius r in pixels; anti-aliased over one pixel, discs under a pixel
 * wide fade with their area) of colour (cr, cg, cb) at opacity `alpha` into the page.
 */
export function stampDisc(px: Uint32Array, w: number, h: number, cx: number, cy: number, r: number, cr: number, cg: number, cb: number, alpha: number): void {
  const reach = r + 0.5;
  const x0 = Math.max(0, Math.floor(cx - reach)), x1 = Math.min(w - 1, Math.floor(cx + reach));
  const y0 = Math.max(0, Math.floor(cy - reach)), y1 = Math.min(h - 1, Math.floor(cy + reach));
  // A disc smaller than a pixel: its coverage is its area, spread by distance.
  const small = r < 0.5 ? (Math.PI * r * r) / (Math.PI * 0.25) : 1;
  const ar = 1 - cr / 255, ag = 1 - cg / 255, ab = 1 - cb / 255;
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      const d = Math.sqrt(dx * dx + dy * dy);
      let c = Math.max(r, 0.5) + 0.5 - d;
      if (c <= 0) continue;
      if (c > 1) c = 1;
      const a = c * small * alpha;
      const i = y * w + x;
      px[i] = mulWord(px[i]!, 1 - a * ar, 1 - a * ag, 1 - a * ab);
    }
  }
}

/** Reused scratch for {@link stampCurve}. */
let scratch = new Float32Array(1 << 14);

/**
 * Multiplies a quadratic Bezier stroke (P0, P1 control, P2; `width` px, tapered toward the ends when `taper`) of
 * colour (cr, cg, cb) at opacity `alpha` into the page, with soft edges. Coverage is the maximum over the stroke, so
 * it does not darken where the curve overlaps itself.
 */
export function stampCurve(
  px: Uint32Array, w: number, h: number,
  x0: number, y0: number, x1: number, y1: number, x2: number, y2: number,
  width: number, cr: number, cg: number, cb: number, alpha: number, taper = true,
): void {
  const r = Math.max(0.5, width / 2);
  const bx = Math.floor(Math.min(x0, x1, x2) - r - 1), by = Math.floor(Math.min(y0, y1, y2) - r - 1);
  const bw = Math.ceil(Math.max(x0, x1, x2) + r + 1) - bx + 1, bh = Math.ceil(Math.max(y0, y1, y2) + r + 1) - by + 1;
  if (bw * bh > scratch.length) scratch = new Float32Array(bw * bh);
  const cov = scratch;
  cov.fill(0, 0, bw * bh);
  const len = Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x2 - x1, y2 - y1);
  const steps = Math.max(2, Math.ceil(len * 2.5));
  const thin = width < 1 ? width : 1; // strokes under a pixel wide fade with their width
  for (let s = 0; s <= steps; s++) {
    const t = s / steps, u = 1 - t;
    const fx = u * u * x0 + 2 * u * t * x1 + t * t * x2 - bx, fy = u * u * y0 + 2 * u * t * y1 + t * t * y2 - by;
    const rr = taper ? r * Math.min(1, 0.35 + 2.6 * t * u) : r;
    const reach = rr + 0.5;
    const ix0 = Math.max(0, Math.floor(fx - reach)), ix1 = Math.min(bw - 1, Math.floor(fx + reach));
    const iy0 = Math.max(0, Math.floor(fy - reach)), iy1 = Math.min(bh - 1, Math.floor(fy + reach));
    for (let iy = iy0; iy <= iy1; iy++) {
      const dy = iy + 0.5 - fy;
      for (let ix = ix0; ix <= ix1; ix++) {
        const dx = ix + 0.5 - fx;
        let c = reach - Math.sqrt(dx * dx + dy * dy);
        if (c <= 0) continue;
        if (c > 1) c = 1;
        const o = iy * bw + ix;
        if (cov[o]! < c) cov[o] = c;
      }
    }
  }
  const ar = 1 - cr / 255, ag = 1 - cg / 255, ab = 1 - cb / 255;
  for (let iy = 0; iy < bh; iy++) {
    const y = by + iy;
    if (y < 0 || y >= h) continue;
    for (let ix = 0; ix < bw; ix++) {
      const c = cov[iy * bw + ix]!;
      if (c <= 0) continue;
      const x = bx + ix;
      if (x < 0 || x >= w) continue;
      const a = c * thin * alpha;
      const i = y * w + x;
      px[i] = mulWord(px[i]!, 1 - a * ar, 1 - a * ag, 1 - a * ab);
    }
  }
}

/**
 * A coverage mask over the page (0..255 per pixel, maximum of what is drawn into it) that remembers the span of
 * columns touched in each row, so applying it visits only those spans.
 */
export class Mask {
  readonly data: Uint8Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height);
    this.lo = new Int32Array(height).fill(width);
    this.hi = new Int32Array(height).fill(-1);
  }

  /**
   * Draws a capsule (segment a-b, radius r px) at `level` (0..1) with a soft edge `soft` px wide. Each row is
   * visited only over the segment's own span.
   */
  capsule(ax: number, ay: number, bx: number, by: number, r: number, level: number, soft = 1): void {
    const { width: w, height: h, data } = this;
    const reach = r + soft / 2;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach)), y1 = Math.min(h - 1, Math.ceil(Math.max(ay, by) + reach));
    const peak = 255 * Math.max(0, Math.min(1, level));
    for (let y = y0; y <= y1; y++) {
      const cy = y + 0.5;
      // Span of the segment within `reach` of this row, widened by `reach`.
      let t0 = 0, t1 = 1;
      if (Math.abs(dy) > 1e-9) {
        const ta = (cy - reach - ay) / dy, tb = (cy + reach - ay) / dy;
        t0 = Math.max(0, Math.min(ta, tb));
        t1 = Math.min(1, Math.max(ta, tb));
        if (t0 > t1) continue;
      }
      const xa = ax + dx * t0, xb = ax + dx * t1;
      const x0 = Math.max(0, Math.floor(Math.min(xa, xb) - reach)), x1 = Math.min(w - 1, Math.ceil(Math.max(xa, xb) + reach));
      if (x0 > x1) continue;
      const row = y * w;
      let touched = false;
      for (let x = x0; x <= x1; x++) {
        const cx = x + 0.5;
        let t = len2 > 0 ? ((cx - ax) * dx + (cy - ay) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = ax + dx * t - cx, ey = ay + dy * t - cy;
        const d = Math.sqrt(ex * ex + ey * ey);
        let c = (reach - d) / soft;
        if (c <= 0) continue;
        if (c > 1) c = 1;
        const v = (c * peak + 0.5) | 0;
        if (v > data[row + x]!) data[row + x] = v;
        touched = true;
      }
      if (touched) {
        if (x0 < this.lo[y]!) this.lo[y] = x0;
        if (x1 > this.hi[y]!) this.hi[y] = x1;
      }
    }
  }

  /** Draws a polyline (x, y pairs) as capsules. */
  polyline(pts: readonly number[], r: number, level: number, soft = 1): void {
    for (let k = 0; k + 3 < pts.length; k += 2) this.capsule(pts[k]!, pts[k + 1]!, pts[k + 2]!, pts[k + 3]!, r, level, soft);
  }

  /** Multiplies the masked pixels by 1 - strength * mask / 255 * (1 - tint / 255), channel by channel. */
  multiplyInto(px: Uint32Array, strength: number, tr = 0, tg = 0, tb = 0): void {
    const { width: w, data } = this;
    const kr = strength * (1 - tr / 255) / 255, kg = strength * (1 - tg / 255) / 255, kb = strength * (1 - tb / 255) / 255;
    for (let y = 0; y < this.height; y++) {
      const lo = this.lo[y]!, hi = this.hi[y]!;
      if (hi < lo) continue;
      const row = y * w;
      for (let i = row + lo, e = row + hi; i <= e; i++) {
        const m = data[i]!;
        if (m === 0) continue;
        px[i] = mulWord(px[i]!, 1 - m * kr, 1 - m * kg, 1 - m * kb);
      }
    }
  }
}
