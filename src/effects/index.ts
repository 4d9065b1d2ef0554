/**
 * The effects stage: print-and-scan degradations applied after rendering, each moving the image and every box of
 * the page together (boxes.ts). Effects are registered in print-and-scan order: ink, paper, capture.
 */
import { EffectRegistry } from './registry.js';
import { EFFECTS } from './all.js';

export { EffectRegistry } from './registry.js';
export { applyEffects, planEffects, PROFILE_NODE } from './stage.js';
export type { EffectsResult } from './stage.js';
export { carryRegions, inkOutline, clipPolygon, KEEP_RULE } from './boxes.js';
export type { InkSource, CarryInput } from './boxes.js';
export { cloneRaster, createRaster, wordsOf } from './raster.js';
export type { Raster } from './raster.js';
export { LEVELS } from './types.js';
export type { AppliedEffect, Effect, EffectPage, EffectParams, EffectsSpec, Interpolation, Level, OnLevel, Stage, Transform } from './types.js';

/** The bundled effects, in application order. */
export const defaultEffects = EFFECTS.reduce((r, e) => r.register(e), new EffectRegistry());
