/**
 * TeX -> MathJax SVG (fontCache 'none') -> plain-JSON outlines -> one canvas Path2D fill.
 *
 * MathJax's SVG is walked as its lite DOM (no SVG string is serialised or parsed): every `<path d>` becomes a
 * shape with the product of the `<g transform>`s above it, fraction bars and roots' overbars (`<rect>`) and
 * table rules (`<line>`) become rectangle shapes. The ink box comes from Skia's tight bounds of the combined
 * path, so the reported box is exact (to the pixel) rather than MathJax's layout box.
 */
import { createCanvas, Path2D } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { PagesynthError, invalidParameter } from '../../errors.js';
import { mathjaxEngine } from './mathjax.js';
import type { LiteNode } from './mathjax.js';

/** A 2-D affine map `[a, b, c, d, e, f]`: x' = a x + c y + e, y' = b x + d y + f (canvas/SVG order). */
export type Matrix = [number, number, number, number, number, number];

/** A glyph or rule: `shapes[shape]` (MathJax units, 1000 per em) mapped by `m` to px from the formula origin. */
export interface TypesetGlyph {
  shape: number;
  m: Matrix;
}

/** A character MathJax has no outline for, drawn with the canvas's serif font (a fallback; samplers avoid it). */
export interface TypesetText {
  text: string;
  m: Matrix;
  /** Font size in MathJax units (the matrix scales it to px). */
  size: number;
  italic: boolean;
  bold: boolean;
}

/**
 * A typeset formula: plain JSON (it can cross a worker boundary), px units.
 * The ink box is `[x, x + width) x [baselineY - ascent, baselineY + descent)` when drawn at (x, baselineY)
 * with integer coordinates.
 */
export interface Typeset {
  tex: string;
  display: boolean;
  fontPx: number;
  /** Ink width, px (rounded up). */
  width: number;
  /** Ink above the baseline, px (rounded up; negative if the ink is all below the baseline). */
  ascent: number;
  /** Ink below the baseline, px (rounded up; negative if the ink is all above the baseline). */
  descent: number;
  /** Where the ink starts relative to MathJax's origin, px: for inline use, draw at pen + inkLeft. */
  inkLeft: number;
  /** MathJax's advance width, px (the pen moves by this much in running text). */
  advance: number;
  /** SVG path data, MathJax units, deduplicated. */
  shapes: string[];
  glyphs: TypesetGlyph[];
  texts: TypesetText[];
}

/** TeX that MathJax cannot parse (undefined macro, unbalanced braces...). */
export class TexError extends PagesynthError {
  constructor(
    message: string,
    readonly tex: string,
  ) {
    super(`${message} in TeX ${JSON.stringify(tex)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Transforms

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function mul(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const TRANSFORM_RE = /(translate|scale|matrix|rotate|skewX|skewY)\s*\(([^)]*)\)/g;

/** Parses an SVG transform list ("translate(1566,0) translate(0 -0.5)", "scale(1,-1)", ...). */
export function parseTransform(s: string | undefined): Matrix {
  let m = IDENTITY;
  if (!s) return m;
  for (const [, op, args] of s.matchAll(TRANSFORM_RE)) {
    const v = args!.split(/[\s,]+/).filter((x) => x !== '').map(Number);
    const a = v[0] ?? 0;
    let t: Matrix;
    switch (op) {
      case 'translate':
        t = [1, 0, 0, 1, a, v[1] ?? 0];
        break;
      case 'scale':
        t = [a, 0, 0, v[1] ?? a, 0, 0];
        break;
      case 'matrix':
        t = [a, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1, v[4] ?? 0, v[5] ?? 0];
        break;
      case 'rotate': {
        const r = (a * Math.PI) / 180;
        const [cx, cy] = [v[1] ?? 0, v[2] ?? 0];
        t = mul(mul([1, 0, 0, 1, cx, cy], [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]), [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case 'skewX':
        t = [1, 0, Math.tan((a * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        t = [1, Math.tan((a * Math.PI) / 180), 0, 1, 0, 0];
    }
    m = mul(m, t);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// Walking MathJax's SVG

function num(v: unknown, dflt = 0): number {
  const n = typeof v === 'number' ? v : parseFloat(String(v ?? ''));
  return Number.isFinite(n) ? n : dflt;
}

function attr(n: LiteNode, name: string): string | undefined {
  const v = n.attributes?.[name];
  return v === undefined || v === null ? undefined : String(v);
}

function textOf(n: LiteNode): string {
  if (n.kind === '#text') return n.value ?? '';
  return (n.children ?? []).map(textOf).join('');
}

/** MathJax's table rules are 70 units thick (its CSS: `line[data-line] { stroke-width: 70px }`). */
const RULE = 70;

interface Collected {
  shapes: string[];
  index: Map<string, number>;
  glyphs: TypesetGlyph[];
  texts: TypesetText[];
  error?: string;
}

function addShape(c: Collected, d: string, m: Matrix): void {
  let i = c.index.get(d);
  if (i === undefined) {
    i = c.shapes.length;
    c.shapes.push(d);
    c.index.set(d, i);
  }
  c.glyphs.push({ shape: i, m });
}

function walk(n: LiteNode, parent: Matrix, c: Collected): void {
  if (n.kind === '#text' || n.kind === '#comment') return;
  const m = mul(parent, parseTransform(attr(n, 'transform')));
  switch (n.kind) {
    case 'path': {
      const d = attr(n, 'd');
      if (d) addShape(c, d, m);
      return;
    }
    case 'rect': {
      if (attr(n, 'data-background') !== undefined) return; // background of \colorbox / merror: not ink
      const x = num(attr(n, 'x'));
      const y = num(attr(n, 'y'));
      const w = num(attr(n, 'width'));
      const h = num(attr(n, 'height'));
      if (w > 0 && h > 0) addShape(c, `M${x} ${y}H${x + w}V${y + h}H${x}Z`, m);
      return;
    }
    case 'line': {
      const x1 = num(attr(n, 'x1'));
      const y1 = num(attr(n, 'y1'));
      const x2 = num(attr(n, 'x2'));
      const y2 = num(attr(n, 'y2'));
      const len = Math.hypot(x2 - x1, y2 - y1);
      if (len === 0) return;
      const nx = (-(y2 - y1) / len) * (RULE / 2);
      const ny = ((x2 - x1) / len) * (RULE / 2);
      const p = [x1 + nx, y1 + ny, x2 + nx, y2 + ny, x2 - nx, y2 - ny, x1 - nx, y1 - ny].map((v) => +v.toFixed(2));
      addShape(c, `M${p[0]} ${p[1]}L${p[2]} ${p[3]}L${p[4]} ${p[5]}L${p[6]} ${p[7]}Z`, m);
      return;
    }
    case 'text': {
      const text = textOf(n);
      if (text.trim() !== '') {
        c.texts.push({
          text,
          m,
          size: num(attr(n, 'font-size'), 1000),
          italic: attr(n, 'font-style') === 'italic',
          bold: attr(n, 'font-weight') === 'bold',
        });
      }
      return;
    }
    case 'svg': {
      // The outer <svg> carries the viewBox (handled by the caller); a nested one is placed by x/y.
      const t = mul(m, [1, 0, 0, 1, num(attr(n, 'x')), num(attr(n, 'y'))]);
      for (const ch of n.children ?? []) walk(ch, t, c);
      return;
    }
    default:
      if (attr(n, 'data-mml-node') === 'merror') {
        c.error ??= attr(n, 'data-mjx-error') ?? 'MathJax error';
        return;
      }
      for (const ch of n.children ?? []) walk(ch, m, c);
  }
}

function findSvg(n: LiteNode): LiteNode | undefined {
  if (n.kind === 'svg') return n;
  for (const ch of n.children ?? []) {
    const s = findSvg(ch);
    if (s) return s;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Path2D objects (per thread; never part of the plain-JSON Typeset)

const SHAPE_CACHE_MAX = 4096;
const shapePaths = new Map<string, Path2D>();
const combined = new WeakMap<Typeset, Path2D>();
let scratch: SKRSContext2D | undefined;

function shapePath(d: string): Path2D {
  let p = shapePaths.get(d);
  if (!p) {
    if (shapePaths.size >= SHAPE_CACHE_MAX) shapePaths.clear();
    p = new Path2D(d);
    shapePaths.set(d, p);
  }
  return p;
}

function toDom(m: Matrix): { a: number; b: number; c: number; d: number; e: number; f: number } {
  return { a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5] };
}

function buildPath(t: Pick<Typeset, 'shapes' | 'glyphs'>): Path2D {
  const p = new Path2D();
  for (const g of t.glyphs) p.addPath(shapePath(t.shapes[g.shape]!), toDom(g.m));
  return p;
}

function fontOf(tx: TypesetText): string {
  return `${tx.italic ? 'italic ' : ''}${tx.bold ? 'bold ' : ''}${tx.size}px serif`;
}

/** Ink bounds of the fallback texts, px from the origin, as [l, t, r, b] (or null if none). */
function textBounds(texts: TypesetText[]): [number, number, number, number] | null {
  if (texts.length === 0) return null;
  scratch ??= createCanvas(1, 1).getContext('2d');
  let l = Infinity;
  let t = Infinity;
  let r = -Infinity;
  let b = -Infinity;
  for (const tx of texts) {
    scratch.font = fontOf(tx);
    const mt = scratch.measureText(tx.text);
    const corners: Array<[number, number]> = [
      [-mt.actualBoundingBoxLeft, -mt.actualBoundingBoxAscent],
      [mt.actualBoundingBoxRight, -mt.actualBoundingBoxAscent],
      [-mt.actualBoundingBoxLeft, mt.actualBoundingBoxDescent],
      [mt.actualBoundingBoxRight, mt.actualBoundingBoxDescent],
    ];
    for (const [x, y] of corners) {
      const px = tx.m[0] * x + tx.m[2] * y + tx.m[4];
      const py = tx.m[1] * x + tx.m[3] * y + tx.m[5];
      l = Math.min(l, px - 1);
      r = Math.max(r, px + 1);
      t = Math.min(t, py - 1);
      b = Math.max(b, py + 1);
    }
  }
  return [l, t, r, b];
}

// ---------------------------------------------------------------------------------------------------------
// Public API

const CACHE_MAX = 2000;
const cache = new Map<string, Typeset>();

function convert(tex: string, display: boolean, fontPx: number): Typeset {
  const root = mathjaxEngine().convert(tex, display);
  const svg = findSvg(root);
  if (!svg) throw new TexError('MathJax produced no SVG', tex);
  const vb = (attr(svg, 'viewBox') ?? '0 0 0 0').split(/[\s,]+/).map(Number);
  const s = fontPx / 1000;
  const c: Collected = { shapes: [], index: new Map(), glyphs: [], texts: [] };
  for (const ch of svg.children ?? []) walk(ch, [s, 0, 0, s, 0, 0], c);
  if (c.error !== undefined) throw new TexError(c.error, tex);
  const path = buildPath(c);
  let box: [number, number, number, number] | null = c.glyphs.length > 0 ? path.computeTightBounds() : null;
  const tb = textBounds(c.texts);
  if (tb) box = box ? [Math.min(box[0], tb[0]), Math.min(box[1], tb[1]), Math.max(box[2], tb[2]), Math.max(box[3], tb[3])] : tb;
  const [l, top, r, bottom] = box ?? [0, 0, 0, 0];
  const t: Typeset = {
    tex,
    display,
    fontPx,
    width: Math.ceil(r - l - 1e-6),
    ascent: Math.ceil(-top - 1e-6),
    descent: Math.ceil(bottom - 1e-6),
    inkLeft: l,
    advance: num(vb[2]) * s,
    shapes: c.shapes,
    glyphs: c.glyphs,
    texts: c.texts,
  };
  combined.set(t, path);
  return t;
}

/**
 * Typesets TeX with MathJax and measures its ink. Results are cached per thread by (tex, display, fontPx) in
 * a bounded map, so a repeated call returns the same object (treat it as read-only). Throws a `TexError` for
 * TeX that MathJax cannot parse (undefined macro, missing brace); sampled formulas never do.
 * @example const t = typeset('\\frac{a}{b}', { display: true, fontPx: 20 }); // t.width, t.ascent, t.descent
 */
export function typeset(tex: string, opts: { display: boolean; fontPx: number }): Typeset {
  if (typeof tex !== 'string') throw invalidParameter('tex', 'a string', tex);
  if (!(typeof opts.fontPx === 'number' && Number.isFinite(opts.fontPx) && opts.fontPx > 0)) {
    throw invalidParameter('opts.fontPx', 'a positive number', opts.fontPx);
  }
  const key = `${opts.display ? 'D' : 'T'}${opts.fontPx}|${tex}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // LRU: move to the back
    cache.set(key, hit);
    return hit;
  }
  const t = convert(tex, opts.display, opts.fontPx);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, t);
  return t;
}

/**
 * Draws a typeset formula with its ink starting at `x` and its baseline at `baselineY` (integers give the exact
 * ink box `[x, x + t.width) x [baselineY - t.ascent, baselineY + t.descent)`). One `fill()` of a cached Path2D.
 * @example drawTypeset(ctx, typeset('\\sqrt{x}', { display: true, fontPx: 20 }), 40, 100, '#000')
 */
export function drawTypeset(ctx: SKRSContext2D, t: Typeset, x: number, baselineY: number, color: string): void {
  let p = combined.get(t);
  if (!p) {
    p = buildPath(t); // a Typeset that crossed a thread boundary: rebuild its path once
    combined.set(t, p);
  }
  ctx.save();
  ctx.translate(x - t.inkLeft, baselineY);
  ctx.fillStyle = color;
  ctx.fill(p);
  for (const tx of t.texts) {
    ctx.save();
    ctx.transform(...tx.m);
    ctx.font = fontOf(tx);
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(tx.text, 0, 0);
    ctx.restore();
  }
  ctx.restore();
}

/** Empties this thread's typeset cache (for measurements and tests). */
export function clearTypesetCache(): void {
  cache.clear();
}
