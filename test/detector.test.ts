/**
 * The layout detector end to end on a tiny generated set: train on 40 pages, detect on 12 others.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledSet, type LabelledSet } from '../src/evaluate/dataset.js';
import { detect, loadModel, saveModel, scoreDetector, trainDetector, type DetectorModel } from '../src/evaluate/detector/index.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pagesynth.js');

let dir: string;
let train: LabelledSet;
let test: LabelledSet;
let model: DetectorModel;

function generate(out: string, pages: number, seed: number): Promise<LabelledSet> {
  // English pages of the default network (its other languages are covered by languages.test.ts; 40 training pages of
  // 21 languages would see each script a page or two).
  const r = spawnSync(process.execPath, [BIN, 'generate', '--pages', String(pages), '--out', out, '--seed', String(seed), '--no-progress', '--set', 'language=en', '--set', 'effects.profile=clean'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generate failed: ${r.stderr}`);
  return loadLabelledSet(join(out, 'annotations.json'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pagesynth-det-'));
  train = await generate(join(dir, 'train'), 40, 101);
  test = await generate(join(dir, 'test'), 12, 202);
  model = await trainDetector({ images: train.pages, classes: train.classes, seed: 7 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('layout detector', () => {
  it('finds the big classes well above chance', async () => {
    const report = await scoreDetector(model, test.pages, test.classes);
    for (const cls of ['Text', 'Table', 'Picture']) {
      const c = report.perClass[cls]!;
      expect(c.tp + c.fn, `${cls} present in the test pages`).toBeGreaterThan(0);
      expect(c.f1, `${cls} F1`).toBeGreaterThan(0.7);
    }
    expect(report.macroF1).toBeGreaterThan(0.7);
    for (const page of test.pages) {
      for (const d of await detect(model, page)) {
        expect(model.classes).toContain(d.cls);
        expect(d.score).toBeGreaterThan(0);
        expect(d.score).toBeLessThanOrEqual(1);
        expect(d.bbox[2]).toBeGreaterThan(0);
        expect(d.bbox[3]).toBeGreaterThan(0);
      }
    }
  });

  it('is deterministic for a seed', async () => {
    // Two trainings on the same 12 pages (a third of the full set's time each): the same model, the same detections.
    const one = await trainDetector({ images: train.pages.slice(0, 12), classes: train.classes, seed: 7 });
    const two = await trainDetector({ images: train.pages.slice(0, 12), classes: train.classes, seed: 7 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const a = await detect(one, test.pages[0]!);
    const b = await detect(two, test.pages[0]!);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
  });

  it('round-trips through saveModel / loadModel, and the model is small', async () => {
    const out = join(dir, 'model');
    await saveModel(model, out);
    const loaded = await loadModel(out);
    expect(loaded).toEqual(model);
    expect(JSON.stringify(loaded).length).toBeLessThan(5_000_000);
    expect(await detect(loaded, test.pages[1]!)).toEqual(await detect(model, test.pages[1]!));
  });

  it('rejects a corrupt or wrong model file with a clear error', async () => {
    const bad = join(dir, 'bad');
    await saveModel(model, bad);
    const file = join(bad, 'model.json');
    const text = JSON.stringify(model);
    writeFileSync(file, text.slice(0, text.length >> 1));
    await expect(loadModel(bad)).rejects.toThrow(/model\.json.*not valid JSON/);
    writeFileSync(file, JSON.stringify({ ...model, version: 99, classes: [] }));
    await expect(loadModel(bad)).rejects.toThrow(/version: expected 1, got 99[\s\S]*classes: expected a non-empty array/);
    const broken = structuredClone(model);
    broken.pairModel.trees[0]!.left[0] = 12345;
    writeFileSync(file, JSON.stringify(broken));
    await expect(loadModel(bad)).rejects.toThrow(/pairModel\.trees\[0\]\.node 0: bad feature index, threshold or child/);
    await expect(loadModel(join(dir, 'missing'))).rejects.toThrow(/cannot read the detector model/);
  });
});
