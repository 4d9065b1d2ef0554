/**
 * Every bundled effect, in print-and-scan order (the order they are applied in): what happens to the ink as the
 * page is printed, then to the paper, then in the capture (geometry first, then light and optics, the sensor, the
 * device's tone reproduction, compression, and the framing last).
 */
import type { Effect } from './types.js';
import { inkBleed } from './ink/ink-bleed.js';
import { inkFading } from './ink/fading.js';
import { inkDropouts } from './ink/dropouts.js';
import { lowToner } from './ink/low-toner.js';
import { overInking } from './ink/over-inking.js';
import { paperTint } from './paper/tint.js';
import { paperFibres } from './paper/fibres.js';
import { paperNoise } from './paper/noise.js';
import { stains } from './paper/stains.js';
import { paperWatermark } from './paper/watermark.js';
import { bleedThrough } from './paper/bleed-through.js';
import { folds } from './paper/folds.js';
import { punchHoles } from './paper/punch-holes.js';
import { rotation } from './capture/rotation.js';
import { perspective } from './capture/perspective.js';
import { pageCurl } from './capture/page-curl.js';
import { scannerBorder } from './capture/scanner-border.js';
import { lightingGradient } from './capture/lighting.js';
import { shadow } from './capture/shadow.js';
import { defocus } from './capture/defocus.js';
import { gaussianBlur } from './capture/gaussian-blur.js';
import { motionBlur } from './capture/motion-blur.js';
import { lowResolution } from './capture/low-resolution.js';
import { sensorNoise } from './capture/sensor-noise.js';
import { halftone } from './capture/halftone.js';
import { dirtyRollers } from './capture/dirty-rollers.js';
import { dither } from './capture/dither.js';
import { binarize } from './capture/binarize.js';
import { jpeg } from './capture/jpeg.js';
import { cropPad } from './capture/crop-pad.js';

export const EFFECTS: readonly Effect[] = [
  // ink
  inkBleed,
  inkFading,
  inkDropouts,
  lowToner,
  overInking,
  // paper: the verso's ink first (it mirrors what is darker than the paper), the holes last (they show the lid)
  bleedThrough,
  paperTint,
  paperFibres,
  paperNoise,
  stains,
  paperWatermark,
  folds,
  punchHoles,
  // capture: geometry, light, optics, sensor, tone reproduction, compression, framing
  rotation,
  perspective,
  pageCurl,
  scannerBorder,
  lightingGradient,
  shadow,
  defocus,
  gaussianBlur,
  motionBlur,
  lowResolution,
  sensorNoise,
  halftone,
  dirtyRollers,
  dither,
  binarize,
  jpeg,
  cropPad,
] as Effect[];
