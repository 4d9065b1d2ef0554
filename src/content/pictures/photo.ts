/**
 * Photograph-like images: landscapes (sky, sun, clouds, layered ridges, water, trees), textures (wood,
 * marble, fabric), shaded objects on a backdrop, and head-and-shoulders portraits in silhouette. Scenes are
 * drawn at reduced resolution and scaled up (softness), then film grain and a vignette are laid over.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { fillNoise, hsl, mix, mulberry, noiseSeed, r4, rgba } from './util.js';

export interface Ridge {
  color: string;
  /** Heights (y as a share of the image height) at evenly spaced x. */
  ys: number[];
  smooth: boolean;
}

export interface LandscapeScene {
  type: 'landscape';
  sky: [string, string];
  sun: { x: number; y: number; r: number; color: string } | null;
  clouds: { x: number; y: number; w: number; h: number }[];
  ridges: Ridge[];
  /** Water from this height down (share of the image height), with its colour, or null. */
  water: { y: number; color: string } | null;
  trees: { x: number; y: number; h: number; type: 'pine' | 'round' }[];
  treeColor: string;
}

export interface TextureScene {
  type: 'texture';
  material: 'wood' | 'marble' | 'fabric';
  base: string;
  accent: string;
  /** wood: [y, amplitude, frequency, phase, width, darkness] per grain line; marble: vein walk seeds; fabric: stripes. */
  lines: number[][];
  /** wood: plank edges (x shares); fabric: stripe period as a share of the width. */
  extra: number[];
}

export interface ObjectScene {
  type: 'object';
  wall: [string, string];
  floor: string;
  /** Floor line as a share of the height. */
  horizon: number;
  /** Light from -1 (left) to 1 (right). */
  light: number;
  objects: { shape: 'sphere' | 'box' | 'cylinder' | 'bottle' | 'mug' | 'cone'; x: number; w: number; h: number; color: string }[];
}

export interface PortraitScene {
  type: 'portrait';
  bg: [string, string];
  figure: string;
  rim: string | null;
  head: { x: number; y: number; r: number };
  shoulders: number;
  hair: 'none' | 'short' | 'long' | 'bun';
}

export type PhotoScene = LandscapeScene | TextureScene | ObjectScene | PortraitScene;

export interface PhotoSpec {
  kind: 'photo';
  /** Height / width the photo was sampled for; it fills whatever rectangle it gets. */
  aspect: number;
  scene: PhotoScene;
  grey: boolean;
  /** Grain strength 0-1 and its seed; vignette strength 0-1. */
  grain: number;
  grainSeed: number;
  vignette: number;
  /** Render scale (share of full resolution) before the scene is scaled up. */
  softness: number;
}

function ridgeLine(rng: Rng, n: number, base: number, rough: number, amp: number): number[] {
  // Midpoint displacement on n = 2^k + 1 points.
  const ys = new Array<number>(n).fill(base);
  ys[0] = base + rng.uniform(-amp, amp);
  ys[n - 1] = base + rng.uniform(-amp, amp);
  let step = n - 1;
  let a = amp;
  while (step > 1) {
    const half = step / 2;
    for (let i = half; i < n; i += step) ys[i] = (ys[i - half]! + ys[i + half]!) / 2 + rng.uniform(-a, a);
    step = half;
    a *= rough;
  }
  return ys.map((y) => r4(y, 4));
}

function sampleLandscape(rng: Rng): LandscapeScene {
  const mood = rng.weighted([0.55, 0.25, 0.2]); // day, sunset, overcast
  const sky: [string, string] =
    mood === 0
      ? [hsl(rng.uniform(200, 220), rng.uniform(0.5, 0.8), rng.uniform(0.4, 0.55)), hsl(rng.uniform(195, 210), rng.uniform(0.3, 0.6), rng.uniform(0.8, 0.9))]
      : mood === 1
        ? [hsl(rng.uniform(250, 290), rng.uniform(0.3, 0.5), rng.uniform(0.3, 0.45)), hsl(rng.uniform(20, 45), rng.uniform(0.8, 1), rng.uniform(0.6, 0.7))]
        : [hsl(rng.uniform(200, 220), rng.uniform(0.05, 0.15), rng.uniform(0.55, 0.65)), hsl(rng.uniform(200, 220), rng.uniform(0.05, 0.12), rng.uniform(0.8, 0.88))];
  const horizon = rng.uniform(0.45, 0.68);
  const sun = mood !== 2 && rng.chance(0.7) ? { x: r4(rng.uniform(0.15, 0.85)), y: r4(horizon - rng.uniform(0.05, 0.3)), r: r4(rng.uniform(0.03, 0.07)), color: mood === 1 ? '#fff1c4' : '#fffbe8' } : null;
  const clouds = Array.from({ length: rng.int(0, mood === 2 ? 8 : 4) }, () => ({ x: r4(rng.uniform(0, 1)), y: r4(rng.uniform(0.05, horizon - 0.15)), w: r4(rng.uniform(0.1, 0.3)), h: r4(rng.uniform(0.03, 0.07)) }));
  const nR = rng.int(2, 4);
  const water = rng.chance(0.35) ? { y: r4(horizon + rng.uniform(0.05, 0.15)), color: mix(sky[0], '#0a2a40', 0.35) } : null;
  const landHue = mood === 1 ? rng.uniform(250, 290) : rng.uniform(90, 150);
  const ridges: Ridge[] = [];
  for (let i = 0; i < nR; i++) {
    const t = nR === 1 ? 1 : i / (nR - 1);
    const far = 1 - t;
    const base = horizon - 0.12 * far + t * (water ? 0 : 0.15) - 0.02;
    const mountain = i < nR - 1 && rng.chance(0.7);
    const col = mix(hsl(landHue + rng.uniform(-15, 15), rng.uniform(0.25, 0.5), 0.18 + 0.12 * (1 - t)), sky[1], far * 0.6);
    ridges.push({ color: col, ys: ridgeLine(rng, 33, base, mountain ? 0.55 : 0.42, mountain ? rng.uniform(0.08, 0.18) : rng.uniform(0.02, 0.06)), smooth: !mountain });
  }
  const front = ridges[ridges.length - 1]!;
  const trees: LandscapeScene['trees'] = [];
  if (rng.chance(0.6)) {
    const n = rng.int(2, 12);
    const type = rng.chance(0.6) ? 'pine' : 'round';
    for (let k = 0; k < n; k++) {
      const x = rng.uniform(0, 1);
      const i = Math.min(front.ys.length - 1, Math.round(x * (front.ys.length - 1)));
      trees.push({ x: r4(x), y: r4(front.ys[i]! + 0.01), h: r4(rng.uniform(0.06, 0.16)), type });
    }
  }
  return { type: 'landscape', sky, sun, clouds, ridges, water, trees, treeColor: mix(front.color, '#000000', 0.35) };
}

function sampleTexture(rng: Rng): TextureScene {
  const material = rng.pick(['wood', 'marble', 'fabric'] as const);
  if (material === 'wood') {
    const base = hsl(rng.uniform(20, 38), rng.uniform(0.35, 0.6), rng.uniform(0.35, 0.6));
    const lines = Array.from({ length: rng.int(30, 60) }, () => [r4(rng.uniform(0, 1)), r4(rng.uniform(0.002, 0.02)), r4(rng.uniform(1, 6)), r4(rng.uniform(0, 6.28)), r4(rng.uniform(0.5, 2.5)), r4(rng.uniform(0.1, 0.45))]);
    const planks = rng.chance(0.6) ? Array.from({ length: rng.int(1, 4) }, () => r4(rng.uniform(0.1, 0.9))) : [];
    return { type: 'texture', material, base, accent: mix(base, '#2a1405', 0.6), lines, extra: planks };
  }
  if (material === 'marble') {
    const base = rng.chance(0.7) ? hsl(rng.uniform(30, 220), rng.uniform(0, 0.12), rng.uniform(0.85, 0.95)) : hsl(rng.uniform(0, 360), rng.uniform(0, 0.15), rng.uniform(0.12, 0.22));
    const light = parseInt(base.slice(1, 3), 16) > 128;
    const lines = Array.from({ length: rng.int(4, 10) }, () => [r4(rng.uniform(0, 1)), r4(rng.uniform(0, 1)), r4(rng.uniform(-0.8, 0.8)), rng.int(1, 0x7fffffff), r4(rng.uniform(0.5, 3)), r4(rng.uniform(0.2, 0.7))]);
    return { type: 'texture', material, base, accent: light ? hsl(rng.uniform(0, 360), rng.uniform(0, 0.2), rng.uniform(0.3, 0.55)) : '#d8d8d0', lines, extra: [] };
  }
  const base = hsl(rng.uniform(0, 360), rng.uniform(0.2, 0.6), rng.uniform(0.25, 0.6));
  const lines = Array.from({ length: rng.int(2, 5) }, () => [r4(rng.uniform(0, 1)), r4(rng.uniform(0.03, 0.2)), r4(rng.uniform(0.25, 0.6)), rng.int(0, 2)]);
  return { type: 'texture', material, base, accent: hsl(rng.uniform(0, 360), rng.uniform(0.3, 0.7), rng.uniform(0.2, 0.7)), lines, extra: [r4(rng.uniform(0.12, 0.35))] };
}

function sampleObject(rng: Rng): ObjectScene {
  const wallHue = rng.uniform(0, 360);
  const wall: [string, string] = [hsl(wallHue, rng.uniform(0, 0.25), rng.uniform(0.7, 0.92)), hsl(wallHue, rng.uniform(0, 0.25), rng.uniform(0.45, 0.7))];
  const n = rng.weighted([0.5, 0.3, 0.2]) + 1;
  const objects: ObjectScene['objects'] = [];
  for (let i = 0; i < n; i++) {
    const shape = rng.pick(['sphere', 'box', 'cylinder', 'bottle', 'mug', 'cone'] as const);
    const w = shape === 'bottle' ? rng.uniform(0.08, 0.14) : rng.uniform(0.14, 0.28);
    const h = shape === 'sphere' ? w : shape === 'bottle' ? rng.uniform(0.45, 0.6) : shape === 'mug' ? w * rng.uniform(0.9, 1.2) : rng.uniform(0.2, 0.45);
    objects.push({ shape, x: r4(((i + 0.5) / n) * 0.8 + 0.1 + rng.uniform(-0.05, 0.05)), w: r4(w / n ** 0.3), h: r4(h / n ** 0.3), color: hsl(rng.uniform(0, 360), rng.uniform(0.3, 0.8), rng.uniform(0.35, 0.6)) });
  }
  return { type: 'object', wall, floor: hsl(wallHue + rng.uniform(-30, 30), rng.uniform(0.05, 0.3), rng.uniform(0.5, 0.8)), horizon: r4(rng.uniform(0.55, 0.75)), light: r4(rng.uniform(-1, 1)), objects };
}

function samplePortrait(rng: Rng): PortraitScene {
  const hue = rng.uniform(0, 360);
  const lightBg = rng.chance(0.6);
  return {
    type: 'portrait',
    bg: lightBg ? [hsl(hue, rng.uniform(0.1, 0.4), rng.uniform(0.82, 0.92)), hsl(hue, rng.uniform(0.1, 0.4), rng.uniform(0.55, 0.7))] : [hsl(hue, rng.uniform(0.2, 0.5), rng.uniform(0.35, 0.5)), hsl(hue, rng.uniform(0.2, 0.5), rng.uniform(0.1, 0.2))],
    figure: lightBg ? hsl(hue + 180, rng.uniform(0, 0.2), rng.uniform(0.1, 0.25)) : '#0b0b0e',
    rim: !lightBg && rng.chance(0.7) ? hsl(rng.uniform(20, 50), 0.6, 0.7) : null,
    head: { x: r4(rng.uniform(0.4, 0.6)), y: r4(rng.uniform(0.3, 0.42)), r: r4(rng.uniform(0.13, 0.19)) },
    shoulders: r4(rng.uniform(0.33, 0.45)),
    hair: rng.pick(['none', 'short', 'short', 'long', 'bun'] as const),
  };
}

export function samplePhoto(rng: Rng, opts: { width: number; height: number }): PhotoSpec {
  const type = rng.weighted([0.4, 0.2, 0.2, 0.2]);
  const scene = type === 0 ? sampleLandscape(rng) : type === 1 ? sampleTexture(rng) : type === 2 ? sampleObject(rng) : samplePortrait(rng);
  return {
    kind: 'photo',
    aspect: r4(opts.height / Math.max(1, opts.width)),
    scene,
    grey: rng.chance(0.25),
    grain: r4(rng.uniform(0.04, 0.16), 3),
    grainSeed: noiseSeed(rng),
    vignette: r4(rng.chance(0.6) ? rng.uniform(0.1, 0.45) : 0, 3),
    softness: r4(rng.uniform(0.35, 0.7), 3),
  };
}

function drawLandscape(g: SKRSContext2D, W: number, H: number, s: LandscapeScene): void {
  const sky = g.createLinearGradient(0, 0, 0, H * 0.75);
  sky.addColorStop(0, s.sky[0]);
  sky.addColorStop(1, s.sky[1]);
  g.fillStyle = sky;
  g.fillRect(0, 0, W, H);
  if (s.sun) {
    const r = s.sun.r * Math.min(W, H) * 1.6;
    const glow = g.createRadialGradient(s.sun.x * W, s.sun.y * H, r * 0.3, s.sun.x * W, s.sun.y * H, r * 4);
    glow.addColorStop(0, rgba(s.sun.color, 0.6));
    glow.addColorStop(1, rgba(s.sun.color, 0));
    g.fillStyle = glow;
    g.fillRect(0, 0, W, H);
    g.fillStyle = s.sun.color;
    g.beginPath();
    g.arc(s.sun.x * W, s.sun.y * H, r, 0, Math.PI * 2);
    g.fill();
  }
  for (const c of s.clouds) {
    g.fillStyle = 'rgba(255,255,255,0.55)';
    g.beginPath();
    for (let k = 0; k < 4; k++) {
      const cx = (c.x + (k - 1.5) * c.w * 0.25) * W;
      const cy = c.y * H - (k === 1 || k === 2 ? c.h * H * 0.4 : 0);
      g.moveTo(cx + c.w * W * 0.22, cy);
      g.ellipse(cx, cy, c.w * W * 0.22, c.h * H, 0, 0, Math.PI * 2);
    }
    g.fill();
  }
  const ridge = (r: Ridge, flip: number | null): void => {
    const n = r.ys.length;
    g.beginPath();
    const Y = (y: number): number => (flip === null ? y * H : (2 * flip - y) * H);
    g.moveTo(0, Y(r.ys[0]!));
    for (let i = 1; i < n; i++) {
      const x = (i / (n - 1)) * W;
      if (r.smooth && i < n - 1) {
        const nx = ((i + 0.5) / (n - 1)) * W;
        g.quadraticCurveTo(x, Y(r.ys[i]!), nx, (Y(r.ys[i]!) + Y(r.ys[i + 1]!)) / 2);
      } else g.lineTo(x, Y(r.ys[i]!));
    }
    const bottom = flip === null ? H : Y(flip + 0.0001) > H ? H : H;
    g.lineTo(W, bottom);
    g.lineTo(0, bottom);
    g.closePath();
    g.fill();
  };
  for (const r of s.ridges) {
    const grad = g.createLinearGradient(0, Math.min(...r.ys) * H, 0, H);
    grad.addColorStop(0, r.color);
    grad.addColorStop(1, mix(r.color, '#000000', 0.25));
    g.fillStyle = grad;
    if (s.water) {
      g.save();
      g.beginPath();
      g.rect(0, 0, W, s.water.y * H);
      g.clip();
      ridge(r, null);
      g.restore();
    } else ridge(r, null);
  }
  if (s.water) {
    const wy = s.water.y * H;
    const wg = g.createLinearGradient(0, wy, 0, H);
    wg.addColorStop(0, mix(s.sky[1], s.water.color, 0.4));
    wg.addColorStop(1, s.water.color);
    g.fillStyle = wg;
    g.fillRect(0, wy, W, H - wy);
    // Reflections of the ridges, faint.
    g.save();
    g.beginPath();
    g.rect(0, wy, W, H - wy);
    g.clip();
    g.globalAlpha = 0.35;
    for (const r of s.ridges) {
      g.fillStyle = r.color;
      ridge(r, s.water.y);
    }
    g.globalAlpha = 0.25;
    g.strokeStyle = '#ffffff';
    g.lineWidth = Math.max(0.5, H * 0.003);
    for (let k = 0; k < 14; k++) {
      const y = wy + ((k + 0.5) / 14) ** 1.5 * (H - wy);
      const x = ((k * 0.37) % 1) * W;
      g.beginPath();
      g.moveTo(x, y);
      g.lineTo(x + W * (0.1 + ((k * 0.53) % 0.2)), y);
      g.stroke();
    }
    g.restore();
  }
  g.fillStyle = s.treeColor;
  for (const t of s.trees) {
    const x = t.x * W;
    const y = Math.min(t.y, s.water ? s.water.y : 1) * H;
    const h = t.h * H;
    g.beginPath();
    if (t.type === 'pine') {
      for (let k = 0; k < 3; k++) {
        const top = y - h + (k * h) / 4;
        const wide = h * (0.18 + k * 0.07);
        g.moveTo(x, top);
        g.lineTo(x + wide, top + h * 0.45);
        g.lineTo(x - wide, top + h * 0.45);
        g.closePath();
      }
      g.rect(x - h * 0.03, y - h * 0.2, h * 0.06, h * 0.2);
    } else {
      g.moveTo(x + h * 0.3, y - h * 0.62);
      g.ellipse(x, y - h * 0.62, h * 0.3, h * 0.36, 0, 0, Math.PI * 2);
      g.rect(x - h * 0.04, y - h * 0.3, h * 0.08, h * 0.3);
    }
    g.fill();
  }
}

function drawTexture(g: SKRSContext2D, W: number, H: number, s: TextureScene): void {
  g.fillStyle = s.base;
  g.fillRect(0, 0, W, H);
  if (s.material === 'wood') {
    const bands = g.createLinearGradient(0, 0, 0, H);
    for (let k = 0; k <= 6; k++) bands.addColorStop(k / 6, rgba(k % 2 ? s.accent : s.base, 0.25));
    g.fillStyle = bands;
    g.fillRect(0, 0, W, H);
    g.strokeStyle = s.accent;
    for (const [y, amp, freq, ph, w, dark] of s.lines as [number, number, number, number, number, number][]) {
      g.globalAlpha = dark;
      g.lineWidth = w * (H / 300);
      g.beginPath();
      for (let k = 0; k <= 40; k++) {
        const x = (k / 40) * W;
        const yy = (y + amp * Math.sin((k / 40) * freq * Math.PI * 2 + ph)) * H;
        if (k === 0) g.moveTo(x, yy);
        else g.lineTo(x, yy);
      }
      g.stroke();
    }
    g.globalAlpha = 0.7;
    g.strokeStyle = mix(s.accent, '#000000', 0.4);
    g.lineWidth = Math.max(1, W / 300);
    for (const x of s.extra) {
      g.beginPath();
      g.moveTo(x * W, 0);
      g.lineTo(x * W, H);
      g.stroke();
    }
    g.globalAlpha = 1;
    return;
  }
  if (s.material === 'marble') {
    for (const [x0, y0, , , w] of s.lines as [number, number, number, number, number][]) {
      const r = (0.15 + w * 0.08) * Math.max(W, H);
      const cl = g.createRadialGradient(x0 * W, y0 * H, 0, x0 * W, y0 * H, r);
      cl.addColorStop(0, rgba(s.accent, 0.1));
      cl.addColorStop(1, rgba(s.accent, 0));
      g.fillStyle = cl;
      g.fillRect(0, 0, W, H);
    }
    g.lineCap = 'round';
    g.lineJoin = 'round';
    for (const [x0, y0, dir, seed, w, alpha] of s.lines as [number, number, number, number, number, number][]) {
      const rnd = mulberry(seed);
      for (let pass = 0; pass < 2; pass++) {
        g.strokeStyle = rgba(s.accent, alpha * (pass === 0 ? 0.25 : 0.8));
        g.lineWidth = w * (pass === 0 ? 4 : 1) * (Math.min(W, H) / 250);
        g.beginPath();
        let x = x0 * W;
        let y = y0 * H;
        let a = dir;
        const r2 = mulberry(seed);
        g.moveTo(x, y);
        for (let k = 0; k < 60; k++) {
          a += ((pass === 0 ? r2() : rnd()) - 0.5) * 0.9;
          x += Math.cos(a) * W * 0.025;
          y += Math.sin(a) * W * 0.025;
          g.lineTo(x, y);
        }
        g.stroke();
      }
    }
    return;
  }
  // Fabric: plaid stripes in both directions over a fine weave.
  const period = s.extra[0]! * W;
  for (const [pos, width, , dirn] of s.lines as [number, number, number, number][]) {
    g.fillStyle = rgba(s.accent, 0.35);
    for (let p = pos * period - period; p < Math.max(W, H); p += period) {
      if (dirn !== 1) g.fillRect(p, 0, width * period, H);
      if (dirn !== 0) g.fillRect(0, p, W, width * period);
    }
  }
  const tile = weaveTile();
  for (let y = 0; y < H; y += tile.height) for (let x = 0; x < W; x += tile.width) g.drawImage(tile, x, y);
}

let weave: Canvas | undefined;

/** A 128 x 128 tile of a fine twill weave (made once per thread; drawImage is cheaper than a pattern fill). */
function weaveTile(): Canvas {
  if (weave) return weave;
  const c = createCanvas(128, 128);
  const t = c.getContext('2d');
  for (let y = 0; y < 128; y++)
    for (let x = 0; x < 128; x++) {
      const k = (x + y) % 4;
      t.fillStyle = k < 2 ? 'rgba(0,0,0,0.2)' : k === 2 ? 'rgba(255,255,255,0.14)' : 'rgba(0,0,0,0)';
      if (k < 3) t.fillRect(x, y, 1, 1);
    }
  weave = c;
  return c;
}

function drawObjects(g: SKRSContext2D, W: number, H: number, s: ObjectScene): void {
  const hy = s.horizon * H;
  const wall = g.createLinearGradient(0, 0, 0, hy);
  wall.addColorStop(0, s.wall[1]);
  wall.addColorStop(1, s.wall[0]);
  g.fillStyle = wall;
  g.fillRect(0, 0, W, hy);
  const floor = g.createLinearGradient(0, hy, 0, H);
  floor.addColorStop(0, s.floor);
  floor.addColorStop(1, mix(s.floor, '#000000', 0.3));
  g.fillStyle = floor;
  g.fillRect(0, hy, W, H - hy);
  const lx = s.light;
  const U = Math.min(W, H);
  for (const o of s.objects) {
    const cx = o.x * W;
    const w = o.w * U * 1.4;
    const h = o.h * U * 1.4;
    const base = hy + (H - hy) * 0.45;
    // Shadow on the floor, away from the light.
    const sh = g.createRadialGradient(cx - lx * w * 0.4, base, 0, cx - lx * w * 0.4, base, w * 0.9);
    sh.addColorStop(0, 'rgba(0,0,0,0.35)');
    sh.addColorStop(1, 'rgba(0,0,0,0)');
    g.fillStyle = sh;
    g.beginPath();
    g.ellipse(cx - lx * w * 0.4, base, w * 0.9, w * 0.18, 0, 0, Math.PI * 2);
    g.fill();
    const shade = (x0: number, x1: number) => {
      const gr = g.createLinearGradient(x0, 0, x1, 0);
      const lit = mix(o.color, '#ffffff', 0.35);
      const dark = mix(o.color, '#000000', 0.45);
      gr.addColorStop(0, lx < 0 ? lit : dark);
      gr.addColorStop(0.5 + lx * 0.25, o.color);
      gr.addColorStop(1, lx < 0 ? dark : lit);
      return gr;
    };
    g.beginPath();
    switch (o.shape) {
      case 'sphere': {
        const r = w / 2;
        const gr = g.createRadialGradient(cx + lx * r * 0.4, base - r - r * 0.4, r * 0.05, cx, base - r, r);
        gr.addColorStop(0, mix(o.color, '#ffffff', 0.6));
        gr.addColorStop(0.6, o.color);
        gr.addColorStop(1, mix(o.color, '#000000', 0.5));
        g.fillStyle = gr;
        g.arc(cx, base - r, r, 0, Math.PI * 2);
        g.fill();
        break;
      }
      case 'box': {
        const d = w * 0.3;
        g.fillStyle = shade(cx - w / 2, cx + w / 2);
        g.rect(cx - w / 2, base - h, w, h);
        g.fill();
        g.beginPath();
        g.fillStyle = mix(o.color, '#ffffff', 0.25);
        g.moveTo(cx - w / 2, base - h);
        g.lineTo(cx - w / 2 + d, base - h - d * 0.6);
        g.lineTo(cx + w / 2 + d, base - h - d * 0.6);
        g.lineTo(cx + w / 2, base - h);
        g.closePath();
        g.fill();
        g.beginPath();
        g.fillStyle = mix(o.color, '#000000', 0.35);
        g.moveTo(cx + w / 2, base - h);
        g.lineTo(cx + w / 2 + d, base - h - d * 0.6);
        g.lineTo(cx + w / 2 + d, base - d * 0.6);
        g.lineTo(cx + w / 2, base);
        g.closePath();
        g.fill();
        break;
      }
      case 'cylinder':
      case 'mug':
      case 'bottle': {
        const e = w * 0.15;
        const body = o.shape === 'bottle' ? h * 0.65 : h;
        g.fillStyle = shade(cx - w / 2, cx + w / 2);
        g.moveTo(cx - w / 2, base - body);
        g.lineTo(cx - w / 2, base);
        g.ellipse(cx, base, w / 2, e, 0, Math.PI, 0, true);
        g.lineTo(cx + w / 2, base - body);
        g.closePath();
        g.fill();
        if (o.shape === 'bottle') {
          g.beginPath();
          g.moveTo(cx - w / 2, base - body);
          g.bezierCurveTo(cx - w / 2, base - h * 0.8, cx - w * 0.15, base - h * 0.82, cx - w * 0.15, base - h * 0.9);
          g.lineTo(cx - w * 0.15, base - h);
          g.lineTo(cx + w * 0.15, base - h);
          g.lineTo(cx + w * 0.15, base - h * 0.9);
          g.bezierCurveTo(cx + w * 0.15, base - h * 0.82, cx + w / 2, base - h * 0.8, cx + w / 2, base - body);
          g.closePath();
          g.fill();
          g.fillStyle = mix(o.color, '#ffffff', 0.7);
          g.fillRect(cx - w / 2, base - body * 0.6, w, body * 0.3);
        } else {
          g.beginPath();
          g.fillStyle = mix(o.color, '#000000', o.shape === 'mug' ? 0.55 : 0.1);
          g.ellipse(cx, base - body, w / 2, e, 0, 0, Math.PI * 2);
          g.fill();
          if (o.shape === 'mug') {
            g.beginPath();
            g.strokeStyle = mix(o.color, '#000000', 0.2);
            g.lineWidth = w * 0.1;
            const hx = lx < 0 ? cx + w / 2 : cx - w / 2;
            g.ellipse(hx, base - body * 0.5, w * 0.22, body * 0.25, 0, -Math.PI / 2, Math.PI / 2, lx >= 0);
            g.stroke();
          }
        }
        break;
      }
      case 'cone': {
        g.fillStyle = shade(cx - w / 2, cx + w / 2);
        g.moveTo(cx, base - h);
        g.lineTo(cx + w / 2, base);
        g.ellipse(cx, base, w / 2, w * 0.12, 0, 0, Math.PI, false);
        g.closePath();
        g.fill();
        break;
      }
    }
  }
}

function drawPortrait(g: SKRSContext2D, W: number, H: number, s: PortraitScene): void {
  const U = Math.min(W, H);
  const bg = g.createRadialGradient(W * 0.5, H * 0.35, 0, W * 0.5, H * 0.5, Math.max(W, H) * 0.75);
  bg.addColorStop(0, s.bg[0]);
  bg.addColorStop(1, s.bg[1]);
  g.fillStyle = bg;
  g.fillRect(0, 0, W, H);
  const hx = s.head.x * W;
  const hy = s.head.y * H;
  const r = s.head.r * U;
  const sw = s.shoulders * W;
  // Each part is filled on its own (overlapping sub-paths of opposite winding would cancel out).
  const parts: (() => void)[] = [
    () => g.ellipse(hx, hy, r * 0.82, r, 0, 0, Math.PI * 2),
    () => {
      g.moveTo(hx - r * 0.35, hy + r * 0.7);
      g.lineTo(hx - r * 0.4, hy + r * 1.35);
      g.bezierCurveTo(hx - sw * 0.6, hy + r * 1.5, hx - sw, hy + r * 1.8, hx - sw * 1.05, H + 2);
      g.lineTo(hx + sw * 1.05, H + 2);
      g.bezierCurveTo(hx + sw, hy + r * 1.8, hx + sw * 0.6, hy + r * 1.5, hx + r * 0.4, hy + r * 1.35);
      g.lineTo(hx + r * 0.35, hy + r * 0.7);
      g.closePath();
    },
  ];
  if (s.hair === 'long')
    parts.push(() => {
      g.ellipse(hx, hy - r * 0.1, r * 0.95, r * 1.02, 0, Math.PI, 0);
      g.lineTo(hx + r * 1.0, hy + r * 1.5);
      g.quadraticCurveTo(hx, hy + r * 1.7, hx - r * 1.0, hy + r * 1.5);
      g.closePath();
    });
  else if (s.hair === 'short') parts.push(() => g.ellipse(hx, hy - r * 0.12, r * 0.9, r * 0.95, 0, Math.PI * 0.9, Math.PI * 2.1));
  else if (s.hair === 'bun') parts.push(() => g.arc(hx, hy - r * 1.0, r * 0.4, 0, Math.PI * 2));
  const fillAll = (color: string): void => {
    g.fillStyle = color;
    for (const p of parts) {
      g.beginPath();
      p();
      g.fill();
    }
  };
  if (s.rim) {
    g.save();
    g.translate(-U * 0.008, -U * 0.006);
    fillAll(s.rim);
    g.restore();
  }
  fillAll(s.figure);
}

export function drawPhoto(ctx: SKRSContext2D, rect: XYXY, spec: PhotoSpec): XYXY[] {
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  const W = Math.max(2, Math.round(rw * spec.softness));
  const H = Math.max(2, Math.round(rh * spec.softness));
  const off = createCanvas(W, H);
  const g = off.getContext('2d');
  const s = spec.scene;
  if (s.type === 'landscape') drawLandscape(g, W, H, s);
  else if (s.type === 'texture') drawTexture(g, W, H, s);
  else if (s.type === 'object') drawObjects(g, W, H, s);
  else drawPortrait(g, W, H, s);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  if (spec.grey) ctx.filter = 'grayscale(100%)';
  ctx.drawImage(off, rect.x0, rect.y0, rw, rh);
  ctx.filter = 'none';
  if (spec.vignette > 0) {
    const cx = rect.x0 + rw / 2;
    const cy = rect.y0 + rh / 2;
    const v = ctx.createRadialGradient(cx, cy, Math.min(rw, rh) * 0.35, cx, cy, Math.hypot(rw, rh) * 0.6);
    v.addColorStop(0, 'rgba(0,0,0,0)');
    v.addColorStop(1, `rgba(0,0,0,${spec.vignette})`);
    ctx.fillStyle = v;
    ctx.fillRect(rect.x0, rect.y0, rw, rh);
  }
  // Film grain, slightly magnified, blended over the picture.
  ctx.globalCompositeOperation = 'overlay';
  ctx.globalAlpha = Math.min(1, spec.grain * 1.5);
  fillNoise(ctx, rect, spec.grainSeed, 'grain', 1.5);
  ctx.restore();
  return [];
}
