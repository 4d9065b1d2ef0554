/**
 * The effects stage's contracts, in the shape of detectron2's Augmentation -> Transform: an {@link Effect} is a
 * policy (`sample`: a strength level and a seeded random source in, plain JSON parameters out) and a factory of
 * deterministic {@link Transform}s (`transform`: parameters and the page's facts in). A transform applies to the
 * image and, when it moves pixels, to points, so the stage can carry every box of the page along.
 */
import type { Rng } from '../random/index.js';
import type { Raster } from './raster.js';

/** Strength levels a profile gives an effect (network nodes `effects.<name>`). */
export const LEVELS = ['off', 'light', 'medium', 'heavy'] as const;
export type Level = (typeof LEVELS)[number];
/** A level at which an effect is applied. */
export type OnLevel = Exclude<Level, 'off'>;

/** Where in the print-and-scan order an effect belongs: on the ink, on the paper, or in the capture. */
export type Stage = 'ink' | 'paper' | 'capture';

/** An effect's parameters: plain JSON, written to specs.jsonl, enough to re-make the effect exactly. */
export type EffectParams = Record<string, number | boolean | string | number[]>;

/** One applied effect as a page spec records it. */
export interface AppliedEffect {
  name: string;
  level: OnLevel;
  params: EffectParams;
}

/** What a page's spec says about its effects: the network's values and the effects applied, in order. */
export interface EffectsSpec {
  /** Values of the network's `effects` nodes (`profile` and one level per effect). */
  values: Record<string, string | number | boolean>;
  /** The effects applied, in print-and-scan order, with their sampled parameters (filled by the pipeline). */
  applied?: AppliedEffect[];
}

/** Facts about the page an effect is applied to. */
export interface EffectPage {
  /** Size of the image the transform receives (earlier geometric effects may have changed it). */
  width: number;
  height: number;
  /** Resolution the page was drawn at. */
  dpi: number;
  /** Paper colour as a 32-bit RGBA pixel word (little-endian: 0xAABBGGRR). */
  paper: number;
}

/** How an image is resampled by a geometric transform: bilinear for pictures, nearest for label maps. */
export type Interpolation = 'bilinear' | 'nearest';

/**
 * A deterministic transform. It may reuse the memory of the raster it is given; it never changes boxes in place:
 * the stage maps points through {@link Transform.applyCoords} and builds new boxes from them.
 */
export interface Transform {
  /** Size of the output image. */
  readonly width: number;
  readonly height: number;
  /** Whether it moves pixels (then `applyCoords` is defined). */
  readonly geometric: boolean;
  /** Applies to an RGBA image. `interp` matters only to geometric transforms. */
  applyImage(image: Raster, interp?: Interpolation): Raster | Promise<Raster>;
  /**
   * Maps points forward, in place: `xy` holds x, y pairs in continuous pixel coordinates (a pixel's centre is at
   * +0.5). Only geometric transforms have it.
   */
  applyCoords?(xy: Float64Array): void;
  /**
   * For photometric transforms that can remove ink (dropouts, fading, punch holes): after `applyImage`, how much of
   * the ink at each pixel survives, 0..255 (255: all), row-major over the image. The stage drops or marks boxes by it.
   */
  inkKept?(): Uint8Array;
}

/**
 * An effect: a policy and a transform factory. `sample` is the only place randomness enters; `transform` must be a
 * pure function of its parameters and the page (an effect needing random pixels takes a `seed` parameter).
 */
export interface Effect<P extends EffectParams = EffectParams> {
  /** Name in the network (`effects.<name>`), in specs and on the command line. */
  readonly name: string;
  readonly stage: Stage;
  /** Whether its transforms move pixels. */
  readonly geometric: boolean;
  /** One line for the README's table. */
  readonly summary: string;
  /** The Augraphy augmentation doing the same job and its images/s on Augraphy's 2-core benchmark, for the bench. */
  readonly augraphy?: { name: string; imagesPerSecond: number };
  /** The policy: parameters for a strength level, from `rng` only. */
  sample(rng: Rng, level: OnLevel): P;
  /** The deterministic transform for these parameters on this page. */
  transform(params: P, page: EffectPage): Transform;
}

/**
 * A photometric transform that can erase ink: `apply` changes the image in place and returns how much of the ink
 * at each pixel survives (0..255, row-major), which `inkKept` then gives the stage.
 */
export function erasing(page: EffectPage, apply: (image: Raster) => Uint8Array): Transform {
  let kept: Uint8Array | null = null;
  return photometric(
    page,
    (image) => {
      kept = apply(image);
      return image;
    },
    () => kept ?? new Uint8Array(page.width * page.height).fill(255),
  );
}

/** A photometric transform: same size out, no points to move. */
export function photometric(page: EffectPage, apply: (image: Raster) => Raster | Promise<Raster>, inkKept?: () => Uint8Array): Transform {
  return { width: page.width, height: page.height, geometric: false, applyImage: apply, ...(inkKept ? { inkKept } : {}) };
}
