/**
 * `hf`: a folder Hugging Face `datasets` loads with its ImageFolder builder, in `RUN/hf/`:
 *
 * ```
 * hf/README.md                   dataset card: YAML front matter with dataset_info.features (the class names as a
 *                                ClassLabel) and configs.data_files per split; the body says how to load it
 * hf/train/000001.png ...        the images, as encoded
 * hf/train/metadata.jsonl        one row per image: file_name, image_id, width, height, objects {bbox, category, area, id}
 * hf/validation/...              the same for the val pages, when there are any
 * ```
 *
 * `load_dataset("RUN/hf")` reads the card, so `objects.category` is a ClassLabel with the profile's names;
 * `load_dataset("imagefolder", data_dir="RUN/hf")` loads the same rows without reading the card (types inferred
 * from metadata.jsonl: category is a plain int64 index). Checked with `datasets` 5.0.1. Boxes are COCO
 * `[x, y, w, h]` in pixels, the layout `datasets`' object-detection guides use; `category` is the category id - 1
 * (an index into the names); `id` is the box's annotation id in the run's COCO file. Crowd boxes are left out.
 *
 * Why ImageFolder and not parquet shards: the images stay ordinary files one can open and look at; no parquet
 * library is needed on the Node side; rows are appended to metadata.jsonl as pages arrive, so the writer streams
 * with O(1) memory; and `load_dataset(..., streaming=True)` reads the folder as it is. `datasets` converts it to
 * arrow on first load (or `push_to_hub` to parquet) when speed matters.
 *
 * Atomic: everything goes to `RUN/hf.partial/`, renamed to `RUN/hf` by `finish()`; `abort()` removes it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { xyxyToCoco } from '../../types.js';
import type { Split, Writer, WriterContext, WriterDefinition, WriterPage, WriterState, WriterSummary } from './types.js';
import { AnnotationIds, InFlight, PartialDir, TextStream, yamlText } from './util.js';

/** The folder (and `datasets` split name) of each split. */
const SPLIT_DIR: Record<Split, string> = { train: 'train', val: 'validation' };

/** One row of metadata.jsonl. */
export interface HfRow {
  file_name: string;
  image_id: number;
  width: number;
  height: number;
  objects: { bbox: Array<[number, number, number, number]>; category: number[]; area: number[]; id: number[] };
}

/**
 * The metadata.jsonl row of a page: its non-crowd boxes as COCO `[x, y, w, h]`, category indices from 0, areas
 * w*h, and annotation ids starting at `firstId` for the page's first box (crowd boxes keep their number, unused).
 * @example hfRow(page, 1).objects.bbox[0] // [10, 5, 20, 10]
 */
export function hfRow(page: WriterPage, firstId: number): HfRow {
  const objects: HfRow['objects'] = { bbox: [], category: [], area: [], id: [] };
  page.boxes.forEach((b, k) => {
    if (b.crowd) return;
    const bbox = xyxyToCoco(b.box);
    objects.bbox.push(bbox);
    objects.category.push(b.categoryId - 1);
    objects.area.push(bbox[2] * bbox[3]);
    objects.id.push(firstId + k);
  });
  return { file_name: page.fileName, image_id: page.imageId, width: page.width, height: page.height, objects };
}

/**
 * The dataset card's YAML front matter: features in the form `datasets` has always read (`sequence:` of a struct,
 * which `datasets` 4+ reads as a struct of lists), in `dataset_info` (the Hub's viewer) and again in the one config
 * (ImageFolder applies only a config's `features`: without them it infers int64 categories from metadata.jsonl), whose
 * data_files name the splits present.
 * @example hfCardHeader(['Caption', 'Text'], ['train', 'validation']).dataset_info
 */
export function hfCardHeader(names: readonly string[], splits: readonly string[]): Record<string, unknown> {
  const features = () => [
    { name: 'image', dtype: 'image' },
    { name: 'image_id', dtype: 'int64' },
    { name: 'width', dtype: 'int32' },
    { name: 'height', dtype: 'int32' },
    {
      name: 'objects',
      sequence: [
        { name: 'bbox', sequence: 'float32', length: 4 },
        { name: 'category', dtype: { class_label: { names: Object.fromEntries(names.map((n, i) => [String(i), n])) } } },
        { name: 'area', dtype: 'float32' },
        { name: 'id', dtype: 'int64' },
      ],
    },
  ];
  return {
    task_categories: ['object-detection'],
    tags: ['document-layout', 'synthetic', 'pagesynth'],
    // What the Hub shows; the folder builder itself ignores it (it infers types from metadata.jsonl) ...
    dataset_info: { features: features() },
    // ... unless the config names the features: then `load_dataset(dir)` casts the rows to them (ClassLabel names).
    configs: [{ config_name: 'default', data_files: splits.map((split) => ({ split, path: `${split}/*` })), features: features() }],
  };
}

class HfWriter implements Writer {
  private readonly dir: PartialDir;
  private readonly work = new InFlight();
  private ids = new AnnotationIds();
  private readonly streams = new Map<Split, TextStream>();
  private readonly pages: Record<Split, number> = { train: 0, val: 0 };
  private boxes = 0;
  private done = false;

  constructor(private readonly ctx: WriterContext) {
    this.dir = new PartialDir(ctx.out, 'hf');
  }

  start(resume?: WriterState): Promise<void> {
    return this.work.run(async () => {
      if (!resume) return this.dir.create();
      const s = resume as { train: number; val: number; boxes: number; ids: number; bytes: Partial<Record<Split, number>> };
      await this.dir.reuse();
      this.pages.train = s.train;
      this.pages.val = s.val;
      this.boxes = s.boxes;
      this.ids = new AnnotationIds(s.ids);
      for (const [split, bytes] of Object.entries(s.bytes) as Array<[Split, number]>) {
        const folder = join(this.dir.partial, SPLIT_DIR[split]);
        await mkdir(folder, { recursive: true });
        this.streams.set(split, new TextStream(join(folder, 'metadata.jsonl'), bytes));
      }
    });
  }

  checkpoint(): Promise<WriterState> {
    return this.work.run(async () => {
      const bytes: Partial<Record<Split, number>> = {};
      for (const [split, s] of this.streams) bytes[split] = await s.flush();
      return { train: this.pages.train, val: this.pages.val, boxes: this.boxes, ids: this.ids.numbered, bytes };
    });
  }

  page(p: WriterPage): Promise<void> {
    return this.work.run(async () => {
      const row = hfRow(p, this.ids.next(p));
      const stream = await this.stream(p.split);
      await writeFile(join(this.dir.partial, SPLIT_DIR[p.split], p.fileName), p.image);
      await stream.write(`${JSON.stringify(row)}\n`);
      this.pages[p.split]++;
      this.boxes += row.objects.id.length;
    });
  }

  finish(): Promise<WriterSummary> {
    return this.work.run(async () => {
      if (this.streams.size === 0) await this.stream('train'); // no pages: an empty train split, still a valid folder
      for (const s of this.streams.values()) await s.close();
      const splits = (['train', 'val'] as const).filter((s) => this.streams.has(s)).map((s) => SPLIT_DIR[s]);
      await writeFile(join(this.dir.partial, 'README.md'), this.card(splits));
      await this.dir.commit();
      this.done = true;
      return { paths: ['hf'], counts: { train: this.pages.train, validation: this.pages.val, boxes: this.boxes } };
    });
  }

  async abort(): Promise<void> {
    for (const s of this.streams.values()) s.destroy();
    await this.work.settle();
    if (!this.done) await this.dir.remove();
  }

  /** The metadata.jsonl of a split, made (with its folder) when its first page arrives. */
  private async stream(split: Split): Promise<TextStream> {
    let s = this.streams.get(split);
    if (!s) {
      const folder = join(this.dir.partial, SPLIT_DIR[split]);
      await mkdir(folder, { recursive: true });
      s = new TextStream(join(folder, 'metadata.jsonl'));
      this.streams.set(split, s);
    }
    return s;
  }

  private card(splits: string[]): string {
    const names = this.ctx.categories.map((c) => c.name);
    const front = yamlText(hfCardHeader(names, splits));
    const counts = splits.map((s) => `${s === 'train' ? this.pages.train : this.pages.val} ${s}`).join(', ');
    return `---
${front}---

# ${this.ctx.description}

Synthetic document pages made by pagesynth ${this.ctx.version} (label profile \`${this.ctx.profile.name}\`, seed ${this.ctx.seed}):
${counts} images, ${this.boxes} boxes (crowd boxes left out).

Each row: \`image\`, \`image_id\`, \`width\`, \`height\` and \`objects\` with \`bbox\` (COCO \`[x, y, w, h]\` in
pixels), \`category\` (a class index, names below), \`area\` (w * h) and \`id\` (the box's annotation id in the run's
COCO file).

## Load

\`\`\`python
from datasets import load_dataset

ds = load_dataset("path/to/run/hf")  # reads this card: category is a ClassLabel with the names below
names = ds["train"].features["objects"]["category"].feature.names

ds = load_dataset("imagefolder", data_dir="path/to/run/hf")  # the same rows; the builder alone does not read
# this card, so it infers the types: category is a plain int64 (an index into the names below)
\`\`\`

Add \`streaming=True\` to read the images as they are, without converting them to arrow first.

## Classes

${names.map((n, i) => `- ${i}: ${n}`).join('\n')}
`;
  }
}

/** Hugging Face `datasets` ImageFolder: `RUN/hf/` with README.md, train/ and validation/ (images + metadata.jsonl). */
export const hfWriter: WriterDefinition = {
  name: 'hf',
  summary: 'hf/ (Hugging Face datasets ImageFolder: train/ and validation/ with metadata.jsonl, a dataset card with the class names)',
  owns: ['hf'],
  options: ['valFraction'],
  create: (ctx) => new HfWriter(ctx),
};
