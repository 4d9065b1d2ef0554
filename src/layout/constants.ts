/**
 * Typographic constants of the layout, in one module that layout and calibration (evaluate/layout-stats/evidence.ts)
 * both import, so a change here moves what `fit` assumes with it.
 *
 * Sizes are multiples of the body font size; spacings are line heights as multiples of a block's own font size.
 */
export const TYPO = {
  /** Captions: 0.9 × body, the body's line spacing. */
  caption: { scale: 0.9 },
  /** Footnotes and page furniture: 0.8 × body, set at 1.2. */
  footnote: { scale: 0.8, spacing: 1.2 },
  furniture: { scale: 0.8, spacing: 1.2 },
  /**
   * Table rows: 0.85 × body, 1.6 apart. Layout reserves `reserve` more height for cell padding and rules, `wrap`
   * more when text cells may wrap, and one more row for a two-level header.
   */
  tableRow: { scale: 0.85, spacing: 1.6, reserve: 0.08, wrap: 0.35 },
  /** Text inside charts and pictures. */
  figureText: { scale: 0.75, spacing: 1.6 },
  /** Displayed formulas: 1.05 × body, 2 line heights per formula line. */
  equation: { scale: 1.05, spacing: 2.0 },
  /** Titles: `size_scale` × body, set at 1.2. */
  title: { spacing: 1.2 },
  /** Abstracts: 0.95 × body. */
  abstract: { scale: 0.95 },
  /** Section headers by level, set at 1.3. */
  sectionHeader: { scales: [1.3, 1.15, 1.0], spacing: 1.3 },
} as const;

/** Smallest empty space kept between two blocks, in pixels, so ink never touches a neighbour's box. */
export const MIN_GAP = 4;

/** Space around blocks, in body line heights. */
export const SPACING = {
  /** Above and below a section header. */
  headerBefore: 0.9,
  headerAfter: 0.35,
  /** Around a float (table, figure) and its caption. */
  float: 0.8,
  /** Around a displayed formula. */
  display: 0.5,
  /** Between list items. */
  listItem: 0.15,
  /** Below a title, below the title block. */
  afterTitle: 0.6,
  afterFront: 1.2,
} as const;

/** Page sizes in millimetres (portrait). */
export const PAGE_SIZES_MM: Record<string, [number, number]> = {
  a4: [210, 297],
  letter: [215.9, 279.4],
  a5: [148, 210],
  legal: [215.9, 355.6],
  /** Thermal receipt paper: 80 mm wide; the height is the receipt's length (node `page_height_mm`). */
  receipt: [80, 200],
  /** A 16:9 slide, 254 × 142.9 mm (10 × 5.625 in). */
  slide: [254, 142.875],
  /** Newspaper: Berliner format. */
  berliner: [315, 470],
  /** Magazine: US trim size. */
  magazine: [210, 276],
};
