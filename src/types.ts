/**
 * Types shared by every stage. Boxes carry their format in their type name (detectron2's BoxMode habit):
 * `XYXY` are absolute pixel corners; COCO's `[x, y, w, h]` appears only at the annotate boundary.
 */

/** Absolute pixel corners, x1 > x0 and y1 > y0 (exclusive right/bottom edge, like a pixel range). */
export interface XYXY {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** COCO's box: top-left corner, width, height, in pixels. */
export type CocoBbox = [x: number, y: number, w: number, h: number];

export function xyxyToCoco(b: XYXY): CocoBbox {
  return [b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0];
}

export function cocoToXyxy([x, y, w, h]: readonly number[]): XYXY {
  return { x0: x!, y0: y!, x1: x! + w!, y1: y! + h! };
}

export function boxesOverlap(a: XYXY, b: XYXY): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** DocLayNet's 11 classes (profile `doclaynet`, the default label set of a run). */
export const DOCLAYNET_CLASSES = [
  'Caption',
  'Footnote',
  'Formula',
  'List-item',
  'Page-footer',
  'Page-header',
  'Picture',
  'Section-header',
  'Table',
  'Text',
  'Title',
] as const;
export type DocLayNetClass = (typeof DOCLAYNET_CLASSES)[number];

/**
 * The six classes docling's layout model adds to DocLayNet's eleven, spelt and ordered as docling spells them.
 * pagesynth's own region classes are the 17 together (profile `docling`); the `doclaynet` profile maps these six
 * onto DocLayNet's classes.
 */
export const DOCLING_EXTRA_CLASSES = ['Document Index', 'Code', 'Checkbox-Selected', 'Checkbox-Unselected', 'Form', 'Key-Value Region'] as const;

/** pagesynth's native region classes: DocLayNet's 11 and docling's 6 more. Data, not code: profiles map them. */
export const REGION_CLASSES = [...DOCLAYNET_CLASSES, ...DOCLING_EXTRA_CLASSES] as const;
export type LayoutClass = (typeof REGION_CLASSES)[number];

/** A value a network node can take. */
export type NodeValue = string | number | boolean | number[] | Record<string, number>;

/** One element of a page, as sampled: its type and the values of its own sub-network. */
export interface ElementSpec {
  /** Element type as named in the network (`paragraph`, `table`, `figure`, ...). */
  type: string;
  /** Values of the element's sub-network nodes. */
  params: Record<string, NodeValue>;
  /** Set on the specs a run writes: whether layout placed the element on the page (false: it did not fit). */
  placed?: boolean;
}

/**
 * Everything random about a page, as plain JSON. Layout, content and render are pure functions of
 * (spec, seed): keeping the spec beside the image lets any page be re-made.
 */
export interface PageSpec {
  /** Page index in its run (0-based). */
  index: number;
  /** Seed of this page, derived from the run's master seed and the index. */
  seed: number;
  /** Name of the network it was sampled from. */
  network: string;
  /** Values of the page-level nodes. */
  values: Record<string, NodeValue>;
  /** Elements in reading order. */
  elements: ElementSpec[];
  /**
   * The print-and-scan effects of the page (src/effects/): the network's `effects` values, sampled from their own
   * random stream, and the effects applied with their parameters. Absent when the network has no `effects` section.
   */
  effects?: {
    values: Record<string, NodeValue>;
    applied?: Array<{ name: string; level: string; params: Record<string, number | boolean | string | number[]> }>;
  };
}

/** A labelled region on a rendered page. */
/**
 * Kind of the sub-regions holding the text drawn inside a chart (tick labels, axis title, legend). They lie
 * inside their figure's region; a label profile keeps them only when its map names this kind (docbank: paragraph,
 * as DocBank labels the text of figures), so other profiles see one box per figure.
 */
export const FIGURE_TEXT = 'figure_text';
/** Kinds of the two parts of a numbered formula: its body and its equation number "(n)". */
export const FORMULA_BODY = 'formula_body';
export const FORMULA_NUMBER = 'formula_number';
/** A table cell holding text: its box is its text's ink; attributes give row, col, row_span, col_span, header. */
export const TABLE_CELL = 'table_cell';
/** A line of text of a text region, and a word of it (attribute `text`). */
export const TEXT_LINE = 'text_line';
export const WORD = 'word';
/** Region kinds that are parts of another region and are dropped unless a profile maps them by kind. */
export const SUB_REGION_KINDS: readonly string[] = [FIGURE_TEXT, FORMULA_BODY, FORMULA_NUMBER, TABLE_CELL, TEXT_LINE, WORD];
/**
 * Sub-region kinds that stand for their whole region: a profile mapping one of them gets the parts instead of the
 * region (docbank boxes a formula and its number apart, as DocBank does).
 */
export const REPLACING_KINDS: readonly string[] = [FORMULA_BODY, FORMULA_NUMBER];

export interface Region {
  category: LayoutClass;
  /** Finer kind of region (`authors`, `page_number`, `list_item`...), for label profiles coarser or finer than DocLayNet's. */
  kind: string;
  /** Index of the page element it belongs to (the items of one list share it), -1 if none. */
  group: number;
  /** Tight to the ink. */
  box: XYXY;
  /** For sub-regions (SUB_REGION_KINDS): index of the region they are part of, in the page's region list. */
  parent?: number;
  /** Facts of a sub-region (a table cell's row, column and spans; a word's text). */
  attributes?: Record<string, string | number | boolean>;
  /**
   * Set by geometric effects: the region's old box carried through them and cut to its new box, as x, y pairs
   * (COCO's `segmentation` polygon). Absent: the box itself.
   */
  polygon?: number[];
  /** Set when effects took away part of its ink (src/effects/boxes.ts KEEP_RULE): COCO `iscrowd: 1`. */
  crowd?: boolean;
}
