/**
 * Benchmark of the COCO evaluator: 5,000 images x 20 ground-truth boxes over DocLayNet's 11 classes, ~23
 * detections per image (jittered copies of most boxes, some with the wrong class, a few duplicates, random
 * false positives, random scores), built from a fixed seed. Only `evaluate` is timed (validation, indexing,
 * matching, accumulation), not the generation. Run alone: `node dist/bench/evaluator.js`.
 */
import { pathToFileURL } from 'node:url';
import { evaluate } from '../evaluate/index.js';
import type { CocoAnnotation, CocoDetection, CocoGroundTruth } from '../evaluate/index.js';
import { createRng, type Rng } from '../random/index.js';
import { DOCLAYNET_CLASSES } from '../types.js';

const IMAGES = 5000;
const GT_PER_IMAGE = 20;
const PAGE_W = 1240;
const PAGE_H = 1754;

function jitter(rng: Rng, bbox: readonly number[]): number[] {
  const [x, y, w, h] = bbox as [number, number, number, number];
  const dx = rng.uniform(-0.08, 0.08) * w;
  const dy = rng.uniform(-0.08, 0.08) * h;
  return [x + dx, y + dy, Math.max(1, w * rng.uniform(0.85, 1.15)), Math.max(1, h * rng.uniform(0.85, 1.15))];
}

function randomBox(rng: Rng): number[] {
  const w = rng.uniform(15, 700);
  const h = rng.uniform(8, 320);
  return [rng.uniform(0, PAGE_W - w), rng.uniform(0, PAGE_H - h), w, h];
}

/** The synthetic workload: ground truth and detections, deterministic for a seed. */
export function evaluatorWorkload(seed = 1, images = IMAGES): { gt: CocoGroundTruth; dets: CocoDetection[] } {
  const rng = createRng(seed);
  const K = DOCLAYNET_CLASSES.length;
  const gt: CocoGroundTruth = {
    images: Array.from({ length: images }, (_, i) => ({ id: 10 + 3 * i, file_name: `${String(i + 1).padStart(6, '0')}.png`, width: PAGE_W, height: PAGE_H })),
    annotations: [],
    categories: DOCLAYNET_CLASSES.map((name, k) => ({ id: k + 1, name, supercategory: '' })),
  };
  const dets: CocoDetection[] = [];
  let annId = 1;
  for (const img of gt.images) {
    for (let j = 0; j < GT_PER_IMAGE; j++) {
      const bbox = randomBox(rng);
      const ann: CocoAnnotation = { id: annId++, image_id: img.id, category_id: rng.int(1, K), bbox, area: bbox[2]! * bbox[3]!, iscrowd: 0 };
      gt.annotations.push(ann);
      if (rng.chance(0.85)) {
        const category_id = rng.chance(0.93) ? ann.category_id : rng.int(1, K);
        dets.push({ image_id: img.id, category_id, bbox: jitter(rng, bbox), score: rng.uniform(0.05, 1) });
        if (rng.chance(0.05)) dets.push({ image_id: img.id, category_id, bbox: jitter(rng, bbox), score: rng.uniform(0.05, 0.7) });
      }
    }
    const fps = rng.int(2, 8);
    for (let j = 0; j < fps; j++) dets.push({ image_id: img.id, category_id: rng.int(1, K), bbox: randomBox(rng), score: rng.uniform(0, 0.8) });
  }
  return { gt, dets: rng.shuffle(dets) };
}

/** Builds the workload and times one `evaluate` call on it. */
export async function benchEvaluator(): Promise<{ seconds: number; images: number; gt: number; dt: number }> {
  const { gt, dets } = evaluatorWorkload();
  const t0 = performance.now();
  const result = evaluate(gt, dets);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, images: result.counts.images, gt: result.counts.gt, dt: result.counts.dt };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchEvaluator().then(
    (r) => console.log(`evaluate (COCO): ${r.images} images, ${r.gt} gt, ${r.dt} dt in ${r.seconds.toFixed(2)} s`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
