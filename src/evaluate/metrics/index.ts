/**
 * COCO bbox evaluation identical to pycocotools' COCOeval, with F1 figures, input validation and a text report.
 */
export { evaluate, AREA_LABELS, AREA_RANGES, IOU_THRESHOLDS, RECALL_THRESHOLDS } from './cocoeval.js';
export { loadCoco, loadDetections, parseGroundTruth, parseDetections, MAX_LISTED_PROBLEMS, type ParseDetectionsOptions } from './load.js';
export { parseJsonText, readJsonFile } from './json.js';
export { formatReport } from './report.js';
export type * from './types.js';
