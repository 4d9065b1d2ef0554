/**
 * The Markdown and JSON forms of a comparison report.
 */
import type { CompareReport, FeatureTest } from './compare.js';

/** Targets of issue 4, printed in every report. */
export const TARGETS = [
  'A network fitted on the real pages must score clearly closer to them than the unfitted default: lower mean KS over the per-class count and size features (`ks.countSize`) and a lower distinguishability AUC.',
  'Aim: distinguishability AUC ≤ 0.7 after fitting (0.5 = indistinguishable).',
];

const f3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3));
const pv = (p: number) => (p < 1e-4 ? '<1e-4' : p.toFixed(4));

function row(t: FeatureTest): string {
  const test = t.ks ? `${f3(t.ks.d)} | ${pv(t.ks.p)}` : `– | –`;
  const chi = t.chi2 && t.chi2.df > 0 ? `${f3(t.chi2.chi2)} (df ${t.chi2.df}) | ${pv(t.chi2.p)}` : '– | –';
  const real = t.real.n ? `${f3(t.real.mean)} ± ${f3(t.real.sd)} [${f3(t.real.p05)}, ${f3(t.real.p95)}]` : '–';
  const syn = t.synthetic.n ? `${f3(t.synthetic.mean)} ± ${f3(t.synthetic.sd)} [${f3(t.synthetic.p05)}, ${f3(t.synthetic.p95)}]` : '–';
  return `| ${t.feature} | ${t.real.n} / ${t.synthetic.n} | ${real} | ${syn} | ${test} | ${chi} |${t.note ? ` ${t.note}` : ''}`;
}

/** The report as Markdown. `plots` are file names of PNGs written beside it. */
export function reportMarkdown(r: CompareReport, plots: readonly string[] = []): string {
  const L: string[] = [];
  L.push('# Real vs synthetic layouts', '');
  L.push(`- real: \`${r.real.source}\` — ${r.real.pages} pages, ${r.real.boxes} boxes`);
  L.push(`- synthetic: \`${r.synthetic.source}\` — ${r.synthetic.pages} pages, ${r.synthetic.boxes} boxes`);
  L.push(`- label profile: ${r.profile}`, '');
  L.push('## Headline', '');
  L.push('| figure | value |', '|---|---|');
  L.push(`| mean KS, per-class count and size features (\`ks.countSize\`, ${r.ks.countSizeFeatures} features) | ${f3(r.ks.countSize)} |`);
  L.push(`| mean KS, all continuous and count features (\`ks.mean\`, ${r.ks.features} features) | ${f3(r.ks.mean)} |`);
  L.push(`| distinguishability ROC AUC (\`distinguishability.auc\`) | ${f3(r.distinguishability.auc)} ± ${f3(r.distinguishability.sd)} |`);
  L.push(`| distinguishability ROC AUC, network-decided features only (\`distinguishabilityStructure.auc\`) | ${f3(r.distinguishabilityStructure.auc)} ± ${f3(r.distinguishabilityStructure.sd)} |`);
  L.push(`| chi-squared tests with p < 0.05 | ${r.chi2.significant} of ${r.chi2.tests} |`);
  L.push(`| correlation matrix, mean absolute difference | ${f3(r.correlation.meanAbsDiff)} |`);
  L.push(`| synthetic pages flagged as copies of a real page | ${r.privacy.flagged.length} |`, '');
  L.push('### Targets', '', ...TARGETS.map((t) => `- ${t}`), '');
  if (r.absent.inSynthetic.length || r.absent.inReal.length) {
    L.push(`Classes never produced by the synthetic set: ${r.absent.inSynthetic.join(', ') || 'none'}; never in the real set: ${r.absent.inReal.join(', ') || 'none'}.`, '');
  }
  L.push('## Layout quality', '');
  L.push('| metric | real | synthetic |', '|---|---|---|');
  for (const [k, v] of Object.entries({ Alignment: r.quality.alignment, Density: r.quality.density, Overlap: r.quality.overlap, 'Overlap rate': r.quality.overlapRate })) {
    L.push(`| ${k} | ${v.real.toExponential(3)} | ${v.synthetic.toExponential(3)} |`);
  }
  L.push('', ...r.quality.definitions.map((d) => `- ${d}`), '');
  L.push('## Distinguishability', '');
  const d = r.distinguishability;
  L.push(`${d.classifier}; ${d.folds}-fold stratified cross-validation on standardised page vectors; ${d.repeats} balanced samples of ${d.perClass} pages per set; AUC of out-of-fold scores per sample: ${d.perRepeat.map(f3).join(', ')}.`, '');
  L.push('Features that separate the sets most on their own (univariate AUC, 0.5 = no difference):', '');
  for (const t of d.topFeatures) L.push(`- ${t.feature}: ${f3(t.auc)}`);
  L.push('');
  const ds = r.distinguishabilityStructure;
  L.push(`On the features a network decides alone (${ds.features.join(', ')}): AUC ${f3(ds.auc)} ± ${f3(ds.sd)}; strongest single features: ${ds.topFeatures.map((t) => `${t.feature} ${f3(t.auc)}`).join(', ')}.`, '');
  L.push('## Record matching (privacy)', '');
  const p = r.privacy;
  L.push(`Distances between standardised page vectors. Real-to-nearest-other-real: 5th percentile ${f3(p.realToReal.p05)}, median ${f3(p.realToReal.median)}. Synthetic-to-nearest-real: 5th percentile ${f3(p.syntheticToReal.p05)}, median ${f3(p.syntheticToReal.median)}, minimum ${f3(p.syntheticToReal.min)}. Share of synthetic pages closer to a real page than the real 5th percentile: ${f3(p.closeShare)} (about 0.05 expected for pages drawn like the real ones).`, '');
  L.push(p.flagged.length ? `Flagged as copies (distance below the real 5th percentile and ≥ 90% of boxes matched at IoU ≥ 0.7):` : 'No synthetic page copies a real layout (distance below the real 5th percentile and ≥ 90% of boxes matched at IoU ≥ 0.7).');
  for (const x of p.flagged.slice(0, 20)) L.push(`- ${x.synthetic} ≈ ${x.real} (distance ${f3(x.distance)}, ${f3(x.matched)} of boxes matched)`);
  L.push('');
  L.push('## Correlations', '');
  L.push(`Pearson correlations between ${r.correlation.features.length} page-level features, real minus synthetic: mean absolute difference ${f3(r.correlation.meanAbsDiff)}; largest ${f3(r.correlation.maxAbsDiff.value)} for ${r.correlation.maxAbsDiff.pair.join(' × ')} (full matrices in the JSON report).`, '');
  L.push('## Features', '');
  L.push('Mean ± sd [5th, 95th percentile]; sizes are fractions of page width (w) or height (h); KS: two-sample Kolmogorov-Smirnov D and p; χ²: homogeneity test on counts / categories.', '');
  L.push('| feature | n real / syn | real | synthetic | KS D | KS p | χ² | χ² p |', '|---|---|---|---|---|---|---|---|');
  for (const t of r.univariate.filter((x) => x.kind !== 'categorical')) L.push(row(t));
  L.push('', '| categorical feature | values | real shares | synthetic shares | χ² p |', '|---|---|---|---|---|');
  for (const t of r.univariate.filter((x) => x.kind === 'categorical')) {
    L.push(`| ${t.feature} | ${t.shares!.values.join(' / ')} | ${t.shares!.real.map(f3).join(' / ')} | ${t.shares!.synthetic.map(f3).join(' / ')} | ${t.chi2 && t.chi2.df > 0 ? pv(t.chi2.p) : '–'} |`);
  }
  L.push('');
  if (plots.length) L.push('## Plots', '', ...plots.map((p) => `![${p}](${p})`), '');
  L.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  if (r.warnings.length) L.push('## Input warnings', '', ...r.warnings.map((w) => `- ${w.file ?? ''}${w.path ? `: ${w.path}` : ''}: ${w.message}`), '');
  return L.join('\n');
}

/** The report as JSON text (`ks.mean`, `ks.countSize`, `distinguishability.auc`, ...). */
export function reportJson(r: CompareReport): string {
  return `${JSON.stringify({ ...r, targets: TARGETS }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
