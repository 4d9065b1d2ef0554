/**
 * `labels.jsonl`: every page's labels at every granularity, one JSON line per page, beside `annotations.json`:
 * the regions in reading order, each with its COCO annotation id, its text lines and their words (with the words'
 * text), its table cells (row, column, spans, header) and its other parts. Boxes are COCO pixels `[x, y, w, h]`.
 *
 * Streamed like the COCO file: lines go to `labels.jsonl.partial` as pages arrive, and `finish()` renames it, so a
 * run that dies leaves no `labels.jsonl` that looks complete.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { TABLE_CELL, TEXT_LINE, WORD, xyxyToCoco, type CocoBbox, type Region } from '../types.js';
import { flushed, openAt, type CocoImage } from './coco.js';
import { applyProfile, type LabelProfile } from './profiles.js';

/** A word of a text line: its box and its text as drawn ("hyph-" for a hyphenated line end). */
export interface WordLabel {
  bbox: CocoBbox;
  text: string;
  /** COCO annotation id, only when the label profile put words in the COCO file. */
  id?: number;
}

/** A text line of a region: its box (the union of its words) and its words left to right. */
export interface LineLabel {
  bbox: CocoBbox;
  words: WordLabel[];
  id?: number;
}

/** A table cell holding text: its box (the ink of its text), its grid position and spans, whether it is a header cell. */
export interface CellLabel {
  bbox: CocoBbox;
  row: number;
  col: number;
  row_span: number;
  col_span: number;
  header: boolean;
  id?: number;
}

/** Another part of a region (text inside a chart, a formula's body or number), with its attributes if any. */
export interface PartLabel {
  id: number | null;
  kind: string;
  category: string;
  bbox: CocoBbox;
  attributes?: Record<string, string | number | boolean>;
}

/** A top-level region of a page. */
export interface RegionLabel {
  /** COCO annotation id of the box it is in (shared by regions a profile merges), or null if the profile drops it. */
  id: number | null;
  /** Reading-order index among the page's regions, 0..n-1 (the regions are listed in this order). */
  order: number;
  /** pagesynth's class (DocLayNet's 11 and docling's 6 more), whatever the profile. */
  category: string;
  /** Finer kind (`paragraph`, `caption`, `list_item`, `page_number`...). */
  kind: string;
  /** Index of the page element it comes from in the page's spec (specs.jsonl `elements`), -1 if none. */
  element: number;
  bbox: CocoBbox;
  /** After geometric effects: the region's old box carried through them and cut to `bbox` (x, y pairs). */
  polygon?: number[];
  /** Effects took away part of its ink (COCO `iscrowd: 1`). */
  crowd?: true;
  lines: LineLabel[];
  cells: CellLabel[];
  parts: PartLabel[];
}

/** One line of labels.jsonl. */
export interface PageLabels {
  image_id: number;
  file_name: string;
  width: number;
  height: number;
  regions: RegionLabel[];
}

/**
 * The COCO annotation id of each region of a page (null: not in the COCO file), numbered as
 * `CocoStreamWriter.addImage` numbers the boxes of `applyProfile(profile, regions)` from `firstId` on: regions
 * dropped by the profile get null, regions it merges share the id of their box, a region replaced by its parts
 * (a formula whose body and number a profile boxes apart) gets null and its parts get ids.
 * `expected` is the number of boxes `applyProfile` gave: a different count throws (the two must agree).
 * @example annotationIds(loadProfile('doclaynet'), page.regions, writer.annotationCount + 1, boxes.length)
 */
export function annotationIds(profile: LabelProfile, regions: readonly Region[], firstId: number, expected?: number): Array<number | null> {
  const ids: Array<number | null> = new Array<number | null>(regions.length).fill(null);
  const boxes = applyProfile(profile, regions);
  boxes.forEach((b, k) => b.sources.forEach((i) => (ids[i] = firstId + k)));
  if (expected !== undefined && boxes.length !== expected) throw new Error(`annotationIds: ${boxes.length} boxes for ${expected} COCO annotations (profile ${profile.name}); labels.jsonl would not match annotations.json`);
  return ids;
}

const withId = <T extends object>(o: T, id: number | null | undefined): T & { id?: number } => (id == null ? o : { ...o, id });

/**
 * A page's labels from its regions (as `PageRenderer.render` gives them: each sub-region after its region, with
 * `parent`) and their COCO ids. Top-level regions keep their order, which is the page's reading order.
 * @example labelsOf({ id: 1, file_name: '000001.png', width: 1240, height: 1754 }, page.regions, ids).regions[0].lines
 */
export function labelsOf(image: CocoImage, regions: readonly Region[], ids: ReadonlyArray<number | null> = []): PageLabels {
  const out: RegionLabel[] = [];
  const at = new Map<number, RegionLabel>();
  // A region's lines by their index in the block, to hang the words on.
  const linesOf = new Map<number, Map<number, LineLabel>>();
  regions.forEach((r, i) => {
    const id = ids[i] ?? null;
    const bbox = xyxyToCoco(r.box);
    if (r.parent === undefined) {
      const label: RegionLabel = { id, order: out.length, category: r.category, kind: r.kind, element: r.group, bbox, lines: [], cells: [], parts: [] };
      if (r.polygon) label.polygon = r.polygon;
      if (r.crowd) label.crowd = true;
      out.push(label);
      at.set(i, label);
      return;
    }
    const parent = at.get(r.parent);
    if (!parent) return;
    const a = r.attributes ?? {};
    if (r.kind === TEXT_LINE || r.kind === WORD) {
      const k = Number(a.line ?? 0);
      let lines = linesOf.get(r.parent);
      if (!lines) linesOf.set(r.parent, (lines = new Map()));
      let line = lines.get(k);
      if (r.kind === TEXT_LINE) {
        if (!line) {
          line = withId({ bbox, words: [] }, id);
          lines.set(k, line);
          parent.lines.push(line);
        }
        return;
      }
      if (line) line.words.push(withId({ bbox, text: String(a.text ?? '') }, id));
      return;
    }
    if (r.kind === TABLE_CELL) {
      parent.cells.push(withId({ bbox, row: Number(a.row ?? 0), col: Number(a.col ?? 0), row_span: Number(a.row_span ?? 1), col_span: Number(a.col_span ?? 1), header: a.header === true }, id));
      return;
    }
    parent.parts.push({ id, kind: r.kind, category: r.category, bbox, ...(r.attributes ? { attributes: r.attributes } : {}) });
  });
  return { image_id: image.id, file_name: image.file_name, width: image.width, height: image.height, regions: out };
}

/**
 * Streams `labels.jsonl`: one line per page, in the order `page()` is called (image order). Call `start()`, then
 * `page()` for each page, then `finish()`; `abort()` removes the partial file.
 *
 * The shape of a line (boxes are COCO pixels `[x, y, w, h]`, integers; `lines`, `cells` and `parts` are always present,
 * maybe empty):
 * ```
 * {"image_id": 1, "file_name": "000001.png", "width": 1240, "height": 1754,
 *  "regions": [
 *   {"id": 1, "order": 0, "category": "Text", "kind": "paragraph", "element": 4, "bbox": [150, 210, 460, 118],
 *    "lines": [{"bbox": [150, 212, 458, 14], "words": [{"bbox": [150, 212, 61, 14], "text": "Revenue"}, ...]}, ...],
 *    "cells": [], "parts": []},
 *   {"id": 2, "order": 1, "category": "Table", "kind": "table", "element": 5, "bbox": [...], "lines": [],
 *    "cells": [{"bbox": [...], "row": 0, "col": 1, "row_span": 1, "col_span": 2, "header": true}, ...], "parts": []},
 *   {"id": null, "order": 2, ...}]}
 * ```
 * - `id`: the COCO annotation id in annotations.json of the box the region is in (regions a profile merges, such as
 *   publaynet's list items, share one); null when the profile drops the region. Lines, words and cells carry an `id`
 *   only when the profile puts them in the COCO file (a custom profile mapping `text_line`, `word` or `table_cell`).
 * - `order`: reading order, 0..n-1; the regions are listed in that order.
 * - `element`: index of the page element in the page's spec (specs.jsonl), -1 if none.
 * - `lines`: the region's text lines top to bottom, each with its words left to right; a word's `text` is the word as
 *   drawn (a list bullet, "Figure", "3:" and "hyph-" are words). Regions drawn as text (paragraphs, captions, list
 *   items, headers, titles, footnotes, section headers...) have them; tables, figures, formulas and code do not.
 * - `cells`: a table's cells holding text; `parts`: other sub-regions (`figure_text`, `formula_body`, `formula_number`).
 * @example
 * const w = new LabelsWriter('out/labels.jsonl');
 * await w.start();
 * await w.page({ id: 1, file_name: '000001.png', width: 1240, height: 1754 }, page.regions, ids);
 * await w.finish();
 */
export class LabelsWriter {
  private stream: WriteStream | undefined;
  /** The stream's first error, thrown by the next call (never left unhandled). */
  private error: Error | undefined;
  private nPages = 0;
  private bytes = 0;
  private done = false;

  constructor(readonly path: string) {}

  /** Waits until every page so far is in the file and says where the writer stands (for `start(resume)`). */
  async state(): Promise<{ pages: number; bytes: number }> {
    if (this.stream) await flushed(this.stream);
    if (this.error) throw this.error;
    return { pages: this.nPages, bytes: this.bytes };
  }

  get pageCount(): number {
    return this.nPages;
  }

  /** Opens `path.partial` (resuming: keeps its first `resume.bytes` bytes and appends). */
  async start(resume?: { pages: number; bytes: number }): Promise<void> {
    const s = openAt(`${this.path}.partial`, resume?.bytes);
    if (resume) {
      this.nPages = resume.pages;
      this.bytes = resume.bytes;
    }
    this.stream = s;
    s.on('error', (err) => {
      this.error ??= err;
    });
    await once(s, 'open');
  }

  /** Writes one page's line. */
  async page(image: CocoImage, regions: readonly Region[], ids: ReadonlyArray<number | null> = []): Promise<void> {
    if (!this.stream) throw new Error('LabelsWriter.page() before start()');
    if (this.error) throw this.error;
    this.nPages++;
    const line = `${JSON.stringify(labelsOf(image, regions, ids))}\n`;
    this.bytes += Buffer.byteLength(line);
    if (!this.stream.write(line)) await once(this.stream, 'drain');
  }

  /** Closes the file and renames it to `path`. */
  async finish(): Promise<void> {
    if (!this.stream) throw new Error('LabelsWriter.finish() before start()');
    const s = this.stream;
    await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (this.error) throw this.error;
    await rename(`${this.path}.partial`, this.path);
    this.done = true;
  }

  /** Stops and removes the partial file (a finished file is left alone). */
  async abort(): Promise<void> {
    if (this.done) return;
    const s = this.stream;
    // Let pending writes settle (destroying under them would raise), then remove the file.
    if (s && !s.destroyed) await new Promise<void>((resolve) => s.end(() => resolve()));
    await rm(`${this.path}.partial`, { force: true });
  }
}
