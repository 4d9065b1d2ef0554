export { createPagePool, defaultWorkers, runPages } from './pool.js';
export type { PageRunner, PoolOptions } from './pool.js';
export { PageRenderer } from './page.js';
export type { RenderOptions, RenderedPage } from './page.js';
export type { PageResult, PageTask } from './types.js';
export type { WorkerSetup } from './worker.js';
