/**
 * Flowcharts and block diagrams: boxes (rectangles, rounded, decisions, terminals, databases, data) arranged in
 * layers top-to-bottom or left-to-right, joined by straight or elbow arrows, each with a short label.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { capitalise, fillTextInside, font, hsl, mix, r4, roundRectPath, takeWords } from './util.js';

export type DiagramShape = 'rect' | 'round' | 'diamond' | 'ellipse' | 'cylinder' | 'parallelogram';

export interface DiagramNode {
  label: string;
  shape: DiagramShape;
}

export interface DiagramSpec {
  kind: 'diagram';
  /** Height / width the diagram was sampled for; it fills whatever rectangle it gets. */
  aspect: number;
  dir: 'TB' | 'LR';
  /** Node indices per layer, in order along the main axis. */
  layers: number[][];
  nodes: DiagramNode[];
  /** [from, to] node indices; edges join consecutive layers. */
  edges: [number, number][];
  edgeStyle: 'straight' | 'elbow';
  fill: 'none' | 'tint' | 'solid';
  color: string;
  textColor: string;
  /** Line width relative to the box height. */
  line: number;
  /** Box width and height as shares of their cell. */
  boxW: number;
  boxH: number;
}

const LABELS = [
  'Start', 'End', 'Input', 'Output', 'Validate', 'Process', 'Database', 'Review', 'Approve', 'Reject', 'Load data', 'Parse',
  'Transform', 'Store', 'Send email', 'Check stock', 'Retry', 'Report', 'User', 'Server', 'Client', 'API', 'Cache', 'Queue',
  'Encoder', 'Decoder', 'Sensor', 'Filter', 'Controller', 'Model', 'Training', 'Inference', 'Login', 'Payment', 'Archive',
  'Scheduler', 'Gateway', 'Analysis', 'Feedback', 'Deploy', 'Test', 'Build', 'Order', 'Invoice', 'Ship',
];

export function sampleDiagram(rng: Rng, opts: { width: number; height: number; text?: (n: number) => string[] }): DiagramSpec {
  const aspect = opts.height / Math.max(1, opts.width);
  const dir: 'TB' | 'LR' = aspect > 0.9 ? (rng.chance(0.8) ? 'TB' : 'LR') : aspect < 0.5 ? (rng.chance(0.85) ? 'LR' : 'TB') : rng.chance(0.5) ? 'TB' : 'LR';
  const nLayers = rng.int(3, 5);
  const layers: number[][] = [];
  let id = 0;
  for (let l = 0; l < nLayers; l++) {
    const k = l === 0 || l === nLayers - 1 ? rng.weighted([0.7, 0.3]) + 1 : rng.int(1, 3);
    layers.push(Array.from({ length: k }, () => id++));
  }
  const edges: [number, number][] = [];
  for (let l = 1; l < nLayers; l++) {
    const prev = layers[l - 1]!;
    const cur = layers[l]!;
    for (let j = 0; j < cur.length; j++) {
      const p = prev[Math.min(prev.length - 1, Math.floor((j * prev.length) / cur.length))]!;
      edges.push([p, cur[j]!]);
    }
    for (const p of prev) if (!edges.some(([a, b]) => a === p && cur.includes(b))) edges.push([p, rng.pick(cur)]);
    if (rng.chance(0.25) && prev.length > 1 && cur.length > 1) {
      const a = rng.pick(prev);
      const b = rng.pick(cur);
      if (!edges.some(([x, y]) => x === a && y === b)) edges.push([a, b]);
    }
  }
  const words = takeWords(rng, id, LABELS, opts.text).map((w) => capitalise(w.split(/\s+/).slice(0, 2).join(' ').slice(0, 18)));
  const flow = rng.chance(0.5);
  const nodes: DiagramNode[] = words.map((label, i) => {
    const first = i === 0;
    const last = i === id - 1;
    let shape: DiagramShape;
    if (flow && (first || last) && (layers[0]!.length === 1 || !first)) shape = 'ellipse';
    else if (flow) shape = (['rect', 'diamond', 'parallelogram', 'cylinder', 'round'] as const)[rng.weighted([0.55, 0.2, 0.1, 0.07, 0.08])]!;
    else shape = (['rect', 'round', 'cylinder'] as const)[rng.weighted([0.5, 0.4, 0.1])]!;
    return { label: flow && first && shape === 'ellipse' ? 'Start' : flow && last && shape === 'ellipse' ? 'End' : label, shape };
  });
  const hue = rng.uniform(0, 360);
  const mono = rng.chance(0.35);
  return {
    kind: 'diagram',
    aspect: r4(aspect),
    dir,
    layers,
    nodes,
    edges,
    edgeStyle: rng.chance(0.5) ? 'elbow' : 'straight',
    fill: (['none', 'tint', 'solid'] as const)[rng.weighted([0.35, 0.45, 0.2])]!,
    color: mono ? rng.pick(['#222222', '#333333', '#444444']) : hsl(hue, rng.uniform(0.45, 0.75), rng.uniform(0.3, 0.45)),
    textColor: '#111111',
    line: r4(rng.uniform(0.03, 0.06)),
    boxW: r4(rng.uniform(0.65, 0.85)),
    boxH: r4(rng.uniform(0.45, 0.65)),
  };
}

interface Placed {
  x: number;
  y: number;
  w: number;
  h: number;
}

function shapePath(ctx: SKRSContext2D, b: Placed, shape: DiagramShape): void {
  const { x, y, w, h } = b;
  ctx.beginPath();
  switch (shape) {
    case 'rect':
      ctx.rect(x, y, w, h);
      break;
    case 'round':
      roundRectPath(ctx, x, y, w, h, h * 0.25);
      break;
    case 'diamond':
      ctx.moveTo(x + w / 2, y);
      ctx.lineTo(x + w, y + h / 2);
      ctx.lineTo(x + w / 2, y + h);
      ctx.lineTo(x, y + h / 2);
      ctx.closePath();
      break;
    case 'ellipse':
      ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2);
      break;
    case 'parallelogram': {
      const d = Math.min(w * 0.15, h * 0.5);
      ctx.moveTo(x + d, y);
      ctx.lineTo(x + w, y);
      ctx.lineTo(x + w - d, y + h);
      ctx.lineTo(x, y + h);
      ctx.closePath();
      break;
    }
    case 'cylinder': {
      const e = h * 0.14;
      ctx.moveTo(x, y + e);
      ctx.ellipse(x + w / 2, y + e, w / 2, e, 0, Math.PI, 0, false);
      ctx.lineTo(x + w, y + h - e);
      ctx.ellipse(x + w / 2, y + h - e, w / 2, e, 0, 0, Math.PI, false);
      ctx.closePath();
      break;
    }
  }
}

/** Share of the box width a label may use, by shape. */
const TEXT_W: Record<DiagramShape, number> = { rect: 0.86, round: 0.84, diamond: 0.52, ellipse: 0.7, cylinder: 0.82, parallelogram: 0.7 };

export function drawDiagram(ctx: SKRSContext2D, rect: XYXY, spec: DiagramSpec, family: string): XYXY[] {
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  const tb = spec.dir === 'TB';
  const main = tb ? rh : rw;
  const cross = tb ? rw : rh;
  const nL = spec.layers.length;
  const maxK = Math.max(...spec.layers.map((l) => l.length));
  const cellMain = main / nL;
  const cellCross = cross / maxK;
  // Boxes share one size: a share of the cell, kept to a sensible width:height ratio.
  let bw = (tb ? cellCross : cellMain) * spec.boxW;
  let bh = (tb ? cellMain : cellCross) * spec.boxH;
  bh = Math.min(bh, bw * 0.6);
  bw = Math.min(bw, bh * 4);
  const lw = Math.max(1, bh * spec.line);
  const pad = lw + 1;
  const placed = new Map<number, Placed>();
  spec.layers.forEach((layer, l) => {
    const k = layer.length;
    layer.forEach((id, j) => {
      const m = cellMain * (l + 0.5);
      const c = (cross / k) * (j + 0.5);
      const cx = rect.x0 + (tb ? c : m);
      const cy = rect.y0 + (tb ? m : c);
      const x = Math.min(Math.max(cx - bw / 2, rect.x0 + pad), rect.x1 - pad - bw);
      const y = Math.min(Math.max(cy - bh / 2, rect.y0 + pad), rect.y1 - pad - bh);
      placed.set(id, { x, y, w: bw, h: bh });
    });
  });
  const color = spec.color;
  ctx.save();
  ctx.lineJoin = 'round';
  // Arrows first, so the boxes cover their ends neatly.
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = lw * 0.8;
  const head = Math.max(4, lw * 3.2);
  for (const [a, b] of spec.edges) {
    const A = placed.get(a);
    const B = placed.get(b);
    if (!A || !B) continue;
    const sx = tb ? A.x + A.w / 2 : A.x + A.w;
    const sy = tb ? A.y + A.h : A.y + A.h / 2;
    const ex = tb ? B.x + B.w / 2 : B.x;
    const ey = tb ? B.y : B.y + B.h / 2;
    ctx.beginPath();
    ctx.moveTo(sx, sy);
    let ang: number;
    if (spec.edgeStyle === 'elbow') {
      if (tb) {
        const my = (sy + ey) / 2;
        ctx.lineTo(sx, my);
        ctx.lineTo(ex, my);
        ctx.lineTo(ex, ey - head * 0.9);
        ang = Math.PI / 2;
      } else {
        const mx = (sx + ex) / 2;
        ctx.lineTo(mx, sy);
        ctx.lineTo(mx, ey);
        ctx.lineTo(ex - head * 0.9, ey);
        ang = 0;
      }
    } else {
      ang = Math.atan2(ey - sy, ex - sx);
      ctx.lineTo(ex - Math.cos(ang) * head * 0.9, ey - Math.sin(ang) * head * 0.9);
    }
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - head * Math.cos(ang) + head * 0.45 * Math.sin(ang), ey - head * Math.sin(ang) - head * 0.45 * Math.cos(ang));
    ctx.lineTo(ex - head * Math.cos(ang) - head * 0.45 * Math.sin(ang), ey - head * Math.sin(ang) + head * 0.45 * Math.cos(ang));
    ctx.closePath();
    ctx.fill();
  }
  const boxFill = spec.fill === 'solid' ? color : spec.fill === 'tint' ? mix(color, '#ffffff', 0.85) : '#ffffff';
  const textColor = spec.fill === 'solid' ? '#ffffff' : spec.textColor;
  ctx.lineWidth = lw;
  for (const [id, b] of placed) {
    const node = spec.nodes[id];
    if (!node) continue;
    shapePath(ctx, b, node.shape);
    ctx.fillStyle = boxFill;
    ctx.fill();
    ctx.strokeStyle = color;
    ctx.stroke();
  }
  // Labels: one size for all, fitted to the longest label; two lines when a label has two words and is long.
  const boxes: XYXY[] = [];
  let px = Math.min(bh * 0.34, 22);
  ctx.fillStyle = textColor;
  const lines = (n: DiagramNode): string[] => {
    const ws = n.label.split(' ');
    return ws.length === 2 && n.label.length > 10 && n.shape !== 'diamond' ? ws : [n.label];
  };
  for (let it = 0; it < 30; it++) {
    ctx.font = font(px, family);
    let ok = true;
    for (const id of placed.keys()) {
      const n = spec.nodes[id]!;
      const ls = lines(n);
      const maxW = bw * TEXT_W[n.shape];
      if (ls.length * px * 1.2 > bh * (n.shape === 'diamond' ? 0.5 : 0.8) || ls.some((s) => ctx.measureText(s).width > maxW)) ok = false;
    }
    if (ok || px < 4) break;
    px *= 0.9;
  }
  ctx.font = font(px, family);
  for (const [id, b] of placed) {
    const n = spec.nodes[id]!;
    const ls = lines(n);
    const lineH = px * 1.2;
    const top = b.y + b.h / 2 - (ls.length * lineH) / 2;
    ls.forEach((s, i) => {
      const m = ctx.measureText(s);
      const x = b.x + b.w / 2 - m.width / 2;
      const y = top + lineH * i + lineH / 2 + px * 0.35;
      const tbx = fillTextInside(ctx, s, x, y, rect);
      if (tbx) boxes.push(tbx);
    });
  }
  ctx.restore();
  return boxes;
}
