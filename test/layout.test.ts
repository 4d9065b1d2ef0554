import { describe, expect, it } from 'vitest';
import { pageSizePx } from '../src/layout/index.js';
import { layoutSpec } from '../src/pipeline/index.js';
import { compileNetwork, loadNetwork, samplePageSpec } from '../src/network/index.js';
import { deriveSeed } from '../src/random/index.js';
import { boxesOverlap } from '../src/types.js';
import { randomSpec } from './helpers/specs.js';

describe('layout', () => {
  it('gives A4 at 150 dpi as 1240x1754 and swaps for landscape', () => {
    expect(pageSizePx({ page_size: 'a4' }, 150)).toEqual({ width: 1240, height: 1754 });
    expect(pageSizePx({ page_size: 'a4', orientation: 'landscape' }, 150)).toEqual({ width: 1754, height: 1240 });
    expect(pageSizePx({ page_size: 'letter' }, 300)).toEqual({ width: 2550, height: 3300 });
  });

  it('never overlaps two blocks and keeps every block inside the page (2,000 random specs)', () => {
    let blocks = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const spec = randomSpec(i);
      const page = layoutSpec(spec, 150);
      for (const [k, b] of page.blocks.entries()) {
        kinds.add(b.kind);
        // expect() only on a failure: five passing calls a block over 2,000 pages cost more than the layouts.
        if (!(b.rect.x0 >= 0 && b.rect.y0 >= 0 && b.rect.x1 <= page.width && b.rect.y1 <= page.height && b.rect.x1 > b.rect.x0)) {
          expect(b.rect.x0).toBeGreaterThanOrEqual(0);
          expect(b.rect.y0).toBeGreaterThanOrEqual(0);
          expect(b.rect.x1).toBeLessThanOrEqual(page.width);
          expect(b.rect.y1).toBeLessThanOrEqual(page.height);
          expect(b.rect.x1).toBeGreaterThan(b.rect.x0);
        }
        for (let j = k + 1; j < page.blocks.length; j++) {
          const o = page.blocks[j]!;
          if (boxesOverlap(b.rect, o.rect)) throw new Error(`page ${i}: ${b.kind} ${JSON.stringify(b.rect)} overlaps ${o.kind} ${JSON.stringify(o.rect)}`);
        }
      }
      blocks += page.blocks.length;
    }
    expect(blocks).toBeGreaterThan(2000 * 5);
    for (const k of ['header', 'footer', 'page_number', 'title', 'authors', 'section_header', 'paragraph', 'list_item', 'table', 'figure', 'caption', 'equation', 'footnote']) expect(kinds).toContain(k);
  });

  it('keeps a caption next to its table or figure', () => {
    for (let i = 0; i < 300; i++) {
      const page = layoutSpec(randomSpec(i), 150);
      page.blocks.forEach((b, k) => {
        if (b.kind !== 'caption') return;
        const owner = page.blocks.find((o) => (o.kind === 'table' || o.kind === 'figure') && o.element === b.element);
        expect(owner, `caption on page ${i} block ${k} has no owner`).toBeDefined();
        const gap = Math.max(owner!.rect.y0 - b.rect.y1, b.rect.y0 - owner!.rect.y1);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThan(40);
      });
    }
  });

  it('is a pure function of the spec', () => {
    const spec = randomSpec(5);
    expect(layoutSpec(spec, 150)).toEqual(layoutSpec(structuredClone(spec), 150));
  });

  it('runs the body to the foot of the page when the network samples fill_page', async () => {
    const net = compileNetwork((await loadNetwork('default')).def);
    // Space left under the body's lowest block in the last column, in body line heights.
    const leftOver = (fill: boolean) =>
      Array.from({ length: 300 }, (_, i) => {
        // The flowing genres, where running on to the foot of the page is what fill_page models.
        const spec = samplePageSpec(net, { index: i, seed: deriveSeed(31, i), interventions: { fill_page: fill, template: ['scientific', 'report', 'book'][i % 3]! } });
        const page = layoutSpec(spec, 150);
        const marginPx = ((spec.values.margin_mm as number) * 150) / 25.4;
        const lh = (((spec.values.font_size_pt as number) * 150) / 72) * (spec.values.line_spacing as number);
        const body = page.blocks.filter((b) => !['header', 'footer', 'page_number'].includes(b.kind));
        return (page.height - marginPx - Math.max(...body.map((b) => b.rect.y1))) / lh;
      });
    const filled = leftOver(true);
    const unfilled = leftOver(false);
    const share = (xs: number[]) => xs.filter((x) => x < 3).length / xs.length;
    // A filled page ends within three lines of the bottom margin (widow and orphan control leaves up to two lines,
    // a heading kept with its text a little more) unless a float or heading could not move up.
    expect(share(filled)).toBeGreaterThan(0.9);
    expect(share(unfilled)).toBeLessThan(share(filled) - 0.1);
    expect(Math.max(...filled)).toBeLessThan(30);
  });

  it('spaces consecutive paragraphs block_gap line heights apart (at least the minimum gap)', () => {
    for (const gap of [0, 0.5, 1.5]) {
      const spec = randomSpec(3);
      spec.values = { ...spec.values, columns: 1, block_gap: gap, font_size_pt: 10, line_spacing: 1.2 };
      spec.elements = [0, 1, 2].map(() => ({ type: 'paragraph', params: { lines: 3, indent: false, align: 'left' } }));
      const paras = layoutSpec(spec, 150).blocks.filter((b) => b.kind === 'paragraph');
      expect(paras).toHaveLength(3);
      const lh = ((10 * 150) / 72) * 1.2;
      const want = Math.max(4, (gap * lh) / 2) + (gap * lh) / 2;
      for (let k = 1; k < 3; k++) expect(Math.abs(paras[k]!.rect.y0 - paras[k - 1]!.rect.y1 - want)).toBeLessThanOrEqual(1);
    }
  });

  it('lets the text after a float that does not fit go first, and places the float in the next column', () => {
    const spec = randomSpec(4);
    spec.values = { ...spec.values, columns: 2, block_gap: 0.5, font_size_pt: 10, line_spacing: 1.2, orientation: 'portrait', page_size: 'a4', margin_mm: 20 };
    spec.elements = [
      { type: 'paragraph', params: { lines: 54, indent: false, align: 'left' } },
      { type: 'table', params: { rows: 20, cols: 3, borders: 'all', header_row: true, numeric_ratio: 0.5, caption: 'none', caption_lines: 1, span: 'column' } },
      { type: 'paragraph', params: { lines: 4, indent: false, align: 'left' } },
    ];
    const page = layoutSpec(spec, 150);
    const table = page.blocks.find((b) => b.kind === 'table')!;
    const after = page.blocks.filter((b) => b.kind === 'paragraph' && b.element === 2);
    expect(table).toBeDefined();
    expect(after).toHaveLength(1);
    // The short paragraph stays in the first column under the long one; the table moves to the second column.
    expect(after[0]!.rect.x0).toBeLessThan(page.width / 2);
    expect(table.rect.x0).toBeGreaterThan(page.width / 2);
  });
});
