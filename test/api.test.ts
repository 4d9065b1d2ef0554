/**
 * The library: `import { generate } from 'pagesynth'` from another Node project (JavaScript and TypeScript), every
 * public function and class documented with an example, and the README's API section naming exactly what
 * src/index.ts exports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

/** The public exports of src/index.ts, with whether each is a value and its TSDoc. */
function publicApi(): Array<{ name: string; kind: 'function' | 'class' | 'value' | 'type'; doc: string; example: boolean }> {
  const program = ts.createProgram([join(ROOT, 'src', 'index.ts')], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(join(ROOT, 'src', 'index.ts'))!;
  const mod = checker.getSymbolAtLocation(file)!;
  return checker.getExportsOfModule(mod).map((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const decl = target.declarations?.[0];
    const kind = target.flags & ts.SymbolFlags.Function ? 'function' : target.flags & ts.SymbolFlags.Class ? 'class' : target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
    const doc = ts.displayPartsToString(target.getDocumentationComment(checker));
    const example = (decl ? ts.getJSDocTags(decl) : []).some((t) => t.tagName.text === 'example') || target.getJsDocTags(checker).some((t) => t.name === 'example');
    return { name: s.name, kind, doc, example };
  });
}

describe('library API', () => {
  const api = publicApi();

  it('every exported function and class has TSDoc with an @example; every value has TSDoc', () => {
    expect(api.length).toBeGreaterThan(20);
    const values = api.filter((a) => a.kind !== 'type');
    const undocumented = values.filter((a) => !a.doc.trim()).map((a) => a.name);
    expect(undocumented, 'exports without TSDoc').toEqual([]);
    const noExample = values.filter((a) => (a.kind === 'function' || a.kind === 'class') && !a.example).map((a) => a.name);
    expect(noExample, 'functions and classes without @example').toEqual([]);
  });

  it("the README's Library API section lists exactly the exported functions, classes and values", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## Library API');
    expect(start, 'README has a "## Library API" section').toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
    // The section's table: first column holds `name`.
    const listed = new Set([...section.matchAll(/^\| `([A-Za-z_]+)`/gm)].map((m) => m[1]!));
    const values = api.filter((a) => a.kind !== 'type').map((a) => a.name);
    expect([...listed].sort()).toEqual([...values].sort());
  });

  it('another project imports it by name, in JavaScript and in TypeScript, and generates a run', { timeout: 180_000 }, () => {
    expect(existsSync(join(ROOT, 'dist', 'index.js')), 'dist/ is built (npm test builds it)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'pagesynth-user-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'pagesynth'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user', type: 'module', private: true }));
    const out = join(dir, 'run');
    writeFileSync(
      join(dir, 'main.mjs'),
      `import { generate, WRITERS } from 'pagesynth';
       const run = await generate({ pages: 2, out: ${JSON.stringify(out)}, workers: 1, seed: 5, set: ['effects.profile=clean', 'language=en'], output: ['coco', 'yolo'] });
       console.log(JSON.stringify({ pages: run.pages, boxes: run.boxes, writers: Object.keys(run.writers), known: WRITERS.map((w) => w.name) }));`,
    );
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(got.pages).toBe(2);
    expect(got.boxes).toBeGreaterThan(2);
    expect(got.writers).toEqual(['coco', 'yolo']);
    expect(got.known).toEqual(expect.arrayContaining(['coco', 'yolo', 'yolo-seg', 'hf', 'webdataset']));
    const coco = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8'));
    expect(coco.images).toHaveLength(2);
    expect(coco.annotations).toHaveLength(got.boxes);
    expect(existsSync(join(out, 'yolo', 'data.yaml'))).toBe(true);

    // TypeScript: the declarations resolve through package.json and type the options and the result.
    writeFileSync(
      join(dir, 'use.ts'),
      `import { generate, type GenerateOptions, type GenerateResult } from 'pagesynth';
       const o: GenerateOptions = { pages: 1, output: ['hf'], valFraction: 0.2 };
       const p: Promise<GenerateResult> = generate(o);
       void p.then((r) => r.writers['hf']?.counts);
       // @ts-expect-error pages must be a number
       const bad: GenerateOptions = { pages: '3' };
       void bad;`,
    );
    const program = ts.createProgram([join(dir, 'use.ts')], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
  });

  it('options are checked at the door and named', async () => {
    const { generate } = await import('../src/index.js');
    await expect(generate({ pages: 0 })).rejects.toThrow(/pages must be an integer from 1/);
    await expect(generate({ pages: 2, workers: -1 })).rejects.toThrow(/workers/);
    await expect(generate({ pages: 2, output: ['coco', 'parquet'] })).rejects.toThrow(/unknown writer "parquet".*known writers: coco, yolo, yolo-seg, hf, webdataset/);
    await expect(generate({ pages: 2, output: ['coco'], valFraction: 0.2 })).rejects.toThrow(/--val-fraction applies only to the yolo, yolo-seg, hf writers/);
    await expect(generate({ pages: 2, output: ['yolo'], shardSize: 10 })).rejects.toThrow(/--shard-size applies only to the webdataset writer/);
    await expect(generate({ pages: 2, output: ['pdf'] })).rejects.toThrow(/--pdf/);
  });
});
