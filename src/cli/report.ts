/**
 * `pagesynth report`: a self-contained HTML report of a run folder (gallery with boxes, counts, box sizes, and
 * optionally compare / experiment results). Prints one line with the path of the report.
 */
import { writeReport } from '../evaluate/report/index.js';

export interface ReportCliOptions {
  /** Run folder. */
  run: string;
  /** Report folder (default `<run>/report`). */
  out?: string;
  /** compare.json from `pagesynth compare --report DIR`. */
  compare?: string;
  /** experiment.json from `pagesynth experiment`. */
  experiment?: string;
  /** Pages in the gallery. */
  maxPages: number;
}

export async function reportCommand(opts: ReportCliOptions): Promise<void> {
  const r = await writeReport({ run: opts.run, out: opts.out, compare: opts.compare, experiment: opts.experiment, maxPages: opts.maxPages });
  const which = r.pages === r.totalPages ? `all ${r.totalPages} pages` : `${r.pages} of ${r.totalPages} pages, evenly sampled`;
  process.stdout.write(`report -> ${r.path} (${which})\n`);
}
