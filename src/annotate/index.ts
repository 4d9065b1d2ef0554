export { CocoStreamWriter, categoriesOf, cocoAnnotation, flushed, openAt, writeFileAtomic } from './coco.js';
export type { BoxExtras, CocoWriterState } from './coco.js';
export type { CocoAnnotation, CocoCategory, CocoImage } from './coco.js';
export { PROFILES, applyProfile, loadProfile, mergeStacked, remapDetections, remapGroundTruth, targetClass } from './profiles.js';
export type { LabelProfile } from './profiles.js';
export { LabelsWriter, annotationIds, labelsOf } from './labels.js';
export type { CellLabel, LineLabel, PageLabels, PartLabel, RegionLabel, WordLabel } from './labels.js';
export { applyConventions, applyConventionsDetailed, conventionsOf, CONVENTION_NODES, DEFAULT_CONVENTIONS, linePitch, MERGE_GAP, withConventions } from './conventions.js';
export type { ConventionOptions, ConventionPage, ConventionResult, Conventions } from './conventions.js';
