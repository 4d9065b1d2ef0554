/**
 * `pagesynth evaluate`: COCO metrics identical to pycocotools, plus per-category precision/recall/F1.
 */
import { loadProfile, remapDetections, remapGroundTruth, writeFileAtomic } from '../annotate/index.js';
import { evaluate, formatReport, loadCoco, loadDetections, type CocoDetection } from '../evaluate/index.js';

export interface EvaluateCliOptions {
  gt: string;
  pred: string;
  iou: number;
  score: number;
  maxDets: number;
  json?: string;
  lenient: boolean;
  labels?: string;
}

export async function evaluateCommand(opts: EvaluateCliOptions): Promise<void> {
  let gt = await loadCoco(opts.gt);
  const dets = await loadDetections(opts.pred, gt, { lenient: opts.lenient, gtFile: opts.gt });
  let detections: readonly CocoDetection[] = dets.detections;
  if (opts.labels) {
    // Both files in DocLayNet classes (or the profile's own, or a bridged profile's) → the profile's classes. List
    // items join as the profile says; detections never across the F1 score threshold (remapDetections).
    const profile = loadProfile(opts.labels);
    const remapped = remapGroundTruth(gt, profile);
    if (remapped.unmapped.length) process.stderr.write(`pagesynth: warning: categories not in profile ${profile.name}, dropped: ${remapped.unmapped.join(', ')}\n`);
    detections = remapDetections(detections, gt.categories, profile, { scoreThreshold: opts.score, groundTruth: gt });
    gt = remapped.coco;
  }
  const result = evaluate(gt, detections, { iouThreshold: opts.iou, scoreThreshold: opts.score, maxDets: opts.maxDets });
  if (dets.skipped) result.counts.skipped = dets.skipped;
  process.stdout.write(`${formatReport(result)}\n`);
  if (dets.skipped) process.stdout.write(`\nskipped ${dets.skipped.total} invalid detections (--lenient): ${JSON.stringify(dets.skipped.reasons)}\n`);
  if (opts.json) await writeFileAtomic(opts.json, `${JSON.stringify(result, null, 2)}\n`);
}
