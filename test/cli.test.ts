/**
 * End to end through the real CLI (the built bin), as a user runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pagesynth.js');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `cli` without blocking: refusals exit at once, so a few run side by side. */
function cliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  return new Promise((res) => child.on('close', (code) => res({ code, out, err })));
}

const tmp = () => mkdtempSync(join(tmpdir(), 'pagesynth-cli-'));
/** For runs that test the command, not the pages: English, no print-and-scan effects (faster on a busy machine). */
const QUICK = ['--set', 'language=en', '--set', 'effects.profile=clean'];
/**
 * Runs whose pixels no test here looks at are drawn at 100 dpi: 0.44 of the pixels to draw, read back, move through
 * the effects and encode (the boxes at the default 150 dpi are render.test.ts's and languages.test.ts's).
 */
const LOW_DPI = ['--dpi', '100'];

describe('pagesynth CLI', () => {
  it('--help lists the commands, generate --help lists every option with its default', () => {
    const top = cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.out).toContain('generate');
    const g = cli(['generate', '--help']);
    expect(g.code).toBe(0);
    for (const opt of ['--pages', '--out', '--seed', '--template', '--set', '--workers', '--format', '--dpi', '--png-level', '--jpeg-quality', '--overwrite', '--no-progress']) expect(g.out).toContain(opt);
    expect(g.out).toMatch(/--pages <n>[^(]*\(default:\s+100\)/);
    expect(g.out).toMatch(/--dpi <n>[^(]*\(default:\s+150\)/);
  });

  it('writes images, COCO, specs and run.json, byte-identical with 1 and 2 workers', async () => {
    const a = join(tmp(), 'w1');
    const b = join(tmp(), 'w2');
    // 6 pages of seed 42: two clean, four with print-and-scan effects (photocopy, office scan, historical), one German.
    // The two runs side by side: they share nothing but the machine.
    const [r1, r2] = await Promise.all([
      cliAsync(['generate', '--pages', '6', '--out', a, '--seed', '42', '--workers', '1', ...LOW_DPI]),
      cliAsync(['generate', '--pages', '6', '--out', b, '--seed', '42', '--workers', '2', ...LOW_DPI]),
    ]);
    expect(r1!.code, r1!.err).toBe(0);
    expect(r2!.code, r2!.err).toBe(0);
    const imgs = readdirSync(join(a, 'images')).sort();
    expect(imgs).toHaveLength(6);
    expect(readdirSync(join(b, 'images')).sort()).toEqual(imgs);
    for (const f of imgs) expect(readFileSync(join(a, 'images', f)).equals(readFileSync(join(b, 'images', f))), f).toBe(true);
    expect(readFileSync(join(a, 'annotations.json'), 'utf8')).toBe(readFileSync(join(b, 'annotations.json'), 'utf8'));
    expect(readFileSync(join(a, 'specs.jsonl'), 'utf8')).toBe(readFileSync(join(b, 'specs.jsonl'), 'utf8'));
    expect(readFileSync(join(a, 'labels.jsonl'), 'utf8')).toBe(readFileSync(join(b, 'labels.jsonl'), 'utf8'));

    const coco = JSON.parse(readFileSync(join(a, 'annotations.json'), 'utf8'));
    expect(coco.images).toHaveLength(6);
    expect(coco.images[0]).toEqual({ id: 1, file_name: '000001.png', width: expect.any(Number), height: expect.any(Number) });
    expect(coco.annotations.length).toBeGreaterThan(6 * 4);
    for (const ann of coco.annotations) {
      const img = coco.images[ann.image_id - 1];
      const [x, y, w, h] = ann.bbox;
      expect(w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= img.width && y + h <= img.height).toBe(true);
      expect(ann.area).toBe(w * h);
      // Segmentation: the rectangle, or after geometric effects polygons cut to the box (every point on or in it).
      expect([0, 1]).toContain(ann.iscrowd);
      for (const poly of ann.segmentation) {
        expect(poly.length % 2 === 0 && poly.length >= 6).toBe(true);
        for (let k = 0; k < poly.length; k += 2) expect(poly[k] >= x - 0.01 && poly[k] <= x + w + 0.01 && poly[k + 1] >= y - 0.01 && poly[k + 1] <= y + h + 0.01).toBe(true);
      }
    }
    const specs = readFileSync(join(a, 'specs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(specs).toHaveLength(6);
    // Effects are in the specs: the profile and the effects applied with their parameters.
    for (const sp of specs) expect(typeof sp.effects.values.profile).toBe('string');
    const withFx = specs.filter((sp) => sp.effects.applied.length > 0);
    expect(withFx.length).toBeGreaterThan(2);
    expect(specs.filter((sp) => sp.effects.values.profile === 'clean').every((sp) => sp.effects.applied.length === 0)).toBe(true);
    expect(Object.keys(withFx[0].effects.applied[0])).toEqual(['name', 'level', 'params']);
    expect(specs[3].index).toBe(3);
    expect(Array.isArray(specs[3].elements)).toBe(true);
    const run = JSON.parse(readFileSync(join(a, 'run.json'), 'utf8'));
    expect(run.status).toBe('complete');
    expect(run.counts.images).toBe(6);
    expect(run.counts.annotations).toBe(coco.annotations.length);
    expect(run.options.seed).toBe(42);
    expect(run.versions.sharp).toMatch(/^\d/);
    expect(run.timings.pages_per_second).toBeGreaterThan(0);
    // draw-boxes renders the labels over an image, at the image's size.
    const png = join(tmp(), 'boxes.png');
    const d = cli(['draw-boxes', '--coco', join(a, 'annotations.json'), '--image', '2', '--out', png]);
    expect(d.code, d.err).toBe(0);
    const ihdr = readFileSync(png).subarray(16, 24);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4)]).toEqual([coco.images[1].width, coco.images[1].height]);
    expect(cli(['draw-boxes', '--coco', join(a, 'annotations.json'), '--image', '999', '--out', png]).code).toBe(2);
    // Other seeds give other pages.
    const c = join(tmp(), 'seed7');
    expect(cli(['generate', '--pages', '2', '--out', c, '--seed', '7', '--workers', '1', ...QUICK, ...LOW_DPI]).code).toBe(0);
    expect(readFileSync(join(c, 'images', imgs[0]!)).equals(readFileSync(join(a, 'images', imgs[0]!)))).toBe(false);
  });

  it('applies --set interventions to every page', () => {
    const out = join(tmp(), 'set');
    const r = cli(['generate', '--pages', '6', '--out', out, '--set', 'columns=2', '--set', 'template=report', '--workers', '1', '--set', 'effects.profile=clean', ...LOW_DPI]);
    expect(r.code, r.err).toBe(0);
    for (const line of readFileSync(join(out, 'specs.jsonl'), 'utf8').trim().split('\n')) {
      const s = JSON.parse(line);
      expect(s.values.columns).toBe(2);
      expect(s.values.template).toBe('report');
    }
  });

  it('writes other label sets with --labels: publaynet has 5 classes and one box per list', () => {
    const base = join(tmp(), 'dl');
    const pub = join(tmp(), 'pub');
    // 6 report pages of seed 9: lists on three of them.
    expect(cli(['generate', '--pages', '6', '--out', base, '--seed', '9', '--workers', '1', '--set', 'template=report', ...QUICK, ...LOW_DPI]).code).toBe(0);
    const r = cli(['generate', '--pages', '6', '--out', pub, '--seed', '9', '--workers', '1', '--set', 'template=report', '--labels', 'publaynet', ...QUICK, ...LOW_DPI]);
    expect(r.code, r.err).toBe(0);
    const a = JSON.parse(readFileSync(join(base, 'annotations.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(pub, 'annotations.json'), 'utf8'));
    expect(b.categories.map((c: { name: string }) => c.name)).toEqual(['text', 'title', 'list', 'table', 'figure']);
    const count = (coco: { annotations: { category_id: number }[]; categories: { id: number; name: string }[] }, name: string) => coco.annotations.filter((x) => x.category_id === coco.categories.find((c) => c.name === name)!.id).length;
    expect(count(a, 'List-item')).toBeGreaterThan(count(b, 'list'));
    expect(count(b, 'list')).toBeGreaterThan(0);
    expect(count(b, 'title')).toBe(count(a, 'Title') + count(a, 'Section-header'));
    expect(readFileSync(join(base, 'images', '000003.png')).equals(readFileSync(join(pub, 'images', '000003.png')))).toBe(true);
  });

  it('rejects bad input with one clear message and exit code 2', async () => {
    // Side by side: four refusals, four process starts.
    const [unknown, neg, badSet, badVal] = await Promise.all([
      cliAsync(['generate', '--bogus']),
      cliAsync(['generate', '--pages', '-5']),
      cliAsync(['generate', '--pages', '1', '--out', join(tmp(), 'x'), '--set', 'no_such_node=1']),
      cliAsync(['generate', '--pages', '1', '--out', join(tmp(), 'x'), '--set', 'columns=7']),
    ]);
    expect(unknown!.code).toBe(2);
    expect(unknown!.err).toMatch(/unknown option '--bogus'/);
    expect(neg!.code).toBe(2);
    expect(neg!.err).toMatch(/--pages.*-5.*expected an integer/);
    expect(badSet!.code).toBe(2);
    expect(badSet!.err).toMatch(/no_such_node/);
    expect(badVal!.code).toBe(2);
    expect(badVal!.err).toMatch(/columns/);
  });

  it('refuses an unwritable output directory and a folder holding a different run', async () => {
    const d = tmp();
    const file = join(d, 'not-a-dir');
    writeFileSync(file, 'x');
    const foreign = join(d, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    // Two refusals that touch nothing of the run below go on while it runs.
    const unwritable = cliAsync(['generate', '--pages', '1', '--out', join(file, 'sub')]);
    const foreignRun = cliAsync(['generate', '--pages', '1', '--out', foreign]);

    const out = join(d, 'run');
    expect(cli(['generate', '--pages', '2', '--out', out, '--workers', '1', ...QUICK, ...LOW_DPI]).code).toBe(0);
    const again = cli(['generate', '--pages', '2', '--out', out, '--workers', '1', ...QUICK, ...LOW_DPI]);
    expect(again.code, 'a finished run is not silently made again').toBe(2);
    expect(again.err).toMatch(/already holds this run, complete; --resume leaves it as it is, --overwrite makes it again/);
    const kept = cli(['generate', '--pages', '2', '--out', out, '--workers', '1', ...QUICK, ...LOW_DPI, '--resume']);
    expect(kept.code).toBe(0);
    expect(kept.out).toMatch(/already holds this run, complete \(2 pages/);
    const other = cli(['generate', '--pages', '3', '--out', out, '--workers', '1', ...QUICK, ...LOW_DPI]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/already holds a different run.*--overwrite/);
    const forced = cli(['generate', '--pages', '3', '--out', out, '--workers', '1', ...QUICK, ...LOW_DPI, '--overwrite']);
    expect(forced.code).toBe(0);
    expect(readdirSync(join(out, 'images'))).toHaveLength(3);

    const r = await unwritable;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/output directory .* cannot be created or written/);
    const f = await foreignRun;
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/already holds other files/);
  });

  it('names the file and field of an invalid network, and a missing font', () => {
    const d = tmp();
    const bad = join(d, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nnodes:\n  a: {dist: categorical, values: [x, y], probs: [0.5, 0.6]}\n  b: {dist: wobble}\n');
    const r = cli(['generate', '--pages', '1', '--out', join(d, 'o'), '--template', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.yaml');
    expect(r.err).toMatch(/nodes\.a/);
    expect(r.err).toMatch(/nodes\.b/);
    expect(existsSync(join(d, 'o', 'annotations.json'))).toBe(false);

    const emptyFonts = mkdtempSync(join(tmpdir(), 'fonts-'));
    const f = cli(['generate', '--pages', '1', '--out', join(d, 'f')], { PAGESYNTH_FONT_DIR: emptyFonts });
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/font .* is missing/);
    expect(existsSync(join(d, 'f'))).toBe(false);
  });

  it('leaves no annotations.json behind when killed mid-run', async () => {
    const out = join(tmp(), 'killed');
    const child = spawn(process.execPath, [BIN, 'generate', '--pages', '5000', '--out', out, '--workers', '1', ...QUICK, ...LOW_DPI], { cwd: ROOT, stdio: 'ignore' });
    await new Promise<void>((res) => {
      const poll = setInterval(() => {
        if (existsSync(join(out, 'images')) && readdirSync(join(out, 'images')).length >= 3) {
          clearInterval(poll);
          child.kill('SIGKILL');
          res();
        }
      }, 50);
    });
    await new Promise((res) => child.once('exit', res));
    expect(existsSync(join(out, 'annotations.json'))).toBe(false);
    expect(existsSync(join(out, 'specs.jsonl'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).status).toBe('running');
  });
});
