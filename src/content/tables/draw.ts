/**
 * Drawing a laid-out table with @napi-rs/canvas: fills, then rules, then text.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { CellBox, TableLayout } from './layout.js';

/**
 * Draws `layout` with its top-left at (x, y), rounded to whole pixels so rules stay crisp.
 * @example drawTable(ctx, block.x0, block.y0, layoutTable(spec, opts));
 */
export function drawTable(ctx: SKRSContext2D, x: number, y: number, layout: TableLayout): void {
  const ox = Math.round(x);
  const oy = Math.round(y);
  ctx.save();
  for (const f of [...layout.fills, ...layout.rules]) {
    ctx.fillStyle = f.colour;
    ctx.fillRect(ox + f.rect.x0, oy + f.rect.y0, f.rect.x1 - f.rect.x0, f.rect.y1 - f.rect.y0);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  if (layout.rtl) ctx.direction = 'rtl';
  let font = '';
  let colour = '';
  for (const c of layout.cells) {
    if (c.lines.length === 0) continue;
    if (c.font !== font) ctx.font = font = c.font;
    if (c.colour !== colour) ctx.fillStyle = colour = c.colour;
    for (const l of c.lines) ctx.fillText(l.text, ox + l.x, oy + l.baseline);
  }
  ctx.restore();
}

/**
 * Draws only the text of one cell (no fills, no rules), at the table's top-left (x, y): for measuring a cell's ink
 * alone, e.g. cell-level boxes on a table whose fills would hide the text from an ink scan.
 * @example drawCellText(ctx, 0, 0, layout.cells[3]!);
 */
export function drawCellText(ctx: SKRSContext2D, x: number, y: number, cell: CellBox): void {
  const ox = Math.round(x);
  const oy = Math.round(y);
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = cell.font;
  ctx.fillStyle = cell.colour;
  for (const l of cell.lines) ctx.fillText(l.text, ox + l.x, oy + l.baseline);
  ctx.restore();
}
