/**
 * The worker pool: one piscina pool per run, tasks are plain data (page index and seed), results come back
 * in page order whatever the worker count, with a bounded number of pages in flight.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { deriveSeed } from '../random/index.js';
import type { PageResult, PageTask, WorkerSetup } from '../pipeline/index.js';

export interface PoolOptions {
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  setup: WorkerSetup;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** A pool of page workers. Injectable: `runPages` takes any object with `run(task)`. */
export function createPagePool(opts: PoolOptions): Piscina<PageTask, PageResult> {
  const workers = opts.workers ?? defaultWorkers();
  return new Piscina<PageTask, PageResult>({
    filename: fileURLToPath(new URL('../pipeline/worker.js', import.meta.url)),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    workerData: opts.setup,
  });
}

export interface PageRunner {
  run(task: PageTask): Promise<PageResult>;
}

/**
 * Makes pages `start .. start+count-1` of a run with master seed `seed`, calling `onPage` in index order.
 * At most `inFlight` pages are rendering or waiting to be consumed, so memory stays flat.
 * @example await runPages(pool, { seed: 42, count: 100 }, async (page) => save(page))
 */
export async function runPages(
  pool: PageRunner,
  opts: { seed: number; count: number; start?: number; inFlight?: number },
  onPage: (page: PageResult) => Promise<void>,
): Promise<void> {
  const start = opts.start ?? 0;
  const end = start + opts.count;
  const inFlight = Math.max(1, opts.inFlight ?? 8);
  const pending = new Map<number, Promise<PageResult>>();
  let next = start;
  const submit = () => {
    while (next < end && pending.size < inFlight) {
      const index = next++;
      const p = pool.run({ index, seed: deriveSeed(opts.seed, index) });
      p.catch(() => undefined); // surfaced when awaited in order
      pending.set(index, p);
    }
  };
  submit();
  for (let index = start; index < end; index++) {
    const page = await pending.get(index)!;
    pending.delete(index);
    submit();
    await onPage(page);
  }
}
