/**
 * `pagesynth fit`: calibrate a network file on real pages (COCO). Reads the real boxes in a label profile's
 * classes, turns them into observations of the base network's nodes, applies the conjugate updates, checks the
 * result (validate + compile + re-parse of the written text) and only then writes it, atomically.
 */
import { extname, resolve } from 'node:path';
import { writeFileAtomic } from '../annotate/index.js';
import { formatProblem, UsageError } from '../errors.js';
import { networkEvidence } from '../evaluate/layout-stats/evidence.js';
import { setFeatures } from '../evaluate/layout-stats/features.js';
import { loadLayoutSet } from '../evaluate/layout-stats/load.js';
import { DEFAULT_STRENGTH, fitNetwork, formatNetwork, type FitResult } from '../network/fit.js';
import { loadNetwork, parseNetwork } from '../network/index.js';

export interface FitCliOptions {
  real: string;
  labels?: string;
  base: string;
  out: string;
  strength?: number;
  quiet?: boolean;
}

/** The comment block recorded at the top of a fitted YAML file. */
export function fitHeader(r: FitResult, info: { real: string; profile: string; pages: number; base: string }): string[] {
  const lines = [
    `Fitted by \`pagesynth fit\` (${new Date().toISOString().slice(0, 10)}).`,
    `  source:   ${info.real} (${info.pages} pages, label profile ${info.profile})`,
    `  base:     ${info.base}`,
    `  strength: ${r.strength} (pseudo-count of each base row; see src/network/fit.ts)`,
    '',
    'Fitted nodes (observations, method):',
    ...r.fitted.map((f) => `  ${f.key}: ${f.observations} obs, ${f.method}${f.ignored ? `, ${f.ignored} ignored` : ''}`),
    '',
    'Left unchanged:',
    ...r.unchanged.map((u) => `  ${u.key}: ${u.reason}`),
  ];
  return lines;
}

export async function fitCommand(opts: FitCliOptions): Promise<void> {
  const format = extname(opts.out).toLowerCase() === '.json' ? 'json' : ['.yaml', '.yml'].includes(extname(opts.out).toLowerCase()) ? 'yaml' : undefined;
  if (!format) throw new UsageError(`--out must end in .yaml, .yml or .json, got ${JSON.stringify(opts.out)}`);
  const strength = opts.strength ?? DEFAULT_STRENGTH;
  const set = await loadLayoutSet(opts.real, { profile: opts.labels });
  for (const w of set.warnings) process.stderr.write(`pagesynth: warning: ${formatProblem(w)}\n`);
  const { def: base, source } = await loadNetwork(opts.base);
  const features = setFeatures(set);
  const evidence = networkEvidence(set, features, base);
  const result = fitNetwork(base, evidence, { strength });
  const info = { real: resolve(set.source), profile: set.profile.name, pages: set.pages.length, base: source };
  const record = `Fitted on ${info.pages} pages of ${info.real} (labels ${info.profile}), base ${info.base}, strength ${strength}.`;
  const def = { ...result.def, name: `${result.def.name}-fitted`, description: [result.def.description, record].filter(Boolean).join(' ') };
  const text = formatNetwork(def, format, fitHeader(result, info));
  // Never write a file that does not load: parse and validate the exact text first.
  parseNetwork(text, { file: opts.out, format });
  await writeFileAtomic(opts.out, text);
  if (!opts.quiet) {
    const out = process.stdout;
    out.write(`fitted ${result.fitted.length} node(s) on ${info.pages} pages (${info.profile}), strength ${strength} -> ${opts.out}\n`);
    for (const f of result.fitted) out.write(`  ${f.key.padEnd(26)} ${String(f.observations).padStart(5)} obs  ${f.before}  ->  ${f.after}\n`);
    out.write(`unchanged (${result.unchanged.length}):\n`);
    for (const u of result.unchanged) out.write(`  ${u.key.padEnd(26)} ${u.reason}\n`);
  }
}
