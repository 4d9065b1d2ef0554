/**
 * Handwritten signatures: cursive strokes built from trochoid loops (one per letter: small humps, tall loops,
 * descenders), a larger initial, an optional underline flourish and dot, in dark blue or black ink with a
 * pressure-varying width.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { fitAspect, r4 } from './util.js';

export interface SignatureSpec {
  kind: 'signature';
  /** Strokes as flattened [x0, y0, x1, y1, ...] in a box 1 wide and `aspect` tall. */
  strokes: number[][];
  /** Height / width of the strokes' box. */
  aspect: number;
  color: string;
  /** Pen width relative to the box width. */
  pen: number;
  /** Pressure variation 0-1 and its phase. */
  pressure: number;
  phase: number;
}

/** One cursive word from (x, base): returns the points and the end position. */
function word(rng: Rng, x: number, base: number, letters: number, capital: boolean, slant: number, fade: number): { pts: number[]; x: number } {
  const pts: number[] = [];
  const v0 = rng.uniform(0.11, 0.17);
  const steps = 10;
  // Lead-in stroke from below the baseline.
  const lead = rng.uniform(0.1, 0.3);
  for (let k = 0; k < 4; k++) {
    const t = k / 4;
    pts.push(x - lead + lead * t, base + lead * (1 - t) * (1 - t));
  }
  for (let i = 0; i < letters; i++) {
    const first = i === 0 && capital;
    const type = first ? 'cap' : rng.pick(['hump', 'hump', 'hump', 'loop', 'loop', 'desc', 'flat', 'o', 'spike']);
    const shrink = 1 - (fade * i) / Math.max(1, letters);
    const v = v0 * (first ? rng.uniform(1, 1.5) : type === 'flat' ? rng.uniform(1, 1.8) : rng.uniform(0.7, 1.3));
    let h: number;
    let rx: number;
    switch (type) {
      case 'cap':
        h = rng.uniform(1.3, 1.9);
        rx = rng.uniform(0.2, 0.45);
        break;
      case 'loop':
        h = rng.uniform(0.8, 1.15);
        rx = rng.uniform(0.14, 0.26);
        break;
      case 'desc':
        h = -rng.uniform(0.5, 0.85);
        rx = rng.uniform(0.14, 0.24);
        break;
      case 'flat':
        h = rng.uniform(0.1, 0.25);
        rx = 0;
        break;
      case 'o':
        h = rng.uniform(0.3, 0.45);
        rx = v * rng.uniform(1.2, 1.6);
        break;
      case 'spike':
        h = rng.uniform(0.7, 1);
        rx = rng.uniform(0, 0.04);
        break;
      default:
        h = rng.uniform(0.28, 0.5);
        rx = rng.uniform(0, 0.07);
    }
    h *= shrink;
    const drift = rng.uniform(-0.05, 0.05);
    for (let k = 1; k <= steps; k++) {
      const th = (k / steps) * Math.PI * 2;
      const lift = (h * (1 - Math.cos(th))) / 2;
      const y = base - lift + drift * (k / steps);
      const xx = x + v * th + rx * Math.sin(th) * (h < 0 ? -1 : 1) + slant * lift;
      pts.push(xx, y);
    }
    x += v * Math.PI * 2;
    base += drift;
  }
  return { pts, x };
}

export function sampleSignature(rng: Rng): SignatureSpec {
  const slant = rng.uniform(0.1, 0.45);
  const strokes: number[][] = [];
  let x = 0;
  const nWords = rng.weighted([0.35, 0.65]) + 1;
  for (let w = 0; w < nWords; w++) {
    const short = nWords === 2 && w === 0 && rng.chance(0.4);
    const r = word(rng, x, 0, short ? 1 : rng.int(3, 8), true, slant, rng.uniform(0, 0.5));
    strokes.push(r.pts);
    x = r.x + rng.uniform(0.35, 0.7);
  }
  const last = strokes[strokes.length - 1]!;
  const ex = last[last.length - 2]!;
  if (rng.chance(0.7)) {
    // A flourish: from the end, down and back under the name, ending with a small hook.
    const under = rng.uniform(0.35, 0.7);
    const back = rng.uniform(0.05, 0.4) * ex;
    const pts: number[] = [];
    const n = 24;
    for (let k = 0; k <= n; k++) {
      const t = k / n;
      const px = ex + 0.3 * Math.sin(t * Math.PI) - (ex - back) * t * t;
      const py = -0.1 + under * Math.sin(t * Math.PI * 0.9) + 0.1 * t;
      pts.push(px, py);
    }
    strokes.push(pts);
  }
  if (rng.chance(0.35)) {
    const dx = rng.uniform(0.3, 0.8) * ex;
    strokes.push([dx, -1.1, dx + 0.05, -1.15]);
  }
  // Normalise to a box 1 wide.
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of strokes)
    for (let i = 0; i < s.length; i += 2) {
      x0 = Math.min(x0, s[i]!);
      x1 = Math.max(x1, s[i]!);
      y0 = Math.min(y0, s[i + 1]!);
      y1 = Math.max(y1, s[i + 1]!);
    }
  const k = 1 / (x1 - x0);
  const squash = rng.uniform(0.75, 1.1);
  const norm = strokes.map((s) => s.map((v, i) => r4(i % 2 === 0 ? (v - x0) * k : (v - y0) * k * squash)));
  return {
    kind: 'signature',
    strokes: norm,
    aspect: r4((y1 - y0) * k * squash),
    color: rng.pick(['#0d1b5e', '#14246b', '#1a1a40', '#111111', '#202020', '#0a2a7a']),
    pen: r4(rng.uniform(0.006, 0.012), 5),
    pressure: r4(rng.uniform(0.2, 0.6), 3),
    phase: r4(rng.uniform(0, Math.PI * 2), 3),
  };
}

export function signatureAspect(spec: SignatureSpec): number {
  return (spec.aspect + 2 * spec.pen * 2) / (1 + 2 * spec.pen * 2);
}

export function drawSignature(ctx: SKRSContext2D, rect: XYXY, spec: SignatureSpec): XYXY[] {
  const box = fitAspect(rect, signatureAspect(spec));
  const pad = box.w * spec.pen * 2;
  const s = box.w - 2 * pad;
  const ox = box.x + pad;
  const oy = box.y + pad;
  const lw = Math.max(0.8, spec.pen * s);
  ctx.save();
  ctx.strokeStyle = spec.color;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  let seg = 0;
  for (const st of spec.strokes) {
    const n = st.length / 2;
    if (n < 2) continue;
    const P = (i: number): [number, number] => [ox + st[2 * i]! * s, oy + st[2 * i + 1]! * s];
    // Quadratic curves through the midpoints; each piece gets its own width (pen pressure).
    let [mx, my] = P(0);
    for (let i = 1; i < n; i++) {
      const [cx, cy] = P(i);
      const [nx, ny] = i + 1 < n ? P(i + 1) : [cx, cy];
      const ex = i + 1 < n ? (cx + nx) / 2 : cx;
      const ey = i + 1 < n ? (cy + ny) / 2 : cy;
      const taper = Math.min(1, i / 3, (n - i) / 3);
      ctx.lineWidth = lw * (1 - spec.pressure * 0.5 + spec.pressure * 0.5 * Math.sin(seg * 0.35 + spec.phase)) * (0.45 + 0.55 * taper);
      ctx.beginPath();
      ctx.moveTo(mx, my);
      ctx.quadraticCurveTo(cx, cy, ex, ey);
      ctx.stroke();
      mx = ex;
      my = ey;
      seg++;
    }
  }
  ctx.restore();
  return [];
}
