/**
 * PNG plots of a comparison, real and synthetic side by side: per-class count histograms (share of pages with
 * 0, 1, 2, ... boxes of the class) and position heat maps (share of pages on which each point of the page is
 * covered by a box of the class).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { familyName, whiteCanvas } from '../../render/index.js';
import type { PageFeatures } from './features.js';

const REAL = '#4e79a7';
const SYN = '#f28e2b';

function font(ctx: SKRSContext2D, px: number, bold = false): void {
  ctx.font = `${bold ? 'bold ' : ''}${px}px "${familyName('liberation-sans')}"`;
}


/** Per-class histograms of boxes per page: one small panel per class, real and synthetic bars side by side. */
export function countHistograms(real: readonly PageFeatures[], syn: readonly PageFeatures[], classes: readonly string[]): Buffer {
  const cols = 4;
  const rows = Math.ceil(classes.length / cols);
  const pw = 300;
  const ph = 200;
  const { canvas, ctx } = whiteCanvas(cols * pw + 20, rows * ph + 60);
  font(ctx, 16, true);
  ctx.fillText('Boxes per page, by class: share of pages', 12, 24);
  font(ctx, 12);
  ctx.fillStyle = REAL;
  ctx.fillRect(360, 13, 12, 12);
  ctx.fillStyle = '#111';
  ctx.fillText(`real (${real.length} pages)`, 376, 24);
  ctx.fillStyle = SYN;
  ctx.fillRect(500, 13, 12, 12);
  ctx.fillStyle = '#111';
  ctx.fillText(`synthetic (${syn.length} pages)`, 516, 24);
  classes.forEach((c, k) => {
    const x0 = 10 + (k % cols) * pw;
    const y0 = 40 + Math.floor(k / cols) * ph;
    const a = real.map((f) => f.counts[c] ?? 0);
    const b = syn.map((f) => f.counts[c] ?? 0);
    const maxV = Math.min(15, Math.max(1, ...a, ...b));
    const share = (xs: number[], v: number) => (xs.length ? xs.filter((x) => (v === maxV ? x >= v : x === v)).length / xs.length : 0);
    const left = x0 + 30;
    const bottom = y0 + ph - 30;
    const top = y0 + 24;
    font(ctx, 13, true);
    ctx.fillStyle = '#111';
    ctx.fillText(c, x0 + 30, y0 + 16);
    ctx.fillStyle = '#ccc';
    ctx.fillRect(left, bottom, pw - 50, 1);
    const slot = (pw - 50) / (maxV + 1);
    for (let v = 0; v <= maxV; v++) {
      const ha = share(a, v) * (bottom - top);
      const hb = share(b, v) * (bottom - top);
      const bx = left + v * slot + slot * 0.1;
      const bw = slot * 0.4;
      ctx.fillStyle = REAL;
      ctx.fillRect(bx, bottom - ha, bw, ha);
      ctx.fillStyle = SYN;
      ctx.fillRect(bx + bw, bottom - hb, bw, hb);
      if (maxV <= 10 || v % 2 === 0) {
        font(ctx, 10);
        ctx.fillStyle = '#333';
        ctx.fillText(v === maxV && maxV === 15 ? '15+' : String(v), bx, bottom + 13);
      }
    }
    font(ctx, 10);
    ctx.fillStyle = '#333';
    ctx.fillText('1.0', x0 + 4, top + 4);
    ctx.fillText('0', x0 + 14, bottom + 3);
  });
  return canvas.toBuffer('image/png');
}

/** Coverage grid: share of pages whose box of class `c` covers each cell. */
function coverage(pages: readonly PageFeatures[], c: string, gw: number, gh: number): Float64Array {
  const g = new Float64Array(gw * gh);
  for (const f of pages) {
    const hit = new Uint8Array(gw * gh);
    for (const b of f.boxes) {
      if (b.cls !== c) continue;
      const x0 = Math.max(0, Math.floor((b.cx - b.w / 2) * gw));
      const x1 = Math.min(gw - 1, Math.floor((b.cx + b.w / 2) * gw));
      const y0 = Math.max(0, Math.floor((b.cy - b.h / 2) * gh));
      const y1 = Math.min(gh - 1, Math.floor((b.cy + b.h / 2) * gh));
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) hit[y * gw + x] = 1;
    }
    for (let i = 0; i < hit.length; i++) g[i]! += hit[i]!;
  }
  if (pages.length) for (let i = 0; i < g.length; i++) g[i]! /= pages.length;
  return g;
}

/** Position heat maps per class: real and synthetic side by side (darker = covered on more pages). */
export function positionHeatmaps(real: readonly PageFeatures[], syn: readonly PageFeatures[], classes: readonly string[]): Buffer {
  const gw = 40;
  const gh = 52;
  const cell = 3;
  const mapW = gw * cell;
  const mapH = gh * cell;
  const pairW = 2 * mapW + 30;
  const cols = 4;
  const rows = Math.ceil(classes.length / cols);
  const { canvas, ctx } = whiteCanvas(cols * pairW + 20, rows * (mapH + 40) + 50);
  font(ctx, 16, true);
  ctx.fillText('Where boxes are: share of pages covering each point (left real, right synthetic)', 12, 24);
  classes.forEach((c, k) => {
    const x0 = 10 + (k % cols) * pairW;
    const y0 = 50 + Math.floor(k / cols) * (mapH + 40);
    font(ctx, 12, true);
    ctx.fillStyle = '#111';
    ctx.fillText(c, x0, y0 + 10);
    [coverage(real, c, gw, gh), coverage(syn, c, gw, gh)].forEach((g, side) => {
      const mx = x0 + side * (mapW + 10);
      const my = y0 + 16;
      const max = Math.max(1e-9, ...g);
      for (let y = 0; y < gh; y++) {
        for (let x = 0; x < gw; x++) {
          const v = g[y * gw + x]! / max;
          const shade = Math.round(255 * (1 - v));
          ctx.fillStyle = side === 0 ? `rgb(${shade},${Math.round(255 - v * 140)},255)` : `rgb(255,${Math.round(255 - v * 140)},${shade})`;
          ctx.fillRect(mx + x * cell, my + y * cell, cell, cell);
        }
      }
      ctx.strokeStyle = '#999';
      ctx.strokeRect(mx + 0.5, my + 0.5, mapW, mapH);
      font(ctx, 10);
      ctx.fillStyle = '#333';
      ctx.fillText(`${side === 0 ? 'real' : 'syn'} max ${(max * 100).toFixed(0)}%`, mx, my + mapH + 12);
    });
  });
  return canvas.toBuffer('image/png');
}
