/** The progress bar (cli-progress) on stderr: pages done, pages/s, ETA. Silent when stderr is not a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(): void;
  stop(): void;
  readonly done: number;
}

export function createProgress(total: number, enabled: boolean, label = 'pages'): Progress {
  let done = 0;
  const t0 = performance.now();
  const bar =
    enabled && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            format: `${label} |{bar}| {value}/{total} | {rate} ${label}/s | ETA {eta_formatted}`,
            stream: process.stderr,
            etaBuffer: 50,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(total, 0, { rate: '0.0' });
  let stopped = false;
  return {
    tick() {
      done++;
      const rate = done / Math.max(1e-3, (performance.now() - t0) / 1000);
      bar?.update(done, { rate: rate.toFixed(1) });
    },
    stop() {
      if (!stopped) bar?.stop();
      stopped = true;
    },
    get done() {
      return done;
    },
  };
}
