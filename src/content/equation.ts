/**
 * Formula content: a displayed equation as positioned tokens (italic variables, upright operators, sub- and
 * superscripts, fractions, big operators) and an optional number "(n)" at the right.
 */
import type { LayoutBlock } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import type { WordWidthCache } from './text.js';

export interface EqToken {
  text: string;
  font: string;
  /** x from the formula's start, baseline shift (positive = up). */
  x: number;
  dy: number;
}

export interface EquationContent {
  type: 'equation';
  /** Tokens of each line, x relative to the line start. */
  lines: Array<{ tokens: EqToken[]; width: number; rules: Array<{ x0: number; x1: number; dy: number }> }>;
  number?: { text: string; font: string; width: number };
}

export interface EqFonts {
  italic: string;
  regular: string;
  small: string;
  smallRegular: string;
}

const VARS = ['x', 'y', 'z', 'u', 'v', 'w', 'f', 'g', 'h', 'p', 'q', 'k', 'n', 'm', 't', 's'];
const GREEK = ['α', 'β', 'γ', 'δ', 'λ', 'μ', 'σ', 'θ', 'φ', 'ω', 'ε', 'τ'];
const OPS = ['+', '−', '+', '·'];
const BIG = ['∑', '∏', '∫'];

/** Builds tokens left to right, tracking the pen position with the shared width cache. */
class EqBuilder {
  tokens: EqToken[] = [];
  rules: Array<{ x0: number; x1: number; dy: number }> = [];
  x = 0;
  constructor(private readonly fonts: EqFonts, private readonly cache: WordWidthCache, private readonly size: number) {}
  put(text: string, font: string, dy = 0, gap = 0): number {
    const start = this.x + gap;
    this.tokens.push({ text, font, x: start, dy });
    this.x = start + this.cache.width(font, text);
    return start;
  }
  sym(rng: Rng): void {
    const f = this.fonts;
    this.put(rng.chance(0.3) ? rng.pick(GREEK) : rng.pick(VARS), f.italic);
    if (rng.chance(0.4)) {
      const base = this.x;
      this.put(rng.pick(['i', 'j', 'k', 'n', '0', '1', 't']), f.small, -this.size * 0.25);
      if (rng.chance(0.4)) {
        this.x = base;
        this.put(String(rng.int(2, 3)), f.smallRegular, this.size * 0.45);
      }
    } else if (rng.chance(0.25)) this.put(String(rng.int(2, 4)), f.smallRegular, this.size * 0.45);
  }
  term(rng: Rng): void {
    const f = this.fonts;
    const r = rng.next();
    if (r < 0.2) {
      // A fraction: numerator and denominator stacked over a rule.
      const start = this.x + this.size * 0.15;
      const num = rng.pick(VARS) + (rng.chance(0.5) ? ` ${rng.pick(OPS)} ${rng.int(1, 9)}` : '');
      const den = rng.pick(GREEK) + (rng.chance(0.5) ? rng.pick(VARS) : '');
      const wn = this.cache.width(f.small, num);
      const wd = this.cache.width(f.small, den);
      const w = Math.max(wn, wd) + this.size * 0.2;
      this.tokens.push({ text: num, font: f.small, x: start + (w - wn) / 2, dy: this.size * 0.45 });
      this.tokens.push({ text: den, font: f.small, x: start + (w - wd) / 2, dy: -this.size * 0.55 });
      this.rules.push({ x0: start, x1: start + w, dy: this.size * 0.3 });
      this.x = start + w + this.size * 0.15;
    } else if (r < 0.35) {
      const big = rng.pick(BIG);
      const start = this.put(big, f.regular, 0, this.size * 0.1);
      const end = this.x;
      this.tokens.push({ text: big === '∫' ? '0' : 'i=1', font: f.smallRegular, x: start, dy: -this.size * 0.6 });
      this.tokens.push({ text: big === '∫' ? '1' : 'N', font: f.smallRegular, x: start + this.size * 0.2, dy: this.size * 0.85 });
      this.x = Math.max(end, start + this.cache.width(f.smallRegular, 'i=1')) + this.size * 0.15;
      this.sym(rng);
    } else if (r < 0.5) {
      this.put(String(rng.int(2, 9)), f.regular);
      this.sym(rng);
    } else if (r < 0.6) {
      this.put('(', f.regular);
      this.sym(rng);
      this.put(` ${rng.pick(OPS)} `, f.regular);
      this.sym(rng);
      this.put(')', f.regular);
    } else this.sym(rng);
  }
}

export function equationContent(b: LayoutBlock, rng: Rng, fonts: EqFonts, cache: WordWidthCache): EquationContent {
  const width = b.rect.x1 - b.rect.x0;
  const size = b.style.sizePx;
  const nLines = Math.max(1, Number(b.part.lines ?? 1));
  const terms = Math.max(1, Number(b.part.terms ?? 3));
  const numberNo = Number(b.part.number ?? 0);
  const number = numberNo > 0 ? { text: `(${numberNo})`, font: fonts.regular, width: cache.width(fonts.regular, `(${numberNo})`) } : undefined;
  const avail = width - 2 - (number ? number.width + size * 2 : 0);
  const lines: EquationContent['lines'] = [];
  for (let l = 0; l < nLines; l++) {
    const eb = new EqBuilder(fonts, cache, size);
    if (l === 0) {
      eb.sym(rng);
      if (rng.chance(0.5)) {
        eb.put('(', fonts.regular);
        eb.put(rng.pick(VARS), fonts.italic);
        eb.put(')', fonts.regular);
      }
    }
    eb.put(' = ', fonts.regular);
    for (let t = 0; t < terms; t++) {
      const before = { x: eb.x, n: eb.tokens.length, r: eb.rules.length };
      if (t > 0) eb.put(` ${rng.pick(OPS)} `, fonts.regular);
      eb.term(rng);
      if (eb.x > avail && t > 0) {
        // Undo the term that overflowed.
        eb.x = before.x;
        eb.tokens.length = before.n;
        eb.rules.length = before.r;
        break;
      }
    }
    lines.push({ tokens: eb.tokens, width: eb.x, rules: eb.rules });
  }
  return { type: 'equation', lines, number };
}
