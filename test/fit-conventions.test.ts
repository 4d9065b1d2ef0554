/**
 * Generate, then fit, the label conventions: pages rendered from the round-trip network (one scientific genre,
 * paragraphs set close: block_gap 0.2 line) with its label nodes fixed, boxed as a run boxes them (conventions, then
 * the docbank profile), and fitted from a base whose label nodes are at pagesynth's own defaults (no merging, lead-ins
 * inside their captions). Merged pages must give a high `label_merge_paragraphs: column` probability, unmerged pages a
 * low one, and the caption lead-ins must be seen. 14 pages each at 72 dpi: the estimate is a share of pages
 * (evidence.ts), precise enough on 14 pages when nearly every unmerged page would show a close pair (`withLabels`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyProfile, categoriesOf, CocoStreamWriter, PROFILES, withConventions } from '../src/annotate/index.js';
import { closePairRate, networkEvidence } from '../src/evaluate/layout-stats/evidence.js';
import { setFeatures } from '../src/evaluate/layout-stats/features.js';
import { loadLayoutSet } from '../src/evaluate/layout-stats/load.js';
import { defaultKinds, withKindDefaults } from '../src/kinds/index.js';
import { fitNetwork, type FitResult, type NetworkEvidence } from '../src/network/fit.js';
import { compileNetwork, loadNetwork, samplePageSpec, type NetworkDef } from '../src/network/index.js';
import { PageRenderer } from '../src/pipeline/page.js';
import { deriveSeed } from '../src/random/index.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/network/roundtrip.yaml');
const PAGES = 14;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The round-trip network with paragraphs set close, mostly paragraphs (so that nearly every unmerged page shows two
 * of them stacked: the estimate divides by that rate, and 14 pages estimate a share to ±0.17 when it is 0.7, to
 * ±0.06 when it is 0.95), and label nodes at `merge` and `caption` (probabilities of the second value).
 */
function withLabels(def: NetworkDef, merge: number, caption: number): NetworkDef {
  const d = clone(def);
  d.nodes.block_gap = { dist: 'normal', params: { mean: 0.2, sd: 0.1 }, min: 0, max: 2, round: 2 };
  // paragraph, section_header, list, table, figure, equation, footnote: tables and figures stay for their captions.
  d.nodes.type_mix = { ...d.nodes.type_mix!, params: { alpha: [30, 2, 0.5, 1.5, 1.5, 0.5, 0.3] } };
  d.nodes.label_merge_paragraphs = { dist: 'categorical', values: ['none', 'column'], probs: [1 - merge, merge] };
  d.nodes.label_caption_label = { dist: 'categorical', values: ['joined', 'separate'], probs: [1 - caption, caption] };
  return d;
}

/** Renders `n` pages of `def` and writes their boxes as a run does (conventions, then the docbank profile). */
async function generateCoco(def: NetworkDef, n: number, seed: number, file: string): Promise<void> {
  const net = compileNetwork(withKindDefaults(def, defaultKinds));
  const profile = PROFILES.docbank!;
  const categories = categoriesOf(profile.classes);
  const idOf = new Map(categories.map((c) => [c.name, c.id]));
  const writer = new CocoStreamWriter(file, categories, { description: 'fit conventions' });
  const renderer = new PageRenderer();
  for (let i = 0; i < n; i++) {
    const spec = samplePageSpec(net, { index: i, seed: deriveSeed(seed, i) });
    const page = withConventions(await renderer.render(spec, { format: 'jpeg', pngLevel: 1, jpegQuality: 50, dpi: 72 }), profile);
    const boxes = applyProfile(profile, page.regions).map((r) => [idOf.get(r.cls)!, r.box] as const);
    await writer.addImage({ id: i + 1, file_name: `${i + 1}.jpg`, width: page.width, height: page.height }, boxes);
  }
  await writer.finish();
}

const p = (fit: FitResult, key: string, value: string) => {
  const node = fit.def.nodes[key]!;
  return node.probs![node.values!.indexOf(value)]!;
};

describe('generate with label conventions, then fit, recovers them', () => {
  let base: NetworkDef;
  const fits: Record<string, { fit: FitResult; evidence: NetworkEvidence }> = {};
  const dir = mkdtempSync(join(tmpdir(), 'pagesynth-fit-conventions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const fixture = (await loadNetwork(FIXTURE)).def;
    base = withLabels(fixture, 0, 0);
    for (const [name, merge, caption] of [['merged', 1, 1], ['plain', 0, 0]] as const) {
      const coco = join(dir, `${name}.json`);
      await generateCoco(withLabels(fixture, merge, caption), PAGES, 3, coco);
      const set = await loadLayoutSet(coco, { profile: 'docbank' });
      const evidence = networkEvidence(set, setFeatures(set), base);
      fits[name] = { evidence, fit: fitNetwork(base, evidence) };
      if (process.env.FIT_CONVENTIONS_REPORT) process.stdout.write(`${name}: close-pair rate ${closePairRate(base, { n: 300, profile: PROFILES.docbank }).toFixed(3)}, merge obs ${JSON.stringify((evidence.observations.label_merge_paragraphs ?? []).map((o) => o.value))}\n`);
    }
  }, 240_000);

  test('unmerged pages nearly always show two close paragraphs (the rate the estimate divides by)', () => {
    expect(closePairRate(base, { n: 300, profile: PROFILES.docbank })).toBeGreaterThan(0.8);
  });

  test('merged pages give a high merge probability, unmerged ones a low one', () => {
    expect(p(fits.merged!.fit, 'label_merge_paragraphs', 'column')).toBeGreaterThan(0.8);
    expect(p(fits.plain!.fit, 'label_merge_paragraphs', 'column')).toBeLessThan(0.2);
    // A convention counts the base network's row as one page, not as `strength` pages.
    expect(fits.merged!.evidence.strength?.label_merge_paragraphs).toBe(1);
    expect(fits.merged!.fit.fitted.find((f) => f.key === 'label_merge_paragraphs')!.method).toMatch(/strength 1/);
  });

  test('caption lead-ins boxed apart are seen as such', () => {
    const seen = (name: string) => fits[name]!.evidence.observations.label_caption_label ?? [];
    expect(seen('merged').length).toBeGreaterThan(0);
    expect(p(fits.merged!.fit, 'label_caption_label', 'separate')).toBeGreaterThan(0.7);
    expect(p(fits.plain!.fit, 'label_caption_label', 'separate')).toBeLessThan(0.2);
  });

  test('padding is not fitted (boxes do not show it at an unknown type size)', () => {
    expect(fits.merged!.evidence.observations.label_pad_y).toBeUndefined();
  });
});
