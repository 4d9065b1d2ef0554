/**
 * Evaluation of layout detectors on COCO labels.
 */
export * from './metrics/index.js';
