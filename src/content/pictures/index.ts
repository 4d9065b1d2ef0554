/**
 * Procedural pictures for figure regions: photographs, screenshots, diagrams, logos, signatures, stamps,
 * icons, barcodes and QR codes. Everything is generated from the page's `Rng` (nothing is read from disk at
 * draw time). Sample first, then apply: `samplePicture` returns a plain-JSON spec, `drawPicture` is a
 * deterministic function of (rect, spec, font family) and keeps every pixel of ink inside the rect.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { barcodeAspect, drawBarcode, drawQr, qrAspect, sampleBarcode, sampleQr, type BarcodeSpec, type QrSpec } from './codes.js';
import { drawDiagram, sampleDiagram, type DiagramSpec } from './diagram.js';
import { drawIcon, sampleIcon, type IconSpec } from './icon.js';
import { drawLogo, logoAspect, sampleLogo, type LogoSpec } from './logo.js';
import { drawPhoto, samplePhoto, type PhotoSpec } from './photo.js';
import { drawScreenshot, sampleScreenshot, type ScreenshotSpec } from './screenshot.js';
import { drawSignature, sampleSignature, signatureAspect, type SignatureSpec } from './signature.js';
import { drawStamp, sampleStamp, stampAspect, type StampSpec } from './stamp.js';
import { withClip } from './util.js';

export type { BarcodeSpec, BarcodeSymbology, MatrixSymbology, QrSpec } from './codes.js';
export type { DiagramNode, DiagramShape, DiagramSpec } from './diagram.js';
export { ICON_GLYPHS, type IconGlyph, type IconSpec } from './icon.js';
export { LOGO_MARKS, type LogoMark, type LogoSpec } from './logo.js';
export type { LandscapeScene, ObjectScene, PhotoScene, PhotoSpec, PortraitScene, Ridge, TextureScene } from './photo.js';
export type { ScreenshotSpec } from './screenshot.js';
export type { SignatureSpec } from './signature.js';
export type { StampSpec } from './stamp.js';

export type PictureKind = 'photo' | 'screenshot' | 'diagram' | 'logo' | 'signature' | 'stamp' | 'icon' | 'barcode' | 'qrcode';

/** Every picture kind, in a fixed order. */
export const PICTURE_KINDS: readonly PictureKind[] = ['photo', 'screenshot', 'diagram', 'logo', 'signature', 'stamp', 'icon', 'barcode', 'qrcode'];

/** Everything that decides a picture's look, as plain JSON (`JSON.parse(JSON.stringify(spec))` draws the same). */
export type PictureSpec = PhotoSpec | ScreenshotSpec | DiagramSpec | LogoSpec | SignatureSpec | StampSpec | IconSpec | BarcodeSpec | QrSpec;

export interface SamplePictureOptions {
  /** Size of the box the layout has in mind (px); fills photos, screenshots and diagrams to its aspect. */
  width: number;
  height: number;
  /** A source of `n` words or short phrases (e.g. faker in the page's language) for labels and names. */
  text?: (n: number) => string[];
}

/**
 * Samples the spec of one picture of `kind`. Photos, screenshots and diagrams take the aspect of
 * `opts.width x opts.height`; barcodes, QR codes, stamps, signatures, logos and icons have their own
 * (see `pictureAspect`).
 * @example const spec = samplePicture(createRng(7), 'qrcode', { width: 200, height: 200 });
 */
export function samplePicture(rng: Rng, kind: PictureKind, opts: SamplePictureOptions): PictureSpec {
  if (!(opts.width > 0) || !(opts.height > 0)) throw new RangeError(`opts.width and opts.height must be positive, got ${opts.width}x${opts.height}`);
  switch (kind) {
    case 'photo':
      return samplePhoto(rng, opts);
    case 'screenshot':
      return sampleScreenshot(rng, opts);
    case 'diagram':
      return sampleDiagram(rng, opts);
    case 'logo':
      return sampleLogo(rng, opts.text);
    case 'signature':
      return sampleSignature(rng);
    case 'stamp':
      return sampleStamp(rng, opts.text);
    case 'icon':
      return sampleIcon(rng);
    case 'barcode':
      return sampleBarcode(rng);
    case 'qrcode':
      return sampleQr(rng);
    default:
      throw new RangeError(`unknown picture kind "${String(kind)}"; known: ${PICTURE_KINDS.join(', ')}`);
  }
}

/**
 * The natural height / width of a picture, so layout can size its box: the sampled aspect for photos,
 * screenshots and diagrams; 1 for QR codes and icons; the symbol's own for barcodes; the strokes' for
 * signatures; the rotated stamp's; an estimate for logos (the name is measured only when drawn).
 * @example const h = box.width * pictureAspect(spec);
 */
export function pictureAspect(spec: PictureSpec): number {
  switch (spec.kind) {
    case 'photo':
    case 'screenshot':
    case 'diagram':
      return spec.aspect;
    case 'logo':
      return logoAspect(spec);
    case 'signature':
      return signatureAspect(spec);
    case 'stamp':
      return stampAspect(spec);
    case 'icon':
      return 1;
    case 'barcode':
      return barcodeAspect(spec);
    case 'qrcode':
      return qrAspect(spec);
  }
}

/**
 * Draws `spec` into `rect` (clipped to it; kinds with a natural aspect are fitted and centred, so their ink
 * may be smaller than the rect). Returns the ink boxes of the horizontal text lines it drew (diagram labels,
 * logo name and tagline, screenshot text, barcode digits, QR caption), each inside `rect`.
 * `fontFamily` is a registered canvas family name, e.g. "Liberation Sans".
 * @example registerFonts(); const { textRects } = drawPicture(ctx, { x0: 50, y0: 80, x1: 550, y1: 430 }, spec, 'Liberation Sans');
 */
export function drawPicture(ctx: SKRSContext2D, rect: XYXY, spec: PictureSpec, fontFamily: string): { textRects: XYXY[] } {
  if (!(rect.x1 > rect.x0) || !(rect.y1 > rect.y0)) return { textRects: [] };
  const textRects = withClip(ctx, rect, () => {
    switch (spec.kind) {
      case 'photo':
        return drawPhoto(ctx, rect, spec);
      case 'screenshot':
        return drawScreenshot(ctx, rect, spec, fontFamily);
      case 'diagram':
        return drawDiagram(ctx, rect, spec, fontFamily);
      case 'logo':
        return drawLogo(ctx, rect, spec, fontFamily);
      case 'signature':
        return drawSignature(ctx, rect, spec);
      case 'stamp':
        return drawStamp(ctx, rect, spec, fontFamily);
      case 'icon':
        return drawIcon(ctx, rect, spec);
      case 'barcode':
        return drawBarcode(ctx, rect, spec, fontFamily);
      case 'qrcode':
        return drawQr(ctx, rect, spec, fontFamily);
    }
  });
  return { textRects };
}
