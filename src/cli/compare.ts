/**
 * `pagesynth compare`: how alike are real and synthetic layouts. Prints the headline figures and writes a
 * Markdown + JSON report and PNG plots to --report.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../annotate/index.js';
import { formatProblem } from '../errors.js';
import { compareLayouts, countHistograms, loadLayoutSet, positionHeatmaps, reportJson, reportMarkdown, setFeatures } from '../evaluate/layout-stats/index.js';

export interface CompareCliOptions {
  real: string;
  synthetic: string;
  labels?: string;
  report?: string;
  seed: number;
  repeats: number;
  quiet?: boolean;
}

export async function compareCommand(opts: CompareCliOptions): Promise<void> {
  const real = await loadLayoutSet(opts.real, { profile: opts.labels });
  const synthetic = await loadLayoutSet(opts.synthetic, { profile: opts.labels ?? real.profile });
  for (const w of [...real.warnings, ...synthetic.warnings]) process.stderr.write(`pagesynth: warning: ${formatProblem(w)}\n`);
  const r = compareLayouts(real, synthetic, { seed: opts.seed, repeats: opts.repeats });
  const out = opts.quiet ? { write: (_: string) => true } : process.stdout;
  out.write(`real ${r.real.pages} pages vs synthetic ${r.synthetic.pages} pages (labels ${r.profile})\n`);
  out.write(`  mean KS, count+size features (ks.countSize): ${r.ks.countSize.toFixed(3)} over ${r.ks.countSizeFeatures} features\n`);
  out.write(`  mean KS, all continuous+count (ks.mean):     ${r.ks.mean.toFixed(3)} over ${r.ks.features} features\n`);
  out.write(`  distinguishability AUC:                       ${r.distinguishability.auc.toFixed(3)} ± ${r.distinguishability.sd.toFixed(3)} (0.5 = indistinguishable)\n`);
  out.write(`  distinguishability AUC, structure features:  ${r.distinguishabilityStructure.auc.toFixed(3)} ± ${r.distinguishabilityStructure.sd.toFixed(3)}\n`);
  out.write(`  alignment real/syn ${r.quality.alignment.real.toExponential(2)} / ${r.quality.alignment.synthetic.toExponential(2)}, density ${r.quality.density.real.toFixed(3)} / ${r.quality.density.synthetic.toFixed(3)}, overlap ${r.quality.overlap.real.toFixed(3)} / ${r.quality.overlap.synthetic.toFixed(3)}\n`);
  out.write(`  pages flagged as copies of a real layout: ${r.privacy.flagged.length}\n`);
  if (opts.report) {
    await mkdir(opts.report, { recursive: true });
    const rf = setFeatures(real);
    const sf = setFeatures({ ...synthetic, classes: real.classes });
    const plots = ['compare-counts.png', 'compare-positions.png'];
    await writeFileAtomic(join(opts.report, plots[0]!), countHistograms(rf, sf, real.classes));
    await writeFileAtomic(join(opts.report, plots[1]!), positionHeatmaps(rf, sf, real.classes));
    await writeFileAtomic(join(opts.report, 'compare.json'), reportJson(r));
    await writeFileAtomic(join(opts.report, 'compare.md'), reportMarkdown(r, plots));
    out.write(`report -> ${join(opts.report, 'compare.md')} (+ compare.json, ${plots.join(', ')})\n`);
  }
}
