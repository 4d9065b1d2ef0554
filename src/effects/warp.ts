/**
 * Geometric transforms: a point mapping (forward for boxes, inverse for pixels) and one image remap that serves
 * every mapping. Coordinates are continuous pixel coordinates: pixel (i, j) covers [i, i+1) x [j, j+1).
 *
 * Why a remap written here: sharp's `affine` does rotation and shear (about 85 ms a page here) but neither
 * perspective nor curl; OpenCV's wasm build (@techstark/opencv-js) remaps a page in 60-120 ms but costs 0.5 s and
 * 100 MB to load in every worker; image-js `transform` takes 400-600 ms. This remap interpolates the inverse map on a
 * 16-px grid (exact for affine maps, under 0.01 px off for the smooth ones used here) and blends four pixel words
 * two channels at a time, skipping the blend where all four are the same word (most of a page is paper).
 */
import type { Interpolation, Transform } from './types.js';
import { wordsOf, type Raster } from './raster.js';

/** A point mapping from the input image to the output image. */
export interface Mapping {
  /** Maps x, y pairs forward, in place. */
  forward(xy: Float64Array): void;
  /** Writes the input point that lands on (x, y) into out[0], out[1]. */
  inverse(x: number, y: number, out: Float64Array): void;
  /** True for affine and projective maps (straight lines stay straight). */
  readonly projective: boolean;
}

/** x' = a x + b y + c, y' = d x + e y + f. */
export function affineMapping([a, b, c, d, e, f]: readonly number[]): Mapping {
  const det = a! * e! - b! * d!;
  if (Math.abs(det) < 1e-12) throw new RangeError('affine map is singular');
  const ia = e! / det, ib = -b! / det, id = -d! / det, ie = a! / det;
  return {
    projective: true,
    forward(xy) {
      for (let i = 0; i < xy.length; i += 2) {
        const x = xy[i]!, y = xy[i + 1]!;
        xy[i] = a! * x + b! * y + c!;
        xy[i + 1] = d! * x + e! * y + f!;
      }
    },
    inverse(x, y, out) {
      const u = x - c!, v = y - f!;
      out[0] = ia * u + ib * v;
      out[1] = id * u + ie * v;
    },
  };
}

/** Inverse of a 3x3 matrix (row-major). */
export function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-15) throw new RangeError('homography is singular');
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/** The homography taking four points `from` to four points `to` (x, y pairs), row-major 3x3 with h33 = 1. */
export function homographyFrom(from: readonly number[], to: readonly number[]): number[] {
  // Solve the 8x8 system by Gaussian elimination with partial pivoting.
  const A: number[][] = [];
  for (let k = 0; k < 4; k++) {
    const x = from[2 * k]!, y = from[2 * k + 1]!, u = to[2 * k]!, v = to[2 * k + 1]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const k = A[r]![c]! / A[c]![c]!;
      for (let j = c; j < 9; j++) A[r]![j]! -= k * A[c]![j]!;
    }
  }
  const h = A.map((row, i) => row[8]! / row[i]!);
  return [...h, 1];
}

/** A projective map given by its row-major 3x3 matrix. */
export function homographyMapping(m: readonly number[]): Mapping {
  const [a, b, c, d, e, f, g, h, k] = m as [number, number, number, number, number, number, number, number, number];
  const n = invert3(m);
  return {
    projective: true,
    forward(xy) {
      for (let i = 0; i < xy.length; i += 2) {
        const x = xy[i]!, y = xy[i + 1]!;
        const w = g * x + h * y + k;
        xy[i] = (a * x + b * y + c) / w;
        xy[i + 1] = (d * x + e * y + f) / w;
      }
    },
    inverse(x, y, out) {
      const w = n[6]! * x + n[7]! * y + n[8]!;
      out[0] = (n[0]! * x + n[1]! * y + n[2]!) / w;
      out[1] = (n[3]! * x + n[4]! * y + n[5]!) / w;
    },
  };
}

/**
 * A smooth nonlinear map given by its forward displacement `(x, y) -> (x + dx, y + dy)`; the inverse is found by
 * fixed-point iteration (the displacements used are small and slowly varying, so it converges in a few steps).
 */
export function displacementMapping(displace: (x: number, y: number, out: Float64Array) => void): Mapping {
  const d = new Float64Array(2);
  return {
    projective: false,
    forward(xy) {
      for (let i = 0; i < xy.length; i += 2) {
        displace(xy[i]!, xy[i + 1]!, d);
        xy[i] = xy[i]! + d[0]!;
        xy[i + 1] = xy[i + 1]! + d[1]!;
      }
    },
    inverse(x, y, out) {
      let u = x, v = y;
      for (let it = 0; it < 30; it++) {
        displace(u, v, d);
        const nu = x - d[0]!, nv = y - d[1]!;
        const moved = Math.abs(nu - u) + Math.abs(nv - v);
        u = nu;
        v = nv;
        if (moved < 1e-4) break;
      }
      out[0] = u;
      out[1] = v;
    },
  };
}

const GRID = 16;

/**
 * Resamples `src` into a `width` x `height` image through the inverse of `map`; pixels whose source lies outside
 * `src` get `fill` (a pixel word).
 */
export function remap(src: Raster, width: number, height: number, map: Mapping, fill: number, interp: Interpolation = 'bilinear'): Raster {
  const sw = src.width, sh = src.height;
  const sp = wordsOf(src);
  const out = new Uint8Array(width * height * 4);
  const op = new Uint32Array(out.buffer);
  fill >>>= 0;
  // Source coordinates (pixel-index space: centre of pixel i at i) of the grid's destination pixel centres.
  const gw = Math.ceil(width / GRID) + 1, gh = Math.ceil(height / GRID) + 1;
  const gx = new Float64Array(gw * gh), gy = new Float64Array(gw * gh);
  const p = new Float64Array(2);
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      map.inverse(i * GRID + 0.5, j * GRID + 0.5, p);
      gx[j * gw + i] = p[0]! - 0.5;
      gy[j * gw + i] = p[1]! - 0.5;
    }
  }
  const rowX = new Float64Array(gw), rowY = new Float64Array(gw);
  const nearest = interp === 'nearest';
  // Each source row's background word (its first pixel) and the span [lo, hi] of pixels that differ from it (empty:
  // lo > hi). A destination stretch whose samples all fall in rows of one background, outside their spans, is that
  // word, with no blending: most of a page (margins, the space between lines) is such.
  const rowWord = new Uint32Array(sh);
  const lo = new Int32Array(sh), hi = new Int32Array(sh);
  for (let y = 0; y < sh; y++) {
    const o = y * sw;
    const v = sp[o]!;
    let a = 1;
    while (a < sw && sp[o + a] === v) a++;
    let b = sw - 1;
    while (b > a && sp[o + b] === v) b--;
    rowWord[y] = v;
    lo[y] = a;
    hi[y] = a === sw ? -1 : b;
  }
  for (let y = 0; y < height; y++) {
    const j = Math.floor(y / GRID);
    const fy = (y - j * GRID) / GRID;
    for (let i = 0; i < gw; i++) {
      const a = j * gw + i, b = a + gw;
      rowX[i] = gx[a]! + (gx[b]! - gx[a]!) * fy;
      rowY[i] = gy[a]! + (gy[b]! - gy[a]!) * fy;
    }
    let o = y * width;
    for (let i = 0; i < gw - 1; i++) {
      const x0 = i * GRID;
      const n = Math.min(GRID, width - x0);
      if (n <= 0) break;
      let sx = rowX[i]!, sy = rowY[i]!;
      const dx = (rowX[i + 1]! - sx) / GRID, dy = (rowY[i + 1]! - sy) / GRID;
      {
        const ex = sx + dx * (n - 1), ey = sy + dy * (n - 1);
        const ya = Math.floor(Math.min(sy, ey)), yb = Math.floor(Math.max(sy, ey)) + 1;
        const xa = Math.floor(Math.min(sx, ex)), xb = Math.floor(Math.max(sx, ex)) + 1;
        let blank = ya >= 0 && yb < sh && xa >= 0 && xb < sw;
        if (blank) {
          const v = rowWord[ya]!;
          for (let r = ya; r <= yb && blank; r++) blank = rowWord[r] === v && (xb < lo[r]! || xa > hi[r]!);
        }
        if (blank) {
          op.fill(rowWord[ya]!, o, o + n);
          o += n;
          continue;
        }
      }
      if (nearest) {
        for (let k = 0; k < n; k++, sx += dx, sy += dy, o++) {
          const ix = Math.floor(sx + 0.5), iy = Math.floor(sy + 0.5);
          op[o] = ix >= 0 && iy >= 0 && ix < sw && iy < sh ? sp[iy * sw + ix]! : fill;
        }
        continue;
      }
      o = blendRun(sp, sw, sh, op, o, n, sx, sy, dx, dy, fill);
    }
  }
  return { width, height, data: out };
}

/** A geometric transform from a mapping: the image is remapped, points go forward. */
export function mappedTransform(width: number, height: number, map: Mapping, fill: number): Transform & { mapping: Mapping } {
  return {
    width,
    height,
    geometric: true,
    mapping: map,
    applyImage: (img, interp) => remap(img, width, height, map, fill, interp),
    applyCoords: (xy) => map.forward(xy),
  };
}

/**
 * Bilinear samples of a run of `n` destination pixels from (sx, sy) stepping (dx, dy), in 16.16 fixed point: the
 * integer part indexes, the top byte of the fraction weighs. Four pixel words are blended two channels at a time.
 * Returns the next output index.
 */
function blendRun(sp: Uint32Array, sw: number, sh: number, op: Uint32Array, o: number, n: number, sx: number, sy: number, dx: number, dy: number, fill: number): number {
  let X = Math.round(sx * 65536), Y = Math.round(sy * 65536);
  const DX = Math.round(dx * 65536), DY = Math.round(dy * 65536);
  for (let k = 0; k < n; k++, X += DX, Y += DY, o++) {
    const fx0 = X >> 16, fy0 = Y >> 16;
    let p00: number, p01: number, p10: number, p11: number;
    if (fx0 >= 0 && fy0 >= 0 && fx0 < sw - 1 && fy0 < sh - 1) {
      const s = fy0 * sw + fx0;
      p00 = sp[s]!;
      p01 = sp[s + 1]!;
      p10 = sp[s + sw]!;
      p11 = sp[s + sw + 1]!;
    } else if (fx0 < -1 || fy0 < -1 || fx0 >= sw || fy0 >= sh) {
      op[o] = fill;
      continue;
    } else {
      const inX0 = fx0 >= 0, inX1 = fx0 + 1 < sw, inY0 = fy0 >= 0, inY1 = fy0 + 1 < sh;
      p00 = inX0 && inY0 ? sp[fy0 * sw + fx0]! : fill;
      p01 = inX1 && inY0 ? sp[fy0 * sw + fx0 + 1]! : fill;
      p10 = inX0 && inY1 ? sp[(fy0 + 1) * sw + fx0]! : fill;
      p11 = inX1 && inY1 ? sp[(fy0 + 1) * sw + fx0 + 1]! : fill;
    }
    if (p00 === p01 && p00 === p10 && p00 === p11) {
      op[o] = p00;
      continue;
    }
    const ax = (X >> 8) & 255, ay = (Y >> 8) & 255;
    const bx = 256 - ax, by = 256 - ay;
    // Two channels at a time: R and B in the low bytes of each half-word, then G and A.
    const t0 = (((p00 & 0xff00ff) * bx + (p01 & 0xff00ff) * ax) >>> 8) & 0xff00ff;
    const t1 = (((p10 & 0xff00ff) * bx + (p11 & 0xff00ff) * ax) >>> 8) & 0xff00ff;
    const u0 = ((((p00 >>> 8) & 0xff00ff) * bx + ((p01 >>> 8) & 0xff00ff) * ax) >>> 8) & 0xff00ff;
    const u1 = ((((p10 >>> 8) & 0xff00ff) * bx + ((p11 >>> 8) & 0xff00ff) * ax) >>> 8) & 0xff00ff;
    const rb = ((t0 * by + t1 * ay + 0x800080) >>> 8) & 0xff00ff;
    const ga = ((u0 * by + u1 * ay + 0x800080) >>> 8) & 0xff00ff;
    op[o] = (rb | (ga << 8)) >>> 0;
  }
  return o;
}
