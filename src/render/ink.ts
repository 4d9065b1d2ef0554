/**
 * Boxes tight to the ink, measured on the rendered pixels.
 */
import type { XYXY } from '../types.js';

/** A 32-bit view of RGBA pixels (copied only if the buffer is not 4-byte aligned). */
export function pixelWords(rgba: Uint8Array): Uint32Array {
  if (rgba.byteOffset % 4 === 0) return new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.byteLength >>> 2);
  return new Uint32Array(rgba.slice().buffer);
}

/**
 * The smallest box holding every pixel of `area` that is not pure background (white, opaque), or null if
 * the area is blank. Edges are exclusive (x1 = last ink column + 1), like a pixel range.
 * @example inkBox(pixelWords(rgba), width, height, { x0: 10, y0: 10, x1: 200, y1: 40 })
 */
export function inkBox(px: Uint32Array, width: number, height: number, area: XYXY, background = 0xffffffff, under?: Uint32Array): XYXY | null {
  if (under) return inkBoxOver(px, under, width, height, area, background);
  const ax0 = Math.max(0, Math.floor(area.x0));
  const ay0 = Math.max(0, Math.floor(area.y0));
  const ax1 = Math.min(width, Math.ceil(area.x1));
  const ay1 = Math.min(height, Math.ceil(area.y1));
  let minX = ax1;
  let maxX = ax0 - 1;
  let minY = -1;
  let maxY = -1;
  for (let y = ay0; y < ay1; y++) {
    const row = y * width;
    let x = ax0;
    while (x < ax1 && px[row + x] === background) x++;
    if (x === ax1) continue;
    if (minY < 0) minY = y;
    maxY = y;
    if (x < minX) minX = x;
    let r = ax1 - 1;
    while (r > maxX && px[row + r] === background) r--;
    if (r > maxX) maxX = r;
  }
  if (minY < 0) return null;
  return { x0: minX, y0: minY, x1: maxX + 1, y1: maxY + 1 };
}

/**
 * Like {@link inkBox}, but ink is every pixel that differs from the same pixel of `under`, the page as drawn before
 * its blocks (paper colour, tinted frames, rules): the text on a tinted sidebar is boxed, not the tint. A pixel of the
 * paper colour `paper` is never ink: a picture's white ground painted over a watermark on white paper erases it, and
 * what is left there is blank paper.
 */
export function inkBoxOver(px: Uint32Array, under: Uint32Array, width: number, height: number, area: XYXY, paper = 0xffffffff): XYXY | null {
  const ax0 = Math.max(0, Math.floor(area.x0));
  const ay0 = Math.max(0, Math.floor(area.y0));
  const ax1 = Math.min(width, Math.ceil(area.x1));
  const ay1 = Math.min(height, Math.ceil(area.y1));
  let minX = ax1;
  let maxX = ax0 - 1;
  let minY = -1;
  let maxY = -1;
  for (let y = ay0; y < ay1; y++) {
    const row = y * width;
    let x = ax0;
    while (x < ax1 && (px[row + x] === under[row + x] || px[row + x] === paper)) x++;
    if (x === ax1) continue;
    if (minY < 0) minY = y;
    maxY = y;
    if (x < minX) minX = x;
    let r = ax1 - 1;
    while (r > maxX && (px[row + r] === under[row + r] || px[row + r] === paper)) r--;
    if (r > maxX) maxX = r;
  }
  if (minY < 0) return null;
  return { x0: minX, y0: minY, x1: maxX + 1, y1: maxY + 1 };
}
