/**
 * Labelled page sets for training and testing detectors: a COCO file (ours or a real dataset's) read into
 * pages with their image paths and boxes, in a label profile's classes, with each page's source document so
 * splits never put pages of one document on both sides.
 */
import { statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { loadProfile, remapGroundTruth, type LabelProfile } from '../annotate/index.js';
import { InputError } from '../errors.js';
import type { Rng } from '../random/index.js';
import { loadCoco } from './metrics/index.js';
import type { CocoDetection, CocoGroundTruth } from './metrics/index.js';

/** One labelled page. */
export interface LabelledPage {
  /** Image id in the source COCO file. */
  id: number;
  path: string;
  width: number;
  height: number;
  /** Source document (pages of one document share it). */
  doc: string;
  boxes: Array<{ cls: string; bbox: [number, number, number, number] }>;
}

export interface LabelledSet {
  classes: string[];
  /** The source file's own categories (ids and names as in the file, before any profile). */
  categories: Array<{ id: number; name: string }>;
  pages: LabelledPage[];
  /** Categories of the source file that the profile does not know (dropped). */
  unmapped: string[];
}

/**
 * The source document of a page from its file name: the name without extension and without a trailing
 * `_<page number>` (DocBank `1401.6921.gz_rad-lep-II-2_13.jpg`, PubLayNet `PMC3576793_00004.jpg`). Our own
 * pages are each their own document.
 * @example documentOf('images/PMC3576793_00004.jpg') // 'PMC3576793'
 */
export function documentOf(fileName: string): string {
  const stem = basename(fileName, extname(fileName));
  return stem.replace(/_\d+$/, '');
}

const isFile = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * Where an image of a COCO file may be, in the order tried: an absolute `file_name` as it is; then under each
 * root (`imageRoot` when given, then `images/` beside the COCO file, then the COCO file's folder) the name as
 * written and, when it has folders, its base name alone (a name like `/data/docbank/x.jpg` found under
 * `--image-root`).
 * @example imageCandidates('a/coco.json', 'x.jpg') // ['a/images/x.jpg', 'a/x.jpg']
 */
export function imageCandidates(cocoPath: string, fileName: string, imageRoot?: string): string[] {
  const roots = [...(imageRoot ? [imageRoot] : []), join(dirname(cocoPath), 'images'), dirname(cocoPath)];
  const base = basename(fileName);
  const out = isAbsolute(fileName) ? [fileName] : [];
  for (const root of roots) {
    if (!isAbsolute(fileName)) out.push(join(root, fileName));
    if (base !== fileName) out.push(join(root, base));
  }
  return [...new Set(out)];
}

/**
 * Reads a COCO file into pages in `profile`'s classes (default: the file's own categories). An image's
 * `file_name` may be absolute, or relative to `imageRoot`, to `images/` beside the file or to the file's folder
 * (`imageCandidates`); images not found are one InputError naming them and the paths tried.
 * @example (await loadLabelledSet('output/run/annotations.json', { profile: 'publaynet' })).pages.length
 */
export async function loadLabelledSet(cocoPath: string, opts: { profile?: string | LabelProfile; imageRoot?: string } = {}): Promise<LabelledSet> {
  let coco: CocoGroundTruth = await loadCoco(cocoPath);
  const categories = coco.categories.map((c) => ({ id: c.id, name: c.name }));
  let unmapped: string[] = [];
  if (opts.profile !== undefined) {
    const profile = typeof opts.profile === 'string' ? loadProfile(opts.profile) : opts.profile;
    const r = remapGroundTruth(coco, profile);
    coco = r.coco;
    unmapped = r.unmapped;
  }
  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  const byImage = new Map<number, LabelledPage['boxes']>();
  for (const a of coco.annotations) {
    if (a.iscrowd) continue;
    const list = byImage.get(a.image_id) ?? [];
    list.push({ cls: names.get(a.category_id)!, bbox: [a.bbox[0]!, a.bbox[1]!, a.bbox[2]!, a.bbox[3]!] });
    byImage.set(a.image_id, list);
  }
  const missing: Array<{ file: string; tried: string[] }> = [];
  const pages: LabelledPage[] = coco.images.map((img) => {
    const file = String(img.file_name ?? '');
    const tried = imageCandidates(cocoPath, file, opts.imageRoot);
    const path = file ? tried.find(isFile) : undefined;
    if (path === undefined) missing.push({ file, tried });
    if (!(Number(img.width) > 0 && Number(img.height) > 0)) throw new InputError([{ file: cocoPath, path: `images[id=${img.id}]`, message: 'expected positive width and height' }]);
    return { id: img.id, path: path ?? tried[0]!, width: Number(img.width), height: Number(img.height), doc: documentOf(file), boxes: byImage.get(img.id) ?? [] };
  });
  if (missing.length) {
    const first = missing[0]!;
    const hint = opts.imageRoot ? '' : '; pass --image-root <folder> if the images are elsewhere';
    throw new InputError([
      {
        file: cocoPath,
        path: 'images',
        message: `${missing.length} image file(s) not found, e.g. ${missing.slice(0, 3).map((m) => m.file).join(', ')}; tried for ${first.file}: ${first.tried.join(', ')}${hint}`,
      },
    ]);
  }
  return { classes: coco.categories.map((c) => c.name), categories, pages, unmapped };
}

/** Splits pages by document: about `trainFraction` of the documents (shuffled by `rng`) go to train. */
export function splitByDocument(pages: readonly LabelledPage[], trainFraction: number, rng: Rng): { train: LabelledPage[]; test: LabelledPage[] } {
  const docs = [...new Set(pages.map((p) => p.doc))].sort();
  const shuffled = rng.shuffle(docs);
  const nTrain = Math.max(1, Math.min(docs.length - 1, Math.round(docs.length * trainFraction)));
  const trainDocs = new Set(shuffled.slice(0, nTrain));
  return { train: pages.filter((p) => trainDocs.has(p.doc)), test: pages.filter((p) => !trainDocs.has(p.doc)) };
}

/** A COCO ground truth of some pages (ids kept), for the exact evaluator. */
export function groundTruthOf(pages: readonly LabelledPage[], classes: readonly string[]): CocoGroundTruth {
  const idOf = new Map(classes.map((c, i) => [c, i + 1]));
  let n = 0;
  return {
    images: pages.map((p) => ({ id: p.id, width: p.width, height: p.height, file_name: p.path })),
    categories: classes.map((name, i) => ({ id: i + 1, name })),
    annotations: pages.flatMap((p) =>
      p.boxes.filter((b) => idOf.has(b.cls)).map((b) => ({ id: ++n, image_id: p.id, category_id: idOf.get(b.cls)!, bbox: b.bbox, area: b.bbox[2] * b.bbox[3], iscrowd: 0 })),
    ),
  };
}

/** Detections of a detector on pages, as COCO results for `groundTruthOf(pages, classes)`. */
export function detectionsOf(results: ReadonlyArray<{ page: LabelledPage; dets: ReadonlyArray<{ cls: string; bbox: readonly number[]; score: number }> }>, classes: readonly string[]): CocoDetection[] {
  const idOf = new Map(classes.map((c, i) => [c, i + 1]));
  return results.flatMap(({ page, dets }) => dets.filter((d) => idOf.has(d.cls)).map((d) => ({ image_id: page.id, category_id: idOf.get(d.cls)!, bbox: [...d.bbox], score: d.score })));
}
