export { createPagePool, defaultWorkers, runPages } from './pool.js';
export type { PageRunner, PoolOptions } from './pool.js';
