/**
 * Box helpers: IoU, COCO conversion, matching segments to ground truth, refining a box to the ink.
 */
import type { XYXY } from '../../types.js';
import type { GreyImage } from './image.js';

/** COCO box `[x, y, w, h]`. */
export type CocoBox = [number, number, number, number];

export function fromCoco(b: CocoBox): XYXY {
  return { x0: b[0], y0: b[1], x1: b[0] + b[2], y1: b[1] + b[3] };
}

export function toCoco(b: XYXY): CocoBox {
  return [b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0];
}

export function area(b: XYXY): number {
  return Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
}

export function intersection(a: XYXY, b: XYXY): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Intersection over union of two boxes. */
export function iou(a: XYXY, b: XYXY): number {
  const i = intersection(a, b);
  return i > 0 ? i / (area(a) + area(b) - i) : 0;
}

/**
 * The ground-truth box each item belongs to: the one covering the largest share of the item's box, if that
 * share is at least `minCover`; -1 otherwise.
 * @example assignToBoxes([{x0:0,y0:0,x1:5,y1:5}], [{x0:0,y0:0,x1:10,y1:10}]) // Int32Array [0]
 */
export function assignToBoxes(items: readonly XYXY[], gts: readonly XYXY[], minCover = 0.5): Int32Array {
  const out = new Int32Array(items.length).fill(-1);
  items.forEach((s, i) => {
    const a = Math.max(1, area(s));
    let best = minCover - 1e-9;
    gts.forEach((g, k) => {
      const c = intersection(s, g) / a;
      if (c > best) {
        best = c;
        out[i] = k;
      }
    });
  });
  return out;
}

/**
 * Grows a box found at the binarisation threshold to the faint anti-aliased ink around it (grey < `faint`),
 * by at most `maxGrow` pixels per side, so it matches boxes measured on every non-white pixel.
 */
export function refineToInk(img: GreyImage, b: XYXY, faint = 250, maxGrow = 2): XYXY {
  const { data, width, height } = img;
  const colHas = (x: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) if (data[y * width + x]! < faint) return true;
    return false;
  };
  const rowHas = (y: number, x0: number, x1: number) => {
    for (let x = x0; x < x1; x++) if (data[y * width + x]! < faint) return true;
    return false;
  };
  let { x0, y0, x1, y1 } = b;
  for (let k = 0; k < maxGrow && x0 > 0 && colHas(x0 - 1, y0, y1); k++) x0--;
  for (let k = 0; k < maxGrow && x1 < width && colHas(x1, y0, y1); k++) x1++;
  for (let k = 0; k < maxGrow && y0 > 0 && rowHas(y0 - 1, x0, x1); k++) y0--;
  for (let k = 0; k < maxGrow && y1 < height && rowHas(y1, x0, x1); k++) y1++;
  return { x0, y0, x1, y1 };
}
