/**
 * `npm run bench`: the generator's speed on one machine, as ratios measured in the same run (issue 12, section 1),
 * then the effects, languages, start-up, the evaluator and the detector (skip the detector with BENCH_DETECTOR=0).
 * Prints figures; asserts nothing.
 *
 * A busy machine moves absolute figures by 2x from minute to minute, so the speed figures are measured in rounds
 * (BENCH_ROUNDS, default 2): each round runs every configuration once, back to back, and each ratio is taken inside
 * a round. Figures are the median over rounds with the [min-max] spread.
 * - machine unit: ms to encode one fixed synthetic RGB page (1240x1754, PNG level 1, sharp, main thread, median of
 *   15), so that figures from different machines compare;
 * - bare loop (the fixed reference): the run's first 24 pages drawn and encoded as RGB PNG level 1, no files;
 * - pipeline: `generate()` with files written (COCO), effects off (`effects.profile=clean`) or the default mix.
 *   Pages per second are counted after the first 10 % of the pages (workers start and load fonts before that; the
 *   bare loop is timed warm too); the whole run's figure is printed beside it.
 * Peak RSS is the process's (main thread and workers) during each pipeline run, over BENCH_PAGES pages
 * (the bench process's own, so it carries what earlier runs left); the RSS figure against the target is taken from a
 * separate `pagesynth generate` process (2 workers, clean) over BENCH_RSS_PAGES pages, sampled every 200 ms.
 *
 * Levers (each with its figure in the same round): grey PNG off (PAGESYNTH_GREY=never for the pipeline's workers);
 * libvips's default thread count instead of one per image (PAGESYNTH_SHARP_CONCURRENCY=0, on the 2-thread bare loop); encoder
 * settings and the pixel read-back timed on the bare loop's pages; the main thread's busy time per page; the content
 * stage's share.
 *
 * Env: BENCH_PAGES (pages per pipeline run, default 80, to stay near 10 minutes without the detector on a busy
 * 2-core machine), BENCH_ROUNDS (default 2), BENCH_LANG_PAGES (pages per language, default 16; 0 skips the
 * languages), BENCH_RSS_PAGES (pages of the separate RSS run, default 400; 0 skips it), BENCH_DETECTOR=0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import sharp from 'sharp';
import { generate } from '../run/index.js';
import { defaultKinds, withKindDefaults } from '../kinds/index.js';
import { compileNetwork, loadNetwork, samplePageSpec } from '../network/index.js';
import { deriveSeed } from '../random/index.js';
import { encodeImage } from '../render/index.js';
import { benchDetector } from '../evaluate/detector/bench.js';
import { invalidParameter } from '../errors.js';
import { benchEffects } from './effects.js';
import { benchEvaluator } from './evaluator.js';
import type { BareTask, LeverResult, LeverTask } from './bare-worker.js';

function envInt(name: string, fallback: number, min: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw invalidParameter(name, `an integer >= ${min}`, v);
  return n;
}

const PAGES = envInt('BENCH_PAGES', 80, 10);
const ROUNDS = envInt('BENCH_ROUNDS', 2, 1);
const LANG_PAGES = Math.min(PAGES, envInt('BENCH_LANG_PAGES', 16, 0));
const RSS_PAGES = envInt('BENCH_RSS_PAGES', 400, 0);
/** Pages of the bare loop's fixed set (the run's first ones). */
const BARE_PAGES = 24;

function median(xs: readonly number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** "median [min-max]" of a figure over rounds (just the value for one round). */
function spread(xs: readonly number[], digits = 1): string {
  const s = xs.filter((x) => Number.isFinite(x));
  if (!s.length) return '-';
  const m = median(s).toFixed(digits);
  return s.length === 1 ? m : `${m} [${Math.min(...s).toFixed(digits)}-${Math.max(...s).toFixed(digits)}]`;
}

// --- Peak RSS of this process (main thread and worker threads) over a stretch of the bench ---

/** VmRSS or VmHWM of this process, MiB (0 where /proc is missing). */
function procStatus(field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts measuring the peak RSS: resets the kernel's high-water mark (writing 5 to /proc/self/clear_refs) and also
 * samples VmRSS every 100 ms in case the reset is refused. `stop()` gives the peak in MiB.
 */
function peakRss(): () => number {
  let reset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    reset = true;
  } catch {
    // sampling only
  }
  let max = procStatus('VmRSS');
  const timer = setInterval(() => (max = Math.max(max, procStatus('VmRSS'))), 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(max, reset ? procStatus('VmHWM') : 0);
  };
}

// --- The machine unit ---

/**
 * A fixed synthetic A4 page at 150 dpi, RGBA: two columns of grey "words" (runs of dark strokes) and one colour
 * gradient figure, from an integer LCG. The same bytes on every machine.
 */
function syntheticPage(w = 1240, h = 1754): Buffer {
  const px = new Uint32Array(w * h).fill(0xffffffff);
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  for (let y = 140; y + 14 < h - 140; y += 26) {
    if (y > 700 && y < 1040) continue; // the figure's band
    for (const x0 of [110, 650]) {
      let x = x0;
      while (x < x0 + 470) {
        const len = 12 + (next() % 70);
        for (let yy = y; yy < y + 14; yy++)
          for (let xx = x; xx < Math.min(x + len, x0 + 480); xx++) {
            const v = next() >>> 24;
            if (v < 110) px[yy * w + xx] = (0xff << 24) | (v * 0x010101);
          }
        x += len + 8;
      }
    }
  }
  for (let y = 720; y < 1020; y++)
    for (let x = 200; x < 1040; x++) px[y * w + x] = ((0xff << 24) | ((((x + y) >> 3) & 0xff) << 16) | ((y & 0xff) << 8) | (x & 0xff)) >>> 0;
  return Buffer.from(px.buffer);
}

/** CPU milliseconds of this process (every thread) since `from` (process.cpuUsage()). */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** A throughput: wall-clock pages per second, and the process's CPU time per page (every thread). */
interface Speed {
  pps: number;
  /** CPU ms per page, all threads of the process: what a page costs, whatever share of the machine the run got. */
  cpuMs: number;
  /** CPU time over wall time: the cores the run really had. */
  cores: number;
}

function speedOf(pages: number, wallMs: number, cpuMs: number): Speed {
  return { pps: pages / (wallMs / 1000), cpuMs: cpuMs / pages, cores: cpuMs / wallMs };
}

/**
 * The synthetic page encoded as RGB PNG level 1 (median of `n`, after 3 warm-ups), wall and CPU milliseconds. Nothing
 * else of the bench runs meanwhile, so the process's CPU time is the encoder's.
 */
async function machineUnit(n = 15): Promise<{ wallMs: number; cpuMs: number }> {
  sharp.concurrency(1);
  const page = syntheticPage();
  const opts = { format: 'png', pngLevel: 1, jpegQuality: 90, dpi: 150, grey: 'never' } as const;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await encodeImage(page, 1240, 1754, opts);
    if (i < 3) continue;
    wall.push(performance.now() - t);
    cpu.push(cpuMsSince(c));
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

// --- Pipeline runs ---

interface PipelineFigures extends Speed {
  /** Pages per second over the whole run (start-up included). */
  wholePps: number;
  seconds: number;
  /** Main thread busy time per page (event-loop utilisation): writers, JSON, receiving pages. */
  mainMs: number;
  peakMiB: number;
  stages: Record<string, number>;
}

/** Runs `f` with `env` set in process.env (worker threads copy it when they start), then puts it back. */
async function withEnv<T>(env: Record<string, string>, f: () => T | Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** One `generate()` run with files written; `env` is set for its workers (they copy the environment at start). */
async function pipeline(workers: number, set: string[] = [], pages = PAGES, env: Record<string, string> = {}): Promise<PipelineFigures> {
  return withEnv(env, () => pipelineRun(workers, set, pages));
}

/**
 * Pages per second, CPU per page and the main thread's busy time are counted from the page that ends the first 10 %
 * to the last (workers start, load fonts and warm their caches before that; the bare loop is timed warm too).
 */
async function pipelineRun(workers: number, set: string[], pages: number): Promise<PipelineFigures> {
  const out = mkdtempSync(join(tmpdir(), `pagesynth-bench-${workers}w-`));
  const skip = Math.max(1, Math.floor(pages / 10));
  let tSkip = 0;
  let tLast = 0;
  let cpuLast = 0;
  let eluSkip: EventLoopUtilization | undefined;
  let cpuSkip: NodeJS.CpuUsage | undefined;
  const stop = peakRss();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const run = await generate({
      pages,
      out,
      seed: 1,
      set,
      workers,
      overwrite: true,
      onProgress: (done) => {
        tLast = performance.now();
        if (done === skip) {
          tSkip = tLast;
          eluSkip = performance.eventLoopUtilization();
          cpuSkip = process.cpuUsage();
        } else if (done === pages && cpuSkip) cpuLast = cpuMsSince(cpuSkip);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const steady = pages > skip && eluSkip !== undefined && cpuSkip !== undefined && tLast > tSkip;
    const elu = steady ? performance.eventLoopUtilization(performance.eventLoopUtilization(), eluSkip) : performance.eventLoopUtilization(elu0);
    const counted = steady ? pages - skip : pages;
    return {
      ...speedOf(counted, steady ? tLast - tSkip : seconds * 1000, steady ? cpuLast : cpuMsSince(cpu0)),
      wholePps: pages / seconds,
      seconds,
      mainMs: elu.active / counted,
      peakMiB: stop(),
      stages: run.meanStageMs,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Start-up of a fresh process that renders one page of `language`: seconds to the first page and peak RSS. Fonts
 * load lazily per thread and script, so an English process never opens a CJK file.
 */
function startup(language: string): { seconds: number; rssMiB: number } {
  const url = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
  const code = `
    const t0 = performance.now();
    const { PageRenderer } = await import(${url('../pipeline/index.js')});
    const { compileNetwork, loadNetwork, samplePageSpec } = await import(${url('../network/index.js')});
    const { deriveSeed } = await import(${url('../random/index.js')});
    const net = compileNetwork((await loadNetwork('default')).def);
    await new PageRenderer().render(samplePageSpec(net, { index: 0, seed: deriveSeed(1, 0), interventions: { language: ${JSON.stringify(language)} } }), { format: 'png', dpi: 150, pngLevel: 1 });
    // VmHWM: this process's own peak (getrusage's maxRSS can carry the parent's across fork and exec).
    const hwm = Number(/VmHWM:\\s+(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
    console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, rssMiB: hwm || process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`start-up bench (${language}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number; rssMiB: number };
}

/** What a separate `generate` process used: its peak RSS (main thread and workers) and RSS at each quarter of the run. */
interface RssRun {
  peakMiB: number;
  /** VmRSS when a quarter, half, three quarters and all of the pages were done (MiB). */
  quarters: number[];
  pps: number;
}

/**
 * Runs `pagesynth generate --pages n --workers 2 --set effects.profile=clean` in a child process, reading its
 * /proc/<pid>/status every 200 ms: the peak (VmHWM, the kernel's high-water mark, as last read) and the RSS at each
 * quarter of the pages (counted from the COCO writer's images folder).
 */
async function rssRun(pages: number): Promise<RssRun> {
  const { spawn } = await import('node:child_process');
  const { readdirSync } = await import('node:fs');
  const out = mkdtempSync(join(tmpdir(), 'pagesynth-bench-rss-'));
  const cli = fileURLToPath(new URL('../../bin/pagesynth.js', import.meta.url));
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'generate', '--pages', String(pages), '--out', out, '--workers', '2', '--seed', '1', '--set', 'effects.profile=clean', '--no-progress', '--overwrite'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peak = 0;
  const quarters: number[] = [];
  const timer = setInterval(() => {
    try {
      const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024;
      const rss = Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024;
      peak = Math.max(peak, hwm, rss);
      let done = 0;
      try {
        done = readdirSync(join(out, 'images')).length;
      } catch {
        done = quarters.length < 4 ? 0 : pages;
      }
      while (quarters.length < 4 && done >= ((quarters.length + 1) * pages) / 4) quarters.push(rss);
    } catch {
      // the process has ended
    }
  }, 200);
  const code: number = await new Promise((res) => child.on('close', (c) => res(c ?? 1)));
  clearInterval(timer);
  rmSync(out, { recursive: true, force: true });
  if (code !== 0) throw new Error(`RSS run failed (exit ${code}): ${stderr.slice(0, 500)}`);
  return { peakMiB: peak, quarters, pps: pages / ((performance.now() - t0) / 1000) };
}

// --- The bare loop (see bare-worker.ts) ---

let bareSpecs: unknown[] | undefined;

/** A pool of bare-loop workers; `env` is set while they start (they copy the environment). */
async function barePool(workers: number, env: Record<string, string> = {}): Promise<Piscina<BareTask | LeverTask, number | LeverResult>> {
  if (!bareSpecs) {
    // The pipeline's own network: the kinds' default nodes filled in, as generate does.
    const net = compileNetwork(withKindDefaults((await loadNetwork('default')).def, defaultKinds));
    bareSpecs = Array.from({ length: BARE_PAGES }, (_, i) => samplePageSpec(net, { index: i, seed: deriveSeed(1, i), interventions: {} }));
  }
  return withEnv(env, () => new Piscina({ filename: fileURLToPath(new URL('./bare-worker.js', import.meta.url)), minThreads: workers, maxThreads: workers, workerData: { specs: bareSpecs } }));
}

/** The bare draw+encode loop over the run's first 24 pages with `workers` threads, warm. */
async function bare(workers: number, env: Record<string, string> = {}): Promise<Speed> {
  const pool = await barePool(workers, env);
  try {
    await Promise.all(Array.from({ length: workers }, (_, w) => pool.run({ start: w, count: BARE_PAGES }))); // warm up
    const per = Math.ceil(PAGES / workers);
    const c = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: workers }, (_, w) => pool.run({ start: w * per, count: per })));
    return speedOf(per * workers, performance.now() - t0, cpuMsSince(c));
  } finally {
    await pool.destroy();
  }
}

/** Encoder settings and pixel read-back timed on the bare loop's pages, in one worker (levers 2 and 4). */
async function encoderLevers(): Promise<LeverResult> {
  const pool = await barePool(1);
  try {
    return (await pool.run({ levers: true, passes: 2 })) as LeverResult;
  } finally {
    await pool.destroy();
  }
}

// --- The speed section ---

const CLEAN = ['effects.profile=clean'];
const SHARP_DEFAULT = { PAGESYNTH_SHARP_CONCURRENCY: '0' };

interface Round {
  unit: { wallMs: number; cpuMs: number };
  bare1: Speed;
  bare2: Speed;
  clean1: PipelineFigures;
  clean2: PipelineFigures;
  effects2: PipelineFigures;
  /** Clean, 2 workers, every page RGB (lever 1). */
  rgb2: PipelineFigures;
  /** The 2-thread bare loop with libvips's default thread count (lever 3). */
  sharpBare2: Speed;
}

async function speedRound(): Promise<Round> {
  // Back to back, alternating kinds, so that a change of load falls on both sides of a ratio.
  const t0 = performance.now();
  const step = <T extends Speed | { wallMs: number; cpuMs: number }>(name: string, v: T): T => {
    const f = 'pps' in v ? `${v.pps.toFixed(2)} pages/s, ${v.cpuMs.toFixed(0)} CPU ms/page, ${v.cores.toFixed(2)} cores` : `${v.wallMs.toFixed(1)} ms (CPU ${v.cpuMs.toFixed(1)} ms)`;
    console.log(`  ${name}: ${f} (${((performance.now() - t0) / 1000).toFixed(0)} s into the round)`);
    return v;
  };
  const unit = step('machine unit', await machineUnit());
  const bare2 = step('bare 2t', await bare(2));
  const clean2 = step('clean 2w', await pipeline(2, CLEAN));
  const clean1 = step('clean 1w', await pipeline(1, CLEAN));
  const bare1 = step('bare 1t', await bare(1));
  const effects2 = step('effects 2w', await pipeline(2));
  const rgb2 = step('clean 2w grey off', await pipeline(2, CLEAN, PAGES, { PAGESYNTH_GREY: 'never' }));
  // libvips's own threads (one per core) instead of one per image: process-wide, so set back to 1 afterwards.
  const sharpBare2 = step('bare 2t, sharp threads default', await bare(2, SHARP_DEFAULT));
  sharp.concurrency(1);
  return { unit, bare1, bare2, clean1, clean2, effects2, rgb2, sharpBare2 };
}

function printSpeed(rounds: Round[], levers: LeverResult): void {
  const of = (f: (r: Round) => number) => rounds.map(f);
  const r2 = (xs: number[]) => spread(xs, 2);
  const ok = (xs: number[], target: number) => (median(xs) >= target ? 'met' : 'NOT met');
  console.log(`\nSpeed on one machine: ${ROUNDS} round(s), pipeline runs of ${PAGES} pages (counted after the first ${Math.max(1, Math.floor(PAGES / 10))}), median [min-max] over rounds`);
  console.log(`machine unit: ${spread(of((r) => r.unit.wallMs), 2)} ms wall, ${spread(of((r) => r.unit.cpuMs), 2)} ms CPU to encode the fixed synthetic 1240x1754 RGB page (PNG level 1, sharp, median of 15)`);
  console.log('Wall pages/s depend on the share of the machine a run gets (on a shared box, about the same whatever the thread count);');
  console.log('CPU ms/page (all threads of the process) is what a page costs. Ratios are taken inside a round; "CPU" ratios compare CPU per page.');
  const rows: Array<[string, Array<(r: Round) => Speed>, string, string]> = [];
  const row = (name: string, f: (r: Round) => Speed, wall = '', cpu = '') => rows.push([name, [f], wall, cpu]);
  row('bare loop, 1 thread (RGB, reference)', (r) => r.bare1);
  row('bare loop, 2 threads (RGB, reference)', (r) => r.bare2);
  row('pipeline clean, 1 worker', (r) => r.clean1, `/bare 1t ${r2(of((r) => r.clean1.pps / r.bare1.pps))}`, `/bare ${r2(of((r) => r.bare1.cpuMs / r.clean1.cpuMs))}`);
  row('pipeline clean, 2 workers', (r) => r.clean2, `/bare 2t ${r2(of((r) => r.clean2.pps / r.bare2.pps))}; 2w/1w ${r2(of((r) => r.clean2.pps / r.clean1.pps))}`, `/bare ${r2(of((r) => r.bare2.cpuMs / r.clean2.cpuMs))}; 1w/2w ${r2(of((r) => r.clean1.cpuMs / r.clean2.cpuMs))}`);
  row('pipeline default effects, 2 workers', (r) => r.effects2, `effects/clean ${r2(of((r) => r.effects2.pps / r.clean2.pps))}`, `effects/clean ${r2(of((r) => r.clean2.cpuMs / r.effects2.cpuMs))}`);
  row('lever 1: clean 2w, grey off (all RGB)', (r) => r.rgb2, `grey auto/off ${r2(of((r) => r.clean2.pps / r.rgb2.pps))}`, `grey auto/off ${r2(of((r) => r.rgb2.cpuMs / r.clean2.cpuMs))}`);
  row('lever 3: bare 2t, libvips threads default', (r) => r.sharpBare2, `default/1 ${r2(of((r) => r.sharpBare2.pps / r.bare2.pps))}`, `default/1 ${r2(of((r) => r.bare2.cpuMs / r.sharpBare2.cpuMs))}`);
  console.log(`  ${'figure'.padEnd(42)} ${'pages/s'.padEnd(18)} ${'CPU ms/page'.padEnd(18)} ${'cores'.padEnd(17)} ${'ratio, wall'.padEnd(36)} ratio, CPU`);
  for (const [name, [f], wall, cpu] of rows)
    console.log(`  ${name.padEnd(42)} ${spread(of((r) => f!(r).pps)).padEnd(18)} ${spread(of((r) => f!(r).cpuMs), 0).padEnd(18)} ${spread(of((r) => f!(r).cores), 2).padEnd(17)} ${wall.padEnd(36)} ${cpu}`);
  console.log(`  peak RSS over ${PAGES} pages: clean 1w ${spread(of((r) => r.clean1.peakMiB), 0)} MiB, clean 2w ${spread(of((r) => r.clean2.peakMiB), 0)} MiB, effects 2w ${spread(of((r) => r.effects2.peakMiB), 0)} MiB, grey off 2w ${spread(of((r) => r.rgb2.peakMiB), 0)} MiB`);
  console.log(`  whole-run pages/s (start-up included): clean 1w ${spread(of((r) => r.clean1.wholePps))}, clean 2w ${spread(of((r) => r.clean2.wholePps))}, effects 2w ${spread(of((r) => r.effects2.wholePps))}`);
  const stageKeys = ['layout', 'content', 'draw', 'read', 'boxes', 'effects', 'encode'];
  const stages = (f: (r: Round) => PipelineFigures) => stageKeys.map((k) => `${k} ${spread(of((r) => f(r).stages[k] ?? NaN))}`).join(', ');
  console.log(`  stage wall ms/page per worker (whole run), clean 1w: ${stages((r) => r.clean1)}`);
  console.log(`  stage wall ms/page per worker (whole run), clean 2w: ${stages((r) => r.clean2)}`);
  console.log(`  encode stage, clean 2w: grey auto ${spread(of((r) => r.clean2.stages.encode ?? NaN))}, grey off ${spread(of((r) => r.rgb2.stages.encode ?? NaN))}; effects 2w: effects ${spread(of((r) => r.effects2.stages.effects ?? NaN))}, encode ${spread(of((r) => r.effects2.stages.encode ?? NaN))}`);
  console.log(`  lever 5, main thread busy ms/page (writers, JSON, receiving pages): clean 1w ${spread(of((r) => r.clean1.mainMs), 2)}, clean 2w ${spread(of((r) => r.clean2.mainMs), 2)}, effects 2w ${spread(of((r) => r.effects2.mainMs), 2)}; share of the CPU per page, clean 2w: ${spread(of((r) => r.clean2.mainMs / r.clean2.cpuMs), 2)}`);
  const total = (r: Round) => stageKeys.reduce((a, k) => a + (r.clean1.stages[k] ?? 0), 0);
  console.log(`  lever 6, content stage (word widths measured per worker), clean 1w: ${spread(of((r) => r.clean1.stages.content ?? NaN))} ms/page, ${spread(of((r) => (r.clean1.stages.content ?? NaN) / total(r)), 2)} of the stages' time`);
  console.log(`Encoder settings on the bare loop's ${levers.total} pages (${levers.colourless} without colour; one worker, median wall ms/page and size; levers 1 and 2):`);
  for (const e of levers.encoders) console.log(`  ${e.name.padEnd(44)} ${e.ms.toFixed(1).padStart(6)} ms ${(e.bytes / 1024).toFixed(0).padStart(6)} KiB  (${e.pages} pages)`);
  console.log(`  colour check (Uint32 view, stops at the first coloured pixel): ${levers.checkMs.toFixed(2)} ms/page`);
  console.log(`Pixel read-back (lever 4), median wall ms/page: ${Object.entries(levers.read).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  console.log('Targets (medians of the same-round ratios; wall, then CPU):');
  console.log(`  pipeline 2w / bare 2t >= 1.0: wall ${r2(of((r) => r.clean2.pps / r.bare2.pps))} ${ok(of((r) => r.clean2.pps / r.bare2.pps), 1)}; CPU ${r2(of((r) => r.bare2.cpuMs / r.clean2.cpuMs))} ${ok(of((r) => r.bare2.cpuMs / r.clean2.cpuMs), 1)}`);
  console.log(`  2 workers / 1 worker >= 1.7: wall ${r2(of((r) => r.clean2.pps / r.clean1.pps))} ${ok(of((r) => r.clean2.pps / r.clean1.pps), 1.7)} (cores had: 1w ${spread(of((r) => r.clean1.cores), 2)}, 2w ${spread(of((r) => r.clean2.cores), 2)})`);
  console.log(`  effects / clean >= 0.7: wall ${r2(of((r) => r.effects2.pps / r.clean2.pps))} ${ok(of((r) => r.effects2.pps / r.clean2.pps), 0.7)}; CPU ${r2(of((r) => r.clean2.cpuMs / r.effects2.cpuMs))} ${ok(of((r) => r.clean2.cpuMs / r.effects2.cpuMs), 0.7)}`);
  const peak = Math.max(...rounds.flatMap((r) => [r.clean1.peakMiB, r.clean2.peakMiB, r.effects2.peakMiB]));
  console.log(`  (peak RSS of the bench process over these runs: ${peak.toFixed(0)} MiB, earlier runs' memory included; the target is checked on a separate process below)`);
}

async function main(): Promise<void> {
  console.log(`pagesynth bench: ${PAGES} default pages per pipeline run (A4, 150 dpi, PNG level 1), ${ROUNDS} round(s)`);
  const t0 = performance.now();
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await speedRound());
    console.log(`round ${i + 1} done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  printSpeed(rounds, await encoderLevers());
  if (RSS_PAGES > 0) {
    const r = await rssRun(RSS_PAGES);
    console.log(`peak RSS of a separate \`generate --workers 2\` process over ${RSS_PAGES} clean pages: ${r.peakMiB.toFixed(0)} MiB (target < 600: ${r.peakMiB < 600 ? 'met' : 'NOT met'}); RSS at each quarter of the run ${r.quarters.map((q) => q.toFixed(0)).join(', ')} MiB; ${r.pps.toFixed(1)} pages/s whole run`);
  }
  const at = () => `(${((performance.now() - t0) / 1000).toFixed(0)} s into the bench)`;
  console.log(`speed section done ${at()}`);
  const clean2 = median(rounds.map((r) => r.clean2.pps));
  const effects2 = median(rounds.map((r) => r.effects2.pps));

  console.log('effects, ms per A4 page at 150 dpi (medium level, median of 9 warm runs; Augraphy: its 2-core benchmark, limit = 1/10 of it above 50 ms):');
  for (const e of await benchEffects()) {
    const a = e.augraphy ? `${e.augraphy.name} ${e.augraphy.ms.toFixed(0)} ms, limit ${e.augraphy.limitMs.toFixed(1)} ms: ${e.augraphy.ok ? 'ok' : 'SLOWER'}` : '-';
    console.log(`  ${e.name.padEnd(18)} ${e.stage.padEnd(8)} image ${e.imageMs.toFixed(1).padStart(6)} ms  boxes ${e.boxesMs.toFixed(1).padStart(5)} ms   ${a}`);
  }
  console.log(`effects done ${at()}`);
  // Languages (issue 9): the default mixes 21 languages (about two pages in three English); English alone; each script.
  if (LANG_PAGES > 0) {
    const en = await pipeline(2, ['language=en'], Math.min(PAGES, 4 * LANG_PAGES));
    console.log(`generate, English only, 2 workers: ${en.pps.toFixed(1)} pages/s (default mix ${effects2.toFixed(1)} / English: ${(effects2 / en.pps).toFixed(2)}; clean default mix ${clean2.toFixed(1)})`);
    const per: string[] = [];
    for (const lang of ['de', 'ru', 'zh', 'ja', 'ko', 'ar', 'he', 'hi', 'th']) per.push(`${lang} ${(await pipeline(2, [`language=${lang}`], LANG_PAGES)).pps.toFixed(1)}`);
    console.log(`generate per language, 2 workers (pages/s over ${LANG_PAGES} pages, after the first ${Math.max(1, Math.floor(LANG_PAGES / 10))}): ${per.join(', ')}`);
  }
  if (LANG_PAGES > 0) console.log(`languages done ${at()}`);
  for (const lang of ['en', 'ja', 'ar']) {
    const s = startup(lang);
    console.log(`start-up, one ${lang} page in a fresh process: ${s.seconds.toFixed(2)} s, peak RSS ${s.rssMiB.toFixed(0)} MiB`);
  }
  console.log(`peak RSS of the bench process so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  const ev = await benchEvaluator();
  console.log(`evaluate (COCO)    : ${ev.images} images, ${ev.gt} gt, ${ev.dt} dt in ${ev.seconds.toFixed(2)} s`);
  console.log(`bench time so far: ${at()}`);
  if (process.env.BENCH_DETECTOR === '0') return;
  const det = await benchDetector({ log: (l) => console.log(`  ${l}`) });
  console.log(`detector training  : ${det.trainSeconds.toFixed(1)} s on 1000 default pages; model ${(det.modelBytes / 1024).toFixed(0)} KiB`);
  console.log(`detector, synthetic: macro F1@0.5 ${det.syntheticMacroF1.toFixed(3)} on 200 held-out default pages (classes on >= 5 % of pages)`);
  console.log(`detector, DocBank  : F1@0.5 per class (train/test split by document) ${JSON.stringify(det.realPerClassF1)}`);
  console.log(`detector, degraded : macro F1@0.5 ${det.degradedMacroF1.toFixed(3)} on the same test pages printed, scanned or photographed (clean ${det.syntheticMacroF1.toFixed(3)}); per profile ${JSON.stringify(det.degradedByProfile)}; pages collapsed into one region over 60 %: ${det.collapsed.clean} clean, ${det.collapsed.degraded} degraded`);
  if (det.scans) console.log(`detector, scans    : SROIE receipts: ${det.scans.inkCollapsed}/${det.scans.pages} with the ink joined into one segment over 60 % of the page, ${det.scans.collapsed} with a detection over 60 %, ${(100 * det.scans.covered).toFixed(1)} % of text lines inside a detection` + (det.unprepared?.scans ? ` (without the preparation: ${det.unprepared.scans.inkCollapsed}, ${det.unprepared.scans.collapsed}, ${(100 * det.unprepared.scans.covered).toFixed(1)} %)` : ''));
  console.log(`detector, time     : preparation ${det.timing.prepareMs.toFixed(1)} ms/page; detection ${det.timing.detectMs.toFixed(1)} ms/page prepared, ${det.timing.detectUnpreparedMs.toFixed(1)} ms without`);
  if (det.unprepared) console.log(`detector, no prep  : macro F1 ${det.unprepared.syntheticMacroF1.toFixed(3)} clean, ${det.unprepared.degradedMacroF1.toFixed(3)} degraded (the same pages, trained and run without the preparation)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
