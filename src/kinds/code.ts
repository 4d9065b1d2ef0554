/**
 * Code listing: monospace lines with indentation, optional line numbers and a shaded background (Code class).
 */
import { MIN_GAP, num, bool } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import { baseline } from '../render/index.js';
import type { KindModule } from './types.js';

const NAMES = ['data', 'result', 'items', 'count', 'total', 'config', 'buffer', 'index', 'value', 'node', 'queue', 'cache', 'path', 'score', 'batch', 'model', 'user', 'request', 'response', 'rows'];
const FUNCS = ['load', 'parse', 'update', 'compute', 'render', 'fetch', 'validate', 'merge', 'split', 'train', 'encode', 'resolve', 'normalize', 'filter'];

/** Lines of plausible code (Python-, C- or JS-like), `n` of them, with indentation levels. */
export function codeLines(rng: Rng, n: number): Array<{ indent: number; text: string }> {
  const lang = rng.pick(['py', 'c', 'js']);
  const v = () => rng.pick(NAMES);
  const f = () => rng.pick(FUNCS);
  const out: Array<{ indent: number; text: string }> = [];
  let depth = 0;
  while (out.length < n) {
    const r = rng.next();
    if (depth === 0 || r < 0.15) {
      depth = 0;
      const name = `${f()}_${v()}`;
      out.push({ indent: 0, text: lang === 'py' ? `def ${name}(${v()}, ${v()}=None):` : lang === 'c' ? `int ${name}(const char *${v()}, size_t n) {` : `function ${name}(${v()}, ${v()}) {` });
      depth = 1;
    } else if (r < 0.3 && depth < 3) {
      out.push({ indent: depth, text: lang === 'py' ? `for ${v()} in ${v()}:` : lang === 'c' ? `for (int i = 0; i < n; i++) {` : `for (const ${v()} of ${v()}) {` });
      depth++;
    } else if (r < 0.42 && depth < 3) {
      out.push({ indent: depth, text: lang === 'py' ? `if ${v()} is not None and ${v()} > ${rng.int(0, 99)}:` : `if (${v()} > ${rng.int(0, 99)}) {` });
      depth++;
    } else if (r < 0.5) {
      out.push({ indent: depth, text: lang === 'py' ? `# ${rng.pick(['TODO: handle', 'update the', 'skip empty', 'normalise the'])} ${v()}` : `// ${rng.pick(['TODO: handle', 'update the', 'skip empty', 'normalise the'])} ${v()}` });
    } else if (r < 0.62 && depth > 1) {
      if (lang !== 'py') out.push({ indent: depth - 1, text: '}' });
      depth--;
    } else if (r < 0.7) {
      out.push({ indent: depth, text: lang === 'py' ? `return ${v()}` : `return ${v()};` });
    } else {
      const rhs = rng.pick([`${f()}(${v()}, ${rng.int(1, 64)})`, `${v()} + ${rng.int(1, 9)}`, `${v()}[${rng.int(0, 9)}]`, `"${rng.pick(['utf-8', 'ok', 'error', 'id'])}"`, `${v()}.${f()}()`]);
      out.push({ indent: depth, text: lang === 'py' ? `${v()} = ${rhs}` : lang === 'c' ? `${v()} = ${rhs};` : `const ${v()} = ${rhs};` });
    }
  }
  return out.slice(0, n);
}

export const code: KindModule = {
  name: 'code',
  description: 'Code listing in a monospace font: indentation, optional line numbers and shading.',
  placement: 'body',
  defaults: {
    lines: { dist: 'poisson', params: { lambda: 9 }, min: 3, max: 30 },
    line_numbers: { dist: 'bernoulli', params: { p: 0.4 } },
    shaded: { dist: 'bernoulli', params: { p: 0.5 } },
  },
  parts: {
    code: {
      category: 'Code',
      fill(b, kit) {
        return { type: 'custom', data: { lines: codeLines(kit.rng, Number(b.part.lines ?? 5)), font: kit.font, numbered: b.part.numbered === true, shaded: b.part.shaded === true } };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as { lines: Array<{ indent: number; text: string }>; font: string; numbered: boolean; shaded: boolean };
        const { x0, y0, x1, y1 } = b.rect;
        if (d.shaded) {
          ctx.fillStyle = '#f1f1f1';
          ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        }
        ctx.font = d.font;
        const charW = ctx.measureText('M').width;
        const pad = d.shaded ? charW : 1;
        const numW = d.numbered ? charW * 4 : 0;
        d.lines.forEach((l, k) => {
          const y = baseline(b, k);
          if (d.numbered) {
            ctx.fillStyle = '#888888';
            const s = String(k + 1);
            ctx.fillText(s, x0 + pad + numW - charW - ctx.measureText(s).width, y);
          }
          ctx.fillStyle = b.style.color;
          ctx.fillText(l.text, x0 + pad + numW + l.indent * charW * 4, y);
        });
      },
    },
  },
  units(u, el, i) {
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 8)));
    const style = u.g.style(0.85, { family: u.g.codeFamily, spacing: 1.35 });
    return [u.fixedUnit('code', i, style, lines * style.lineHeightPx + 4, { lines, numbered: bool(el.params, 'line_numbers', false), shaded: bool(el.params, 'shaded', false) }, Math.max(MIN_GAP, u.displaySpace), Math.max(MIN_GAP, u.displaySpace))];
  },
};
