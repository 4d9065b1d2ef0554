/**
 * The writers a run can feed (`--output a,b,...`), in the order they run. Each is one module behind the interface in
 * types.ts; `resolveWriters` checks a request at the door: unknown names list the known ones, and an option that no
 * asked-for writer reads is refused by name.
 */
import { UsageError } from '../../errors.js';
import { cocoWriter } from './coco.js';
import { hfWriter } from './hf.js';
import { pdfWriter } from './pdf.js';
import type { WriterDefinition, WriterOptions } from './types.js';
import { webdatasetWriter } from './webdataset.js';
import { yoloSegWriter, yoloWriter } from './yolo.js';

export type { PageBox, Split, Writer, WriterContext, WriterDefinition, WriterOptions, WriterPage, WriterSummary } from './types.js';
export { cocoWriter, hfWriter, pdfWriter, webdatasetWriter, yoloSegWriter, yoloWriter };

/** The writers `--output` can name. (`pdf` is asked for with `--pdf`, not in `--output`.) */
export const WRITERS: readonly WriterDefinition[] = [cocoWriter, yoloWriter, yoloSegWriter, hfWriter, webdatasetWriter, pdfWriter];

/** The command-line spelling of each writer option. */
export const OPTION_FLAGS: Record<keyof WriterOptions, string> = { valFraction: '--val-fraction', shardSize: '--shard-size' };

/**
 * The writer definitions for `--output` names (and the pdf writer when `pdf`), checked: unknown or repeated names,
 * and options none of them reads, are a `UsageError`.
 * @example resolveWriters(['coco', 'yolo'], { valFraction: 0.2 }, false).map((w) => w.name) // ['coco', 'yolo']
 */
export function resolveWriters(names: readonly string[], options: WriterOptions, pdf: boolean): WriterDefinition[] {
  const known = WRITERS.filter((w) => w !== pdfWriter);
  const out: WriterDefinition[] = [];
  for (const raw of names) {
    const name = String(raw).trim().toLowerCase();
    const def = known.find((w) => w.name === name);
    if (!def) {
      const hint = name === 'pdf' ? ' (the PDF twin is asked for with --pdf)' : '';
      throw new UsageError(`--output: unknown writer "${String(raw).slice(0, 40)}"${hint}; known writers: ${known.map((w) => w.name).join(', ')}`);
    }
    if (out.includes(def)) throw new UsageError(`--output: writer "${name}" is named twice`);
    out.push(def);
  }
  if (pdf) out.push(pdfWriter);
  for (const key of Object.keys(options) as Array<keyof WriterOptions>) {
    if (options[key] === undefined) continue;
    if (!out.some((w) => w.options.includes(key))) {
      const readers = WRITERS.filter((w) => w.options.includes(key)).map((w) => w.name);
      throw new UsageError(`${OPTION_FLAGS[key]} applies only to the ${readers.join(', ')} writer${readers.length > 1 ? 's' : ''}; --output is ${out.filter((w) => w !== pdfWriter).map((w) => w.name).join(',')}`);
    }
  }
  return out;
}
