/**
 * Pictures other than charts, made procedurally from the page seed (content/pictures): photographs, screenshots and
 * diagrams as floats with captions; logos, signatures, stamps, icons, barcodes and QR codes as fixed-size marks that
 * forms, invoices, receipts and letters place in their frames. All are Picture regions; text drawn inside a diagram,
 * a logo or under a barcode is a `figure_text` sub-region like a chart's.
 */
import { drawPicture, samplePicture, type PictureKind, type PictureSpec } from '../content/pictures/index.js';
import { TYPO, num, str, type UnitContext } from '../layout/index.js';
import { FIGURE_TEXT, type ElementSpec, type XYXY } from '../types.js';
import { caption } from './parts.js';
import type { BlockPart, KindModule } from './types.js';

interface PictureData {
  spec: PictureSpec;
  family: string;
  textRects?: XYXY[];
}

function picturePart(kinds: readonly PictureKind[], fallback: PictureKind): BlockPart {
  return {
    category: 'Picture',
    fill(b, kit) {
      const p = kit.spec.elements[b.element]?.params ?? {};
      const k = (kinds as readonly string[]).includes(String(p.kind)) ? (String(p.kind) as PictureKind) : fallback;
      const spec = samplePicture(kit.rng, k, { width: b.rect.x1 - b.rect.x0, height: b.rect.y1 - b.rect.y0, text: (n) => Array.from({ length: n }, () => kit.f.company.name().split(/[ ,]/)[0]!) });
      const data: PictureData = { spec, family: kit.stackOf(b.style.family) };
      return { type: 'custom', data: data as unknown as Record<string, unknown> };
    },
    draw(ctx, b, c) {
      if (c.type !== 'custom') return;
      const d = c.data as unknown as PictureData;
      d.textRects = drawPicture(ctx, b.rect, d.spec, d.family).textRects;
    },
    subRegions(_b, c) {
      if (c.type !== 'custom') return [];
      return ((c.data as unknown as PictureData).textRects ?? []).map((r) => ({ kind: FIGURE_TEXT, rects: [r] }));
    },
  };
}

const FLOAT_KINDS: readonly PictureKind[] = ['photo', 'screenshot', 'diagram'];

export const picture: KindModule = {
  name: 'picture',
  description: 'Photograph, screenshot or diagram, made procedurally, with a caption (a float).',
  placement: 'body',
  defaults: {
    kind: { dist: 'categorical', values: [...FLOAT_KINDS], probs: [0.5, 0.2, 0.3] },
    aspect: { dist: 'uniform', params: { min: 0.5, max: 1.0 }, round: 2 },
    span: { dist: 'categorical', values: ['column', 'full'], probs: [0.7, 0.3] },
    width_frac: { dist: 'uniform', params: { min: 0.6, max: 1.0 }, round: 2 },
    caption: { dist: 'categorical', values: ['below', 'above', 'none'], probs: [0.65, 0.05, 0.3] },
    caption_lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.6, 0.3, 0.1] },
    wrap: { dist: 'categorical', values: ['none', 'left', 'right'], probs: [0.8, 0.08, 0.12] },
  },
  parts: { caption, picture: picturePart(FLOAT_KINDS, 'photo') },
  units(u, el, i, fullWidth) {
    const p = el.params;
    const style = u.g.style(TYPO.figureText.scale, { family: u.g.headingFamily });
    const side = str(p, 'wrap', 'none');
    // Only in a page's single text block (a frame's width is not known here).
    const flowPage = str(u.g.values, 'frame_layout', 'flow') === 'flow';
    if (!fullWidth && flowPage && (side === 'left' || side === 'right')) {
      // Text wraps around it: the picture takes 40-55 % of the column at one side (width_frac scales it).
      const pw = Math.round(u.g.colWidth * (0.4 + 0.15 * Math.min(1, Math.max(0, (num(p, 'width_frac', 0.8) - 0.6) / 0.4))));
      const unit = u.aspectFloat(el, i, false, 'picture', style, { aspect: 0.7, widthFrac: 0.8 }, { wrap: side }, pw);
      const place = unit.place;
      return [{ ...unit, wrap: { side, width: pw }, place: (x, y, w) => place(side === 'right' ? x + w - pw : x, y, pw) }];
    }
    return [u.aspectFloat(el, i, fullWidth, 'picture', style, { aspect: 0.7, widthFrac: 0.9 }, {})];
  },
};

/** A fixed-size mark: `width_mm` wide (capped at the column), `aspect` high, aligned left, centre or right. */
function markUnits(blockKind: string, aspect: (el: ElementSpec) => number) {
  return (u: UnitContext, el: ElementSpec, i: number) => {
    const wantW = num(el.params, 'width_mm', 40) * u.g.pxPerMm;
    const style = u.g.style(TYPO.figureText.scale, { family: u.g.headingFamily });
    const align = str(el.params, 'align', 'left');
    const h = Math.max(8, Math.round(Math.min(wantW, u.g.width) * aspect(el)));
    const unit = u.fixedUnit(blockKind, i, style, h, {}, u.lh * 0.5, u.lh * 0.5, (w) => Math.min(w, wantW));
    const place = unit.place;
    unit.place = (x, y, w) => {
      const bw = Math.min(w, wantW);
      const dx = align === 'right' ? w - bw : align === 'center' ? (w - bw) / 2 : 0;
      return place(x + dx, y, w);
    };
    // A mark narrower than its column keeps its height (aspect taken at the wanted width).
    return [unit];
  };
}

const mark = (name: string, kinds: readonly PictureKind[], description: string, defaults: KindModule['defaults'], aspect: (el: ElementSpec) => number): KindModule => ({
  name,
  description,
  placement: 'body',
  defaults,
  parts: { [name]: picturePart(kinds, kinds[0]!) },
  units: markUnits(name, aspect),
});

export const logo = mark('logo', ['logo'], 'Company logo: a geometric mark and a name (Picture; the name is figure_text).', {
  width_mm: { dist: 'uniform', params: { min: 25, max: 60 }, round: 0 },
  align: { dist: 'categorical', values: ['left', 'center', 'right'], probs: [0.6, 0.2, 0.2] },
}, () => 0.4);

export const signature = mark('signature', ['signature'], 'Handwritten signature (Picture).', {
  width_mm: { dist: 'uniform', params: { min: 30, max: 60 }, round: 0 },
  align: { dist: 'categorical', values: ['left', 'center', 'right'], probs: [0.5, 0.1, 0.4] },
}, () => 0.38);

export const stamp = mark('stamp', ['stamp'], 'Rubber stamp ("PAID", "RECEIVED", a date), round or rectangular, rotated (Picture).', {
  width_mm: { dist: 'uniform', params: { min: 25, max: 45 }, round: 0 },
  align: { dist: 'categorical', values: ['left', 'center', 'right'], probs: [0.3, 0.3, 0.4] },
}, () => 0.75);

export const barcode = mark('barcode', ['barcode', 'qrcode'], 'Barcode (Code 128, EAN-13, UPC-A, Code 39, PDF417) or QR / Data Matrix / Aztec code (Picture).', {
  kind: { dist: 'categorical', values: ['barcode', 'qrcode'], probs: [0.55, 0.45] },
  width_mm: { dist: 'uniform', params: { min: 18, max: 45 }, round: 0 },
  align: { dist: 'categorical', values: ['left', 'center', 'right'], probs: [0.3, 0.4, 0.3] },
}, (el) => (str(el.params, 'kind', 'barcode') === 'qrcode' ? 1.1 : 0.45));

export const icon = mark('icon', ['icon'], 'Flat pictogram (phone, mail, pin, warning...) (Picture).', {
  width_mm: { dist: 'uniform', params: { min: 6, max: 16 }, round: 0 },
  align: { dist: 'categorical', values: ['left', 'center'], probs: [0.7, 0.3] },
}, () => 1);
