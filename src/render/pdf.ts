/**
 * The PDF twin of a page: the same drawing as the PNG, as a vector PDF (pdfkit) with real, selectable text in the
 * fonts the canvas used, vector paths, rules and tables, and the raster pictures embedded as images.
 *
 * How: a recording tee. `recordPdf(ctx, width, height)` gives a stand-in for the page's canvas context (a Proxy) that
 * forwards every call and property to the real context untouched, so the PNG is the same bytes with or without the
 * PDF, and records each drawing call with the state it was drawn in: transform, colours, alpha, line style, font,
 * alignment, direction, composite operation, filter, read back from the real context when they change (fill and
 * stroke styles are followed across save/restore here: @napi-rs/canvas's getters miss a restore). Paths are recorded
 * in device pixels as the canvas builds them (each point through the transform current at its call), arcs and
 * quadratic curves as cubic Béziers. `toPdf({ dpi })` then replays the recording into a one-page pdfkit document of
 * the page's size in points (px * 72 / dpi), in pixel units under one scale: canvas save/restore become q/Q, clips
 * W n, each paint its own q ... Q with its transform, colour and ExtGState (opacity, blend mode); text is set glyph by
 * glyph, embedded from the same fonts (pdf-fonts.ts: cut by bidi run and face as Skia falls back, shaped by fontkit
 * in the page's language) on the baseline where Skia puts it; images (drawImage of a canvas or an image) are embedded
 * losslessly (Flate, with a soft mask for alpha).
 *
 * What is approximated or dropped is counted in `PdfRecorder.gaps` (see its TSDoc).
 */
import { deflateSync } from 'node:zlib';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { facesOfFont, parseCssFont, pieces, shape, type Face } from './pdf-fonts.js';

/** An affine transform [a, b, c, d, e, f] (canvas DOMMatrix order). */
export type Matrix = [number, number, number, number, number, number];

/** Path opcodes of a recorded path (flat arrays: op, then its coordinates in device pixels). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 3;

interface GradientInfo {
  type: 'linear' | 'radial' | 'conic';
  coords: number[];
  stops: Array<[number, string]>;
}

/** What a fill or stroke paints with. */
export type Paint = { kind: 'color'; css: string } | { kind: 'gradient'; gradient: GradientInfo } | { kind: 'pattern' };

interface LineStyle {
  width: number;
  cap: string;
  join: string;
  miter: number;
  dash: number[];
  dashOffset: number;
}

interface PaintState {
  paint: Paint;
  alpha: number;
  blend: string;
  /** The transform at the time of the call (gradients, strokes and text are in its user space). */
  m: Matrix;
}

/** One recorded drawing call. */
export type PdfOp =
  | { t: 'save' }
  | { t: 'restore' }
  | { t: 'clip'; path: number[]; evenOdd: boolean }
  | ({ t: 'fill'; path: number[]; evenOdd: boolean } & PaintState)
  | ({ t: 'stroke'; path: number[]; line: LineStyle } & PaintState)
  | ({ t: 'text'; text: string; x: number; y: number; maxWidth?: number; font: string; align: string; baseline: string; rtl: boolean; line?: LineStyle } & PaintState)
  | { t: 'image'; image: number; m: Matrix; x: number; y: number; w: number; h: number; clip?: [number, number, number, number]; alpha: number; blend: string; smooth: boolean };

/** A raster drawn with drawImage: non-premultiplied RGBA. */
interface RecordedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function isIdentity(m: Matrix): boolean {
  return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;
}

function invert(m: Matrix): Matrix | null {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!det || !Number.isFinite(det)) return null;
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

// ---------------------------------------------------------------------------------------------------------------
// Paths, in device pixels

/** A path as the canvas builds it, in device pixels (copy-on-write once a paint has taken it). */
class DevicePath {
  data: number[] = [];
  private shared = false;
  /** Current point and subpath start, device pixels; `open`: a subpath exists. */
  cx = 0;
  cy = 0;
  sx = 0;
  sy = 0;
  open = false;

  reset(): void {
    this.data = [];
    this.shared = false;
    this.open = false;
  }

  /** The path for a paint (later changes copy it first). */
  take(): number[] {
    this.shared = true;
    return this.data;
  }

  private push(...v: number[]): void {
    if (this.shared) {
      this.data = this.data.slice();
      this.shared = false;
    }
    for (const x of v) this.data.push(x);
  }

  moveDev(x: number, y: number): void {
    this.push(MOVE, x, y);
    this.cx = this.sx = x;
    this.cy = this.sy = y;
    this.open = true;
  }

  lineDev(x: number, y: number): void {
    if (!this.open) return this.moveDev(x, y);
    this.push(LINE, x, y);
    this.cx = x;
    this.cy = y;
  }

  curveDev(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.push(CURVE, x1, y1, x2, y2, x, y);
    this.cx = x;
    this.cy = y;
  }

  close(): void {
    if (!this.open) return;
    this.push(CLOSE);
    this.cx = this.sx;
    this.cy = this.sy;
  }

  moveTo(m: Matrix, x: number, y: number): void {
    this.moveDev(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
  }

  lineTo(m: Matrix, x: number, y: number): void {
    this.lineDev(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
  }

  bezierTo(m: Matrix, x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    if (!this.open) this.moveTo(m, x1, y1);
    this.curveDev(m[0] * x1 + m[2] * y1 + m[4], m[1] * x1 + m[3] * y1 + m[5], m[0] * x2 + m[2] * y2 + m[4], m[1] * x2 + m[3] * y2 + m[5], m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
  }

  quadTo(m: Matrix, qx: number, qy: number, x: number, y: number): void {
    if (!this.open) this.moveTo(m, qx, qy);
    const px = m[0] * qx + m[2] * qy + m[4];
    const py = m[1] * qx + m[3] * qy + m[5];
    const ex = m[0] * x + m[2] * y + m[4];
    const ey = m[1] * x + m[3] * y + m[5];
    this.curveDev(this.cx + (2 / 3) * (px - this.cx), this.cy + (2 / 3) * (py - this.cy), ex + (2 / 3) * (px - ex), ey + (2 / 3) * (py - ey), ex, ey);
  }

  rect(m: Matrix, x: number, y: number, w: number, h: number): void {
    this.moveTo(m, x, y);
    this.lineTo(m, x + w, y);
    this.lineTo(m, x + w, y + h);
    this.lineTo(m, x, y + h);
    this.close();
  }

  /**
   * An elliptical arc (canvas `ellipse`/`arc` semantics: a line to its start when a subpath is open, sweeps of 2π and
   * more are whole turns), as cubic Béziers of at most 90°.
   */
  ellipse(m: Matrix, x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number, ccw: boolean): void {
    const TAU = Math.PI * 2;
    let sweep: number;
    if (!ccw && a1 - a0 >= TAU) sweep = TAU;
    else if (ccw && a0 - a1 >= TAU) sweep = -TAU;
    else {
      const d = ccw ? a0 - a1 : a1 - a0;
      let r = d % TAU;
      if (r < 0) r += TAU;
      sweep = ccw ? -r : r;
    }
    const cr = Math.cos(rot);
    const sr = Math.sin(rot);
    // Unit circle -> the ellipse -> device.
    const pt = (ux: number, uy: number): [number, number] => {
      const ex = x + rx * ux * cr - ry * uy * sr;
      const ey = y + rx * ux * sr + ry * uy * cr;
      return [m[0] * ex + m[2] * ey + m[4], m[1] * ex + m[3] * ey + m[5]];
    };
    const [sx, sy] = pt(Math.cos(a0), Math.sin(a0));
    if (this.open) this.lineDev(sx, sy);
    else this.moveDev(sx, sy);
    const n = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9));
    const step = sweep / n;
    const k = (4 / 3) * Math.tan(step / 4);
    let t = a0;
    for (let i = 0; i < n; i++) {
      const c0 = Math.cos(t);
      const s0 = Math.sin(t);
      const t1 = t + step;
      const c1 = Math.cos(t1);
      const s1 = Math.sin(t1);
      const [x1, y1] = pt(c0 - k * s0, s0 + k * c0);
      const [x2, y2] = pt(c1 + k * s1, s1 - k * c1);
      const [x3, y3] = pt(c1, s1);
      this.curveDev(x1, y1, x2, y2, x3, y3);
      t = t1;
    }
  }

  /** Canvas `arcTo`: a line to the first tangent point and the arc of radius r to the second. */
  arcTo(m: Matrix, x1: number, y1: number, x2: number, y2: number, r: number): void {
    if (!this.open) return this.moveTo(m, x1, y1);
    const inv = invert(m);
    if (!inv) return;
    const x0 = inv[0] * this.cx + inv[2] * this.cy + inv[4];
    const y0 = inv[1] * this.cx + inv[3] * this.cy + inv[5];
    const ax = x0 - x1;
    const ay = y0 - y1;
    const bx = x2 - x1;
    const by = y2 - y1;
    const la = Math.hypot(ax, ay);
    const lb = Math.hypot(bx, by);
    const cross = ax * by - ay * bx;
    if (r === 0 || la === 0 || lb === 0 || Math.abs(cross) < 1e-9 * la * lb) return this.lineTo(m, x1, y1);
    const cos = (ax * bx + ay * by) / (la * lb);
    const half = Math.acos(Math.max(-1, Math.min(1, cos))) / 2;
    const d = r / Math.tan(half);
    const t0x = x1 + (ax / la) * d;
    const t0y = y1 + (ay / la) * d;
    const t1x = x1 + (bx / lb) * d;
    const t1y = y1 + (by / lb) * d;
    // Centre: along the bisector at r / sin(half).
    const ux = ax / la + bx / lb;
    const uy = ay / la + by / lb;
    const ul = Math.hypot(ux, uy);
    const cd = r / Math.sin(half);
    const ccx = x1 + (ux / ul) * cd;
    const ccy = y1 + (uy / ul) * cd;
    const s = Math.atan2(t0y - ccy, t0x - ccx);
    const e = Math.atan2(t1y - ccy, t1x - ccx);
    this.lineTo(m, t0x, t0y);
    this.ellipse(m, ccx, ccy, r, r, 0, s, e, cross > 0);
  }
}

/** SVG path data (as Path2D.toSVGString writes it: absolute M L Q C Z, and relative forms) into a device path. */
function svgInto(p: DevicePath, m: Matrix, d: string): void {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = '';
  let ux = 0;
  let uy = 0;
  let sx = 0;
  let sy = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i]!)) cmd = tokens[i++]!;
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? ux : 0;
    const oy = rel ? uy : 0;
    switch (cmd.toUpperCase()) {
      case 'M': {
        ux = ox + num();
        uy = oy + num();
        sx = ux;
        sy = uy;
        p.moveTo(m, ux, uy);
        cmd = rel ? 'l' : 'L';
        break;
      }
      case 'L':
        ux = ox + num();
        uy = oy + num();
        p.lineTo(m, ux, uy);
        break;
      case 'H':
        ux = (rel ? ux : 0) + num();
        p.lineTo(m, ux, uy);
        break;
      case 'V':
        uy = (rel ? uy : 0) + num();
        p.lineTo(m, ux, uy);
        break;
      case 'Q': {
        const qx = ox + num();
        const qy = oy + num();
        ux = ox + num();
        uy = oy + num();
        p.quadTo(m, qx, qy, ux, uy);
        break;
      }
      case 'C': {
        const a = ox + num();
        const b = oy + num();
        const c = ox + num();
        const e = oy + num();
        ux = ox + num();
        uy = oy + num();
        p.bezierTo(m, a, b, c, e, ux, uy);
        break;
      }
      case 'Z':
        p.close();
        ux = sx;
        uy = sy;
        break;
      default:
        // Unknown command: skip its numbers.
        i++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The recorder

/**
 * The context's state as last read from it: a property is read again only once it was set or restored. Fill and
 * stroke styles are kept here across save/restore: @napi-rs/canvas's getters keep returning the last style set after
 * a restore() brought back an earlier one (it draws with the restored one).
 */
class StateCache {
  private readonly values = new Map<PropertyKey, unknown>();
  private styles: { fillStyle: unknown; strokeStyle: unknown };
  private readonly saved: Array<{ fillStyle: unknown; strokeStyle: unknown }> = [];
  constructor(private readonly t: SKRSContext2D) {
    this.styles = { fillStyle: t.fillStyle, strokeStyle: t.strokeStyle };
  }

  /** After a property was set: read again when next needed (a style: read back now, as the canvas took it). */
  set(k: PropertyKey): void {
    if (k === 'fillStyle' || k === 'strokeStyle') this.styles[k] = this.t[k];
    else this.values.delete(k);
  }

  save(): void {
    this.saved.push({ ...this.styles });
  }

  restore(): void {
    this.values.clear();
    const s = this.saved.pop();
    if (s) this.styles = s;
  }

  reset(): void {
    this.values.clear();
    this.saved.length = 0;
    this.styles = { fillStyle: '#000000', strokeStyle: '#000000' };
  }

  get<K extends keyof SKRSContext2D>(k: K): SKRSContext2D[K] {
    if (k === 'fillStyle' || k === 'strokeStyle') return this.styles[k as 'fillStyle' | 'strokeStyle'] as SKRSContext2D[K];
    if (this.values.has(k)) return this.values.get(k) as SKRSContext2D[K];
    const v = this.t[k];
    this.values.set(k, v);
    return v;
  }

  matrix(): Matrix {
    let m = this.values.get('transform') as Matrix | undefined;
    if (!m) {
      const d = this.t.getTransform();
      m = [d.a, d.b, d.c, d.d, d.e, d.f];
      this.values.set('transform', m);
    }
    return m;
  }

  dash(): number[] {
    let d = this.values.get('lineDash') as number[] | undefined;
    if (!d) {
      d = this.t.getLineDash();
      this.values.set('lineDash', d);
    }
    return d;
  }

  forget(k: PropertyKey): void {
    this.values.delete(k);
  }
}

/** Gradients made through a recording context, with the stops added to them (their native objects hide these). */
const gradients = new WeakMap<object, GradientInfo>();

function paintOf(style: unknown): Paint {
  if (typeof style === 'string') return { kind: 'color', css: style };
  const g = style && typeof style === 'object' ? gradients.get(style) : undefined;
  if (g) return { kind: 'gradient', gradient: { ...g, stops: g.stops.slice() } };
  return { kind: 'pattern' };
}

/** Composite operations that erase or mask what is under them: the PDF has nothing like them, the paint is skipped. */
const ERASING = new Set(['destination-out', 'destination-in', 'destination-atop', 'source-out', 'xor', 'clear']);

/**
 * Records what is drawn on a page's canvas for the PDF twin. `context` stands in for the real context everywhere the
 * page is drawn: calls and properties go to the real one unchanged (the raster is the same bytes), and each drawing
 * call is also recorded with its state.
 *
 * `gaps` counts what the PDF cannot say exactly: `pattern` (a CanvasPattern fill, drawn in mid grey), `conic-gradient`
 * (drawn in its first stop's colour), `composite:<op>` (an operation with no PDF blend mode: erasing ones are skipped,
 * others drawn as source-over; blend modes such as 'overlay' are PDF blend modes), `filter:<f>` (a filter other than
 * grayscale on drawImage, or any filter on vector drawing: ignored), `putImageData`, `clearRect` (painted white),
 * `textBaseline:<b>` (from the first face's metrics), `maxWidth` (text squeezed to fit, as a horizontal scale).
 * Canvas shadows are not recorded (pagesynth draws none).
 * @example
 * const rec = recordPdf(ctx, 1240, 1754);
 * drawPage(rec.context, page, contents);
 * const bytes = await rec.toPdf({ dpi: 150 });
 */
export class PdfRecorder {
  /** The stand-in context: draw on it as on the real one. */
  readonly context: SKRSContext2D;
  readonly ops: PdfOp[] = [];
  readonly images: RecordedImage[] = [];
  /** What was approximated or dropped, by name (see the class TSDoc). */
  readonly gaps = new Map<string, number>();
  /** Milliseconds spent recording (reading state, copying image pixels). */
  recordMs = 0;
  /** With `toPdf({ check: true })`: the PDF's string widths against the canvas's. */
  widths: WidthCheck = { strings: 0, over: 0, max: 0 };
  /** The page's language tag (the context's `lang`: shaping and the width check). */
  readonly lang: string;
  private readonly path = new DevicePath();
  private readonly state: StateCache;
  private depth = 0;
  private readonly imageIndex = new Map<object, Array<{ rgba: Uint8Array; grey: boolean; index: number }>>();

  constructor(
    private readonly target: SKRSContext2D,
    readonly width: number,
    readonly height: number,
  ) {
    this.state = new StateCache(target);
    this.lang = target.lang || 'en';
    const state = this.state;
    const hooks = this.hooks();
    const bound = new Map<PropertyKey, unknown>();
    // Methods others put on the context (text-boxes.ts wraps fillText for a block as an own property) live here, in
    // front of the recording hooks, never on the real context: their wrapper calls the hook, the hook the real method.
    const own = new Map<PropertyKey, unknown>();
    const hooked = (prop: PropertyKey) => typeof prop === 'string' && Object.hasOwn(hooks, prop);
    this.context = new Proxy(target, {
      get(t, prop) {
        if (own.has(prop)) return own.get(prop);
        if (hooked(prop)) return hooks[prop as string];
        const v = Reflect.get(t, prop);
        if (typeof v !== 'function') return v;
        let b = bound.get(prop);
        if (!b) {
          b = (v as (...a: unknown[]) => unknown).bind(t);
          bound.set(prop, b);
        }
        return b;
      },
      set(t, prop, value) {
        if (hooked(prop) || own.has(prop)) {
          own.set(prop, value);
          return true;
        }
        const ok = Reflect.set(t, prop, value);
        state.set(prop);
        return ok;
      },
      defineProperty(t, prop, desc) {
        if (hooked(prop) || own.has(prop)) {
          own.set(prop, desc.get ? desc.get.call(t) : desc.value);
          return true;
        }
        return Reflect.defineProperty(t, prop, desc);
      },
      deleteProperty(t, prop) {
        if (own.has(prop)) return own.delete(prop);
        return Reflect.deleteProperty(t, prop);
      },
    });
  }

  private gap(name: string): void {
    this.gaps.set(name, (this.gaps.get(name) ?? 0) + 1);
  }

  private matrix(): Matrix {
    return this.state.matrix();
  }

  /** The composite operation, or null when the paint is to be skipped. */
  private blend(): string | null {
    const op = this.state.get('globalCompositeOperation');
    if (op === 'source-over') return op;
    if (!BLEND[op]) this.gap(`composite:${op}`);
    return ERASING.has(op) ? null : op;
  }

  private paintState(stroke: boolean): PaintState | null {
    const t = this.state;
    const blend = this.blend();
    if (blend === null) return null;
    const paint = paintOf(stroke ? t.get('strokeStyle') : t.get('fillStyle'));
    if (paint.kind === 'pattern') this.gap('pattern');
    if (paint.kind === 'gradient' && paint.gradient.type === 'conic') this.gap('conic-gradient');
    const filter = t.get('filter');
    if (filter && filter !== 'none') this.gap(`filter:${filter}`);
    return { paint, alpha: t.get('globalAlpha'), blend, m: this.matrix() };
  }

  private lineStyle(): LineStyle {
    const t = this.state;
    return { width: t.get('lineWidth'), cap: t.get('lineCap'), join: t.get('lineJoin'), miter: t.get('miterLimit'), dash: t.dash(), dashOffset: t.get('lineDashOffset') };
  }

  private timed<A extends unknown[], R>(fn: (...a: A) => R, rec: (...a: A) => void): (...a: A) => R {
    return (...a: A) => {
      const r = fn(...a);
      const t0 = performance.now();
      rec(...a);
      this.recordMs += performance.now() - t0;
      return r;
    };
  }

  private hooks(): Record<string, (...a: never[]) => unknown> {
    const t = this.target;
    const p = this.path;
    const ops = this.ops;
    const m = () => this.matrix();
    type P2 = { toSVGString(): string };
    const isPath = (x: unknown): x is P2 => !!x && typeof x === 'object' && typeof (x as P2).toSVGString === 'function';
    /** The path a fill, stroke or clip works on: the current one, or a Path2D in the current transform. */
    const pathOf = (arg: unknown): number[] => {
      if (!isPath(arg)) return p.take();
      const tmp = new DevicePath();
      svgInto(tmp, m(), arg.toSVGString());
      return tmp.data;
    };
    const rule = (a: unknown[]): boolean => a.some((x) => x === 'evenodd');
    const h: Record<string, (...a: never[]) => unknown> = {
      save: this.timed(
        () => t.save(),
        () => {
          this.state.save();
          ops.push({ t: 'save' });
          this.depth++;
        },
      ),
      restore: this.timed(
        () => t.restore(),
        () => {
          if (this.depth === 0) return;
          this.state.restore();
          this.depth--;
          ops.push({ t: 'restore' });
        },
      ),
      translate: (x: number, y: number) => (this.state.forget('transform'), t.translate(x, y)),
      rotate: (a: number) => (this.state.forget('transform'), t.rotate(a)),
      scale: (x: number, y: number) => (this.state.forget('transform'), t.scale(x, y)),
      transform: (a: number, b: number, c: number, d: number, e: number, f: number) => (this.state.forget('transform'), t.transform(a, b, c, d, e, f)),
      setTransform: (...a: unknown[]) => (this.state.forget('transform'), (t.setTransform as (...x: unknown[]) => void)(...a)),
      resetTransform: () => (this.state.forget('transform'), t.resetTransform()),
      setLineDash: (d: number[]) => (this.state.forget('lineDash'), t.setLineDash(d)),
      reset: () => {
        (t as unknown as { reset(): void }).reset();
        this.state.reset();
        this.path.reset();
        this.gap('reset');
      },
      beginPath: this.timed(
        () => t.beginPath(),
        () => p.reset(),
      ),
      moveTo: this.timed(
        (x: number, y: number) => t.moveTo(x, y),
        (x, y) => p.moveTo(m(), x, y),
      ),
      lineTo: this.timed(
        (x: number, y: number) => t.lineTo(x, y),
        (x, y) => p.lineTo(m(), x, y),
      ),
      bezierCurveTo: this.timed(
        (a: number, b: number, c: number, d: number, x: number, y: number) => t.bezierCurveTo(a, b, c, d, x, y),
        (a, b, c, d, x, y) => p.bezierTo(m(), a, b, c, d, x, y),
      ),
      quadraticCurveTo: this.timed(
        (a: number, b: number, x: number, y: number) => t.quadraticCurveTo(a, b, x, y),
        (a, b, x, y) => p.quadTo(m(), a, b, x, y),
      ),
      closePath: this.timed(
        () => t.closePath(),
        () => p.close(),
      ),
      rect: this.timed(
        (x: number, y: number, w: number, hh: number) => t.rect(x, y, w, hh),
        (x, y, w, hh) => p.rect(m(), x, y, w, hh),
      ),
      roundRect: this.timed(
        (x: number, y: number, w: number, hh: number, r?: number | number[]) => (t as unknown as { roundRect(...a: unknown[]): void }).roundRect(x, y, w, hh, r),
        (x, y, w, hh, r) => {
          const rr = Math.max(0, Math.min(Math.abs(w) / 2, Math.abs(hh) / 2, Array.isArray(r) ? Number(r[0] ?? 0) : Number(r ?? 0)));
          const mm = m();
          p.moveTo(mm, x + rr, y);
          p.arcTo(mm, x + w, y, x + w, y + hh, rr);
          p.arcTo(mm, x + w, y + hh, x, y + hh, rr);
          p.arcTo(mm, x, y + hh, x, y, rr);
          p.arcTo(mm, x, y, x + w, y, rr);
          p.close();
        },
      ),
      arc: this.timed(
        (x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean) => t.arc(x, y, r, a0, a1, ccw),
        (x, y, r, a0, a1, ccw) => p.ellipse(m(), x, y, r, r, 0, a0, a1, !!ccw),
      ),
      ellipse: this.timed(
        (x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number, ccw?: boolean) => t.ellipse(x, y, rx, ry, rot, a0, a1, ccw),
        (x, y, rx, ry, rot, a0, a1, ccw) => p.ellipse(m(), x, y, rx, ry, rot, a0, a1, !!ccw),
      ),
      arcTo: this.timed(
        (x1: number, y1: number, x2: number, y2: number, r: number) => t.arcTo(x1, y1, x2, y2, r),
        (x1, y1, x2, y2, r) => p.arcTo(m(), x1, y1, x2, y2, r),
      ),
      fill: this.timed(
        (...a: unknown[]) => (t.fill as (...x: unknown[]) => void)(...a),
        (...a: unknown[]) => {
          const s = this.paintState(false);
          if (s) ops.push({ t: 'fill', path: pathOf(a[0]), evenOdd: rule(a), ...s });
        },
      ),
      stroke: this.timed(
        (...a: unknown[]) => (t.stroke as (...x: unknown[]) => void)(...a),
        (...a: unknown[]) => {
          const s = this.paintState(true);
          if (s) ops.push({ t: 'stroke', path: pathOf(a[0]), line: this.lineStyle(), ...s });
        },
      ),
      clip: this.timed(
        (...a: unknown[]) => (t.clip as (...x: unknown[]) => void)(...a),
        (...a: unknown[]) => ops.push({ t: 'clip', path: pathOf(a[0]), evenOdd: rule(a) }),
      ),
      fillRect: this.timed(
        (x: number, y: number, w: number, hh: number) => t.fillRect(x, y, w, hh),
        (x, y, w, hh) => {
          const s = this.paintState(false);
          if (!s) return;
          const tmp = new DevicePath();
          tmp.rect(s.m, x, y, w, hh);
          ops.push({ t: 'fill', path: tmp.data, evenOdd: false, ...s });
        },
      ),
      strokeRect: this.timed(
        (x: number, y: number, w: number, hh: number) => t.strokeRect(x, y, w, hh),
        (x, y, w, hh) => {
          const s = this.paintState(true);
          if (!s) return;
          const tmp = new DevicePath();
          tmp.rect(s.m, x, y, w, hh);
          ops.push({ t: 'stroke', path: tmp.data, line: this.lineStyle(), ...s });
        },
      ),
      clearRect: this.timed(
        (x: number, y: number, w: number, hh: number) => t.clearRect(x, y, w, hh),
        (x, y, w, hh) => {
          this.gap('clearRect');
          const mm = m();
          const tmp = new DevicePath();
          tmp.rect(mm, x, y, w, hh);
          ops.push({ t: 'fill', path: tmp.data, evenOdd: false, paint: { kind: 'color', css: '#ffffff' }, alpha: 1, blend: 'source-over', m: mm });
        },
      ),
      fillText: this.timed(
        (text: string, x: number, y: number, maxWidth?: number) => (maxWidth === undefined ? t.fillText(text, x, y) : t.fillText(text, x, y, maxWidth)),
        (text, x, y, maxWidth) => this.text(String(text), x, y, maxWidth, false),
      ),
      strokeText: this.timed(
        (text: string, x: number, y: number, maxWidth?: number) => (maxWidth === undefined ? t.strokeText(text, x, y) : t.strokeText(text, x, y, maxWidth)),
        (text, x, y, maxWidth) => this.text(String(text), x, y, maxWidth, true),
      ),
      drawImage: this.timed(
        (...a: unknown[]) => (t.drawImage as (...x: unknown[]) => void)(...a),
        (...a: unknown[]) => this.image(a),
      ),
      putImageData: this.timed(
        (...a: unknown[]) => (t.putImageData as (...x: unknown[]) => void)(...a),
        (...a: unknown[]) => {
          this.gap('putImageData');
          const d = a[0] as { width: number; height: number; data: Uint8ClampedArray };
          const index = this.images.push({ width: d.width, height: d.height, rgba: new Uint8Array(d.data) }) - 1;
          ops.push({ t: 'image', image: index, m: IDENTITY, x: Number(a[1]), y: Number(a[2]), w: d.width, h: d.height, alpha: 1, blend: 'source-over', smooth: false });
        },
      ),
      createLinearGradient: (x0: number, y0: number, x1: number, y1: number) => track(t.createLinearGradient(x0, y0, x1, y1), { type: 'linear', coords: [x0, y0, x1, y1], stops: [] }),
      createRadialGradient: (x0: number, y0: number, r0: number, x1: number, y1: number, r1: number) => track(t.createRadialGradient(x0, y0, r0, x1, y1, r1), { type: 'radial', coords: [x0, y0, r0, x1, y1, r1], stops: [] }),
      createConicGradient: (a: number, x: number, y: number) => track((t as unknown as { createConicGradient(a: number, x: number, y: number): object }).createConicGradient(a, x, y), { type: 'conic', coords: [a, x, y], stops: [] }),
    };
    return h;
  }

  private text(text: string, x: number, y: number, maxWidth: number | undefined, stroke: boolean): void {
    const t = this.state;
    const s = this.paintState(stroke);
    if (!s || !text) return;
    const baseline = t.get('textBaseline');
    if (baseline !== 'alphabetic') this.gap(`textBaseline:${baseline}`);
    if (maxWidth !== undefined) this.gap('maxWidth');
    this.ops.push({
      t: 'text',
      text,
      x,
      y,
      ...(maxWidth !== undefined ? { maxWidth } : {}),
      font: t.get('font'),
      align: t.get('textAlign'),
      baseline,
      rtl: t.get('direction') === 'rtl',
      ...(stroke ? { line: this.lineStyle() } : {}),
      ...s,
    });
  }

  /** drawImage: the source's pixels (shared with earlier draws of the same unchanged source), placed and clipped. */
  private image(a: unknown[]): void {
    const t = this.state;
    const src = a[0] as { width: number; height: number; getContext?: (k: '2d') => SKRSContext2D };
    const iw = Number(src.width);
    const ih = Number(src.height);
    if (!(iw > 0 && ih > 0)) return;
    const blend = this.blend();
    if (blend === null) return;
    const filter = t.get('filter');
    const grey = /^grayscale\(\s*(100%|1(\.0*)?)\s*\)$/.test(filter);
    if (filter && filter !== 'none' && !grey) this.gap(`filter:${filter}`);
    const n = a.length - 1;
    const [sx, sy, sw, sh, dx, dy, dw, dh] =
      n >= 8 ? (a.slice(1, 9).map(Number) as number[]) : n >= 4 ? [0, 0, iw, ih, ...a.slice(1, 5).map(Number)] : [0, 0, iw, ih, Number(a[1]), Number(a[2]), iw, ih];
    if (!(sw! > 0 && sh! > 0 && dw! !== 0 && dh! !== 0)) return;
    const index = this.pixelsOf(src, iw, ih, grey);
    const kx = dw! / sw!;
    const ky = dh! / sh!;
    const cropped = n >= 8 && (sx !== 0 || sy !== 0 || sw !== iw || sh !== ih);
    this.ops.push({
      t: 'image',
      image: index,
      m: this.matrix(),
      x: dx! - sx! * kx,
      y: dy! - sy! * ky,
      w: iw * kx,
      h: ih * ky,
      ...(cropped ? { clip: [dx!, dy!, dw!, dh!] as [number, number, number, number] } : {}),
      alpha: t.get('globalAlpha'),
      blend,
      smooth: t.get('imageSmoothingEnabled'),
    });
  }

  private pixelsOf(src: { width: number; height: number; getContext?: (k: '2d') => SKRSContext2D }, w: number, h: number, grey: boolean): number {
    let rgba: Uint8Array;
    if (typeof src.getContext === 'function') {
      rgba = new Uint8Array(src.getContext('2d').getImageData(0, 0, w, h).data.buffer);
    } else {
      const c = createCanvas(w, h);
      const g = c.getContext('2d');
      g.drawImage(src as never, 0, 0);
      rgba = new Uint8Array(g.getImageData(0, 0, w, h).data.buffer);
    }
    const seen = this.imageIndex.get(src) ?? [];
    for (const e of seen) if (e.grey === grey && Buffer.from(e.rgba.buffer, e.rgba.byteOffset, e.rgba.byteLength).equals(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength))) return e.index;
    const raw = rgba;
    if (grey) {
      rgba = new Uint8Array(raw);
      for (let i = 0; i < rgba.length; i += 4) {
        const l = Math.round(0.2126 * rgba[i]! + 0.7152 * rgba[i + 1]! + 0.0722 * rgba[i + 2]!);
        rgba[i] = rgba[i + 1] = rgba[i + 2] = l;
      }
    }
    const index = this.images.push({ width: w, height: h, rgba }) - 1;
    seen.push({ rgba: raw, grey, index });
    this.imageIndex.set(src, seen);
    return index;
  }

  /**
   * The recording as a one-page PDF of the page's size at `dpi` (px * 72 / dpi points): deterministic bytes (a fixed
   * creation date), a fresh buffer that can be transferred.
   */
  async toPdf(opts: PdfOptions): Promise<Uint8Array> {
    return writePdf(this, opts);
  }
}

function track<T extends object>(g: T, info: GradientInfo): T {
  gradients.set(g, info);
  const add = (g as unknown as { addColorStop(o: number, c: string): void }).addColorStop;
  Object.defineProperty(g, 'addColorStop', {
    value(o: number, c: string) {
      add.call(g, o, c);
      info.stops.push([o, c]);
    },
    configurable: true,
  });
  return g;
}

/**
 * A recorder for a page's canvas context (see {@link PdfRecorder}).
 * @example const rec = recordPdf(ctx, page.width, page.height); drawPage(rec.context, page, contents); await rec.toPdf({ dpi: 150 });
 */
export function recordPdf(ctx: SKRSContext2D, width: number, height: number): PdfRecorder {
  return new PdfRecorder(ctx, width, height);
}

// ---------------------------------------------------------------------------------------------------------------
// Colours

const colourCache = new Map<string, [number, number, number, number]>();
let colourScratch: SKRSContext2D | undefined;

/**
 * A CSS colour as [r, g, b] in 0..255 and alpha in 0..1: hex and rgb()/rgba() parsed here, anything else (names,
 * hsl()) resolved by the canvas itself on a 1 x 1 scratch.
 */
export function parseColour(css: string): [number, number, number, number] {
  let c = colourCache.get(css);
  if (c) return c;
  const s = css.trim().toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^#([0-9a-f]{3,8})$/.exec(s)) && [3, 4, 6, 8].includes(m[1]!.length)) {
    const h = m[1]!;
    const d = h.length <= 4 ? [...h].map((x) => parseInt(x + x, 16)) : h.match(/../g)!.map((x) => parseInt(x, 16));
    c = [d[0]!, d[1]!, d[2]!, d.length === 4 ? d[3]! / 255 : 1];
  } else if ((m = /^rgba?\(\s*([^)]*)\)$/.exec(s))) {
    const parts = m[1]!.split(/\s*[,/]\s*|\s+/).filter(Boolean);
    const ch = (v: string) => (v.endsWith('%') ? (parseFloat(v) * 255) / 100 : parseFloat(v));
    const a = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    c = [ch(parts[0] ?? '0'), ch(parts[1] ?? '0'), ch(parts[2] ?? '0'), a];
  } else if (s === 'transparent') {
    c = [0, 0, 0, 0];
  } else {
    colourScratch ??= createCanvas(1, 1).getContext('2d');
    const g = colourScratch;
    g.clearRect(0, 0, 1, 1);
    g.fillStyle = '#000000';
    g.fillStyle = css;
    g.fillRect(0, 0, 1, 1);
    const d = g.getImageData(0, 0, 1, 1).data;
    c = [d[0]!, d[1]!, d[2]!, d[3]! / 255];
  }
  c = [clamp255(c[0]), clamp255(c[1]), clamp255(c[2]), Math.max(0, Math.min(1, Number.isFinite(c[3]) ? c[3] : 1))];
  if (colourCache.size > 10_000) colourCache.clear();
  colourCache.set(css, c);
  return c;
}

function clamp255(v: number): number {
  return Number.isFinite(v) ? Math.max(0, Math.min(255, v)) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Replay into pdfkit

export interface PdfOptions {
  /** Resolution the page was drawn at: its size in points is px * 72 / dpi. */
  dpi: number;
  /** Folder of the committed fonts (default: as registerFonts). */
  fontDir?: string;
  /** zlib level of embedded images (default 6). */
  imageLevel?: number;
  /**
   * Also measure every string with the canvas and compare its width with the PDF's (the shaper's advances): the
   * result is in `PdfRecorder.widths`. For tests and surveys; it costs a measureText per string.
   */
  check?: boolean;
}

/** How the PDF's string widths compare with the canvas's (`PdfOptions.check`). */
export interface WidthCheck {
  strings: number;
  /** Strings whose widths differ by more than 0.5 px, and the largest difference (px). */
  over: number;
  max: number;
  /** The string of the largest difference and its font. */
  worst?: string;
}

/** The parts of pdfkit's document used here that its types do not declare (stable internals of pdfkit 0.20). */
interface Doc {
  addContent(s: string): Doc;
  save(): Doc;
  restore(): Doc;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): Doc;
  fillOpacity(a: number): Doc;
  strokeOpacity(a: number): Doc;
  fillColor(c: unknown, opacity?: number): Doc;
  strokeColor(c: unknown, opacity?: number): Doc;
  linearGradient(x1: number, y1: number, x2: number, y2: number): Grad;
  radialGradient(x1: number, y1: number, r1: number, x2: number, y2: number, r2: number): Grad;
  font(src: unknown, family?: string): Doc;
  ref(data: object): Ref;
  end(): void;
  on(ev: string, fn: (...a: never[]) => void): void;
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown>; xobjects: Record<string, unknown>; ext_gstates: Record<string, unknown> };
}
interface Grad {
  stop(pos: number, color: unknown, opacity?: number): Grad;
}
interface Ref {
  end(chunk?: Uint8Array | string): void;
}
/** pdfkit's font embedding: the glyphs a document uses are added to its subset, with their widths and characters. */
interface EmbeddedFont {
  id: string;
  ref(): unknown;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
}

let PDFDocumentCtor: (new (o: object) => Doc) | undefined;

/** pdfkit, loaded on first use (pages without a PDF never load it). */
async function pdfkit(): Promise<new (o: object) => Doc> {
  PDFDocumentCtor ??= ((await import('pdfkit')) as unknown as { default: new (o: object) => Doc }).default;
  return PDFDocumentCtor;
}

const BLEND: Record<string, string> = {
  multiply: 'Multiply',
  screen: 'Screen',
  overlay: 'Overlay',
  darken: 'Darken',
  lighten: 'Lighten',
  'color-dodge': 'ColorDodge',
  'color-burn': 'ColorBurn',
  'hard-light': 'HardLight',
  'soft-light': 'SoftLight',
  difference: 'Difference',
  exclusion: 'Exclusion',
  hue: 'Hue',
  saturation: 'Saturation',
  color: 'Color',
  luminosity: 'Luminosity',
};

/** A string as UTF-16BE hex digits (a PDF text string after its FEFF mark). */
function utf16Hex(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(4, '0');
  return h.toUpperCase();
}

function fmt(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? '0' : String(r);
}

function pathOps(path: readonly number[], inv: Matrix | null): string {
  const out: string[] = [];
  const pt = (x: number, y: number) => (inv ? `${fmt(inv[0] * x + inv[2] * y + inv[4])} ${fmt(inv[1] * x + inv[3] * y + inv[5])}` : `${fmt(x)} ${fmt(y)}`);
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === MOVE) {
      out.push(`${pt(path[i]!, path[i + 1]!)} m`);
      i += 2;
    } else if (op === LINE) {
      out.push(`${pt(path[i]!, path[i + 1]!)} l`);
      i += 2;
    } else if (op === CURVE) {
      out.push(`${pt(path[i]!, path[i + 1]!)} ${pt(path[i + 2]!, path[i + 3]!)} ${pt(path[i + 4]!, path[i + 5]!)} c`);
      i += 6;
    } else {
      out.push('h');
    }
  }
  return out.join('\n');
}

/**
 * A face's line ascent per px of size as Skia's paragraph takes it: the ascender plus half the line gap (hhea's, or
 * OS/2's typo metrics when the font asks for them).
 */
function ascent(f: Face['font']): number {
  const os2 = (f as unknown as { 'OS/2'?: { fsSelection?: Record<string, boolean>; typoAscender?: number; typoLineGap?: number } })['OS/2'];
  const hhea = (f as unknown as { hhea?: { lineGap?: number } }).hhea;
  if (os2?.fsSelection?.useTypoMetrics && os2.typoAscender) return (os2.typoAscender + (os2.typoLineGap ?? 0) / 2) / f.unitsPerEm;
  return (f.ascent + (hhea?.lineGap ?? 0) / 2) / f.unitsPerEm;
}

/** Per-document replay state: embedded fonts, images and blend states made so far. */
class Replay {
  private readonly fonts = new Map<Face, EmbeddedFont>();
  private readonly xobjects = new Map<number, string>();
  private readonly blends = new Map<string, string>();

  constructor(
    private readonly doc: Doc,
    private readonly rec: PdfRecorder,
    private readonly opts: PdfOptions,
  ) {}

  run(): void {
    const doc = this.doc;
    let depth = 0;
    for (const op of this.rec.ops) {
      switch (op.t) {
        case 'save':
          doc.save();
          depth++;
          break;
        case 'restore':
          if (depth > 0) {
            doc.restore();
            depth--;
          }
          break;
        case 'clip':
          doc.addContent(`${pathOps(op.path, null)}\n${op.evenOdd ? 'W*' : 'W'} n`);
          break;
        case 'fill':
        case 'stroke':
          this.paintPath(op);
          break;
        case 'text':
          this.text(op);
          break;
        case 'image':
          this.image(op);
          break;
      }
    }
    while (depth-- > 0) doc.restore();
  }

  private setBlend(blend: string): void {
    const name = BLEND[blend];
    if (!name) return;
    let label = this.blends.get(name);
    if (!label) {
      const ref = this.doc.ref({ Type: 'ExtGState', BM: name });
      ref.end();
      label = `Bm${name}`;
      this.doc.page.ext_gstates[label] = ref;
      this.blends.set(name, label);
    }
    this.doc.addContent(`/${label} gs`);
  }

  /** Sets the paint for fills (or strokes); false when it paints nothing. The transform must be the paint's. */
  private setPaint(s: PaintState, stroke: boolean): boolean {
    const doc = this.doc;
    const p = s.paint;
    if (p.kind === 'gradient' && p.gradient.type !== 'conic' && p.gradient.stops.length > 0) {
      const g = p.gradient;
      const c = g.coords;
      const grad = g.type === 'linear' ? doc.linearGradient(c[0]!, c[1]!, c[2]!, c[3]!) : doc.radialGradient(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!);
      const stops = g.stops.slice().sort((a, b) => a[0] - b[0]);
      for (const [o, css] of stops) {
        const [r, gg, b, a] = parseColour(css);
        grad.stop(Math.max(0, Math.min(1, o)), [r, gg, b], a * s.alpha);
      }
      if (stroke) doc.strokeColor(grad);
      else doc.fillColor(grad);
      return true;
    }
    const css = p.kind === 'color' ? p.css : p.kind === 'gradient' ? (p.gradient.stops[0]?.[1] ?? '#000000') : '#808080';
    const [r, g, b, a0] = parseColour(css);
    const a = a0 * s.alpha;
    if (a <= 0) return false;
    doc.addContent(`${fmt(r / 255)} ${fmt(g / 255)} ${fmt(b / 255)} ${stroke ? 'RG' : 'rg'}`);
    if (a < 1) {
      if (stroke) doc.strokeOpacity(a);
      else doc.fillOpacity(a);
    }
    return true;
  }

  private setLine(l: LineStyle): void {
    const caps: Record<string, number> = { butt: 0, round: 1, square: 2 };
    const joins: Record<string, number> = { miter: 0, round: 1, bevel: 2 };
    const dash = l.dash.length % 2 === 1 ? [...l.dash, ...l.dash] : l.dash;
    this.doc.addContent(`${fmt(l.width)} w ${caps[l.cap] ?? 0} J ${joins[l.join] ?? 0} j ${fmt(l.miter)} M [${dash.map(fmt).join(' ')}] ${fmt(l.dashOffset)} d`);
  }

  private paintPath(op: Extract<PdfOp, { t: 'fill' | 'stroke' }>): void {
    if (op.path.length === 0) return;
    const doc = this.doc;
    const stroke = op.t === 'stroke';
    // Strokes (pen in user space) and gradients (defined in user space) are drawn under the transform of the call.
    const user = (stroke || op.paint.kind === 'gradient') && !isIdentity(op.m);
    const inv = user ? invert(op.m) : null;
    if (user && !inv) return;
    doc.save();
    if (user) doc.transform(...op.m);
    this.setBlend(op.blend);
    if (this.setPaint(op, stroke)) {
      if (op.t === 'stroke') this.setLine(op.line);
      doc.addContent(`${pathOps(op.path, inv)}\n${op.t === 'stroke' ? 'S' : op.evenOdd ? 'f*' : 'f'}`);
    }
    doc.restore();
  }

  private embedded(face: Face): EmbeddedFont {
    let f = this.fonts.get(face);
    if (!f) {
      this.doc.font(face.font, `pagesynth:${face.file}`);
      f = this.doc._font;
      this.fonts.set(face, f);
    }
    if (this.doc.page.fonts[f.id] == null) this.doc.page.fonts[f.id] = f.ref();
    return f;
  }

  private text(op: Extract<PdfOp, { t: 'text' }>): void {
    const doc = this.doc;
    const css = parseCssFont(op.font);
    const faces = facesOfFont(css, this.opts.fontDir);
    const size = css.size;
    const k = size / 1000;
    const runs = pieces(op.text, faces, op.rtl).map((p) => {
      const ef = this.embedded(p.face);
      const sh = shape(p, this.rec.lang);
      const unit = 1000 / p.face.font.unitsPerEm;
      const hex = sh.ids.map((id, i) => {
        const gid = ef.subset.includeGlyph(id);
        ef.widths[gid] ??= sh.advance[i]! * unit;
        if (!ef.unicode[gid]?.length) ef.unicode[gid] = sh.codePoints[i]!;
        return `0000${gid.toString(16)}`.slice(-4);
      });
      const pos = sh.ids.map((_, i) => ({ xAdvance: sh.xAdvance[i]! * unit, advanceWidth: sh.advance[i]! * unit, xOffset: sh.xOffset[i]! * unit, yOffset: sh.yOffset[i]! * unit }));
      // Skia's synthetic styles for a bold or italic its face lacks: a slant of 1/4, an outline stroked by size/24
      // (at 9 px) to size/32 (at 36 px and up).
      const fakeBold = css.bold && !p.face.bold;
      const fakeItalic = css.italic && !p.face.italic;
      return { ef, face: p.face.font, hex, pos, w: sh.width * unit * k, actual: sh.actual, fakeBold, fakeItalic };
    });
    const total = runs.reduce((s, r) => s + r.w, 0);
    if (this.opts.check) this.check(op, total);
    const sx = op.maxWidth !== undefined && total > op.maxWidth && total > 0 ? Math.max(0, op.maxWidth) / total : 1;
    const width = total * sx;
    const align = op.align === 'start' ? (op.rtl ? 'right' : 'left') : op.align === 'end' ? (op.rtl ? 'left' : 'right') : op.align;
    let x = align === 'right' ? op.x - width : align === 'center' ? op.x - width / 2 : op.x;
    const first = faces[0]!.font;
    const asc = ascent(first) * size;
    const desc = (first.descent / first.unitsPerEm) * size;
    const dy: Record<string, number> = { top: asc, hanging: asc * 0.8, middle: (asc + desc) / 2, ideographic: desc, bottom: desc, alphabetic: 0 };
    // Where the canvas puts the baseline: @napi-rs/canvas sets text as a Skia paragraph placed at y minus its baseline,
    // which Skia rounds (the line ascent A, the largest of the faces the string is drawn with, rounded: the glyphs land
    // round(A) - A lower); axis-aligned glyphs are then put on a whole pixel. Measured on 8 families x 33 sizes x 10
    // sub-pixel offsets: 2639 of 2640 as round(y + round(A) - A) for Latin words, 2640 of 2640 for a symbol from the
    // chain's symbol face (floor(y + 5/8), Skia's glyph rounding alone: 1949 and 1952).
    const lineAscent = Math.max(...runs.map((r) => ascent(r.face))) * size;
    let y = op.y + (dy[op.baseline] ?? 0) + Math.round(lineAscent) - lineAscent;
    if (op.m[1] === 0 && op.m[2] === 0 && op.m[3] !== 0) y = (Math.round(op.m[3] * y + op.m[5]) - op.m[5]) / op.m[3];
    doc.save();
    if (!isIdentity(op.m)) doc.transform(...op.m);
    this.setBlend(op.blend);
    const stroke = op.line !== undefined;
    if (!this.setPaint(op, stroke)) {
      doc.restore();
      return;
    }
    if (op.line) this.setLine(op.line);
    if (runs.some((r) => r.fakeBold) && !stroke) {
      // The stroke of synthetic bold: in the fill's colour.
      this.setPaint(op, true);
      const t = Math.min(1, Math.max(0, (size - 9) / 27));
      doc.addContent(`${fmt(size * (1 / 24 + t * (1 / 32 - 1 / 24)))} w 0 j 4 M`);
    }
    const out: string[] = ['BT'];
    if (stroke) out.push('1 Tr');
    let slant = 0;
    const tm = (px: number, py: number) => out.push(`${fmt(sx)} 0 ${fmt(slant)} -1 ${fmt(px)} ${fmt(py)} Tm`);
    let mode = stroke ? 1 : 0;
    for (const r of runs) {
      slant = r.fakeItalic ? 0.25 : 0;
      const m = stroke ? 1 : r.fakeBold ? 2 : 0;
      if (m !== mode) {
        out.push(`${m} Tr`);
        mode = m;
      }
      // Glyphs of a text the shaper was given in another form say what they stand for (text extraction).
      if (r.actual !== undefined) out.push(`/Span <</ActualText <FEFF${utf16Hex(r.actual)}>>> BDC`);
      out.push(`/${r.ef.id} ${fmt(size)} Tf`);
      tm(x, y);
      const cmds: string[] = [];
      let last = 0;
      let offset = false;
      let cx = x;
      const segment = (cur: number) => {
        if (last < cur) {
          const q = r.pos[cur - 1]!;
          const adv = q.xAdvance - q.advanceWidth;
          cmds.push(`<${r.hex.slice(last, cur).join('')}> ${fmt(-adv)}`);
        }
        last = cur;
      };
      const flush = (cur: number) => {
        segment(cur);
        if (cmds.length) {
          out.push(`[${cmds.join(' ')}] TJ`);
          cmds.length = 0;
        }
      };
      for (let i = 0; i < r.pos.length; i++) {
        const q = r.pos[i]!;
        if (q.xOffset || q.yOffset) {
          flush(i);
          tm(cx + q.xOffset * k * sx, y - q.yOffset * k);
          flush(i + 1);
          offset = true;
        } else {
          if (offset) {
            tm(cx, y);
            offset = false;
          }
          if (q.xAdvance !== q.advanceWidth) segment(i + 1);
        }
        cx += q.xAdvance * k * sx;
      }
      flush(r.pos.length);
      if (r.actual !== undefined) out.push('EMC');
      x += r.w * sx;
    }
    out.push('ET');
    doc.addContent(out.join('\n'));
    doc.restore();
  }

  private measurer: SKRSContext2D | undefined;

  private check(op: Extract<PdfOp, { t: 'text' }>, width: number): void {
    const m = (this.measurer ??= createCanvas(4, 4).getContext('2d'));
    m.lang = this.rec.lang;
    m.font = op.font;
    m.direction = op.rtl ? 'rtl' : 'ltr';
    const d = Math.abs(m.measureText(op.text).width - width);
    const w = this.rec.widths;
    w.strings++;
    if (d > 0.5) w.over++;
    if (d > w.max) {
      w.max = d;
      w.worst = `${op.text} | ${op.font.slice(0, 60)}`;
    }
  }

  private xobject(index: number, smooth: boolean): string {
    let label = this.xobjects.get(index);
    if (label) return label;
    const img = this.rec.images[index]!;
    const n = img.width * img.height;
    const rgb = Buffer.allocUnsafe(n * 3);
    let alpha: Buffer | undefined;
    for (let i = 0; i < n; i++) {
      rgb[i * 3] = img.rgba[i * 4]!;
      rgb[i * 3 + 1] = img.rgba[i * 4 + 1]!;
      rgb[i * 3 + 2] = img.rgba[i * 4 + 2]!;
      const a = img.rgba[i * 4 + 3]!;
      if (a !== 255 && !alpha) {
        alpha = Buffer.alloc(n, 255);
      }
      if (alpha) alpha[i] = a;
    }
    const level = this.opts.imageLevel ?? 6;
    const base = { Type: 'XObject', Subtype: 'Image', Width: img.width, Height: img.height, BitsPerComponent: 8, Filter: 'FlateDecode' };
    let smask: Ref | undefined;
    if (alpha) {
      smask = this.doc.ref({ ...base, ColorSpace: 'DeviceGray', Decode: [0, 1] });
      smask.end(deflateSync(alpha, { level }));
    }
    // Smoothed when scaled, as the canvas drew it (imageSmoothingEnabled, at its first use).
    const ref = this.doc.ref({ ...base, ColorSpace: 'DeviceRGB', ...(smooth ? { Interpolate: true } : {}), ...(smask ? { SMask: smask } : {}) });
    ref.end(deflateSync(rgb, { level }));
    label = `Img${index + 1}`;
    this.doc.page.xobjects[label] = ref;
    this.xobjects.set(index, label);
    return label;
  }

  private image(op: Extract<PdfOp, { t: 'image' }>): void {
    if (op.alpha <= 0) return;
    const doc = this.doc;
    const label = this.xobject(op.image, op.smooth);
    doc.save();
    if (!isIdentity(op.m)) doc.transform(...op.m);
    if (op.clip) doc.addContent(`${fmt(op.clip[0])} ${fmt(op.clip[1])} ${fmt(op.clip[2])} ${fmt(op.clip[3])} re W n`);
    this.setBlend(op.blend);
    if (op.alpha < 1) doc.fillOpacity(op.alpha);
    // Image space is the unit square with y up: flip it into the y-down pixel space.
    doc.addContent(`${fmt(op.w)} 0 0 ${fmt(-op.h)} ${fmt(op.x)} ${fmt(op.y + op.h)} cm /${label} Do`);
    doc.restore();
  }
}

/** Fixed so that the same page gives the same PDF bytes (the file ID is a hash of the document info). */
const CREATED = new Date('2020-01-01T00:00:00Z');

async function writePdf(rec: PdfRecorder, opts: PdfOptions): Promise<Uint8Array> {
  if (!(typeof opts.dpi === 'number' && opts.dpi > 0)) throw new RangeError(`opts.dpi must be a positive number, got ${String(opts.dpi)}`);
  const PDFDocument = await pdfkit();
  const s = 72 / opts.dpi;
  // The page is px * 72 / dpi points, a hundred-thousandth of a point less: rasterisers take ceil(pt * dpi / 72), and
  // 768 px at 150 dpi (368.64 pt) would otherwise come out 769 px (368.64 * 2.0833... is 768.0000000000001).
  const pt = (px: number) => Math.max(1e-3, px * s - 1e-5);
  const doc = new PDFDocument({
    size: [pt(rec.width), pt(rec.height)],
    margin: 0,
    compress: true,
    pdfVersion: '1.4',
    font: null,
    info: { Producer: 'pagesynth (pdfkit)', Creator: 'pagesynth', CreationDate: CREATED },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    doc.on('end', () => ok());
    doc.on('error', (e: unknown) => fail(e));
  });
  // Pixel units, y down (pdfkit's page space is already y down, in points).
  doc.transform(s, 0, 0, s, 0, 0);
  new Replay(doc, rec, opts).run();
  doc.end();
  await done;
  let size = 0;
  for (const c of chunks) size += c.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
