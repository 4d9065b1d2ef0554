/**
 * Evaluation of layout detectors on COCO labels.
 */
export * from './metrics/index.js';
export { compareLayouts, loadLayoutSet, type CompareOptions, type CompareReport } from './layout-stats/index.js';
export { runExperiment, type ExperimentOptions, type ExperimentResult } from './experiment.js';
export { detect, loadModel, saveModel, trainDetector, type Detection, type DetectorModel } from './detector/index.js';
export { loadLabelledSet, type LabelledPage, type LabelledSet } from './dataset.js';
