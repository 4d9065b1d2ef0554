/**
 * Edits of a sampled table that keep it well formed (spans still tile the grid): fewer body rows, one column fewer.
 */
import type { CellSpec, TableSpec } from './spec.js';

function clone(spec: TableSpec): TableSpec {
  return JSON.parse(JSON.stringify(spec)) as TableSpec;
}

/**
 * A copy of `spec` with only its first `rows` body rows (section rows count as body rows); the header and the
 * totals rows are kept, and row spans that crossed the cut are shortened.
 * @example const fits = truncateRows(spec, 3); // header + 3 rows + totals
 */
export function truncateRows(spec: TableSpec, rows: number): TableSpec {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  const keep: boolean[] = [];
  let seen = 0;
  for (const k of spec.rowKinds) {
    if (k === 'header' || k === 'total') keep.push(true);
    else keep.push(seen++ < rows);
  }
  // A section label with no rows under it goes too.
  for (let i = spec.rowKinds.length - 1; i >= 0; i--) {
    const k = spec.rowKinds[i];
    if (k === 'header' || k === 'total' || !keep[i]) continue;
    if (k === 'section') keep[i] = false;
    break;
  }
  if (keep.every(Boolean)) return clone(spec);
  // Old row index -> new row index (or -1).
  const map: number[] = [];
  let next = 0;
  for (const k of keep) map.push(k ? next++ : -1);
  const cells: CellSpec[] = [];
  for (const c of spec.cells) {
    if (!keep[c.row]) continue;
    let span = 0;
    for (let r = c.row; r < c.row + c.rowSpan; r++) if (keep[r]) span++;
    cells.push({ ...c, row: map[c.row]!, rowSpan: span });
  }
  const out = clone(spec);
  out.cells = cells;
  out.rowKinds = spec.rowKinds.filter((_, i) => keep[i]);
  out.nRows = next;
  return out;
}

/** A copy of `spec` without grid column `col`; cells spanning it lose one column, cells only in it go. */
export function dropColumn(spec: TableSpec, col: number): TableSpec {
  const out = clone(spec);
  const cells: CellSpec[] = [];
  for (const c of out.cells) {
    const inside = col >= c.col && col < c.col + c.colSpan;
    if (inside) {
      if (c.colSpan === 1) continue;
      c.colSpan -= 1;
    } else if (c.col > col) c.col -= 1;
    cells.push(c);
  }
  out.cells = cells;
  out.columns.splice(col, 1);
  out.nCols -= 1;
  return out;
}
