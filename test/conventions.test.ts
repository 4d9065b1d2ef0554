/**
 * Label conventions (src/annotate/conventions.ts): the values a page samples are applied to its regions before the
 * profile makes boxes. Hand-made regions: two paragraphs of one column with their lines and words, a caption with
 * its lead-in, a numbered formula, a list.
 */
import { describe, expect, test } from 'vitest';
import { applyConventions, applyConventionsDetailed, applyProfile, conventionsOf, labelsOf, linePitch, loadProfile, MERGE_GAP, withConventions } from '../src/annotate/index.js';
import { compileNetwork, loadNetwork, samplePageSpec, type NetworkDef } from '../src/network/index.js';
import { deriveSeed } from '../src/random/index.js';
import { FORMULA_BODY, FORMULA_NUMBER, TEXT_LINE, WORD, type Region, type XYXY } from '../src/types.js';

const W = 1000;
const H = 1400;
const box = (x0: number, y0: number, x1: number, y1: number): XYXY => ({ x0, y0, x1, y1 });

/** A text region of `lines` lines of `pitch` px from `y0`, with a line and two words per line (sub-regions after it). */
function textBlock(out: Region[], kind: string, category: Region['category'], group: number, x0: number, x1: number, y0: number, lines: number, pitch = 20, words?: string[]): number {
  const at = out.length;
  out.push({ category, kind, group, box: box(x0, y0, x1, y0 + (lines - 1) * pitch + 14) });
  for (let k = 0; k < lines; k++) {
    const y = y0 + k * pitch;
    out.push({ category, kind: TEXT_LINE, group, box: box(x0, y, x1, y + 14), parent: at, attributes: { line: k } });
    const ws = k === 0 && words ? words : ['lorem', 'ipsum'];
    const step = (x1 - x0) / ws.length;
    ws.forEach((text, j) => out.push({ category, kind: WORD, group, box: box(x0 + j * step, y, x0 + (j + 1) * step - 6, y + 14), parent: at, attributes: { line: k, text } }));
  }
  return at;
}

/** Two paragraphs of one column, `gap` px apart (pitch 20 px). */
function twoParagraphs(gap: number): Region[] {
  const r: Region[] = [];
  textBlock(r, 'paragraph', 'Text', 0, 100, 480, 100, 3);
  const bottom = r[0]!.box.y1;
  textBlock(r, 'paragraph', 'Text', 1, 100, 470, bottom + gap, 2);
  return r;
}

const top = (rs: readonly Region[]) => rs.filter((r) => r.parent === undefined);

describe('conventions from spec values', () => {
  test('absent or default values change nothing (the same array)', () => {
    const r = twoParagraphs(5);
    expect(applyConventions(r, {})).toBe(r);
    expect(applyConventions(r, { label_merge_paragraphs: 'none', label_pad_y: 0, label_caption_label: 'joined' })).toBe(r);
    expect(conventionsOf({ label_merge_paragraphs: 'sideways' }).mergeParagraphs).toBe('none');
    const page = { regions: r, width: W, height: H, spec: { values: { columns: 1 } } };
    expect(withConventions(page)).toBe(page);
  });

  test('the line pitch is read off the paragraphs\' lines', () => {
    expect(linePitch(twoParagraphs(5))).toBe(20);
  });
});

describe('label_merge_paragraphs: column', () => {
  test('two consecutive paragraphs of one column become one box, their union', () => {
    const r = twoParagraphs(8);
    const union = box(100, 100, 480, r.find((x, i) => i > 0 && x.parent === undefined)!.box.y1);
    const { regions, sources } = applyConventionsDetailed(r, { label_merge_paragraphs: 'column' }, { width: W, height: H });
    expect(top(regions)).toHaveLength(1);
    expect(regions[0]!.box).toEqual(union);
    expect(sources[0]).toEqual([0, 10]);
    // Its lines and words came along, renumbered after the first paragraph's three lines.
    expect(regions.filter((x) => x.kind === TEXT_LINE).map((x) => [x.parent, x.attributes?.line])).toEqual([[0, 0], [0, 1], [0, 2], [0, 3], [0, 4]]);
    const labels = labelsOf({ id: 1, file_name: 'p.png', width: W, height: H }, regions);
    expect(labels.regions).toHaveLength(1);
    expect(labels.regions[0]!.lines).toHaveLength(5);
    expect(labels.regions[0]!.lines.every((l) => l.words.length === 2)).toBe(true);
    // Through a profile: one box, the union.
    const boxes = applyProfile(loadProfile('docbank'), regions);
    expect(boxes.map((b) => [b.cls, b.box])).toEqual([['paragraph', union]]);
  });

  test('paragraphs more than a merge gap apart, or in two columns, stay apart', () => {
    const far = twoParagraphs(MERGE_GAP * 20 + 5);
    expect(top(applyConventions(far, { label_merge_paragraphs: 'column' }))).toHaveLength(2);
    const cols: Region[] = [];
    textBlock(cols, 'paragraph', 'Text', 0, 100, 480, 100, 3);
    textBlock(cols, 'paragraph', 'Text', 1, 520, 900, 100, 3);
    expect(top(applyConventions(cols, { label_merge_paragraphs: 'column' }))).toHaveLength(2);
  });

  test('with a profile, text regions of one class merge (a note under a paragraph is a docbank paragraph)', () => {
    const r: Region[] = [];
    textBlock(r, 'paragraph', 'Text', 0, 100, 480, 100, 2);
    textBlock(r, 'note', 'Text', 1, 100, 480, r[0]!.box.y1 + 6, 2);
    expect(top(applyConventions(r, { label_merge_paragraphs: 'column' }))).toHaveLength(2);
    expect(top(applyConventions(r, { label_merge_paragraphs: 'column' }, { profile: loadProfile('docbank') }))).toHaveLength(1);
  });
});

describe('label_pad_y, label_pad_x', () => {
  test('text boxes grow by line pitches, clamped to the page; pictures do not', () => {
    const r = twoParagraphs(100);
    r.push({ category: 'Picture', kind: 'figure', group: 2, box: box(100, 600, 400, 800) });
    // A text box touching the page's top-left corner.
    r.push({ category: 'Text', kind: 'paragraph', group: 3, box: box(2, 3, 300, 17) });
    const out = applyConventions(r, { label_pad_y: 0.25, label_pad_x: 0.1 }, { width: W, height: H });
    const tops = top(out);
    expect(tops[0]!.box).toEqual(box(98, 95, 482, r[0]!.box.y1 + 5));
    expect(tops[2]!.box).toEqual(box(100, 600, 400, 800));
    expect(tops[3]!.box).toEqual(box(0, 0, 302, 22));
    // Lines and words are parts, not boxes: unchanged.
    expect(out.filter((x) => x.kind === TEXT_LINE)[0]!.box).toEqual(r[1]!.box);
    const edge: Region[] = [{ category: 'Text', kind: 'paragraph', group: 0, box: box(900, 1380, 995, 1398) }];
    expect(applyConventions(edge, { label_pad_y: 1, label_pad_x: 1 }, { width: W, height: H })[0]!.box).toEqual(box(900 - 21, 1380 - 21, W, H));
  });
});

describe('label_caption_label, label_equation_number, label_list_split', () => {
  test('separate: the caption lead-in is a Text box of its own; the caption keeps the rest', () => {
    const r: Region[] = [];
    textBlock(r, 'caption', 'Caption', 0, 100, 500, 300, 2, 20, ['Figure', '3:', 'Results', 'of', 'the', 'run']);
    const out = applyConventions(r, { label_caption_label: 'separate' }, { width: W, height: H });
    const boxes = applyProfile(loadProfile('docbank'), out);
    const step = 400 / 6;
    expect(boxes.map((b) => b.cls)).toEqual(['paragraph', 'caption']);
    expect(boxes[0]!.box).toEqual(box(100, 300, 100 + 2 * step - 6, 314));
    expect(boxes[1]!.box.x0).toBe(100); // its second line starts at the left edge
    expect(boxes[1]!.box.y0).toBe(300);
    // One-line caption: the caption starts after the lead-in.
    const one: Region[] = [];
    textBlock(one, 'caption', 'Caption', 0, 100, 500, 300, 1, 20, ['Tab.', '2', 'Costs']);
    const b1 = applyProfile(loadProfile('docbank'), applyConventions(one, { label_caption_label: 'separate' }));
    expect(b1[1]!.box.x0).toBeCloseTo(100 + (2 * 400) / 3);
    expect(labelsOf({ id: 1, file_name: 'p.png', width: W, height: H }, applyConventions(one, { label_caption_label: 'separate' })).regions.map((x) => x.lines.map((l) => l.words.map((w) => w.text)))).toEqual([[['Tab.', '2']], [['Costs']]]);
  });

  test('joined: a numbered formula is one box under docbank', () => {
    const r: Region[] = [
      { category: 'Formula', kind: 'equation', group: 0, box: box(200, 500, 800, 540) },
      { category: 'Formula', kind: FORMULA_BODY, group: 0, box: box(200, 500, 600, 540), parent: 0 },
      { category: 'Formula', kind: FORMULA_NUMBER, group: 0, box: box(760, 510, 800, 530), parent: 0 },
    ];
    const docbank = loadProfile('docbank');
    expect(applyProfile(docbank, r)).toHaveLength(2);
    const joined = applyProfile(docbank, applyConventions(r, { label_equation_number: 'joined' }));
    expect(joined.map((b) => [b.cls, b.box])).toEqual([['equation', box(200, 500, 800, 540)]]);
  });

  test('list: one List-item box per list under doclaynet', () => {
    const r: Region[] = [];
    for (let k = 0; k < 3; k++) textBlock(r, 'list_item', 'List-item', 4, 120, 480, 100 + k * 50, 2);
    const doclaynet = loadProfile('doclaynet');
    expect(applyProfile(doclaynet, r)).toHaveLength(3);
    const merged = applyProfile(doclaynet, applyConventions(r, { label_list_split: 'list' }));
    expect(merged.map((b) => [b.cls, b.box])).toEqual([['List-item', box(120, 100, 480, 100 + 2 * 50 + 20 + 14)]]);
  });

  test('withConventions applies to the page and to its vector twin', () => {
    const r = twoParagraphs(4);
    const page = { regions: r, width: W, height: H, spec: { values: { label_merge_paragraphs: 'column' } }, pdf: { regions: twoParagraphs(4), width: W, height: H } };
    const out = withConventions(page);
    expect(top(out.regions)).toHaveLength(1);
    expect(top(out.pdf!.regions)).toHaveLength(1);
    expect(top(page.regions)).toHaveLength(2);
  });
});

describe('label nodes in the network', () => {
  test('are drawn from their own stream: adding or changing them leaves the rest of every page as it was', async () => {
    const def = (await loadNetwork('default')).def;
    const without: NetworkDef = { ...def, nodes: Object.fromEntries(Object.entries(def.nodes).filter(([k]) => !k.startsWith('label_'))) };
    const merging: NetworkDef = { ...def, nodes: { ...def.nodes, label_merge_paragraphs: { dist: 'categorical', values: ['none', 'column'], probs: [0.5, 0.5] } } };
    const nets = [def, without, merging].map((d) => compileNetwork(d));
    const rest = (i: number, k: number) => {
      const spec = samplePageSpec(nets[k]!, { index: i, seed: deriveSeed(9, i) });
      return { ...spec, values: Object.fromEntries(Object.entries(spec.values).filter(([key]) => !key.startsWith('label_'))) };
    };
    const merged = new Set<unknown>();
    for (let i = 0; i < 40; i++) {
      expect(rest(i, 1)).toEqual(rest(i, 0));
      expect(rest(i, 2)).toEqual(rest(i, 0));
      merged.add(samplePageSpec(nets[2]!, { index: i, seed: deriveSeed(9, i) }).values.label_merge_paragraphs);
    }
    expect([...merged].sort()).toEqual(['column', 'none']);
  });

  test('no other page-level node may depend on one', async () => {
    const def = (await loadNetwork('default')).def;
    const bad: NetworkDef = { ...def, nodes: { ...def.nodes, block_gap: { ...def.nodes.block_gap!, parents: ['label_merge_paragraphs'], cpt: { '*': { mean: 0.5, sd: 0.2 } } } } };
    expect(() => compileNetwork(bad)).toThrow(/nodes\.block_gap\.parents.*label_merge_paragraphs/);
  });
});
