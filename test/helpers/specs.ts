/**
 * Random page specs for layout and render tests, independent of any network file: every element type and
 * wide parameter ranges (including extremes the default network rarely samples).
 */
import { defaultKinds, type KindModule } from '../../src/kinds/index.js';
import { compileNetwork, composeReadingOrder, sampleNetwork, type Network, type NodeDef } from '../../src/network/index.js';
import { createRng, deriveSeed } from '../../src/random/index.js';
import type { ElementSpec, PageSpec } from '../../src/types.js';

export function randomSpec(index: number, master = 7): PageSpec {
  const seed = deriveSeed(master, index);
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const elements: ElementSpec[] = [];
  if (rng.chance(0.6)) elements.push({ type: 'header', params: { align: pick(['left', 'center', 'right', 'split']), lines: rng.int(1, 2) } });
  if (rng.chance(0.5)) elements.push({ type: 'footer', params: { align: pick(['left', 'center', 'right']), lines: rng.int(1, 2) } });
  if (rng.chance(0.7)) elements.push({ type: 'page_number', params: { align: pick(['left', 'center', 'right']), style: pick(['plain', 'page_n', 'n_of_m']) } });
  if (rng.chance(0.4)) elements.push({ type: 'title', params: { lines: rng.int(1, 3), align: pick(['left', 'center']), size_scale: rng.uniform(1.4, 2.5), has_authors: rng.chance(0.6) } });
  const n = rng.int(3, 30);
  for (let k = 0; k < n; k++) {
    const t = pick(['paragraph', 'paragraph', 'paragraph', 'section_header', 'list', 'table', 'figure', 'equation', 'footnote']);
    const params: ElementSpec['params'] =
      t === 'paragraph'
        ? { lines: rng.int(1, 30), indent: rng.chance(0.5), align: pick(['left', 'justify']) }
        : t === 'section_header'
          ? { level: rng.int(1, 3), numbered: rng.chance(0.6), style: pick(['bold', 'bold_caps', 'italic']) }
          : t === 'list'
            ? { items: rng.int(1, 9), item_lines: rng.int(1, 4), bullet: pick(['disc', 'dash', 'number', 'letter', 'roman']) }
            : t === 'table'
              ? { rows: rng.int(2, 20), cols: rng.int(2, 8), borders: pick(['all', 'horizontal', 'booktabs', 'none']), header_row: rng.chance(0.8), numeric_ratio: rng.next(), caption: pick(['above', 'below', 'none']), caption_lines: rng.int(1, 3), span: pick(['column', 'full']) }
              : t === 'figure'
                ? { kind: pick(['bar', 'line', 'scatter', 'pie']), aspect: rng.uniform(0.3, 1.2), span: pick(['column', 'full']), caption: pick(['above', 'below', 'none']), caption_lines: rng.int(1, 3), width_frac: rng.uniform(0.5, 1) }
                : t === 'equation'
                  ? { numbered: rng.chance(0.6), terms: rng.int(1, 7), lines: rng.int(1, 2) }
                  : { lines: rng.int(1, 3) };
    elements.push({ type: t, params });
  }
  return {
    index,
    seed,
    network: 'test',
    values: {
      page_size: pick(['a4', 'letter']),
      orientation: rng.chance(0.15) ? 'landscape' : 'portrait',
      margin_mm: rng.uniform(10, 35),
      columns: rng.int(1, 3),
      gutter_mm: rng.uniform(3, 10),
      font_family: pick(['liberation-serif', 'liberation-sans', 'dejavu-serif']),
      heading_family: pick(['same', 'sans']),
      font_size_pt: rng.uniform(7.5, 13),
      line_spacing: rng.uniform(1.05, 1.5),
      block_gap: rng.chance(0.3) ? 0 : rng.uniform(0, 2),
    },
    elements,
  };
}

/** Counts of each kind on a `kindSpec` page: furniture and front matter at most once, the rest a few. */
function countNode(kind: KindModule): NodeDef {
  if (kind.placement === 'margin' || kind.placement === 'front' || kind.placement === 'front-flow') return { dist: 'bernoulli', params: { p: 0.6 } };
  return { dist: 'poisson', params: { lambda: kind.name === 'paragraph' ? 4 : 0.5 }, max: kind.name === 'paragraph' ? 12 : 3 };
}

let kindNet: Network | undefined;

/** A network with one plate per registered kind, its nodes the kind's own defaults. */
export function kindNetwork(): Network {
  kindNet ??= compileNetwork({
    name: 'every-kind',
    nodes: Object.fromEntries(defaultKinds.list().map((k) => [`n_${k.name}`, countNode(k)])),
    elements: Object.fromEntries(defaultKinds.list().map((k) => [k.name, { count: `n_${k.name}`, nodes: k.defaults }])),
  });
  return kindNet;
}

const GENRES = ['scientific', 'report', 'book', 'magazine', 'newspaper', 'form', 'invoice', 'receipt', 'resume', 'slide', 'manual', 'legal'];

/**
 * A page spec with elements of every registered kind (parameters sampled from each kind's defaults) and page values
 * over wide ranges: frame layouts, column rules, line numbers, accent colours, every genre's vocabulary.
 */
export function kindSpec(index: number, master = 11): PageSpec {
  const seed = deriveSeed(master, index);
  const rng = createRng(seed);
  const { elements } = sampleNetwork(kindNetwork(), rng.fork('network'));
  const frame = rng.pick(['flow', 'flow', 'flow', 'sidebar_left', 'sidebar_right', 'invoice', 'slide_split']);
  return {
    index,
    seed,
    network: 'every-kind',
    values: {
      template: rng.pick(GENRES),
      page_size: rng.pick(['a4', 'letter', 'a5']),
      orientation: rng.chance(0.1) ? 'landscape' : 'portrait',
      margin_mm: rng.uniform(10, 30),
      columns: frame === 'flow' ? rng.int(1, 4) : 1,
      gutter_mm: rng.uniform(4, 9),
      frame_layout: frame,
      column_rules: rng.chance(0.5),
      line_numbers: rng.pick([0, 0, 5]),
      font_family: rng.pick(['liberation-serif', 'liberation-sans', 'dejavu-serif']),
      heading_family: rng.pick(['same', 'sans']),
      font_size_pt: rng.uniform(8, 12),
      line_spacing: rng.uniform(1.1, 1.45),
      block_gap: rng.uniform(0, 1.5),
      accent_color: rng.pick(['#111111', '#1f4e79', '#7a1f1f']),
      paragraph_align: rng.pick(['left', 'justify']),
      heading_case: rng.pick(['title', 'sentence', 'upper']),
    },
    elements: composeReadingOrder(elements, rng.fork('compose')).map((e) => (e.type === 'logo' || e.type === 'key_value' || e.type === 'picture' || e.type === 'list' ? { ...e, params: { ...e.params, frame: rng.pick(['main', 'side', 'head_left', 'head_right']) } } : e)),
  };
}
