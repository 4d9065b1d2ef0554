/**
 * Page images as greyscale pixels, and their preparation for the ink analysis: the grey is divided by the local
 * paper level (grey or yellowed paper, uneven lighting and shadows become white paper again), then dark regions
 * joined to the image border (a scanner bed, a table, book edges around the page) are cleared.
 */
import sharp from 'sharp';
import { InputError } from '../../errors.js';
import { findComponents, dropComponents, labelRuns, INK_THRESHOLD, type Components } from './components.js';

/** A decoded page: one byte per pixel, 0 = black, 255 = white, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes a PNG or JPEG file to greyscale pixels with sharp.
 * @example const img = await loadGrey('output/run/images/000001.png'); img.data[0]
 */
export async function loadGrey(path: string): Promise<GreyImage> {
  try {
    const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 channel after greyscale, got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (err) {
    throw new InputError(`cannot decode the page image: ${(err as Error).message}`, path);
  }
}

/** Settings of the paper estimate ({@link paperLevels}); the defaults are the detector's. */
export interface PaperOptions {
  /** Side of the square blocks the paper level is measured on, as a fraction of the page width. */
  block: number;
  /** A block's paper level is this quantile of its grey (the paper is the bright majority of a block). */
  quantile: number;
  /** A block's level is the `rank` quantile of the levels within `radius` blocks (fills blocks covered by ink). */
  radius: number;
  rank: number;
  /** The paper is never taken darker than this share of the page's median paper level (a darker area is ink, not shade). */
  floor: number;
  /** Fill dark areas enclosed by brighter paper with the paper around them ({@link fillBasins}): they are ink. */
  fill: boolean;
}

export const PAPER_DEFAULTS: PaperOptions = { block: 1 / 40, quantile: 0.8, radius: 2, rank: 0.5, floor: 0.6, fill: true };

/** The paper level on a grid of blocks: `levels[by * nx + bx]` is the paper grey around block (bx, by). */
export interface PaperGrid {
  levels: Float32Array;
  nx: number;
  ny: number;
  /** Block side in pixels. */
  block: number;
}

/**
 * The local paper level of a page: each block's bright quantile; dark areas enclosed by brighter paper (pictures,
 * filled chart bars, shaded table headers) filled with the paper around them ({@link fillBasins}); then the median
 * of each block's neighbourhood (a block inside a bold heading takes its neighbours' paper), floored at 0.6 of the
 * page's median level.
 * @example const grid = paperLevels(img); grid.levels[0] // 255 on white paper
 */
export function paperLevels(img: GreyImage, options: Partial<PaperOptions> = {}): PaperGrid {
  const o = { ...PAPER_DEFAULTS, ...options };
  const { data, width: W, height: H } = img;
  const B = Math.max(8, Math.round(W * o.block));
  const nx = Math.ceil(W / B);
  const ny = Math.ceil(H / B);
  const own = new Float32Array(nx * ny);
  const hist = new Int32Array(nx * 256);
  // Every other pixel of every other row: a quarter of the work, the same quantiles within a grey level or two.
  const bxOf = new Int32Array(W);
  for (let x = 0; x < W; x++) bxOf[x] = ((x / B) | 0) * 256;
  const count = new Int32Array(nx);
  for (let by = 0; by < ny; by++) {
    hist.fill(0);
    count.fill(0);
    const y1 = Math.min(H, (by + 1) * B);
    for (let y = by * B; y < y1; y += 2) {
      const row = y * W;
      for (let x = 0; x < W; x += 2) hist[bxOf[x]! + data[row + x]!]!++;
    }
    for (let x = 0; x < W; x += 2) count[(x / B) | 0]! += Math.ceil((y1 - by * B) / 2);
    for (let bx = 0; bx < nx; bx++) {
      // The brightest (1 - quantile) share of the block lies at or above the level.
      const need = Math.max(1, Math.round((1 - o.quantile) * count[bx]!));
      let seen = 0;
      let v = 255;
      for (const h = bx * 256; v > 0; v--) {
        seen += hist[h + v]!;
        if (seen >= need) break;
      }
      own[by * nx + bx] = v;
    }
  }
  if (o.fill) fillBasins(own, nx, ny);
  const levels = new Float32Array(nx * ny);
  const r = o.radius;
  const around: number[] = [];
  for (let by = 0; by < ny; by++) {
    for (let bx = 0; bx < nx; bx++) {
      around.length = 0;
      for (let j = Math.max(0, by - r); j <= Math.min(ny - 1, by + r); j++) {
        for (let i = Math.max(0, bx - r); i <= Math.min(nx - 1, bx + r); i++) around.push(own[j * nx + i]!);
      }
      around.sort((a, b) => a - b);
      levels[by * nx + bx] = around[Math.min(around.length - 1, Math.floor(o.rank * around.length))]!;
    }
  }
  const sorted = Float32Array.from(levels).sort();
  const floor = o.floor * sorted[sorted.length >> 1]!;
  for (let k = 0; k < levels.length; k++) levels[k] = Math.max(1, floor, levels[k]!);
  return { levels, nx, ny, block: B };
}

/**
 * Fills the dark basins of a grid of levels in place: a cell takes the lowest level at which it joins the grid's
 * border, i.e. the least, over the paths from it to the border, of the brightest level along the path (grey-level
 * hole filling, computed by a priority flood from the border, darkest first). Shade on paper (a shadow, uneven light,
 * the dark surround of a scan) reaches the image border and keeps its level; a dark area enclosed by brighter paper
 * (a picture, a chart's fill, a table's shaded header) takes the paper around it, so its ink stays ink.
 * @example const g = Float32Array.of(255, 255, 255, 255, 90, 255, 255, 255, 255); fillBasins(g, 3, 3); g[4] // 255
 */
export function fillBasins(levels: Float32Array, nx: number, ny: number): Float32Array {
  const n = nx * ny;
  if (nx < 3 || ny < 3) return levels;
  // A bucket queue over the 256 grey levels (the levels are block quantiles, whole greys).
  const next = new Int32Array(n).fill(-1);
  const head = new Int32Array(256).fill(-1);
  const done = new Uint8Array(n);
  const push = (k: number, v: number) => {
    const b = Math.max(0, Math.min(255, Math.round(v)));
    levels[k] = v;
    done[k] = 1;
    next[k] = head[b]!;
    head[b] = k;
  };
  for (let x = 0; x < nx; x++) {
    push(x, levels[x]!);
    push((ny - 1) * nx + x, levels[(ny - 1) * nx + x]!);
  }
  for (let y = 1; y < ny - 1; y++) {
    push(y * nx, levels[y * nx]!);
    push(y * nx + nx - 1, levels[y * nx + nx - 1]!);
  }
  for (let b = 0; b < 256; b++) {
    // Cells pushed at this level while it is drained join it (their level is max(own, b) = b or more).
    while (head[b]! >= 0) {
      const k = head[b]!;
      head[b] = next[k]!;
      const x = k % nx;
      const y = (k - x) / nx;
      const v = levels[k]!;
      if (x > 0 && !done[k - 1]) push(k - 1, Math.max(levels[k - 1]!, v));
      if (x < nx - 1 && !done[k + 1]) push(k + 1, Math.max(levels[k + 1]!, v));
      if (y > 0 && !done[k - nx]) push(k - nx, Math.max(levels[k - nx]!, v));
      if (y < ny - 1 && !done[k + nx]) push(k + nx, Math.max(levels[k + nx]!, v));
    }
  }
  return levels;
}

/**
 * The page divided by its paper level (interpolated between block centres) and scaled to white: a pixel as dark
 * against its paper as grey g is against white becomes g. White paper is left exactly as it is.
 * @example const flat = flattenPaper(img); // tinted, shaded paper -> 255
 */
export function flattenPaper(img: GreyImage, grid: PaperGrid = paperLevels(img)): GreyImage {
  const { data, width: W, height: H } = img;
  const { levels, nx, ny, block: B } = grid;
  const out = new Uint8Array(W * H);
  // The gain 255 / level is interpolated (bilinearly between block centres, held beyond the outer ones).
  const gain = Float32Array.from(levels, (v) => 255 / v);
  const rowGain = new Float32Array(nx + 1);
  const pos = (p: number, n: number): [number, number] => {
    const t = Math.min(n - 1, Math.max(0, (p + 0.5) / B - 0.5));
    const k = Math.min(Math.max(0, n - 2), Math.floor(t));
    return [k, n > 1 ? t - k : 0];
  };
  const colK = new Int32Array(W);
  const colT = new Float32Array(W);
  for (let x = 0; x < W; x++) [colK[x], colT[x]] = pos(x, nx);
  // Columns [start[k], start[k + 1]) interpolate between block centres k and k + 1 (the ends hold).
  const start = new Int32Array(nx + 1).fill(W);
  for (let x = W - 1; x >= 0; x--) start[colK[x]!] = x;
  start[0] = 0;
  for (let k = nx - 1; k >= 1; k--) start[k] = Math.min(start[k]!, start[k + 1]!);
  for (let y = 0; y < H; y++) {
    const [k, ty] = pos(y, ny);
    for (let i = 0; i < nx; i++) {
      const a = gain[k * nx + i]!;
      rowGain[i] = ty > 0 ? a + (gain[(k + 1) * nx + i]! - a) * ty : a;
    }
    rowGain[nx] = rowGain[nx - 1]!;
    const row = y * W;
    // Stretches between white paper on both sides keep their pixels (copied in one piece per stretch).
    let copyFrom = 0;
    for (let c = 0; c < nx; c++) {
      const x0 = start[c]!;
      const x1 = start[c + 1]!;
      const a = rowGain[c]!;
      const b = rowGain[c + 1]!;
      if (x1 <= x0 || (a === 1 && b === 1)) continue;
      if (copyFrom < x0) out.set(data.subarray(row + copyFrom, row + x0), row + copyFrom);
      copyFrom = x1;
      for (let x = x0; x < x1; x++) {
        const v = data[row + x]! * (a + (b - a) * colT[x]!) + 0.5;
        out[row + x] = v >= 255 ? 255 : v;
      }
    }
    if (copyFrom < W) out.set(data.subarray(row + copyFrom, row + W), row + copyFrom);
  }
  return { data: out, width: W, height: H };
}

/** Settings of {@link borderRegions}; the defaults are the detector's. */
export interface BorderOptions {
  /** Ink this close to a side of the image reaches it, as a share of the shorter side (a pad beyond the surround). */
  edge: number;
  /** Least share of one side of the image a component must reach along (unless it reaches across the image). */
  contact: number;
  /** Largest mean depth (ink / border contact or span), as a share of the page's shorter side: a strip, not a picture. */
  depth: number;
  /** Largest mean grey of the component's pixels on the flattened page (ink is < 200): solid ink, not faint. */
  grey: number;
}

export const BORDER_DEFAULTS: BorderOptions = { edge: 0.02, contact: 0.25, depth: 0.2, grey: 170 };

/**
 * The components that are the surround of a scanned or photographed page (the scanner bed or lid, a table, the
 * edges of a book's other pages): they reach along at least a quarter of one side of the image or from one side to
 * the opposite one (reaching a side: coming within `edge` of it, as `findComponents` measures with that edge), they are strips (their ink is on average at most a fifth of the page's shorter side deep), and
 * they are solid ink. Page content keeps off the image border (margins); a picture printed to the edge is deeper
 * than a strip.
 * @example const drop = borderRegions(findComponents(flat), flat.width, flat.height);
 */
export function borderRegions(cc: Components, width: number, height: number, options: Partial<BorderOptions> = {}): number[] {
  const o = { ...BORDER_DEFAULTS, ...options };
  const out: number[] = [];
  for (let i = 0; i < cc.count; i++) {
    const touch = Math.max(cc.left[i]! / height, cc.right[i]! / height, cc.top[i]! / width, cc.bottom[i]! / width);
    const down = cc.top[i]! > 0 && cc.bottom[i]! > 0 ? height : 0;
    const across = cc.left[i]! > 0 && cc.right[i]! > 0 ? width : 0;
    if (touch < o.contact && !down && !across) continue;
    const reach = Math.max(cc.left[i]! + cc.right[i]! + cc.top[i]! + cc.bottom[i]!, down, across);
    if (cc.area[i]! / reach > o.depth * Math.min(width, height)) continue;
    if (cc.grey[i]! / cc.area[i]! > o.grey) continue;
    out.push(i);
  }
  return out;
}

/** A page ready for the ink analysis. */
export interface PreparedPage {
  /** The flattened grey with the border regions cleared to white. */
  image: GreyImage;
  /** Its ink components (the border regions removed). */
  cc: Components;
  /** How many border regions were cleared. */
  cleared: number;
}

/** Options of {@link preparePage}. */
export interface PrepareOptions {
  paper: Partial<PaperOptions>;
  border: Partial<BorderOptions>;
  threshold: number;
}

/**
 * Prepares a page for the ink analysis: flattens the paper ({@link flattenPaper}), labels the ink (grey < 200 on
 * the flattened page) and clears the dark surround joined to the image border ({@link borderRegions}). On white
 * paper without a surround the image and the components are the raw page's.
 * @example const { image, cc } = preparePage(await loadGrey(path)); const page = analysePage(image, cc);
 */
export function preparePage(img: GreyImage, options: Partial<PrepareOptions> = {}): PreparedPage {
  const flat = flattenPaper(img, paperLevels(img, options.paper));
  const threshold = options.threshold ?? INK_THRESHOLD;
  const runs = labelRuns(flat, threshold);
  const border = { ...BORDER_DEFAULTS, ...options.border };
  const cc = findComponents(flat, threshold, runs, Math.max(1, Math.round(border.edge * Math.min(flat.width, flat.height))));
  const drop = borderRegions(cc, flat.width, flat.height, border);
  if (drop.length === 0) return { image: flat, cc, cleared: 0 };
  const gone = new Uint8Array(cc.count);
  for (const i of drop) gone[i] = 1;
  const { x0, x1, y, label, count } = runs;
  const d = flat.data;
  for (let k = 0; k < count; k++) if (gone[label[k]!]) d.fill(255, y[k]! * flat.width + x0[k]!, y[k]! * flat.width + x1[k]!);
  return { image: flat, cc: dropComponents(cc, gone), cleared: drop.length };
}
