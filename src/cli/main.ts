/**
 * The command line. The only place that prints or exits: stages throw typed errors, `main` maps them to one
 * message and an exit code (2 for usage and input errors, 1 for anything unexpected). Heavy modules (canvas,
 * sharp, the pool) load inside the command that needs them, so `--help` stays fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { PagesynthError } from '../errors.js';
import { collect, floatOption, intOption } from './parse.js';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('pagesynth')
    .description('Synthetic document pages with exact layout labels (COCO), sampled from a Bayesian network.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('generate')
    .description('sample, lay out and render pages; write images, COCO annotations, specs and a run record')
    .option('-n, --pages <n>', 'number of pages', intOption(1, 10_000_000), 100)
    .option('-o, --out <dir>', 'output directory', 'output/run')
    .option('-s, --seed <n>', 'master seed (page i uses a seed derived from it and i)', intOption(0), 0)
    .option('-t, --template <name|path>', 'bundled network name or path to a network file (.json/.yaml)', 'default')
    .option('--set <node=value>', 'fix a network node (repeatable); its descendants follow', collect, [])
    .option('-w, --workers <n>', 'worker threads', intOption(1, 256), Math.max(1, availableParallelism()))
    .addOption(new Option('--format <fmt>', 'image format').choices(['png', 'jpeg']).default('png'))
    .option('--dpi <n>', 'resolution; 150 gives A4 at 1240x1754', intOption(36, 600), 150)
    .option('--png-level <n>', 'PNG compression level 0-9 (1: fast, 6: ~25% smaller)', intOption(0, 9), 1)
    .option('--jpeg-quality <n>', 'JPEG quality 1-100', intOption(1, 100), 90)
    .option('--labels <profile>', 'label set: doclaynet, docling, publaynet, docbank, or a mapping file (.json/.yaml)', 'doclaynet')
    .option('--output <writers>', 'formats, comma-separated: coco, yolo, yolo-seg, hf, webdataset', 'coco')
    .option('--val-fraction <x>', 'share of pages in the validation split (yolo, yolo-seg, hf; default 0.1)', floatOption(0, 1))
    .option('--shard-size <n>', 'pages per tar shard (webdataset; default 1000)', intOption(1, 10_000_000))
    .option('--parts <list>', 'also box region parts as classes of their own: lines, words, cells (comma-separated)')
    .option('--pdf', 'also write each page as a vector PDF (pdf/) with its own COCO file', false)
    .option('--shard <i/N|auto>', 'make only shard i of N (0-based) of the pages, joined later by `pagesynth merge`; auto: from the array job (Kubernetes Indexed Job, Slurm array, AWS Batch array)')
    .option('--shard-count <n>', 'shard count for --shard auto where the scheduler does not give it (Kubernetes; default $PAGESYNTH_SHARD_COUNT)', intOption(1, 10_000_000))
    .option('--resume', 'finish the unfinished run of these options in --out (byte-identical to an uninterrupted run)', false)
    .option('--overwrite', 'replace a different run already in --out', false)
    .option('--no-progress', 'no progress bar')
    .action(async (opts) => {
      const { generateCommand } = await import('./generate.js');
      await generateCommand(opts);
    });

  program
    .command('evaluate')
    .description('COCO metrics of detections against ground truth (identical to pycocotools), with per-class F1')
    .requiredOption('--gt <file>', 'COCO ground truth')
    .requiredOption('--pred <file>', 'COCO results: [{image_id, category_id, bbox, score}]')
    .option('--iou <x>', 'IoU threshold for precision/recall/F1', floatOption(0, 1), 0.5)
    .option('--score <x>', 'score threshold for precision/recall/F1', floatOption(0, 1), 0.5)
    .option('--max-dets <n>', 'detections per image and class (maxDets are 1, 10, n)', intOption(10), 100)
    .option('--json <file>', 'also write the results as JSON')
    .option('--labels <profile>', 'map both files to a label profile first (doclaynet, publaynet, docbank, or a mapping file)')
    .option('--lenient', 'skip and count invalid detections instead of failing', false)
    .action(async (opts) => {
      const { evaluateCommand } = await import('./evaluate.js');
      await evaluateCommand(opts);
    });

  program
    .command('train-detector')
    .description('train the CPU layout detector on labelled pages (a run folder or a COCO file)')
    .requiredOption('--train <dir|coco>', 'run folder (annotations.json + images/) or COCO file')
    .option('-o, --out <dir>', 'model folder (model.json)', 'output/model')
    .option('--labels <profile>', 'train in a label profile\'s classes (doclaynet, publaynet, docbank, or a mapping file)')
    .option('--image-root <dir>', 'folder the COCO file_names are relative to (tried first; then images/ beside the file, then its folder)')
    .option('-s, --seed <n>', 'seed', intOption(0), 0)
    .option('--no-progress', 'no progress bar')
    .action(async (opts) => {
      const { trainDetectorCommand } = await import('./detector.js');
      await trainDetectorCommand(opts);
    });

  program
    .command('detect')
    .description('run a trained detector on images; write COCO results')
    .requiredOption('--model <dir>', 'model folder from train-detector')
    .requiredOption('--images <dir|coco>', 'run folder or COCO file (ids kept), or a folder of images (ids 1..n by name)')
    .option('-o, --out <file>', 'COCO results file', 'output/predictions.json')
    .option('--labels <profile>', 'label profile of the model\'s classes, to match them to the COCO file\'s categories (default: the bundled profile with exactly its classes)')
    .option('--image-root <dir>', 'folder the COCO file_names are relative to (tried first; then images/ beside the file, then its folder)')
    .option('--no-progress', 'no progress bar')
    .action(async (opts) => {
      const { detectCommand } = await import('./detector.js');
      await detectCommand(opts);
    });

  program
    .command('experiment')
    .description('train detectors on real, synthetic and mixed pages; test on real pages; per-class F1 and the gap')
    .requiredOption('--real <coco>', 'real COCO file; repeat for several real sets (a table each, and their mean)', collect)
    .requiredOption('--synthetic <dir|coco>', 'synthetic run folder or COCO file')
    .option('--labels <profile>', 'label profile both sets are compared in', 'docbank')
    .option('--mix <list>', 'fractions of synthetic pages in real-sized training sets', '0,0.3,0.7,1')
    .option('--train-fraction <x>', 'fraction of real documents used for training', floatOption(0.05, 0.95), 0.5)
    .option('--repeats <k>', 'document splits per real set; mean and spread per class', intOption(1, 100), 1)
    .option('--image-root <dir>', 'folder the real COCO file_names are relative to (tried first)')
    .option('-s, --seed <n>', 'seed', intOption(0), 0)
    .option('-o, --out <dir>', 'report folder (experiment.md, experiment.json, experiment-f1.png)', 'output/experiment')
    .option('--no-progress', 'no progress bar')
    .action(async (opts) => {
      const { experimentCommand } = await import('./detector.js');
      await experimentCommand(opts);
    });

  program
    .command('draw-boxes')
    .description('draw the boxes of one image of a COCO file over it (a PNG to check labels by eye)')
    .requiredOption('--coco <file>', 'COCO annotations (e.g. output/demo/annotations.json)')
    .option('--image <id>', 'image id', intOption(0), 1)
    .option('--image-root <dir>', 'folder of the images (default: images/ beside the COCO file)')
    .option('-o, --out <file>', 'PNG to write', 'boxes.png')
    .action(async (opts) => {
      const { drawBoxesCommand } = await import('./draw-boxes.js');
      await drawBoxesCommand(opts);
    });

  program
    .command('fit')
    .description('calibrate a network on real pages (COCO): conjugate updates of the nodes the boxes inform')
    .requiredOption('--real <coco>', 'real COCO file (or a run folder holding annotations.json)')
    .option('--labels <profile>', 'label profile of the real file (doclaynet, publaynet, docbank, or a mapping file); default: from its categories')
    .option('--base <name|path>', 'network to start from: bundled name or .json/.yaml file', 'default')
    .requiredOption('-o, --out <file>', 'fitted network file to write (.yaml, .yml or .json)')
    .option('--strength <k>', 'pseudo-count of each base-network row (higher: trust the base more)', floatOption(0.001, 1e9), 20)
    .action(async (opts) => {
      const { fitCommand } = await import('./fit.js');
      await fitCommand(opts);
    });

  program
    .command('compare')
    .description('how alike real and synthetic layouts are: KS/chi-squared per feature, quality metrics, distinguishability AUC, record matching')
    .requiredOption('--real <coco>', 'real COCO file (or run folder)')
    .requiredOption('--synthetic <dir|coco>', 'synthetic run folder or COCO file')
    .option('--labels <profile>', 'label profile both sets are compared in (doclaynet, publaynet, docbank, or a mapping file); default: from the real file\'s categories')
    .option('--report <dir>', 'write compare.md, compare.json and PNG plots here')
    .option('-s, --seed <n>', 'seed of the classifier\'s folds and samples', intOption(0), 0)
    .option('--repeats <n>', 'balanced synthetic samples the distinguishability AUC is averaged over', intOption(1, 100), 5)
    .action(async (opts) => {
      const { compareCommand } = await import('./compare.js');
      await compareCommand(opts);
    });

  program
    .command('merge')
    .description('join the shard folders of a run made with --shard i/N into one run, byte-identical to a one-machine run')
    .argument('<shards...>', 'shard run folders, every index 0..N-1 of one run, in any order')
    .requiredOption('-o, --out <dir>', 'merged run folder')
    .option('--overwrite', 'replace a different run already in --out', false)
    .action(async (shards: string[], opts) => {
      const { mergeCommand } = await import('./merge.js');
      await mergeCommand({ shards, out: opts.out, overwrite: opts.overwrite });
    });

  program
    .command('report')
    .description('a self-contained HTML report of a run: pages with their boxes, counts, box sizes (+ compare / experiment results)')
    .argument('<run>', 'run folder (annotations.json, images/, specs.jsonl, run.json)')
    .option('-o, --out <dir>', 'report folder (default: <run>/report; an older report there is replaced)')
    .option('--compare <file>', 'compare.json from `pagesynth compare --report DIR` (PNG plots beside it are embedded)')
    .option('--experiment <file>', 'experiment.json from `pagesynth experiment` (its chart is embedded)')
    .option('--max-pages <n>', 'pages in the gallery: all of them, or an even sample of this many', intOption(1), 200)
    .action(async (run: string, opts) => {
      const { reportCommand } = await import('./report.js');
      await reportCommand({ run, ...opts });
    });

  return program;
}

/** Runs the CLI with `argv` (as process.argv) and exits with the right code. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    if (process.exitCode !== 0) report(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof PagesynthError) return err.exitCode;
  return 1;
}

function report(err: unknown): void {
  if (err instanceof CommanderError) return; // commander has printed its message already
  if (err instanceof PagesynthError) {
    // InputError builds its message from its problems, shortened (errors.ts): print it as it is.
    process.stderr.write(`pagesynth: ${err.message}\n`);
    return;
  }
  process.stderr.write(`pagesynth: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}
