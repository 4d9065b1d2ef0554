/**
 * Displayed formula, typeset from TeX by MathJax (content/math): fractions, roots, sums, integrals, matrices, cases,
 * aligned systems. The formula's kind and line count are element nodes; its TeX is content. Numbered "(n)" at the
 * right when the document numbers its equations; the body and the number are sub-regions (`formula_body`,
 * `formula_number`) that docbank boxes apart. A formula taller or wider than its block is scaled down to fit.
 */
import { FORMULA_KINDS, drawTypeset, sampleFormula, typeset, type FormulaKind, type Typeset } from '../content/math/index.js';
import { TYPO, bool, num, str } from '../layout/index.js';
import { FORMULA_BODY, FORMULA_NUMBER, type XYXY } from '../types.js';
import type { KindModule } from './types.js';

interface EquationData {
  t: Typeset;
  number: string;
  font: string;
  numberWidth: number;
}

/** Scale and position of a formula in its block, and where its number goes. */
function placement(b: { rect: XYXY; style: { sizePx: number } }, d: EquationData) {
  const w = b.rect.x1 - b.rect.x0;
  const h = b.rect.y1 - b.rect.y0;
  const numRoom = d.number ? d.numberWidth + b.style.sizePx * 2 : 0;
  const tw = Math.max(1, d.t.width);
  const th = Math.max(1, d.t.ascent + d.t.descent);
  const s = Math.min(1, (w - 2 - 2 * numRoom) / tw, (h - 2) / th);
  const x = b.rect.x0 + (w - tw * s) / 2;
  const baseY = b.rect.y0 + (h - th * s) / 2 + d.t.ascent * s;
  return { s, x, baseY, numX: b.rect.x1 - 1 - d.numberWidth, split: Math.round(b.rect.x1 - 1 - d.numberWidth - b.style.sizePx) };
}

export const equation: KindModule = {
  name: 'equation',
  description: 'Displayed formula typeset from TeX (MathJax), optionally numbered; body and number are sub-regions.',
  placement: 'body',
  defaults: {
    numbered: { dist: 'bernoulli', params: { p: 0.6 } },
    form: { dist: 'categorical', values: [...FORMULA_KINDS], probs: FORMULA_KINDS.map(() => 1 / FORMULA_KINDS.length) },
    complexity: { dist: 'uniform', params: { min: 0.1, max: 0.9 }, round: 2 },
    lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.75, 0.18, 0.07] },
  },
  parts: {
    equation: {
      category: 'Formula',
      fill(b, kit) {
        const p = kit.spec.elements[b.element]?.params ?? {};
        const form = (FORMULA_KINDS as readonly string[]).includes(String(p.form)) ? (String(p.form) as FormulaKind) : undefined;
        const lines = Math.max(1, Math.round(Number(b.part.lines ?? 1)));
        const complexity = Number(p.complexity ?? 0.5);
        // A multi-line block is an aligned system unless it is a matrix or cases (tall in one piece).
        const multi = form === 'aligned' || (lines > 1 && form !== 'matrix' && form !== 'cases');
        const spec = sampleFormula(kit.rng, multi ? { complexity, lines: Math.max(2, lines) } : { ...(form ? { kind: form } : {}), complexity });
        const t = typeset(spec.tex, { display: true, fontPx: Math.round(b.style.sizePx) });
        const number = Number(b.part.number ?? 0) ? `(${b.part.number})` : '';
        const font = kit.fontOf({ italic: false });
        const data: EquationData = { t, number, font, numberWidth: number ? kit.cache.width(font, number) : 0 };
        return { type: 'custom', data: data as unknown as Record<string, unknown> };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as unknown as EquationData;
        const at = placement(b, d);
        ctx.save();
        ctx.translate(at.x, at.baseY);
        ctx.scale(at.s, at.s);
        drawTypeset(ctx, d.t, 0, 0, b.style.color);
        ctx.restore();
        if (d.number) {
          ctx.font = d.font;
          ctx.fillStyle = b.style.color;
          ctx.fillText(d.number, at.numX, b.rect.y0 + (b.rect.y1 - b.rect.y0) / 2 + b.style.sizePx * 0.35);
        }
      },
      subRegions(b, c) {
        if (c.type !== 'custom') return [];
        const d = c.data as unknown as EquationData;
        if (!d.number) return [];
        const at = placement(b, d);
        if (at.split <= b.rect.x0) return [];
        return [
          { kind: FORMULA_BODY, rects: [{ ...b.rect, x1: at.split }] },
          { kind: FORMULA_NUMBER, rects: [{ ...b.rect, x0: at.split }] },
        ];
      },
    },
  },
  units(u, el, i) {
    const p = el.params;
    const form = str(p, 'form', 'fraction');
    // Matrices, cases and aligned systems are taller: they take at least two formula lines.
    const lines = Math.max(['matrix', 'cases', 'aligned'].includes(form) ? 2 : 1, Math.min(3, Math.round(num(p, 'lines', 1))));
    const style = u.g.style(TYPO.equation.scale, { italic: true, spacing: TYPO.equation.spacing });
    const number = bool(u.g.values, 'equations_numbered', bool(p, 'numbered', true)) ? u.next('equation') : 0;
    return [u.fixedUnit('equation', i, style, lines * style.lineHeightPx, { number, lines }, u.displaySpace, u.displaySpace)];
  },
};
