/** A run: output folder, run.json, writers, the train/val split. `generate` is the library's main entry. */
export { generate, resolveOptions, withParts, PART_CLASSES, type GenerateOptions, type GenerateResult, type PartName } from './generate.js';
export { cocoFileOf, findCocoFile, COCO_FILE, RUN_FILE, SPECS_FILE } from './folder.js';
export { splitOf } from './split.js';
export { OPTION_FLAGS, resolveWriters, WRITERS } from './writers/index.js';
export type { PageBox, Split, Writer, WriterContext, WriterDefinition, WriterOptions, WriterPage, WriterSummary } from './writers/index.js';
export { parseShard, shardFromEnv, shardRange, SHARD_COUNT_ENV, SHARD_ENV_VARIABLES, type ShardEnv, type ShardIndex } from './shard.js';
export { mergeRuns, type MergeOptions, type MergeResult } from './merge.js';
