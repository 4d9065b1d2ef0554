/**
 * PageSpec -> positioned blocks. A pure function of the spec: every random choice was made when the spec was
 * sampled. The engine knows mechanisms, not kinds: each element's kind module (kinds/) turns it into flow units or
 * places it in the margins or the front matter. A page has one or more frames (frames.ts); each frame flows its
 * elements in reading order through its columns: text splits across columns (never leaving a single line),
 * section headers stay with what follows, floats shrink to fit or wait for the next column. `placed` lists the
 * elements that made it onto the page; `decorations` are unlabelled marks (column rules, tinted frames, line numbers).
 */
import type { PageSpec, XYXY } from '../types.js';
import { MIN_GAP } from './constants.js';
import { framesOf, type Frame } from './frames.js';
import { bool, num, PageGeometry, str } from './geometry.js';
import type { LayoutKinds } from './kinds.js';
import type { Decoration, LayoutBlock, PageLayout } from './types.js';
import { UnitContext, type FlowUnit } from './units.js';

export interface LayoutOptions {
  /** Pixels per inch; 150 gives A4 at 1240x1754. */
  dpi: number;
  /** The element kinds (kinds/index.ts `defaultKinds`). */
  kinds: LayoutKinds;
}

interface Area {
  x: number;
  y: number;
  w: number;
  bottom: number;
  /** Bottom of the first column (footnotes sit under it). */
  col0Bottom: number;
  columns: number;
  gutter: number;
}

/** Flows units through the columns of an area; returns the blocks placed. */
function flowColumns(units: FlowUnit[], a: Area): LayoutBlock[] {
  const blocks: LayoutBlock[] = [];
  const colW = (a.w - (a.columns - 1) * a.gutter) / a.columns;
  let col = 0;
  let y = a.y;
  let first = true;
  const colX = (c: number) => a.x + c * (colW + a.gutter);
  const colBottom = (c: number) => (c === 0 ? a.col0Bottom : a.bottom);
  const queue = units.slice();
  const deferred: FlowUnit[] = [];
  // A wrapped picture in this column: text beside it is set narrower down to y1 (the column changes: it ends).
  let wrap: { side: 'left' | 'right'; width: number; y1: number; id: number; element: number } | null = null;
  let wrapIds = 0;
  /** Blocks of an element set beside a picture, and the rest of that element: one region (pipeline joins `wrap`). */
  const wrapped = new Map<number, number>();
  const mark = (bs: LayoutBlock[], id: number) => bs.map((b) => ({ ...b, part: { ...b.part, wrap: id } }));
  while (col < a.columns) {
    if (wrap && (y >= wrap.y1 || first)) wrap = null;
    if (!queue.length) {
      // Floats still waiting go to the next column.
      if (!deferred.length) break;
      queue.push(...deferred);
      deferred.length = 0;
      col += 1;
      y = a.y;
      first = true;
      continue;
    }
    const unit = queue.shift()!;
    // A picture that text wraps around: placed at its side, the flow stays where it is.
    if (unit.wrap && !wrap) {
      const yy0 = first ? y : y + unit.spaceBefore;
      if (unit.height <= colBottom(col) - yy0 && queue.some((q) => q.wrappable)) {
        const id = ++wrapIds;
        blocks.push(...unit.place(colX(col), yy0, colW));
        wrap = { side: unit.wrap.side, width: unit.wrap.width + a.gutter * 0.6, y1: yy0 + unit.height + MIN_GAP, id, element: unit.element };
        y = yy0;
        first = false;
        continue;
      }
      // No text to wrap or no room: an ordinary float.
      unit.wrap = undefined;
    }
    // Anything but running text goes below a wrapped picture.
    if (wrap && !unit.wrappable) {
      y = Math.max(y, wrap.y1);
      wrap = null;
    }
    const yy = first ? y : y + unit.spaceBefore;
    const room = colBottom(col) - yy;
    if (wrap && yy < wrap.y1) {
      // Running text beside the picture: narrower, down to the picture's bottom; the rest goes on at full width.
      const w = wrap;
      const nx = w.side === 'left' ? colX(col) + w.width : colX(col);
      const nw = colW - w.width;
      const besideH = w.y1 - yy;
      const head = unit.height <= besideH ? { head: unit, tail: null } : unit.fit?.(Math.min(besideH, room));
      if (head && head.head.height <= room) {
        const placed = head.head.place(nx, yy, nw);
        wrapped.set(unit.element, w.id);
        blocks.push(...mark(placed, w.id));
        y = yy + head.head.height + Math.max(MIN_GAP, head.head.spaceAfter);
        first = false;
        if (head.tail) {
          // The rest of the paragraph under the picture, at full width (the picture ends first).
          y = Math.max(y, w.y1);
          wrap = null;
          queue.unshift(head.tail);
        }
        continue;
      }
      // Too short to split beside the picture: go on under it.
      y = Math.max(y, w.y1);
      wrap = null;
      queue.unshift(unit);
      continue;
    }
    // Keep-with-next: a heading goes to the next column unless its follower (or two lines of it) fits below it.
    let fits = unit.height <= room;
    if (fits && unit.keepWithNext && queue[0] && !first) {
      const nx = queue[0];
      const after = room - unit.height - Math.max(MIN_GAP, unit.spaceAfter) - nx.spaceBefore;
      const fitsAfter = (x: FlowUnit | undefined) => x !== undefined && !x.keepWithNext && (x.height <= after || (x.fit?.(after) ?? null) !== null);
      // A float that does not fit waits for the next column: then what comes after it must go under the heading.
      fits = nx.height <= after || (nx.deferrable ? fitsAfter(queue[1]) : (nx.fit?.(after) ?? null) !== null);
    }
    if (fits) {
      const placedNow = unit.place(colX(col), yy, colW);
      const wid = wrapped.get(unit.element);
      blocks.push(...(wid !== undefined && unit.wrappable ? mark(placedNow, wid) : placedNow));
      if (wid !== undefined) wrapped.delete(unit.element);
      y = yy + unit.height + Math.max(MIN_GAP, unit.spaceAfter);
      first = false;
      continue;
    }
    const split = unit.keepWithNext ? null : unit.fit?.(room);
    if (split) {
      blocks.push(...split.head.place(colX(col), yy, colW));
      if (split.tail) queue.unshift(split.tail);
    } else if (first) {
      // Too tall even for an empty column: drop it rather than overflow.
      continue;
    } else if (unit.deferrable && queue.length) {
      // A float that does not fit waits for the next column; the text after it fills this one.
      deferred.push(unit);
      continue;
    } else {
      queue.unshift(unit);
    }
    queue.unshift(...deferred);
    deferred.length = 0;
    col += 1;
    y = a.y;
    first = true;
  }
  return blocks;
}

/**
 * Lays out a sampled page.
 * @example const page = layoutPage(spec, { dpi: 150, kinds: defaultKinds }); page.blocks.map((b) => b.category)
 */
export function layoutPage(spec: PageSpec, opts: LayoutOptions): PageLayout {
  const kinds = opts.kinds;
  const g = new PageGeometry(spec.values, opts.dpi);
  const u = new UnitContext(g, spec.index, (k) => kinds.categoryOf(k));
  const blocks: LayoutBlock[] = [];
  const decorations: Decoration[] = [];
  const bodyX0 = g.marginX;
  const bodyW = g.width - 2 * g.marginX;
  let top = g.marginTop;
  const bottom = g.height - g.marginBottom;
  const kindOf = (type: string) => kinds.get(type);
  const frames = framesOf(str(spec.values, 'frame_layout', 'flow'));
  const frameNames = new Set(frames.map((f) => f.name));
  const frameOf = (i: number) => {
    const f = str(spec.elements[i]!.params, 'frame', 'main');
    return frameNames.has(f) ? f : 'main';
  };

  // Page furniture in the margins.
  const margin: LayoutBlock[] = [];
  spec.elements.forEach((el, i) => {
    const k = kindOf(el.type);
    if (k.placement === 'margin' && k.margin) margin.push(...k.margin(u, el, i, spec, margin));
  });
  blocks.push(...margin);

  // Front matter of the main frame (title and its authors line) across the full text block.
  spec.elements.forEach((el, i) => {
    const k = kindOf(el.type);
    if (k.placement !== 'front' || !k.front || frameOf(i) !== 'main' || frames.length > 1) return;
    const r = k.front(u, el, i, { x: bodyX0, y: top, w: bodyW, maxY: bottom });
    blocks.push(...r.blocks);
    top += r.height;
  });

  // Footnotes sit at the bottom of the body, full width on one-column pages, under the first column otherwise.
  const footW = g.columns === 1 ? bodyW : g.colWidth;
  let footBottom = bottom;
  const footBlocks: LayoutBlock[] = [];
  const foot = spec.elements.map((el, i) => ({ el, i })).filter(({ el }) => kindOf(el.type).placement === 'foot');
  for (let n = foot.length - 1; n >= 0; n--) {
    const { el, i } = foot[n]!;
    const units = kindOf(el.type).units?.(u, { ...el, params: { ...el.params, mark: n + 1 } }, i, false) ?? [];
    const h = units.reduce((a, x) => a + x.height, 0);
    if (!units.length || footBottom - h < top + (bottom - top) * 0.6) break;
    footBottom -= h;
    let y = footBottom;
    for (const x of units) {
      footBlocks.unshift(...x.place(bodyX0, y, footW));
      y += x.height;
    }
    footBottom -= Math.max(MIN_GAP, units[0]!.spaceBefore);
  }
  const col0Bottom = footBlocks.length ? footBottom - Math.max(MIN_GAP, u.lh * 0.6) : bottom;

  for (const frame of frames) {
    const main = frame.name === 'main';
    const fx = bodyX0 + frame.x0 * bodyW;
    const fw = (frame.x1 - frame.x0) * bodyW;
    const fh = bottom - top;
    let fy = top + frame.y0 * fh;
    const fb = frames.length > 1 ? top + frame.y1 * fh : bottom;
    if (frame.fill) decorations.push({ type: 'fill', rect: { x0: Math.round(fx - g.gutter / 3), y0: Math.round(fy - g.gutter / 3), x1: Math.round(fx + fw + g.gutter / 3), y1: Math.round(fb + g.gutter / 3) }, color: str(spec.values, 'tint_color', '#eef2f6') });
    // Front matter of a frame of a fixed layout (an invoice's title at its head, a slide's title over both halves).
    spec.elements.forEach((el, i) => {
      const k = kindOf(el.type);
      if (frames.length === 1 || k.placement !== 'front' || !k.front || frameOf(i) !== frame.name) return;
      const r = k.front(u, el, i, { x: fx, y: fy, w: fw, maxY: fb });
      blocks.push(...r.blocks);
      fy += r.height;
    });
    const columns = main ? g.columns : 1;
    const flow: FlowUnit[] = [];
    let floatsH = 0;
    const fullW = main && frames.length === 1;
    spec.elements.forEach((el, i) => {
      const k = kindOf(el.type);
      if ((k.placement !== 'body' && k.placement !== 'front-flow') || !k.units || frameOf(i) !== frame.name) return;
      // Full-width floats (span: full on multi-column pages) go to the top of the body, if they take under half of it.
      const wide = fullW && columns > 1 && str(el.params, 'span', 'column') === 'full';
      if (wide) {
        const [w] = k.units(u, el, i, true);
        if (w && (w.deferrable || w.spanning) && floatsH + w.height + w.spaceAfter < ((main ? col0Bottom : fb) - fy) * 0.5) {
          blocks.push(...w.place(fx, fy + floatsH, fw));
          floatsH += w.height + w.spaceAfter;
          return;
        }
      }
      flow.push(...k.units(u, el, i, false));
    });
    fy += floatsH;
    // On a page of several frames, footnotes span the text block: every frame ends above them.
    const bottomOf = frames.length > 1 ? Math.min(fb, col0Bottom) : fb;
    const area: Area = { x: fx, y: fy, w: fw, bottom: bottomOf, col0Bottom: main ? Math.min(fb, col0Bottom) : bottomOf, columns, gutter: g.gutter };
    const placed = flowColumns(flow, area);
    blocks.push(...placed);
    // Rules between the columns of a newspaper-like page, as long as the text they separate.
    if (main && columns > 1 && bool(spec.values, 'column_rules', false) && placed.length) {
      const colW = (fw - (columns - 1) * g.gutter) / columns;
      const y1 = Math.max(...placed.map((b) => b.rect.y1));
      for (let c = 1; c < columns; c++) {
        const x = Math.round(fx + c * colW + (c - 0.5) * g.gutter);
        decorations.push({ type: 'fill', rect: { x0: x, y0: Math.round(fy), x1: x + 1, y1: Math.round(y1) }, color: '#555555' });
      }
    }
  }
  blocks.push(...footBlocks);
  lineNumbers(spec, g, blocks, decorations);
  pageDecorations(spec, g, decorations);

  const kept = blocks.filter((b) => b.rect.x1 > b.rect.x0 && b.rect.y1 > b.rect.y0);
  const placed = [...new Set(kept.map((b) => b.element).filter((e) => e >= 0))].sort((a, b) => a - b);
  const page: PageLayout = { width: g.width, height: g.height, dpi: opts.dpi, blocks: kept, placed, background: str(spec.values, 'paper_color', '#ffffff'), decorations };
  // Right-to-left languages read the page from the right: columns, sidebars, floats and margins mirror.
  return g.language.dir === 'rtl' ? mirrorLayout(page) : page;
}

/**
 * A page laid out left to right, mirrored for a right-to-left language: every block and decoration flips about the
 * page's vertical centre line (the first column is now the rightmost, a left sidebar is on the right, line numbers sit
 * in the right margin, a watermark leans the other way). Block order, and so reading order, is unchanged; the text
 * inside each block is mirrored by content (content/lang/bidi.ts).
 * @example mirrorLayout(page).blocks[0].rect.x1 === page.width - page.blocks[0].rect.x0
 */
export function mirrorLayout(page: PageLayout): PageLayout {
  const W = page.width;
  const flip = (r: XYXY): XYXY => ({ x0: W - r.x1, y0: r.y0, x1: W - r.x0, y1: r.y1 });
  const flipAlign = (a: 'left' | 'right' | 'center') => (a === 'left' ? 'right' : a === 'right' ? 'left' : 'center');
  return {
    ...page,
    blocks: page.blocks.map((b) => ({ ...b, rect: flip(b.rect) })),
    decorations: page.decorations.map((d) => (d.type === 'fill' ? { ...d, rect: flip(d.rect) } : { ...d, x: W - d.x, align: flipAlign(d.align), ...(d.angle ? { angle: -d.angle } : {}) })),
  };
}

/**
 * Page-level decorations, unlabelled as in real datasets: a tinted band behind the running header (node
 * `header_band`), a ruled border around the text block (`page_border`), a large rotated watermark across the page
 * (`watermark`: DRAFT, CONFIDENTIAL, COPY, SAMPLE; `none`).
 */
function pageDecorations(spec: PageSpec, g: PageGeometry, out: Decoration[]): void {
  const v = spec.values;
  const tint = str(v, 'tint_color', '#eef2f6');
  if (bool(v, 'header_band', false)) out.unshift({ type: 'fill', rect: { x0: 0, y0: 0, x1: g.width, y1: Math.round(g.marginTop * 0.8) }, color: tint });
  if (bool(v, 'page_border', false)) {
    const m = Math.round(g.marginX * 0.5);
    const t = Math.round(g.marginTop * 0.5);
    const b = Math.round(g.height - g.marginBottom * 0.3);
    const w = Math.max(1, Math.round(g.dpi / 100));
    const color = g.accent === '#111111' ? '#333333' : g.accent;
    out.push(
      { type: 'fill', rect: { x0: m, y0: t, x1: g.width - m, y1: t + w }, color },
      { type: 'fill', rect: { x0: m, y0: b - w, x1: g.width - m, y1: b }, color },
      { type: 'fill', rect: { x0: m, y0: t, x1: m + w, y1: b }, color },
      { type: 'fill', rect: { x0: g.width - m - w, y0: t, x1: g.width - m, y1: b }, color },
    );
  }
  const mark = str(v, 'watermark', 'none');
  if (mark !== 'none') {
    const sizePx = Math.min(g.width, g.height) / Math.max(4, mark.length * 0.62);
    out.push({ type: 'text', x: g.width / 2, y: g.height / 2 + sizePx * 0.35, text: mark, sizePx, family: 'liberation-sans', color: '#9a9a9a', align: 'center', angle: -Math.atan2(g.height, g.width), alpha: 0.18 });
  }
}

/**
 * Line numbers in the left margin (legal documents, patents), every `line_numbers` body lines (node; 0: none), as
 * unlabelled decoration: real datasets do not box them.
 */
function lineNumbers(spec: PageSpec, g: PageGeometry, blocks: readonly LayoutBlock[], out: Decoration[]): void {
  const every = Math.round(num(spec.values, 'line_numbers', 0));
  if (every <= 0) return;
  const body = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list_item' || b.kind === 'section_header');
  if (!body.length) return;
  const y0 = Math.min(...body.map((b) => b.rect.y0));
  const y1 = Math.max(...body.map((b) => b.rect.y1));
  const lh = g.lineHeight;
  const sizePx = g.fontPx * 0.75;
  const x1 = g.marginX - g.fontPx * 1.2;
  if (x1 < sizePx * 2) return;
  for (let k = every, y = y0 + every * lh; y < y1; k += every, y += every * lh) {
    out.push({ type: 'text', x: x1, y: y - lh * 0.5 + sizePx * 0.35, text: String(k), sizePx, family: g.bodyFamily, color: '#444444', align: 'right' });
  }
  if (bool(spec.values, 'line_numbers_rule', false)) out.push({ type: 'fill', rect: { x0: Math.round(g.marginX - g.fontPx * 0.6), y0: Math.round(y0), x1: Math.round(g.marginX - g.fontPx * 0.6) + 1, y1: Math.round(y1) }, color: '#888888' });
}

/**
 * A rectangle that holds a decoration's ink (text decorations: a generous estimate from the font size), for checks
 * that must tell decoration ink from the ink of labelled regions.
 * @example page.decorations.map(decorationBox)
 */
export function decorationBox(d: Decoration): { x0: number; y0: number; x1: number; y1: number } {
  if (d.type === 'fill') return d.rect;
  if (d.angle) {
    // A rotated watermark: the square around its centre that any rotation of it fits in.
    const r = (d.text.length * d.sizePx * 0.75) / 2 + d.sizePx;
    return { x0: Math.floor(d.x - r), y0: Math.floor(d.y - d.sizePx * 0.35 - r), x1: Math.ceil(d.x + r), y1: Math.ceil(d.y - d.sizePx * 0.35 + r) };
  }
  const w = d.text.length * d.sizePx * 0.75 + 2;
  const x0 = d.align === 'right' ? d.x - w : d.align === 'center' ? d.x - w / 2 : d.x - 2;
  return { x0: Math.floor(x0), y0: Math.floor(d.y - d.sizePx * 1.1), x1: Math.ceil(x0 + w + 2), y1: Math.ceil(d.y + d.sizePx * 0.45) };
}
