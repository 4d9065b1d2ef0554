/**
 * Frames: the areas of a page that hold their own flow. Most pages have one frame (`main`, the text block, flowing
 * through its columns); forms, invoices, résumés and slides place elements at fixed positions: a sidebar, the two
 * header boxes of an invoice, the picture half of a slide. A page's frame layout is the page-level node
 * `frame_layout`; an element goes to the frame its `frame` node names (else `main`).
 *
 * Coordinates are fractions of the text block (inside the margins, below the front matter for `main`).
 */
export interface Frame {
  name: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Tinted background (a résumé's sidebar): a CSS colour, drawn behind the frame. */
  fill?: boolean;
}

export const FRAME_LAYOUTS: Record<string, readonly Frame[]> = {
  /** One text block flowing through its columns. */
  flow: [{ name: 'main', x0: 0, y0: 0, x1: 1, y1: 1 }],
  /** A résumé or report page with a sidebar at the left or right. */
  sidebar_left: [
    { name: 'side', x0: 0, y0: 0, x1: 0.3, y1: 1, fill: true },
    { name: 'main', x0: 0.35, y0: 0, x1: 1, y1: 1 },
  ],
  sidebar_right: [
    { name: 'main', x0: 0, y0: 0, x1: 0.65, y1: 1 },
    { name: 'side', x0: 0.7, y0: 0, x1: 1, y1: 1, fill: true },
  ],
  /** Invoice: sender (logo, address) at the left, the document's facts at the right, then the body. */
  invoice: [
    { name: 'head_left', x0: 0, y0: 0, x1: 0.46, y1: 0.3 },
    { name: 'head_right', x0: 0.54, y0: 0, x1: 1, y1: 0.3 },
    { name: 'main', x0: 0, y0: 0.32, x1: 1, y1: 1 },
  ],
  /** Slide: title over a text half and a picture half. */
  slide_split: [
    { name: 'main', x0: 0, y0: 0, x1: 0.55, y1: 1 },
    { name: 'side', x0: 0.6, y0: 0, x1: 1, y1: 1 },
  ],
};

/** The frames of a layout name (unknown names: one `main` frame). */
export function framesOf(name: string): readonly Frame[] {
  return FRAME_LAYOUTS[name] ?? FRAME_LAYOUTS.flow!;
}
