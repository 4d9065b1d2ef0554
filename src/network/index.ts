/**
 * The network stage: a file-defined Bayesian network (a DAG of random variables, after Raman, Shah & Veloso
 * 2022) samples each page's structure. Load a network (bundled template or file), compile it once, then sample
 * page specs from page seeds, optionally with interventions.
 *
 * @example
 * const { def } = await loadNetwork('default');
 * const net = compileNetwork(def);
 * const spec = samplePageSpec(net, { index: 0, seed: deriveSeed(42, 0), interventions: parseInterventions(['columns=2'], net) });
 */
export { bundledTemplates, genresOf, loadNetwork, parseNetwork, templatesDir, type ParseOptions } from './load.js';
export { validateNetwork, type ValidateOptions } from './validate.js';
export { compile, compileNetwork, type CompiledElement, type CompiledNode, type Network, type Ref } from './compile.js';
export { sampleExtraElements, sampleNetwork } from './sample.js';
export { FILL_RESERVE, samplePageSpec, type PageSpecOptions } from './page.js';
export { parseInterventions } from './interventions.js';
export { composeReadingOrder, FRONT_TYPES, FURNITURE_TYPES, OPENING_HEADER_PROB, SECTION_HEADER, TRAILING_TYPES } from './compose.js';
export { DISTRIBUTIONS, type DistKind, type DistSpec } from './distributions.js';
export { isLabelNode, LABEL_NODE_PREFIX } from './nodes.js';
export * from './types.js';
export { fitNetwork, formatNetwork, DEFAULT_STRENGTH, type NetworkEvidence, type NodeObservation, type FitResult } from './fit.js';
