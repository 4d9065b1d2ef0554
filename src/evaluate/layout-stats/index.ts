/**
 * Layout statistics of COCO pages (real or synthetic): per-page features, comparison of two sets (univariate
 * tests, correlations, quality metrics, distinguishability, record matching), reports and plots, and the
 * observations `pagesynth fit` calibrates a network with.
 *
 * @example
 * const real = await loadLayoutSet('real/coco.json', { profile: 'docbank' });
 * const syn = await loadLayoutSet('output/run', { profile: 'docbank' });
 * const report = compareLayouts(real, syn, { seed: 1 });
 * report.ks.mean; report.distinguishability.auc;
 */
export { cocoPathOf, layoutSetFromCoco, loadLayoutSet, profileFor, type LayoutBox, type LayoutPage, type LayoutSet } from './load.js';
export { detectColumns, elementCounts, guessPageSize, pageFeatures, rolesOf, setFeatures, type BoxFeatures, type FurnitureKind, type PageFeatures, type Roles } from './features.js';
export { alignmentScore, densityScore, overlapScores, unionArea, type NormBox } from './quality.js';
export { chi2Homogeneity, correlationMatrix, kolmogorovQ, ks2, rocAuc, summarise, type Summary } from './stats.js';
export { distinguish, type DistinguishOptions, type DistinguishResult } from './distinguish.js';
export { boxMatch, recordMatching, type PrivacyResult } from './privacy.js';
export { compareLayouts, pageVectorNames, pageVectors, univariateTests, type CompareOptions, type CompareReport, type FeatureTest } from './compare.js';
export { reportJson, reportMarkdown, TARGETS } from './report.js';
export { countHistograms, positionHeatmaps } from './plots.js';
export { expectedTypography, networkEvidence, UNINFORMED_REASONS } from './evidence.js';
