import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  FORMULA_KINDS,
  TexError,
  clearTypesetCache,
  drawTypeset,
  sampleFormula,
  sampleInlineFormula,
  typeset,
  type FormulaSpec,
  type Typeset,
} from '../src/content/math/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import { inkBox, pixelWords } from '../src/render/ink.js';
import type { XYXY } from '../src/types.js';

const FONT = 20;

function displaySpecs(n: number, master: number): FormulaSpec[] {
  const out: FormulaSpec[] = [];
  for (let i = 0; i < n; i++) {
    const rng = createRng(deriveSeed(master, i));
    const lines = rng.chance(0.15) ? rng.int(2, 4) : undefined;
    out.push(sampleFormula(rng, { complexity: rng.next(), lines }));
  }
  return out;
}

/** Draws `t` with its ink at (pad, pad + ascent) on a white canvas; returns the canvas pixels' ink box. */
function render(t: Typeset, pad = 12): { ink: XYXY | null; reported: XYXY; rgba: Uint8Array } {
  const w = t.width + 2 * pad;
  const h = Math.max(1, t.ascent + t.descent) + 2 * pad;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  const baseline = pad + t.ascent;
  drawTypeset(ctx, t, pad, baseline, '#000000');
  const rgba = canvas.data();
  const ink = inkBox(pixelWords(rgba), w, h, { x0: 0, y0: 0, x1: w, y1: h });
  return { ink, reported: { x0: pad, y0: baseline - t.ascent, x1: pad + t.width, y1: baseline + t.descent }, rgba };
}

describe('math: sampling and typesetting', () => {
  it('typesets 300 sampled display formulas and 300 inline ones without a MathJax error or a fallback glyph', () => {
    const specs = [...displaySpecs(300, 11), ...Array.from({ length: 300 }, (_, i) => sampleInlineFormula(createRng(deriveSeed(12, i))))];
    const failures: string[] = [];
    for (const s of specs) {
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      try {
        const t = typeset(s.tex, { display: s.display, fontPx: FONT });
        if (t.texts.length > 0) failures.push(`no outline for ${t.texts.map((x) => x.text).join('')} in ${s.tex}`);
        if (!(t.width > 0 && t.ascent + t.descent > 0)) failures.push(`empty ink for ${s.tex}`);
      } catch (e) {
        failures.push(e instanceof Error ? e.message : String(e));
      }
    }
    expect(failures).toEqual([]);
    expect(new Set(specs.map((s) => s.kind)).size).toBe(FORMULA_KINDS.length + 1);
  });

  it('every kind, at low and high complexity and over several lines, gives valid TeX', () => {
    for (const kind of FORMULA_KINDS) {
      for (let i = 0; i < 8; i++) {
        const rng = createRng(deriveSeed(21, i, kind));
        const lines = i >= 6 ? 3 : undefined;
        const s = sampleFormula(rng, { kind, complexity: i % 2 === 0 ? 0 : 1, lines });
        expect(s.kind).toBe(kind);
        expect(() => typeset(s.tex, { display: true, fontPx: FONT }), s.tex).not.toThrow();
        if (lines) {
          expect(s.lines).toBe(3);
          expect(s.tex.startsWith('\\begin{aligned}')).toBe(true);
          expect(s.tex.split(' \\\\ ').length).toBe(3);
        }
      }
    }
  });

  it('the reported box holds all the ink, each edge within 2 px of it (30 formulas, display and inline)', () => {
    const specs = [...displaySpecs(24, 31), ...Array.from({ length: 6 }, (_, i) => sampleInlineFormula(createRng(deriveSeed(32, i))))];
    for (const s of specs) {
      const t = typeset(s.tex, { display: s.display, fontPx: FONT });
      const { ink, reported } = render(t);
      expect(ink, s.tex).not.toBeNull();
      const b = ink!;
      const msg = `${s.tex}: ink ${JSON.stringify(b)} reported ${JSON.stringify(reported)}`;
      expect(b.x0 >= reported.x0 && b.y0 >= reported.y0 && b.x1 <= reported.x1 && b.y1 <= reported.y1, msg).toBe(true);
      expect(Math.max(b.x0 - reported.x0, b.y0 - reported.y0, reported.x1 - b.x1, reported.y1 - b.y1), msg).toBeLessThanOrEqual(2);
    }
  });

  it('is deterministic: same seed -> same spec, same spec -> same pixels (also after the cache is cleared)', () => {
    for (let i = 0; i < 5; i++) {
      const a = sampleFormula(createRng(deriveSeed(41, i)), { complexity: 0.7 });
      const b = sampleFormula(createRng(deriveSeed(41, i)), { complexity: 0.7 });
      expect(b).toEqual(a);
      const p1 = render(typeset(a.tex, { display: true, fontPx: FONT })).rgba;
      clearTypesetCache();
      const p2 = render(typeset(b.tex, { display: true, fontPx: FONT })).rgba;
      expect(Buffer.compare(Buffer.from(p1), Buffer.from(p2))).toBe(0);
    }
    expect(sampleInlineFormula(createRng(7))).toEqual(sampleInlineFormula(createRng(7)));
  });

  it('known TeX gives ink of a sensible shape', () => {
    const box = (tex: string, display = true) => {
      const t = typeset(tex, { display, fontPx: FONT });
      return { w: t.width, h: t.ascent + t.descent, a: t.ascent, d: t.descent };
    };
    const x = box('x');
    const ab = box('ab');
    const frac = box('\\frac{a}{b}');
    const sqrt = box('\\sqrt{x}');
    const pm = box('\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}');
    const cases = box('f(x)=\\begin{cases}1 & x>0\\\\0 & \\text{otherwise}\\end{cases}');
    const al2 = box('\\begin{aligned}a&=b+c\\\\d&=e-f\\end{aligned}');
    const al3 = box('\\begin{aligned}a&=b+c\\\\d&=e-f\\\\g&=h\\end{aligned}');
    expect(ab.w).toBeGreaterThan(x.w);
    expect(frac.h).toBeGreaterThan(1.8 * x.h); // two stacked lines
    expect(frac.a).toBeGreaterThan(x.a); // the numerator sits above the baseline
    expect(frac.d).toBeGreaterThan(x.d); // the denominator below it
    expect(sqrt.w).toBeGreaterThan(x.w + 5); // the radical sign
    expect(sqrt.a).toBeGreaterThan(x.a); // the overbar
    expect(pm.h).toBeGreaterThan(2 * x.h); // two rows plus tall parentheses
    expect(pm.h / pm.w).toBeGreaterThan(0.6); // a 2x2 matrix is roughly square
    expect(pm.h / pm.w).toBeLessThan(1.6);
    expect(cases.h).toBeGreaterThan(2 * x.h);
    expect(cases.w).toBeGreaterThan(cases.h); // "otherwise" makes it wide
    expect(al2.h).toBeGreaterThan(1.8 * ab.h);
    expect(al3.h).toBeGreaterThan(al2.h + 0.8 * ab.h);
    expect(box('\\sum_{i=1}^{n} x_i').h).toBeGreaterThan(box('\\sum_{i=1}^{n} x_i', false).h); // display limits
    // Scaling: twice the font size, about twice the ink.
    const big = typeset('\\frac{a}{b}', { display: true, fontPx: 2 * FONT });
    expect(big.width / frac.w).toBeGreaterThan(1.8);
    expect(big.width / frac.w).toBeLessThan(2.2);
  });

  it('reports TeX errors and bad options with a typed error, and caches results', () => {
    expect(() => typeset('\\frac{a}{', { display: true, fontPx: FONT })).toThrow(TexError);
    expect(() => typeset('\\nosuchmacro x', { display: true, fontPx: FONT })).toThrow(/Undefined control sequence/);
    expect(() => typeset('x', { display: true, fontPx: 0 })).toThrow(/opts.fontPx must be a positive number/);
    expect(() => sampleFormula(createRng(1), { complexity: 2 })).toThrow(/opts.complexity/);
    expect(() => sampleFormula(createRng(1), { kind: 'nope' as never })).toThrow(/opts.kind must be one of fraction/);
    const t = typeset('e^{i\\pi}+1=0', { display: true, fontPx: FONT });
    expect(typeset('e^{i\\pi}+1=0', { display: true, fontPx: FONT })).toBe(t);
    expect(typeset('e^{i\\pi}+1=0', { display: false, fontPx: FONT })).not.toBe(t);
  });

  it('works in worker threads: each loads MathJax itself and a Typeset sent back draws the same pixels', async () => {
    // Transpile this module (and the leaves it imports) to plain JS so a worker can load it without vitest.
    const root = resolve(import.meta.dirname, '..');
    const dir = mkdtempSync(join(tmpdir(), 'pagesynth-math-'));
    try {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      for (const f of ['errors', 'random/index', 'content/math/index', 'content/math/sample', 'content/math/typeset', 'content/math/mathjax']) {
        const src = readFileSync(join(root, 'src', `${f}.ts`), 'utf8');
        const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
        mkdirSync(dirname(join(dir, 'src', `${f}.js`)), { recursive: true });
        writeFileSync(join(dir, 'src', `${f}.js`), js);
      }
      const code = `
        const { parentPort, workerData } = require('node:worker_threads');
        (async () => {
          const m = await import(workerData.math);
          const r = await import(workerData.random);
          const spec = m.sampleFormula(r.createRng(workerData.seed), { kind: 'matrix', complexity: 0.5 });
          const t = m.typeset(spec.tex, { display: true, fontPx: ${FONT} });
          parentPort.postMessage({ spec, t, initMs: m.mathjaxInitMs() });
        })().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));`;
      const run = (seed: number) =>
        new Promise<{ spec: FormulaSpec; t: Typeset; initMs: number; error?: string }>((res, rej) => {
          const w = new Worker(code, {
            eval: true,
            workerData: {
              seed,
              math: pathToFileURL(join(dir, 'src/content/math/index.js')).href,
              random: pathToFileURL(join(dir, 'src/random/index.js')).href,
            },
          });
          w.once('message', (msg) => {
            void w.terminate();
            res(msg);
          });
          w.once('error', rej);
        });
      const results = await Promise.all([run(5), run(6)]);
      for (const [i, r] of results.entries()) {
        expect(r.error).toBeUndefined();
        expect(r.initMs).toBeGreaterThan(0);
        expect(r.spec).toEqual(sampleFormula(createRng(5 + i), { kind: 'matrix', complexity: 0.5 }));
        const here = typeset(r.spec.tex, { display: true, fontPx: FONT });
        expect([r.t.width, r.t.ascent, r.t.descent]).toEqual([here.width, here.ascent, here.descent]);
        // The worker's Typeset arrived as plain data (no Path2D): drawing it rebuilds the path.
        expect(Buffer.compare(Buffer.from(render(r.t).rgba), Buffer.from(render(here).rgba))).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
