/**
 * Rubber stamps: round (text around a double ring, a word across the middle) or rectangular (double border,
 * a big word, a date), in red, blue, purple or green ink, slightly rotated, with worn, uneven ink.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { fillNoise, fitFontSize, font, noiseSeed, r4, roundRectPath } from './util.js';

export interface StampSpec {
  kind: 'stamp';
  shape: 'round' | 'rect';
  /** The big word ("PAID", "APPROVED", ...). */
  word: string;
  /** A date line, or null. */
  date: string | null;
  /** Text around the ring of a round stamp (company name), or a small top line of a rectangular one. */
  ringText: string;
  color: string;
  /** Rotation in degrees (positive is clockwise). */
  rotation: number;
  /** Ink opacity (0-1). */
  opacity: number;
  /** Share of the ink lost to wear (0-1), and the seed of the wear pattern. */
  wear: number;
  wearSeed: number;
  /** Width / height of a rectangular stamp before rotation (round ones are 1). */
  ratio: number;
  /** Outer border width relative to the stamp height. */
  border: number;
}

const WORDS = ['PAID', 'APPROVED', 'RECEIVED', 'COPY', 'CONFIDENTIAL', 'VOID', 'ORIGINAL', 'VERIFIED', 'REJECTED', 'URGENT', 'FILED', 'DRAFT', 'CERTIFIED', 'ENTERED', 'POSTED', 'CHECKED'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const COMPANIES = ['ACME CORPORATION', 'NORTHWIND TRADING', 'CITY REGISTRY OFFICE', 'FINANCE DEPARTMENT', 'GLOBEX LTD', 'ACCOUNTS PAYABLE', 'QUALITY CONTROL', 'NOTARY PUBLIC', 'CUSTOMS SERVICE', 'RECORDS OFFICE'];
const INKS = ['#c0161b', '#d12a2a', '#b3132f', '#1f3fa8', '#1c4fc4', '#233a8c', '#6a2a9c', '#5b2f8f', '#1e7a3c'];

export function sampleStamp(rng: Rng, text?: (n: number) => string[]): StampSpec {
  const shape = rng.chance(0.45) ? 'round' : 'rect';
  const day = rng.int(1, 28);
  const date = rng.chance(shape === 'round' ? 0.6 : 0.75)
    ? rng.pick([
        `${String(day).padStart(2, '0')} ${rng.pick(MONTHS)} ${rng.int(1995, 2030)}`,
        `${String(day).padStart(2, '0')}.${String(rng.int(1, 12)).padStart(2, '0')}.${rng.int(1995, 2030)}`,
        `${rng.pick(MONTHS)} ${day}, ${rng.int(1995, 2030)}`,
      ])
    : null;
  let ring = rng.pick(COMPANIES);
  if (text && rng.chance(0.5)) {
    const w = text(2).join(' ').toUpperCase().replace(/[^A-Z0-9 &.-]/g, '').trim();
    if (w.length >= 4) ring = w.slice(0, 28);
  }
  const word = rng.pick(WORDS);
  return {
    kind: 'stamp',
    shape,
    word: shape === 'round' && word.length > 9 ? rng.pick(['PAID', 'VOID', 'COPY', 'FILED']) : word,
    date,
    ringText: ring,
    color: rng.pick(INKS),
    rotation: r4(rng.uniform(-18, 18), 2),
    opacity: r4(rng.uniform(0.7, 0.95), 3),
    wear: r4(rng.uniform(0.15, 0.55), 3),
    wearSeed: noiseSeed(rng),
    ratio: shape === 'round' ? 1 : r4(rng.uniform(2.2, 3.2), 3),
    border: r4(rng.uniform(0.035, 0.06), 4),
  };
}

/** Height / width of the rotated stamp's bounding box. */
export function stampAspect(spec: StampSpec): number {
  const { bw, bh } = rotatedSize(spec.ratio, 1, spec.rotation);
  return bh / bw;
}

function rotatedSize(w: number, h: number, deg: number): { bw: number; bh: number } {
  const a = (Math.abs(deg) * Math.PI) / 180;
  return { bw: w * Math.cos(a) + h * Math.sin(a), bh: w * Math.sin(a) + h * Math.cos(a) };
}

/** Draws the stamp unrotated in a W x H box at the origin of `g`. */
function drawFace(g: SKRSContext2D, W: number, H: number, spec: StampSpec, family: string): void {
  const ink = spec.color;
  g.strokeStyle = ink;
  g.fillStyle = ink;
  const bw = Math.max(1.5, spec.border * H);
  g.textAlign = 'left';
  g.textBaseline = 'alphabetic';
  if (spec.shape === 'round') {
    const cx = W / 2;
    const cy = H / 2;
    const R = H / 2 - bw / 2;
    g.lineWidth = bw;
    g.beginPath();
    g.arc(cx, cy, R, 0, Math.PI * 2);
    g.stroke();
    const r2 = R - bw * 0.5 - H * 0.14;
    g.lineWidth = bw * 0.45;
    g.beginPath();
    g.arc(cx, cy, r2, 0, Math.PI * 2);
    g.stroke();
    // Text around the ring, centred at the top.
    const ringPx = H * 0.095;
    g.font = font(ringPx, family, 'bold');
    const text = `${spec.ringText} • `;
    const rText = (R + r2) / 2 - ringPx * 0.35;
    const spacing = ringPx * 0.12;
    const widths = [...text].map((ch) => g.measureText(ch).width + spacing);
    let total = widths.reduce((a, b) => a + b, 0);
    const maxArc = Math.PI * 2 * rText * 0.92;
    const squeeze = total > maxArc ? maxArc / total : 1;
    total *= squeeze;
    let a = -Math.PI / 2 - total / rText / 2;
    [...text].forEach((ch, i) => {
      const w = widths[i]! * squeeze;
      g.save();
      g.translate(cx + rText * Math.cos(a + w / rText / 2), cy + rText * Math.sin(a + w / rText / 2));
      g.rotate(a + w / rText / 2 + Math.PI / 2);
      g.scale(squeeze, 1);
      g.fillText(ch, -(w / squeeze - spacing) / 2, 0);
      g.restore();
      a += w / rText;
    });
    // Bars and the word across the middle.
    const inner = r2 - bw;
    const wordPx = fitFontSize(g, spec.word, H * 0.2, 4, inner * 1.7, (px) => font(px, family, 'bold'));
    const ww = g.measureText(spec.word).width;
    g.fillText(spec.word, cx - ww / 2, cy + wordPx * 0.36 - (spec.date ? wordPx * 0.35 : 0));
    g.lineWidth = bw * 0.45;
    g.beginPath();
    const barY = cy - wordPx * 0.62 - (spec.date ? wordPx * 0.35 : 0);
    const half = Math.sqrt(Math.max(0, r2 * r2 - (barY - cy) ** 2));
    g.moveTo(cx - half, barY);
    g.lineTo(cx + half, barY);
    g.stroke();
    let below = cy + wordPx * 0.36 - (spec.date ? wordPx * 0.35 : 0) + wordPx * 0.3;
    if (spec.date) {
      const datePx = fitFontSize(g, spec.date, H * 0.08, 4, inner * 1.3, (px) => font(px, family, 'bold'));
      const dw = g.measureText(spec.date).width;
      g.fillText(spec.date, cx - dw / 2, cy + wordPx * 0.36 + datePx * 1.5);
      below = cy + wordPx * 0.36 + datePx * 2.1;
    }
    const half2 = Math.sqrt(Math.max(0, r2 * r2 - (below - cy) ** 2));
    g.beginPath();
    g.moveTo(cx - half2, below);
    g.lineTo(cx + half2, below);
    g.stroke();
    return;
  }
  // Rectangular: outer thick border, inner thin border, the word, a date line and a small top line.
  const rad = H * 0.08;
  g.lineWidth = bw;
  g.beginPath();
  roundRectPath(g, bw / 2, bw / 2, W - bw, H - bw, rad);
  g.stroke();
  const gap = bw * 1.3;
  g.lineWidth = Math.max(1, bw * 0.4);
  g.beginPath();
  roundRectPath(g, bw + gap, bw + gap, W - 2 * (bw + gap), H - 2 * (bw + gap), rad * 0.6);
  g.stroke();
  const innerW = W - 2 * (bw + gap) - H * 0.16;
  const hasTop = spec.date !== null;
  const wordPx = fitFontSize(g, spec.word, H * (hasTop ? 0.36 : 0.5), 4, innerW, (px) => font(px, family, 'bold'));
  const ww = g.measureText(spec.word).width;
  const wordY = hasTop ? H * 0.52 + wordPx * 0.1 : H / 2 + wordPx * 0.36;
  g.fillText(spec.word, W / 2 - ww / 2, wordY);
  if (spec.date) {
    const datePx = fitFontSize(g, spec.date, H * 0.14, 4, innerW, (px) => font(px, family, 'bold'));
    const dw = g.measureText(spec.date).width;
    g.fillText(spec.date, W / 2 - dw / 2, wordY + datePx * 1.45);
    const topPx = fitFontSize(g, spec.ringText, H * 0.1, 4, innerW, (px) => font(px, family, 'bold'));
    const tw = g.measureText(spec.ringText).width;
    g.fillText(spec.ringText, W / 2 - tw / 2, wordY - wordPx * 0.95 - topPx * 0.1);
  }
}

export function drawStamp(ctx: SKRSContext2D, rect: XYXY, spec: StampSpec, family: string): XYXY[] {
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  const unit = rotatedSize(spec.ratio, 1, spec.rotation);
  const H = Math.min(rw / unit.bw, rh / unit.bh) * 0.98;
  if (!(H > 2)) return [];
  const W = H * spec.ratio;
  const cw = Math.ceil(unit.bw * H) + 2;
  const ch = Math.ceil(unit.bh * H) + 2;
  // The stamp is drawn (rotated) on its own canvas, worn there, then laid on the page with the ink opacity.
  const off = createCanvas(cw, ch);
  const g = off.getContext('2d');
  g.translate(cw / 2, ch / 2);
  g.rotate((spec.rotation * Math.PI) / 180);
  g.translate(-W / 2, -H / 2);
  drawFace(g, W, H, spec, family);
  g.setTransform(1, 0, 0, 1, 0, 0);
  // Wear: blotchy holes at low resolution plus fine speckle, erased from the ink.
  g.globalCompositeOperation = 'destination-out';
  g.imageSmoothingEnabled = true;
  if (spec.wear > 0) {
    const all = { x0: 0, y0: 0, x1: cw, y1: ch };
    g.globalAlpha = Math.min(1, spec.wear * 1.8);
    fillNoise(g, all, spec.wearSeed, 'mask', Math.max(2, H / 30));
    g.globalAlpha = Math.min(1, spec.wear * 1.2);
    fillNoise(g, all, spec.wearSeed ^ 0x5bd1e995, 'mask', 1);
  }
  g.globalCompositeOperation = 'source-over';
  ctx.save();
  ctx.globalAlpha = spec.opacity;
  ctx.drawImage(off, Math.round(rect.x0 + (rw - cw) / 2), Math.round(rect.y0 + (rh - ch) / 2));
  ctx.restore();
  return [];
}
