/**
 * A grouped bar chart (PNG) of per-class F1 by experiment arm; where the arms are means over real sets or document
 * splits, a whisker spans each bar's min–max.
 */
import { familyName, whiteCanvas } from '../render/index.js';
import type { ExperimentResult } from './experiment.js';

const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

/**
 * PNG bytes of the chart: one group of bars per class (and macro F1), one bar per arm.
 * @example await writeFile('experiment-f1.png', experimentChart(result));
 */
export function experimentChart(r: ExperimentResult): Buffer {
  const groups = [...r.classes.filter((c) => r.arms.some((a) => a.f1[c] !== null)), 'macro F1'];
  const arms = r.arms;
  const W = Math.max(900, 110 + groups.length * (arms.length * 14 + 24));
  const H = 520;
  const left = 60;
  const top = 50;
  const bottom = H - 110;
  const { canvas, ctx } = whiteCanvas(W, H);
  ctx.font = `bold 16px "${familyName('liberation-sans')}"`;
  const sets = r.sets?.length ?? 1;
  const repeats = r.repeats ?? 1;
  const over = sets > 1 ? `, mean of ${sets} real sets` : repeats > 1 ? `, mean of ${repeats} splits` : '';
  ctx.fillText(`Per-class F1 on real test pages (labels: ${r.labels}${over})`, left, 28);
  ctx.font = `12px "${familyName('liberation-sans')}"`;
  const y = (v: number) => bottom - v * (bottom - top);
  for (let k = 0; k <= 10; k += 2) {
    const yy = Math.round(y(k / 10)) + 0.5;
    ctx.fillStyle = '#dddddd';
    ctx.fillRect(left, yy, W - left - 20, 1);
    ctx.fillStyle = '#333333';
    ctx.fillText((k / 10).toFixed(1), 20, yy + 4);
  }
  const slot = (W - left - 20) / groups.length;
  const bw = Math.min(14, (slot - 16) / arms.length);
  groups.forEach((g, gi) => {
    const x0 = left + gi * slot + (slot - bw * arms.length) / 2;
    arms.forEach((a, ai) => {
      const v = g === 'macro F1' ? a.macroF1 : a.f1[g];
      if (v === null || v === undefined) return;
      ctx.fillStyle = COLOURS[ai % COLOURS.length]!;
      ctx.fillRect(x0 + ai * bw, y(v), bw - 1, bottom - y(v));
      const s = 'spread' in a ? (g === 'macro F1' ? a.spread.macroF1 : a.spread.f1[g]) : undefined;
      if (s && s.n > 1 && s.max > s.min) {
        const cx = Math.round(x0 + ai * bw + (bw - 1) / 2) + 0.5;
        ctx.fillStyle = '#222222';
        ctx.fillRect(cx - 0.5, y(s.max), 1, y(s.min) - y(s.max));
        ctx.fillRect(cx - 2.5, y(s.max), 5, 1);
        ctx.fillRect(cx - 2.5, y(s.min), 5, 1);
      }
    });
    ctx.save();
    ctx.fillStyle = '#111111';
    ctx.translate(left + gi * slot + slot / 2, bottom + 10);
    ctx.rotate(Math.PI / 5);
    ctx.fillText(g, 0, 0);
    ctx.restore();
  });
  let lx = left;
  let ly = H - 28;
  arms.forEach((a, ai) => {
    const label = `${a.name} (${a.trainReal}+${a.trainSynthetic})`;
    const w = ctx.measureText(label).width + 30;
    if (lx + w > W - 10) {
      lx = left;
      ly += 16;
    }
    ctx.fillStyle = COLOURS[ai % COLOURS.length]!;
    ctx.fillRect(lx, ly - 10, 12, 12);
    ctx.fillStyle = '#111111';
    ctx.fillText(label, lx + 16, ly);
    lx += w;
  });
  return canvas.toBuffer('image/png');
}
