/**
 * The PDF twin (render/pdf.ts): a page drawn with `pdf: true` is also a vector PDF whose rasterisation by poppler
 * (pdftoppm at the page's dpi) puts every region's ink where the PNG has it, within 2 px on every edge for Latin-script
 * pages; its text is real text (pdftotext finds the words of the labels); asking for the PDF leaves the PNG the same
 * bytes, and the same page makes the same PDF bytes. The vector primitives the kinds use (arcs, curves, dashes,
 * transforms, gradients, images, clips, Path2D) are checked one by one on a test sheet.
 *
 * Checks that need poppler are skipped, with a message, when pdftoppm is not installed (apt-get install poppler-utils).
 *
 * Diagnostics (not run by default): `PDF_SURVEY=<pages per template> [PDF_LANG=ar] npx vitest run test/pdf.test.ts`
 * prints, for every template, the edge differences of all regions, the PDF's milliseconds and sizes, and how the
 * PDF's string widths compare with the canvas's; `PDF_DEBUG=<folder>` also writes each page's PNG, rasterised PDF
 * and PDF there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, Path2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork, loadNetwork, parseInterventions, samplePageSpec, type Network } from '../src/network/index.js';
import { layoutSpec, PageRenderer, type DrawnPage } from '../src/pipeline/index.js';
import { deriveSeed } from '../src/random/index.js';
import { facesOfFont, parseCssFont, pieces } from '../src/render/pdf-fonts.js';
import { DEFAULT_ENCODE, fontStack, hasUnderlay, inkBox, parseColour, pixelWords, recordPdf, registerFonts } from '../src/render/index.js';
import { WORD, type PageSpec, type XYXY } from '../src/types.js';

const DPI = DEFAULT_ENCODE.dpi;
const POPPLER = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
if (!POPPLER) console.warn('test/pdf.test.ts: pdftoppm/pdftotext not found (apt-get install -y poppler-utils): the PDF rasterisation checks are skipped');

let net: Network;
let renderer: PageRenderer;
let tmp: string;
beforeAll(async () => {
  net = compileNetwork((await loadNetwork('default')).def);
  renderer = new PageRenderer();
  tmp = mkdtempSync(join(tmpdir(), 'pagesynth-pdf-'));
  return () => rmSync(tmp, { recursive: true, force: true });
});

function specOf(template: string, i: number, language = 'en', master = 11): PageSpec {
  const interventions = parseInterventions([`template=${template}`, `language=${language}`, 'effects.profile=clean'], net);
  return samplePageSpec(net, { index: i, seed: deriveSeed(master, i, template), interventions });
}

/**
 * Specs of a template whose pages have nothing under their blocks (paper colour, tinted frames): their regions' ink is
 * what is not white, on the PNG and on the rasterised PDF alike.
 */
function plainSpecs(template: string, n: number, language = 'en'): PageSpec[] {
  const out: PageSpec[] = [];
  for (let i = 0; out.length < n && i < 50; i++) {
    const spec = specOf(template, i, language);
    if (!hasUnderlay(layoutSpec(spec, DPI)) !== !!process.env.PDF_UNDERLAY) out.push(spec);
  }
  return out;
}

/** Rasterises a one-page PDF with pdftoppm at `DPI`: its pixels as 32-bit RGBA words. */
async function rasterise(pdf: Uint8Array, name: string): Promise<{ px: Uint32Array; width: number; height: number }> {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  const r = spawnSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', file, join(tmp, name)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const { data, info } = await sharp(readFileSync(join(tmp, `${name}.png`))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { px: pixelWords(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)), width: info.width, height: info.height };
}

function pdfText(pdf: Uint8Array, name: string): string {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

const WHITE = 0xffffffff;

/**
 * A region's ink on the rasterised PDF: the ink inside its box, and the ink around it (up to `grow` px out) that is not
 * a neighbour's: a PDF pixel out of the box within 2 px of ink the PNG has out of the box belongs to a neighbour (a
 * descender of the line above) and is not counted. So a PDF region larger than the PNG's shows (up to `grow` px), and
 * a neighbour drawn a pixel lower than in the PNG does not make a region look larger.
 */
function pdfInkOf(box: XYXY, png: Uint32Array, pdf: Uint32Array, width: number, height: number, grow = 4): XYXY | null {
  const inner = inkBox(pdf, width, height, box);
  let { x0, y0, x1, y1 } = inner ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const outside = (x: number, y: number) => x < box.x0 || x >= box.x1 || y < box.y0 || y >= box.y1;
  const foreignNear = (x: number, y: number) => {
    for (let yy = Math.max(0, y - 2); yy <= Math.min(height - 1, y + 2); yy++)
      for (let xx = Math.max(0, x - 2); xx <= Math.min(width - 1, x + 2); xx++) if (outside(xx, yy) && png[yy * width + xx] !== WHITE) return true;
    return false;
  };
  const ax1 = Math.min(width, box.x1 + grow);
  for (let y = Math.max(0, box.y0 - grow); y < Math.min(height, box.y1 + grow); y++) {
    const rowInside = y >= box.y0 && y < box.y1;
    for (let x = Math.max(0, box.x0 - grow); x < ax1; x++) {
      if (rowInside && x === box.x0) x = box.x1;
      if (x >= ax1) break;
      if (pdf[y * width + x] === WHITE || foreignNear(x, y)) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + 1);
      y1 = Math.max(y1, y + 1);
    }
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : null;
}

interface EdgeStats {
  /** |difference| of every edge of every region (Infinity: no ink on the PDF). */
  edges: number[];
  /** Regions with an edge more than 2 px off. */
  off: Array<{ page: string; kind: string; png: XYXY; pdf: XYXY | null }>;
}

/** Every region of a drawn page: its box against its ink on the rasterised PDF, edge by edge. */
function compareRegions(drawn: DrawnPage, pdfPx: Uint32Array, page: string, stats: EdgeStats): void {
  const png = pixelWords(drawn.rgba);
  for (const r of drawn.pdf!.regions) {
    const got = pdfInkOf(r.box, png, pdfPx, drawn.width, drawn.height);
    const e = got ? [got.x0 - r.box.x0, got.y0 - r.box.y0, got.x1 - r.box.x1, got.y1 - r.box.y1].map(Math.abs) : [Infinity];
    stats.edges.push(...e);
    if (Math.max(...e) > 2) stats.off.push({ page, kind: r.kind, png: r.box, pdf: got });
  }
}

function percentile(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** Draws pages of some templates with their PDF, rasterises each PDF and compares every region. */
async function measure(templates: ReadonlyArray<readonly [string, number]>, language = 'en', check = false) {
  const stats: EdgeStats = { edges: [], off: [] };
  const ms: number[] = [];
  const kib: number[] = [];
  const widths = { strings: 0, over: 0, max: 0, worst: '' };
  const gaps = new Map<string, number>();
  for (const [template, perTemplate] of templates) {
    for (const [i, spec] of plainSpecs(template, perTemplate, language).entries()) {
      const drawn = await renderer.draw(spec, { dpi: DPI, pdf: check ? { check: true } : true });
      ms.push(drawn.timings.pdf!);
      kib.push(drawn.pdf!.bytes.byteLength / 1024);
      for (const [k, v] of Object.entries(drawn.pdf!.gaps ?? {})) gaps.set(k, (gaps.get(k) ?? 0) + v);
      const w = drawn.pdf!.widths;
      if (w) {
        widths.strings += w.strings;
        widths.over += w.over;
        if (w.max > widths.max) Object.assign(widths, { max: w.max, worst: w.worst });
      }
      const name = `${language}-${template}-${i}`;
      const r = await rasterise(drawn.pdf!.bytes, name);
      expect([r.width, r.height]).toEqual([drawn.width, drawn.height]);
      compareRegions(drawn, r.px, name, stats);
      if (process.env.PDF_DEBUG) {
        // Both rasters and the PDF, to look at side by side.
        const dir = process.env.PDF_DEBUG;
        await sharp(drawn.rgba, { raw: { width: drawn.width, height: drawn.height, channels: 4 } }).png().toFile(join(dir, `${name}-png.png`));
        await sharp(new Uint8Array(r.px.buffer), { raw: { width: r.width, height: r.height, channels: 4 } }).png().toFile(join(dir, `${name}-pdf.png`));
        writeFileSync(join(dir, `${name}.pdf`), drawn.pdf!.bytes);
      }
    }
  }
  const summary = `${stats.edges.length / 4} regions, edge diff max ${Math.max(...stats.edges)} px, p99 ${percentile(stats.edges, 99)}, p99.9 ${percentile(stats.edges, 99.9)}, ${stats.off.length} regions > 2 px; PDF ${percentile(ms, 50).toFixed(0)} ms (median, first pages load fonts), ${percentile(kib, 50).toFixed(0)} KiB median, ${Math.max(...kib).toFixed(0)} max`;
  return { stats, summary, widths, gaps };
}

describe('PDF twin', () => {
  it.skipIf(!POPPLER)('puts every region of Latin pages within 2 px of the PNG (report, invoice, scientific)', async () => {
    const { stats, summary } = await measure([['report', 1], ['invoice', 2], ['scientific', 2]]);
    console.log(`PDF twin, en: ${summary}`);
    expect(stats.edges.length).toBeGreaterThan(3000);
    expect(stats.off.slice(0, 10)).toEqual([]);
  });

  it.skipIf(!POPPLER)('puts Arabic and Chinese pages close to the PNG too (measured; 99.5 % of edges within 2 px)', async () => {
    for (const language of ['ar', 'zh']) {
      const { stats, summary } = await measure([['report', 1]], language);
      console.log(`PDF twin, ${language}: ${summary}`);
      expect(stats.edges.filter((e) => e <= 2).length / stats.edges.length).toBeGreaterThan(0.995);
    }
  });

  it.skipIf(!POPPLER).each(['en', 'th', 'ar'])('writes real text: pdftotext finds the words of paragraphs (%s)', async (language) => {
    const spec = plainSpecs('report', 1, language)[0]!;
    const drawn = await renderer.draw(spec, { dpi: DPI, pdf: true });
    const text = pdfText(drawn.pdf!.bytes, `words-${language}`).replace(/\s+/g, ' ');
    const regions = drawn.pdf!.regions;
    const words = regions.filter((r) => r.kind === WORD && regions[r.parent!]?.kind === 'paragraph').map((r) => String(r.attributes!.text));
    expect(words.length).toBeGreaterThan(50);
    const missing = words.filter((w) => !text.includes(w) && !text.includes([...w].reverse().join('')));
    if (process.env.PDF_DEBUG) {
      console.log(language, missing.length, '/', words.length, missing.slice(0, 10));
      writeFileSync(join(process.env.PDF_DEBUG, `words-${language}.pdf`), drawn.pdf!.bytes);
    }
    // pdftotext reorders right-to-left text by the glyphs' positions: a lam-alef pair, drawn as two overlapping
    // glyphs, comes out swapped. Latin and Thai words come out whole.
    if (language === 'ar') expect(missing.length / words.length).toBeLessThan(0.3);
    else expect(missing, `words of paragraphs missing from the PDF's text`).toEqual([]);
  });

  it('leaves the PNG the same bytes, and makes the same PDF bytes for the same page', async () => {
    const spec = specOf('scientific', 3);
    const opts = { ...DEFAULT_ENCODE };
    const plain = await renderer.render(spec, opts);
    const withPdf = await renderer.render(spec, { ...opts, pdf: true });
    expect(plain.pdf).toBeUndefined();
    expect(Buffer.from(withPdf.image).equals(Buffer.from(plain.image))).toBe(true);
    expect(withPdf.regions).toEqual(plain.regions);
    const pdf = withPdf.pdf!;
    expect(Buffer.from(pdf.bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.regions).toEqual(plain.regions);
    expect([pdf.width, pdf.height]).toEqual([plain.width, plain.height]);
    // A buffer of its own (the worker transfers it).
    expect(pdf.bytes.byteOffset).toBe(0);
    expect(pdf.bytes.buffer.byteLength).toBe(pdf.bytes.byteLength);
    const again = await renderer.render(spec, { ...opts, pdf: true });
    expect(Buffer.from(again.pdf!.bytes).equals(Buffer.from(pdf.bytes))).toBe(true);
  });

  it.skipIf(!POPPLER)('draws the vector primitives where the canvas does: arcs, curves, dashes, transforms, gradients, images, clips, Path2D', async () => {
    registerFonts();
    const cell = 200;
    const cols = 6;
    const W = cell * cols;
    const H = cell * 3;
    const canvas = createCanvas(W, H);
    const real = canvas.getContext('2d');
    real.fillStyle = '#ffffff';
    real.fillRect(0, 0, W, H);
    real.fillStyle = '#111111';
    const rec = recordPdf(real, W, H);
    const ctx = rec.context;
    const sprite = createCanvas(40, 30);
    const sg = sprite.getContext('2d');
    sg.fillStyle = 'rgba(200, 30, 30, 0.8)';
    sg.fillRect(5, 5, 30, 20);
    const shapes: Array<(c: typeof ctx) => void> = [
      (c) => {
        c.lineWidth = 4;
        c.strokeStyle = '#223366';
        c.beginPath();
        c.arc(100, 100, 60, 0, Math.PI * 2);
        c.stroke();
      },
      (c) => {
        c.fillStyle = 'hsl(140, 60%, 35%)';
        c.beginPath();
        c.ellipse(100, 100, 80, 30, Math.PI / 5, 0, Math.PI * 1.5, false);
        c.closePath();
        c.fill();
      },
      (c) => {
        c.lineWidth = 3;
        c.beginPath();
        c.moveTo(50, 30);
        c.arcTo(170, 30, 170, 170, 40);
        c.arcTo(170, 170, 30, 170, 25);
        c.lineTo(30, 120);
        c.stroke();
      },
      (c) => {
        c.lineWidth = 6;
        c.lineCap = 'round';
        c.beginPath();
        c.moveTo(20, 160);
        c.bezierCurveTo(40, 10, 160, 10, 180, 150);
        c.stroke();
      },
      (c) => {
        c.fillStyle = '#aa5500';
        c.beginPath();
        c.moveTo(20, 180);
        c.quadraticCurveTo(100, -40, 180, 180);
        c.fill();
      },
      (c) => {
        c.setLineDash([12, 5]);
        c.lineWidth = 2;
        c.strokeRect(25.5, 40.5, 150, 110);
        c.setLineDash([]);
      },
      (c) => {
        c.translate(100, 100);
        c.rotate(-Math.PI / 6);
        c.font = `bold 22px ${fontStack('roboto', 'latin')}`;
        c.textAlign = 'center';
        c.fillText('Rotated text', 0, 0);
      },
      (c) => {
        c.font = `18px ${fontStack('lora', 'latin')}`;
        c.textAlign = 'right';
        c.fillText('Right-aligned', 190, 60);
        c.textAlign = 'center';
        c.fillText('centred, kerned AV', 100, 120);
      },
      (c) => {
        const g = c.createLinearGradient(20, 0, 180, 0);
        g.addColorStop(0, '#0044ff');
        g.addColorStop(1, '#ffcc00');
        c.fillStyle = g;
        c.fillRect(20, 40, 160, 120);
      },
      (c) => {
        c.fillStyle = '#88aacc';
        c.fillRect(30, 30, 140, 140);
        const g = c.createRadialGradient(100, 100, 20, 100, 100, 90);
        g.addColorStop(0, 'rgba(0,0,0,0)');
        g.addColorStop(1, 'rgba(0,0,0,0.6)');
        c.fillStyle = g;
        c.fillRect(30, 30, 140, 140);
      },
      (c) => {
        c.globalAlpha = 0.7;
        c.drawImage(sprite, 30, 40, 120, 90);
        c.globalAlpha = 1;
      },
      (c) => {
        c.beginPath();
        c.arc(100, 100, 50, 0, Math.PI * 2);
        c.clip();
        c.fillStyle = '#552288';
        c.fillRect(0, 0, 200, 200);
      },
      (c) => {
        const p = new Path2D('M 10 10 L 60 10 Q 80 40 60 70 C 40 90 20 90 10 70 Z');
        c.translate(30, 30);
        c.scale(1.8, 1.5);
        c.fillStyle = '#117744';
        c.fill(p);
      },
      (c) => {
        c.fillStyle = '#333333';
        c.beginPath();
        c.rect(30, 30, 140, 140);
        c.rect(70, 70, 60, 60);
        c.fill('evenodd');
      },
      (c) => {
        c.drawImage(sprite, 5, 5, 30, 20, 40, 50, 120, 80);
      },
      (c) => {
        // Styles the faces lack: Skia slants and emboldens them.
        c.font = `italic 30px ${fontStack('noto-sans-sc', 'hans')}`;
        c.fillText('备注', 20, 60);
        c.font = `bold 34px ${fontStack('abril-fatface', 'latin')}`;
        c.fillText('Abril', 20, 150);
      },
      (c) => {
        c.transform(1, 0.2, 0.3, 1, 10, 10);
        c.lineWidth = 5;
        c.lineJoin = 'round';
        c.strokeStyle = 'rgb(10 120 200)';
        c.strokeRect(30, 30, 110, 90);
      },
    ];
    shapes.forEach((draw, i) => {
      ctx.save();
      ctx.translate((i % cols) * cell, Math.floor(i / cols) * cell);
      ctx.beginPath();
      ctx.rect(0, 0, cell, cell);
      ctx.clip();
      draw(ctx);
      ctx.restore();
    });
    expect(rec.gaps.size).toBe(0);
    const r = await rasterise(await rec.toPdf({ dpi: DPI }), 'primitives');
    if (process.env.PDF_DEBUG) {
      await sharp(Buffer.from(real.getImageData(0, 0, W, H).data.buffer), { raw: { width: W, height: H, channels: 4 } }).png().toFile(join(process.env.PDF_DEBUG, 'primitives-png.png'));
      await sharp(new Uint8Array(r.px.buffer), { raw: { width: W, height: H, channels: 4 } }).png().toFile(join(process.env.PDF_DEBUG, 'primitives-pdf.png'));
    }
    const png = pixelWords(new Uint8Array(real.getImageData(0, 0, W, H).data.buffer));
    const off: string[] = [];
    shapes.forEach((_, i) => {
      const area = { x0: (i % cols) * cell, y0: Math.floor(i / cols) * cell, x1: (i % cols) * cell + cell, y1: Math.floor(i / cols) * cell + cell };
      const want = inkBox(png, W, H, area);
      const got = inkBox(r.px, W, H, area);
      const d = want && got ? Math.max(Math.abs(got.x0 - want.x0), Math.abs(got.y0 - want.y0), Math.abs(got.x1 - want.x1), Math.abs(got.y1 - want.y1)) : want === got ? 0 : Infinity;
      if (d > 2) off.push(`shape ${i}: png ${JSON.stringify(want)} pdf ${JSON.stringify(got)}`);
    });
    expect(off).toEqual([]);
  });

  it('cuts strings like the canvas: bidi runs in visual order, each character from the first face that has it', () => {
    registerFonts();
    const arabic = facesOfFont(parseCssFont(`20px ${fontStack('noto-sans-arabic', 'arabic')}`));
    // A Latin word and digits inside Arabic: right to left overall, the Latin word left to right.
    const ps = pieces('مرحبا PDF ١٢٣ عالم', arabic, true);
    expect(ps.map((p) => p.text.trim()).filter(Boolean)).toEqual(['عالم', '١٢٣', 'PDF', 'مرحبا']);
    expect(ps.filter((p) => p.text.trim()).map((p) => p.rtl)).toEqual([true, false, false, true]);
    // A symbol the family lacks comes from the chain's symbol face; Polish letters from its latin-ext file.
    const latin = facesOfFont(parseCssFont(`12px ${fontStack('roboto', 'latin')}`));
    const mixed = pieces('Price ✓ Łódź', latin, false);
    expect(mixed.map((p) => p.text).join('')).toBe('Price ✓ Łódź');
    expect(new Set(mixed.map((p) => p.face.file)).size).toBeGreaterThan(1);
    expect(mixed.find((p) => p.text.includes('✓'))!.face.file).toMatch(/symbols/);
    // Invisible format characters (a right-to-left mark) draw nothing.
    expect(pieces('\u200f١٢ ج.م.\u200f', arabic, true).map((p) => p.text).join('')).not.toMatch(/\u200f/);
  });

  it('records the style a restore() brings back (the canvas getters keep returning the last one set)', () => {
    const real = createCanvas(20, 20).getContext('2d');
    real.fillStyle = '#123456';
    const rec = recordPdf(real, 20, 20);
    const ctx = rec.context;
    ctx.save();
    ctx.fillStyle = '#ff0000';
    ctx.strokeStyle = '#00ff00';
    ctx.fillRect(0, 0, 5, 5);
    ctx.restore();
    ctx.fillRect(5, 5, 5, 5);
    ctx.strokeRect(5, 5, 5, 5);
    const paints = rec.ops.flatMap((o) => ('paint' in o && o.paint.kind === 'color' ? [o.paint.css] : []));
    expect(paints).toEqual(['#ff0000', '#123456', '#000000']);
    expect([...real.getImageData(6, 6, 1, 1).data]).toEqual([0x12, 0x34, 0x56, 255]);
  });

  it('reads CSS colours and fonts as the canvas does', () => {
    expect(parseColour('#abc')).toEqual([170, 187, 204, 1]);
    expect(parseColour('#11223380')).toEqual([17, 34, 51, 128 / 255]);
    expect(parseColour('rgba(10, 20, 30, 0.5)')).toEqual([10, 20, 30, 0.5]);
    expect(parseColour('rgb(10 20 30 / 25%)')).toEqual([10, 20, 30, 0.25]);
    expect(parseColour('red')).toEqual([255, 0, 0, 1]);
    const hsl = parseColour('hsl(120, 100%, 25%)');
    // Resolved by the canvas itself (its 8-bit result: what the PNG shows).
    hsl.slice(0, 3).forEach((v, i) => expect(Math.abs(v - [0, 128, 0][i]!)).toBeLessThanOrEqual(1));
    expect(parseCssFont('italic bold 12.50px "ps lora latin", "Liberation Serif", serif')).toEqual({ bold: true, italic: true, size: 12.5, families: ['ps lora latin', 'Liberation Serif', 'serif'] });
    expect(parseCssFont('600 9px "A"').bold).toBe(true);
  });
});

describe.runIf(!!process.env.PDF_SURVEY)('PDF twin survey (diagnostics)', () => {
  it('every template', async () => {
    const n = Number(process.env.PDF_SURVEY) || 3;
    const language = process.env.PDF_LANG ?? 'en';
    const templates = ['scientific', 'report', 'book', 'invoice', 'form', 'legal', 'magazine', 'manual', 'newspaper', 'receipt', 'resume', 'slide'];
    const { stats, summary, widths, gaps } = await measure(templates.map((t) => [t, n] as const), language, true);
    console.log(`SURVEY ${language} approximated: ${JSON.stringify([...gaps])}`);
    console.log(`SURVEY ${language}: ${summary}`);
    console.log(`SURVEY ${language} widths: ${widths.strings} strings, ${widths.over} off by more than 0.5 px, max ${widths.max.toFixed(2)} px (${widths.worst})`);
    const byKind = new Map<string, number>();
    for (const w of stats.off) byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + 1);
    console.log(`SURVEY ${language} > 2 px by kind: ${JSON.stringify([...byKind])}`);
    for (const w of stats.off.slice(0, 10)) console.log('SURVEY off', JSON.stringify(w));
    // Timings in CPU milliseconds of this thread (a busy machine slows the wall clock more than these): pages seen
    // before (their words shaped, their fonts loaded), and fresh pages (other seeds), as in a run.
    const cpu = async (fn: () => Promise<unknown>) => {
      const c0 = process.cpuUsage();
      await fn();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    const timing = async (specs: PageSpec[]) => {
      const extra: number[] = [];
      const plain: number[] = [];
      for (const spec of specs) {
        const withPdf = await cpu(() => renderer.draw(spec, { dpi: DPI, pdf: true }));
        const without = await cpu(() => renderer.draw(spec, { dpi: DPI }));
        plain.push(without);
        extra.push(withPdf - without);
      }
      return `draw ${percentile(plain, 50).toFixed(1)}, PDF (recording + writing) ${percentile(extra, 50).toFixed(1)} median, ${percentile(extra, 90).toFixed(1)} p90`;
    };
    const seen = templates.slice(0, 4).flatMap((t) => plainSpecs(t, 2, language));
    console.log(`SURVEY ${language} CPU ms per page, pages seen before: ${await timing([...seen, ...seen])}`);
    const fresh = templates.slice(0, 6).flatMap((t) => Array.from({ length: 4 }, (_, i) => specOf(t, 200 + i, language)));
    console.log(`SURVEY ${language} CPU ms per page, fresh pages: ${await timing(fresh)}`);
  });
});
