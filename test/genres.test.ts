import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { defaultKinds, KindRegistry, withKindDefaults, checkKinds } from '../src/kinds/index.js';
import { genresOf, compileNetwork, loadNetwork, parseInterventions, samplePageSpec, type Network } from '../src/network/index.js';
import { layoutSpec } from '../src/pipeline/index.js';
import { deriveSeed } from '../src/random/index.js';
import { boxesOverlap, type PageSpec } from '../src/types.js';
import type { PageLayout } from '../src/layout/index.js';

let net: Network;
let genres: string[];
const SEEDS = 200;

beforeAll(async () => {
  const loaded = await loadNetwork('default');
  net = compileNetwork(withKindDefaults(loaded.def, defaultKinds));
  genres = genresOf(loaded.def);
});

function pages(genre: string, n = SEEDS): Array<{ spec: PageSpec; page: PageLayout }> {
  const interventions = parseInterventions([`template=${genre}`, "effects.profile=clean"], net);
  return Array.from({ length: n }, (_, i) => {
    const spec = samplePageSpec(net, { index: i, seed: deriveSeed(77, i, genre), interventions });
    return { spec, page: layoutSpec(spec, 100) };
  });
}

/** Section numbers as tuples compare in reading order: 1 < 1.1 < 1.2 < 2. */
function cmpSection(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let k = 0; k < Math.max(x.length, y.length); k++) {
    const d = (x[k] ?? -1) - (y[k] ?? -1);
    if (d) return d;
  }
  return 0;
}

describe('genres of the default network', () => {
  it('has the twelve genres', () => {
    expect(genres.sort()).toEqual(['book', 'form', 'invoice', 'legal', 'magazine', 'manual', 'newspaper', 'receipt', 'resume', 'scientific', 'slide', 'report'].sort());
  });

  it('lays out every genre over 200 seeds inside the page, with no overlapping blocks, and places something', () => {
    for (const g of genres) {
      let placed = 0;
      for (const { spec, page } of pages(g)) {
        for (const [k, b] of page.blocks.entries()) {
          const r = b.rect;
          // expect() only on a failure: a million passing calls would cost more than the layouts.
          const inside = r.x0 >= 0 && r.y0 >= 0 && r.x1 <= page.width && r.y1 <= page.height;
          if (!inside) expect(inside, `${g} page ${spec.index}: ${b.kind} outside the page`).toBe(true);
          for (let j = k + 1; j < page.blocks.length; j++) if (boxesOverlap(r, page.blocks[j]!.rect)) expect(true, `${g} page ${spec.index}: ${b.kind} overlaps ${page.blocks[j]!.kind}`).toBe(false);
        }
        placed += page.placed.length;
      }
      expect(placed / SEEDS, `${g}: elements placed per page`).toBeGreaterThan(2);
    }
  });

  it('gives each genre its own structure', () => {
    const share = (g: string, f: (p: { spec: PageSpec; page: PageLayout }) => boolean) => pages(g, 60).filter(f).length / 60;
    const has = (kind: string) => (p: { page: PageLayout }) => p.page.blocks.some((b) => b.kind === kind);
    expect(share('invoice', has('table'))).toBeGreaterThan(0.7);
    expect(share('invoice', has('key_value'))).toBeGreaterThan(0.7);
    expect(share('receipt', (p) => p.page.width < p.page.height / 1.4 && p.page.width < 600)).toBe(1);
    expect(share('newspaper', (p) => (p.spec.values.columns as number) >= 4)).toBe(1);
    expect(share('form', (p) => has('form_field')(p) || has('checkbox')(p))).toBeGreaterThan(0.7);
    expect(share('slide', (p) => p.page.width > p.page.height)).toBe(1);
    expect(share('resume', (p) => p.spec.values.frame_layout !== 'flow')).toBeGreaterThan(0.5);
    expect(share('legal', (p) => (p.spec.values.line_numbers as number) > 0)).toBeGreaterThan(0.3);
  });

  it('numbers and breaks as typesetting does: sections in order, captions in order, no heading alone at a column foot', () => {
    for (const g of ['scientific', 'report', 'manual', 'legal', 'book']) {
      for (const { spec, page } of pages(g, 100)) {
        const sections = page.blocks.filter((b) => b.kind === 'section_header' && b.part.number).map((b) => String(b.part.number));
        for (let k = 1; k < sections.length; k++) expect(cmpSection(sections[k - 1]!, sections[k]!), `${g} page ${spec.index}: ${sections.join(' ')}`).toBeLessThan(0);
        for (const counter of ['table', 'figure']) {
          const nums = page.blocks.filter((b) => b.kind === 'caption' && b.part.of === counter).map((b) => Number(b.part.number));
          expect(nums, `${g} page ${spec.index}: ${counter} captions`).toEqual(nums.map((_, k) => (nums[0] ?? 1) + k));
        }
        // A heading is followed, in its own column, by the block it introduces.
        const body = page.blocks.filter((b) => !['header', 'footer', 'page_number'].includes(b.kind));
        body.forEach((b, k) => {
          if (b.kind !== 'section_header') return;
          const next = body[k + 1];
          if (!next || next.kind === 'footnote') return;
          const sameColumn = next.rect.x0 < b.rect.x1 && next.rect.x1 > b.rect.x0;
          expect(next.rect.y0 > b.rect.y0 && sameColumn, `${g} page ${spec.index}: heading ${String(b.part.number)} alone at a column foot`).toBe(true);
        });
        // The page number is the page's number in its document, not its index in the run.
        for (const b of page.blocks.filter((x) => x.kind === 'page_number')) expect(b.part.page).toBe(spec.values.page_in_doc);
      }
    }
  });

  it('records in the spec what layout placed', () => {
    for (const { spec, page } of pages('scientific', 50)) {
      const placed = new Set(page.blocks.map((b) => b.element));
      expect(page.placed).toEqual([...placed].filter((e) => e >= 0).sort((a, b) => a - b));
      expect(page.placed.every((i) => i >= 0 && i < spec.elements.length)).toBe(true);
    }
  });

  it('makes --template NAME a genre of the default network, and refuses an unknown one with the list', async () => {
    const l = await loadNetwork('invoice');
    expect(l.genre).toBe('invoice');
    await expect(loadNetwork('invoices')).rejects.toThrow(/unknown template "invoices".*genres of the default network: scientific, report, book/);
  });
});

describe('the kind registry', () => {
  it('refuses a duplicate kind and lists the known kinds for an unknown one', () => {
    const r = new KindRegistry();
    const k = defaultKinds.get('paragraph');
    r.register(k);
    expect(() => r.register(k)).toThrow(/already registered/);
    expect(() => defaultKinds.get('sidebar_widget')).toThrow(UsageError);
    expect(() => defaultKinds.get('sidebar_widget')).toThrow(/unknown element kind "sidebar_widget"; known kinds: header, footer, page_number, title/);
  });

  it('refuses a block kind registered by two kinds with different parts', () => {
    const r = new KindRegistry().register(defaultKinds.get('table'));
    const clash = { ...defaultKinds.get('figure'), name: 'chart2', parts: { caption: { ...defaultKinds.get('figure').parts.figure! } } };
    expect(() => r.register(clash)).toThrow(/block kind "caption"/);
  });

  it('names the file and field of an unknown kind in a network, and fills in each kind\'s default nodes', async () => {
    const def = { name: 'x', nodes: { n: { dist: 'poisson' as const, params: { lambda: 2 } } }, elements: { paragraph: { count: 'n' }, sidebar_widget: { count: 1 } } };
    expect(() => checkKinds(def, defaultKinds, 'my.yaml')).toThrow(/my\.yaml: elements\.sidebar_widget: unknown element kind "sidebar_widget"; known kinds: /);
    const filled = withKindDefaults({ ...def, elements: { paragraph: { count: 'n' } } }, defaultKinds);
    expect(Object.keys(filled.elements!.paragraph!.nodes!).sort()).toEqual(Object.keys(defaultKinds.get('paragraph').defaults).sort());
  });

  it('gives every kind a description, a placement, defaults that compile, and parts with a class', () => {
    for (const k of defaultKinds.list()) {
      expect(k.description.length, k.name).toBeGreaterThan(10);
      expect(Object.keys(k.parts).length, k.name).toBeGreaterThan(0);
      compileNetwork({ name: k.name, nodes: {}, elements: { [k.name]: { count: 1, nodes: k.defaults } } });
      for (const p of Object.values(k.parts)) expect(p.category).toBeTruthy();
    }
  });
});

describe('the README', () => {
  it('lists every registered kind in its kinds table', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const k of defaultKinds.names()) expect(readme, `README kinds table lacks ${k}`).toContain(`| \`${k}\` |`);
  });
});
