/**
 * The task a pool worker runs (pool/ starts the threads): samples a page's spec from the network, renders it and hands back plain data, with the
 * image bytes transferred rather than copied. Network and options arrive once, in workerData.
 */
import { workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { compileNetwork, samplePageSpec, type Interventions, type NetworkDef } from '../network/index.js';
import { PageRenderer, type RenderOptions } from './page.js';
import type { PageResult, PageTask } from './task.js';

export interface WorkerSetup {
  network: NetworkDef;
  interventions: Interventions;
  render: RenderOptions;
}

const setup = workerData as WorkerSetup;
const network = compileNetwork(setup.network);
const renderer = new PageRenderer(setup.render.fontDir);

export default async function renderTask(task: PageTask): Promise<PageResult> {
  const spec = samplePageSpec(network, { index: task.index, seed: task.seed, interventions: setup.interventions });
  const page = await renderer.render(spec, setup.render);
  // sharp's buffer may share memory that cannot be detached: copy once into a transferable one.
  const image = new Uint8Array(page.image.byteLength);
  image.set(page.image);
  const result: PageResult = { index: task.index, spec: page.spec, width: page.width, height: page.height, regions: page.regions, image, timings: page.timings };
  // The PDF twin's bytes are a fresh buffer of their own (render/pdf.ts): moved like the image.
  if (page.pdf) result.pdf = page.pdf;
  // Hand back the result with the image's memory moved to the main thread (piscina's Transferable protocol).
  const movable = { [Piscina.transferableSymbol]: page.pdf ? [image.buffer, page.pdf.bytes.buffer] : [image.buffer], [Piscina.valueSymbol]: result };
  return Piscina.move(movable as never) as unknown as PageResult;
}
