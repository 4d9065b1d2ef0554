/**
 * Form and invoice pieces: key-value pairs ("Invoice no.: 2024-0113"), form fields (a label with an underline,
 * a box or a comb of character boxes, blank or filled in) and checkboxes (the box is its own region,
 * Checkbox-Selected or Checkbox-Unselected, beside its label's Text region).
 */
import type { Faker } from '@faker-js/faker';
import { MIN_GAP, num, rect, str, type LayoutBlock } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import { baseline } from '../render/index.js';
import type { KindModule } from './types.js';

/** A plausible (label, value) pair for a genre's forms and invoices. */
export function keyValue(f: Faker, rng: Rng, genre: string): [string, string] {
  const date = () => f.date.between({ from: '2015-01-01', to: '2026-12-31' }).toISOString().slice(0, 10);
  const pairs: Array<() => [string, string]> = genre === 'invoice' || genre === 'receipt'
    ? [
        () => ['Invoice No.', `INV-${f.number.int({ min: 1000, max: 99999 })}`],
        () => ['Date', date()],
        () => ['Due date', date()],
        () => ['Customer ID', f.string.alphanumeric({ length: 8, casing: 'upper' })],
        () => ['VAT No.', `${f.location.countryCode()}${f.number.int({ min: 100000000, max: 999999999 })}`],
        () => ['Order', `#${f.number.int({ min: 10000, max: 999999 })}`],
        () => ['Payment terms', rng.pick(['Net 30', 'Net 14', 'Due on receipt', '2% 10, Net 30'])],
        () => ['Subtotal', `$${f.finance.amount({ min: 50, max: 9000 })}`],
        () => ['Tax', `$${f.finance.amount({ min: 5, max: 900 })}`],
        () => ['Total', `$${f.finance.amount({ min: 60, max: 9900 })}`],
        () => ['IBAN', f.finance.iban().slice(0, 22)],
      ]
    : [
        () => ['Name', f.person.fullName()],
        () => ['Date of birth', date()],
        () => ['Phone', f.phone.number({ style: 'national' })],
        () => ['Email', f.internet.email().toLowerCase()],
        () => ['Address', f.location.streetAddress()],
        () => ['City', f.location.city()],
        () => ['Postcode', f.location.zipCode()],
        () => ['Reference', f.string.alphanumeric({ length: 10, casing: 'upper' })],
        () => ['Department', f.commerce.department()],
        () => ['Employer', f.company.name()],
        () => ['Position', f.person.jobTitle()],
        () => ['Start date', date()],
      ];
  return rng.pick(pairs)();
}

export const keyValues: KindModule = {
  name: 'key_value',
  description: 'A block of key-value pairs ("Date: 2024-03-01"), one Key-Value Region.',
  placement: 'body',
  defaults: {
    pairs: { dist: 'poisson', params: { lambda: 4 }, min: 1, max: 10 },
    layout: { dist: 'categorical', values: ['columns', 'inline'], probs: [0.6, 0.4] },
  },
  parts: {
    key_value: {
      category: 'Key-Value Region',
      fill(b, kit) {
        const n = Number(b.part.pairs ?? 3);
        const seen = new Set<string>();
        const rows: Array<[string, string]> = [];
        for (let k = 0; rows.length < n && k < n * 4; k++) {
          const en = keyValue(kit.f, kit.rng, kit.genre);
          const kv: [string, string] = kit.lang.tag === 'en' ? en : [kit.source.localize(en[0]), kit.source.localize(en[1])];
          if (!seen.has(kv[0])) rows.push(kv), seen.add(kv[0]);
        }
        return { type: 'custom', data: { rows, font: kit.font, bold: kit.boldFont, layout: b.part.layout ?? 'columns', right: b.part.right === true } };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as { rows: Array<[string, string]>; font: string; bold: string; layout: string; right: boolean };
        const w = b.rect.x1 - b.rect.x0;
        ctx.font = d.bold;
        const keyW = Math.max(...d.rows.map(([k]) => ctx.measureText(`${k}:`).width));
        d.rows.forEach(([k, v], i) => {
          const y = baseline(b, i);
          ctx.font = d.bold;
          ctx.fillText(`${k}:`, b.rect.x0 + 1, y);
          ctx.font = d.font;
          const vw = ctx.measureText(v).width;
          const vx = d.layout === 'columns' ? (d.right ? b.rect.x1 - 2 - vw : b.rect.x0 + 1 + keyW + b.style.sizePx) : b.rect.x0 + 1 + ctx.measureText(`${k}: `).width * 1.05;
          if (vx + vw < b.rect.x0 + w) ctx.fillText(v, vx, y);
        });
      },
    },
  },
  units(u, el, i) {
    const pairs = Math.max(1, Math.round(num(el.params, 'pairs', 3)));
    const style = u.g.style(0.95, { spacing: 1.45 });
    const right = str(el.params, 'frame', 'main') === 'head_right' || str(el.params, 'align', 'left') === 'right';
    return [u.fixedUnit('key_value', i, style, pairs * style.lineHeightPx, { pairs, layout: str(el.params, 'layout', 'columns'), right }, u.paraSpace + MIN_GAP, u.paraSpace + MIN_GAP)];
  },
};

export const formField: KindModule = {
  name: 'form_field',
  description: 'Form field: a label and an underline, a box or a comb of character boxes, blank or filled in (Key-Value Region).',
  placement: 'body',
  defaults: {
    style: { dist: 'categorical', values: ['underline', 'box', 'comb'], probs: [0.5, 0.3, 0.2] },
    filled: { dist: 'bernoulli', params: { p: 0.5 } },
    fields: { dist: 'categorical', values: [1, 2, 3], probs: [0.5, 0.35, 0.15] },
  },
  parts: {
    form_field: {
      category: 'Key-Value Region',
      fill(b, kit) {
        const en = keyValue(kit.f, kit.rng, kit.genre);
        const [label, value] = kit.lang.tag === 'en' ? en : [kit.source.localize(en[0]), kit.source.localize(en[1])];
        // A filled value is handwritten, in the page's handwriting family (the layout resolved it for the script).
        const hand = b.part.hand ? kit.fontOf({ family: String(b.part.hand), italic: false, bold: false }) : kit.fontOf({ italic: true });
        return { type: 'custom', data: { label, value: b.part.filled ? value : '', font: kit.font, style: b.part.style ?? 'underline', hand } };
      },
      draw(ctx, b, c) {
        if (c.type !== 'custom') return;
        const d = c.data as { label: string; value: string; font: string; style: string; hand: string };
        const { x0, y0, x1, y1 } = b.rect;
        const y = baseline(b, 0);
        ctx.font = d.font;
        ctx.fillText(`${d.label}:`, x0 + 1, y);
        const fx = x0 + 1 + ctx.measureText(`${d.label}: `).width + 2;
        const fw = x1 - 2 - fx;
        if (fw < 10) return;
        ctx.fillStyle = '#222222';
        if (d.style === 'underline') ctx.fillRect(fx, Math.round(y + b.style.sizePx * 0.25), fw, 1);
        else if (d.style === 'box') ctx.strokeRect(fx + 0.5, y0 + 1.5, fw - 1, y1 - y0 - 3);
        else {
          const cell = Math.max(8, b.style.sizePx * 1.1);
          const n = Math.floor(fw / cell);
          for (let k = 0; k <= n; k++) ctx.fillRect(Math.round(fx + k * cell), Math.round(y - b.style.sizePx * 0.9), 1, Math.round(b.style.sizePx * 1.2));
          ctx.fillRect(fx, Math.round(y + b.style.sizePx * 0.3), n * cell, 1);
        }
        if (d.value) {
          // Filled in by hand or typewriter: a different colour, in the field.
          ctx.fillStyle = '#1d3a8a';
          ctx.font = d.hand;
          if (d.style === 'comb') {
            const cell = Math.max(8, b.style.sizePx * 1.1);
            const chars = [...d.value.toUpperCase()].slice(0, Math.floor(fw / cell));
            chars.forEach((ch, k) => ctx.fillText(ch, fx + k * cell + cell * 0.25, y));
          } else ctx.fillText(d.value, fx + b.style.sizePx * 0.4, y - 1);
        }
      },
    },
  },
  units(u, el, i) {
    const style = u.g.style(1, { spacing: 1.9 });
    const n = Math.max(1, Math.round(num(el.params, 'fields', 1)));
    const gap = Math.max(MIN_GAP, u.lh * 0.3);
    return Array.from({ length: n }, (_, k) => u.fixedUnit('form_field', i, style, style.lineHeightPx, { style: str(el.params, 'style', 'underline'), filled: el.params.filled === true, field: k, hand: u.g.handFamily }, k === 0 ? u.paraSpace + gap : gap, gap));
  },
};

export const checkbox: KindModule = {
  name: 'checkbox',
  description: 'Checkbox options: each box is a Checkbox-Selected or Checkbox-Unselected region beside its label (Text).',
  placement: 'body',
  defaults: {
    options: { dist: 'categorical', values: [2, 3, 4, 5], probs: [0.35, 0.3, 0.2, 0.15] },
    checked_prob: { dist: 'uniform', params: { min: 0.1, max: 0.6 }, round: 2 },
    mark: { dist: 'categorical', values: ['tick', 'cross', 'fill'], probs: [0.5, 0.35, 0.15] },
  },
  parts: {
    checkbox_on: { category: 'Checkbox-Selected', fill: () => ({ type: 'custom', data: {} }), draw: drawBox(true) },
    checkbox_off: { category: 'Checkbox-Unselected', fill: () => ({ type: 'custom', data: {} }), draw: drawBox(false) },
    checkbox_label: {
      category: 'Text',
      fill(b, kit) {
        const label = kit.rng.pick([kit.f.commerce.productAdjective(), kit.f.commerce.department(), kit.f.word.adjective(), kit.rng.pick(['Yes', 'No', 'Other', 'Not applicable', 'Agree', 'Disagree', 'Married', 'Single', 'Full time', 'Part time'])]);
        const words = kit.lang.tag === 'en' ? label.charAt(0).toUpperCase() + label.slice(1) : kit.source.localize(label);
        const w = kit.cache.width(kit.font, words);
        return kit.text([{ words: [words], xs: [0], width: w, justified: false }]);
      },
    },
  },
  units(u, el, i) {
    const style = u.g.style(1, { spacing: 1.6 });
    const n = Math.max(1, Math.round(num(el.params, 'options', 2)));
    const pChecked = num(el.params, 'checked_prob', 0.3);
    const mark = str(el.params, 'mark', 'tick');
    const box = Math.round(style.sizePx * 0.95);
    const gap = Math.max(MIN_GAP, u.lh * 0.2);
    // Which boxes are ticked is decided from the element's parameters and index, so it is in the spec's terms.
    return Array.from({ length: n }, (_, k) => {
      const on = ((i * 31 + k * 17) % 100) / 100 < pChecked;
      return {
        height: style.lineHeightPx,
        spaceBefore: k === 0 ? u.paraSpace + gap : gap,
        spaceAfter: gap,
        element: i,
        place: (x: number, y: number, w: number): LayoutBlock[] => {
          const by = y + (style.lineHeightPx - box) / 2;
          const labelX = x + box + style.sizePx * 0.7;
          return [
            u.block(on ? 'checkbox_on' : 'checkbox_off', i, rect(x, by, box + 1, box + 1), style, { mark }),
            u.block('checkbox_label', i, rect(labelX, y, Math.min(w - (labelX - x), style.sizePx * 16), style.lineHeightPx), style, { option: k }),
          ];
        },
      };
    });
  },
};

function drawBox(on: boolean) {
  return (ctx: Parameters<NonNullable<KindModule['parts'][string]['draw']>>[0], b: LayoutBlock) => {
    const { x0, y0, x1, y1 } = b.rect;
    const s = Math.min(x1 - x0, y1 - y0) - 1;
    ctx.strokeStyle = '#111111';
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, s, s);
    if (!on) return;
    const mark = String(b.part.mark ?? 'tick');
    ctx.lineWidth = Math.max(1.2, s / 8);
    ctx.strokeStyle = '#1d3a8a';
    ctx.beginPath();
    if (mark === 'fill') {
      ctx.fillStyle = '#222222';
      ctx.fillRect(x0 + 3, y0 + 3, s - 5, s - 5);
      return;
    }
    if (mark === 'cross') {
      ctx.moveTo(x0 + 2.5, y0 + 2.5);
      ctx.lineTo(x0 + s - 1.5, y0 + s - 1.5);
      ctx.moveTo(x0 + s - 1.5, y0 + 2.5);
      ctx.lineTo(x0 + 2.5, y0 + s - 1.5);
    } else {
      ctx.moveTo(x0 + s * 0.2, y0 + s * 0.55);
      ctx.lineTo(x0 + s * 0.42, y0 + s * 0.8);
      ctx.lineTo(x0 + s * 0.85, y0 + s * 0.22);
    }
    ctx.stroke();
  };
}
