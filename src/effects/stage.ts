/**
 * The effects stage of one page: plan (levels from the spec's `effects` values -> parameters from each effect's
 * policy, drawn from the page's own effects stream) and apply (the image through every transform in print-and-scan
 * order, the regions carried along by boxes.ts).
 */
import { UsageError } from '../errors.js';
import { createRng } from '../random/index.js';
import type { PageSpec, Region, XYXY } from '../types.js';
import { carryRegions, type InkSource } from './boxes.js';
import type { Raster } from './raster.js';
import type { EffectRegistry } from './registry.js';
import { LEVELS, type AppliedEffect, type OnLevel, type Transform } from './types.js';

/** Name of the network node that picks the page's effects profile. */
export const PROFILE_NODE = 'profile';

/**
 * The effects a spec asks for, in application order, each with its parameters. Parameters already in the spec
 * (`effects.applied`, as specs.jsonl holds them) are kept, so a written spec re-makes the same page; otherwise each
 * effect's policy draws them from `createRng(spec.seed).fork('effect:<name>')`, its own stream.
 * @throws UsageError when the spec names an effect level for an effect that is not registered.
 * @example planEffects(spec, defaultEffects).map((e) => e.name)
 */
export function planEffects(spec: PageSpec, registry: EffectRegistry): AppliedEffect[] {
  const fx = spec.effects;
  if (!fx) return [];
  if (fx.applied) return fx.applied as AppliedEffect[];
  for (const [name, v] of Object.entries(fx.values)) {
    if (name === PROFILE_NODE || typeof v !== 'string' || !(LEVELS as readonly string[]).includes(v) || registry.has(name)) continue;
    throw new UsageError(`network "${spec.network}": effects node "${name}" gives a level (${v}) but no effect has that name; known effects: ${registry.names().join(', ')}`);
  }
  const base = createRng(spec.seed);
  const out: AppliedEffect[] = [];
  for (const e of registry.list()) {
    const level = fx.values[e.name];
    if (typeof level !== 'string' || level === 'off' || !(LEVELS as readonly string[]).includes(level)) continue;
    out.push({ name: e.name, level: level as OnLevel, params: e.sample(base.fork(`effect:${e.name}`), level as OnLevel) });
  }
  return out;
}

/** A page after its effects. */
export interface EffectsResult {
  image: Raster;
  regions: Region[];
  /** Milliseconds per effect (image), and `boxes` for carrying the regions. */
  timings: Record<string, number>;
}

/**
 * Applies `applied` to the page's image and carries its regions along (see boxes.ts for the rules). `areas[i]` are
 * the clean page's areas whose ink is region i's.
 */
export async function applyEffects(
  image: Raster,
  applied: readonly AppliedEffect[],
  registry: EffectRegistry,
  page: { dpi: number; paper: number },
  ink: InkSource,
  regions: readonly Region[],
  areas: readonly (readonly XYXY[])[],
): Promise<EffectsResult> {
  const timings: Record<string, number> = {};
  const geometric: Transform[] = [];
  let kept: Uint8Array | null = null;
  let img = image;
  for (const a of applied) {
    const t0 = performance.now();
    const t = registry.get(a.name).transform(a.params, { width: img.width, height: img.height, dpi: page.dpi, paper: page.paper });
    img = await t.applyImage(img, 'bilinear');
    if (t.geometric) geometric.push(t);
    else if (t.inkKept && geometric.length === 0) {
      // Erasure is judged in the clean page's frame: only effects before any geometric one erase (ink and paper stages).
      const k = t.inkKept();
      if (!kept) kept = k;
      else combineKept(kept, k);
    }
    timings[a.name] = performance.now() - t0;
  }
  const t1 = performance.now();
  const out = geometric.length || kept ? carryRegions({ regions, areas, ink, geometric, kept }, img.width, img.height) : regions.slice();
  timings.boxes = performance.now() - t1;
  return { image: img, regions: out, timings };
}

/** Ink kept by two erasing effects, one after the other (`into` *= `k`, as shares of 255). */
function combineKept(into: Uint8Array, k: Uint8Array): void {
  for (let i = 0; i < into.length; i++) {
    const b = k[i]!;
    if (b !== 255) into[i] = (into[i]! * b + 127) / 255;
  }
}
