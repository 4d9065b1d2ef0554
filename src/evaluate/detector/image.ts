/**
 * Page images as greyscale pixels.
 */
import sharp from 'sharp';
import { InputError } from '../../errors.js';

/** A decoded page: one byte per pixel, 0 = black, 255 = white, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes a PNG or JPEG file to greyscale pixels with sharp.
 * @example const img = await loadGrey('output/run/images/000001.png'); img.data[0]
 */
export async function loadGrey(path: string): Promise<GreyImage> {
  try {
    const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 channel after greyscale, got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (err) {
    throw new InputError(`cannot decode the page image: ${(err as Error).message}`, path);
  }
}
