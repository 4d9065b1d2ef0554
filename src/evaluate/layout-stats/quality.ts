/**
 * Layout quality metrics of the layout-generation literature, on one page's boxes.
 *
 * DocLayout-YOLO (Zhao et al. 2024, arXiv 2410.12628, Table 9) compares synthetic layouts by "Alignment" and
 * "Density". The exact formulas of that table could not be checked here, so these are the definitions the
 * literature commonly uses and that we state in every report:
 *
 * - **Alignment** (Lee et al. 2020 "Neural Design Network", as implemented for LayoutGAN++, Kikuchi et al. 2021):
 *   coordinates normalised by page width (x) and height (y); for each box i, d_i = the smallest, over the other
 *   boxes j and over the six alignment lines (left, centre-x, right, top, centre-y, bottom), of |line_i − line_j|
 *   (same line kind); a page scores (1/n) Σ_i −log(1 − d_i). Lower is better aligned; 0 when every box shares a
 *   line with another. Pages with fewer than two boxes score 0.
 * - **Density**: the fraction of the page's area covered by the union of its boxes (overlaps counted once).
 * - **Overlap** (LayoutGAN++): (1/n) Σ_i Σ_{j≠i} area(i ∩ j) / area(i); 0 when no two boxes overlap.
 * - **Overlap rate**: the fraction of boxes that overlap at least one other box (intersection > 0).
 */

/** A box in page-normalised coordinates (0..1). */
export interface NormBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Alignment score of a page (see module doc); lower is better. */
export function alignmentScore(boxes: readonly NormBox[]): number {
  const n = boxes.length;
  if (n < 2) return 0;
  const lines = boxes.map((b) => [b.x0, (b.x0 + b.x1) / 2, b.x1, b.y0, (b.y0 + b.y1) / 2, b.y1]);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let d = 1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      for (let k = 0; k < 6; k++) d = Math.min(d, Math.abs(lines[i]![k]! - lines[j]![k]!));
    }
    sum += -Math.log(1 - Math.min(d, 1 - 1e-9));
  }
  return sum / n;
}

/** Area of the union of boxes, exactly (coordinate compression). */
export function unionArea(boxes: readonly NormBox[]): number {
  if (boxes.length === 0) return 0;
  const xs = [...new Set(boxes.flatMap((b) => [b.x0, b.x1]))].sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const xa = xs[i]!;
    const xb = xs[i + 1]!;
    const mid = (xa + xb) / 2;
    const spans = boxes.filter((b) => b.x0 <= mid && b.x1 >= mid).map((b) => [b.y0, b.y1] as const).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let cur0 = Number.NEGATIVE_INFINITY;
    let cur1 = Number.NEGATIVE_INFINITY;
    for (const [a, b] of spans) {
      if (a > cur1) {
        if (cur1 > cur0) covered += cur1 - cur0;
        cur0 = a;
        cur1 = b;
      } else cur1 = Math.max(cur1, b);
    }
    if (cur1 > cur0) covered += cur1 - cur0;
    area += covered * (xb - xa);
  }
  return area;
}

/** Density: covered fraction of the (unit) page. */
export function densityScore(boxes: readonly NormBox[]): number {
  return Math.min(1, unionArea(boxes));
}

function intersection(a: NormBox, b: NormBox): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** LayoutGAN++ overlap index and the fraction of boxes overlapping another. */
export function overlapScores(boxes: readonly NormBox[]): { overlap: number; overlapRate: number } {
  const n = boxes.length;
  if (n < 2) return { overlap: 0, overlapRate: 0 };
  let sum = 0;
  let overlapping = 0;
  for (let i = 0; i < n; i++) {
    const a = boxes[i]!;
    const area = (a.x1 - a.x0) * (a.y1 - a.y0);
    let any = false;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const x = intersection(a, boxes[j]!);
      if (x > 0) {
        any = true;
        if (area > 0) sum += x / area;
      }
    }
    if (any) overlapping++;
  }
  return { overlap: sum / n, overlapRate: overlapping / n };
}
