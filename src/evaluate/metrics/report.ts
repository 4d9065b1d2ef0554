/**
 * A plain-text report of an evaluation: pycocotools' 12 summary lines, then a per-category table.
 */
import { AREA_LABELS, IOU_THRESHOLDS } from './cocoeval.js';
import type { CocoSummary, EvaluationResult } from './types.js';

const f3 = (v: number): string => v.toFixed(3);
const f2 = (v: number): string => v.toFixed(2);

/** One pycocotools summary line: ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.310`. */
function statLine(ap: boolean, iou: number | undefined, area: (typeof AREA_LABELS)[number], maxDets: number, value: number): string {
  const title = (ap ? 'Average Precision' : 'Average Recall').padEnd(18);
  const type = ap ? '(AP)' : '(AR)';
  const iouStr = iou === undefined ? `${f2(IOU_THRESHOLDS[0]!)}:${f2(IOU_THRESHOLDS[IOU_THRESHOLDS.length - 1]!)}` : f2(iou);
  return ` ${title} ${type} @[ IoU=${iouStr.padEnd(9)} | area=${area.padStart(6)} | maxDets=${String(maxDets).padStart(3)} ] = ${f3(value)}`;
}

/**
 * Formats an evaluation as aligned text: the 12 stats in pycocotools' wording, then AP, precision, recall,
 * F1, TP, FP and FN per category, with the micro and macro figures.
 * @example console.log(formatReport(evaluate(gt, dets)));
 */
export function formatReport(result: EvaluationResult): string {
  const s: CocoSummary = result.summary;
  const [m0, m1, m2] = result.params.maxDets;
  const lines = [
    statLine(true, undefined, 'all', m2, s.AP),
    statLine(true, 0.5, 'all', m2, s.AP50),
    statLine(true, 0.75, 'all', m2, s.AP75),
    statLine(true, undefined, 'small', m2, s.APs),
    statLine(true, undefined, 'medium', m2, s.APm),
    statLine(true, undefined, 'large', m2, s.APl),
    statLine(false, undefined, 'all', m0, s.AR1),
    statLine(false, undefined, 'all', m1, s.AR10),
    statLine(false, undefined, 'all', m2, s.AR100),
    statLine(false, undefined, 'small', m2, s.ARs),
    statLine(false, undefined, 'medium', m2, s.ARm),
    statLine(false, undefined, 'large', m2, s.ARl),
  ];

  const { iouThreshold, scoreThreshold } = result.params;
  const names = Object.keys(result.per_category);
  const header = ['category', 'AP', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN'];
  const rows: string[][] = names.map((name) => {
    const c = result.per_category[name]!;
    return [name, c.AP < 0 ? '-' : f3(c.AP), f3(c.precision), f3(c.recall), f3(c.f1), String(c.tp), String(c.fp), String(c.fn)];
  });
  const mi = result.micro;
  const foot = ['micro', '', f3(mi.precision), f3(mi.recall), f3(mi.f1), String(mi.tp), String(mi.fp), String(mi.fn)];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length), foot[j]!.length));
  const fmt = (r: string[]): string => r.map((v, j) => (j === 0 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');

  lines.push(
    '',
    `Per category: AP@[IoU=0.50:0.95 | area=all | maxDets=${m2}]; precision, recall, F1 at IoU >= ${f2(iouThreshold)}, score >= ${scoreThreshold}`,
    fmt(header),
    rule,
    ...rows.map(fmt),
    rule,
    fmt(foot),
    `macro F1 (over ${names.filter((n) => { const c = result.per_category[n]!; return c.tp + c.fp + c.fn > 0; }).length} categories with ground truth or detections) = ${result.macro_f1 < 0 ? '-' : f3(result.macro_f1)}`,
  );
  const { images, gt, dt, skipped } = result.counts;
  lines.push(`${images} images, ${gt} ground-truth boxes, ${dt} detections${skipped ? `, ${skipped.total} records skipped (${Object.entries(skipped.reasons).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
  return lines.join('\n');
}
