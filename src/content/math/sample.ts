/**
 * Formula sampling: TeX strings that look like the equations of physics, statistics, machine-learning and
 * engineering papers. Each kind has a bank of templates drawn from real formulas whose symbols, indices,
 * constants and extra terms are sampled, plus generic builders (polynomials, rational terms, scripted atoms)
 * that add variety. Every choice comes from the `Rng` passed in; the result is plain JSON.
 */
import type { Rng } from '../../random/index.js';
import { invalidParameter } from '../../errors.js';

/** The kinds of displayed formula. */
export const FORMULA_KINDS = [
  'fraction',
  'root',
  'sum',
  'integral',
  'product',
  'limit',
  'matrix',
  'cases',
  'aligned',
  'derivative',
  'norm',
  'probability',
  'script',
  'greek',
] as const;
export type FormulaKind = (typeof FORMULA_KINDS)[number];

/** A sampled formula: plain JSON; `typeset(spec.tex, { display: spec.display, fontPx })` draws it. */
export interface FormulaSpec {
  kind: FormulaKind | 'inline';
  /** TeX source (math mode, no delimiters). */
  tex: string;
  /** Display style (true) or inline/text style (false). */
  display: boolean;
  /** Number of typeset lines (rows of an `aligned` block, else 1; matrices and cases count as 1). */
  lines: number;
}

/** Options of `sampleFormula`. */
export interface FormulaOptions {
  /** The kind; sampled when absent (an `aligned` block when `lines` > 1). */
  kind?: FormulaKind;
  /** 0 (short, one or two terms) .. 1 (long, nested); default 0.5. */
  complexity?: number;
  /** Lines of the formula; > 1 makes an `aligned` block (a system, or a derivation chain for other kinds). */
  lines?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Symbols

const LATIN = ['x', 'y', 'z', 't', 'u', 'v', 'w', 'a', 'b', 'c', 's', 'r', 'q', 'p', 'f', 'g', 'h', 'k', 'm', 'n'];
const LATIN_W = [10, 7, 4, 5, 4, 3, 3, 4, 3, 3, 2, 3, 2, 2, 2, 1, 1, 2, 1, 1];
const GREEK = [
  '\\alpha', '\\beta', '\\gamma', '\\delta', '\\epsilon', '\\varepsilon', '\\eta', '\\theta', '\\kappa', '\\lambda',
  '\\mu', '\\nu', '\\xi', '\\rho', '\\sigma', '\\tau', '\\phi', '\\varphi', '\\chi', '\\psi', '\\omega',
];
const GREEK_UP = ['\\Gamma', '\\Delta', '\\Theta', '\\Lambda', '\\Phi', '\\Psi', '\\Omega', '\\Sigma'];
const VECS = ['\\mathbf{x}', '\\mathbf{y}', '\\mathbf{w}', '\\mathbf{u}', '\\mathbf{v}', '\\mathbf{z}', '\\mathbf{h}', '\\boldsymbol{\\theta}', '\\boldsymbol{\\mu}'];
const MATS = ['\\mathbf{A}', '\\mathbf{W}', '\\mathbf{K}', 'A', 'W', 'X', '\\mathbf{H}', 'M', '\\Sigma'];
const IDX = ['i', 'j', 'k', 'n', 't', 'm', '\\ell'];
const FUNCS = ['\\sin', '\\cos', '\\exp', '\\log', '\\tanh', '\\ln'];
const REL = ['=', '=', '=', '=', '\\le', '\\approx', '\\geq', '\\equiv'];

/** Concatenates TeX pieces, with a space where a control word would otherwise run into a letter (`\\kappa x`). */
function cat(...parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    out += /\\[a-zA-Z]+$/.test(out) && /^[a-zA-Z0-9]/.test(p) ? ` ${p}` : p;
  }
  return out;
}

/** Sampling context: the rng and the complexity, with small builders. */
class Gen {
  constructor(
    readonly rng: Rng,
    readonly c: number,
  ) {}
  pick<T>(xs: readonly T[]): T {
    return this.rng.pick(xs);
  }
  chance(p: number): boolean {
    return this.rng.chance(p);
  }
  int(a: number, b: number): number {
    return this.rng.int(a, b);
  }
  /** A Latin variable. */
  v(): string {
    return LATIN[this.rng.weighted(LATIN_W)]!;
  }
  /** Two different Latin variables. */
  v2(): [string, string] {
    const a = this.v();
    let b = this.v();
    for (let i = 0; i < 5 && b === a; i++) b = this.v();
    return [a, b === a ? (a === 'x' ? 'y' : 'x') : b];
  }
  gr(): string {
    return this.pick(GREEK);
  }
  GR(): string {
    return this.pick(GREEK_UP);
  }
  sym(): string {
    return this.chance(0.3) ? this.gr() : this.v();
  }
  vec(): string {
    return this.pick(VECS);
  }
  mat(): string {
    return this.pick(MATS);
  }
  idx(): string {
    return this.pick(IDX);
  }
  /** A small positive integer, sometimes a decimal. */
  num(): string {
    return this.chance(0.2) ? `${this.int(0, 9)}.${this.int(1, 99)}` : String(this.pick([2, 2, 3, 4, 5, 6, 8, 10, 12, 16]));
  }
  /** A coefficient (often none). */
  coef(): string {
    const r = this.rng.next();
    if (r < 0.45) return '';
    if (r < 0.7) return String(this.int(2, 9));
    if (r < 0.85) return this.gr();
    if (r < 0.93) return this.pick(['\\frac{1}{2}', '\\frac{1}{3}', '\\frac{3}{2}', '\\frac{1}{4}', '\\frac{2}{3}', '\\frac{1}{2n}']);
    return this.v();
  }
  /** A variable with a sub- and/or superscript. */
  atom(): string {
    const s = this.sym();
    const r = this.rng.next();
    if (r < 0.3) return s;
    if (r < 0.5) return `${s}_${this.idx()}`;
    if (r < 0.62) return `${s}^{${this.int(2, 3)}}`;
    if (r < 0.72) return `${s}_{${this.idx()}}^{${this.int(2, 3)}}`;
    if (r < 0.8) return `${s}_{${this.pick(['i', 'k', 't', 'n'])}${this.pick(['-1', '+1'])}}`;
    if (r < 0.87) return `\\${this.pick(['hat', 'bar', 'tilde'])}{${this.v()}}${this.chance(0.5) ? `_${this.idx()}` : ''}`;
    if (r < 0.93) return `${this.v()}_{${this.pick(['ij', 'ik', 'jk', 'mn'])}}`;
    return `${this.v()}^{(${this.pick(['k', 't', 'i', 'n'])})}`;
  }
  func(arg: string): string {
    const f = this.pick(FUNCS);
    if (f === '\\exp' && this.chance(0.5)) return `e^{${arg}}`;
    return arg.length <= 2 && f !== '\\exp' ? `${f} ${arg}` : `${f}\\left(${arg}\\right)`;
  }
  /** One additive term. */
  term(): string {
    const r = this.rng.next();
    const c = this.coef();
    if (r < 0.4) return cat(c, /^[a-z\\]/i.test(c) && c !== '' ? ' ' : '', this.atom());
    if (r < 0.55) return cat(c, this.atom(), this.atom());
    if (r < 0.7) return cat(c, this.func(this.chance(0.5) ? this.atom() : this.pick(['\\omega t', '2\\pi f t', 'k x', '2x', '3t', '\\pi x', '-\\lambda t', 'n\\theta'])));
    if (r < 0.85) return `\\frac{${this.atom()}}{${this.chance(0.5) ? this.num() : this.atom()}}`;
    return `${cat(c, '')}\\left(${this.atom()} ${this.pick(['+', '-'])} ${this.atom()}\\right)^{${this.int(2, 3)}}`;
  }
  /** `n` terms joined by + and -. */
  poly(n: number): string {
    let s = this.term();
    for (let i = 1; i < n; i++) s += ` ${this.pick(['+', '+', '-'])} ${this.term()}`;
    return s;
  }
  /** How many terms a generic expression gets at this complexity. */
  n(): number {
    return 1 + Math.floor(this.c * 3 * this.rng.next() + this.c);
  }
  /** Extra trailing terms (none at low complexity). */
  more(): string {
    let s = '';
    const k = Math.floor(this.c * 2.5 * this.rng.next());
    for (let i = 0; i < k; i++) s += ` ${this.pick(['+', '-'])} ${this.term()}`;
    return s;
  }
  /** A function-of-variable left-hand side: f(x), y_i, \mathcal{L}(\theta)... */
  lhs(): string {
    const r = this.rng.next();
    if (r < 0.35) return `${this.pick(['f', 'g', 'h', 'F', 'G', 'u', 'V', 'E', 'J'])}(${this.pick(['x', 't', 'z', 's', 'x, t', '\\mathbf{x}', 'r'])})`;
    if (r < 0.55) return this.atom();
    if (r < 0.7) return `${this.pick(['\\mathcal{L}', '\\mathcal{J}', 'J', 'R', 'Q', 'L'])}(${this.pick(['\\theta', '\\mathbf{w}', '\\phi', 'x', 'q'])})`;
    return this.sym();
  }
  rel(): string {
    return this.pick(REL);
  }
}

/** A weighted template: `level` 0 (short) .. 2 (long) is matched against the complexity. */
type Template = [level: number, make: (g: Gen) => string];

const I = (g: Gen) => g.pick(['i', 'k', 'n', 'j']);
const d = (g: Gen) => (g.chance(0.4) ? '\\mathrm{d}' : 'd');

// ---------------------------------------------------------------------------------------------------------
// Template banks, one per kind

const FRACTION: Template[] = [
  [0, (g) => { const [x] = g.v2(); return `${g.lhs()} = \\frac{${g.poly(g.n())}}{${x} ${g.pick(['+', '-'])} ${g.num()}}${g.more()}`; }],
  [1, (g) => { const [x, y] = g.v2(); return `\\hat{\\beta}_1 = \\frac{\\sum_{i=1}^{n} (${x}_i - \\bar{${x}})(${y}_i - \\bar{${y}})}{\\sum_{i=1}^{n} (${x}_i - \\bar{${x}})^2}`; }],
  [1, (g) => `${g.pick(['H', 'G', 'T'])}(s) = \\frac{${g.pick(['K', 'K(s + z_1)', '\\omega_n^2', 'b_1 s + b_0'])}}{s^2 + 2\\zeta\\omega_n s + \\omega_n^2}`],
  [1, (g) => { const i = g.pick(['i', 'k', 'c']); const T = g.chance(0.4) ? '/T' : ''; return `\\sigma(\\mathbf{z})_${i} = \\frac{e^{z_${i}${T}}}{\\sum_{j=1}^{${g.pick(['K', 'C', 'N'])}} e^{z_j${T}}}`; }],
  [0, (g) => g.pick(['F_1 = \\frac{2\\,\\mathrm{TP}}{2\\,\\mathrm{TP} + \\mathrm{FP} + \\mathrm{FN}}', 'F_1 = \\frac{2PR}{P + R}', '\\mathrm{IoU} = \\frac{|A \\cap B|}{|A \\cup B|}', '\\mathrm{SNR} = \\frac{P_{\\text{signal}}}{P_{\\text{noise}}}'])],
  [0, (g) => `F = ${g.pick(['G', 'k_e'])}\\frac{${g.pick(['m_1 m_2', 'q_1 q_2', 'M m'])}}{r^{2}}`],
  [0, () => '\\frac{1}{f} = \\frac{1}{u} + \\frac{1}{v}'],
  [1, (g) => { const [a, b] = g.pick([['A', 'B'], ['H', 'E'], ['\\theta', 'D'], ['y', '\\mathbf{x}']]); return `P(${a} \\mid ${b}) = \\frac{P(${b} \\mid ${a})\\, P(${a})}{P(${b})}`; }],
  [1, (g) => `t = \\frac{\\bar{${g.v()}} - \\mu_0}{s / \\sqrt{n}}`],
  [2, (g) => `${g.lhs()} = \\frac{${g.term()}}{1 + \\frac{${g.atom()}}{${g.atom()}}}${g.more()}`],
  [1, (g) => `${g.lhs()} = \\frac{${g.term()}}{${g.term()}} ${g.pick(['+', '-'])} \\frac{${g.term()}}{${g.term()}}`],
  [0, (g) => `\\eta = \\frac{${g.pick(['W_{\\text{out}}', 'P_{\\text{out}}', 'T_h - T_c'])}}{${g.pick(['Q_{\\text{in}}', 'P_{\\text{in}}', 'T_h'])}}`],
  [2, (g) => `${g.pick(['\\mathrm{Re}', 'Re'])} = \\frac{\\rho u L}{\\mu} = \\frac{u L}{\\nu}`],
];

const ROOT: Template[] = [
  [1, (g) => { const [a, b, c] = g.pick([['a', 'b', 'c'], ['A', 'B', 'C']]); const x = g.v(); return `${x}_{1,2} = \\frac{-${b} \\pm \\sqrt{${b}^2 - 4${a}${c}}}{2${a}}`; }],
  [1, (g) => { const x = g.v(); return `\\sigma = \\sqrt{\\frac{1}{${g.pick(['N', 'n', 'n-1'])}}\\sum_{i=1}^{${g.pick(['N', 'n'])}} (${x}_i - ${g.pick(['\\mu', `\\bar{${x}}`])})^2}`; }],
  [0, (g) => `${g.pick(['r', 'd', '\\rho', '\\|\\mathbf{v}\\|'])} = \\sqrt{${g.pick(['x^2 + y^2', 'x^2 + y^2 + z^2', '(x_2 - x_1)^2 + (y_2 - y_1)^2', 'v_x^2 + v_y^2 + v_z^2'])}}`],
  [0, (g) => g.pick(['\\omega_0 = \\sqrt{\\frac{k}{m}}', 'c = \\sqrt{\\frac{\\gamma P}{\\rho}}', 'v_e = \\sqrt{\\frac{2GM}{r}}', 'T = 2\\pi\\sqrt{\\frac{L}{g}}', 'f_0 = \\frac{1}{2\\pi\\sqrt{LC}}', 'Z = \\sqrt{R^2 + (X_L - X_C)^2}'])],
  [1, (g) => { const y = g.pick(['y', 'x', 'u']); return `\\mathrm{RMSE} = \\sqrt{\\frac{1}{n}\\sum_{i=1}^{n} (${y}_i - \\hat{${y}}_i)^2}`; }],
  [0, (g) => `\\gamma = \\frac{1}{\\sqrt{1 - ${g.pick(['v^2/c^2', '\\beta^2', '\\frac{v^2}{c^2}'])}}}`],
  [2, (g) => `\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{Q K^{\\top}}{\\sqrt{d_${g.pick(['k', 'h'])}}}\\right) V`],
  [1, (g) => `${g.lhs()} = \\sqrt[${g.int(3, 4)}]{${g.poly(g.n())}}${g.more()}`],
  [1, (g) => `${g.lhs()} = ${g.coef()}\\sqrt{${g.poly(Math.max(2, g.n()))}}${g.more()}`],
  [1, (g) => `\\hat{${g.v()}} = \\frac{${g.v()} - \\mu_{\\mathcal{B}}}{\\sqrt{\\sigma_{\\mathcal{B}}^2 + \\epsilon}}`],
];

const summand = (g: Gen, i: string): string =>
  g.pick([
    `w_${i} x_${i}`,
    `a_${i} ${g.v()}^{${i}}`,
    `\\binom{n}{${i}} p^{${i}} (1 - p)^{n - ${i}}`,
    `\\frac{1}{${i}^{${g.int(2, 4)}}}`,
    `(-1)^{${i}} \\frac{x^{2${i}+1}}{(2${i}+1)!}`,
    `\\frac{x^{${i}}}{${i}!}`,
    `${g.gr()}_${i} \\phi_${i}(${g.v()})`,
    `c_${i} e^{-\\lambda_${i} t}`,
    `\\left(${g.v()}_${i} - \\bar{${g.v()}}\\right)^2`,
    `r^{${i}}`,
  ]);

const SUM: Template[] = [
  [0, (g) => { const i = I(g); return `${g.lhs()} = \\sum_{${i}=${g.pick(['0', '1'])}}^{${g.pick(['n', 'N', '\\infty', 'K', 'N-1'])}} ${summand(g, i)}${g.more()}`; }],
  [2, (g) => `\\mathcal{L}(\\theta) = -\\frac{1}{N}\\sum_{i=1}^{N}\\sum_{c=1}^{C} y_{i,c} \\log \\hat{y}_{i,c}${g.chance(0.4) ? ' + \\lambda \\|\\theta\\|_2^2' : ''}`],
  [2, (g) => { const t = g.pick(['t', 'x']); return `f(${t}) = \\frac{a_0}{2} + \\sum_{n=1}^{\\infty} \\left( a_n \\cos\\frac{2\\pi n ${t}}{T} + b_n \\sin\\frac{2\\pi n ${t}}{T} \\right)`; }],
  [1, (g) => { const x = g.pick(['x', 't', 'z']); return `f(${x}) = \\sum_{n=0}^{\\infty} \\frac{f^{(n)}(a)}{n!} (${x} - a)^n`; }],
  [0, (g) => `y[n] = \\sum_{k=${g.pick(['-\\infty', '0'])}}^{${g.pick(['\\infty', 'M-1', 'N'])}} ${g.pick(['x[k]\\, h[n-k]', 'h[k]\\, x[n-k]', 'b_k\\, x[n-k]'])}`],
  [0, (g) => { const x = g.v(); return g.pick([`\\bar{${x}} = \\frac{1}{n}\\sum_{i=1}^{n} ${x}_i`, `s^2 = \\frac{1}{n-1}\\sum_{i=1}^{n} (${x}_i - \\bar{${x}})^2`]); }],
  [2, () => 'J(\\mathbf{w}) = \\frac{1}{2m}\\sum_{i=1}^{m} \\left( h_{\\mathbf{w}}(\\mathbf{x}^{(i)}) - y^{(i)} \\right)^2 + \\frac{\\lambda}{2}\\sum_{j=1}^{n} w_j^2'],
  [1, (g) => `X_k = \\sum_{n=0}^{N-1} x_n\\, e^{-${g.pick(['i', 'j'])} 2\\pi k n / N}`],
  [1, (g) => { const i = g.pick(['i', 's', 'n']); return `Z = \\sum_{${i}} e^{-\\beta E_${i}}`; }],
  [1, (g) => `${g.pick(['V', 'G', 'R'])}_t = \\sum_{k=0}^{\\infty} \\gamma^{k} r_{t+k+1}`],
];

const INTEGRAND = ['e^{-x^2}', 'x^{n} e^{-x}', '\\frac{1}{1 + x^2}', '\\sin^2 x', 'f(x)\\, g(x)', 'x\\, p(x)', '\\frac{\\ln x}{x}', '|\\nabla u|^2', '\\sqrt{1 + f\'(x)^2}'];

const INTEGRAL: Template[] = [
  [0, (g) => `${g.pick(['I', 'F(b) - F(a)', 'A'])} = \\int_{${g.pick(['a', '0', '-1', '-\\infty'])}}^{${g.pick(['b', '1', '\\infty', 'T', '\\pi'])}} ${g.pick(INTEGRAND)}\\, ${d(g)}x`],
  [1, (g) => `\\int_{-\\infty}^{\\infty} e^{-${g.pick(['a', '\\alpha', ''])} x^2}\\, ${d(g)}x = \\sqrt{\\frac{\\pi}{${g.pick(['a', '\\alpha'])}}}`],
  [1, (g) => `\\hat{f}(\\xi) = \\int_{-\\infty}^{\\infty} f(x)\\, e^{-2\\pi i x \\xi}\\, ${d(g)}x`],
  [0, (g) => { const [a, b] = g.pick([['X', 'x'], ['g(X)', 'g(x)'], ['X^2', 'x^2']]); const dom = g.pick(['_{-\\infty}^{\\infty}', '_{\\mathcal{X}}', '_{0}^{\\infty}']); return `\\mathbb{E}[${a}] = \\int${dom} ${b}\\, p(x)\\, ${d(g)}x`; }],
  [0, (g) => g.pick(['W = \\int_{C} \\mathbf{F} \\cdot d\\mathbf{r}', '\\oint_{\\partial S} \\mathbf{B} \\cdot d\\mathbf{l} = \\mu_0 I_{\\text{enc}}', '\\oint_{S} \\mathbf{E} \\cdot d\\mathbf{A} = \\frac{Q}{\\varepsilon_0}', '\\Phi = \\iint_{S} \\mathbf{B} \\cdot \\mathbf{n}\\, dA'])],
  [1, (g) => `${g.pick(['V', 'M', 'I'])} = \\iint_{${g.pick(['D', '\\Omega', 'R'])}} ${g.pick(['f(x, y)', '\\rho(x, y)', '(x^2 + y^2)', 'e^{-(x^2+y^2)}'])}\\, ${d(g)}x\\, ${d(g)}y`],
  [0, () => 'F(s) = \\int_{0}^{\\infty} f(t)\\, e^{-st}\\, dt'],
  [1, () => 'S[q] = \\int_{t_0}^{t_1} L(q, \\dot{q}, t)\\, dt'],
  [1, (g) => `E(u) = \\frac{1}{2}\\int_{\\Omega} |\\nabla u|^2\\, ${d(g)}x - \\int_{\\Omega} f u\\, ${d(g)}x`],
  [2, (g) => `${g.lhs()} = \\int_{0}^{${g.pick(['t', 'T', '\\infty'])}} ${g.pick(['e^{-\\lambda s}', 'K(t - s)', 'g(s)'])} \\left(${g.poly(g.n())}\\right) ${d(g)}s${g.more()}`],
  [1, (g) => `\\Gamma(${g.pick(['z', 's', 'x'])}) = \\int_{0}^{\\infty} t^{${g.pick(['z', 's', 'x'])}-1} e^{-t}\\, dt`],
];

const PRODUCT: Template[] = [
  [0, (g) => `L(\\theta) = \\prod_{i=1}^{n} ${g.pick(['p(x_i \\mid \\theta)', 'f(x_i; \\theta)', '\\theta^{x_i} (1 - \\theta)^{1 - x_i}'])}`],
  [0, (g) => `${g.lhs()} = \\prod_{k=1}^{${g.pick(['n', 'N', 'K'])}} \\left(1 ${g.pick(['+', '-'])} ${g.atom()}\\right)`],
  [1, () => '\\zeta(s) = \\prod_{p\\ \\text{prime}} \\frac{1}{1 - p^{-s}}'],
  [1, (g) => `p(${g.pick(['x_1, \\dots, x_T', '\\mathbf{x}'])}) = \\prod_{t=1}^{T} p(x_t \\mid ${g.pick(['x_{<t}', 'x_{t-1}', 'x_1, \\dots, x_{t-1}'])})`],
  [0, () => 'n! = \\prod_{k=1}^{n} k'],
  [2, (g) => `\\log \\prod_{i=1}^{N} p(y_i \\mid \\mathbf{x}_i, \\mathbf{w}) = \\sum_{i=1}^{N} \\log p(y_i \\mid \\mathbf{x}_i, \\mathbf{w})${g.more()}`],
  [1, () => '\\det(A) = \\prod_{i=1}^{n} \\lambda_i'],
];

const LIMIT: Template[] = [
  [1, (g) => { const x = g.pick(['x', 't', 'z', 's']); const h = g.pick(['h', '\\Delta ' + x, '\\epsilon']); return `f'(${x}) = \\lim_{${h} \\to 0} \\frac{f(${x} + ${h}) - f(${x})}{${h}}`; }],
  [0, (g) => { const x = g.pick(['x', '1', 'r']); return `\\lim_{n \\to \\infty} \\left(1 + \\frac{${x}}{n}\\right)^{n} = ${x === '1' ? 'e' : `e^{${x}}`}`; }],
  [0, (g) => g.pick(['\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1', '\\lim_{x \\to \\infty} x e^{-x} = 0', '\\lim_{x \\to 0^{+}} x \\ln x = 0'])],
  [1, (g) => `\\lim_{${g.pick(['N', 'n'])} \\to \\infty} \\frac{1}{${g.pick(['N', 'n'])}}\\sum_{i=1}^{${g.pick(['N', 'n'])}} X_i = \\mu`],
  [1, (g) => `${g.pick(['\\limsup', '\\liminf', '\\lim'])}_{n \\to \\infty} ${g.pick(['|a_n|^{1/n}', '\\frac{a_{n+1}}{a_n}', '\\sup_{k \\ge n} x_k', 'P(|\\bar{X}_n - \\mu| > \\epsilon)'])} ${g.pick(['= L', '< 1', '= 0'])}`],
  [2, (g) => `${g.lhs()} = \\lim_{${g.pick(['t \\to \\infty', 'T \\to \\infty', 'k \\to \\infty'])}} \\frac{1}{T}\\int_{0}^{T} ${g.poly(g.n())}\\, dt`],
];

function matrixBody(g: Gen, rows: number, cols: number, cell: () => string): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) row.push(cell());
    out.push(row.join(' & '));
  }
  return out.join(' \\\\ ');
}

const ENVS = ['pmatrix', 'bmatrix', 'bmatrix', 'pmatrix'];

const MATRIX: Template[] = [
  [1, (g) => { const e = g.pick(ENVS); const a = g.pick(['a', 'x', 'w']); return `${a.toUpperCase()} = \\begin{${e}} ${a}_{11} & ${a}_{12} & \\cdots & ${a}_{1n} \\\\ ${a}_{21} & ${a}_{22} & \\cdots & ${a}_{2n} \\\\ \\vdots & \\vdots & \\ddots & \\vdots \\\\ ${a}_{m1} & ${a}_{m2} & \\cdots & ${a}_{mn} \\end{${e}}`; }],
  [0, (g) => { const e = g.pick(ENVS); const t = g.pick(['\\theta', '\\phi', '\\alpha']); return `R(${t}) = \\begin{${e}} \\cos ${t} & -\\sin ${t} \\\\ \\sin ${t} & \\cos ${t} \\end{${e}}`; }],
  [1, (g) => {
    const e = g.pick(ENVS);
    const n = g.int(2, 2 + Math.round(g.c * 2));
    const cell = () => String(g.chance(0.2) ? 0 : g.int(-5, 9));
    const xs = Array.from({ length: n }, (_, i) => `x_${i + 1}`).join(' \\\\ ');
    const bs = Array.from({ length: n }, () => String(g.int(-9, 20))).join(' \\\\ ');
    return `\\begin{${e}} ${matrixBody(g, n, n, cell)} \\end{${e}} \\begin{${e}} ${xs} \\end{${e}} = \\begin{${e}} ${bs} \\end{${e}}`;
  }],
  [2, (g) => { const e = g.pick(ENVS); return `\\dot{\\mathbf{x}} = \\begin{${e}} 0 & 1 \\\\ -\\frac{k}{m} & -\\frac{b}{m} \\end{${e}} \\mathbf{x} + \\begin{${e}} 0 \\\\ \\frac{1}{m} \\end{${e}} u`; }],
  [1, (g) => { const e = g.pick(ENVS); return `\\Sigma = \\begin{${e}} \\sigma_1^2 & \\rho\\sigma_1\\sigma_2 \\\\ \\rho\\sigma_1\\sigma_2 & \\sigma_2^2 \\end{${e}}`; }],
  [0, (g) => { const [a, b, c, dd] = g.pick([['a', 'b', 'c', 'd'], ['p', 'q', 'r', 's']]); return `\\det ${g.pick(['A', 'M'])} = \\begin{vmatrix} ${a} & ${b} \\\\ ${c} & ${dd} \\end{vmatrix} = ${a}${dd} - ${b}${c}`; }],
  [2, (g) => { const e = g.pick(ENVS); return `J = \\begin{${e}} \\frac{\\partial f_1}{\\partial x_1} & \\cdots & \\frac{\\partial f_1}{\\partial x_n} \\\\ \\vdots & \\ddots & \\vdots \\\\ \\frac{\\partial f_m}{\\partial x_1} & \\cdots & \\frac{\\partial f_m}{\\partial x_n} \\end{${e}}`; }],
  [0, (g) => {
    const e = g.pick(ENVS);
    const r = g.int(2, 3 + Math.round(g.c));
    const c = g.int(2, 3 + Math.round(g.c));
    const cell = () => (g.chance(0.5) ? String(g.int(-3, 9)) : `${g.chance(0.3) ? '-' : ''}${g.pick(['a', 'b', 'c', '\\lambda', '\\alpha', 'k'])}${g.chance(0.3) ? `_${g.int(1, 3)}` : ''}`);
    return `${g.mat()} = \\begin{${e}} ${matrixBody(g, r, c, cell)} \\end{${e}}`;
  }],
  [1, (g) => { const e = g.pick(ENVS); return `\\mathbf{x}_{k+1} = \\begin{${e}} 1 & \\Delta t \\\\ 0 & 1 \\end{${e}} \\mathbf{x}_k + \\begin{${e}} \\frac{1}{2}\\Delta t^2 \\\\ \\Delta t \\end{${e}} a_k`; }],
];

const COND_L = ['x < 0', 'x \\ge 0', '|x| \\le \\delta', '0 \\le t < T', 't \\ge 0', 'i = j', 'i \\neq j', 'x \\in A', 'n \\text{ even}', 'n \\text{ odd}'];

const CASES: Template[] = [
  [0, (g) => { const x = g.v(); return `${g.pick(['f', 'g', '\\phi'])}(${x}) = \\begin{cases} ${g.poly(g.n())} & \\text{if } ${x} < ${g.pick(['0', 'a', '1'])}, \\\\ ${g.poly(g.n())} & \\text{otherwise}. \\end{cases}`; }],
  [1, () => 'L_{\\delta}(a) = \\begin{cases} \\frac{1}{2} a^2 & \\text{for } |a| \\le \\delta, \\\\ \\delta \\left(|a| - \\frac{1}{2}\\delta\\right) & \\text{otherwise.} \\end{cases}'],
  [0, (g) => { const t = g.pick(['t', 'x', 'n']); return `${g.pick(['u', 'H', '\\mathbf{1}'])}(${t}) = \\begin{cases} 1, & ${t} \\ge 0 \\\\ 0, & ${t} < 0 \\end{cases}`; }],
  [0, () => '\\delta_{ij} = \\begin{cases} 1 & \\text{if } i = j, \\\\ 0 & \\text{if } i \\neq j. \\end{cases}'],
  [1, (g) => `\\mathrm{ReLU}(x) = \\begin{cases} x & x > 0 \\\\ ${g.pick(['0', '\\alpha x', '\\alpha (e^{x} - 1)'])} & x \\le 0 \\end{cases}`],
  [2, (g) => {
    const x = g.v();
    const rows = 2 + Math.round(g.c * 2 * g.rng.next());
    const conds = g.rng.shuffle(COND_L).slice(0, rows - 1);
    const lines = conds.map((c) => `${g.poly(g.n())} & ${c.replace(/\bx\b/g, x)}`);
    lines.push(`${g.pick(['0', g.term()])} & \\text{otherwise}`);
    return `${g.lhs()} = \\begin{cases} ${lines.join(' \\\\ ')} \\end{cases}`;
  }],
  [1, (g) => { const [l, e, o] = g.pick([['a_{n+1}', '\\frac{a_n}{2}', '3a_n + 1'], ['T(n)', '2T(n/2) + n', 'T(n-1) + 1'], ['f(n)', 'n/2', '3n + 1']]); return `${l} = \\begin{cases} ${e} & n \\text{ even} \\\\ ${o} & n \\text{ odd} \\end{cases}`; }],
];

/** Fixed multi-line systems: a block takes its first k lines. */
const SYSTEMS: string[][] = [
  ['\\nabla \\cdot \\mathbf{E} &= \\frac{\\rho}{\\varepsilon_0}', '\\nabla \\cdot \\mathbf{B} &= 0', '\\nabla \\times \\mathbf{E} &= -\\frac{\\partial \\mathbf{B}}{\\partial t}', '\\nabla \\times \\mathbf{B} &= \\mu_0 \\mathbf{J} + \\mu_0 \\varepsilon_0 \\frac{\\partial \\mathbf{E}}{\\partial t}'],
  ['m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t', 'v_t &= \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2', '\\hat{m}_t &= \\frac{m_t}{1 - \\beta_1^t}, \\quad \\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t}', '\\theta_t &= \\theta_{t-1} - \\eta \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}'],
  ['\\mathbf{f}_t &= \\sigma(W_f \\mathbf{x}_t + U_f \\mathbf{h}_{t-1} + \\mathbf{b}_f)', '\\mathbf{i}_t &= \\sigma(W_i \\mathbf{x}_t + U_i \\mathbf{h}_{t-1} + \\mathbf{b}_i)', '\\mathbf{c}_t &= \\mathbf{f}_t \\odot \\mathbf{c}_{t-1} + \\mathbf{i}_t \\odot \\tanh(W_c \\mathbf{x}_t + U_c \\mathbf{h}_{t-1} + \\mathbf{b}_c)', '\\mathbf{h}_t &= \\mathbf{o}_t \\odot \\tanh(\\mathbf{c}_t)'],
  ['\\dot{x} &= \\sigma (y - x)', '\\dot{y} &= x (\\rho - z) - y', '\\dot{z} &= x y - \\beta z'],
  ['\\frac{dS}{dt} &= -\\frac{\\beta S I}{N}', '\\frac{dI}{dt} &= \\frac{\\beta S I}{N} - \\gamma I', '\\frac{dR}{dt} &= \\gamma I'],
  ['\\hat{\\mathbf{x}}_{k|k-1} &= F_k \\hat{\\mathbf{x}}_{k-1|k-1} + B_k \\mathbf{u}_k', 'P_{k|k-1} &= F_k P_{k-1|k-1} F_k^{\\top} + Q_k', 'K_k &= P_{k|k-1} H_k^{\\top} (H_k P_{k|k-1} H_k^{\\top} + R_k)^{-1}', '\\hat{\\mathbf{x}}_{k|k} &= \\hat{\\mathbf{x}}_{k|k-1} + K_k (\\mathbf{z}_k - H_k \\hat{\\mathbf{x}}_{k|k-1})'],
  ['\\mathbf{q} &= W_Q \\mathbf{x}, \\quad \\mathbf{k} = W_K \\mathbf{x}, \\quad \\mathbf{v} = W_V \\mathbf{x}', '\\alpha_{ij} &= \\frac{\\exp(\\mathbf{q}_i^{\\top} \\mathbf{k}_j / \\sqrt{d})}{\\sum_{l} \\exp(\\mathbf{q}_i^{\\top} \\mathbf{k}_l / \\sqrt{d})}', '\\mathbf{y}_i &= \\sum_{j} \\alpha_{ij} \\mathbf{v}_j'],
  ['\\nabla \\cdot \\mathbf{u} &= 0', '\\rho \\left( \\frac{\\partial \\mathbf{u}}{\\partial t} + (\\mathbf{u} \\cdot \\nabla) \\mathbf{u} \\right) &= -\\nabla p + \\mu \\nabla^2 \\mathbf{u} + \\mathbf{f}'],
  ['\\mathbf{z}^{(l)} &= W^{(l)} \\mathbf{a}^{(l-1)} + \\mathbf{b}^{(l)}', '\\mathbf{a}^{(l)} &= \\sigma(\\mathbf{z}^{(l)})', '\\boldsymbol{\\delta}^{(l)} &= (W^{(l+1)})^{\\top} \\boldsymbol{\\delta}^{(l+1)} \\odot \\sigma\'(\\mathbf{z}^{(l)})'],
];

function linearSystem(g: Gen, n: number): string[] {
  const vars = g.pick([['x', 'y', 'z', 'w'], ['x_1', 'x_2', 'x_3', 'x_4'], ['a', 'b', 'c', 'd'], ['u', 'v', 'w', 's']]).slice(0, Math.max(2, Math.min(4, n)));
  const rows: string[] = [];
  for (let r = 0; r < n; r++) {
    let s = '';
    vars.forEach((v, i) => {
      let k = g.int(-6, 9);
      if (k === 0 && i > 0) return;
      if (k === 0) k = 1;
      const mag = Math.abs(k) === 1 ? '' : String(Math.abs(k));
      const sign = k < 0 ? '-' : '+';
      s += s === '' ? `${k < 0 ? '-' : ''}${mag}${v}` : ` ${sign} ${mag}${v}`;
    });
    rows.push(`${s} &= ${g.int(-12, 30)}`);
  }
  return rows;
}

/**
 * A derivation that simplifies step by step: each line keeps most terms of the previous one, merges two of
 * them into a new term or rewrites one, so consecutive lines share their symbols.
 */
function chain(g: Gen, lines: number, lhs = g.lhs(), head?: string): string[] {
  let terms = Array.from({ length: Math.max(2, lines + g.int(0, 2)) }, () => g.term());
  if (head !== undefined) terms[0] = head;
  const join = (ts: string[]) => ts.map((t, i) => (i === 0 ? t : `${g.pick(['+', '+', '-'])} ${t}`)).join(' ');
  const rows = [`${lhs} &= ${join(terms)}`];
  while (rows.length < lines) {
    terms = terms.slice();
    if (terms.length > 1 && g.chance(0.7)) {
      const i = g.int(0, terms.length - 2);
      terms.splice(i, 2, g.chance(0.5) ? cat(g.coef() || '2', g.atom()) : `\\left(${terms[i]} + ${terms[i + 1]}\\right)`);
    } else {
      terms[g.int(0, terms.length - 1)] = g.term();
    }
    rows.push(`&${g.pick(['=', '=', '=', '\\le', '\\approx'])} ${join(terms)}`);
  }
  return rows;
}

function alignedBlock(g: Gen, lines: number, kind: FormulaKind): string {
  let rows: string[];
  const r = g.rng.next();
  if (kind === 'aligned' && r < 0.3) rows = linearSystem(g, lines);
  else if (kind === 'aligned' && r < 0.65) {
    const fit = SYSTEMS.filter((sys) => sys.length >= lines);
    rows = fit.length > 0 ? g.pick(fit).slice(0, lines) : chain(g, lines);
  } else if (kind === 'aligned' || g.chance(0.5)) {
    rows = chain(g, lines);
  } else {
    // The kind's own formula as the head term, carried down a simplification.
    const first = makeOne(g, kind);
    const at = first.indexOf('=');
    rows = at >= 0 && !first.includes('\\begin') ? chain(g, lines, first.slice(0, at).trim(), first.slice(at + 1).trim()) : chain(g, lines);
  }
  return `\\begin{aligned} ${rows.join(' \\\\ ')} \\end{aligned}`;
}

const DERIVATIVE: Template[] = [
  [0, (g) => { const u = g.pick(['u', 'T', '\\phi', 'c']); return `\\frac{\\partial ${u}}{\\partial t} = ${g.pick(['\\alpha', 'D', '\\kappa', 'k'])} \\frac{\\partial^2 ${u}}{\\partial x^2}${g.more()}`; }],
  [0, (g) => { const u = g.pick(['u', 'y', '\\psi']); return `\\frac{\\partial^2 ${u}}{\\partial t^2} = c^2 \\nabla^2 ${u}`; }],
  [2, () => 'i\\hbar \\frac{\\partial \\psi}{\\partial t} = -\\frac{\\hbar^2}{2m} \\nabla^2 \\psi + V(\\mathbf{r}, t)\\, \\psi'],
  [1, (g) => { const x = g.pick(['x', 'y', 'q']); const dd = d(g); return `\\frac{${dd}^2 ${x}}{${dd}t^2} + 2\\zeta\\omega_0 \\frac{${dd}${x}}{${dd}t} + \\omega_0^2 ${x} = ${g.pick(['\\frac{F(t)}{m}', '0', 'F_0 \\cos(\\omega t)'])}`; }],
  [1, () => '\\frac{\\partial \\mathcal{L}}{\\partial \\mathbf{w}} = \\frac{\\partial \\mathcal{L}}{\\partial \\hat{y}} \\frac{\\partial \\hat{y}}{\\partial \\mathbf{z}} \\frac{\\partial \\mathbf{z}}{\\partial \\mathbf{w}}'],
  [0, (g) => { const x = g.v(); return `\\frac{${d(g)}}{${d(g)}${x}} \\left( ${g.poly(Math.max(2, g.n()))} \\right) = ${g.poly(g.n())}`; }],
  [1, (g) => { const i = g.pick(['i', 'j', 'k']); return `\\frac{d}{dt} \\frac{\\partial L}{\\partial \\dot{q}_${i}} - \\frac{\\partial L}{\\partial q_${i}} = 0`; }],
  [0, (g) => `${g.pick(['\\theta', '\\mathbf{w}'])}_{t+1} = ${g.pick(['\\theta', '\\mathbf{w}'])}_t - \\eta \\nabla_{${g.pick(['\\theta', '\\mathbf{w}'])}} ${g.pick(['J', '\\mathcal{L}'])}(${g.pick(['\\theta', '\\mathbf{w}'])}_t)`],
  [1, (g) => { const n = g.pick(['N', 'P']); const dd = d(g); return `\\frac{${dd}${n}}{${dd}t} = r ${n} \\left(1 - \\frac{${n}}{K}\\right)`; }],
  [2, (g) => { const u = g.pick(['u', '\\phi', '\\Phi']); return `\\frac{\\partial^2 ${u}}{\\partial x^2} + \\frac{\\partial^2 ${u}}{\\partial y^2} = ${g.pick(['0', '-\\frac{\\rho}{\\varepsilon_0}', 'f(x, y)'])}`; }],
  [1, (g) => `\\frac{\\partial f}{\\partial ${g.v()}} = ${g.poly(g.n())}`],
];

const NORM: Template[] = [
  [1, () => '\\|\\mathbf{x}\\|_p = \\left( \\sum_{i=1}^{n} |x_i|^p \\right)^{1/p}'],
  [2, (g) => `\\hat{\\mathbf{w}} = \\operatorname*{arg\\,min}_{\\mathbf{w}} \\|\\mathbf{y} - X\\mathbf{w}\\|_2^2 + \\lambda ${g.pick(['\\|\\mathbf{w}\\|_1', '\\|\\mathbf{w}\\|_2^2'])}`],
  [0, (g) => g.pick(['|\\langle \\mathbf{u}, \\mathbf{v} \\rangle| \\le \\|\\mathbf{u}\\|\\, \\|\\mathbf{v}\\|', '\\|\\mathbf{x} + \\mathbf{y}\\| \\le \\|\\mathbf{x}\\| + \\|\\mathbf{y}\\|', '\\|A\\mathbf{x}\\|_2 \\le \\|A\\|_2\\, \\|\\mathbf{x}\\|_2'])],
  [1, () => '\\|A\\|_F = \\sqrt{\\sum_{i=1}^{m} \\sum_{j=1}^{n} |a_{ij}|^2} = \\sqrt{\\operatorname{tr}(A^{\\top} A)}'],
  [0, (g) => `\\|f(${g.pick(['\\mathbf{x}', 'x'])}) - f(${g.pick(['\\mathbf{y}', 'y'])})\\| \\le L \\|${g.pick(['\\mathbf{x} - \\mathbf{y}', 'x - y'])}\\|`],
  [2, () => '\\mathcal{L}_{\\text{rec}} = \\mathbb{E}_{x \\sim p_{\\text{data}}} \\left[ \\| x - D(E(x)) \\|_2^2 \\right]'],
  [1, (g) => `${g.pick(['\\mathcal{L}', 'J', 'E'])} = \\frac{1}{${g.pick(['2', 'N', '2N'])}} \\sum_{i=1}^{N} \\left\\| ${g.pick(['\\mathbf{y}_i - f(\\mathbf{x}_i)', '\\mathbf{x}_i - \\hat{\\mathbf{x}}_i', 'W\\mathbf{x}_i - \\mathbf{b}'])} \\right\\|^2${g.more()}`],
  [1, () => '\\|\\mathbf{x}_{k+1} - \\mathbf{x}^{*}\\| \\le \\rho \\|\\mathbf{x}_k - \\mathbf{x}^{*}\\|'],
];

const PROBABILITY: Template[] = [
  [1, (g) => { const x = g.pick(['x', 'y']); return `p(${x} \\mid \\mu, \\sigma^2) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} \\exp\\left( -\\frac{(${x} - \\mu)^2}{2\\sigma^2} \\right)`; }],
  [0, (g) => `P(X = k) = ${g.pick(['\\binom{n}{k} p^k (1 - p)^{n-k}', '\\frac{\\lambda^k e^{-\\lambda}}{k!}', '(1 - p)^{k-1} p'])}`],
  [0, (g) => g.pick(['\\operatorname{Var}(X) = \\mathbb{E}[X^2] - (\\mathbb{E}[X])^2', '\\operatorname{Cov}(X, Y) = \\mathbb{E}[(X - \\mu_X)(Y - \\mu_Y)]', '\\mathbb{E}[aX + bY] = a\\,\\mathbb{E}[X] + b\\,\\mathbb{E}[Y]'])],
  [1, () => 'D_{\\mathrm{KL}}(P \\parallel Q) = \\sum_{x \\in \\mathcal{X}} P(x) \\log \\frac{P(x)}{Q(x)}'],
  [2, () => '\\log p(x) \\ge \\mathbb{E}_{q(z \\mid x)} \\left[ \\log p(x \\mid z) \\right] - D_{\\mathrm{KL}} \\left( q(z \\mid x) \\,\\|\\, p(z) \\right)'],
  [0, (g) => `H(${g.pick(['X', 'Y', 'p'])}) = -\\sum_{i} p_i \\log${g.chance(0.5) ? '_2' : ''} p_i`],
  [0, () => '\\Pr\\left(|X - \\mu| \\ge k\\sigma\\right) \\le \\frac{1}{k^2}'],
  [2, () => '\\mathcal{N}(\\mathbf{x}; \\boldsymbol{\\mu}, \\Sigma) = \\frac{1}{(2\\pi)^{d/2} |\\Sigma|^{1/2}} \\exp\\left( -\\frac{1}{2} (\\mathbf{x} - \\boldsymbol{\\mu})^{\\top} \\Sigma^{-1} (\\mathbf{x} - \\boldsymbol{\\mu}) \\right)'],
  [1, (g) => `p(\\theta \\mid \\mathcal{D}) \\propto p(\\mathcal{D} \\mid \\theta)\\, p(\\theta)`.replace(/\\theta/g, g.pick(['\\theta', '\\mathbf{w}', 'z']))],
  [1, () => 'P\\left( \\left| \\bar{X}_n - \\mu \\right| \\ge \\epsilon \\right) \\le 2 \\exp\\left( -\\frac{2 n \\epsilon^2}{(b - a)^2} \\right)'],
  [0, (g) => `${g.pick(['X', 'Y', 'Z'])} \\sim ${g.pick(['\\mathcal{N}(\\mu, \\sigma^2)', '\\mathrm{Bernoulli}(p)', '\\mathrm{Poisson}(\\lambda)', '\\mathrm{Beta}(\\alpha, \\beta)', '\\mathcal{U}(0, 1)'])}`],
  [1, (g) => { const t = g.pick(['t', 'u', 's']); return `F_X(x) = \\Pr(X \\le x) = \\int_{-\\infty}^{x} f_X(${t})\\, ${d(g)}${t}`; }],
];

const SCRIPT: Template[] = [
  [1, (g) => { const x = g.v(); const a = g.pick(['a', 'c', 'b']); return `p(${x}) = ${a}_n ${x}^n + ${a}_{n-1} ${x}^{n-1} + \\cdots + ${a}_1 ${x} + ${a}_0`; }],
  [1, () => 'T^{\\mu\\nu} = (\\rho + p) u^{\\mu} u^{\\nu} + p\\, g^{\\mu\\nu}'],
  [0, (g) => g.pick(['x_{n+1} = r x_n (1 - x_n)', 'E = m c^2', 'a^2 + b^2 = c^2', 'e^{i\\pi} + 1 = 0', 'F_{n} = F_{n-1} + F_{n-2}', 'PV = n R T'])],
  [1, (g) => { const [h, x, b] = g.pick([['\\mathbf{h}', '\\mathbf{x}', '\\mathbf{b}'], ['h', 'x', 'b']]); return `${h}_t = \\tanh\\left( W_{hh} ${h}_{t-1} + W_{xh} ${x}_t + ${b}_h \\right)`; }],
  [0, (g) => `${g.atom()} ${g.rel()} ${g.poly(g.n() + 1)}`],
  [1, (g) => { const [c, a, b] = g.pick([['C', 'A', 'B'], ['c', 'a', 'b'], ['P', 'Q', 'R'], ['y', 'w', 'x']]); return `${c}_{ij} = \\sum_{k=1}^{${g.pick(['n', 'K', 'm'])}} ${a}_{ik} ${b}_{kj}${g.more()}`; }],
  [0, (g) => `${g.lhs()} = ${g.poly(g.n())}`],
  [2, () => 'R_{\\mu\\nu} - \\frac{1}{2} R\\, g_{\\mu\\nu} + \\Lambda g_{\\mu\\nu} = \\frac{8\\pi G}{c^4} T_{\\mu\\nu}'],
  [1, (g) => `${g.pick(['y', '\\hat{y}'])}_i = \\beta_0 + \\beta_1 x_{i1} + \\beta_2 x_{i2} + \\cdots + \\beta_p x_{ip} + \\varepsilon_i`],
];

const GREEK_T: Template[] = [
  [0, () => '\\Delta G = \\Delta H - T \\Delta S'],
  [0, (g) => g.pick(['\\lambda = \\frac{h}{p}', '\\omega = 2\\pi f', '\\tau = r F \\sin\\theta', '\\Phi_B = B A \\cos\\theta', '\\sigma = \\frac{F}{A}', '\\epsilon = \\frac{\\Delta L}{L_0}'])],
  [1, () => '\\sigma_{ij} = \\lambda \\delta_{ij} \\varepsilon_{kk} + 2\\mu \\varepsilon_{ij}'],
  [2, () => '\\rho \\left( \\frac{\\partial \\mathbf{v}}{\\partial t} + \\mathbf{v} \\cdot \\nabla \\mathbf{v} \\right) = -\\nabla p + \\mu \\nabla^2 \\mathbf{v} + \\mathbf{f}'],
  [1, (g) => `${g.gr()}_{${g.idx()}} = ${g.gr()} ${g.gr()}_{${g.idx()}} + (1 - ${g.gr()})\\, ${g.gr()}_{${g.idx()}-1}${g.more()}`],
  [0, (g) => `${g.GR()}(${g.gr()}) = ${g.gr()} ${g.poly(g.n())}`],
  [1, (g) => `${g.pick(['\\Psi', '\\Phi', '\\psi'])}(${g.pick(['x', 'r'])}, t) = ${g.pick(['A', '\\frac{1}{\\sqrt{2\\pi}}'])} e^{i(k ${g.pick(['x', 'r'])} - \\omega t)}`],
  [1, () => '\\chi^2 = \\sum_{i=1}^{k} \\frac{(O_i - E_i)^2}{E_i}'],
  [0, (g) => `${g.gr()} ${g.rel()} ${g.gr()}${g.chance(0.5) ? '^2' : ''} ${g.pick(['+', '-'])} ${g.gr()} ${g.gr()}${g.more()}`],
];

const BANKS: Record<Exclude<FormulaKind, 'aligned'>, Template[]> = {
  fraction: FRACTION,
  root: ROOT,
  sum: SUM,
  integral: INTEGRAL,
  product: PRODUCT,
  limit: LIMIT,
  matrix: MATRIX,
  cases: CASES,
  derivative: DERIVATIVE,
  norm: NORM,
  probability: PROBABILITY,
  script: SCRIPT,
  greek: GREEK_T,
};

/** How often each kind comes up when none is asked for (roughly what papers show). */
const KIND_WEIGHTS: Record<FormulaKind, number> = {
  fraction: 12, root: 6, sum: 12, integral: 8, product: 3, limit: 3, matrix: 7, cases: 5, aligned: 8,
  derivative: 8, norm: 6, probability: 9, script: 8, greek: 5,
};

function makeOne(g: Gen, kind: Exclude<FormulaKind, 'aligned'>): string {
  const bank = BANKS[kind];
  const w = bank.map(([level]) => 1 / (0.25 + Math.abs(level / 2 - g.c)));
  return bank[g.rng.weighted(w)]![1](g);
}

/**
 * Samples a displayed formula that reads like one from a physics, statistics, ML or engineering paper.
 * The result is plain JSON; every choice comes from `rng`.
 * @example const spec = sampleFormula(createRng(7), { kind: 'fraction', complexity: 0.6 }); typeset(spec.tex, { display: true, fontPx: 20 })
 */
export function sampleFormula(rng: Rng, opts: FormulaOptions = {}): FormulaSpec {
  const c = opts.complexity ?? 0.5;
  if (!(typeof c === 'number' && c >= 0 && c <= 1)) throw invalidParameter('opts.complexity', 'a number in [0, 1]', c);
  const lines = opts.lines ?? 1;
  if (!(Number.isInteger(lines) && lines >= 1 && lines <= 12)) throw invalidParameter('opts.lines', 'an integer in [1, 12]', lines);
  if (opts.kind !== undefined && !(FORMULA_KINDS as readonly string[]).includes(opts.kind)) {
    throw invalidParameter('opts.kind', `one of ${FORMULA_KINDS.join(', ')}`, opts.kind);
  }
  const kinds = FORMULA_KINDS as readonly FormulaKind[];
  const kind: FormulaKind = opts.kind ?? (lines > 1 ? 'aligned' : kinds[rng.weighted(kinds.map((k) => KIND_WEIGHTS[k]))]!);
  const g = new Gen(rng, c);
  if (kind === 'aligned' || lines > 1) {
    const n = kind === 'aligned' && opts.lines === undefined ? 2 + Math.round(c * 2 * rng.next()) : lines;
    return { kind, tex: alignedBlock(g, n, kind), display: true, lines: n };
  }
  return { kind, tex: makeOne(g, kind), display: true, lines: 1 };
}

// ---------------------------------------------------------------------------------------------------------
// Inline formulas

const INLINE: Array<(g: Gen) => string> = [
  (g) => `${g.sym()}_${g.idx()}`,
  (g) => `${g.sym()}^2`,
  (g) => `${g.pick(['O', '\\mathcal{O}'])}(${g.pick(['n \\log n', 'n^2', 'n', '1', 'N d', 'n^3', 'k \\log k', '\\log n'])})`,
  (g) => `p ${g.pick(['<', '<', '\\le'])} ${g.pick(['0.05', '0.01', '0.001'])}`,
  (g) => `${g.vec()} \\in \\mathbb{R}^{${g.pick(['n', 'd', 'm \\times n', 'N', 'D', '3'])}}`,
  (g) => `${g.pick(['n', 'N', 'k', 'd', 'T', 'K', 'B'])} = ${g.pick(['128', '10', '3', '1000', '64', '512', '5', '32'])}`,
  (g) => `${g.gr()} = ${g.pick(['0.1', '0.5', '10^{-3}', '0.99', '1', '2', '0.01', '10^{-4}'])}`,
  (g) => `${g.pick(['f', 'g', 'h', '\\phi'])} \\colon \\mathbb{R}^{${g.pick(['d', 'n'])}} \\to \\mathbb{R}${g.chance(0.4) ? '^{k}' : ''}`,
  (g) => `${g.gr()}_${g.pick(['t', 'k', 'i', '0'])}`,
  (g) => `${g.pick(['k', 'n', '3', 'm'])} \\times ${g.pick(['k', 'n', '3', 'm'])}`,
  (g) => `${g.v()} \\in ${g.pick(['[0, 1]', '[0, T]', '[a, b]', '[-1, 1]', '[0, \\infty)', '(0, 1)'])}`,
  (g) => `${g.gr()} ${g.pick(['>', '<', '\\ge'])} 0`,
  (g) => `\\|${g.pick(['\\mathbf{x}', 'x', 'w', '\\mathbf{w}', 'A'])}\\|${g.pick(['_2', '_1', '', '_F', '_\\infty'])}`,
  (g) => `${g.pick(['i', 'j', 'k'])} = 1, \\dots, ${g.pick(['n', 'N', 'K', 'm'])}`,
  (g) => `\\hat{${g.sym()}}`,
  (g) => `\\mathbb{E}[${g.pick(['X', 'Y', 'X^2', 'f(X)', 'Z'])}]`,
  (g) => `R^2 = 0.${g.int(50, 99)}`,
  (g) => `\\Delta ${g.pick(['t', 'x', 'E', 'T'])}`,
  (g) => `${g.pick(['X', 'Z', '\\epsilon', 'x_i'])} \\sim ${g.pick(['\\mathcal{N}(0, 1)', '\\mathcal{N}(\\mu, \\sigma^2)', 'p(x)', '\\mathcal{U}(0, 1)', '\\mathrm{Bern}(p)'])}`,
  (g) => `\\nabla ${g.pick(['f', '\\mathcal{L}', 'u', 'J(\\theta)'])}`,
  (g) => `${g.mat()} \\in \\mathbb{R}^{${g.pick(['m \\times n', 'n \\times n', 'd \\times k', 'N \\times D'])}}`,
  (g) => `${g.pick(['\\approx', '\\sim', '='])} ${g.int(1, 9)}.${g.int(1, 9)} \\times 10^{${g.pick(['-4', '-3', '3', '6', '-9', '23'])}}`,
  (g) => `${g.v()}_{${g.pick(['ij', 'ik', 'i,j', 'mn'])}}`,
  (g) => `${g.gr()} \\le ${g.gr()}`,
  (g) => `${g.pick(['n', 'N', 't', 'k'])} \\to \\infty`,
  (g) => `${g.pick(['f', 'g', 'u', 'y'])}(${g.pick(['x', 't', 'x, t', '\\mathbf{x}'])})`,
  (g) => `\\frac{${g.int(1, 3)}}{${g.pick(['2', '3', '4', 'n', 'N', '\\sqrt{d}'])}}`,
  (g) => `${g.pick(['\\sqrt{n}', '\\sqrt{2}', '\\sqrt{d_k}', '\\log n', 'e^{-x}', 'x^{\\top} y', 'A^{-1}', 'W^{\\top}'])}`,
  (g) => `\\sum_{i=1}^{${g.pick(['n', 'N'])}} ${g.pick(['x_i', 'w_i', 'a_i b_i', 'p_i'])}`,
  (g) => `${g.sym()}^{(${g.pick(['k', 't', 'i', 'l'])})}`,
  (g) => `${g.pick(['\\alpha', '\\beta', '\\gamma', '\\lambda', '\\mu', '\\sigma', '\\theta', '\\omega', '\\pi', '\\tau'])}`,
  (g) => `${g.int(2, 99)}\\%`,
  (g) => `${g.pick(['\\mathcal{D}', '\\mathcal{X}', '\\mathcal{S}', 'S'])} = ${g.pick(['\\{x_1, \\dots, x_n\\}', '\\{(x_i, y_i)\\}_{i=1}^{N}', '\\{1, 2, \\dots, K\\}'])}`,
];

/**
 * Samples a short inline formula as it appears in running text: $x_i$, $\alpha^2$, $O(n\log n)$, $p<0.05$,
 * $\mathbf{x}\in\mathbb{R}^n$...
 * @example const spec = sampleInlineFormula(createRng(3)); typeset(spec.tex, { display: false, fontPx: 14 })
 */
export function sampleInlineFormula(rng: Rng): FormulaSpec {
  const g = new Gen(rng, 0.3);
  return { kind: 'inline', tex: rng.pick(INLINE)(g), display: false, lines: 1 };
}
