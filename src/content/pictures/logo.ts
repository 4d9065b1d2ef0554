/**
 * Logos: a geometric mark (monogram, rings, hexagon, bars, leaf, chevrons, dots, split diamond, orbit) plus a
 * company name in bold, beside or under the mark, with an optional tagline.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { capitalise, fillSpacedTextInside, fillTextInside, font, hsl, mix, r4, roundRectPath, spacedWidth } from './util.js';

export const LOGO_MARKS = ['monogram-square', 'monogram-circle', 'rings', 'hexagon', 'bars', 'leaf', 'chevrons', 'dots', 'diamond', 'orbit', 'none'] as const;
export type LogoMark = (typeof LOGO_MARKS)[number];

export interface LogoSpec {
  kind: 'logo';
  mark: LogoMark;
  layout: 'horizontal' | 'stacked';
  name: string;
  tagline: string | null;
  /** Mark colours (primary, secondary) and the name's colour. */
  colors: [string, string];
  nameColor: string;
  uppercase: boolean;
  /** Extra letter spacing in em. */
  tracking: number;
}

const SYL = ['al', 'ber', 'cor', 'da', 'en', 'fa', 'gen', 'hel', 'in', 'jo', 'ka', 'lum', 'mar', 'nor', 'ox', 'pra', 'qui', 'ro', 'sol', 'ta', 'ur', 'vex', 'wen', 'xa', 'yo', 'zen', 'tri', 'nova', 'vis', 'tek'];
const SUFFIX = ['', '', '', ' Labs', ' Group', ' Inc.', ' Systems', ' & Co.', ' Partners', ' Solutions', ' Bank', ' Health'];
const TAGS = ['Building better futures', 'Quality since 1987', 'Engineering the future', 'Your trusted partner', 'Innovation that matters', 'Simply smarter', 'Care. Commit. Deliver.', 'Global logistics solutions'];

export function sampleLogo(rng: Rng, text?: (n: number) => string[]): LogoSpec {
  let name = '';
  if (text && rng.chance(0.5)) name = capitalise((text(1)[0] ?? '').replace(/[^\p{L}\p{N} ]/gu, '').trim()).slice(0, 16);
  if (name.length < 3) {
    const n = rng.int(2, 3);
    for (let i = 0; i < n; i++) name += rng.pick(SYL);
    name = capitalise(name);
  }
  name += rng.pick(SUFFIX);
  const hue = rng.uniform(0, 360);
  const c1 = hsl(hue, rng.uniform(0.55, 0.9), rng.uniform(0.3, 0.5));
  const c2 = rng.chance(0.5) ? hsl(hue + rng.pick([30, 150, 180, 200, -40]), rng.uniform(0.55, 0.9), rng.uniform(0.4, 0.6)) : mix(c1, '#ffffff', 0.45);
  const mark = rng.pick(LOGO_MARKS);
  return {
    kind: 'logo',
    mark,
    layout: mark !== 'none' && rng.chance(0.3) ? 'stacked' : 'horizontal',
    name,
    tagline: rng.chance(0.3) ? rng.pick(TAGS) : null,
    colors: [c1, c2],
    nameColor: rng.chance(0.55) ? rng.pick(['#1b1b1b', '#2b2b2b', '#1f2a44']) : c1,
    uppercase: rng.chance(0.35),
    tracking: r4(rng.chance(0.4) ? rng.uniform(0.02, 0.15) : 0, 3),
  };
}

function shownName(spec: LogoSpec): string {
  return spec.uppercase ? spec.name.toUpperCase() : spec.name;
}

/** Approximate height / width (the name's width is estimated from its length; drawing measures it). */
export function logoAspect(spec: LogoSpec): number {
  const nameW = shownName(spec).length * (0.62 + spec.tracking) * 0.5;
  const tagH = spec.tagline ? 0.22 : 0;
  if (spec.mark === 'none') return (0.5 + tagH) / Math.max(nameW, 1);
  if (spec.layout === 'stacked') return (1 + 0.15 + 0.5 + tagH) / Math.max(1, nameW);
  return Math.max(1, 0.5 + tagH) / (1 + 0.28 + nameW);
}

/** Draws the mark in the unit square at (x, y) of side s. */
function drawMark(ctx: SKRSContext2D, x: number, y: number, s: number, spec: LogoSpec, family: string): void {
  const [c1, c2] = spec.colors;
  const cx = x + s / 2;
  const cy = y + s / 2;
  ctx.save();
  switch (spec.mark) {
    case 'monogram-square':
    case 'monogram-circle': {
      ctx.fillStyle = c1;
      ctx.beginPath();
      if (spec.mark === 'monogram-square') roundRectPath(ctx, x, y, s, s, s * 0.18);
      else ctx.arc(cx, cy, s / 2, 0, Math.PI * 2);
      ctx.fill();
      const letter = spec.name.trim()[0]?.toUpperCase() ?? 'A';
      ctx.font = font(s * 0.62, family, 'bold');
      const m = ctx.measureText(letter);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(letter, cx - (m.actualBoundingBoxRight - m.actualBoundingBoxLeft) / 2 - m.actualBoundingBoxLeft * 0, cy + (m.actualBoundingBoxAscent - m.actualBoundingBoxDescent) / 2);
      break;
    }
    case 'rings': {
      ctx.lineWidth = s * 0.09;
      const r = s * 0.27;
      for (let i = 0; i < 3; i++) {
        const a = -Math.PI / 2 + (i * Math.PI * 2) / 3;
        ctx.strokeStyle = i === 1 ? c2 : c1;
        ctx.beginPath();
        ctx.arc(cx + r * 0.72 * Math.cos(a), cy + r * 0.72 * Math.sin(a) + s * 0.04, r, 0, Math.PI * 2);
        ctx.stroke();
      }
      break;
    }
    case 'hexagon': {
      ctx.fillStyle = c1;
      ctx.beginPath();
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 6 + (i * Math.PI) / 3;
        ctx.lineTo(cx + (s / 2) * Math.cos(a), cy + (s / 2) * Math.sin(a));
      }
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = c2;
      ctx.beginPath();
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 6 + (i * Math.PI) / 3;
        ctx.lineTo(cx + s * 0.24 * Math.cos(a), cy + s * 0.24 * Math.sin(a));
      }
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'bars': {
      const n = 4;
      const bw = s / (n * 1.45);
      for (let i = 0; i < n; i++) {
        const h = s * (0.35 + (0.65 * (i + 1)) / n);
        ctx.fillStyle = i === n - 1 ? c2 : c1;
        ctx.fillRect(x + i * bw * 1.45 + bw * 0.2, y + s - h, bw, h);
      }
      break;
    }
    case 'leaf': {
      ctx.fillStyle = c1;
      ctx.beginPath();
      ctx.moveTo(x + s * 0.08, y + s * 0.92);
      ctx.bezierCurveTo(x, y + s * 0.3, x + s * 0.5, y, x + s * 0.95, y + s * 0.05);
      ctx.bezierCurveTo(x + s, y + s * 0.55, x + s * 0.6, y + s * 0.95, x + s * 0.08, y + s * 0.92);
      ctx.fill();
      ctx.strokeStyle = c2 === mix(c1, '#ffffff', 0.45) ? '#ffffff' : c2;
      ctx.lineWidth = s * 0.05;
      ctx.beginPath();
      ctx.moveTo(x + s * 0.12, y + s * 0.88);
      ctx.quadraticCurveTo(x + s * 0.5, y + s * 0.5, x + s * 0.85, y + s * 0.15);
      ctx.stroke();
      break;
    }
    case 'chevrons': {
      ctx.lineWidth = s * 0.14;
      ctx.lineJoin = 'miter';
      for (let i = 0; i < 3; i++) {
        ctx.strokeStyle = i === 2 ? c2 : c1;
        const ox = x + s * (0.12 + i * 0.26);
        ctx.beginPath();
        ctx.moveTo(ox, y + s * 0.15);
        ctx.lineTo(ox + s * 0.3, cy);
        ctx.lineTo(ox, y + s * 0.85);
        ctx.stroke();
      }
      break;
    }
    case 'dots': {
      const n = 3;
      const r = s / (n * 2) * 0.8;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          ctx.fillStyle = (i + j) % 3 === 0 ? c2 : c1;
          ctx.beginPath();
          ctx.arc(x + (s / n) * (i + 0.5), y + (s / n) * (j + 0.5), r * (1 - 0.12 * ((i * 2 + j) % 3)), 0, Math.PI * 2);
          ctx.fill();
        }
      break;
    }
    case 'diamond': {
      ctx.fillStyle = c1;
      ctx.beginPath();
      ctx.moveTo(cx, y);
      ctx.lineTo(x + s, cy);
      ctx.lineTo(cx, y + s);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = c2;
      ctx.beginPath();
      ctx.moveTo(cx, y);
      ctx.lineTo(x, cy);
      ctx.lineTo(cx, y + s);
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'orbit': {
      ctx.fillStyle = c1;
      ctx.beginPath();
      ctx.arc(cx, cy, s * 0.22, 0, Math.PI * 2);
      ctx.fill();
      ctx.strokeStyle = c2;
      ctx.lineWidth = s * 0.06;
      ctx.beginPath();
      ctx.ellipse(cx, cy, s * 0.46, s * 0.18, -Math.PI / 6, 0, Math.PI * 2);
      ctx.stroke();
      break;
    }
    case 'none':
      break;
  }
  ctx.restore();
}

export function drawLogo(ctx: SKRSContext2D, rect: XYXY, spec: LogoSpec, family: string): XYXY[] {
  const name = shownName(spec);
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  // Lay out at a reference mark size of 100 px, then scale to fit the rectangle.
  const S = 100;
  const namePx = S * 0.5;
  const tagPx = S * 0.16;
  ctx.font = font(namePx, family, 'bold');
  const nameW = spacedWidth(ctx, name, spec.tracking * namePx);
  ctx.font = font(tagPx, family);
  const tagW = spec.tagline ? ctx.measureText(spec.tagline).width : 0;
  const textW = Math.max(nameW, tagW);
  const textH = namePx * 1.02 + (spec.tagline ? tagPx * 1.5 : 0);
  const hasMark = spec.mark !== 'none';
  let W: number;
  let H: number;
  if (!hasMark) {
    W = textW;
    H = textH;
  } else if (spec.layout === 'stacked') {
    W = Math.max(S, textW);
    H = S + S * 0.18 + textH;
  } else {
    W = S + S * 0.28 + textW;
    H = Math.max(S, textH);
  }
  const k = Math.min((rw * 0.98) / W, (rh * 0.98) / H);
  const ox = rect.x0 + (rw - W * k) / 2;
  const oy = rect.y0 + (rh - H * k) / 2;
  let tx: number;
  let ty: number;
  let align: 'left' | 'center';
  if (!hasMark) {
    tx = ox;
    ty = oy;
    align = 'left';
  } else if (spec.layout === 'stacked') {
    drawMark(ctx, ox + ((W - S) / 2) * k, oy, S * k, spec, family);
    tx = ox;
    ty = oy + (S + S * 0.18) * k;
    align = 'center';
  } else {
    drawMark(ctx, ox, oy + ((H - S) / 2) * k, S * k, spec, family);
    tx = ox + S * 1.28 * k;
    ty = oy + ((H - textH) / 2) * k;
    align = 'left';
  }
  const boxes: XYXY[] = [];
  const areaW = (spec.layout === 'stacked' && hasMark ? W : textW) * k;
  ctx.fillStyle = spec.nameColor;
  ctx.font = font(namePx * k, family, 'bold');
  const spacing = spec.tracking * namePx * k;
  const nw = spacedWidth(ctx, name, spacing);
  const nx = align === 'center' ? tx + (areaW - nw) / 2 : tx;
  const nb = fillSpacedTextInside(ctx, name, nx, ty + namePx * 0.8 * k, spacing, rect);
  if (nb) boxes.push(nb);
  if (spec.tagline) {
    ctx.fillStyle = '#555555';
    ctx.font = font(tagPx * k, family);
    const tw = tagW * k;
    const tb = fillTextInside(ctx, spec.tagline, align === 'center' ? tx + (areaW - tw) / 2 : tx, ty + (namePx * 1.02 + tagPx * 1.2) * k, rect);
    if (tb) boxes.push(tb);
  }
  return boxes;
}
