/**
 * The contract of an element kind. A kind (paragraph, table, signature, ...) lives in one module that says, for
 * every stage, what is particular to it: the sub-network nodes a network file may omit, how its elements become
 * layout units, and, for each block kind it yields, the region class, how the block is filled and how it is drawn.
 * The stages are generic engines that look kinds up in a {@link KindRegistry}.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { BlockContent, FillKit } from '../content/index.js';
import type { FlowUnit, LayoutBlock, UnitContext } from '../layout/index.js';
import type { NodeDef } from '../network/index.js';
import type { ElementSpec, LayoutClass, PageSpec, XYXY } from '../types.js';

/** Where an element sits in reading order (network/compose.ts) and which layout mechanism places it. */
export type Placement =
  /** page furniture in the margins (header, footer, page number): first in reading order */
  | 'margin'
  /** front matter at the top of the body, full width (title) */
  | 'front'
  /** front matter that flows with the body (abstract) */
  | 'front-flow'
  /** the body flow through the columns */
  | 'body'
  /** at the foot of the body (footnotes): last in reading order */
  | 'foot';

/** A part of a region that only profiles naming its kind keep (chart text, a formula's number, table cells...). */
export interface SubRegion {
  kind: string;
  /** Rectangles holding the part's ink; the box is the union of the ink inside them. */
  rects: readonly XYXY[];
  /** The box itself, when the drawer knows it exactly (glyph bounds of text on a tinted cell); then `rects` is unused. */
  box?: XYXY;
  /** Class of the part (defaults to the block's class). */
  category?: LayoutClass;
  /** Free-form attributes written with the part (row, col, spans, text...). */
  attributes?: Record<string, string | number | boolean>;
}

/** How one block kind is filled and drawn. */
export interface BlockPart {
  /** Region class of the block (pagesynth's own classes: DocLayNet's 11 and docling's 6 more). */
  category: LayoutClass;
  /** The block's content: a pure function of (block, page spec, seed). */
  fill(b: LayoutBlock, kit: FillKit): BlockContent;
  /** Draws the block (clipped to its rect by the caller). Default: the drawer of the content's `type`. */
  draw?(ctx: SKRSContext2D, b: LayoutBlock, c: BlockContent): void;
  /** Sub-regions of a drawn block. */
  subRegions?(b: LayoutBlock, c: BlockContent): SubRegion[];
}

/** An element kind: one module, one registration line in kinds/index.ts. */
export interface KindModule {
  /** Element type as network files name it (`paragraph`, `table`, ...). */
  name: string;
  /** One line for the README's kinds table. */
  description: string;
  placement: Placement;
  /**
   * Sub-network nodes with their defaults: a network file that names the kind without some of these nodes gets
   * them from here (kinds/defaults.ts), so every parameter the kind reads is sampled and recorded in the spec.
   */
  defaults: Record<string, NodeDef>;
  /** Block kinds this element yields, each with its class, filler and drawer. */
  parts: Record<string, BlockPart>;
  /** Flow units of one element (placements 'body', 'front-flow' and 'foot'). */
  units?(u: UnitContext, el: ElementSpec, index: number, fullWidth: boolean): FlowUnit[];
  /** Blocks of a 'front' element placed across the text block from `y` down; returns them and the height used. */
  front?(u: UnitContext, el: ElementSpec, index: number, area: { x: number; y: number; w: number; maxY: number }): { blocks: LayoutBlock[]; height: number };
  /** Blocks of a 'margin' element in the page margins (`placed`: the margin blocks placed so far, to keep clear of). */
  margin?(u: UnitContext, el: ElementSpec, index: number, spec: PageSpec, placed: readonly LayoutBlock[]): LayoutBlock[];
}
