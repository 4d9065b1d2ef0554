export { PageRenderer, layoutSpec, markPlaced } from './page.js';
export type { DrawnPage, RenderOptions, RenderedPage } from './page.js';
export type { PageResult, PageTask } from './task.js';
export type { WorkerSetup } from './worker.js';
