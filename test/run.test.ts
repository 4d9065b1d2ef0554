/**
 * A run through the CLI with every writer at once: each format read back with a reader written here (not the writers'
 * code) and checked against the COCO file of the same render; same bytes with 1 and 2 workers; the COCO extras
 * (reading order, parts with their parent); refusals; Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pagesynth.js');
/** Runs that test the command, not the pages: English, no print-and-scan effects, 100 dpi (0.44 of the pixels). */
const QUICK = ['--set', 'language=en', '--set', 'effects.profile=clean', '--no-progress', '--dpi', '100'];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `cli` without blocking: refusals exit at once, so a handful run side by side. */
function cliAsync(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  return new Promise((res) => child.on('close', (code) => res({ code, out, err })));
}
const tmp = () => mkdtempSync(join(tmpdir(), 'pagesynth-run-'));

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Members of a ustar archive, read by hand: name, bytes. */
function untar(buf: Buffer): Array<{ name: string; data: Buffer }> {
  const out: Array<{ name: string; data: Buffer }> = [];
  let at = 0;
  while (at + 512 <= buf.length) {
    const head = buf.subarray(at, at + 512);
    if (head.every((b) => b === 0)) break;
    const name = head.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(head.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    out.push({ name, data: buf.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

interface Coco {
  images: Array<{ id: number; file_name: string; width: number; height: number }>;
  annotations: Array<{ id: number; image_id: number; category_id: number; bbox: number[]; iscrowd: number; order?: number; parent_id?: number }>;
  categories: Array<{ id: number; name: string }>;
}

describe('a run with every writer', () => {
  const ARGS = ['--pages', '5', '--seed', '11', ...QUICK, '--output', 'coco,yolo,yolo-seg,hf,webdataset', '--val-fraction', '0.4', '--shard-size', '2', '--pdf', '--parts', 'lines,cells'];
  const a = join(tmp(), 'w1');
  const b = join(tmp(), 'w2');

  it('writes every format, the same bytes with 1 and 2 workers', { timeout: 240_000 }, async () => {
    // Side by side: the two runs share nothing but the machine.
    const [r1, r2] = await Promise.all([cliAsync(['generate', ...ARGS, '--out', a, '--workers', '1']), cliAsync(['generate', ...ARGS, '--out', b, '--workers', '2'])]);
    expect(r1!.code, r1!.err).toBe(0);
    expect(r1!.out).toMatch(/5 pages, \d+ boxes .* coco, yolo, yolo-seg, hf, webdataset, pdf/);
    expect(r2!.code, r2!.err).toBe(0);
    const fa = files(a);
    expect(files(b)).toEqual(fa);
    for (const f of fa) {
      if (f === 'run.json' || f.endsWith('data.yaml')) continue; // timings; YOLO's absolute path
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    }
    expect(fa.some((f) => f.endsWith('.partial'))).toBe(false);
    const run = JSON.parse(readFileSync(join(a, 'run.json'), 'utf8'));
    expect(run.status).toBe('complete');
    expect(Object.keys(run.writers)).toEqual(['coco', 'yolo', 'yolo-seg', 'hf', 'webdataset', 'pdf']);
  });

  it('COCO: reading order of top-level boxes, parts with their parent box', () => {
    const coco = JSON.parse(readFileSync(join(a, 'annotations.json'), 'utf8')) as Coco;
    const names = coco.categories.map((c) => c.name);
    expect(names.slice(-2)).toEqual(['Text-line', 'Table-cell']);
    const byId = new Map(coco.annotations.map((x) => [x.id, x]));
    const line = names.indexOf('Text-line') + 1;
    const lines = coco.annotations.filter((x) => x.category_id === line);
    expect(lines.length).toBeGreaterThan(20);
    for (const img of coco.images) {
      const top = coco.annotations.filter((x) => x.image_id === img.id && x.parent_id === undefined);
      expect(top.map((x) => x.order)).toEqual(top.map((_, i) => i));
    }
    for (const l of lines) {
      expect(l.order).toBeUndefined();
      const parent = byId.get(l.parent_id!)!;
      expect(parent.image_id).toBe(l.image_id);
      // A line lies inside its region's box.
      const [x, y, w, h] = l.bbox as [number, number, number, number];
      const [px, py, pw, ph] = parent.bbox as [number, number, number, number];
      expect(x >= px && y >= py && x + w <= px + pw && y + h <= py + ph).toBe(true);
    }
  });

  it('YOLO and YOLO-seg: lines parse, classes and coordinates match the COCO boxes, the split is the same in every format', () => {
    const coco = JSON.parse(readFileSync(join(a, 'annotations.json'), 'utf8')) as Coco;
    const data = parseYaml(readFileSync(join(a, 'yolo', 'data.yaml'), 'utf8')) as { path: string; train: string; val: string; names: Record<number, string> };
    expect(resolve(data.path)).toBe(resolve(a, 'yolo'));
    expect(Object.values(data.names)).toEqual(coco.categories.map((c) => c.name));
    const splitOf = new Map<string, string>();
    for (const split of ['train', 'val']) {
      for (const f of readdirSync(join(a, 'yolo', 'images', split))) splitOf.set(f, split);
    }
    expect([...splitOf.keys()].sort()).toEqual(coco.images.map((i) => i.file_name));
    expect(new Set(splitOf.values()).size).toBe(2); // 5 pages at 0.4: both splits used (fixed by the seed)
    for (const img of coco.images) {
      const split = splitOf.get(img.file_name)!;
      expect(readFileSync(join(a, 'yolo', 'images', split, img.file_name)).equals(readFileSync(join(a, 'images', img.file_name)))).toBe(true);
      const want = coco.annotations.filter((x) => x.image_id === img.id && !x.iscrowd).map((x) => `${x.category_id - 1} ${x.bbox.join(' ')}`);
      const txt = readFileSync(join(a, 'yolo', 'labels', split, img.file_name.replace(/\.png$/, '.txt')), 'utf8');
      const got = txt.split('\n').filter(Boolean).map((line) => {
        expect(line).toMatch(/^\d+( \d\.\d{6}){4}$/);
        const [c, cx, cy, w, h] = line.split(' ').map(Number) as [number, number, number, number, number];
        // Back to pixels: within rounding of 6 decimals.
        const bw = w * img.width;
        const bh = h * img.height;
        return `${c} ${Math.round(cx * img.width - bw / 2)} ${Math.round(cy * img.height - bh / 2)} ${Math.round(bw)} ${Math.round(bh)}`;
      });
      expect(got).toEqual(want);
      const seg = readFileSync(join(a, 'yolo-seg', 'labels', split, img.file_name.replace(/\.png$/, '.txt')), 'utf8').split('\n').filter(Boolean);
      expect(seg).toHaveLength(want.length);
      for (const line of seg) {
        const v = line.split(' ').map(Number);
        expect((v.length - 1) % 2).toBe(0);
        expect(v.length - 1).toBeGreaterThanOrEqual(6);
        expect(v.slice(1).every((x) => x >= 0 && x <= 1)).toBe(true);
      }
      // HF: the same page in the same split, its objects equal to the COCO boxes.
      const hfSplit = split === 'val' ? 'validation' : 'train';
      const meta = readFileSync(join(a, 'hf', hfSplit, 'metadata.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const row = meta.find((m) => m.file_name === img.file_name);
      expect(row, `${img.file_name} in hf/${hfSplit}`).toBeDefined();
      expect(row.objects.bbox.map((bb: number[], k: number) => `${row.objects.category[k]} ${bb.join(' ')}`)).toEqual(want);
    }
  });

  it('WebDataset: shards of 2 pages, image bytes and labels equal the COCO run', () => {
    const coco = JSON.parse(readFileSync(join(a, 'annotations.json'), 'utf8')) as Coco;
    const shards = readdirSync(join(a, 'webdataset')).filter((f) => f.endsWith('.tar')).sort();
    expect(shards).toEqual(['shard-000000.tar', 'shard-000001.tar', 'shard-000002.tar']);
    const members = shards.flatMap((s) => untar(readFileSync(join(a, 'webdataset', s))));
    expect(members.map((m) => m.name)).toEqual(coco.images.flatMap((i) => [i.file_name, i.file_name.replace('.png', '.json')]));
    for (const img of coco.images) {
      const png = members.find((m) => m.name === img.file_name)!;
      expect(png.data.equals(readFileSync(join(a, 'images', img.file_name)))).toBe(true);
      const json = JSON.parse(members.find((m) => m.name === img.file_name.replace('.png', '.json'))!.data.toString('utf8'));
      const want = coco.annotations.filter((x) => x.image_id === img.id).map((x) => x.bbox.join(' '));
      expect(json.objects.map((o: { bbox: number[] }) => o.bbox.join(' '))).toEqual(want);
    }
  });

  it('PDF twin: one PDF per page, and its COCO file equals the image one on clean pages', () => {
    const pdfs = readdirSync(join(a, 'pdf')).filter((f) => f.endsWith('.pdf')).sort();
    expect(pdfs).toEqual(['000001.pdf', '000002.pdf', '000003.pdf', '000004.pdf', '000005.pdf']);
    for (const f of pdfs) expect(readFileSync(join(a, 'pdf', f)).subarray(0, 5).toString()).toBe('%PDF-');
    const img = JSON.parse(readFileSync(join(a, 'annotations.json'), 'utf8')) as Coco;
    const pdf = JSON.parse(readFileSync(join(a, 'pdf', 'annotations.json'), 'utf8')) as Coco;
    expect(pdf.annotations).toEqual(img.annotations);
    expect(pdf.images.map((i) => i.file_name)).toEqual(pdfs);
  });
});

describe('run refusals and interruption', () => {
  it('refuses unknown writers, misplaced options, --pages 0 (exit 2, one line, nothing written)', { timeout: 400_000 }, async () => {
    const out = join(tmp(), 'r');
    const cases: Array<[string[], RegExp]> = [
      [['--output', 'coco,parquet'], /unknown writer "parquet"; known writers: coco, yolo, yolo-seg, hf, webdataset/],
      [['--output', 'coco', '--val-fraction', '0.2'], /--val-fraction applies only to the yolo, yolo-seg, hf writers; --output is coco/],
      [['--output', 'yolo', '--shard-size', '5'], /--shard-size applies only to the webdataset writer/],
      [['--output', 'pdf'], /the PDF twin is asked for with --pdf/],
      [['--parts', 'lines,glyphs'], /--parts: unknown part "glyphs"/],
      [['--pages', '0'], /--pages.*expected an integer from 1/],
    ];
    // Side by side: each refusal is a process start and an exit, none writes (checked below).
    const results = await Promise.all(cases.map(([args]) => cliAsync(['generate', '--out', out, ...QUICK, ...args])));
    for (const [k, [args, msg]] of cases.entries()) {
      const r = results[k]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.split('\n').filter(Boolean).length, r.err).toBeLessThanOrEqual(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(out, 'run.json'))).toBe(false);
    // Node's recursive mkdir loops for ever under /proc: the run creates its folder level by level instead.
    const proc = cli(['generate', '--pages', '1', '--out', '/proc/pagesynth-x/run', ...QUICK]);
    expect(proc.code).toBe(2);
    expect(proc.err).toMatch(/output directory \/proc\/pagesynth-x\/run cannot be created/);
  });

  it('Ctrl-C: exit 130, run.json says interrupted, no label file looks complete; --resume finishes it', { timeout: 240_000 }, async () => {
    const out = join(tmp(), 'int');
    const args = ['generate', '--pages', '8', '--out', out, '--workers', '1', ...QUICK, '--output', 'coco,yolo'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    await waitForPages(out, 2);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code, err).toBe(130);
    expect(err).toMatch(/interrupted after \d+ pages; run the same command with --resume/);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.status).toBe('interrupted');
    for (const f of ['annotations.json', 'labels.jsonl', 'specs.jsonl', 'yolo']) expect(existsSync(join(out, f)), f).toBe(false);
    const again = cli(args);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/unfinished run of this command.*--resume/);
    const resumed = cli([...args, '--resume']);
    expect(resumed.code, resumed.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).status).toBe('complete');
    expect(JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')).images).toHaveLength(8);
    const done = cli([...args, '--resume']);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/already holds this run, complete \(8 pages/);
  });

  it('kill -9 at any moment, then --resume: byte-identical to an uninterrupted run; a second run on the folder is refused', { timeout: 240_000 }, async () => {
    const d = tmp();
    const args = (out: string) => ['generate', '--pages', '16', '--seed', '4', '--out', out, '--workers', '2', ...QUICK, '--output', 'coco,yolo,hf,webdataset', '--shard-size', '3'];
    const ref = join(d, 'ref');
    // The uninterrupted run goes on while the other is killed and resumed: they share nothing but the machine.
    const refRun = cliAsync(args(ref));
    const out = join(d, 'killed');
    // Killed twice, at different points, while a second run is refused by the lock.
    for (const after of [2, 7]) {
      const child = spawn(process.execPath, [BIN, ...args(out), ...(after > 2 ? ['--resume'] : [])], { cwd: ROOT });
      await waitForPages(out, after);
      if (after === 2) {
        // Stopped (not killed) while the second run tries the folder: the holder is alive, and cannot finish first.
        child.kill('SIGSTOP');
        const second = cli(args(out));
        expect(second.code).toBe(2);
        expect(second.err).toMatch(/is in use by process \d+ on /);
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
    }
    const r = cli([...args(out), '--resume']);
    expect(r.code, r.err).toBe(0);
    const refDone = await refRun;
    expect(refDone.code, refDone.err).toBe(0);
    const fr = files(ref).filter((f) => f !== 'run.json' && !f.endsWith('data.yaml') && !f.startsWith('.lock'));
    expect(files(out).filter((f) => f !== 'run.json' && !f.endsWith('data.yaml') && !f.startsWith('.lock'))).toEqual(fr);
    for (const f of fr) expect(readFileSync(join(out, f)).equals(readFileSync(join(ref, f))), f).toBe(true);
  });
});

/** Waits until `out/images` holds `n` pages (the run is under way). */
async function waitForPages(out: string, n: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 150_000) {
    await new Promise((r) => setTimeout(r, 100));
    if (existsSync(join(out, 'images')) && readdirSync(join(out, 'images')).length >= n) return;
  }
  throw new Error(`no ${n} pages in ${out} after 150 s`);
}
