import { createCanvas } from '@napi-rs/canvas';
import bwipjs from 'bwip-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PICTURE_KINDS, drawPicture, pictureAspect, samplePicture, type PictureKind, type PictureSpec } from '../src/content/pictures/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import { registerFonts } from '../src/render/fonts.js';
import { inkBox, pixelWords } from '../src/render/ink.js';
import type { XYXY } from '../src/types.js';

const FAMILY = 'Liberation Sans';
const SEEDS = 30;
const MARGIN = 12;

beforeAll(() => registerFonts());

interface Render {
  px: Uint32Array;
  bytes: Uint8Array;
  width: number;
  height: number;
  rect: XYXY;
  textRects: XYXY[];
}

/** Draws `spec` into a rect of w x h at (MARGIN, MARGIN) on a white canvas with a margin all round. */
function render(spec: PictureSpec, w: number, h: number, offset = 0.0): Render {
  const width = w + 2 * MARGIN;
  const height = h + 2 * MARGIN;
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const rect = { x0: MARGIN + offset, y0: MARGIN + offset, x1: MARGIN + offset + w, y1: MARGIN + offset + h };
  const { textRects } = drawPicture(ctx, rect, spec, FAMILY);
  const bytes = new Uint8Array(c.data());
  return { px: pixelWords(bytes), bytes, width, height, rect, textRects };
}

function sizeFor(kind: PictureKind, i: number): { w: number; h: number } {
  const rng = createRng(deriveSeed(77, i, `size-${kind}`));
  return { w: rng.int(120, 520), h: rng.int(80, 380) };
}

function within(b: XYXY, r: XYXY): boolean {
  return b.x0 >= Math.floor(r.x0) && b.y0 >= Math.floor(r.y0) && b.x1 <= Math.ceil(r.x1) && b.y1 <= Math.ceil(r.y1);
}

describe.each(PICTURE_KINDS.map((k) => [k]))('%s', (kind) => {
  it(`draws ink only inside its rect, deterministically, over ${SEEDS} seeds`, () => {
    let texts = 0;
    let tight = 0;
    for (let i = 0; i < SEEDS; i++) {
      const { w, h } = sizeFor(kind, i);
      const spec = samplePicture(createRng(deriveSeed(5, i, kind)), kind, { width: w, height: h });
      expect(spec.kind).toBe(kind);
      // Plain JSON: the round trip is exact, and the parsed spec draws the same pixels.
      const json = JSON.stringify(spec);
      const back = JSON.parse(json) as PictureSpec;
      expect(back).toEqual(spec);
      expect(JSON.stringify(back)).toBe(json);
      const aspect = pictureAspect(spec);
      expect(Number.isFinite(aspect) && aspect > 0).toBe(true);

      const offset = i % 3 === 0 ? 0.5 : 0; // fractional rects too
      const a = render(spec, w, h, offset);
      const b = render(back, w, h, offset);
      expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes)), `seed ${i}: same spec, same pixels`).toBe(0);
      expect(b.textRects).toEqual(a.textRects);

      const all = inkBox(a.px, a.width, a.height, { x0: 0, y0: 0, x1: a.width, y1: a.height });
      expect(all, `seed ${i}: some ink`).not.toBeNull();
      expect(within(all!, a.rect), `seed ${i}: ink ${JSON.stringify(all)} inside ${JSON.stringify(a.rect)}`).toBe(true);
      const area = (all!.x1 - all!.x0) * (all!.y1 - all!.y0);
      expect(area, `seed ${i}: a visible picture`).toBeGreaterThan(w * h * 0.02);

      for (const t of a.textRects) {
        expect(t.x1 > t.x0 && t.y1 > t.y0).toBe(true);
        expect(within(t, a.rect), `seed ${i}: text ${JSON.stringify(t)} inside rect`).toBe(true);
        expect(inkBox(a.px, a.width, a.height, t), `seed ${i}: text rect has ink`).not.toBeNull();
        // Tight: where the text sits on a uniform ground, the ink on that ground fills the rect (±2 px).
        const pad = { x0: Math.max(0, t.x0 - 2), y0: Math.max(0, t.y0 - 2), x1: Math.min(a.width, t.x1 + 2), y1: Math.min(a.height, t.y1 + 2) };
        const corners = [a.px[pad.y0 * a.width + pad.x0], a.px[pad.y0 * a.width + pad.x1 - 1], a.px[(pad.y1 - 1) * a.width + pad.x0], a.px[(pad.y1 - 1) * a.width + pad.x1 - 1]];
        texts++;
        if (corners.every((c) => c === corners[0])) {
          tight++;
          const ink = inkBox(a.px, a.width, a.height, pad, corners[0]);
          expect(ink, `seed ${i}: text ink`).not.toBeNull();
          for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(ink![k] - t[k]), `seed ${i}: ${kind} text ${k} ${JSON.stringify(t)} vs ink ${JSON.stringify(ink)}`).toBeLessThanOrEqual(2);
        }
      }
    }
    // Most text sits on a uniform ground, so the tightness check above is not vacuous.
    if (texts > 0) expect(tight / texts, `${kind}: ${tight} of ${texts} text rects checked for tightness`).toBeGreaterThan(0.5);
    if (['diagram', 'logo', 'screenshot'].includes(kind)) expect(texts).toBeGreaterThan(SEEDS / 2);
  });
});

describe('drawPicture', () => {
  it('copes with tiny and extreme rects without ink outside them', () => {
    for (const kind of PICTURE_KINDS)
      for (const [w, h] of [[6, 5], [400, 12], [14, 300]] as const) {
        const spec = samplePicture(createRng(deriveSeed(6, w, kind)), kind, { width: w, height: h });
        const r = render(spec, w, h);
        const all = inkBox(r.px, r.width, r.height, { x0: 0, y0: 0, x1: r.width, y1: r.height });
        if (all) expect(within(all, r.rect), `${kind} ${w}x${h}`).toBe(true);
        for (const t of r.textRects) expect(within(t, r.rect)).toBe(true);
      }
  });
});

describe('samplePicture', () => {
  it('is a function of the rng', () => {
    for (const kind of PICTURE_KINDS) {
      const a = samplePicture(createRng(11), kind, { width: 400, height: 300 });
      const b = samplePicture(createRng(11), kind, { width: 400, height: 300 });
      expect(b).toEqual(a);
    }
  });

  it('uses the caller text source for labels', () => {
    const words = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'Mu', 'Nu', 'Xi'];
    const spec = samplePicture(createRng(3), 'diagram', { width: 400, height: 300, text: (n) => words.slice(0, n) });
    expect(spec.kind === 'diagram' && spec.nodes.some((n) => words.includes(n.label))).toBe(true);
  });

  it('rejects bad options and unknown kinds', () => {
    expect(() => samplePicture(createRng(1), 'photo', { width: 0, height: 10 })).toThrow(/width/);
    expect(() => samplePicture(createRng(1), 'hologram' as PictureKind, { width: 10, height: 10 })).toThrow(/known: photo/);
  });

  it('covers every sub-variant over many seeds', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const rng = createRng(deriveSeed(8, i));
      for (const kind of PICTURE_KINDS) {
        const s = samplePicture(rng, kind, { width: 400, height: 300 });
        if (s.kind === 'photo') seen.add(`photo:${s.scene.type}`);
        if (s.kind === 'barcode') seen.add(`barcode:${s.symbology}`);
        if (s.kind === 'qrcode') seen.add(`qrcode:${s.symbology}`);
        if (s.kind === 'stamp') seen.add(`stamp:${s.shape}`);
      }
    }
    for (const v of ['landscape', 'texture', 'object', 'portrait']) expect(seen).toContain(`photo:${v}`);
    for (const v of ['code128', 'ean13', 'upca', 'code39', 'pdf417']) expect(seen).toContain(`barcode:${v}`);
    for (const v of ['qrcode', 'datamatrix', 'azteccode']) expect(seen).toContain(`qrcode:${v}`);
    for (const v of ['round', 'rect']) expect(seen).toContain(`stamp:${v}`);
  });
});

/** Run lengths of dark / light pixels along row y between the first and last dark pixel. */
function runs(r: Render, y: number): number[] {
  const dark = (x: number): boolean => (r.bytes[(y * r.width + x) * 4]! + r.bytes[(y * r.width + x) * 4 + 1]! + r.bytes[(y * r.width + x) * 4 + 2]!) / 3 < 128;
  let x0 = 0;
  while (x0 < r.width && !dark(x0)) x0++;
  let x1 = r.width - 1;
  while (x1 > x0 && !dark(x1)) x1--;
  const out: number[] = [];
  let cur = dark(x0);
  let n = 0;
  for (let x = x0; x <= x1; x++) {
    if (dark(x) === cur) n++;
    else {
      out.push(n);
      cur = !cur;
      n = 1;
    }
  }
  out.push(n);
  return out;
}

describe('codes are bwip-js modules', () => {
  it('1-D bars read back as the encoder widths', () => {
    let checked = 0;
    for (let i = 0; i < 40 && checked < 8; i++) {
      const spec = samplePicture(createRng(deriveSeed(21, i)), 'barcode', { width: 900, height: 300 });
      if (spec.kind !== 'barcode' || spec.symbology === 'pdf417') continue;
      const r = render(spec, 1000, 600);
      const ink = inkBox(r.px, r.width, r.height, r.rect)!;
      const raw = bwipjs.raw(spec.symbology, spec.payload, {})[0] as { sbs: number[] };
      const got = runs(r, ink.y0 + 3);
      const unit = Math.min(...got);
      // A trailing space (Code 39's inter-character gap) is no ink.
      const sbs = raw.sbs.length % 2 === 0 ? raw.sbs.slice(0, -1) : raw.sbs;
      expect(got.map((g) => g / unit)).toEqual(sbs);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('EAN-13 and UPC-A draw every digit, check digit included', () => {
    let n = 0;
    for (let i = 0; i < 80; i++) {
      const spec = samplePicture(createRng(deriveSeed(22, i)), 'barcode', { width: 400, height: 200 });
      if (spec.kind !== 'barcode' || (spec.symbology !== 'ean13' && spec.symbology !== 'upca')) continue;
      const r = render(spec, 400, 200);
      expect(r.textRects.length).toBe(spec.symbology === 'ean13' ? 13 : 12);
      n++;
    }
    expect(n).toBeGreaterThan(3);
  });

  it('2-D modules read back as the encoder matrix', () => {
    let n = 0;
    for (let i = 0; i < 12 && n < 6; i++) {
      const spec = samplePicture(createRng(deriveSeed(23, i)), 'qrcode', { width: 300, height: 300 });
      // Aztec's outer ring may hold no dark module, so its ink box is not the symbol: QR and Data Matrix only.
      if (spec.kind !== 'qrcode' || spec.symbology === 'azteccode') continue;
      n++;
      const plain = { ...spec, caption: null };
      const r = render(plain, 420, 420);
      const opts = spec.symbology === 'qrcode' ? { eclevel: spec.eclevel } : {};
      const raw = bwipjs.raw(spec.symbology, spec.payload, opts as never)[0] as { pixs: number[]; pixx: number; pixy: number };
      // The first module row/column holds dark modules for all three symbologies' finder/timing patterns,
      // so the ink box is the symbol (the quiet zone stays white).
      const ink = inkBox(r.px, r.width, r.height, r.rect)!;
      const m = (ink.x1 - ink.x0) / raw.pixx;
      expect(Number.isInteger(m)).toBe(true);
      let wrong = 0;
      for (let y = 0; y < raw.pixy; y++)
        for (let x = 0; x < raw.pixx; x++) {
          const px = Math.floor(ink.x0 + (x + 0.5) * m);
          const py = Math.floor(ink.y0 + (y + 0.5) * m);
          const dark = r.bytes[(py * r.width + px) * 4]! < 128 ? 1 : 0;
          if (dark !== raw.pixs[y * raw.pixx + x]) wrong++;
        }
      expect(wrong).toBe(0);
      // Quiet zone: nothing within `quiet` modules of the symbol.
      const q = spec.quiet * m;
      expect(ink.x0 - q).toBeGreaterThanOrEqual(Math.floor(r.rect.x0));
    }
  });
});
