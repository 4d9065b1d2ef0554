/**
 * COCO bbox evaluation, a port of pycocotools' `COCOeval` (evaluate -> accumulate -> summarize) that gives the
 * same numbers, plus F1 figures from the same matching.
 *
 * How it maps onto pycocotools:
 * - `evaluateImg` runs once per (category, image, area range) with maxDet = maxDets[-1], on detections sorted
 *   by descending score (stable) and truncated to maxDet; ground truth is ordered non-ignored first (stable).
 *   Matching is greedy in score order: each detection takes the unmatched ground truth of highest IoU >= t
 *   (later ground truth wins ties; crowd ground truth can be matched again; once a detection holds a regular
 *   match, ignored ground truth is not considered). A detection matched to ignored (crowd / out-of-range)
 *   ground truth is ignored, as is an unmatched detection whose area w*h is outside the range.
 * - `accumulate` takes, per (category, area, maxDet), the first maxDet detections of every image (sorted by
 *   image id), sorts them stably by descending score, and builds the 101-point interpolated precision after
 *   making precision monotone from the right; recall is the last cumulative recall.
 * - `summarize`: means over entries > -1, -1 when there is none.
 * Matching results are kept as one bit per IoU threshold per detection (Uint16Array), IoUs in a reused
 * Float64Array, so nothing is allocated per box pair.
 *
 * Known differences, none of which arise with the default options and valid input:
 * - with `maxDets` other than 100, AP/AP50/... use maxDets[2] (pycocotools' summarize() looks for a literal
 *   100 in that case and prints -1);
 * - inputs pycocotools would crash on or silently drop (see load.ts) are reported as InputErrors.
 * pycocotools' quirk for a ground-truth annotation with id 0 is kept: a detection matched to it is not counted
 * as a true positive (dtMatches stores the gt id and 0 means "unmatched").
 */
import { invalidParameter } from '../../errors.js';
import { prepareDetections, prepareGroundTruth, type PreparedDt, type PreparedGt } from './load.js';
import type { CategoryResult, CocoDetection, CocoGroundTruth, CocoSummary, DetectionSet, EvaluateOptions, EvaluationResult, F1Counts } from './types.js';

/** Like `np.linspace(start, stop, num)` (same float64 arithmetic, so the same values). */
function linspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const step = (stop - start) / div;
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

/** IoU thresholds .50:.05:.95, as pycocotools computes them (0.8999999999999999 included). */
export const IOU_THRESHOLDS: readonly number[] = linspace(0.5, 0.95, Math.round((0.95 - 0.5) / 0.05) + 1);
/** Recall thresholds 0:.01:1 (101 points). */
export const RECALL_THRESHOLDS: readonly number[] = linspace(0.0, 1.0, Math.round((1.0 - 0.0) / 0.01) + 1);
/** Area ranges all, small, medium, large, compared with the ground truth's `area` (both ends inclusive). */
export const AREA_RANGES: readonly (readonly [number, number])[] = [
  [0 ** 2, 1e5 ** 2],
  [0 ** 2, 32 ** 2],
  [32 ** 2, 96 ** 2],
  [96 ** 2, 1e5 ** 2],
];
export const AREA_LABELS = ['all', 'small', 'medium', 'large'] as const;

/** numpy's `np.spacing(1)`. */
const EPS = Number.EPSILON;

/** Growable scratch buffers reused across cells. */
class Scratch {
  ious = new Float64Array(256);
  order = new Int32Array(64);
  ig = new Uint8Array(64);
  crowd = new Uint8Array(64);
  zero = new Uint8Array(64);
  gtm = new Uint8Array(1024);
  ensure(G: number, D: number, T: number): void {
    if (this.ious.length < G * D) this.ious = new Float64Array(Math.max(G * D, this.ious.length * 2));
    if (this.order.length < G) {
      const n = Math.max(G, this.order.length * 2);
      this.order = new Int32Array(n);
      this.ig = new Uint8Array(n);
      this.crowd = new Uint8Array(n);
      this.zero = new Uint8Array(n);
    }
    if (this.gtm.length < G * T) this.gtm = new Uint8Array(Math.max(G * T, this.gtm.length * 2));
  }
}

/** Per-detection matching bits for each area range: bit t set = matched (resp. ignored) at threshold t. */
interface Matches {
  matched: Uint16Array[];
  ignored: Uint16Array[];
  /** Non-ignored ground truth per (area a, category k) at index a * K + k. */
  npig: Int32Array;
}

/**
 * pycocotools' evaluate(): matching for every (category, image, area range). Area 0 ("all") is matched at
 * `thrsAll` (the 10 standard thresholds, plus the F1 threshold when it is not one of them); the others at
 * the 10 standard ones.
 */
function matchAll(g: PreparedGt, d: PreparedDt, maxDet: number, thrsAll: readonly number[]): Matches {
  const K = g.catIds.length;
  const I = g.imgIds.length;
  const A = AREA_RANGES.length;
  const matched = Array.from({ length: A }, () => new Uint16Array(d.count));
  const ignored = Array.from({ length: A }, () => new Uint16Array(d.count));
  const npig = new Int32Array(A * K);
  const s = new Scratch();
  const T0 = IOU_THRESHOLDS.length;
  const limits = thrsAll.map((t) => Math.min(t, 1 - 1e-10));
  const { x: gx, y: gy, w: gw, h: gh, area: garea, crowd: gcrowd, zeroId: gzero } = g;
  const { x: dx, y: dy, w: dw, h: dh } = d;

  for (let k = 0; k < K; k++) {
    for (let i = 0; i < I; i++) {
      const c = k * I + i;
      const g0 = g.cellStart[c]!;
      const G = g.cellStart[c + 1]! - g0;
      const d0 = d.cellStart[c]!;
      const D = Math.min(d.cellStart[c + 1]! - d0, maxDet);
      if (G === 0 && D === 0) continue;
      s.ensure(G, D, thrsAll.length);
      const { ious, order, ig, crowd, zero, gtm } = s;
      // maskUtils.iou for boxes (bbIou): ious[dd * G + gg], original ground-truth order.
      if (G > 0 && D > 0) {
        for (let dd = 0; dd < D; dd++) {
          const p = d0 + dd;
          const X = dx[p]!;
          const Y = dy[p]!;
          const W = dw[p]!;
          const H = dh[p]!;
          const da = W * H;
          for (let gg = 0; gg < G; gg++) {
            const q = g0 + gg;
            let v = 0;
            const iw = Math.min(W + X, gw[q]! + gx[q]!) - Math.max(X, gx[q]!);
            if (iw > 0) {
              const ih = Math.min(H + Y, gh[q]! + gy[q]!) - Math.max(Y, gy[q]!);
              if (ih > 0) {
                const inter = iw * ih;
                v = inter / (gcrowd[q] ? da : da + gw[q]! * gh[q]! - inter);
              }
            }
            ious[dd * G + gg] = v;
          }
        }
      }
      for (let a = 0; a < A; a++) {
        const [lo, hi] = AREA_RANGES[a]!;
        // Ground truth ordered non-ignored first, each group in file order (argsort(_ignore, mergesort)).
        let n = 0;
        for (let gg = 0; gg < G; gg++) {
          const q = g0 + gg;
          const ar = garea[q]!;
          if (!(gcrowd[q] || ar < lo || ar > hi)) order[n++] = gg;
        }
        npig[a * K + k]! += n;
        for (let gg = 0; gg < G; gg++) {
          const q = g0 + gg;
          const ar = garea[q]!;
          if (gcrowd[q] || ar < lo || ar > hi) order[n++] = gg;
        }
        if (D === 0) continue;
        const mArr = matched[a]!;
        const iArr = ignored[a]!;
        const Ta = a === 0 ? thrsAll.length : T0;
        if (G > 0) {
          for (let gi = 0; gi < G; gi++) {
            const q = g0 + order[gi]!;
            const ar = garea[q]!;
            ig[gi] = gcrowd[q] || ar < lo || ar > hi ? 1 : 0;
            crowd[gi] = gcrowd[q]!;
            zero[gi] = gzero[q]!;
          }
          gtm.fill(0, 0, Ta * G);
          for (let t = 0; t < Ta; t++) {
            const limit = limits[t]!;
            const bit = 1 << t;
            const base = t * G;
            for (let dd = 0; dd < D; dd++) {
              let best = limit;
              let m = -1;
              const row = dd * G;
              for (let gi = 0; gi < G; gi++) {
                if (gtm[base + gi] && !crowd[gi]) continue;
                if (m > -1 && ig[m] === 0 && ig[gi] === 1) break;
                const v = ious[row + order[gi]!]!;
                if (v < best) continue;
                best = v;
                m = gi;
              }
              if (m === -1) continue;
              if (ig[m]) iArr[d0 + dd]! |= bit;
              if (!zero[m]) mArr[d0 + dd]! |= bit;
              gtm[base + m] = 1;
            }
          }
        }
        // Unmatched detections outside the area range are ignored.
        const all = (1 << Ta) - 1;
        for (let dd = 0; dd < D; dd++) {
          const p = d0 + dd;
          const ar = dw[p]! * dh[p]!;
          if (ar < lo || ar > hi) iArr[p]! |= ~mArr[p]! & all;
        }
      }
    }
  }
  return { matched, ignored, npig };
}

/** Mean of the entries > -1, or -1 if there is none (pycocotools' `_summarize`). */
function meanValid(values: Iterable<number>): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v > -1) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? -1 : sum / n;
}

function rates(tp: number, fp: number, fn: number): F1Counts {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

function checkOptions(options: EvaluateOptions): { iouThreshold: number; scoreThreshold: number; maxDet: number } {
  const { iouThreshold = 0.5, scoreThreshold = 0.5, maxDets = 100 } = options;
  if (typeof iouThreshold !== 'number' || !(iouThreshold > 0 && iouThreshold <= 1)) throw invalidParameter('iouThreshold', 'a number in (0, 1]', iouThreshold);
  if (typeof scoreThreshold !== 'number' || !Number.isFinite(scoreThreshold)) throw invalidParameter('scoreThreshold', 'a finite number', scoreThreshold);
  if (!Number.isSafeInteger(maxDets) || maxDets < 10) throw invalidParameter('maxDets', 'an integer >= 10', maxDets);
  return { iouThreshold, scoreThreshold, maxDet: maxDets };
}

/**
 * Evaluates bbox detections against COCO ground truth: pycocotools' 12 summary stats, AP per category, and
 * precision / recall / F1 per category at one IoU and score threshold.
 *
 * F1 uses pycocotools' own matching (area all, top `maxDets` detections per image and category, all scores):
 * a counted detection (score >= scoreThreshold, not matched to a crowd) is a TP if matched, else a FP;
 * FN = non-crowd ground truth - TP, so ground truth matched only by a detection under the score threshold is
 * missed. Micro figures sum TP/FP/FN over categories; macro F1 averages the categories with any non-crowd
 * ground truth or counted detection.
 *
 * @param gt parsed COCO ground truth (from `loadCoco`/`parseGroundTruth`, or any object, validated here).
 *   It is validated and indexed once, then cached by identity: do not mutate it between evaluations.
 * @param dt detections from `loadDetections`/`parseDetections`, or a plain array of COCO results.
 * @throws InputError for invalid ground truth or detections; UsageError for bad options.
 * @example const r = evaluate(await loadCoco('gt.json'), await loadDetections('dt.json', gt)); r.summary.AP
 */
export function evaluate(gt: CocoGroundTruth, dt: DetectionSet | readonly CocoDetection[], options: EvaluateOptions = {}): EvaluationResult {
  const { iouThreshold, scoreThreshold, maxDet } = checkOptions(options);
  const g = prepareGroundTruth(gt);
  const { dt: d, skipped } = prepareDetections(dt, g);
  const maxDets: [number, number, number] = [1, 10, maxDet];

  const thrsAll = [...IOU_THRESHOLDS];
  let tF = thrsAll.findIndex((t) => Math.abs(t - iouThreshold) < 1e-9);
  if (tF < 0) {
    tF = thrsAll.length;
    thrsAll.push(iouThreshold);
  }
  const { matched, ignored, npig } = matchAll(g, d, maxDet, thrsAll);

  // accumulate()
  const T = IOU_THRESHOLDS.length;
  const R = RECALL_THRESHOLDS.length;
  const K = g.catIds.length;
  const I = g.imgIds.length;
  const A = AREA_RANGES.length;
  const M = maxDets.length;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const pIdx = (t: number, r: number, k: number, a: number, m: number): number => (((t * R + r) * K + k) * A + a) * M + m;
  const rIdx = (t: number, k: number, a: number, m: number): number => ((t * K + k) * A + a) * M + m;
  let rc = new Float64Array(1024);
  let pr = new Float64Array(1024);
  const f1Counts: F1Counts[] = [];
  const bitF = 1 << tF;

  for (let k = 0; k < K; k++) {
    const lo = d.cellStart[k * I]!;
    const hi = d.cellStart[(k + 1) * I]!;
    const slots: number[] = [];
    for (let p = lo; p < hi; p++) if (d.rank[p]! < maxDet) slots.push(p);
    // Concatenation order is (image id, rank in image) = slot order; stable sort by descending score.
    slots.sort((u, v) => d.score[v]! - d.score[u]! || u - v);
    const lists = maxDets.map((md) => Int32Array.from(md >= maxDet ? slots : slots.filter((p) => d.rank[p]! < md)));
    if (rc.length < slots.length) {
      rc = new Float64Array(slots.length);
      pr = new Float64Array(slots.length);
    }
    for (let a = 0; a < A; a++) {
      const np = npig[a * K + k]!;
      if (np === 0) continue;
      const mArr = matched[a]!;
      const iArr = ignored[a]!;
      for (let m = 0; m < M; m++) {
        const list = lists[m]!;
        const nd = list.length;
        for (let t = 0; t < T; t++) {
          const bit = 1 << t;
          let tp = 0;
          let fp = 0;
          for (let j = 0; j < nd; j++) {
            const p = list[j]!;
            if (!(iArr[p]! & bit)) {
              if (mArr[p]! & bit) tp++;
              else fp++;
            }
            rc[j] = tp / np;
            pr[j] = tp / (fp + tp + EPS);
          }
          recall[rIdx(t, k, a, m)] = nd ? rc[nd - 1]! : 0;
          for (let j = nd - 1; j > 0; j--) if (pr[j]! > pr[j - 1]!) pr[j - 1] = pr[j]!;
          // q[ri] = pr[searchsorted(rc, recThr, 'left')]; zeros once the index runs past the end.
          let j = 0;
          for (let r = 0; r < R; r++) {
            const thr = RECALL_THRESHOLDS[r]!;
            while (j < nd && rc[j]! < thr) j++;
            precision[pIdx(t, r, k, a, m)] = j < nd ? pr[j]! : 0;
          }
        }
      }
    }
    // F1 at (iouThreshold, scoreThreshold), area all, maxDet.
    let tp = 0;
    let fp = 0;
    for (const p of slots) {
      if (d.score[p]! < scoreThreshold || ignored[0]![p]! & bitF) continue;
      if (matched[0]![p]! & bitF) tp++;
      else fp++;
    }
    f1Counts.push(rates(tp, fp, npig[k]! - tp));
  }

  // summarize()
  function* apSel(t: number | undefined, a: number, m: number): Generator<number> {
    for (let ti = 0; ti < T; ti++) {
      if (t !== undefined && ti !== t) continue;
      for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) yield precision[pIdx(ti, r, k, a, m)]!;
    }
  }
  function* arSel(a: number, m: number): Generator<number> {
    for (let t = 0; t < T; t++) for (let k = 0; k < K; k++) yield recall[rIdx(t, k, a, m)]!;
  }
  const t50 = IOU_THRESHOLDS.indexOf(0.5);
  const t75 = IOU_THRESHOLDS.indexOf(0.75);
  const summary: CocoSummary = {
    AP: meanValid(apSel(undefined, 0, 2)),
    AP50: meanValid(apSel(t50, 0, 2)),
    AP75: meanValid(apSel(t75, 0, 2)),
    APs: meanValid(apSel(undefined, 1, 2)),
    APm: meanValid(apSel(undefined, 2, 2)),
    APl: meanValid(apSel(undefined, 3, 2)),
    AR1: meanValid(arSel(0, 0)),
    AR10: meanValid(arSel(0, 1)),
    AR100: meanValid(arSel(0, 2)),
    ARs: meanValid(arSel(1, 2)),
    ARm: meanValid(arSel(2, 2)),
    ARl: meanValid(arSel(3, 2)),
  };

  const per_category: Record<string, CategoryResult> = {};
  let sumTp = 0;
  let sumFp = 0;
  let sumFn = 0;
  let macroSum = 0;
  let macroN = 0;
  for (let k = 0; k < K; k++) {
    const f = f1Counts[k]!;
    function* catSel(): Generator<number> {
      for (let t = 0; t < T; t++) for (let r = 0; r < R; r++) yield precision[pIdx(t, r, k, 0, 2)]!;
    }
    per_category[g.catNames[k]!] = { AP: meanValid(catSel()), ...f };
    sumTp += f.tp;
    sumFp += f.fp;
    sumFn += f.fn;
    if (f.tp + f.fp + f.fn > 0) {
      macroSum += f.f1;
      macroN++;
    }
  }

  return {
    summary,
    per_category,
    micro: rates(sumTp, sumFp, sumFn),
    macro_f1: macroN > 0 ? macroSum / macroN : -1,
    counts: { images: I, gt: g.count, dt: d.count, ...(skipped && { skipped }) },
    params: { iouThreshold, scoreThreshold, maxDets },
  };
}
