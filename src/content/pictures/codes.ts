/**
 * Barcodes (code128, EAN-13, UPC-A, Code 39, PDF417) and 2-D codes (QR, Data Matrix, Aztec). The modules come
 * from bwip-js's raw encoder (so the symbol is correct and decodable) and are drawn as filled rectangles; the
 * quiet zone is kept empty and 1-D codes carry their human-readable text.
 */
import bwipjs from 'bwip-js';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { fillTextInside, fitAspect, fitFontSize, font, r4 } from './util.js';

export type BarcodeSymbology = 'code128' | 'ean13' | 'upca' | 'code39' | 'pdf417';
export type MatrixSymbology = 'qrcode' | 'datamatrix' | 'azteccode';

export interface BarcodeSpec {
  kind: 'barcode';
  symbology: BarcodeSymbology;
  /** What is encoded (EAN-13: 12 digits, UPC-A: 11 digits; bwip-js adds the check digit). */
  payload: string;
  /** Bar height as a fraction of the bar pattern's width (1-D codes). */
  barHeight: number;
  /** Human-readable text under 1-D codes. */
  showText: boolean;
  /** Text size in modules. */
  textModules: number;
  color: string;
}

export interface QrSpec {
  kind: 'qrcode';
  symbology: MatrixSymbology;
  payload: string;
  /** QR error-correction level. */
  eclevel: 'L' | 'M' | 'Q' | 'H';
  /** Quiet zone in modules on every side. */
  quiet: number;
  color: string;
  /** A short line under the code ("Scan me"), or null. */
  caption: string | null;
}

interface Bar {
  /** Left edge and width in modules from the first bar. */
  x: number;
  w: number;
  /** Extends below the normal bar bottom (EAN/UPC guard bars). */
  guard: boolean;
}

interface Linear {
  type: 'linear';
  bars: Bar[];
  widthModules: number;
  /** Human-readable characters (EAN/UPC digits incl. check digit), else empty. */
  digits: string[];
}

interface Matrix {
  type: 'matrix';
  cols: number;
  rows: number;
  /** Row-major 0/1 modules. */
  pixs: number[];
}

const cache = new Map<string, Linear | Matrix>();

/** bwip-js's encoding of a symbol, memoised (a pure function of its arguments). */
function encode(bcid: string, text: string, opts: Record<string, string | boolean>): Linear | Matrix {
  const key = `${bcid}\u0000${text}\u0000${JSON.stringify(opts)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const raw = bwipjs.raw(bcid, text, opts as never)[0] as unknown as {
    sbs?: number[];
    bbs?: number[];
    bhs?: number[];
    txt?: [string, number, number, string, number][];
    pixs?: number[];
    pixx?: number;
    pixy?: number;
  };
  let out: Linear | Matrix;
  if (raw.sbs) {
    const bars: Bar[] = [];
    let x = 0;
    for (let i = 0; i < raw.sbs.length; i++) {
      const w = raw.sbs[i]!;
      if (i % 2 === 0) bars.push({ x, w, guard: (raw.bbs?.[i / 2] ?? 0) < 0 });
      x += w;
    }
    out = { type: 'linear', bars, widthModules: x, digits: bcid === 'ean13' || bcid === 'upca' ? (raw.txt ?? []).map((t) => t[0]) : [] };
  } else {
    out = { type: 'matrix', cols: raw.pixx!, rows: raw.pixy!, pixs: raw.pixs! };
  }
  if (cache.size >= 256) cache.delete(cache.keys().next().value!);
  cache.set(key, out);
  return out;
}

function linearOf(spec: BarcodeSpec): Linear | Matrix {
  if (spec.symbology === 'pdf417') return encode('pdf417', spec.payload, {});
  const opts: Record<string, string | boolean> = spec.symbology === 'ean13' || spec.symbology === 'upca' ? { includetext: true } : {};
  return encode(spec.symbology, spec.payload, opts);
}

function matrixOf(spec: QrSpec): Matrix {
  const opts: Record<string, string | boolean> = spec.symbology === 'qrcode' ? { eclevel: spec.eclevel } : {};
  return encode(spec.symbology, spec.payload, opts) as Matrix;
}

const QUIET: Record<BarcodeSymbology, [number, number]> = { code128: [10, 10], ean13: [11, 7], upca: [9, 9], code39: [10, 10], pdf417: [2, 2] };

interface LinearGeom {
  quietL: number;
  quietR: number;
  widthModules: number;
  barH: number;
  textGap: number;
  textH: number;
  totalW: number;
  totalH: number;
}

function linearGeom(spec: BarcodeSpec, enc: Linear): LinearGeom {
  const [quietL, quietR] = QUIET[spec.symbology];
  const barH = spec.barHeight * enc.widthModules;
  const textGap = spec.showText ? spec.textModules * 0.25 : 0;
  const textH = spec.showText ? spec.textModules : 0;
  const vq = 2;
  return { quietL, quietR, widthModules: enc.widthModules, barH, textGap, textH, totalW: quietL + enc.widthModules + quietR, totalH: vq + barH + textGap + textH + vq };
}

/** Height / width of the barcode with its quiet zone and text. */
export function barcodeAspect(spec: BarcodeSpec): number {
  const enc = linearOf(spec);
  if (enc.type === 'matrix') return (enc.rows + 4) / (enc.cols + 4);
  const g = linearGeom(spec, enc);
  return g.totalH / g.totalW;
}

/** Height / width of the 2-D code with its quiet zone and caption. */
export function qrAspect(spec: QrSpec): number {
  const m = matrixOf(spec);
  const w = m.cols + 2 * spec.quiet;
  const h = m.rows + 2 * spec.quiet + (spec.caption ? w * 0.14 : 0);
  return h / w;
}

/** Module size in px: whole pixels when the modules are large enough (crisper, decodable), else fractional. */
function moduleSize(avail: number): number {
  return avail >= 2 ? Math.floor(avail) : avail;
}

function fillMatrix(ctx: SKRSContext2D, m: Matrix, x0: number, y0: number, mod: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  for (let r = 0; r < m.rows; r++) {
    let c = 0;
    while (c < m.cols) {
      if (m.pixs[r * m.cols + c] !== 1) {
        c++;
        continue;
      }
      const s = c;
      while (c < m.cols && m.pixs[r * m.cols + c] === 1) c++;
      ctx.rect(x0 + s * mod, y0 + r * mod, (c - s) * mod, mod);
    }
  }
  ctx.fill();
}

export function drawBarcode(ctx: SKRSContext2D, rect: XYXY, spec: BarcodeSpec, family: string): XYXY[] {
  const enc = linearOf(spec);
  if (enc.type === 'matrix') {
    const box = fitAspect(rect, (enc.rows + 4) / (enc.cols + 4));
    const mod = moduleSize(box.w / (enc.cols + 4));
    const x0 = Math.round(box.x + (box.w - mod * (enc.cols + 4)) / 2 + 2 * mod);
    const y0 = Math.round(box.y + (box.h - mod * (enc.rows + 4)) / 2 + 2 * mod);
    fillMatrix(ctx, enc, x0, y0, mod, spec.color);
    return [];
  }
  const g = linearGeom(spec, enc);
  const box = fitAspect(rect, g.totalH / g.totalW);
  const mod = moduleSize(box.w / g.totalW);
  const modY = mod;
  const x0 = Math.round(box.x + (box.w - mod * g.totalW) / 2 + g.quietL * mod);
  const yTop = box.y + (box.h - modY * g.totalH) / 2 + 2 * modY;
  const barH = g.barH * modY;
  const textPx = g.textH * modY;
  const guardExt = enc.digits.length ? textPx * 0.55 : 0;
  ctx.fillStyle = spec.color;
  ctx.beginPath();
  for (const b of enc.bars) ctx.rect(x0 + b.x * mod, yTop, b.w * mod, barH + (b.guard && spec.showText ? guardExt : 0));
  ctx.fill();
  if (!spec.showText) return [];
  const boxes: XYXY[] = [];
  const baseline = yTop + barH + g.textGap * modY + textPx * 0.78;
  const make = (px: number): string => font(px, family);
  ctx.fillStyle = spec.color;
  if (enc.digits.length) {
    const d = enc.digits;
    const centers: { c: number; s: number }[] = [];
    if (spec.symbology === 'ean13') {
      centers.push({ c: -5, s: 1 });
      for (let i = 0; i < 6; i++) centers.push({ c: 3 + 7 * i + 3.5, s: 1 });
      for (let i = 0; i < 6; i++) centers.push({ c: 50 + 7 * i + 3.5, s: 1 });
    } else {
      centers.push({ c: -4.5, s: 0.75 });
      for (let i = 0; i < 5; i++) centers.push({ c: 10 + 7 * i + 3.5, s: 1 });
      for (let i = 0; i < 5; i++) centers.push({ c: 50 + 7 * i + 3.5, s: 1 });
      centers.push({ c: 95 + 4.5, s: 0.75 });
    }
    for (let i = 0; i < Math.min(d.length, centers.length); i++) {
      const { c, s } = centers[i]!;
      ctx.font = make(textPx * s);
      const w = ctx.measureText(d[i]!).width;
      const b = fillTextInside(ctx, d[i]!, x0 + c * mod - w / 2, baseline, rect);
      if (b) boxes.push(b);
    }
    return boxes;
  }
  const px = fitFontSize(ctx, spec.payload, textPx, 4, g.widthModules * mod, make);
  const w = ctx.measureText(spec.payload).width;
  const b = fillTextInside(ctx, spec.payload, x0 + (g.widthModules * mod - w) / 2, baseline - (textPx - px) * 0.2, rect);
  if (b) boxes.push(b);
  return boxes;
}

export function drawQr(ctx: SKRSContext2D, rect: XYXY, spec: QrSpec, family: string): XYXY[] {
  const m = matrixOf(spec);
  const totalW = m.cols + 2 * spec.quiet;
  const capH = spec.caption ? totalW * 0.14 : 0;
  const totalH = m.rows + 2 * spec.quiet + capH;
  const box = fitAspect(rect, totalH / totalW);
  const mod = moduleSize(box.w / totalW);
  const x0 = Math.round(box.x + (box.w - mod * totalW) / 2 + spec.quiet * mod);
  const y0 = Math.round(box.y + (box.h - mod * totalH) / 2 + spec.quiet * mod);
  fillMatrix(ctx, m, x0, y0, mod, spec.color);
  if (!spec.caption) return [];
  const make = (px: number): string => font(px, family, 'bold');
  const px = fitFontSize(ctx, spec.caption, capH * mod * 0.6, 4, totalW * mod * 0.95, make);
  const w = ctx.measureText(spec.caption).width;
  const baseline = y0 + m.rows * mod + spec.quiet * mod * 0.6 + px;
  const b = fillTextInside(ctx, spec.caption, x0 + (m.cols * mod - w) / 2, baseline, rect);
  return b ? [b] : [];
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const SITES = ['example', 'acme', 'northwind', 'contoso', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'hooli', 'vandelay', 'tyrell'];
const PATHS = ['track', 'order', 'invoice', 'product', 'verify', 'pay', 'doc', 'ticket', 'info', 'menu', 'survey', 'register'];

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function chars(rng: Rng, set: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += set[rng.int(0, set.length - 1)]!;
  return s;
}

function slug(words: string[]): string {
  return words.map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean).join('-');
}

export function sampleBarcode(rng: Rng): BarcodeSpec {
  const symbology = (['code128', 'ean13', 'upca', 'code39', 'pdf417'] as const)[rng.weighted([0.45, 0.25, 0.1, 0.12, 0.08])]!;
  let payload: string;
  switch (symbology) {
    case 'ean13':
      payload = rng.pick(['40', '50', '59', '76', '80', '87', '97']) + digits(rng, 10);
      break;
    case 'upca':
      payload = rng.pick(['0', '0', '6', '7', '8']) + digits(rng, 10);
      break;
    case 'code39':
      payload = `${chars(rng, LETTERS, rng.int(2, 4))}-${digits(rng, rng.int(4, 8))}`;
      break;
    case 'pdf417':
      payload = `${chars(rng, LETTERS, 3)}${digits(rng, 6)} ${rng.pick(SITES).toUpperCase()} ${digits(rng, rng.int(8, 30))}`;
      break;
    default: {
      const form = rng.int(0, 4);
      payload =
        form === 0
          ? `INV-${rng.int(2015, 2030)}-${digits(rng, 5)}`
          : form === 1
            ? `SN${chars(rng, ALNUM, rng.int(6, 10))}`
            : form === 2
              ? `1Z${chars(rng, ALNUM, 6)}${digits(rng, 10)}`
              : form === 3
                ? `${chars(rng, LETTERS, 3)}${digits(rng, rng.int(5, 9))}`
                : digits(rng, rng.int(8, 14));
    }
  }
  const linear = symbology !== 'pdf417';
  return {
    kind: 'barcode',
    symbology,
    payload,
    barHeight: r4(symbology === 'pdf417' ? 0 : symbology === 'ean13' || symbology === 'upca' ? rng.uniform(0.6, 0.75) : rng.uniform(0.18, 0.4)),
    showText: linear && (symbology === 'ean13' || symbology === 'upca' || rng.chance(0.85)),
    textModules: r4(symbology === 'ean13' || symbology === 'upca' ? 9 : rng.uniform(7, 11)),
    color: rng.chance(0.85) ? '#000000' : rng.pick(['#1a1a1a', '#0b1f4b', '#222222', '#3a2a1a']),
  };
}

export function sampleQr(rng: Rng): QrSpec {
  const symbology = (['qrcode', 'datamatrix', 'azteccode'] as const)[rng.weighted([0.75, 0.17, 0.08])]!;
  const site = rng.pick(SITES);
  const form = rng.int(0, 5);
  let payload: string;
  if (symbology !== 'qrcode') payload = `${chars(rng, LETTERS, 2)}${digits(rng, rng.int(6, 14))}${rng.chance(0.5) ? ` LOT ${digits(rng, 5)}` : ''}`;
  else if (form === 0) payload = `https://www.${site}.com/${rng.pick(PATHS)}/${chars(rng, ALNUM, rng.int(4, 10)).toLowerCase()}`;
  else if (form === 1) payload = `https://${site}.example/${rng.pick(PATHS)}?id=${digits(rng, rng.int(5, 9))}&ref=${chars(rng, ALNUM, 6).toLowerCase()}`;
  else if (form === 2) payload = `WIFI:T:WPA;S:${site}-${rng.pick(['guest', 'office', 'lab'])};P:${chars(rng, ALNUM, rng.int(8, 14))};;`;
  else if (form === 3) payload = `MECARD:N:${slug([rng.pick(PATHS), site])};TEL:+${digits(rng, 11)};EMAIL:info@${site}.com;;`;
  else if (form === 4) payload = `geo:${r4(rng.uniform(-60, 70), 5)},${r4(rng.uniform(-170, 170), 5)}`;
  else payload = `${chars(rng, LETTERS, 3)}-${digits(rng, 8)} ${rng.pick(['EUR', 'USD', 'GBP'])} ${rng.int(1, 9999)}.${digits(rng, 2)}`;
  return {
    kind: 'qrcode',
    symbology,
    payload,
    eclevel: rng.pick(['L', 'M', 'M', 'Q', 'H'] as const),
    quiet: symbology === 'qrcode' ? rng.pick([2, 4, 4]) : symbology === 'azteccode' ? 2 : 1,
    color: rng.chance(0.9) ? '#000000' : rng.pick(['#0b1f4b', '#1a1a1a', '#3b0d0d']),
    caption: rng.chance(0.3) ? rng.pick(['Scan me', 'Scan to pay', 'Scan for details', 'Scan to verify', 'More information', 'Track your order']) : null,
  };
}
