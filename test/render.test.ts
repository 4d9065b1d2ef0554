import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PageRenderer } from '../src/pipeline/index.js';
import { DEFAULT_ENCODE } from '../src/render/index.js';
import { boxesOverlap, DOCLAYNET_CLASSES, FIGURE_TEXT, FORMULA_BODY, FORMULA_NUMBER, SUB_REGION_KINDS, TABLE_CELL, type Region } from '../src/types.js';
import { compileNetwork, loadNetwork, samplePageSpec } from '../src/network/index.js';
import { deriveSeed } from '../src/random/index.js';
import type { PageSpec } from '../src/types.js';
import { kindSpec, randomSpec } from './helpers/specs.js';
import { defaultKinds } from '../src/kinds/index.js';
import { decorationBox } from '../src/layout/index.js';
import { layoutSpec } from '../src/pipeline/index.js';

/** Pages from the bundled default network, and random specs that stress every element type and range. */
async function specSources(): Promise<Array<[string, (i: number) => PageSpec]>> {
  const net = compileNetwork((await loadNetwork('default')).def);
  return [
    ['default network', (i) => samplePageSpec(net, { index: i, seed: deriveSeed(2024, i), interventions: { 'effects.profile': 'clean' } })],
    ['random specs', (i) => randomSpec(i, 99)],
    ['every registered kind', (i) => kindSpec(i, 5)],
  ];
}

/** The region kind each sub-region kind lies in. */
const PARENT_OF: Record<string, string> = { [FIGURE_TEXT]: 'figure', [FORMULA_BODY]: 'equation', [FORMULA_NUMBER]: 'equation', [TABLE_CELL]: 'table' };

/**
 * Seeds per source: 20 in `npm test`, 40 under PAGESYNTH_FULL_CHECKS=1 (`npm run bench:checks`, bench/checks.config.ts),
 * where every category must also show more than 3 times (more than 2 for the every-kind pages) instead of once.
 */
const FULL = process.env.PAGESYNTH_FULL_CHECKS === '1';
const SEEDS = FULL ? 40 : 20;
const MIN_SEEN = FULL ? { category: 3, kindPage: 2 } : { category: 0, kindPage: 0 };

/**
 * Decodes a PNG and returns a predicate "is (x, y) ink" (anything not pure white) and the same as a mask, one byte a
 * pixel. A grey PNG (a page without colour) decodes to one channel.
 */
async function inkOf(png: Uint8Array) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const ch = info.channels;
  const mask = new Uint8Array(info.width * info.height);
  for (let i = 0, o = 0; i < mask.length; i++, o += ch) mask[i] = (ch >= 3 ? data[o] !== 255 || data[o + 1] !== 255 || data[o + 2] !== 255 : data[o] !== 255) ? 1 : 0;
  const ink = (x: number, y: number) => mask[y * info.width + x] === 1;
  return { ink, mask, width: info.width, height: info.height };
}

describe('render: boxes tight to the ink', () => {
  let renderer: PageRenderer;
  beforeAll(() => {
    renderer = new PageRenderer();
  });

  it.each([0, 1, 2])(`every box holds all of its ink, each edge within 2 px of it, for every category over ${SEEDS} seeds (source %i)`, async (source) => {
    const [, make] = (await specSources())[source]!;
    const seen = new Map<string, number>();
    const kindsPlaced = new Map<string, number>();
    for (let i = 0; i < SEEDS; i++) {
      const spec = make(i);
      const page = await renderer.render(spec, DEFAULT_ENCODE);
      for (const e of page.spec.elements) if (e.placed) kindsPlaced.set(e.type, (kindsPlaced.get(e.type) ?? 0) + 1);
      // Decorations (column rules, tinted frames, line numbers) are unlabelled ink: not checked as stray.
      const decorations = layoutSpec(spec, DEFAULT_ENCODE.dpi).decorations.map(decorationBox);
      const { ink, mask, width, height } = await inkOf(page.image);
      expect([width, height]).toEqual([page.width, page.height]);
      // Sub-regions (text inside charts) lie inside their figure; the checks of overlap and stray ink are on the rest.
      const regions: Region[] = page.regions.filter((r) => !SUB_REGION_KINDS.includes(r.kind));
      const subs = page.regions.filter((r) => SUB_REGION_KINDS.includes(r.kind));
      for (const t of subs) {
        const parent = page.regions[t.parent!]!;
        // expect() only when a check fails (cheap on thousands of sub-regions); each names what failed.
        if (!parent) expect(parent, `page ${i}: ${t.kind} without its parent`).toBeDefined();
        if (parent.group !== t.group) expect(parent.group).toBe(t.group);
        const kind = t.kind === FIGURE_TEXT && parent.category === 'Picture' ? parent.kind : PARENT_OF[t.kind];
        if (PARENT_OF[t.kind] && parent.kind !== kind) expect(parent.kind, `page ${i}: ${t.kind} in a ${parent.kind}`).toBe(kind);
        const b = parent.box;
        const inside = t.box.x0 >= b.x0 && t.box.y0 >= b.y0 && t.box.x1 <= b.x1 && t.box.y1 <= b.y1;
        if (!inside) expect(inside, `page ${i}: ${t.kind} outside its parent`).toBe(true);
        seen.set(t.kind, (seen.get(t.kind) ?? 0) + 1);
      }
      // A numbered formula's body and number hold all of its ink between them, and do not overlap.
      for (const [k, p] of page.regions.entries()) {
        const parts = subs.filter((t) => t.parent === k && (t.kind === FORMULA_BODY || t.kind === FORMULA_NUMBER));
        if (!parts.length) continue;
        expect(parts.map((t) => t.kind).sort()).toEqual([FORMULA_BODY, FORMULA_NUMBER]);
        expect(boxesOverlap(parts[0]!.box, parts[1]!.box)).toBe(false);
        const { x0, y0, x1, y1 } = p.box;
        let missed = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (ink(x, y) && !parts.some((t) => x >= t.box.x0 && x < t.box.x1 && y >= t.box.y0 && y < t.box.y1)) missed++;
        expect(missed, `page ${i}: ink of formula ${k} outside its body and number`).toBe(0);
      }
      // 1. No ink outside the union of the boxes (so each region's ink is inside its own box).
      const covered = new Uint8Array(width * height);
      for (const r of [...regions.map((x) => x.box), ...decorations]) {
        const b = { x0: Math.max(0, r.x0), y0: Math.max(0, r.y0), x1: Math.min(width, r.x1), y1: Math.min(height, r.y1) };
        for (let y = b.y0; y < b.y1; y++) covered.fill(1, y * width + b.x0, y * width + b.x1);
      }
      let stray = 0;
      for (let k = 0; k < covered.length; k++) if (mask[k] && !covered[k]) stray++;
      expect(stray, `page ${i}: ink pixels outside every box`).toBe(0);
      // 2. Boxes do not overlap, and each edge has ink within 2 px.
      [...regions, ...subs].forEach((r, k) => {
        if (k < regions.length) seen.set(r.category, (seen.get(r.category) ?? 0) + 1);
        // Declared overlaps: text wrapped around a picture overlaps that picture.
        const wraps = (a: Region, b: Region) => a.attributes?.wraps === true && b.category === 'Picture';
        // expect() only on a failure: thousands of passing calls a page cost more than the checks.
        for (let j = k + 1; j < regions.length; j++) if (!wraps(r, regions[j]!) && !wraps(regions[j]!, r) && boxesOverlap(r.box, regions[j]!.box)) expect(true, `page ${i}: boxes ${k} and ${j} overlap`).toBe(false);
        const { x0, y0, x1, y1 } = r.box;
        const rowHasInk = (y: number) => { for (let x = x0; x < x1; x++) if (ink(x, y)) return true; return false; };
        const colHasInk = (x: number) => { for (let y = y0; y < y1; y++) if (ink(x, y)) return true; return false; };
        const near = (edge: (d: number) => boolean) => [0, 1, 2].some(edge);
        const edges: Array<[string, boolean]> = [
          ['top', near((d) => rowHasInk(y0 + d))],
          ['bottom', near((d) => rowHasInk(y1 - 1 - d))],
          ['left', near((d) => colHasInk(x0 + d))],
          ['right', near((d) => colHasInk(x1 - 1 - d))],
        ];
        for (const [edge, ok] of edges) if (!ok) expect(ok, `page ${i} ${r.category} ${JSON.stringify(r.box)}: ${edge} edge`).toBe(true);
      });
    }
    if (source === 2) {
      // Every registered kind and every class it yields is drawn and boxed tight.
      for (const k of defaultKinds.names()) expect(kindsPlaced.get(k) ?? 0, `kind ${k} placed too rarely`).toBeGreaterThan(MIN_SEEN.kindPage);
      for (const c of new Set(defaultKinds.list().flatMap((k) => Object.values(k.parts).map((p) => p.category)))) expect(seen.get(c) ?? 0, `category ${c} rendered too rarely`).toBeGreaterThan(MIN_SEEN.kindPage);
    } else for (const c of [...DOCLAYNET_CLASSES, FIGURE_TEXT, FORMULA_BODY, FORMULA_NUMBER]) expect(seen.get(c) ?? 0, `category ${c} rendered too rarely`).toBeGreaterThan(MIN_SEEN.category);
  });

  it('renders the same bytes for the same spec', async () => {
    const spec = randomSpec(3, 5);
    const a = await renderer.render(spec, DEFAULT_ENCODE);
    const b = await new PageRenderer().render(structuredClone(spec), DEFAULT_ENCODE);
    expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
    expect(a.regions).toEqual(b.regions);
  });

  it('encodes JPEG when asked, at the requested dpi', async () => {
    const spec = randomSpec(4, 5);
    const page = await renderer.render(spec, { ...DEFAULT_ENCODE, format: 'jpeg', dpi: 100 });
    const meta = await sharp(page.image).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(page.width);
    expect(Math.abs(page.width - (spec.values.orientation === 'landscape' ? 297 : spec.values.page_size === 'a4' ? 210 : 215.9) * 100 / 25.4)).toBeLessThan(1);
  });
});
