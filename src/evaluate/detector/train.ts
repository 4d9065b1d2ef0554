/**
 * Training: learn "same region?" on adjacent segment pairs from ground truth, then learn each region's class
 * on the groups the pair model forms (and on the ground-truth groups).
 */
import { analysePage, PAIR_FEATURES, type PageAnalysis } from './analysis.js';
import { assignToBoxes, fromCoco, iou, type CocoBox } from './boxes.js';
import { DEFAULT_BOOST, trainBoosted, compactTrees, type BoostOptions } from './gbdt.js';
import { loadGrey, preparePage } from './image.js';
import { MODEL_FORMAT, MODEL_VERSION, type DetectorModel } from './model.js';
import { pairProbabilities } from './detect.js';
import { buildHierarchy, LEVELS } from './hierarchy.js';
import { makeRegions, REGION_FEATURES, regionFeatures, type Region } from './regions.js';
import type { XYXY } from '../../types.js';

/** One labelled training page. */
export interface TrainImage {
  path: string;
  width: number;
  height: number;
  boxes: Array<{ cls: string; bbox: CocoBox }>;
}

/** Options of {@link trainDetector}. */
export interface TrainOptions {
  images: TrainImage[];
  classes: string[];
  /** Seeds the row and feature sampling of the boosted trees: same seed and pages, same model. */
  seed: number;
  /** Progress per phase: 'analyse' (pages), 'pairs fold 1', 'pairs fold 2', 'pairs' (rounds), 'regions' (pages), 'classify' (rounds). */
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Overrides of the pair classifier's boosting settings. */
  pairBoost?: Partial<BoostOptions>;
  /** Overrides of the region classifier's boosting settings. */
  regionBoost?: Partial<BoostOptions>;
  /**
   * Prepare the pages (flatten the paper, clear the scan's surround: image.ts `preparePage`) before the ink analysis,
   * as detection then does (default true; false reproduces the detector before the preparation, for comparisons).
   */
  prepare?: boolean;
}

const PAIR_BOOST: Partial<BoostOptions> = { rounds: 120, depth: 6, learningRate: 0.15, minLeaf: 10 };
const REGION_BOOST: Partial<BoostOptions> = { rounds: 80, depth: 5, learningRate: 0.15, minLeaf: 5 };

interface PageData {
  page: PageAnalysis;
  gt: Array<{ cls: number; box: XYXY }>;
  /** Ground-truth box of each segment, or -1. */
  owner: Int32Array;
}

/** Growable Float32 rows. */
class Rows {
  private chunks: Float32Array[] = [];
  private labels: number[] = [];
  constructor(private readonly width: number) {}
  add(X: Float32Array, labels: ArrayLike<number>): void {
    this.chunks.push(X);
    for (let i = 0; i < labels.length; i++) this.labels.push(labels[i]!);
  }
  get length(): number {
    return this.labels.length;
  }
  build(): { X: Float32Array; y: Int32Array } {
    const X = new Float32Array(this.labels.length * this.width);
    let o = 0;
    for (const c of this.chunks) {
      X.set(c, o);
      o += c.length;
    }
    return { X, y: Int32Array.from(this.labels) };
  }
}

/** Class of each region: that of the ground-truth box it overlaps with IoU >= 0.5 best, else "no region". */
function regionLabels(regions: readonly Region[], gt: PageData['gt'], background: number): Int32Array {
  return Int32Array.from(regions, (r) => {
    let best = 0.5;
    let cls = background;
    for (const g of gt) {
      const v = iou(r, g.box);
      if (v >= best) {
        best = v;
        cls = g.cls;
      }
    }
    return cls;
  });
}

/** The segments grouped as the ground truth groups them (segments outside every box stay alone). */
function truthGroups(owner: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  const alone: number[][] = [];
  owner.forEach((o, i) => {
    if (o < 0) return alone.push([i]);
    const g = groups.get(o);
    if (g) g.push(i);
    else groups.set(o, [i]);
  });
  return [...groups.values(), ...alone];
}

/** Pair rows of the given pages. */
function pairData(pages: readonly PageData[]): { X: Float32Array; y: Int32Array } {
  const rows = new Rows(PAIR_FEATURES);
  for (const { page, owner } of pages) {
    rows.add(page.pairX, Int32Array.from(page.pairA, (a, k) => (owner[a]! >= 0 && owner[a] === owner[page.pairB[k]!] ? 1 : 0)));
  }
  return rows.build();
}

/**
 * Trains a layout detector on labelled pages. The pair classifier learns from every adjacent segment pair;
 * the region classifier learns from the regions of the grouping hierarchy built with out-of-fold pair
 * probabilities (two folds, so it sees the merge mistakes the pair model makes on unseen pages) and from
 * the ground-truth groups.
 * @example const model = await trainDetector({ images, classes: ['Text', 'Table'], seed: 1 });
 */
export async function trainDetector(opts: TrainOptions): Promise<DetectorModel> {
  const { images, classes, seed, onProgress } = opts;
  const prepare = opts.prepare ?? true;
  if (images.length === 0) throw new RangeError('trainDetector: no training images');
  if (classes.length === 0 || new Set(classes).size !== classes.length) throw new RangeError('trainDetector: classes must be distinct and non-empty');
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const pages: PageData[] = [];
  for (const [n, im] of images.entries()) {
    const grey = await loadGrey(im.path);
    const { image: img, cc } = prepare ? preparePage(grey) : { image: grey, cc: undefined };
    const page = analysePage(img, cc);
    const sx = img.width / im.width;
    const sy = img.height / im.height;
    const gt = im.boxes
      .filter((b) => classIndex.has(b.cls))
      .map((b) => {
        const r = fromCoco(b.bbox);
        return { cls: classIndex.get(b.cls)!, box: { x0: r.x0 * sx, y0: r.y0 * sy, x1: r.x1 * sx, y1: r.y1 * sy } };
      });
    pages.push({ page, gt, owner: assignToBoxes(page.segs, gt.map((g) => g.box)) });
    onProgress?.(n + 1, images.length, 'analyse');
  }
  const pairOpts = (s: number, phase: string): BoostOptions => ({
    ...DEFAULT_BOOST,
    ...PAIR_BOOST,
    ...opts.pairBoost,
    seed: s,
    onRound: (d, t) => onProgress?.(d, t, phase),
  });
  // Out-of-fold pair probabilities: pages alternate between two folds.
  const oof: Float64Array[] = new Array(pages.length);
  const folds = pages.length >= 4 ? 2 : 1;
  for (let f = 0; f < folds; f++) {
    const fit = pages.filter((_, i) => folds === 1 || i % folds !== f);
    const data = pairData(fit);
    const foldModel = trainBoosted(data.X, PAIR_FEATURES, data.y, 2, pairOpts(seed + 10 + f, `pairs fold ${f + 1}`));
    pages.forEach((p, i) => {
      if (folds === 1 || i % folds === f) oof[i] = pairProbabilities(foldModel, p.page);
    });
  }
  const all = pairData(pages);
  const pairModel = trainBoosted(all.X, PAIR_FEATURES, all.y, 2, pairOpts(seed, 'pairs'));
  const background = classes.length;
  const regionRows = new Rows(REGION_FEATURES);
  for (const [n, { page, gt, owner }] of pages.entries()) {
    const { nodes, features } = buildHierarchy(page, oof[n]!, LEVELS);
    for (const [i, x] of features.entries()) regionRows.add(x, regionLabels([nodes[i]!.region], gt, background));
    const truth = makeRegions(page.segs, truthGroups(owner));
    regionRows.add(regionFeatures(page, truth), regionLabels(truth, gt, background));
    onProgress?.(n + 1, pages.length, 'regions');
  }
  const regionData = regionRows.build();
  const regionModel = trainBoosted(regionData.X, REGION_FEATURES, regionData.y, classes.length + 1, {
    ...DEFAULT_BOOST,
    ...REGION_BOOST,
    ...opts.regionBoost,
    seed: seed + 1,
    onRound: (d, t) => onProgress?.(d, t, 'classify'),
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    classes: classes.slice(),
    pairModel: compactTrees(pairModel),
    regionModel: compactTrees(regionModel),
    levels: LEVELS.slice(),
    altPenalty: 0.45,
    ...(prepare ? {} : { prepare: false }),
    training: { seed, pages: images.length, pairs: all.y.length, regions: regionData.y.length },
  };
}
