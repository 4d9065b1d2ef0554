/**
 * Reading order (src/network/compose.ts), checked against an independent statement of the rules.
 */
import { describe, expect, test } from 'vitest';
import { composeReadingOrder } from '../src/network/index.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import type { ElementSpec } from '../src/types.js';
import { readingOrderViolations } from './fixtures/network/helpers.js';

/** Elements of the given types, each tagged with its position so we can follow it. */
function elements(types: string[]): ElementSpec[] {
  return types.map((type, i) => ({ type, params: { id: i } }));
}

const ids = (els: ElementSpec[]) => els.map((e) => e.params.id as number);

describe('composeReadingOrder', () => {
  test('furniture first (header, footer, page_number), then title and abstract, footnotes last', () => {
    const input = elements(['footnote', 'paragraph', 'page_number', 'abstract', 'title', 'footer', 'header', 'table', 'footnote']);
    const out = composeReadingOrder(input, createRng(1));
    expect(out.map((e) => e.type).slice(0, 5)).toEqual(['header', 'footer', 'page_number', 'title', 'abstract']);
    expect(out.slice(-2).map((e) => e.params.id)).toEqual([0, 8]); // footnotes keep their sampled order
    expect(ids(out).sort((a, b) => a - b)).toEqual(ids(input));
  });

  test('random bodies obey the section-header rules; only surplus headers are dropped', () => {
    const kinds = ['paragraph', 'section_header', 'list', 'table', 'figure', 'equation', 'custom_type'];
    for (let i = 0; i < 3000; i++) {
      const rng = createRng(deriveSeed(11, i));
      const types = ['title', 'header', 'footnote', ...Array.from({ length: rng.int(0, 12) }, () => rng.pick(kinds))];
      const input = elements(rng.shuffle(types));
      const out = composeReadingOrder(input, rng.fork('compose'));
      expect(readingOrderViolations(out.map((e) => e.type)), out.map((e) => e.type).join(' ')).toEqual([]);
      const headers = input.filter((e) => e.type === 'section_header').length;
      const bodyOthers = input.filter((e) => !['title', 'header', 'footnote', 'section_header'].includes(e.type)).length;
      expect(out.filter((e) => e.type === 'section_header')).toHaveLength(Math.min(headers, bodyOthers));
      expect(out.length).toBe(input.length - Math.max(0, headers - bodyOthers));
      // Unknown types are kept (in the body).
      expect(out.filter((e) => e.type === 'custom_type')).toHaveLength(input.filter((e) => e.type === 'custom_type').length);
      expect(new Set(ids(out)).size).toBe(out.length);
    }
  });

  test('a body with headers opens with one at least half of the time; the body is shuffled', () => {
    const input = elements(['section_header', 'section_header', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    let opening = 0;
    const firstParagraph = new Set<number>();
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const out = composeReadingOrder(input, createRng(i));
      if (out[0]!.type === 'section_header') opening++;
      firstParagraph.add(out.find((e) => e.type === 'paragraph')!.params.id as number);
    }
    // 0.5 forced + 0.5 * P(a random choice of 2 of 6 slots includes the first) = 0.5 + 0.5 / 3.
    expect(opening / n).toBeGreaterThan(0.63);
    expect(opening / n).toBeLessThan(0.70);
    expect(firstParagraph.size).toBe(6);
  });

  test('the same rng gives the same order', () => {
    const input = elements(['paragraph', 'section_header', 'list', 'table', 'section_header', 'figure']);
    expect(composeReadingOrder(input, createRng(5))).toEqual(composeReadingOrder(input, createRng(5)));
  });

  test('a body of only section headers is dropped; an empty page stays empty', () => {
    expect(composeReadingOrder(elements(['section_header', 'title', 'section_header']), createRng(1)).map((e) => e.type)).toEqual(['title']);
    expect(composeReadingOrder([], createRng(1))).toEqual([]);
  });
});
