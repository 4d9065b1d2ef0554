/**
 * Screenshots of an application window: title bar (mac, windows or browser chrome), toolbar, sidebar, and a
 * content area (document, cards, table or form) whose text is either grey bars or small real text.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { capitalise, clamp, fillTextInside, fitWords, font, hsl, mix, r4, roundRectPath, takeWords } from './util.js';

export interface ScreenshotSpec {
  kind: 'screenshot';
  /** Height / width the screenshot was sampled for; it fills whatever rectangle it gets. */
  aspect: number;
  theme: 'light' | 'dark';
  accent: string;
  chrome: 'mac' | 'windows' | 'browser';
  title: string;
  toolbar: { icons: number; search: boolean } | null;
  sidebar: { width: number; items: number; selected: number } | null;
  content: 'document' | 'cards' | 'table' | 'form';
  /** 'bars': text as grey bars; 'text': small real text from `words`. */
  textMode: 'bars' | 'text';
  /** Words for text mode and labels. */
  words: string[];
  /** Line lengths (shares of the available width) used in turn by every text line. */
  lens: number[];
  /** Size unit as a share of the window's shorter side. */
  unit: number;
}

const WORDS = ['Home', 'Files', 'Settings', 'Reports', 'Projects', 'Inbox', 'Search', 'Users', 'Analytics', 'Orders', 'Customers', 'Invoices', 'Documents', 'Help', 'Account', 'Overview', 'Tasks', 'Calendar', 'Messages', 'Export', 'Import', 'Status', 'Name', 'Date', 'Amount', 'Owner', 'Total', 'Active', 'Pending', 'Closed', 'Save', 'Cancel', 'Submit', 'Edit', 'Delete', 'New', 'Open', 'Filter', 'Sort', 'View', 'Details', 'Summary', 'Email', 'Password', 'Address', 'Phone', 'Notes', 'Region', 'Budget', 'Revenue', 'Team', 'Storage', 'Backup', 'Network'];
const TITLES = ['Dashboard', 'Inbox', 'Settings', 'Report Viewer', 'Project Manager', 'Untitled - Editor', 'Customer Portal', 'Admin Console', 'Sales Overview', 'File Explorer', 'Invoice #2041', 'Preferences'];

export function sampleScreenshot(rng: Rng, opts: { width: number; height: number; text?: (n: number) => string[] }): ScreenshotSpec {
  const words = takeWords(rng, 40, WORDS, opts.text).map((w) => capitalise(w.split(/\s+/)[0]!.replace(/[^\p{L}\p{N}-]/gu, '') || 'Item'));
  const aspect = opts.height / Math.max(1, opts.width);
  return {
    kind: 'screenshot',
    aspect: r4(aspect),
    theme: rng.chance(0.2) ? 'dark' : 'light',
    accent: hsl(rng.pick([210, 220, 200, 260, 150, 10, 30, 340]) + rng.uniform(-10, 10), rng.uniform(0.55, 0.85), rng.uniform(0.42, 0.55)),
    chrome: rng.pick(['mac', 'windows', 'browser'] as const),
    title: rng.pick(TITLES),
    toolbar: rng.chance(0.65) ? { icons: rng.int(3, 8), search: rng.chance(0.5) } : null,
    sidebar: rng.chance(0.65) ? { width: r4(rng.uniform(0.16, 0.26)), items: rng.int(4, 10), selected: rng.int(0, 3) } : null,
    content: rng.pick(['document', 'cards', 'table', 'form'] as const),
    textMode: rng.chance(0.45) ? 'text' : 'bars',
    words,
    lens: Array.from({ length: 24 }, () => r4(rng.chance(0.2) ? rng.uniform(0.3, 0.7) : rng.uniform(0.75, 1), 3)),
    unit: r4(rng.uniform(0.022, 0.034), 4),
  };
}

interface Theme {
  bg: string;
  panel: string;
  chrome: string;
  line: string;
  bar: string;
  text: string;
  soft: string;
}

function theme(spec: ScreenshotSpec): Theme {
  return spec.theme === 'dark'
    ? { bg: '#1e1f24', panel: '#26282e', chrome: '#15161a', line: '#3a3d45', bar: '#5a5e69', text: '#d8dae0', soft: '#30333a' }
    : { bg: '#ffffff', panel: '#f3f4f7', chrome: '#e4e6eb', line: '#d5d8de', bar: '#c4c8d0', text: '#2a2d33', soft: '#eef0f4' };
}

export function drawScreenshot(ctx: SKRSContext2D, rect: XYXY, spec: ScreenshotSpec, family: string): XYXY[] {
  const T = theme(spec);
  const X = rect.x0;
  const Y = rect.y0;
  const W = rect.x1 - rect.x0;
  const H = rect.y1 - rect.y0;
  const u = Math.max(4, Math.min(W, H) * spec.unit * 1.4);
  const boxes: XYXY[] = [];
  let wi = 0;
  let li = 0;
  const word = (): string => spec.words[wi++ % spec.words.length]!;
  const len = (): number => spec.lens[li++ % spec.lens.length]!;
  const textPx = u * 0.95;
  /** A line of text (or a bar) at (x, top) at most maxW wide, inside `clip`. */
  const textLine = (x: number, top: number, maxW: number, clip: XYXY, opts: { color?: string; bold?: boolean; px?: number; share?: number } = {}): void => {
    const px = opts.px ?? textPx;
    const w = maxW * (opts.share ?? len());
    if (spec.textMode === 'bars' && !opts.bold) {
      if (top + px * 0.8 > clip.y1 || x + w > clip.x1) return;
      ctx.fillStyle = opts.color ? mix(opts.color, T.bg, 0.45) : T.bar;
      ctx.beginPath();
      roundRectPath(ctx, x, top + px * 0.15, w, px * 0.6, px * 0.3);
      ctx.fill();
      return;
    }
    ctx.font = font(px, family, opts.bold ? 'bold' : 'normal');
    ctx.fillStyle = opts.color ?? T.text;
    const ws: string[] = [];
    for (let k = 0; k < 12; k++) ws.push(k === 0 ? word() : word().toLowerCase());
    const s = fitWords(ctx, ws, w);
    const b = fillTextInside(ctx, s || ws[0]!.slice(0, 6), x, top + px * 0.8, clip);
    if (b) boxes.push(b);
  };
  // Window frame.
  ctx.fillStyle = T.bg;
  ctx.fillRect(X, Y, W, H);
  const tb = u * 2.4;
  ctx.fillStyle = T.chrome;
  ctx.fillRect(X, Y, W, tb);
  const clipAll: XYXY = { x0: X, y0: Y, x1: X + W, y1: Y + H };
  if (spec.chrome === 'mac') {
    ['#ff5f57', '#febc2e', '#28c840'].forEach((c, i) => {
      ctx.fillStyle = c;
      ctx.beginPath();
      ctx.arc(X + u * (1.3 + i * 1.3), Y + tb / 2, u * 0.45, 0, Math.PI * 2);
      ctx.fill();
    });
  } else if (spec.chrome === 'windows') {
    ctx.strokeStyle = T.text;
    ctx.lineWidth = Math.max(1, u * 0.12);
    for (let i = 0; i < 3; i++) {
      const cx = X + W - u * (1.5 + i * 2.6);
      ctx.beginPath();
      if (i === 0) {
        ctx.moveTo(cx - u * 0.4, Y + tb / 2 - u * 0.4);
        ctx.lineTo(cx + u * 0.4, Y + tb / 2 + u * 0.4);
        ctx.moveTo(cx + u * 0.4, Y + tb / 2 - u * 0.4);
        ctx.lineTo(cx - u * 0.4, Y + tb / 2 + u * 0.4);
      } else if (i === 1) ctx.rect(cx - u * 0.4, Y + tb / 2 - u * 0.4, u * 0.8, u * 0.8);
      else {
        ctx.moveTo(cx - u * 0.4, Y + tb / 2);
        ctx.lineTo(cx + u * 0.4, Y + tb / 2);
      }
      ctx.stroke();
    }
  } else {
    // Browser: a tab and an address field.
    ctx.fillStyle = T.bg;
    ctx.beginPath();
    roundRectPath(ctx, X + u, Y + u * 0.5, Math.min(W * 0.3, u * 12), tb - u * 0.5 + 1, u * 0.4);
    ctx.fill();
  }
  if (spec.chrome !== 'browser') {
    ctx.font = font(textPx, family);
    ctx.fillStyle = T.text;
    const tw = ctx.measureText(spec.title).width;
    const b = fillTextInside(ctx, spec.title, X + (W - tw) / 2, Y + tb / 2 + textPx * 0.35, { x0: X + u * 5, y0: Y, x1: X + W - u * 8, y1: Y + tb });
    if (b) boxes.push(b);
  } else {
    ctx.font = font(textPx, family);
    ctx.fillStyle = T.text;
    const b = fillTextInside(ctx, spec.title, X + u * 1.8, Y + u * 0.5 + (tb - u * 0.5) / 2 + textPx * 0.35, { x0: X + u, y0: Y, x1: X + u + Math.min(W * 0.3, u * 12) - u * 0.5, y1: Y + tb });
    if (b) boxes.push(b);
  }
  let top = Y + tb;
  if (spec.chrome === 'browser' || spec.toolbar) {
    const th = u * 2.6;
    ctx.fillStyle = T.panel;
    ctx.fillRect(X, top, W, th);
    ctx.fillStyle = T.line;
    ctx.fillRect(X, top + th - 1, W, 1);
    const n = spec.toolbar?.icons ?? 3;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = i === 0 ? spec.accent : T.bar;
      ctx.beginPath();
      roundRectPath(ctx, X + u * (0.8 + i * 2), top + th / 2 - u * 0.6, u * 1.2, u * 1.2, u * 0.25);
      ctx.fill();
    }
    if (spec.chrome === 'browser' || spec.toolbar?.search) {
      const fx = X + u * (1 + n * 2);
      const fw = spec.chrome === 'browser' ? W - (fx - X) - u : Math.min(W * 0.35, u * 16);
      const fxx = spec.chrome === 'browser' ? fx : X + W - fw - u;
      ctx.fillStyle = T.bg;
      ctx.strokeStyle = T.line;
      ctx.lineWidth = 1;
      ctx.beginPath();
      roundRectPath(ctx, fxx, top + u * 0.45, fw, th - u * 0.9, (th - u * 0.9) / 2);
      ctx.fill();
      ctx.stroke();
      if (fw > u * 4) {
        const label = spec.chrome === 'browser' ? `https://${spec.words[0]!.toLowerCase()}.example.com/${spec.words[1]!.toLowerCase()}` : 'Search';
        ctx.font = font(textPx * 0.9, family);
        ctx.fillStyle = mix(T.text, T.bg, 0.35);
        const s = fitWords(ctx, [label], fw - u * 2) || '';
        const b = fillTextInside(ctx, s, fxx + u, top + th / 2 + textPx * 0.32, { x0: fxx, y0: top, x1: fxx + fw, y1: top + th });
        if (b) boxes.push(b);
      }
    }
    top += th;
  }
  let left = X;
  if (spec.sidebar) {
    const sw = W * spec.sidebar.width;
    ctx.fillStyle = T.panel;
    ctx.fillRect(X, top, sw, Y + H - top);
    ctx.fillStyle = T.line;
    ctx.fillRect(X + sw - 1, top, 1, Y + H - top);
    const clip: XYXY = { x0: X, y0: top, x1: X + sw - 2, y1: Y + H };
    for (let i = 0; i < spec.sidebar.items; i++) {
      const iy = top + u * (0.8 + i * 2.2);
      if (iy + u * 2 > Y + H) break;
      if (i === spec.sidebar.selected) {
        ctx.fillStyle = mix(spec.accent, T.panel, 0.8);
        ctx.fillRect(X + u * 0.4, iy - u * 0.35, sw - u * 0.8, u * 1.9);
      }
      ctx.fillStyle = i === spec.sidebar.selected ? spec.accent : T.bar;
      ctx.beginPath();
      roundRectPath(ctx, X + u * 0.9, iy + u * 0.2, u * 0.9, u * 0.9, u * 0.2);
      ctx.fill();
      textLine(X + u * 2.3, iy + u * 0.1, sw - u * 3, clip, { color: i === spec.sidebar.selected ? spec.accent : undefined, share: clamp(len(), 0.4, 0.9), bold: spec.textMode === 'text' && i === spec.sidebar.selected });
    }
    left = X + sw;
  }
  // Content area.
  const cx0 = left + u * 1.5;
  const cx1 = X + W - u * 1.5;
  const cw = cx1 - cx0;
  const clip: XYXY = { x0: left, y0: top, x1: X + W, y1: Y + H };
  let y = top + u * 1.4;
  if (cw < u * 4) return boxes;
  // Heading.
  ctx.font = font(u * 1.5, family, 'bold');
  ctx.fillStyle = T.text;
  const head = fitWords(ctx, [spec.words[2]!, spec.words[3]!.toLowerCase()], cw);
  const hb = fillTextInside(ctx, head, cx0, y + u * 1.2, clip);
  if (hb) boxes.push(hb);
  y += u * 2.6;
  const bottom = Y + H - u;
  if (spec.content === 'document') {
    while (y + u * 1.5 < bottom) {
      const n = 2 + (li % 4);
      for (let k = 0; k < n && y + u * 1.5 < bottom; k++) {
        textLine(cx0, y, cw, clip, k === n - 1 ? { share: len() * 0.6 } : {});
        y += u * 1.55;
      }
      y += u * 0.9;
      if (li % 5 === 2 && y + u * 6 < bottom) {
        ctx.fillStyle = T.soft;
        ctx.fillRect(cx0, y, cw * 0.5, u * 5);
        ctx.strokeStyle = T.line;
        ctx.lineWidth = 1;
        ctx.strokeRect(cx0 + 0.5, y + 0.5, cw * 0.5 - 1, u * 5 - 1);
        ctx.fillStyle = mix(spec.accent, T.soft, 0.5);
        ctx.beginPath();
        ctx.moveTo(cx0 + cw * 0.05, y + u * 4.5);
        ctx.lineTo(cx0 + cw * 0.2, y + u * 2);
        ctx.lineTo(cx0 + cw * 0.3, y + u * 3.4);
        ctx.lineTo(cx0 + cw * 0.38, y + u * 2.6);
        ctx.lineTo(cx0 + cw * 0.46, y + u * 4.5);
        ctx.closePath();
        ctx.fill();
        y += u * 6;
      }
    }
  } else if (spec.content === 'cards') {
    const cols = cw > u * 30 ? 3 : 2;
    const gap = u;
    const cardW = (cw - gap * (cols - 1)) / cols;
    const cardH = u * 7.5;
    for (let r = 0; y + cardH <= bottom; r++) {
      for (let c = 0; c < cols; c++) {
        const x = cx0 + c * (cardW + gap);
        ctx.fillStyle = T.bg;
        ctx.strokeStyle = T.line;
        ctx.lineWidth = 1;
        ctx.beginPath();
        roundRectPath(ctx, x + 0.5, y + 0.5, cardW - 1, cardH - 1, u * 0.5);
        ctx.fill();
        ctx.stroke();
        ctx.fillStyle = mix(spec.accent, T.bg, 0.15 + 0.25 * ((r + c) % 3));
        ctx.beginPath();
        roundRectPath(ctx, x + u * 0.8, y + u * 0.8, u * 1.8, u * 1.8, u * 0.4);
        ctx.fill();
        const cc: XYXY = { x0: x, y0: y, x1: x + cardW - u * 0.5, y1: y + cardH };
        textLine(x + u * 3.1, y + u * 1.1, cardW - u * 3.9, cc, { bold: true, share: 0.8 });
        textLine(x + u * 0.8, y + u * 3.4, cardW - u * 1.6, cc);
        textLine(x + u * 0.8, y + u * 5.1, cardW - u * 1.6, cc, { share: len() * 0.7 });
      }
      y += cardH + gap;
    }
  } else if (spec.content === 'table') {
    const cols = Math.max(2, Math.min(5, Math.floor(cw / (u * 7))));
    const colW = cw / cols;
    const rowH = u * 2;
    ctx.fillStyle = mix(spec.accent, T.bg, 0.85);
    ctx.fillRect(cx0, y, cw, rowH);
    for (let c = 0; c < cols; c++) textLine(cx0 + c * colW + u * 0.5, y + u * 0.45, colW - u, clip, { bold: true, share: 0.7, color: spec.accent });
    y += rowH;
    for (let r = 0; y + rowH <= bottom; r++) {
      if (r % 2 === 1) {
        ctx.fillStyle = T.soft;
        ctx.fillRect(cx0, y, cw, rowH);
      }
      ctx.fillStyle = T.line;
      ctx.fillRect(cx0, y + rowH - 1, cw, 1);
      for (let c = 0; c < cols; c++) textLine(cx0 + c * colW + u * 0.5, y + u * 0.45, colW - u, clip, { share: clamp(len(), 0.3, 0.8) });
      y += rowH;
    }
  } else {
    // Form: label + input rows, then buttons.
    const fw = Math.min(cw, u * 28);
    while (y + u * 7 < bottom) {
      textLine(cx0, y, fw * 0.5, clip, { share: 0.6 });
      y += u * 1.5;
      ctx.fillStyle = T.bg;
      ctx.strokeStyle = T.line;
      ctx.lineWidth = 1;
      ctx.beginPath();
      roundRectPath(ctx, cx0 + 0.5, y + 0.5, fw - 1, u * 2, u * 0.3);
      ctx.fill();
      ctx.stroke();
      y += u * 3;
    }
    if (y + u * 2.4 < bottom + u) {
      for (let i = 0; i < 2; i++) {
        const bw = u * 6.5;
        const bx = cx0 + i * (bw + u);
        if (bx + bw > cx1) break;
        ctx.fillStyle = i === 0 ? spec.accent : T.panel;
        ctx.beginPath();
        roundRectPath(ctx, bx, y, bw, u * 2.2, u * 0.4);
        ctx.fill();
        const label = i === 0 ? 'Submit' : 'Cancel';
        ctx.font = font(textPx, family, 'bold');
        ctx.fillStyle = i === 0 ? '#ffffff' : T.text;
        const lw = ctx.measureText(label).width;
        const b = fillTextInside(ctx, label, bx + (bw - lw) / 2, y + u * 1.1 + textPx * 0.35, clipAll);
        if (b) boxes.push(b);
      }
    }
  }
  return boxes;
}
