/**
 * The plain-JSON shapes of a table: the network's parameters (`TableParams`) and the sampled table (`TableSpec`).
 * A spec holds every cell's text, span, alignment, style and colours; layout and drawing are pure functions of it.
 */

/** Rule styles: full grid, a rule between every row, booktabs (top/mid/bottom), none, an outer box, the header rule only. */
export type TableBorders = 'all' | 'horizontal' | 'booktabs' | 'none' | 'outer' | 'header';
export const TABLE_BORDERS: readonly TableBorders[] = ['all', 'horizontal', 'booktabs', 'none', 'outer', 'header'];

/** Vocabulary families. */
export type TableGenre = 'scientific' | 'report' | 'financial' | 'invoice' | 'receipt' | 'catalog' | 'schedule';
export const TABLE_GENRES: readonly TableGenre[] = ['scientific', 'report', 'financial', 'invoice', 'receipt', 'catalog', 'schedule'];

/** Colour themes (subtle tints; `none` draws no fills). */
export type TableTheme = 'none' | 'grey' | 'blue' | 'green' | 'teal' | 'warm';
export const TABLE_THEMES: readonly TableTheme[] = ['none', 'grey', 'blue', 'green', 'teal', 'warm'];

/**
 * Network parameters of a table. All are optional: a missing one is drawn from the genre's own prior (so a
 * scientific table leans to booktabs and no fills, an invoice to a filled header and a full-width grid).
 */
export interface TableParams {
  /** Body rows (section rows included, header and totals rows excluded), 1..60. */
  rows?: number;
  /** Columns, stub included, 2..12. */
  cols?: number;
  /** Header rows: 0, 1 or 2 (two-level: top cells span groups of columns). */
  header_rows?: number;
  /** A stub column of row labels at the left. */
  row_header?: boolean;
  borders?: TableBorders;
  /** Alternate body rows tinted. */
  zebra?: boolean;
  /** Header cells filled with the theme colour. */
  header_fill?: boolean;
  theme?: TableTheme;
  /** A totals row (or subtotal / tax / total block for invoices and receipts), bold with a rule above. */
  totals?: boolean;
  /** Share of data columns that hold numbers, 0..1. */
  numeric_ratio?: number;
  /** Probability of merged cells: a grouping column with row spans, section rows, spanned body cells. */
  span_prob?: number;
  /** Text cells may hold longer text that wraps to 2-3 lines. */
  wrap?: boolean;
  genre?: TableGenre;
  /** Width available, in ems of the body font (block width / font px): content is chosen to fit. Default 60. */
  width_em?: number;
}

export type CellAlign = 'left' | 'right' | 'center' | 'decimal';
export type CellVAlign = 'top' | 'middle' | 'bottom';
/** What a cell is: a column header, a row label (stub), data, a section label spanning the row, or a totals cell. */
export type CellRole = 'header' | 'stub' | 'body' | 'section' | 'total';
export type RowKind = 'header' | 'body' | 'section' | 'total';

/** One cell of the grid (the top-left slot of its span). */
export interface CellSpec {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Text as drawn; '' for an empty cell. Words are separated by single spaces; layout wraps at spaces only. */
  text: string;
  role: CellRole;
  align: CellAlign;
  valign: CellVAlign;
  bold: boolean;
  italic: boolean;
  /** Background colour, or null for none. */
  fill: string | null;
  /** Text colour. */
  colour: string;
}

export interface ColumnSpec {
  /** 'number' columns never wrap their body cells. */
  kind: 'text' | 'number';
  /** Text cells of this column may wrap. */
  wrap: boolean;
  /** Share of spare width this column takes when the table is stretched. */
  grow: number;
  /** Columns of lowest priority are dropped first when even the narrowest layout is too wide. */
  priority: number;
  /** Where a column's block of decimal-aligned numbers sits: flush right, or centred in the column. */
  blockAlign: 'right' | 'center';
  /** The decimal mark of its numbers ('.' or ','). */
  decimalMark: '.' | ',';
}

export interface TableStyle {
  borders: TableBorders;
  theme: TableTheme;
  /** Colour of the rules. */
  ruleColour: string;
  /** Thin rule width at a 16 px body font (scaled with the font, at least 1 px). */
  ruleWidth: number;
  /** Thick rule width (booktabs top/bottom, the rule under a filled header) at 16 px. */
  thickRuleWidth: number;
  /** Short rules under the spanning top-level header cells (booktabs' \cmidrule). */
  cmidrules: boolean;
  /** A double rule under the totals (accounting). */
  doubleTotalRule: boolean;
  /** Horizontal and vertical cell padding, in ems of the body font. */
  padX: number;
  padY: number;
  /** 0: the table keeps its natural width; 1: it fills the width given; between: in proportion. */
  stretch: number;
}

/** A sampled table: plain JSON, `JSON.parse(JSON.stringify(spec))` equals it. */
export interface TableSpec {
  genre: TableGenre;
  /** Grid size (header and totals rows included). */
  nRows: number;
  nCols: number;
  /** The first `headerRows` grid rows are the header. */
  headerRows: number;
  rowKinds: RowKind[];
  columns: ColumnSpec[];
  /** Every cell, row-major by anchor; their spans cover the grid exactly once. */
  cells: CellSpec[];
  style: TableStyle;
}
