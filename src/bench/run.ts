/**
 * `npm run bench`: throughput of the generator with 1 and 2 workers, the bare draw+encode bound, their ratio,
 * peak RSS, the evaluator's time, and the detector's training time and quality (synthetic and DocBank; skip with
 * BENCH_DETECTOR=0). Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { generate } from '../run/index.js';
import { defaultKinds, withKindDefaults } from '../kinds/index.js';
import { compileNetwork, loadNetwork, samplePageSpec } from '../network/index.js';
import { deriveSeed } from '../random/index.js';
import { benchDetector } from '../evaluate/detector/bench.js';
import { benchEffects } from './effects.js';
import { benchEvaluator } from './evaluator.js';

const PAGES = Number(process.env.BENCH_PAGES ?? 600);

function rssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function pipeline(workers: number, set: string[] = [], pages = PAGES): Promise<{ pps: number; seconds: number }> {
  const out = mkdtempSync(join(tmpdir(), `pagesynth-bench-${workers}w-`));
  const t0 = performance.now();
  const run = await generate({ pages, out, seed: 1, set, workers, overwrite: true });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  stage means (ms/page, per worker): ${JSON.stringify(run.meanStageMs)}`);
  rmSync(out, { recursive: true, force: true });
  return { pps: pages / seconds, seconds };
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

/** The bare draw+encode loop over the run's first 24 pages (see bare-worker.ts), with `workers` threads. */
async function bare(workers: number): Promise<number> {
  // The pipeline's own network: the kinds' default nodes filled in, as generate does.
  const net = compileNetwork(withKindDefaults((await loadNetwork('default')).def, defaultKinds));
  const specs = Array.from({ length: 24 }, (_, i) => samplePageSpec(net, { index: i, seed: deriveSeed(1, i), interventions: {} }));
  const pool = new Piscina({ filename: fileURLToPath(new URL('./bare-worker.js', import.meta.url)), minThreads: workers, maxThreads: workers, workerData: { specs } });
  await Promise.all(Array.from({ length: workers }, (_, w) => pool.run({ start: w, count: 24 }))); // warm up
  const per = Math.ceil(PAGES / workers);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => pool.run({ start: w * per, count: per })));
  const pps = (per * workers) / ((performance.now() - t0) / 1000);
  await pool.destroy();
  return pps;
}

async function main(): Promise<void> {
  console.log(`pagesynth bench: ${PAGES} default pages per run (A4, 150 dpi, PNG level 1)`);
  const p1 = await pipeline(1);
  console.log(`generate, 1 worker : ${p1.pps.toFixed(1)} pages/s (${p1.seconds.toFixed(1)} s)`);
  const p2 = await pipeline(2);
  console.log(`generate, 2 workers: ${p2.pps.toFixed(1)} pages/s (${p2.seconds.toFixed(1)} s)`);
  console.log(`scaling 2w/1w      : ${(p2.pps / p1.pps).toFixed(2)}`);
  // Effects (issue 10): the default mix has them on; the same pages with effects.profile=clean are the clean pipeline.
  const clean = await pipeline(2, ['effects.profile=clean']);
  console.log(`generate, effects off (effects.profile=clean), 2 workers: ${clean.pps.toFixed(1)} pages/s (default mix with effects / clean: ${(p2.pps / clean.pps).toFixed(2)})`);
  console.log('effects, ms per A4 page at 150 dpi (medium level, median of 9 warm runs; Augraphy: its 2-core benchmark, limit = 1/10 of it above 50 ms):');
  for (const e of await benchEffects()) {
    const a = e.augraphy ? `${e.augraphy.name} ${e.augraphy.ms.toFixed(0)} ms, limit ${e.augraphy.limitMs.toFixed(1)} ms: ${e.augraphy.ok ? 'ok' : 'SLOWER'}` : '-';
    console.log(`  ${e.name.padEnd(18)} ${e.stage.padEnd(8)} image ${e.imageMs.toFixed(1).padStart(6)} ms  boxes ${e.boxesMs.toFixed(1).padStart(5)} ms   ${a}`);
  }
  // Languages (issue 9): the default mixes 21 languages (about two pages in three English); English alone; each script.
  const en = await pipeline(2, ['language=en']);
  console.log(`generate, English only, 2 workers: ${en.pps.toFixed(1)} pages/s (default mix / English: ${(p2.pps / en.pps).toFixed(2)})`);
  const per: string[] = [];
  for (const lang of ['de', 'ru', 'zh', 'ja', 'ko', 'ar', 'he', 'hi', 'th']) per.push(`${lang} ${(await pipeline(2, [`language=${lang}`], Math.min(PAGES, 120))).pps.toFixed(1)}`);
  console.log(`generate per language, 2 workers (pages/s over ${Math.min(PAGES, 120)} pages): ${per.join(', ')}`);
  for (const lang of ['en', 'ja', 'ar']) {
    const s = startup(lang);
    console.log(`start-up, one ${lang} page in a fresh process: ${s.seconds.toFixed(2)} s, peak RSS ${s.rssMiB.toFixed(0)} MiB`);
  }
  const b1 = await bare(1);
  const b2 = await bare(2);
  console.log(`bare draw+encode   : ${b1.toFixed(1)} pages/s (1 thread), ${b2.toFixed(1)} pages/s (2 threads)`);
  console.log(`pipeline / bare    : ${(p1.pps / b1).toFixed(2)} (1 worker), ${(p2.pps / b2).toFixed(2)} (2 workers)`);
  console.log(`peak RSS           : ${rssMiB().toFixed(0)} MiB`);
  const ev = await benchEvaluator();
  console.log(`evaluate (COCO)    : ${ev.images} images, ${ev.gt} gt, ${ev.dt} dt in ${ev.seconds.toFixed(2)} s`);
  if (process.env.BENCH_DETECTOR === '0') return;
  const det = await benchDetector({ log: (l) => console.log(`  ${l}`) });
  console.log(`detector training  : ${det.trainSeconds.toFixed(1)} s on 1000 default pages; model ${(det.modelBytes / 1024).toFixed(0)} KiB`);
  console.log(`detector, synthetic: macro F1@0.5 ${det.syntheticMacroF1.toFixed(3)} on 200 held-out default pages (classes on >= 5 % of pages)`);
  console.log(`detector, DocBank  : F1@0.5 per class (train/test split by document) ${JSON.stringify(det.realPerClassF1)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
