/**
 * What layout needs of the kind registry (kinds/registry.ts implements it). Layout takes it as a parameter, so it
 * does not import the kinds, which build on layout.
 */
import type { ElementSpec, LayoutClass, PageSpec } from '../types.js';
import type { LayoutBlock } from './types.js';
import type { FlowUnit, UnitContext } from './units.js';

export interface LayoutKind {
  placement: 'margin' | 'front' | 'front-flow' | 'body' | 'foot';
  units?(u: UnitContext, el: ElementSpec, index: number, fullWidth: boolean): FlowUnit[];
  front?(u: UnitContext, el: ElementSpec, index: number, area: { x: number; y: number; w: number; maxY: number }): { blocks: LayoutBlock[]; height: number };
  margin?(u: UnitContext, el: ElementSpec, index: number, spec: PageSpec, placed: readonly LayoutBlock[]): LayoutBlock[];
}

export interface LayoutKinds {
  get(name: string): LayoutKind;
  categoryOf(blockKind: string): LayoutClass;
}
