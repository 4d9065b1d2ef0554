/**
 * Kinds of reports, magazines, newspapers and manuals: table of contents (Document Index), boxed notes, pull quotes,
 * big numbers, and headlines that span a newspaper's columns.
 */
import { fillLines, titleWords, wrapWords } from '../content/index.js';
import { MIN_GAP, bool, num, str } from '../layout/index.js';
import { baseline, drawText } from '../render/index.js';
import { headingCase } from './section-header.js';
import type { KindModule } from './types.js';

export const toc: KindModule = {
  name: 'toc',
  description: 'Table of contents: numbered entries with dot leaders and page numbers (Document Index).',
  placement: 'body',
  defaults: {
    entries: { dist: 'poisson', params: { lambda: 10 }, min: 4, max: 24 },
    leaders: { dist: 'bernoulli', params: { p: 0.7 } },
  },
  parts: {
    toc: {
      category: 'Document Index',
      fill(b, kit) {
        const n = Number(b.part.entries ?? 8);
        let page = kit.rng.int(1, 5);
        const sec = [0, 0];
        const rows = Array.from({ length: n }, () => {
          const level = sec[0] === 0 || kit.rng.chance(0.55) ? 0 : 1;
          sec[level]! += 1;
          if (level === 0) sec[1] = 0;
          page += kit.rng.int(level ? 0 : 1, 6);
          const num = level === 0 ? `${sec[0]}` : `${sec[0]}.${sec[1]}`;
          return { level, text: `${num}  ${headingCase(titleWords(kit.f, kit.rng.int(1, 5), kit.genre, kit.source), 'title').join(kit.source.spaced ? ' ' : '')}`, page: String(page) };
        });
        return { type: 'custom', data: { rows, font: kit.font, bold: kit.boldFont, leaders: b.part.leaders !== false } };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as { rows: Array<{ level: number; text: string; page: string }>; font: string; bold: string; leaders: boolean };
        const { x0, x1 } = b.rect;
        d.rows.forEach((r, k) => {
          const y = baseline(b, k);
          ctx.font = r.level === 0 ? d.bold : d.font;
          const x = x0 + 1 + r.level * b.style.sizePx * 1.5;
          const pw = ctx.measureText(r.page).width;
          let text = r.text;
          while (text.length > 4 && x + ctx.measureText(text).width > x1 - pw - b.style.sizePx * 2) text = text.slice(0, text.lastIndexOf(' ') > 0 ? text.lastIndexOf(' ') : -1);
          ctx.fillText(text, x, y);
          ctx.fillText(r.page, x1 - 1 - pw, y);
          if (d.leaders) {
            const start = x + ctx.measureText(text).width + b.style.sizePx * 0.5;
            const end = x1 - pw - b.style.sizePx * 0.5;
            ctx.font = d.font;
            const dot = ctx.measureText('. ').width;
            for (let dx = end - dot; dx > start; dx -= dot) ctx.fillText('.', dx, y);
          }
        });
      },
    },
  },
  units(u, el, i) {
    const entries = Math.max(1, Math.round(num(el.params, 'entries', 8)));
    const style = u.g.style(1, { spacing: 1.6 });
    return [u.fixedUnit('toc', i, style, entries * style.lineHeightPx, { entries, leaders: bool(el.params, 'leaders', true) }, u.paraSpace + MIN_GAP, u.paraSpace + MIN_GAP)];
  },
};

const NOTE_LABELS = ['Note:', 'Tip:', 'Important:', 'Warning:', 'Caution:', 'Key point:'];

export const note: KindModule = {
  name: 'note',
  description: 'Boxed note (manuals, reports): a tinted or ruled box with a bold lead-in ("Note:", "Warning:"); one Text region.',
  placement: 'body',
  defaults: {
    lines: { dist: 'categorical', values: [2, 3, 4, 5], probs: [0.3, 0.35, 0.2, 0.15] },
    look: { dist: 'categorical', values: ['tint', 'border', 'bar'], probs: [0.45, 0.3, 0.25] },
  },
  parts: {
    note: {
      category: 'Text',
      fill(b, kit) {
        const pad = Number(b.part.pad ?? 0);
        const picked = kit.rng.pick(NOTE_LABELS);
        const label = kit.lang.tag === 'en' ? picked : `${kit.source.label('notes')}${kit.source.spaced || kit.lang.script === 'thai' ? ':' : '：'}`;
        const pre = kit.prefixOf(label);
        const lines = fillLines(kit.f, kit.cache, kit.font, kit.width - 2 * pad, Number(b.part.lines ?? 3), { indent: pre.width, lastLineFrac: kit.rng.uniform(0.4, 0.95), genre: kit.genre, source: kit.source, text: 'paragraph' });
        const t = kit.text(lines, pre);
        t.lineX = t.lineX.map((x) => x + pad);
        return { type: 'custom', data: { text: t, look: b.part.look ?? 'tint', tint: b.part.tint ?? '#eaf1f8', accent: b.part.accent ?? '#2b5c8a' } };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as { text: Parameters<typeof drawText>[2]; look: string; tint: string; accent: string };
        const { x0, y0, x1, y1 } = b.rect;
        if (d.look === 'tint') {
          ctx.fillStyle = d.tint;
          ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        } else if (d.look === 'border') {
          ctx.strokeStyle = d.accent;
          ctx.lineWidth = 1.5;
          ctx.strokeRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
        } else {
          ctx.fillStyle = d.accent;
          ctx.fillRect(x0, y0, 4, y1 - y0);
        }
        ctx.fillStyle = b.style.color;
        const pad = (b.part.pad as number) ?? 0;
        drawText(ctx, { ...b, rect: { x0, y0: y0 + pad * 0.7, x1, y1 } }, d.text);
      },
    },
  },
  units(u, el, i) {
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 3)));
    const style = u.g.style(0.95);
    const pad = Math.round(style.sizePx * 0.8);
    return [u.fixedUnit('note', i, style, lines * style.lineHeightPx + pad * 1.4, { lines, pad, look: str(el.params, 'look', 'tint'), tint: str(u.g.values, 'tint_color', '#eaf1f8'), accent: u.g.accent === '#111111' ? '#2b5c8a' : u.g.accent }, u.lh * 0.6, u.lh * 0.6)];
  },
};

export const pullQuote: KindModule = {
  name: 'pull_quote',
  description: 'Pull quote (magazines, reports): a short quotation set large, between rules; one Text region.',
  placement: 'body',
  defaults: { lines: { dist: 'categorical', values: [2, 3, 4], probs: [0.4, 0.4, 0.2] } },
  parts: {
    pull_quote: {
      category: 'Text',
      fill(b, kit) {
        // The opening quote is a lead-in on the first line (its width indents that line), the closing one ends the last word.
        const open = { text: '“', font: kit.font, width: kit.cache.width(kit.font, '“') + 1 };
        const lines = fillLines(kit.f, kit.cache, kit.font, kit.width, Number(b.part.lines ?? 3), { indent: open.width, lastLineFrac: kit.rng.uniform(0.4, 0.85), genre: kit.genre, source: kit.source, text: 'paragraph' });
        const last = lines[lines.length - 1];
        if (last && last.words.length) last.words[last.words.length - 1] = `${last.words[last.words.length - 1]}”`;
        return { ...kit.text(lines, open), color: b.style.color };
      },
      draw(ctx, b, c) {
        if (c.type !== 'text') return;
        ctx.fillStyle = b.style.color;
        ctx.fillRect(b.rect.x0, b.rect.y0, b.rect.x1 - b.rect.x0, 2);
        ctx.fillRect(b.rect.x0, b.rect.y1 - 2, b.rect.x1 - b.rect.x0, 2);
        drawText(ctx, { ...b, rect: { ...b.rect, y0: b.rect.y0 + b.style.sizePx * 0.4 } }, c);
      },
    },
  },
  units(u, el, i) {
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 3)));
    const style = u.g.style(1.5, { italic: true, family: u.g.headingFamily, color: u.g.accent, spacing: 1.25, align: 'left' });
    return [u.fixedUnit('pull_quote', i, style, lines * style.lineHeightPx + style.sizePx * 0.9, { lines }, u.lh, u.lh)];
  },
};

export const bigNumber: KindModule = {
  name: 'big_number',
  description: 'Key figure of a report ("42%", "$3.1bn") set very large with a short label under it; one Text region.',
  placement: 'body',
  defaults: { scale: { dist: 'uniform', params: { min: 2.5, max: 4.5 }, round: 1 } },
  parts: {
    big_number: {
      category: 'Text',
      fill(b, kit) {
        const r = kit.rng.next();
        const en = r < 0.3 ? `${kit.rng.int(2, 98)}%` : r < 0.55 ? `$${(kit.rng.uniform(1, 99)).toFixed(1)}${kit.rng.pick(['bn', 'm', 'k'])}` : r < 0.75 ? `${kit.rng.int(2, 950)}` : `+${kit.rng.uniform(0.5, 40).toFixed(1)}%`;
        const value = kit.lang.tag === 'en' ? en : kit.source.localize(en);
        const label = headingCase(titleWords(kit.f, kit.rng.int(2, 5), kit.genre, kit.source), 'sentence').join(kit.source.spaced ? ' ' : '');
        const small = kit.fontOf({ sizePx: b.style.sizePx / Number(b.part.scale ?? 3), bold: false });
        return { type: 'custom', data: { value, label, font: kit.boldFont, small } };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as { value: string; label: string; font: string; small: string };
        ctx.fillStyle = b.style.color;
        ctx.font = d.font;
        ctx.fillText(d.value, b.rect.x0 + 1, b.rect.y0 + b.style.sizePx * 0.95);
        ctx.fillStyle = '#333333';
        ctx.font = d.small;
        const words = d.label;
        ctx.fillText(words, b.rect.x0 + 1, b.rect.y1 - b.style.sizePx / Number(b.part.scale ?? 3) * 0.45);
      },
    },
  },
  units(u, el, i) {
    const scale = Math.max(1.5, num(el.params, 'scale', 3));
    const style = u.g.style(scale, { bold: true, family: u.g.headingFamily, color: u.g.accent });
    const h = style.sizePx * 1.15 + u.g.fontPx * 1.5;
    return [u.fixedUnit('big_number', i, style, h, { scale }, u.lh, u.lh)];
  },
};

export const headline: KindModule = {
  name: 'headline',
  description: 'Headline of a newspaper or magazine article, set large and bold; across the columns when `span: full` (Section-header).',
  placement: 'body',
  defaults: {
    lines: { dist: 'categorical', values: [1, 2, 3], probs: [0.45, 0.4, 0.15] },
    scale: { dist: 'uniform', params: { min: 1.6, max: 3.2 }, round: 1 },
    span: { dist: 'categorical', values: ['column', 'full'], probs: [0.6, 0.4] },
  },
  parts: {
    headline: {
      category: 'Section-header',
      fill(b, kit) {
        const lines = Number(b.part.lines ?? 1);
        let text = kit.source.heading(kit.f, kit.rng, { case: 'title', words: [4, 9] });
        if (lines > 1) text += `${kit.source.spaced ? ' ' : ''}${kit.source.heading(kit.f, kit.rng, { case: 'sentence', words: [3, 7] }).toLocaleLowerCase(kit.lang.intl)}`;
        const words = kit.source.tokens(text);
        const wrapped = wrapWords(words, kit.width, kit.font, kit.cache, { maxLines: lines, spaced: kit.source.spaced }).lines;
        return kit.text(wrapped);
      },
    },
  },
  units(u, el, i, fullWidth) {
    const lines = Math.max(1, Math.round(num(el.params, 'lines', 2)));
    const scale = Math.max(1.2, num(el.params, 'scale', 2)) * (fullWidth ? 1.3 : 1);
    const style = u.g.style(scale, { bold: true, family: u.g.headingFamily, spacing: 1.12, color: u.g.accent });
    const unit = u.fixedUnit('headline', i, style, lines * style.lineHeightPx, { lines }, u.lh * 0.8, u.lh * 0.5);
    unit.keepWithNext = !fullWidth;
    unit.spanning = fullWidth;
    return [unit];
  },
};
