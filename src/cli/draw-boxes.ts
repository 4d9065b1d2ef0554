/**
 * `pagesynth draw-boxes`: draws a COCO file's boxes over one of its images, to check labels by eye.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { familyName, registerFonts } from '../render/index.js';
import { InputError } from '../errors.js';
import { imageCandidates } from '../evaluate/dataset.js';

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#808000', '#000075', '#800000', '#aaaaaa'];

export interface DrawBoxesOptions {
  coco: string;
  image: number;
  out: string;
  /** Folder the COCO file_name is relative to, tried first (then images/ beside the COCO file, then its folder; absolute names as they are). */
  imageRoot?: string;
}

interface Coco {
  images: Array<{ id: number; file_name: string; width: number; height: number }>;
  annotations: Array<{ image_id: number; category_id: number; bbox: number[] }>;
  categories: Array<{ id: number; name: string }>;
}

export async function drawBoxesCommand(opts: DrawBoxesOptions): Promise<void> {
  let coco: Coco;
  try {
    coco = JSON.parse(await readFile(opts.coco, 'utf8')) as Coco;
  } catch (err) {
    throw new InputError(`cannot read COCO file: ${(err as Error).message}`, opts.coco);
  }
  const img = coco.images?.find((i) => i.id === opts.image);
  if (!img) throw new InputError([{ file: opts.coco, path: 'images', message: `no image with id ${opts.image}` }]);
  const tried = imageCandidates(opts.coco, String(img.file_name ?? ''), opts.imageRoot);
  let bytes: Buffer | undefined;
  for (const path of img.file_name ? tried : []) bytes ??= await readFile(path).catch(() => undefined);
  if (!bytes) throw new InputError([{ file: opts.coco, path: `images[id=${img.id}]`, message: `image ${img.file_name} not found; tried ${tried.join(', ')}` }]);
  registerFonts();
  const picture = await loadImage(bytes);
  const canvas = createCanvas(picture.width, picture.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(picture, 0, 0);
  const sx = picture.width / img.width;
  const sy = picture.height / img.height;
  const names = new Map(coco.categories.map((c, k) => [c.id, { name: c.name, colour: PALETTE[k % PALETTE.length]! }]));
  ctx.font = `bold ${Math.max(10, Math.round(picture.height / 130))}px "${familyName('liberation-sans')}"`;
  ctx.lineWidth = 2;
  for (const a of coco.annotations.filter((x) => x.image_id === img.id)) {
    const [x = 0, y = 0, w = 0, h = 0] = a.bbox;
    const c = names.get(a.category_id) ?? { name: String(a.category_id), colour: '#000000' };
    ctx.strokeStyle = c.colour;
    ctx.fillStyle = c.colour;
    ctx.strokeRect(x * sx - 1, y * sy - 1, w * sx + 2, h * sy + 2);
    ctx.fillText(c.name, x * sx, Math.max(12, y * sy - 3));
  }
  await writeFile(opts.out, canvas.toBuffer('image/png'));
  process.stdout.write(`pagesynth: drew ${coco.annotations.filter((x) => x.image_id === img.id).length} boxes of image ${img.id} -> ${opts.out}\n`);
}
