/**
 * `pagesynth report`: bad input named by file, the folder swapped in atomically, and the page itself in
 * headless Chromium (no network): it loads without console errors or failed requests, every image shows,
 * class toggles hide their boxes, the viewer opens a page with its boxes and zooms, and the counts shown are
 * the COCO file's. With PAGESYNTH_SCREENSHOT=1 it also saves docs/report.png.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCommand } from '../src/cli/compare.js';
import { InputError, OutputError, UsageError } from '../src/errors.js';
import { experimentChart } from '../src/evaluate/chart.js';
import type { ExperimentResult } from '../src/evaluate/experiment.js';
import { writeReport } from '../src/evaluate/report/index.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pagesynth.js');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p): p is string => !!p && existsSync(p));
if (!CHROMIUM) console.warn('skipping the report browser tests: no Chromium binary (apt-get install -y chromium, or set CHROMIUM_PATH)');

const tmp = () => mkdtempSync(join(tmpdir(), 'pagesynth-report-'));

/** A small run: English pages without print-and-scan effects (quick), as in cli.test.ts. */
function generate(out: string, pages: number, seed: number, extra: string[] = ['--set', 'language=en', '--set', 'effects.profile=clean']): void {
  const r = spawnSync(process.execPath, [BIN, 'generate', '-n', String(pages), '-o', out, '-s', String(seed), '-w', '1', '--no-progress', ...extra], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
}

interface Coco {
  images: Array<{ id: number; file_name: string; width: number; height: number }>;
  annotations: Array<{ image_id: number; category_id: number; bbox: number[] }>;
  categories: Array<{ id: number; name: string }>;
}

/** A correctly typed experiment result (the shape `pagesynth experiment` writes), small. */
const EXPERIMENT: ExperimentResult & { seconds: number } = {
  labels: 'doclaynet',
  seed: 3,
  classes: ['Text', 'Title', 'Table'],
  realTrainPages: 10,
  realTestPages: 10,
  realTrainDocuments: 8,
  realTestDocuments: 9,
  syntheticPages: 6,
  arms: [
    { name: 'real', trainReal: 10, trainSynthetic: 0, testedOn: 'real', testPages: 10, f1: { Text: 0.76, Title: 0.36, Table: 1 }, macroF1: 0.707, microF1: 0.69, AP50: 0.53 },
    { name: 'synthetic (5)', trainReal: 0, trainSynthetic: 5, testedOn: 'real', testPages: 10, f1: { Text: 0.44, Title: 0.32, Table: 0 }, macroF1: 0.253, microF1: 0.39, AP50: 0.21 },
    { name: 'real → synthetic', trainReal: 10, trainSynthetic: 0, testedOn: 'synthetic', testPages: 1, f1: { Text: 0.89, Title: 0, Table: null }, macroF1: 0.445, microF1: 0.77, AP50: 0.74 },
  ],
  gap: { Text: { sameSize: -0.32, all: -0.32 }, Title: { sameSize: -0.04, all: -0.04 }, Table: { sameSize: -1, all: -1 } },
  gapMacro: { sameSize: -0.454, all: -0.454 },
  seconds: 17.7,
};

let dir: string;
let run: string;
let coco: Coco;
let compareJson: string;
let experimentJson: string;

beforeAll(async () => {
  dir = tmp();
  run = join(dir, 'run');
  const t0 = performance.now();
  generate(run, 6, 3);
  coco = JSON.parse(readFileSync(join(run, 'annotations.json'), 'utf8')) as Coco;
  // The real files the report reads: compare's JSON and PNGs (the run against itself), experiment's JSON and chart.
  const cmp = join(dir, 'compare');
  await compareCommand({ real: run, synthetic: run, report: cmp, seed: 0, repeats: 1, quiet: true });
  compareJson = join(cmp, 'compare.json');
  const exp = join(dir, 'experiment');
  mkdirSync(exp);
  experimentJson = join(exp, 'experiment.json');
  writeFileSync(experimentJson, `${JSON.stringify(EXPERIMENT, null, 2)}\n`);
  writeFileSync(join(exp, 'experiment-f1.png'), experimentChart(EXPERIMENT));
  console.log(`report test fixtures (6-page run, compare, experiment): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});

/** Expects `p` to reject with `type` and a message containing every string of `parts`. */
async function rejects(p: Promise<unknown>, type: new (...a: never[]) => Error, ...parts: string[]): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(err, `expected ${type.name}`).toBeInstanceOf(type);
  for (const s of parts) expect(err!.message).toContain(s);
  return err!;
}

describe('report input and output', () => {
  it('names the missing or malformed file and what was expected, without echoing it', async () => {
    const d = tmp();
    const e1 = await rejects(writeReport({ run: join(d, 'nope') }), InputError, join(d, 'nope'), 'not found', 'run folder');
    expect((e1 as InputError).exitCode).toBe(2);
    await rejects(writeReport({ run: d }), InputError, join(d, 'annotations.json'), 'not found', 'COCO');
    const secret = 'x'.repeat(30);
    writeFileSync(join(d, 'annotations.json'), `{"images": [], ${secret}`);
    const e3 = await rejects(writeReport({ run: d }), InputError, 'annotations.json', 'not valid JSON');
    expect(e3.message).not.toContain(secret);
    writeFileSync(join(d, 'annotations.json'), JSON.stringify({ images: [{ id: 1, file_name: 'a.png', width: 10, height: 10 }], categories: [{ id: 1, name: 'Text' }], annotations: [{ image_id: 1, category_id: 1, bbox: [0, 0, -1] }, { image_id: 9, category_id: 1, bbox: [0, 0, 1, 1] }] }));
    const e4 = await rejects(writeReport({ run: d }), InputError, 'annotations[0].bbox', 'annotations[1].image_id');
    expect((e4 as InputError).problems).toHaveLength(2);
    writeFileSync(join(d, 'annotations.json'), JSON.stringify({ images: [{ id: 1, file_name: 'a.png', width: 10, height: 10 }], categories: [{ id: 1, name: 'Text' }], annotations: [] }));
    await rejects(writeReport({ run: d }), InputError, join(d, 'images'), 'not found');
    mkdirSync(join(d, 'images'));
    await rejects(writeReport({ run: d }), InputError, join(d, 'images', 'a.png'), 'page id 1');
    await rejects(writeReport({ run, maxPages: 0 }), UsageError, 'options.maxPages', 'positive integer');
    // compare / experiment files: wrong kind, wrong shape.
    await rejects(writeReport({ run, compare: experimentJson }), InputError, experimentJson, 'experiment.json', '--experiment');
    await rejects(writeReport({ run, experiment: compareJson }), InputError, compareJson, '--compare');
    const bad = join(d, 'compare.json');
    writeFileSync(bad, JSON.stringify({ profile: 'doclaynet', ks: { mean: 'high' } }));
    await rejects(writeReport({ run, compare: bad }), InputError, bad, 'ks.mean: expected a number or null', 'distinguishability');
    // Nothing was written by the failed calls.
    expect(existsSync(join(run, 'report'))).toBe(false);
  });

  it('writes <run>/report by default, samples evenly, replaces an old report and never a foreign folder', async () => {
    const r = await writeReport({ run, maxPages: 4 });
    expect(r).toEqual({ path: join(resolve(run), 'report', 'index.html'), pages: 4, totalPages: 6 });
    expect(readdirSync(join(run, 'report', 'thumbs')).sort()).toEqual(['000001.jpg', '000002.jpg', '000004.jpg', '000005.jpg']);
    const html = readFileSync(r.path, 'utf8');
    expect(html).toContain('4 of the run&#39;s 6 pages, an even sample');
    // No network: no http(s) URL is loaded (the only ones allowed are the SVG namespace).
    expect(html.match(/(src|href)=["']?https?:/g)).toBeNull();
    expect(html).toContain('Content-Security-Policy');
    // Full images by a path relative to the report folder.
    expect(html).toContain('"full":"../images/000001.png"');
    const again = await writeReport({ run, maxPages: 2 });
    expect(readdirSync(join(run, 'report', 'thumbs'))).toHaveLength(2);
    expect(existsSync(`${join(run, 'report')}.partial`)).toBe(false);
    expect(readdirSync(run).filter((n) => n.startsWith('report'))).toEqual(['report']);
    expect(again.pages).toBe(2);
    const foreign = tmp();
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    await rejects(writeReport({ run, out: foreign }), OutputError, foreign, 'not a pagesynth report');
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
    await rejects(writeReport({ run, out: dir }), OutputError, 'must not be the run folder or hold it');
  });
});

describe.skipIf(!CHROMIUM)('report page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let out: string;
  const consoleErrors: string[] = [];
  const failed: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    const t0 = performance.now();
    // The report outside the run folder: the viewer reaches the run's images by a relative path.
    out = join(dir, 'reports', 'r1');
    const r = await writeReport({ run, out, compare: compareJson, experiment: experimentJson, maxPages: 200 });
    expect(r.pages).toBe(6);
    const t1 = performance.now();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run', '--disable-domain-reliability', '--metrics-recording-only'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('requestfailed', (q) => failed.push(`${q.url()}: ${q.failure()?.errorText}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(r.path).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]');
    await page.waitForFunction('Array.from(document.images).every((i) => i.complete)');
    console.log(`report written in ${((t1 - t0) / 1000).toFixed(2)} s; Chromium launched and page loaded in ${((performance.now() - t1) / 1000).toFixed(2)} s`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Boxes of class `cat` in `scope` that are rendered (not display: none). */
  const visibleBoxes = (scope: string, cat?: number) =>
    page.evaluate<number>(`Array.from(document.querySelectorAll('${scope} rect.box${cat === undefined ? '' : `[data-cat="${cat}"]`}')).filter((r) => r.getClientRects().length > 0 && getComputedStyle(r).display !== 'none').length`);
  const boxesOf = (imageId: number) => coco.annotations.filter((a) => a.image_id === imageId).length;

  it('loads with no console errors, no failed or outside requests, and every image shows', async () => {
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(blocked).toEqual([]);
    // The viewer's image gets its src when a page is opened (checked below).
    expect(await page.getAttribute('#v-img', 'src')).toBeNull();
    const images = await page.evaluate<Array<{ src: string; w: number }>>(`Array.from(document.querySelectorAll('img:not(#v-img)')).map((i) => ({ src: i.src.slice(0, 60), w: i.naturalWidth }))`);
    // 6 thumbnails, 2 compare plots, the experiment chart.
    expect(images.length).toBe(6 + 2 + 1);
    for (const im of images) expect(im.w, im.src).toBeGreaterThan(0);
  });

  it('shows the COCO file\'s counts per class, genre and language', async () => {
    const perClass = new Map(coco.categories.map((c) => [c.id, 0]));
    for (const a of coco.annotations) perClass.set(a.category_id, perClass.get(a.category_id)! + 1);
    const num = (s: string) => Number(s.replace(/,/g, ''));
    const table = await page.evaluate<Array<[string, string]>>(`Array.from(document.querySelectorAll('#class-counts tr[data-cat]')).map((tr) => [tr.dataset.cat, tr.querySelector('td.boxes').textContent])`);
    expect(new Map(table.map(([id, n]) => [Number(id), num(n)]))).toEqual(perClass);
    const side = await page.evaluate<Array<[string, string]>>(`Array.from(document.querySelectorAll('#class-toggles .count')).map((s) => [s.dataset.cat, s.textContent])`);
    expect(new Map(side.map(([id, n]) => [Number(id), num(n)]))).toEqual(perClass);
    expect(num(await page.textContent('#total-boxes') ?? '')).toBe(coco.annotations.length);
    const specs = readFileSync(join(run, 'specs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { values: { template: string; language: string } });
    const tally = (xs: string[]) => Object.fromEntries([...new Set(xs)].map((x) => [x, xs.filter((y) => y === x).length]));
    const shown = (id: string) => page.evaluate<Record<string, number>>(`Object.fromEntries(Array.from(document.querySelectorAll('#${id} tbody tr')).map((tr) => [tr.dataset.value, Number(tr.querySelector('td.pages').textContent)]))`);
    expect(await shown('genre-counts')).toEqual(tally(specs.map((s) => s.values.template)));
    expect(await shown('language-counts')).toEqual(tally(specs.map((s) => s.values.language)));
    // Every box of every page is drawn in the gallery (all 6 pages fit on one screen).
    expect(await visibleBoxes('#grid')).toBe(coco.annotations.length);
  });

  it('a class checkbox hides and shows that class\'s boxes only', async () => {
    const perClass = coco.categories.map((c) => ({ id: c.id, n: coco.annotations.filter((a) => a.category_id === c.id).length })).sort((a, b) => b.n - a.n);
    const cat = perClass[0]!.id;
    expect(await visibleBoxes('#grid', cat)).toBe(perClass[0]!.n);
    await page.click(`input.cls-toggle[data-cat="${cat}"]`);
    expect(await page.isChecked(`input.cls-toggle[data-cat="${cat}"]`)).toBe(false);
    expect(await visibleBoxes('#grid', cat)).toBe(0);
    expect(await visibleBoxes('#grid')).toBe(coco.annotations.length - perClass[0]!.n);
    await page.click(`input.cls-toggle[data-cat="${cat}"]`);
    expect(await visibleBoxes('#grid', cat)).toBe(perClass[0]!.n);
    await page.click('#cls-none');
    expect(await visibleBoxes('#grid')).toBe(0);
    await page.click('#cls-all');
    expect(await visibleBoxes('#grid')).toBe(coco.annotations.length);
  });

  it('clicking a page opens it large with its boxes; zoom, fit/100% and next/previous work', async () => {
    const second = coco.images[1]!;
    await page.click(`figure.card[data-id="${second.id}"]`);
    await page.waitForSelector('#viewer', { state: 'visible' });
    await page.waitForFunction(`document.getElementById('v-img').complete && document.getElementById('v-img').naturalWidth > 0`);
    // The run's own image at full size, through the relative path.
    expect(await page.evaluate<number>(`document.getElementById('v-img').naturalWidth`)).toBe(second.width);
    expect(await page.evaluate<string>(`document.getElementById('v-img').src`)).toBe(pathToFileURL(join(run, 'images', second.file_name)).href);
    expect(await visibleBoxes('#v-svg')).toBe(boxesOf(second.id));
    expect(await page.textContent('#v-title')).toContain(second.file_name);
    const zoom = async () => Number((await page.textContent('#v-zoom'))!.replace('%', ''));
    const fit = await zoom();
    expect(fit).toBeLessThan(100);
    const stageWidth = () => page.evaluate<number>(`document.getElementById('v-stage').offsetWidth`);
    expect(Math.abs((await stageWidth()) - (second.width * fit) / 100)).toBeLessThan(second.width / 100 + 2);
    await page.click('#v-fit');
    expect(await zoom()).toBe(100);
    expect(await stageWidth()).toBe(second.width);
    await page.click('#v-in');
    expect(await zoom()).toBe(125);
    await page.click('#v-fit'); // back to fit
    expect(await zoom()).toBe(fit);
    await page.mouse.move(640, 450);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction(`document.getElementById('v-zoom').textContent !== '${fit}%'`);
    expect(await zoom()).toBeGreaterThan(fit);
    // Hidden classes stay hidden in the viewer.
    const cat = coco.annotations.find((a) => a.image_id === second.id)!.category_id;
    await page.click('#v-close');
    await page.click(`input.cls-toggle[data-cat="${cat}"]`);
    await page.click(`figure.card[data-id="${second.id}"]`);
    expect(await visibleBoxes('#v-svg')).toBe(boxesOf(second.id) - coco.annotations.filter((a) => a.image_id === second.id && a.category_id === cat).length);
    await page.keyboard.press('Escape');
    await page.click(`input.cls-toggle[data-cat="${cat}"]`);
    // Navigation: next / previous, by button and by key.
    await page.click(`figure.card[data-id="${second.id}"]`);
    await page.click('#v-next');
    const third = coco.images[2]!;
    expect(await page.textContent('#v-title')).toContain(third.file_name);
    expect(await visibleBoxes('#v-svg')).toBe(boxesOf(third.id));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.textContent('#v-title')).toContain(coco.images[0]!.file_name);
    expect(await page.isDisabled('#v-prev')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#viewer')).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('has box-size histograms per class, and the compare and experiment results', async () => {
    const shownSet = () => page.evaluate<string[]>(`Array.from(document.querySelectorAll('.hist-set')).filter((s) => !s.hidden).map((s) => s.dataset.k)`);
    expect(await shownSet()).toEqual(['all']);
    expect(await page.locator('.hist-set[data-k="all"] svg').count()).toBe(3);
    const option = await page.evaluate<string>(`document.querySelector('#size-class option:nth-child(2)').value`);
    await page.selectOption('#size-class', option);
    expect(await shownSet()).toEqual([option]);
    const cmp = JSON.parse(readFileSync(compareJson, 'utf8')) as { ks: { mean: number }; distinguishability: { auc: number } };
    const headline = (await page.textContent('#compare-headline'))!;
    expect(headline).toContain(cmp.ks.mean.toFixed(3));
    expect(headline).toContain(cmp.distinguishability.auc.toFixed(3));
    expect(await page.locator('#compare svg.chart').count()).toBe(2);
    const rows = await page.locator('#experiment-f1 tbody tr').count();
    expect(rows).toBe(EXPERIMENT.classes.length + 5);
    const f1 = (await page.textContent('#experiment-f1'))!;
    expect(f1).toContain('76.0');
    expect(f1).toContain('-45.4');
    expect(await page.locator('#experiment svg.chart rect').count()).toBeGreaterThan(6);
  });

  it.skipIf(!process.env.PAGESYNTH_SCREENSHOT)('saves docs/report.png (PAGESYNTH_SCREENSHOT=1)', async () => {
    // A livelier run for the picture: every genre and language the network picks, effects on.
    const shotRun = join(dir, 'shot-run');
    generate(shotRun, 16, 5, []);
    const r = await writeReport({ run: shotRun, out: join(dir, 'shot-report') });
    const p = await browser.newPage({ viewport: { width: 1200, height: 860 } });
    await p.route('**/*', (route) => (route.request().url().startsWith('file:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await p.goto(pathToFileURL(r.path).href, { waitUntil: 'load' });
    await p.waitForFunction('Array.from(document.images).every((i) => i.complete)');
    const png = await p.screenshot({ type: 'png' });
    const sharp = (await import('sharp')).default;
    const file = join(ROOT, 'docs', 'report.png');
    await sharp(png).png({ palette: true, quality: 90, compressionLevel: 9, effort: 10 }).toFile(file);
    await p.close();
    console.log(`docs/report.png: ${(statSync(file).size / 1024).toFixed(0)} KiB`);
    expect(statSync(file).size).toBeLessThan(400 * 1024);
  });
});
