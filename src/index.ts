/**
 * pagesynth as a library: `import { generate } from 'pagesynth'`. The command line is one client of these functions.
 * Every function and class here has TSDoc with an example; the README's "Library API" section lists them, and a test
 * (test/api.test.ts) keeps the two in step.
 */

// A run: pages from the network to files, through the writers.
export { generate, WRITERS, resolveWriters, splitOf, cocoFileOf, PART_CLASSES, mergeRuns, parseShard, shardFromEnv, shardRange } from './run/index.js';
export type { MergeOptions, MergeResult, ShardIndex, GenerateOptions, GenerateResult, PartName, PageBox, Split, Writer, WriterContext, WriterDefinition, WriterOptions, WriterPage, WriterSummary } from './run/index.js';

// One page at a time: sample a spec, render it.
export { loadNetwork, compileNetwork, samplePageSpec, parseInterventions } from './network/index.js';
export type { Network, NetworkDef, Interventions, PageSpecOptions } from './network/index.js';
export { PageRenderer } from './pipeline/index.js';
export type { DrawnPage, RenderOptions, RenderedPage } from './pipeline/index.js';
export { deriveSeed, createRng } from './random/index.js';
export type { Rng } from './random/index.js';

// Labels.
export { loadProfile, applyProfile, PROFILES, labelsOf } from './annotate/index.js';
export type { LabelProfile, CocoAnnotation, CocoCategory, CocoImage, PageLabels, RegionLabel } from './annotate/index.js';

// Evaluation: COCO metrics (pycocotools-exact), layout comparison, the CPU detector, the real-versus-synthetic experiment.
export { evaluate, loadCoco, loadDetections, compareLayouts, loadLayoutSet, runExperiment, trainDetector, detect, loadModel, saveModel, loadLabelledSet } from './evaluate/index.js';
export type { CompareOptions, CompareReport, ExperimentOptions, ExperimentResult, DetectorModel, Detection, LabelledSet, LabelledPage } from './evaluate/index.js';
export { writeReport } from './evaluate/report/index.js';

// Types and errors shared by every stage.
export type { XYXY, CocoBbox, Region, PageSpec, ElementSpec, LayoutClass } from './types.js';
export { DOCLAYNET_CLASSES, REGION_CLASSES } from './types.js';
export { PagesynthError, UsageError, InputError, OutputError, FontError, InterruptedError } from './errors.js';
