/**
 * Shapes of COCO ground truth, COCO results (detections) and of what the evaluator returns.
 */
import type { Problem } from '../../errors.js';

/** One image of a COCO ground-truth file. Only `id` is used. */
export interface CocoImage {
  id: number;
  file_name?: string;
  width?: number;
  height?: number;
  [key: string]: unknown;
}

/** One category of a COCO ground-truth file. */
export interface CocoCategory {
  id: number;
  name: string;
  supercategory?: string;
  [key: string]: unknown;
}

/** One ground-truth box. `area` (not w*h) decides the small/medium/large bucket, as in pycocotools. */
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  /** `[x, y, w, h]` in pixels. */
  bbox: readonly number[];
  area: number;
  /** Crowd regions are "ignore" regions: matching one neither helps nor hurts. Missing means 0. */
  iscrowd?: number | boolean;
  [key: string]: unknown;
}

/** A COCO ground-truth dataset (the parts the evaluator reads). */
export interface CocoGroundTruth {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
  [key: string]: unknown;
}

/** One record of a COCO results file (bbox detection). */
export interface CocoDetection {
  image_id: number;
  category_id: number;
  /** `[x, y, w, h]` in pixels. */
  bbox: readonly number[];
  score: number;
  [key: string]: unknown;
}

/** Records dropped by `lenient` loading, by the field that was wrong. */
export interface SkippedSummary {
  total: number;
  /** Count per reason, keyed by the offending field (`score`, `bbox`, `image_id`, `category_id`, `record`). */
  reasons: Record<string, number>;
  /** The first problems found (at most 20), for a log. */
  examples: Problem[];
}

/** Detections as returned by `loadDetections` / `parseDetections`: validated, with what was skipped. */
export interface DetectionSet {
  /** File they came from, if any. */
  file?: string;
  detections: CocoDetection[];
  /** Present when `lenient` loading dropped records. */
  skipped?: SkippedSummary;
}

export interface EvaluateOptions {
  /** IoU at or above which a detection matches a ground-truth box, for the F1 figures (default 0.5). */
  iouThreshold?: number;
  /** Detections scoring below this do not count in the F1 figures (default 0.5). */
  scoreThreshold?: number;
  /** Largest number of detections per image and category (default 100); maxDets are [1, 10, maxDets]. */
  maxDets?: number;
}

/** The 12 standard COCO stats, in pycocotools' order. -1 where nothing could be measured. */
export interface CocoSummary {
  AP: number;
  AP50: number;
  AP75: number;
  APs: number;
  APm: number;
  APl: number;
  AR1: number;
  AR10: number;
  AR100: number;
  ARs: number;
  ARm: number;
  ARl: number;
}

/** Detection counts and the rates made from them at one IoU and score threshold. */
export interface F1Counts {
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp), 0 when there is no counted detection. */
  precision: number;
  /** tp / (tp + fn), 0 when there is no ground truth. */
  recall: number;
  /** 2PR / (P + R), 0 when both are 0. */
  f1: number;
}

export interface CategoryResult extends F1Counts {
  /** AP@[.50:.95], area all, maxDets 100; -1 when the category has no (non-crowd) ground truth. */
  AP: number;
}

export interface EvaluationResult {
  summary: CocoSummary;
  /** Keyed by category name, in ascending category-id order. */
  per_category: Record<string, CategoryResult>;
  /** tp / fp / fn summed over categories, and the rates from those sums. */
  micro: F1Counts;
  /**
   * Mean F1 over the categories that have any non-crowd ground truth or any counted detection
   * (tp + fp + fn > 0); -1 when no category qualifies.
   */
  macro_f1: number;
  counts: {
    images: number;
    gt: number;
    dt: number;
    skipped?: SkippedSummary;
  };
  /** The parameters used (thresholds after defaults). */
  params: {
    iouThreshold: number;
    scoreThreshold: number;
    maxDets: [number, number, number];
  };
}
