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
}
