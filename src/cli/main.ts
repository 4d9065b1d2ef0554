/**
 * The command line. The only place that prints or exits: stages throw typed errors, `main` maps them to one
 * message and an exit code (2 for usage and input errors, 1 for anything unexpected). Heavy modules (canvas,
 * sharp, the pool) load inside the command that needs them, so `--help` stays fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { formatProblem, PagesynthError } from '../errors.js';
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
    .option('-n, --pages <n>', 'number of pages', intOption(0, 10_000_000), 100)
    .option('-o, --out <dir>', 'output directory', 'output/run')
    .option('-s, --seed <n>', 'master seed (page i uses a seed derived from it and i)', intOption(0), 0)
    .option('-t, --template <name|path>', 'bundled network name or path to a network file (.json/.yaml)', 'default')
    .option('--set <node=value>', 'fix a network node (repeatable); its descendants follow', collect, [])
    .option('-w, --workers <n>', 'worker threads', intOption(1, 256), Math.max(1, availableParallelism()))
    .addOption(new Option('--format <fmt>', 'image format').choices(['png', 'jpeg']).default('png'))
    .option('--dpi <n>', 'resolution; 150 gives A4 at 1240x1754', intOption(36, 600), 150)
    .option('--png-level <n>', 'PNG compression level 0-9 (1: fast, 6: ~25% smaller)', intOption(0, 9), 1)
    .option('--jpeg-quality <n>', 'JPEG quality 1-100', intOption(1, 100), 90)
    .option('--labels <profile>', 'label set: doclaynet, publaynet, docbank, or a mapping file (.json/.yaml)', 'doclaynet')
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
    .option('--no-progress', 'no progress bar')
    .action(async (opts) => {
      const { detectCommand } = await import('./detector.js');
      await detectCommand(opts);
    });

  program
    .command('experiment')
    .description('train detectors on real, synthetic and mixed pages; test on real pages; per-class F1 and the gap')
    .requiredOption('--real <coco>', 'real COCO file (images beside it)')
    .requiredOption('--synthetic <dir|coco>', 'synthetic run folder or COCO file')
    .option('--labels <profile>', 'label profile both sets are compared in', 'docbank')
    .option('--mix <list>', 'fractions of synthetic pages in real-sized training sets', '0,0.3,0.7,1')
    .option('--train-fraction <x>', 'fraction of real documents used for training', floatOption(0.05, 0.95), 0.5)
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
    const problems = (err as { problems?: { file?: string; path: string; message: string }[] }).problems;
    if (problems && problems.length > 1) {
      process.stderr.write(`pagesynth: ${problems.length} problems:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}\n`);
    } else process.stderr.write(`pagesynth: ${err.message}\n`);
    return;
  }
  process.stderr.write(`pagesynth: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}
