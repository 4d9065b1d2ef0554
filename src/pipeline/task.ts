import type { PageSpec, Region } from '../types.js';

/** A page to make: plain data. */
export interface PageTask {
  index: number;
  seed: number;
}

/** A made page: plain data, image bytes transferred. */
export interface PageResult {
  index: number;
  spec: PageSpec;
  width: number;
  height: number;
  regions: Region[];
  image: Uint8Array;
  timings: Record<string, number>;
  /**
   * With `render.pdf`: the clean page as a PDF (bytes transferred), its regions before effects and its size in pixels
   * (the PDF page is width * 72 / dpi by height * 72 / dpi points).
   */
  pdf?: { bytes: Uint8Array; regions: Region[]; width: number; height: number; gaps?: Record<string, number> };
}
