/**
 * The registry of effects (detectron2's Registry habit): registration order is application order, which is the
 * print-and-scan order (ink, then paper, then capture); a duplicate name throws; an unknown name lists the known.
 */
import { UsageError } from '../errors.js';
import type { Effect, Stage } from './types.js';

const STAGE_ORDER: Record<Stage, number> = { ink: 0, paper: 1, capture: 2 };

export class EffectRegistry {
  private readonly effects = new Map<string, Effect>();

  /**
   * Adds an effect after the ones registered before it. Its stage may not come before the last one's.
   * @example registry.register(rotation)
   */
  register(effect: Effect): this {
    if (this.effects.has(effect.name)) throw new Error(`effect "${effect.name}" is already registered`);
    const last = [...this.effects.values()].at(-1);
    if (last && STAGE_ORDER[effect.stage] < STAGE_ORDER[last.stage]) {
      throw new Error(`effect "${effect.name}" (${effect.stage}) registered after "${last.name}" (${last.stage}): effects go in print-and-scan order`);
    }
    this.effects.set(effect.name, effect);
    return this;
  }

  has(name: string): boolean {
    return this.effects.has(name);
  }

  /**
   * The effect named `name`.
   * @throws UsageError naming the known effects when there is none.
   * @example registry.get('rotation').geometric // true
   */
  get(name: string): Effect {
    const e = this.effects.get(name);
    if (!e) throw new UsageError(`unknown effect "${name}"; known effects: ${this.names().join(', ')}`);
    return e;
  }

  /** Names in application order. */
  names(): string[] {
    return [...this.effects.keys()];
  }

  /** Effects in application order. */
  list(): Effect[] {
    return [...this.effects.values()];
  }
}
