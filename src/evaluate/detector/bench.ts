/**
 * End-to-end benchmark of the layout detector:
 * 1. generate 1,000 training pages of the default network (its effects mix: about 55 % of the pages printed,
 *    scanned or photographed) and two test sets of the same 200 pages of another seed, one clean
 *    (`effects.profile=clean`) and one degraded (a sixth of the pages under each effects profile but clean); train,
 *    time it, measure the model size and the F1 per class at IoU 0.5 and score 0.5 on both test sets;
 *    on the real scanned receipts (SROIE samples, when ../shared holds them), the pages on which one detection
 *    covers more than 60 % of the page; the preparation's and the detection's time per page; the same figures for a detector
 *    trained and run without the preparation (BENCH_DETECTOR_UNPREPARED=0 skips it);
 * 2. train on half of the real DocBank samples (split by source document) and test on the other half, with
 *    DocBank's labels mapped to PubLayNet-style classes.
 * Run: `node dist/evaluate/detector/bench.js` (after `npm run build`); BENCH_DETECTOR_TRAIN and BENCH_DETECTOR_TEST
 * set the page counts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cocoFileOf } from '../../run/folder.js';
import { detectionsOf, groundTruthOf, loadLabelledSet, type LabelledPage } from '../dataset.js';
import { evaluate, type CategoryResult } from '../metrics/index.js';
import { analysePage } from './analysis.js';
import { area, fromCoco, intersection } from './boxes.js';
import { analyseImage, detect, detectAnalysed, detectOnPage, type Detection } from './detect.js';
import { loadGrey, preparePage } from './image.js';
import { saveModel, type DetectorModel } from './model.js';
import { trainDetector } from './train.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Classes scored on the real pages. */
export const PUBLAYNET_CLASSES = ['text', 'title', 'list', 'table', 'figure'];

/**
 * The DocBank samples mapped to PubLayNet classes and split by source document: the first half of the
 * documents (sorted by name) for training, the rest for testing.
 */
export async function docbankSplit(dir: string): Promise<{ classes: string[]; train: LabelledPage[]; test: LabelledPage[] }> {
  // DocBank's classes in PubLayNet's through the one bridge table (PROFILE_BRIDGES: footers and captions are text,
  // sections title, equations dropped), as every other path reads a DocBank file.
  const set = await loadLabelledSet(join(dir, 'coco.json'), { profile: 'publaynet' });
  const pages = set.pages;
  const docs = [...new Set(pages.map((p) => p.doc))].sort();
  const trainDocs = new Set(docs.slice(0, Math.floor(docs.length / 2)));
  return {
    classes: [...PUBLAYNET_CLASSES],
    train: pages.filter((p) => trainDocs.has(p.doc)),
    test: pages.filter((p) => !trainDocs.has(p.doc)),
  };
}

/** Runs `pagesynth generate` into `out`, with `--set` values and optionally one shard of the pages. */
async function generate(out: string, pages: number, seed: number, set: readonly string[] = [], shard?: string): Promise<void> {
  const cli = join(ROOT, 'bin/pagesynth.js');
  const args = [cli, 'generate', '--pages', String(pages), '--out', out, '--seed', String(seed), '--no-progress', '--overwrite'];
  for (const s of set) args.push('--set', s);
  if (shard) args.push('--shard', shard);
  await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 24 });
}

/** The effects profiles of the default network other than `clean`, one per shard of the degraded test set. */
export const DEGRADED_PROFILES = ['print', 'office_scan', 'phone_photo', 'fax', 'photocopy', 'historical'];

/**
 * The degraded test set: the `pages` pages of `seed` split into one shard per profile of {@link DEGRADED_PROFILES},
 * each made under that profile; the same pages as the clean set of that seed, printed, scanned or photographed.
 * Image ids are renumbered across the shards.
 */
async function degradedSet(dir: string, pages: number, seed: number): Promise<{ pages: LabelledPage[]; classes: string[]; profileOf: string[] }> {
  const out: LabelledPage[] = [];
  const profileOf: string[] = [];
  let classes: string[] = [];
  for (const [i, profile] of DEGRADED_PROFILES.entries()) {
    const sub = join(dir, profile);
    await generate(sub, pages, seed, [`effects.profile=${profile}`], `${i}/${DEGRADED_PROFILES.length}`);
    const set = await loadLabelledSet(cocoFileOf(sub));
    classes = set.classes;
    for (const p of set.pages) {
      out.push({ ...p, id: out.length + 1 });
      profileOf.push(profile);
    }
  }
  return { pages: out, classes, profileOf };
}

/** Scores of a detector on labelled pages, from the project's COCO evaluator. */
export interface DetectorScores {
  /** F1 (IoU 0.5, score 0.5), AP@[.5:.95] and counts per class. */
  perClass: Record<string, CategoryResult>;
  /** Mean F1 over the classes present on at least 5 % of the pages. */
  macroF1: number;
  macroClasses: string[];
  /**
   * Pages on which a detection scored at least 0.5 covers more than 60 % of the page while no ground-truth box
   * does: the detector took the page's surround or paper for one region.
   */
  collapsed: number;
  /** Mean F1 of the same classes on the pages of each group, when `groupOf` is given. */
  byGroup?: Record<string, number>;
}

/** Detections at this score count (the F1 threshold). */
const SCORE = 0.5;
/** A detection covering more than this share of the page is a collapse when no ground-truth box is as large. */
const COLLAPSE = 0.6;

/** Share of the page a COCO box covers. */
const pageShare = (page: { width: number; height: number }, b: readonly number[]): number => (b[2]! * b[3]!) / (page.width * page.height);

/** True when a detection scored at least 0.5 covers more than 60 % of the page and no ground-truth box does. */
function isCollapsed(page: LabelledPage, dets: readonly Detection[]): boolean {
  return dets.some((d) => d.score >= SCORE && pageShare(page, d.bbox) > COLLAPSE) && !page.boxes.some((b) => pageShare(page, b.bbox) > COLLAPSE);
}

/**
 * Detects on every page and scores the detections of `classes` with the COCO evaluator (src/evaluate/metrics);
 * `groupOf[i]` (e.g. the effects profile of page i) adds the macro F1 of each group of pages.
 * @example const s = await scoreDetector(model, testPages, model.classes); s.macroF1
 */
export async function scoreDetector(model: DetectorModel, pages: readonly LabelledPage[], classes: readonly string[], groupOf?: readonly string[]): Promise<DetectorScores> {
  const results: Array<{ page: LabelledPage; dets: Detection[] }> = [];
  let collapsed = 0;
  for (const page of pages) {
    const dets = await detect(model, page);
    results.push({ page, dets });
    if (isCollapsed(page, dets)) collapsed++;
  }
  const macro = (subset: number[]) => {
    const sub = subset.map((i) => results[i]!);
    const ps = sub.map((r) => r.page);
    const r = evaluate(groundTruthOf(ps, classes), detectionsOf(sub, classes), { iouThreshold: 0.5, scoreThreshold: SCORE });
    const present = (c: string) => ps.filter((p) => p.boxes.some((b) => b.cls === c)).length;
    const macroClasses = classes.filter((c) => present(c) > 0 && present(c) >= 0.05 * ps.length);
    const macroF1 = macroClasses.reduce((a, c) => a + (r.per_category[c]?.f1 ?? 0), 0) / Math.max(1, macroClasses.length);
    return { perClass: r.per_category, macroF1, macroClasses };
  };
  const all = macro(pages.map((_, i) => i));
  if (!groupOf) return { ...all, collapsed };
  const byGroup: Record<string, number> = {};
  for (const g of [...new Set(groupOf)]) byGroup[g] = macro(pages.flatMap((_, i) => (groupOf[i] === g ? [i] : []))).macroF1;
  return { ...all, collapsed, byGroup };
}

/** A detector on real scans whose labels are not the model's classes (e.g. text lines of receipts). */
export interface ScanCheck {
  pages: number;
  /** Pages on which a detection scored at least 0.5 covers more than 60 % of the page. */
  collapsed: number;
  /**
   * Pages whose ink analysis collapsed: one segment (ink joined into one piece) covers more than 60 % of the page,
   * so whatever the classifiers make of it, the page's content cannot be found (it is often given no region at all).
   */
  inkCollapsed: number;
  /**
   * Share of the labelled boxes (all classes) with at least half their area inside one detection scored at least
   * 0.5 that covers at most 60 % of the page: the text is still found, in regions of a sensible size.
   */
  covered: number;
}

/**
 * Runs a detector on real scanned pages labelled with other classes than the model's: how many pages collapse into
 * one page-sized region, and how much of the labelled content lies inside detections that do not.
 * @example const c = await scanCheck(model, (await loadLabelledSet('receipts/coco.json')).pages); c.collapsed
 */
export async function scanCheck(model: DetectorModel, pages: readonly LabelledPage[]): Promise<ScanCheck> {
  let collapsed = 0;
  let inkCollapsed = 0;
  let boxes = 0;
  let covered = 0;
  for (const page of pages) {
    const a = await analyseImage(page, { prepare: model.prepare !== false });
    if (a.page.segs.some((g) => ((g.x1 - g.x0) * (g.y1 - g.y0)) / (a.img.width * a.img.height) > COLLAPSE)) inkCollapsed++;
    const dets = detectAnalysed(model, a).filter((d) => d.score >= SCORE);
    if (dets.some((d) => pageShare(page, d.bbox) > COLLAPSE)) collapsed++;
    const kept = dets.filter((d) => pageShare(page, d.bbox) <= COLLAPSE).map((d) => fromCoco(d.bbox));
    for (const b of page.boxes) {
      boxes++;
      const r = fromCoco(b.bbox);
      const a = Math.max(1, area(r));
      if (kept.some((k) => intersection(k, r) >= 0.5 * a)) covered++;
    }
  }
  return { pages: pages.length, collapsed, inkCollapsed, covered: boxes ? covered / boxes : 0 };
}

/** Mean milliseconds per page of the preparation and of the whole detection (decoding excluded). */
export interface DetectTiming {
  pages: number;
  /** `preparePage`: paper levels, flattening, ink labelling, surround clearing. */
  prepareMs: number;
  /** Prepared: preparation, ink analysis, both classifiers, boxes. */
  detectMs: number;
  /** Unprepared (the detector before the preparation): ink labelling, analysis, classifiers, boxes. */
  detectUnpreparedMs: number;
}

/**
 * Times the detection of `model` on `pages` with and without the preparation (each page decoded once, outside the
 * timing; the better of two runs per page, so a busy machine's hiccups weigh less).
 */
export async function timeDetection(model: DetectorModel, pages: readonly LabelledPage[]): Promise<DetectTiming> {
  let prep = 0;
  let withPrep = 0;
  let without = 0;
  const best = (f: () => void) => {
    let t = Infinity;
    for (let k = 0; k < 2; k++) {
      const t0 = performance.now();
      f();
      t = Math.min(t, performance.now() - t0);
    }
    return t;
  };
  for (const page of pages) {
    const grey = await loadGrey(page.path);
    // preparePage writes into a new image, never into `grey`: the runs are independent.
    prep += best(() => preparePage(grey));
    withPrep += best(() => {
      const { image, cc } = preparePage(grey);
      detectOnPage(model, analysePage(image, cc), image);
    });
    without += best(() => detectOnPage(model, analysePage(grey), grey));
  }
  const n = Math.max(1, pages.length);
  return { pages: pages.length, prepareMs: prep / n, detectMs: withPrep / n, detectUnpreparedMs: without / n };
}

/** Options of {@link benchDetector}; the defaults are the benchmark's. */
export interface BenchOptions {
  trainPages: number;
  testPages: number;
  seed: number;
  /** Where the generated pages and the model go (under the project root unless absolute). */
  outDir: string;
  /** The DocBank samples folder. */
  docbankDir: string;
  /** Real scanned pages (a COCO file, any classes) for the collapse check: the SROIE receipt samples. */
  scansCoco: string;
  /**
   * Also train the detector without the preparation (`prepare: false`) on the same pages and score it on the same
   * test pages and scans: the detector before and after the preparation.
   */
  unprepared: boolean;
  log: (line: string) => void;
}

const fromEnv = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const DEFAULTS: BenchOptions = {
  trainPages: fromEnv('BENCH_DETECTOR_TRAIN', 1000),
  testPages: fromEnv('BENCH_DETECTOR_TEST', 200),
  seed: 1,
  outDir: 'output',
  docbankDir: resolve(ROOT, '../shared/real/docbank-samples'),
  scansCoco: resolve(ROOT, '../shared/real/sroie-sample/coco.json'),
  unprepared: process.env.BENCH_DETECTOR_UNPREPARED !== '0',
  log: () => {},
};

const round = (v: number) => Number(v.toFixed(4));

/** What {@link benchDetector} measures. */
export interface DetectorBench {
  trainPages: number;
  testPages: number;
  trainSeconds: number;
  modelBytes: number;
  /** Macro F1 on the clean test pages (`effects.profile=clean`). */
  syntheticMacroF1: number;
  perClass: Record<string, number>;
  /** Macro F1 on the same pages printed, scanned or photographed (a sixth under each effects profile). */
  degradedMacroF1: number;
  degradedPerClass: Record<string, number>;
  /** Macro F1 of the degraded pages of each effects profile. */
  degradedByProfile: Record<string, number>;
  /** Test pages whose detections collapsed into one region over 60 % of the page: clean, degraded. */
  collapsed: { clean: number; degraded: number };
  /** The real scans ({@link BenchOptions.scansCoco}), when present: collapses and content found. */
  scans?: ScanCheck;
  /** Preparation and detection time per page, on up to 60 test pages (half clean, half degraded). */
  timing: DetectTiming;
  /**
   * The same measures for the detector trained and run without the preparation (when `unprepared`): the detector
   * before issue 13.
   */
  unprepared?: {
    syntheticMacroF1: number;
    degradedMacroF1: number;
    degradedByProfile: Record<string, number>;
    collapsed: { clean: number; degraded: number };
    scans?: ScanCheck;
  };
  realPerClassF1: Record<string, number>;
}

/**
 * Both experiments end to end; see the module comment.
 * @example const r = await benchDetector(); r.syntheticMacroF1, r.degradedMacroF1
 */
export async function benchDetector(options: Partial<BenchOptions> = {}): Promise<DetectorBench> {
  const o = { ...DEFAULTS, ...options };
  const out = resolve(ROOT, o.outDir);
  const trainDir = join(out, 'bench-det-train');
  const testDir = join(out, 'bench-det-test');
  const degradedDir = join(out, 'bench-det-test-degraded');
  o.log(`generating ${o.trainPages} training pages (seed ${o.seed}, the default effects mix) and ${o.testPages} test pages (seed ${o.seed + 1}), clean and degraded`);
  // The training pages are the default network's, effects included (about 55 % of its pages have some).
  await generate(trainDir, o.trainPages, o.seed);
  await generate(testDir, o.testPages, o.seed + 1, ['effects.profile=clean']);
  const degraded = await degradedSet(degradedDir, o.testPages, o.seed + 1);
  const train = await loadLabelledSet(cocoFileOf(trainDir));
  const test = await loadLabelledSet(cocoFileOf(testDir));
  const t0 = performance.now();
  const model = await trainDetector({ images: train.pages, classes: train.classes, seed: o.seed });
  const trainSeconds = (performance.now() - t0) / 1000;
  const modelDir = join(out, 'bench-det-model');
  await saveModel(model, modelDir);
  const modelBytes = (await stat(join(modelDir, 'model.json'))).size;
  o.log(`trained on ${train.pages.length} pages in ${trainSeconds.toFixed(1)} s; model ${(modelBytes / 1024).toFixed(0)} KiB`);
  const f1s = (r: DetectorScores) => Object.fromEntries(Object.entries(r.perClass).map(([c, v]) => [c, round(v.f1)]));
  const aps = (r: DetectorScores) => JSON.stringify(Object.fromEntries(Object.entries(r.perClass).map(([c, v]) => [c, round(v.AP)])));
  const synth = await scoreDetector(model, test.pages, test.classes);
  o.log(`clean test pages: macro F1 ${synth.macroF1.toFixed(4)} over ${synth.macroClasses.length} classes; AP@[.5:.95] per class ${aps(synth)}`);
  const deg = await scoreDetector(model, degraded.pages, degraded.classes, degraded.profileOf);
  const byProfile = Object.fromEntries(Object.entries(deg.byGroup ?? {}).map(([g, v]) => [g, round(v)]));
  o.log(`degraded test pages: macro F1 ${deg.macroF1.toFixed(4)}; per profile ${JSON.stringify(byProfile)}; AP@[.5:.95] per class ${aps(deg)}`);
  o.log(`pages collapsed into one region over 60 % of the page: ${synth.collapsed} clean, ${deg.collapsed} degraded`);
  const scanPages = existsSync(o.scansCoco) ? (await loadLabelledSet(o.scansCoco)).pages : undefined;
  const describeScans = (c: ScanCheck) =>
    `${c.collapsed} of ${c.pages} pages with a detection (score >= 0.5) over 60 % of the page, ${c.inkCollapsed} with their ink joined into one segment over 60 % of the page; ${(100 * c.covered).toFixed(1)} % of the labelled boxes inside a smaller detection`;
  let scans: ScanCheck | undefined;
  if (scanPages) {
    scans = await scanCheck(model, scanPages);
    o.log(`real scans (${o.scansCoco}): ${describeScans(scans)}`);
  } else o.log(`no real scans at ${o.scansCoco}: the real-scan check is skipped`);
  const timePages = [...test.pages.slice(0, 30), ...degraded.pages.filter((_, i) => i % Math.max(1, Math.ceil(degraded.pages.length / 30)) === 0).slice(0, 30)];
  const timing = await timeDetection(model, timePages);
  o.log(
    `time per page (${timing.pages} test pages, decoding excluded): preparation ${timing.prepareMs.toFixed(1)} ms; detection ${timing.detectMs.toFixed(1)} ms prepared, ${timing.detectUnpreparedMs.toFixed(1)} ms without the preparation (${((timing.detectMs / timing.detectUnpreparedMs - 1) * 100).toFixed(0).replace(/^(?!-)/, '+')} %)`,
  );
  let unprepared: DetectorBench['unprepared'];
  if (o.unprepared) {
    const base = await trainDetector({ images: train.pages, classes: train.classes, seed: o.seed, prepare: false });
    const bSynth = await scoreDetector(base, test.pages, test.classes);
    const bDeg = await scoreDetector(base, degraded.pages, degraded.classes, degraded.profileOf);
    const bScans = scanPages ? await scanCheck(base, scanPages) : undefined;
    unprepared = {
      syntheticMacroF1: round(bSynth.macroF1),
      degradedMacroF1: round(bDeg.macroF1),
      degradedByProfile: Object.fromEntries(Object.entries(bDeg.byGroup ?? {}).map(([g, v]) => [g, round(v)])),
      collapsed: { clean: bSynth.collapsed, degraded: bDeg.collapsed },
      ...(bScans ? { scans: bScans } : {}),
    };
    o.log(
      `without the preparation (trained and run on the raw pages): macro F1 ${bSynth.macroF1.toFixed(4)} clean, ${bDeg.macroF1.toFixed(4)} degraded; per profile ${JSON.stringify(unprepared.degradedByProfile)}; collapsed ${bSynth.collapsed} clean, ${bDeg.collapsed} degraded` +
        (bScans ? `; real scans: ${describeScans(bScans)}` : ''),
    );
  }
  let realPerClassF1: Record<string, number> = {};
  if (existsSync(join(o.docbankDir, 'coco.json'))) {
    const db = await docbankSplit(o.docbankDir);
    const realModel = await trainDetector({ images: db.train, classes: db.classes, seed: o.seed });
    const real = await scoreDetector(realModel, db.test, PUBLAYNET_CLASSES);
    realPerClassF1 = f1s(real);
    o.log(`DocBank (${db.train.length} train / ${db.test.length} test pages) F1: ${JSON.stringify(realPerClassF1)}`);
  } else o.log(`no DocBank samples at ${o.docbankDir}: real-page experiment skipped`);
  return {
    trainPages: train.pages.length,
    testPages: test.pages.length,
    trainSeconds: round(trainSeconds),
    modelBytes,
    syntheticMacroF1: round(synth.macroF1),
    perClass: f1s(synth),
    degradedMacroF1: round(deg.macroF1),
    degradedPerClass: f1s(deg),
    degradedByProfile: byProfile,
    collapsed: { clean: synth.collapsed, degraded: deg.collapsed },
    ...(scans ? { scans } : {}),
    timing: { pages: timing.pages, prepareMs: round(timing.prepareMs), detectMs: round(timing.detectMs), detectUnpreparedMs: round(timing.detectUnpreparedMs) },
    ...(unprepared ? { unprepared } : {}),
    realPerClassF1,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchDetector({ log: (l) => console.log(l) })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
