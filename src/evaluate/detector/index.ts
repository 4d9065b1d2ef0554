/**
 * A layout detector that trains on CPU in minutes: ink segments, a learned "same region?" decision on
 * adjacent segments, and a learned classifier of the resulting regions (gradient-boosted trees for both).
 */
export { trainDetector, type TrainImage, type TrainOptions } from './train.js';
export { detect, type Detection } from './detect.js';
export { saveModel, loadModel, validateModel, type DetectorModel } from './model.js';
export { scoreDetector, type DetectorScores } from './bench.js';
