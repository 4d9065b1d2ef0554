/**
 * `pagesynth generate`: parses nothing itself (commander did), calls the library's `generate` with a progress bar and
 * Ctrl-C wired to its abort signal, and prints one line. The run itself lives in src/run/.
 */
import { generate, type GenerateOptions } from '../run/index.js';
import { parseShard, shardRange } from '../run/shard.js';
import type { ImageFormat } from '../render/index.js';
import { UsageError } from '../errors.js';
import { createProgress } from './progress.js';

/** The options as commander hands them over. */
export interface GenerateCliOptions {
  pages: number;
  out: string;
  seed: number;
  template: string;
  set: string[];
  workers: number;
  format: ImageFormat;
  dpi: number;
  pngLevel: number;
  jpegQuality: number;
  labels: string;
  parts?: string;
  output: string;
  valFraction?: number;
  shardSize?: number;
  pdf: boolean;
  shard?: string;
  shardCount?: number;
  resume: boolean;
  overwrite: boolean;
  progress: boolean;
}

/** A comma-separated list option: trimmed, empties dropped. */
function list(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export async function generateCommand(opts: GenerateCliOptions): Promise<void> {
  const parts = list(opts.parts);
  for (const p of parts) if (!['lines', 'words', 'cells'].includes(p)) throw new UsageError(`--parts: unknown part "${p.slice(0, 40)}"; known parts: lines, words, cells`);
  if (opts.shardCount !== undefined && opts.shard === undefined) throw new UsageError('--shard-count applies only with --shard auto');
  const shard = opts.shard !== undefined ? parseShard(opts.shard, process.env, opts.shardCount) : undefined;
  const { start, end } = shardRange(opts.pages, shard);
  const progress = createProgress(end - start, opts.progress); // the bar counts this shard's pages
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const options: GenerateOptions = {
    pages: opts.pages,
    out: opts.out,
    seed: opts.seed,
    template: opts.template,
    set: opts.set,
    workers: opts.workers,
    format: opts.format,
    dpi: opts.dpi,
    pngLevel: opts.pngLevel,
    jpegQuality: opts.jpegQuality,
    labels: opts.labels,
    parts: parts as GenerateOptions['parts'],
    output: list(opts.output),
    ...(opts.valFraction !== undefined ? { valFraction: opts.valFraction } : {}),
    ...(opts.shardSize !== undefined ? { shardSize: opts.shardSize } : {}),
    pdf: opts.pdf,
    ...(shard ? { shard } : {}),
    resume: opts.resume,
    overwrite: opts.overwrite,
    onProgress: () => progress.tick(),
    signal: controller.signal,
  };
  try {
    const run = await generate(options);
    progress.stop();
    if (run.alreadyComplete) {
      process.stdout.write(`pagesynth: ${run.out} already holds this run, complete (${run.pages} pages, ${run.boxes} boxes): nothing to do\n`);
      return;
    }
    const made = Object.keys(run.writers).join(', ');
    process.stdout.write(`pagesynth: ${run.pages} pages, ${run.boxes} boxes in ${run.seconds.toFixed(1)} s (${run.pagesPerSecond.toFixed(1)} pages/s), ${made} -> ${run.out}\n`);
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
