/**
 * The registry of element kinds (detectron2's Registry habit): `register(kind)` adds one, a duplicate name throws,
 * and an unknown name is an error that lists the known ones. Block kinds shared by several element kinds (a caption
 * under a table or a figure) must be the same part object.
 */
import { UsageError } from '../errors.js';
import type { LayoutClass } from '../types.js';
import type { BlockPart, KindModule } from './types.js';

export class KindRegistry {
  private readonly kinds = new Map<string, KindModule>();
  private readonly parts = new Map<string, BlockPart>();

  /**
   * Adds a kind. Throws if its name, or one of its block kinds with a different part, is already registered.
   * @example registry.register(paragraph)
   */
  register(kind: KindModule): this {
    if (this.kinds.has(kind.name)) throw new Error(`element kind "${kind.name}" is already registered`);
    for (const [name, part] of Object.entries(kind.parts)) {
      const prev = this.parts.get(name);
      if (prev && prev !== part) throw new Error(`block kind "${name}" of element kind "${kind.name}" is already registered by another kind with a different part`);
    }
    this.kinds.set(kind.name, kind);
    for (const [name, part] of Object.entries(kind.parts)) this.parts.set(name, part);
    return this;
  }

  has(name: string): boolean {
    return this.kinds.has(name);
  }

  /**
   * The kind named `name`.
   * @throws UsageError naming the known kinds when there is none.
   * @example registry.get('table').placement // 'body'
   */
  get(name: string): KindModule {
    const k = this.kinds.get(name);
    if (!k) throw new UsageError(`unknown element kind "${name}"; known kinds: ${this.names().join(', ')}`);
    return k;
  }

  /** The part that fills and draws block kind `name`. */
  part(name: string): BlockPart {
    const p = this.parts.get(name);
    if (!p) throw new Error(`no element kind yields block kind "${name}"; known block kinds: ${[...this.parts.keys()].join(', ')}`);
    return p;
  }

  /** Region class of a block kind. */
  categoryOf(blockKind: string): LayoutClass {
    return this.part(blockKind).category;
  }

  names(): string[] {
    return [...this.kinds.keys()];
  }

  list(): KindModule[] {
    return [...this.kinds.values()];
  }

  /** Names of the kinds with one of the given placements, in registration order. */
  withPlacement(...placements: KindModule['placement'][]): string[] {
    return this.list()
      .filter((k) => placements.includes(k.placement))
      .map((k) => k.name);
  }
}
