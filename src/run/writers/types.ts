/**
 * The writer interface (after synthtiger's init_save / save / end_save): every output format is one writer, and a
 * run feeds each page, once rendered, to every writer it was asked for (`--output coco,yolo,...`).
 *
 * Contract:
 * - `start()` once, then `page()` once per page **in page-index order**, then `finish()`; on any failure or
 *   interruption `abort()` instead of `finish()` (it may be called after a failed `start`/`page`, and twice).
 * - Streaming: a writer keeps O(1) pages in memory (counters and small per-class tallies are fine).
 * - Atomic: until `finish()` returns, nothing a writer leaves looks complete. Write under a `.partial` name (a file
 *   or the writer's whole folder) and rename at the end; `abort()` removes every partial thing it made.
 * - A writer owns one folder or a fixed set of names in the run folder (`WriterDefinition.owns`), and touches
 *   nothing else. The run removes those names before `start()` when it (re)creates a run.
 * - Deterministic: the bytes written depend only on the pages and the options (no dates, no absolute paths inside
 *   files except where a format demands one, e.g. YOLO's data.yaml `path`).
 * - Resumable: `checkpoint()` (called after `page()`) waits until every byte of the pages so far is in its files and
 *   returns a small JSON state (byte offsets of its streams, its counters). A run killed at any moment restarts
 *   with `start(state)` from the last checkpoint: the writer keeps its partial files up to those offsets, drops
 *   anything after them, and continues, so the finished files are byte-identical to an uninterrupted run's.
 */
import type { CocoCategory } from '../../annotate/coco.js';
import type { LabelProfile } from '../../annotate/profiles.js';
import type { PageSpec, Region, XYXY } from '../../types.js';

/** Which half of a train/val split a page is in (`split.ts`: a fixed function of seed and page index). */
export type Split = 'train' | 'val';

/** One labelled box of a page, in the run's label profile. */
export interface PageBox {
  /** COCO category id (from 1, `WriterContext.categories`). */
  categoryId: number;
  /** Class name (`categories[categoryId - 1].name`). */
  category: string;
  /** Tight to the ink, absolute pixels. */
  box: XYXY;
  /** Segmentation polygons (x, y pairs, absolute pixels) when geometric effects moved the page; absent: the box itself. */
  polygons?: number[][];
  /** COCO `iscrowd: 1`: effects took away most of its ink. YOLO/HF writers leave crowd boxes out. */
  crowd?: boolean;
  /** Indices into `WriterPage.regions` of the regions behind the box. */
  sources: number[];
}

/** A page as writers receive it. */
export interface WriterPage {
  /** 0-based page index in the run. */
  index: number;
  /** COCO image id (index + 1). */
  imageId: number;
  /** File stem, zero-padded page number: '000001'. */
  key: string;
  /** `${key}.${ext}`. */
  fileName: string;
  /** Image file extension: 'png' or 'jpg'. */
  ext: string;
  /** Encoded image bytes (PNG or JPEG), as written to images/. */
  image: Uint8Array;
  width: number;
  height: number;
  split: Split;
  /** Boxes in the label profile, in reading order of their first source region. */
  boxes: PageBox[];
  /** Every region of the page (pagesynth's classes, sub-regions too), reading order. */
  regions: Region[];
  /** The page's spec (what specs.jsonl holds). */
  spec: PageSpec;
  /** The vector twin (`--pdf`): one-page PDF bytes, and the size (pixels) and regions of that clean page (before effects). */
  pdf?: { bytes: Uint8Array; regions: Region[]; boxes: PageBox[]; width: number; height: number };
}

/** Options some writers take; a run refuses an option none of its writers accepts (`WriterDefinition.options`). */
export interface WriterOptions {
  /** Share of pages in the validation split, 0..1 (yolo, yolo-seg, hf). */
  valFraction?: number;
  /** Pages per tar shard (webdataset). */
  shardSize?: number;
}

/** What a writer knows about the run. */
export interface WriterContext {
  /** The run folder (absolute). */
  out: string;
  /** COCO categories of the label profile, ids from 1. */
  categories: CocoCategory[];
  profile: LabelProfile;
  /** Pages this process makes (all of them, or its shard's). */
  pages: number;
  /** Pages of the whole run (every shard). */
  totalPages: number;
  /** Set when this process makes one shard of the run (`--shard i/N`); page indices stay the run's. */
  shard?: { index: number; count: number };
  seed: number;
  /** Resolution of the images (pixels per inch); a PDF point is 1/72 inch. */
  dpi: number;
  options: WriterOptions;
  /** A short description for file headers (COCO info, dataset cards). */
  description: string;
  version: string;
}

/** Counts a writer reports when it finishes (printed and kept in run.json). */
export interface WriterSummary {
  /** Files or folders it made, relative to the run folder. */
  paths: string[];
  /** Anything countable: pages per split, shards, boxes... */
  counts: Record<string, number>;
}

/** A writer's checkpoint: plain JSON (journal.ts stores it after each page). */
export type WriterState = Record<string, unknown>;

export interface Writer {
  /** Opens the writer's partial files; with `resume`, keeps them as they were at that checkpoint. */
  start(resume?: WriterState): Promise<void>;
  page(page: WriterPage): Promise<void>;
  /** Resolves, once everything so far is written out, with what `start(resume)` needs to go on from here. */
  checkpoint(): Promise<WriterState>;
  finish(): Promise<WriterSummary>;
  /** Stops and removes everything partial it made (a run that will not be resumed). */
  abort(): Promise<void>;
  /** Stops and closes its files but keeps them for `start(resume)` (a run stopped by Ctrl-C or an error). */
  suspend?(): Promise<void>;
}

export interface WriterDefinition {
  /** Name used in `--output` (lower case). */
  name: string;
  /** One line for --help and the README table. */
  summary: string;
  /** Names in the run folder this writer owns (its folder, or its files). */
  owns: readonly string[];
  /** Which `WriterOptions` it reads. */
  options: ReadonlyArray<keyof WriterOptions>;
  create(ctx: WriterContext): Writer;
}
