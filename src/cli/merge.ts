/**
 * `pagesynth merge <shards...> --out RUN`: joins the shard folders of a run made across machines (`generate --shard
 * i/N`) into one run folder, and prints one line. The merge itself lives in src/run/merge.ts.
 */
import { mergeRuns } from '../run/merge.js';

/** The options as commander hands them over (the shard folders are the command's arguments). */
export interface MergeCliOptions {
  shards: string[];
  out: string;
  overwrite: boolean;
}

/**
 * Merges and prints `pagesynth: merged 4 shards: 100000 pages, 2871342 boxes (coco, webdataset) -> /data/run (files hard-linked)`.
 * @example await mergeCommand({ shards: ['shards/0', 'shards/1'], out: 'output/run', overwrite: false });
 */
export async function mergeCommand(opts: MergeCliOptions): Promise<void> {
  const run = await mergeRuns({ shards: opts.shards, out: opts.out, overwrite: opts.overwrite });
  const { linked, copied } = run.files;
  const files = copied === 0 ? 'files hard-linked' : linked === 0 ? 'files copied' : `${linked} files hard-linked, ${copied} copied`;
  process.stdout.write(`pagesynth: merged ${run.shards} shards: ${run.pages} pages, ${run.boxes} boxes (${Object.keys(run.writers).join(', ')}) -> ${run.out} (${files}, ${run.seconds.toFixed(1)} s)\n`);
}
