import { mkdirSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_KINDS, CHART_GENRES, LEGEND_POSITIONS, PALETTE_NAMES, drawChart, sampleChart, tickFormatter, formatValue, type ChartKind, type ChartSpec } from '../src/content/charts/index.js';
import { createFaker } from '../src/content/text.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import { inkBox, pixelWords } from '../src/render/ink.js';
import { familyName, registerFonts } from '../src/render/fonts.js';
import type { XYXY } from '../src/types.js';

const W = 700;
const H = 500;
const RECT: XYXY = { x0: 50, y0: 50, x1: 650, y1: 450 };
const faker = createFaker();

function spec(kind: ChartKind, seed: number, extra: Parameters<typeof sampleChart>[2] = {}): ChartSpec {
  return sampleChart(createRng(deriveSeed(77, seed, kind)), faker, { kind, ...extra });
}

function render(s: ChartSpec, rect = RECT, family = 'Liberation Sans', px = 12) {
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  const { textRects } = drawChart(ctx, rect, s, family, px);
  const rgba = new Uint8Array(canvas.data());
  return { canvas, textRects, rgba, px: pixelWords(rgba) };
}

/** True if `v` holds something JSON would not keep exactly: -0, undefined, NaN, Infinity. */
function hasNegativeZeroOrUndefined(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v === 'number') return Object.is(v, -0) || !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNegativeZeroOrUndefined);
  if (v && typeof v === 'object') return Object.values(v).some(hasNegativeZeroOrUndefined);
  return false;
}

const inside = (b: XYXY, r: XYXY) => b.x0 >= r.x0 && b.y0 >= r.y0 && b.x1 <= r.x1 && b.y1 <= r.y1;

describe('charts', () => {
  beforeAll(() => registerFonts());

  it('samples every kind with valid options and rejects unknown ones, naming the field', () => {
    expect(CHART_KINDS).toHaveLength(11);
    expect(() => sampleChart(createRng(1), faker, { kind: 'radar' as ChartKind })).toThrow(/params\.kind/);
    expect(() => sampleChart(createRng(1), faker, { genre: 'poetry' })).toThrow(/params\.genre must be one of business/);
    expect(() => sampleChart(createRng(1), faker, { palette: 'neon' })).toThrow(/params\.palette/);
    for (const palette of PALETTE_NAMES) expect(sampleChart(createRng(3), faker, { palette }).palette).toBe(palette);
    for (const genre of CHART_GENRES) expect(sampleChart(createRng(3), faker, { genre }).genre).toBe(genre);
  });

  it('is deterministic and the spec round-trips through JSON to the same pixels', () => {
    for (const kind of CHART_KINDS) {
      const a = spec(kind, 5);
      const b = spec(kind, 5);
      expect(b).toEqual(a);
      const back = JSON.parse(JSON.stringify(a)) as ChartSpec;
      expect(back).toEqual(a);
      expect(JSON.stringify(back)).toBe(JSON.stringify(a));
      expect(hasNegativeZeroOrUndefined(a), `${kind}: plain JSON only`).toBe(false);
      const ra = render(a);
      const rb = render(back);
      expect(Buffer.compare(Buffer.from(ra.rgba), Buffer.from(rb.rgba))).toBe(0);
      expect(rb.textRects).toEqual(ra.textRects);
    }
    expect(spec('bar', 1)).not.toEqual(spec('bar', 2));
    for (const kind of CHART_KINDS) for (let seed = 0; seed < 40; seed++) expect(hasNegativeZeroOrUndefined(spec(kind, seed)), `${kind} ${seed}`).toBe(false);
  });

  it.each(CHART_KINDS.map((k) => [k]))('%s: ink stays inside the rect; text rects lie inside it and hold ink, over 30 seeds', async (kind) => {
    const fams = ['Liberation Sans', familyName('liberation-serif'), familyName('dejavu-serif')];
    let withText = 0;
    for (let seed = 0; seed < 30; seed++) {
      const legend = LEGEND_POSITIONS[seed % LEGEND_POSITIONS.length]!;
      const s = spec(kind, seed, seed % 3 === 0 ? { legend } : {});
      const { px, textRects } = render(s, RECT, fams[seed % 3]!, 10 + (seed % 5));
      const all = inkBox(px, W, H, { x0: 0, y0: 0, x1: W, y1: H });
      expect(all, `seed ${seed} draws something`).not.toBeNull();
      expect(inside(all!, RECT), `seed ${seed}: ink ${JSON.stringify(all)} inside ${JSON.stringify(RECT)}`).toBe(true);
      for (const r of textRects) {
        expect(inside(r, RECT)).toBe(true);
        expect(inkBox(px, W, H, r), `seed ${seed}: text rect ${JSON.stringify(r)} holds ink`).not.toBeNull();
      }
      if (textRects.length > 0) withText++;
    }
    expect(withText).toBeGreaterThan(25);
    // one decoded round trip through PNG: the text rects hold ink in the encoded image too
    const s = spec(kind, 99);
    const r = render(s);
    const { data, info } = await sharp(Buffer.from(r.rgba), { raw: { width: W, height: H, channels: 4 } }).png().toBuffer().then((png) => sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true }));
    const dec = pixelWords(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    for (const t of r.textRects) expect(inkBox(dec, info.width, info.height, t)).not.toBeNull();
  });

  it('never lets two text rects of tick labels, titles and legend cross each other', () => {
    for (const kind of CHART_KINDS)
      for (let seed = 0; seed < 10; seed++) {
        const rs = render(spec(kind, seed)).textRects;
        // value labels may sit inside the plot; the frame's text groups never overlap each other
        for (let i = 0; i < rs.length; i++)
          for (let j = i + 1; j < rs.length; j++) {
            const a = rs[i]!;
            const b = rs[j]!;
            const overlap = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
            const small = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
            // groups are unions (e.g. y ticks) and may overlap an L-shaped neighbour only at corners
            expect(overlap, `${kind} seed ${seed}`).toBeLessThanOrEqual(small * 0.35);
          }
      }
  });

  it('draws into small and odd rectangles without leaving them', () => {
    for (const kind of CHART_KINDS)
      for (const rect of [
        { x0: 10, y0: 10, x1: 90, y1: 60 },
        { x0: 100, y0: 5, x1: 300, y1: 495 },
        { x0: 5, y0: 300, x1: 695, y1: 380 },
      ]) {
        const { px, textRects } = render(spec(kind, 3), rect);
        const all = inkBox(px, W, H, { x0: 0, y0: 0, x1: W, y1: H });
        if (all) expect(inside(all, rect)).toBe(true);
        for (const r of textRects) expect(inside(r, rect)).toBe(true);
      }
  });

  it('formats ticks from their step with units and k/M abbreviations', () => {
    const money = { prefix: '$', suffix: '', thousands: true, si: true, decimals: 0 };
    expect([0, 20000, 40000].map(tickFormatter([0, 20000, 40000], money))).toEqual(['$0', '$20k', '$40k']);
    expect([0, 0.5, 1].map(tickFormatter([0, 0.5, 1], { ...money, si: false, prefix: '', suffix: '%' }))).toEqual(['0.0%', '0.5%', '1.0%']);
    expect(formatValue(-1234.5, { ...money, si: false })).toBe('\u2212$1,235');
  });

  it.runIf(process.env.CHART_SHEET)('writes a contact sheet and measures draw time per kind', async () => {
    mkdirSync('/tmp/charts', { recursive: true });
    const cols = 4;
    const perKind = Number(process.env.CHART_SHEET_N ?? 4);
    const cw = Number(process.env.CHART_W ?? 600);
    const ch = Number(process.env.CHART_H ?? 400);
    const basePx = Number(process.env.CHART_PX ?? 11);
    const kinds = (process.env.CHART_KIND ? process.env.CHART_KIND.split(',') : CHART_KINDS) as ChartKind[];
    const rowsN = kinds.length * Math.ceil(perKind / cols);
    const canvas = createCanvas(cols * cw, rowsN * ch);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const fams = ['Liberation Sans', 'Liberation Serif', 'DejaVu Serif'];
    let cell = 0;
    for (const kind of kinds)
      for (let i = 0; i < perKind; i++, cell++) {
        const x = (cell % cols) * cw;
        const y = Math.floor(cell / cols) * ch;
        const s = spec(kind, i + Number(process.env.CHART_SEED ?? 0));
        const { textRects } = drawChart(ctx, { x0: x + 10, y0: y + 10, x1: x + cw - 10, y1: y + ch - 10 }, s, fams[i % 3]!, basePx + (i % 3));
        if (process.env.CHART_RECTS) {
          ctx.strokeStyle = 'rgba(255,0,0,0.6)';
          ctx.lineWidth = 1;
          for (const r of textRects) ctx.strokeRect(r.x0 + 0.5, r.y0 + 0.5, r.x1 - r.x0 - 1, r.y1 - r.y0 - 1);
        }
        ctx.strokeStyle = '#eeeeee';
        ctx.strokeRect(x + 0.5, y + 0.5, cw - 1, ch - 1);
      }
    writeFileSync('/tmp/charts/sheet.png', await canvas.encode('png'));
    // timing: 600x400, 20 specs per kind, 3 rounds, median per-draw ms
    const tc = createCanvas(600, 400);
    const tctx = tc.getContext('2d');
    const lines: string[] = [];
    for (const kind of CHART_KINDS) {
      const specs = Array.from({ length: 20 }, (_, i) => spec(kind, 100 + i));
      const per: number[] = [];
      for (let round = 0; round < 4; round++) {
        const t0 = performance.now();
        for (const s of specs) {
          tctx.fillStyle = '#fff';
          tctx.fillRect(0, 0, 600, 400);
          drawChart(tctx, { x0: 0, y0: 0, x1: 600, y1: 400 }, s, 'Liberation Sans', 12);
        }
        per.push((performance.now() - t0) / specs.length);
      }
      per.sort((a, b) => a - b);
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) spec(kind, 200 + i);
      lines.push(`${kind.padEnd(12)} draw ${per[1]!.toFixed(2)} ms (min ${per[0]!.toFixed(2)})  sample ${((performance.now() - t0) / 20).toFixed(3)} ms`);
    }
    writeFileSync('/tmp/charts/timing.txt', lines.join('\n') + '\n');
    console.log(lines.join('\n'));
  });
});
