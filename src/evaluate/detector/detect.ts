/**
 * Detection: analyse the page, merge segments the pair classifier joins, classify each group.
 */
import type { XYXY } from '../../types.js';
import { analysePage, PAIR_FEATURES, type PageAnalysis } from './analysis.js';
import { refineToInk, toCoco, type CocoBox } from './boxes.js';
import { predictProba, type BoostedTrees } from './gbdt.js';
import { loadGrey, preparePage, type GreyImage } from './image.js';
import type { DetectorModel } from './model.js';
import { bestCut, buildHierarchy } from './hierarchy.js';

/** A detection in COCO pixel coordinates. */
export interface Detection {
  cls: string;
  bbox: CocoBox;
  score: number;
}

/** Scores under this are not reported. */
const MIN_SCORE = 0.02;

/** "Same region" probability of every candidate pair of a page. */
export function pairProbabilities(model: BoostedTrees, page: PageAnalysis): Float64Array {
  const n = page.pairA.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = predictProba(model, page.pairX, k * PAIR_FEATURES)[1]!;
  return out;
}

/**
 * Scored regions of an analysed page: every region of the grouping hierarchy with its class probabilities;
 * regions outside the best cut of the hierarchy have their scores multiplied by the model's penalty.
 */
export function detectOnPage(model: DetectorModel, page: PageAnalysis, img?: GreyImage): Array<{ cls: number; box: XYXY; score: number }> {
  const probs = pairProbabilities(model.pairModel, page);
  const { nodes, features, roots } = buildHierarchy(page, probs, model.levels);
  const cls = features.map((x) => predictProba(model.regionModel, x, 0));
  const background = model.classes.length;
  const chosen = bestCut(nodes, roots, (i) => 1 - cls[i]![background]!);
  const out: Array<{ cls: number; box: XYXY; score: number }> = [];
  nodes.forEach(({ region }, i) => {
    const factor = chosen.has(i) ? 1 : model.altPenalty;
    const box = img ? refineToInk(img, region) : { x0: region.x0, y0: region.y0, x1: region.x1, y1: region.y1 };
    for (let c = 0; c < background; c++) {
      const score = cls[i]![c]! * factor;
      if (score >= MIN_SCORE) out.push({ cls: c, box, score });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}

/** A page image loaded and analysed: what every model's detection on it starts from (`analyseImage`). */
export interface AnalysedImage {
  img: GreyImage;
  page: PageAnalysis;
  /** Scale from the analysed image to the page's COCO pixels. */
  sx: number;
  sy: number;
}

/**
 * Loads and analyses a page image once, for detecting with several models (`detectAnalysed`); the analysis
 * does not depend on the model, only on whether the page is prepared (`prepare`, default true: the paper
 * flattened and the scan's surround cleared, image.ts `preparePage`; a model trained with `prepare: false` wants
 * false).
 * @example const a = await analyseImage(page); const byModel = models.map((m) => detectAnalysed(m, a));
 */
export async function analyseImage(image: { path: string; width: number; height: number }, options: { prepare?: boolean } = {}): Promise<AnalysedImage> {
  const grey = await loadGrey(image.path);
  const { image: img, cc } = options.prepare === false ? { image: grey, cc: undefined } : preparePage(grey);
  return { img, page: analysePage(img, cc), sx: image.width / img.width, sy: image.height / img.height };
}

/**
 * Detections of a model on an analysed page image: the same as `detect` on that image (when the image was analysed
 * with the model's `prepare` setting).
 * @example detectAnalysed(model, await analyseImage({ path: 'page.png', width: 1240, height: 1754 }))
 */
export function detectAnalysed(model: DetectorModel, a: AnalysedImage): Detection[] {
  return detectOnPage(model, a.page, a.img).map((d) => ({
    cls: model.classes[d.cls]!,
    bbox: toCoco({ x0: d.box.x0 * a.sx, y0: d.box.y0 * a.sy, x1: d.box.x1 * a.sx, y1: d.box.y1 * a.sy }),
    score: Number(d.score.toFixed(6)),
  }));
}

/**
 * Detects the layout regions of one page image: scored boxes for every class of the model.
 * @example const dets = await detect(model, { path: 'page.png', width: 1240, height: 1754 });
 */
export async function detect(model: DetectorModel, image: { path: string; width: number; height: number }): Promise<Detection[]> {
  return detectAnalysed(model, await analyseImage(image, { prepare: model.prepare !== false }));
}
