import { describe, expect, it } from 'vitest';
import { layoutPage, pageSizePx } from '../src/layout/index.js';
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
      const page = layoutPage(spec, { dpi: 150 });
      for (const [k, b] of page.blocks.entries()) {
        kinds.add(b.kind);
        expect(b.rect.x0).toBeGreaterThanOrEqual(0);
        expect(b.rect.y0).toBeGreaterThanOrEqual(0);
        expect(b.rect.x1).toBeLessThanOrEqual(page.width);
        expect(b.rect.y1).toBeLessThanOrEqual(page.height);
        expect(b.rect.x1).toBeGreaterThan(b.rect.x0);
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
      const page = layoutPage(randomSpec(i), { dpi: 150 });
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
    expect(layoutPage(spec, { dpi: 150 })).toEqual(layoutPage(structuredClone(spec), { dpi: 150 }));
  });
});
