/**
 * Sampling a table: the genre picks the vocabulary (a plan of columns and row labels), then one assembler turns
 * the plan into a grid of cells with spans, alignment, fills and rules. Every random choice comes from the rng.
 */
import type { Faker } from '@faker-js/faker';
import type { Rng } from '../../random/index.js';
import {
  TABLE_BORDERS,
  TABLE_GENRES,
  TABLE_THEMES,
  type CellAlign,
  type CellSpec,
  type ColumnSpec,
  type RowKind,
  type TableBorders,
  type TableGenre,
  type TableParams,
  type TableSpec,
  type TableTheme,
} from './spec.js';
import * as V from './vocab.js';

// ---------------------------------------------------------------------------------------------------------------
// Plans: what the genres produce

type Agg = 'sum' | 'mean' | 'none';

interface ColPlan {
  head: string;
  /** Top-level header over a run of columns (two header rows), or null. */
  group: string | null;
  kind: 'text' | 'number';
  wrap: boolean;
  grow: number;
  priority: number;
  /** One value per body row. */
  values: string[];
  nums: number[] | null;
  fmt: ((v: number) => string) | null;
  agg: Agg;
  better: 'max' | 'min' | null;
  align: CellAlign;
  headAlign: CellAlign;
  mark: '.' | ',';
}

interface TotalRow {
  label: string;
  /** Per data column (block mode: only the last is used). */
  values: string[];
  bold: boolean;
}

interface Plan {
  stubHead: string;
  stub: string[];
  stubWrap: boolean;
  groupHead: string;
  groupLabels: string[];
  cols: ColPlan[];
  /** 'columns': one row with the stub label and per-column totals; 'block': label spanning all but the last column. */
  totalsMode: 'columns' | 'block';
  totals: TotalRow[];
  /** Spanned body cells show this (e.g. '—'). */
  mergedText: readonly string[];
  /** Section rows rather than a grouping column when the rows are grouped. */
  preferSections: boolean;
}

interface Ctx {
  rng: Rng;
  f: Faker;
  n: number;
  nData: number;
  hr: number;
  ratio: number;
  wrap: boolean;
  totals: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

interface NumFmt {
  dec: number;
  sep?: boolean;
  mark?: '.' | ',';
  prefix?: string;
  suffix?: string;
  parens?: boolean;
  plus?: boolean;
}

function fmtNum(v: number, o: NumFmt): string {
  const mark = o.mark ?? '.';
  const group = mark === ',' ? '.' : ',';
  const neg = v < 0 && Number(Math.abs(v).toFixed(o.dec)) !== 0;
  const [ip, fp] = Math.abs(v).toFixed(o.dec).split('.') as [string, string | undefined];
  const int = o.sep ? ip.replace(/\B(?=(\d{3})+(?!\d))/g, group) : ip;
  const body = `${o.prefix ?? ''}${int}${fp !== undefined ? mark + fp : ''}${o.suffix ?? ''}`;
  if (neg) return o.parens ? `(${body})` : `-${body}`;
  return o.plus && v > 0 ? `+${body}` : body;
}

function numCol(head: string, nums: number[], f: NumFmt, agg: Agg, better: 'max' | 'min' | null = null): ColPlan {
  const fmt = (v: number) => fmtNum(v, f);
  return {
    head,
    group: null,
    kind: 'number',
    wrap: false,
    grow: 1,
    priority: 5,
    values: nums.map(fmt),
    nums,
    fmt,
    agg,
    better,
    align: 'decimal',
    headAlign: 'right',
    mark: f.mark ?? '.',
  };
}

function textCol(head: string, values: string[], wrap: boolean, grow = 2, align: CellAlign = 'left'): ColPlan {
  return { head, group: null, kind: 'text', wrap, grow, priority: 4, values, nums: null, fmt: null, agg: 'none', better: null, align, headAlign: align === 'decimal' ? 'right' : align, mark: '.' };
}

function unique(rng: Rng, n: number, gen: () => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const s = gen();
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  for (let k = 2; out.length < n; k++) out.push(`${out[out.length % Math.max(1, seen.size)] ?? 'Item'} ${k}`);
  void rng;
  return out;
}

function fromList(rng: Rng, list: readonly string[], n: number): string[] {
  const s = rng.shuffle(list);
  const out = s.slice(0, n);
  for (let k = 2; out.length < n; k++) for (const x of s) if (out.length < n) out.push(`${x} ${k}`);
  return out;
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
}

function shortName(f: Faker): string {
  return `${f.person.firstName().charAt(0)}. ${f.person.lastName()}`;
}

function clip(s: string, words: number): string {
  return s.split(/\s+/).slice(0, words).join(' ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentenceCase(f: Faker, rng: Rng, min: number, max: number): string {
  const s = rng.chance(0.5) ? f.company.catchPhrase() : capitalise(f.company.buzzPhrase());
  const extra = rng.int(min, max) - s.split(' ').length;
  return extra > 0 ? `${s} ${f.word.words(extra)}` : s;
}

function textValues(c: Ctx, head: string): ColPlan {
  const { rng, f, n } = c;
  switch (head) {
    case 'Manager':
      return textCol(head, Array.from({ length: n }, () => shortName(f)), false, 1);
    case 'Status':
      return textCol(head, Array.from({ length: n }, () => rng.pick(V.STATUSES)), false, 1);
    case 'Headquarters':
      return textCol(head, Array.from({ length: n }, () => f.location.city()), c.wrap, 1);
    case 'Comments':
    case 'Notes':
      return textCol(head, Array.from({ length: n }, () => (rng.chance(0.15) ? '—' : sentenceCase(f, rng, c.wrap ? 4 : 2, c.wrap ? 9 : 4))), true, 4);
    default:
      return textCol(head, Array.from({ length: n }, () => f.word.adjective()), false, 1);
  }
}

function splitCount(c: Ctx, ratio: number): [number, number] {
  let nNum = Math.round(c.nData * ratio);
  if (c.nData >= 1 && ratio > 0) nNum = Math.max(1, nNum);
  nNum = Math.min(c.nData, nNum);
  return [c.nData - nNum, nNum];
}

// ---------------------------------------------------------------------------------------------------------------
// Genres

function scientific(c: Ctx): Plan {
  const { rng, n } = c;
  const [nText, nNum] = splitCount(c, c.ratio);
  const quality = Array.from({ length: n }, () => rng.next());
  const ours = rng.chance(0.6);
  if (ours && n > 1) quality[n - 1] = 1.05;
  const stub = fromList(rng, V.METHODS, n);
  if (ours && n > 1) stub[n - 1] = rng.pick(V.OURS);
  const cols: ColPlan[] = [];
  for (const [head, vals] of rng.shuffle(V.SCI_TEXT_COLS).slice(0, nText)) {
    cols.push(textCol(head, Array.from({ length: n }, () => rng.pick(vals)), false, 1));
  }
  const pm = rng.chance(0.2);
  const metrics = rng.shuffle(V.METRICS);
  const datasets = rng.shuffle(V.DATASETS);
  const metricCol = (m: (typeof V.METRICS)[number], seedShift: number): ColPlan => {
    const [name, lo, hi, dec, up] = m;
    const nums = quality.map((q) => {
      const t = Math.min(1, Math.max(0, 0.25 + 0.6 * q + rng.uniform(-0.12, 0.12) + seedShift));
      return up ? lo + (hi - lo) * t : hi - (hi - lo) * t;
    });
    const col = numCol(name, nums, { dec }, 'mean', up ? 'max' : 'min');
    if (pm) col.values = nums.map((v) => `${v.toFixed(dec)} ± ${((hi - lo) * rng.uniform(0.003, 0.03)).toFixed(dec)}`);
    col.headAlign = 'center';
    return col;
  };
  const grouped = c.hr === 2 && nNum >= 2;
  if (grouped) {
    const m = nNum >= 4 ? rng.int(2, 3) : 2;
    for (let k = 0; k < nNum; k++) {
      const col = metricCol(metrics[k % m]!, rng.uniform(-0.1, 0.1));
      col.group = datasets[Math.floor(k / m) % datasets.length]!;
      cols.push(col);
    }
  } else if (rng.chance(0.5)) {
    const m = metrics[0]!;
    for (let k = 0; k < nNum; k++) {
      const col = metricCol(m, rng.uniform(-0.15, 0.1));
      col.head = datasets[k % datasets.length]!;
      cols.push(col);
    }
  } else for (let k = 0; k < nNum; k++) cols.push(metricCol(metrics[k % metrics.length]!, 0));
  const bold = rng.chance(0.7);
  if (bold) for (const col of cols) col.priority = col.kind === 'number' ? 5 : 3;
  return {
    stubHead: rng.pick(['Method', 'Model', 'Approach', 'Algorithm', 'System', 'Baseline']),
    stub,
    stubWrap: false,
    groupHead: rng.pick(['Type', 'Category', 'Setting', 'Family']),
    groupLabels: rng.shuffle(V.SCI_GROUPS),
    cols,
    totalsMode: 'columns',
    totals: [{ label: rng.pick(['Average', 'Mean', 'Avg.']), values: [], bold: true }],
    mergedText: ['—', 'n/a', 'OOM', 'N/A', '–'],
    preferSections: rng.chance(0.6),
  };
}

function report(c: Ctx): Plan {
  const { rng, f, n } = c;
  const kind = rng.int(0, 4);
  const [stubHead, stub] = ((): [string, string[]] => {
    switch (kind) {
      case 0:
        return ['Country', unique(rng, n, () => f.location.country()).filter((s) => s.length < 22).concat(unique(rng, n, () => f.location.country())).slice(0, n)];
      case 1:
        return ['Region', fromList(rng, V.REGIONS, n)];
      case 2:
        return ['State', unique(rng, n, () => f.location.state())];
      case 3:
        return ['Division', fromList(rng, V.DIVISIONS, n)];
      default:
        return [rng.pick(['Department', 'Category', 'Product line']), unique(rng, n, () => f.commerce.department())];
    }
  })();
  const [nText, nNum] = splitCount(c, c.ratio);
  const cols: ColPlan[] = [];
  for (const head of rng.shuffle(['Manager', 'Status', 'Headquarters', 'Comments']).slice(0, nText)) cols.push(textValues(c, head));
  const scale = Array.from({ length: n }, () => logUniform(rng, 80, 40000));
  const money: NumFmt = { dec: rng.pick([0, 0, 1, 2]), sep: true, prefix: rng.chance(0.25) ? '$' : '' };
  const measureCol = (name: string, kind: 'money' | 'int' | 'pct' | 'growth', t: number): ColPlan => {
    switch (kind) {
      case 'money':
        return numCol(name, scale.map((s) => s * (1 + 0.08 * t) * rng.uniform(0.85, 1.15)), money, 'sum');
      case 'int':
        return numCol(name, scale.map((s) => Math.round(s * rng.uniform(0.3, 3))), { dec: 0, sep: true }, 'sum');
      case 'pct':
        return numCol(name, scale.map(() => rng.uniform(2, 60)), { dec: 1, suffix: rng.chance(0.4) ? '%' : '' }, 'mean');
      default:
        return numCol(name, scale.map(() => rng.uniform(-15, 25)), { dec: 1, plus: rng.chance(0.4), suffix: rng.chance(0.4) ? '%' : '' }, 'mean');
    }
  };
  const year0 = rng.int(2014, 2024 - Math.max(1, nNum));
  const mode = rng.int(0, 2);
  if (mode === 0) {
    // a time series: years, or quarters grouped by year
    const [mName, mKind] = rng.pick(V.REPORT_MEASURES.filter((m) => m[1] === 'money' || m[1] === 'int'));
    const quarters = c.hr === 2 && nNum >= 3 && rng.chance(0.7);
    const fiscal = rng.chance(0.25);
    for (let k = 0; k < nNum; k++) {
      const col = measureCol(mName, mKind, k);
      if (quarters) {
        const per = nNum >= 4 ? 4 : 2;
        col.head = per === 4 ? `Q${(k % 4) + 1}` : `H${(k % 2) + 1}`;
        col.group = String(year0 + Math.floor(k / per));
      } else {
        col.head = fiscal ? `FY${String(year0 + k).slice(2)}` : String(year0 + k);
        if (c.hr === 2) col.group = mName;
      }
      cols.push(col);
    }
  } else {
    const measures = rng.shuffle(V.REPORT_MEASURES);
    const years = c.hr === 2 && nNum >= 4 ? rng.int(2, Math.min(3, Math.floor(nNum / 2))) : 1;
    const per = Math.ceil(nNum / years);
    for (let k = 0; k < nNum; k++) {
      const yi = mode === 1 ? Math.floor(k / per) : k % years;
      const mi = mode === 1 ? k % per : Math.floor(k / years);
      const [name, kind] = measures[mi % measures.length]!;
      const col = measureCol(name, kind, yi);
      if (years > 1) {
        if (mode === 1) col.group = String(year0 + yi);
        else {
          col.group = name;
          col.head = String(year0 + yi);
        }
      }
      cols.push(col);
    }
  }
  return {
    stubHead,
    stub,
    stubWrap: c.wrap,
    groupHead: kind === 0 || kind === 2 ? 'Region' : 'Segment',
    groupLabels: rng.shuffle(kind === 0 || kind === 2 ? V.REGIONS : V.DIVISIONS),
    cols,
    totalsMode: 'columns',
    totals: [{ label: rng.pick(['Total', 'Total', 'All regions', 'Grand total']), values: [], bold: true }],
    mergedText: ['—', 'n/a', 'Not reported', 'Included above'],
    preferSections: rng.chance(0.5),
  };
}

function financial(c: Ctx): Plan {
  const { rng, n } = c;
  const sections = rng.shuffle(V.FIN_SECTIONS);
  const stub: string[] = [];
  const groupLabels: string[] = [];
  for (const [name, items] of sections) {
    groupLabels.push(name);
    for (const it of rng.shuffle(items)) if (stub.length < n) stub.push(it);
  }
  while (stub.length < n) stub.push(`Other item ${stub.length}`);
  const [, nNum0] = splitCount(c, Math.max(c.ratio, 0.7));
  const note = c.nData - nNum0 > 0 || (c.nData >= 4 && rng.chance(0.3));
  const nNum = note ? Math.max(1, c.nData - 1) : c.nData;
  const change = nNum >= 3 && rng.chance(0.4);
  const nYears = change ? nNum - 1 : nNum;
  const year1 = rng.int(2016, 2025);
  const unitsHead = rng.pick(V.FIN_UNITS);
  const fmt: NumFmt = { dec: rng.pick([0, 0, 1]), sep: true, parens: rng.chance(0.7), prefix: !unitsHead.includes('€') && rng.chance(0.2) ? '$' : '' };
  const scale = stub.map(() => logUniform(rng, 50, 90000));
  const sign = stub.map(() => (rng.chance(0.25) ? -1 : 1));
  const cols: ColPlan[] = [];
  if (note) cols.push({ ...textCol('Note', stub.map(() => (rng.chance(0.5) ? String(rng.int(2, 24)) : '')), false, 0, 'center'), priority: 1 });
  const period = rng.pick(['Year ended December 31', 'Fiscal year', 'Three months ended June 30', 'As of March 31', 'Six months ended']);
  const yearCols: ColPlan[] = [];
  for (let k = 0; k < nYears; k++) {
    const nums = scale.map((s, i) => (rng.chance(0.04) ? 0 : sign[i]! * s * (1 - 0.07 * k) * rng.uniform(0.9, 1.1)));
    const col = numCol(String(year1 - k), nums, fmt, 'sum');
    col.values = nums.map((v) => (v === 0 ? '—' : fmtNum(v, fmt)));
    col.headAlign = rng.chance(0.7) ? 'right' : 'center';
    if (c.hr === 2) col.group = period;
    yearCols.push(col);
    cols.push(col);
  }
  if (change) {
    const a = yearCols[0]!.nums!;
    const b = yearCols[1]!.nums!;
    const nums = a.map((v, i) => (b[i] ? (100 * (v - b[i]!)) / Math.abs(b[i]!) : 0));
    cols.push(numCol(rng.pick(['Change (%)', '% change', 'Change']), nums, { dec: 1, parens: fmt.parens, suffix: rng.chance(0.5) ? '%' : '' }, 'none'));
  }
  return {
    stubHead: unitsHead,
    stub,
    stubWrap: c.wrap,
    groupHead: '',
    groupLabels,
    cols,
    totalsMode: 'columns',
    totals: [{ label: rng.pick(['Total', 'Net income', 'Total assets', 'Net cash provided', sections[0]![2]]), values: [], bold: true }],
    mergedText: ['—'],
    preferSections: true,
  };
}

function invoiceLike(c: Ctx, receipt: boolean): Plan {
  const { rng, f, n } = c;
  const european = rng.chance(receipt ? 0.1 : 0.2);
  const mark: '.' | ',' = european ? ',' : '.';
  const cur = european ? { suffix: ' €' } : rng.chance(0.4) ? { prefix: '$' } : {};
  const money: NumFmt = { dec: 2, sep: true, mark, ...cur };
  const plain: NumFmt = { dec: 2, sep: true, mark };
  const desc = Array.from({ length: n }, () => {
    if (receipt) return '';
    if (rng.chance(0.2)) return `${rng.pick(V.SERVICES)}${c.wrap ? ` – ${f.company.buzzPhrase()}` : ''}`;
    const p = f.commerce.productName();
    return c.wrap && rng.chance(0.7) ? `${p}, ${f.commerce.productMaterial().toLowerCase()}, ${f.color.human()}${rng.chance(0.5) ? `, size ${rng.pick(['S', 'M', 'L', 'XL'])}` : ''}` : p;
  });
  if (receipt) unique(rng, n, () => (rng.chance(0.6) ? rng.pick(V.GROCERIES) : f.commerce.product())).forEach((d, i) => (desc[i] = d));
  const qty = desc.map(() => (rng.chance(0.15) ? rng.int(1, 16) / 2 : rng.int(1, receipt ? 4 : 40)));
  const price = desc.map(() => logUniform(rng, receipt ? 0.5 : 4, receipt ? 30 : 2500));
  const amount = qty.map((q, i) => q * price[i]!);
  const qtyCol = numCol(rng.pick(['Qty', 'Qty.', 'Quantity', 'Units']), qty, { dec: 0 }, 'none');
  qtyCol.values = qty.map((q) => (Number.isInteger(q) ? String(q) : fmtNum(q, { dec: 1, mark })));
  qtyCol.align = rng.chance(0.5) ? 'center' : 'right';
  qtyCol.headAlign = qtyCol.align;
  qtyCol.priority = 6;
  const priceCol = numCol(rng.pick(['Unit price', 'Price', 'Rate', 'Unit cost']), price, rng.chance(0.5) ? money : plain, 'none');
  priceCol.priority = 4;
  const amountCol = numCol(rng.pick(['Amount', 'Total', 'Line total', european ? 'Betrag' : 'Amount']), amount, money, 'sum');
  amountCol.priority = 9;
  const optional: ColPlan[] = [];
  optional.push({ ...numCol(rng.pick(['Disc.', 'Discount']), desc.map(() => rng.pick([0, 0, 5, 10, 15])), { dec: 0, suffix: '%' }, 'none'), priority: 2 });
  optional.push({ ...textCol(rng.pick(['Item code', 'SKU', 'Code', 'Ref.']), desc.map(() => f.string.alphanumeric({ length: rng.int(5, 8), casing: 'upper' })), false, 0), priority: 1 });
  optional.push({ ...textCol('Unit', desc.map(() => rng.pick(V.UNITS)), false, 0, 'center'), priority: 2 });
  const tax = rng.pick([5, 7, 8, 10, 19, 20]);
  optional.push({ ...numCol(rng.pick(['Tax', 'VAT', 'Tax %']), desc.map(() => tax), { dec: 0, suffix: '%' }, 'none'), priority: 1 });
  // Description, Qty, Unit price, Amount, then the optional ones in a realistic order.
  const core = receipt ? (c.nData >= 2 ? [qtyCol, amountCol] : [amountCol]) : c.nData >= 3 ? [qtyCol, priceCol, amountCol] : c.nData === 2 ? [qtyCol, amountCol] : [amountCol];
  if (receipt && c.nData >= 3) core.splice(1, 0, priceCol);
  const extra = rng.shuffle(optional).slice(0, Math.max(0, c.nData - core.length));
  const order = (p: ColPlan) => (p === qtyCol ? 2 : p.head === 'Unit' ? 3 : p === priceCol ? 4 : p === amountCol ? 6 : p.kind === 'text' ? 1 : 5);
  const cols = [...core, ...extra].sort((a, b) => order(a) - order(b));
  const sub = amount.reduce((a, x) => a + x, 0);
  const taxAmt = (sub * tax) / 100;
  const totals: TotalRow[] = [{ label: 'Subtotal', values: [fmtNum(sub, money)], bold: false }];
  if (rng.chance(0.8)) totals.push({ label: `${european ? 'VAT' : rng.pick(['Tax', 'Sales tax', 'VAT'])} (${tax}%)`, values: [fmtNum(taxAmt, money)], bold: false });
  const ship = !receipt && rng.chance(0.3) ? rng.int(5, 60) : 0;
  if (ship) totals.push({ label: rng.pick(['Shipping', 'Freight', 'Delivery']), values: [fmtNum(ship, money)], bold: false });
  totals.push({ label: rng.pick(receipt ? ['Total', 'TOTAL', 'Total due'] : ['Total', 'Total due', 'Balance due', 'Grand total']), values: [fmtNum(sub + taxAmt + ship, money)], bold: true });
  if (receipt && rng.chance(0.4)) {
    const paid = Math.ceil((sub + taxAmt) / 10) * 10;
    totals.push({ label: 'Cash', values: [fmtNum(paid, money)], bold: false }, { label: 'Change', values: [fmtNum(paid - sub - taxAmt, money)], bold: false });
  }
  return {
    stubHead: receipt ? rng.pick(['Item', 'Description', 'Article']) : rng.pick(['Description', 'Item', 'Product', 'Item description', 'Service']),
    stub: desc,
    stubWrap: true,
    groupHead: '',
    groupLabels: [],
    cols,
    totalsMode: 'block',
    totals,
    mergedText: [],
    preferSections: true,
  };
}

function catalog(c: Ctx): Plan {
  const { rng, f, n } = c;
  const [nText, nNum] = splitCount(c, c.ratio);
  const stub = unique(rng, n, () => (c.wrap ? f.commerce.productName() : f.commerce.product()));
  const textPool: ColPlan[] = [
    { ...textCol('SKU', stub.map(() => f.string.alphanumeric({ length: 7, casing: 'upper' })), false, 0), priority: 2 },
    textCol('Material', stub.map(() => f.commerce.productMaterial()), false, 1),
    textCol(rng.pick(['Colour', 'Color', 'Finish']), stub.map(() => capitalise(f.color.human())), false, 1),
    textCol('Category', stub.map(() => f.commerce.department()), false, 1),
    // No-break spaces: a measurement never wraps between its number and its unit.
    textCol('Dimensions', stub.map(() => `${rng.int(5, 120)}\u00a0×\u00a0${rng.int(5, 80)}${rng.chance(0.4) ? `\u00a0×\u00a0${rng.int(2, 60)}` : ''}\u00a0cm`), false, 1, 'center'),
    textCol('Description', stub.map(() => clip(f.commerce.productDescription(), c.wrap ? rng.int(6, 12) : rng.int(3, 5))), true, 5),
    textCol('Availability', stub.map(() => rng.pick(['In stock', 'In stock', 'Backorder', 'Discontinued', '2-3 weeks', 'Pre-order'])), false, 1),
  ];
  const numPool: ColPlan[] = [
    numCol(rng.pick(['Price', 'Price ($)', 'Unit price']), stub.map(() => logUniform(rng, 2, 900)), { dec: 2, sep: true, prefix: rng.chance(0.5) ? '$' : '' }, 'none'),
    numCol(rng.pick(['Weight', 'Net weight']), stub.map(() => logUniform(rng, 0.1, 60)), { dec: rng.int(1, 2), suffix: ' kg' }, 'sum'),
    numCol(rng.pick(['Stock', 'In stock', 'Qty on hand']), stub.map(() => rng.int(0, 2500)), { dec: 0, sep: true }, 'sum'),
    numCol('Rating', stub.map(() => rng.uniform(2.5, 5)), { dec: 1 }, 'mean'),
    numCol(rng.pick(['Discount', 'Disc.']), stub.map(() => rng.pick([0, 5, 10, 12.5, 15, 20, 25])), { dec: 1, suffix: '%' }, 'none'),
    numCol(rng.pick(['Volume', 'Capacity']), stub.map(() => logUniform(rng, 0.2, 40)), { dec: 2, suffix: ' l' }, 'none'),
  ];
  let cols = [...rng.shuffle(textPool).slice(0, nText), ...rng.shuffle(numPool).slice(0, nNum)];
  if (c.hr === 2) {
    // Two-level header: columns gathered under 'Details', 'Specifications', 'Pricing' and 'Inventory'.
    const groups = ['Details', rng.pick(['Specifications', 'Dimensions', 'Physical']), rng.pick(['Pricing', 'Price', 'Commercial']), rng.pick(['Inventory', 'Availability', 'Stock'])];
    const groupOf = (cp: ColPlan): number =>
      cp.kind === 'text' ? (/Dimensions|Material|Colou?r|Finish/.test(cp.head) ? 1 : cp.head === 'Availability' ? 3 : 0) : /Weight|Volume|Capacity/.test(cp.head) ? 1 : /Price|Disc/.test(cp.head) ? 2 : 3;
    cols = cols.map((cp) => ({ ...cp, group: groups[groupOf(cp)]! })).sort((a, b) => groups.indexOf(a.group!) - groups.indexOf(b.group!));
  }
  return {
    stubHead: rng.pick(['Product', 'Item', 'Article', 'Model']),
    stub,
    stubWrap: true,
    groupHead: 'Category',
    groupLabels: unique(rng, 12, () => f.commerce.department()),
    cols,
    totalsMode: 'columns',
    totals: [{ label: 'Total', values: [], bold: true }],
    mergedText: ['—', 'n/a', 'Discontinued', 'On request'],
    preferSections: rng.chance(0.4),
  };
}

function schedule(c: Ctx): Plan {
  const { rng, f, n } = c;
  let t = rng.int(16, 20) * 30;
  const times = Array.from({ length: n }, () => {
    const d = rng.pick([30, 45, 60, 90]);
    const s = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    t += d;
    if (t >= 18 * 60) t = rng.int(16, 19) * 30;
    const e = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    return rng.chance(0.6) ? `${s}–${e}` : s;
  });
  const pool: ColPlan[] = [
    { ...textCol(rng.pick(['Session', 'Title', 'Topic']), times.map(() => `${rng.pick(V.SESSION_KINDS)}: ${sentenceCase(f, rng, c.wrap ? 4 : 2, c.wrap ? 8 : 4)}`), true, 6), priority: 9 },
    textCol(rng.pick(['Speaker', 'Chair', 'Presenter']), times.map(() => (rng.chance(0.1) ? '—' : `${f.person.firstName()} ${f.person.lastName()}`)), c.wrap, 2),
    textCol(rng.pick(['Room', 'Location', 'Venue']), times.map(() => rng.pick(V.ROOMS)), false, 1),
    textCol('Track', times.map(() => rng.pick(['A', 'B', 'C', 'Main', 'Industry'])), false, 0, 'center'),
    numCol(rng.pick(['Seats', 'Capacity']), times.map(() => rng.int(2, 40) * 10), { dec: 0, sep: true }, 'sum'),
    numCol(rng.pick(['Fee', 'Price']), times.map(() => rng.pick([0, 25, 40, 75, 120, 150])), { dec: 2, prefix: '$' }, 'none'),
  ];
  const cols = pool.slice(0, Math.min(pool.length, c.nData));
  const day0 = rng.int(1, 20);
  const month = rng.pick(V.MONTHS);
  return {
    stubHead: 'Time',
    stub: times,
    stubWrap: false,
    groupHead: rng.pick(['Day', 'Date']),
    groupLabels: Array.from({ length: 7 }, (_, k) => `${rng.chance(0.5) ? `${V.WEEKDAYS[k % 7]} ` : ''}${day0 + k} ${month}`),
    cols,
    totalsMode: 'columns',
    totals: [{ label: 'Total', values: [], bold: true }],
    mergedText: ['—', 'TBA', 'Break'],
    preferSections: rng.chance(0.3),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Priors per genre, used for parameters the caller leaves out

interface Prior {
  rows: [number, number];
  cols: [number, number];
  headerRows: [number, number, number];
  borders: Record<TableBorders, number>;
  headerFill: number;
  zebra: number;
  totals: number;
  ratio: number;
  wrap: number;
  stretch: () => number;
  padY: [number, number];
}

const b = (all: number, horizontal: number, booktabs: number, none: number, outer: number, header: number): Record<TableBorders, number> => ({ all, horizontal, booktabs, none, outer, header });

function prior(genre: TableGenre, rng: Rng): Prior {
  switch (genre) {
    case 'scientific':
      return { rows: [3, 10], cols: [3, 8], headerRows: [0.03, 0.57, 0.4], borders: b(0.15, 0.08, 0.55, 0.04, 0.05, 0.13), headerFill: 0.1, zebra: 0.08, totals: 0.12, ratio: 0.85, wrap: 0.15, stretch: () => (rng.chance(0.3) ? 1 : rng.uniform(0, 0.3)), padY: [0.12, 0.3] };
    case 'report':
      return { rows: [3, 12], cols: [3, 7], headerRows: [0.05, 0.65, 0.3], borders: b(0.25, 0.3, 0.05, 0.12, 0.1, 0.18), headerFill: 0.55, zebra: 0.35, totals: 0.5, ratio: 0.8, wrap: 0.35, stretch: () => (rng.chance(0.6) ? 1 : rng.uniform(0.2, 0.7)), padY: [0.2, 0.45] };
    case 'financial':
      return { rows: [4, 14], cols: [2, 5], headerRows: [0.05, 0.6, 0.35], borders: b(0.05, 0.2, 0.1, 0.3, 0.0, 0.35), headerFill: 0.15, zebra: 0.2, totals: 0.6, ratio: 1, wrap: 0.1, stretch: () => (rng.chance(0.7) ? 1 : rng.uniform(0.3, 0.8)), padY: [0.12, 0.3] };
    case 'invoice':
      return { rows: [2, 10], cols: [3, 7], headerRows: [0, 1, 0], borders: b(0.35, 0.3, 0.0, 0.05, 0.1, 0.2), headerFill: 0.6, zebra: 0.3, totals: 0.9, ratio: 0.75, wrap: 0.5, stretch: () => 1, padY: [0.25, 0.5] };
    case 'receipt':
      return { rows: [3, 12], cols: [2, 3], headerRows: [0.3, 0.7, 0], borders: b(0, 0.1, 0, 0.45, 0, 0.45), headerFill: 0.05, zebra: 0, totals: 0.95, ratio: 0.8, wrap: 0.1, stretch: () => 1, padY: [0.08, 0.25] };
    case 'catalog':
      return { rows: [3, 12], cols: [3, 7], headerRows: [0.05, 0.9, 0.05], borders: b(0.35, 0.3, 0.0, 0.1, 0.1, 0.15), headerFill: 0.5, zebra: 0.35, totals: 0.15, ratio: 0.55, wrap: 0.45, stretch: () => (rng.chance(0.7) ? 1 : rng.uniform(0.2, 0.7)), padY: [0.2, 0.45] };
    case 'schedule':
      return { rows: [4, 10], cols: [3, 5], headerRows: [0.05, 0.95, 0], borders: b(0.35, 0.35, 0.0, 0.12, 0.05, 0.13), headerFill: 0.5, zebra: 0.3, totals: 0, ratio: 0.15, wrap: 0.7, stretch: () => 1, padY: [0.2, 0.45] };
  }
}

const THEME_COLOURS: Record<Exclude<TableTheme, 'none'>, { light: string; strong: string; zebra: string; section: string; rule: string }> = {
  grey: { light: '#e6e6e6', strong: '#595959', zebra: '#f2f2f2', section: '#ececec', rule: '#9a9a9a' },
  blue: { light: '#dbe5f1', strong: '#2f5597', zebra: '#eef3f9', section: '#e1e9f4', rule: '#8eaadb' },
  green: { light: '#e2efda', strong: '#3a7a2a', zebra: '#f1f7ed', section: '#e5f0de', rule: '#a9cf94' },
  teal: { light: '#d8eeee', strong: '#1f6f78', zebra: '#eef7f7', section: '#dff0f0', rule: '#8cc5c9' },
  warm: { light: '#fbe4d5', strong: '#b85b1a', zebra: '#fdf3ec', section: '#fbe9dd', rule: '#e3a77f' },
};

function resolveBorders(v: unknown, name = 'borders'): TableBorders | undefined {
  if (v === undefined) return undefined;
  if (!TABLE_BORDERS.includes(v as TableBorders)) throw new RangeError(`params.${name} must be one of ${TABLE_BORDERS.join(', ')}, got ${String(v)}`);
  return v as TableBorders;
}

function intParam(v: number | undefined, name: string, lo: number, hi: number): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v)) throw new RangeError(`params.${name} must be a number in [${lo}, ${hi}], got ${v}`);
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

// ---------------------------------------------------------------------------------------------------------------
// Assembly

/** Rough width in ems of a string in a proportional font. */
function em(s: string): number {
  return s.length * 0.55;
}

function minEm(s: string, wrap: boolean): number {
  return wrap ? Math.max(0, ...s.split(' ').map(em)) : em(s);
}

/**
 * Samples a table. Parameters left out are drawn from the genre's prior.
 * @example const spec = sampleTable(createRng(7), createFaker(), { genre: 'invoice', rows: 5 });
 */
export function sampleTable(rng: Rng, faker: Faker, params: TableParams = {}): TableSpec {
  const genre = params.genre ?? 'report';
  if (!TABLE_GENRES.includes(genre)) throw new RangeError(`params.genre must be one of ${TABLE_GENRES.join(', ')}, got ${String(genre)}`);
  if (params.theme !== undefined && !TABLE_THEMES.includes(params.theme)) throw new RangeError(`params.theme must be one of ${TABLE_THEMES.join(', ')}, got ${String(params.theme)}`);
  // Re-seeded from the rng (as content/text.ts's seededFaker does): the same rng gives the same words.
  faker.seed(rng.int(0, 0x7fffffff));
  const f = faker;
  const p = prior(genre, rng);
  const rows = intParam(params.rows, 'rows', 1, 60) ?? rng.int(...p.rows);
  const cols = intParam(params.cols, 'cols', 2, 12) ?? rng.int(...p.cols);
  const hr = intParam(params.header_rows, 'header_rows', 0, 2) ?? rng.weighted(p.headerRows);
  const stubOn = params.row_header ?? (genre === 'scientific' ? rng.chance(0.95) : true);
  const borders = resolveBorders(params.borders) ?? (TABLE_BORDERS[rng.weighted(TABLE_BORDERS.map((x) => p.borders[x]))] as TableBorders);
  const headerFill = params.header_fill ?? rng.chance(p.headerFill);
  const zebra = params.zebra ?? rng.chance(p.zebra);
  const theme: TableTheme = params.theme ?? (headerFill || zebra || rng.chance(0.15) ? (['grey', 'blue', 'green', 'teal', 'warm'] as const)[rng.weighted([0.35, 0.3, 0.15, 0.1, 0.1])]! : 'none');
  const totals = params.totals ?? rng.chance(p.totals);
  const ratio = Math.max(0, Math.min(1, params.numeric_ratio ?? p.ratio));
  const spanProb = Math.max(0, Math.min(1, params.span_prob ?? 0.3));
  const wrap = params.wrap ?? rng.chance(p.wrap);
  const widthEm = params.width_em ?? 60;
  const nData = Math.max(1, cols - (stubOn ? 1 : 0));

  const ctx: Ctx = { rng, f, n: rows, nData, hr, ratio, wrap, totals };
  const plan =
    genre === 'scientific' ? scientific(ctx) : genre === 'report' ? report(ctx) : genre === 'financial' ? financial(ctx) : genre === 'invoice' ? invoiceLike(ctx, false) : genre === 'receipt' ? invoiceLike(ctx, true) : genre === 'catalog' ? catalog(ctx) : schedule(ctx);

  // Grouped rows (merged cells in a grouping column, or section rows across the table).
  const groupsOn = spanProb > 0 && rng.chance(spanProb) && rows >= 3 && plan.groupLabels.length > 0 && genre !== 'invoice' && genre !== 'receipt';
  const sections = groupsOn && (plan.preferSections || !stubOn || rng.chance(0.3));
  const groupCol = groupsOn && !sections;
  const groupSizes: number[] = [];
  if (groupsOn) {
    let left = rows;
    while (left > 0) {
      const s = Math.min(left, rng.int(2, Math.max(2, Math.min(5, Math.ceil(rows / 2)))));
      groupSizes.push(s);
      left -= s;
    }
    if (groupSizes.length > 1 && groupSizes[groupSizes.length - 1] === 1) {
      groupSizes.pop();
      groupSizes[groupSizes.length - 1]! += 1;
    }
  }

  // Keep the content inside the width: drop the least important columns while the narrowest table is too wide.
  const padEm = rng.uniform(0.35, 0.65);
  const colMinEm = (cp: ColPlan) => Math.max(minEm(cp.head, true), ...cp.values.map((v) => minEm(v, cp.kind === 'text' && cp.wrap))) + 2 * padEm;
  const fixedEm = (stubOn ? Math.max(minEm(plan.stubHead, true), ...plan.stub.map((s) => minEm(s, true))) + 2 * padEm : 0) + (groupCol ? Math.max(minEm(plan.groupHead, true), ...plan.groupLabels.slice(0, groupSizes.length).map((s) => minEm(s, true))) + 2 * padEm : 0);
  let dataCols = plan.cols.slice();
  while (dataCols.length > 1 && fixedEm + dataCols.reduce((a, cp) => a + colMinEm(cp), 0) > widthEm) {
    let drop = 0;
    dataCols.forEach((cp, i) => {
      if (cp.priority <= dataCols[drop]!.priority) drop = i;
    });
    dataCols = dataCols.filter((_, i) => i !== drop);
  }
  const useHr = hr === 2 && !dataCols.some((cp) => cp.group !== null) ? 1 : hr;

  // Grid columns: [group] [stub] data...
  const lead = (groupCol ? 1 : 0) + (stubOn ? 1 : 0);
  const nCols = lead + dataCols.length;
  const columns: ColumnSpec[] = [];
  if (groupCol) columns.push({ kind: 'text', wrap: true, grow: 0.5, priority: 8, blockAlign: 'right', decimalMark: '.' });
  if (stubOn) columns.push({ kind: 'text', wrap: plan.stubWrap || wrap, grow: genre === 'invoice' || genre === 'receipt' || genre === 'catalog' ? 6 : 2, priority: 10, blockAlign: 'right', decimalMark: '.' });
  const blockCentre = genre === 'scientific' && rng.chance(0.6);
  for (const cp of dataCols) {
    columns.push({ kind: cp.kind, wrap: cp.kind === 'text' && cp.wrap, grow: cp.grow, priority: cp.priority, blockAlign: blockCentre || cp.headAlign === 'center' ? 'center' : 'right', decimalMark: cp.mark });
  }

  const ink = rng.pick(['#000000', '#111111', '#1a1a1a', '#222222', '#262626']);
  const tc = theme === 'none' ? null : THEME_COLOURS[theme];
  const strongHeader = headerFill && tc !== null && rng.chance(genre === 'scientific' || genre === 'financial' ? 0.1 : 0.4);
  const headFill = headerFill && tc ? (strongHeader ? tc.strong : tc.light) : null;
  const headInk = strongHeader ? '#ffffff' : ink;
  const cells: CellSpec[] = [];
  const rowKinds: RowKind[] = [];
  const cell = (row: number, col: number, text: string, o: Partial<CellSpec> & Pick<CellSpec, 'role' | 'align'>): CellSpec => {
    const c: CellSpec = { row, col, rowSpan: 1, colSpan: 1, text, valign: 'middle', bold: false, italic: false, fill: null, colour: ink, ...o };
    cells.push(c);
    return c;
  };

  // Header rows.
  const headValign = rng.chance(0.6) ? 'bottom' : 'middle';
  const head = (row: number, col: number, text: string, align: CellAlign, rowSpan = 1, colSpan = 1) =>
    cell(row, col, text, { role: 'header', align, rowSpan, colSpan, valign: headValign, fill: headFill, colour: headInk });
  for (let r = 0; r < useHr; r++) rowKinds.push('header');
  if (useHr > 0) {
    let col = 0;
    if (groupCol) head(0, col++, plan.groupHead, 'left', useHr);
    if (stubOn) head(0, col++, plan.stubHead, 'left', useHr);
    for (let k = 0; k < dataCols.length; ) {
      const cp = dataCols[k]!;
      const headAlign: CellAlign = cp.headAlign === 'decimal' ? 'right' : columns[lead + k]!.blockAlign === 'center' && cp.kind === 'number' ? 'center' : cp.headAlign;
      if (useHr === 2 && cp.group !== null) {
        let run = 1;
        while (k + run < dataCols.length && dataCols[k + run]!.group === cp.group) run++;
        head(0, lead + k, cp.group, 'center', 1, run);
        for (let j = 0; j < run; j++) {
          const cj = dataCols[k + j]!;
          head(1, lead + k + j, cj.head, cj.kind === 'number' ? (columns[lead + k + j]!.blockAlign === 'center' ? 'center' : 'right') : cj.headAlign);
        }
        k += run;
      } else {
        head(0, lead + k, cp.head, headAlign, useHr);
        k++;
      }
    }
  }

  // Body rows.
  const sectionStyle = rng.pick(['bold', 'italic', 'bolditalic'] as const);
  const sectionFill = tc && rng.chance(0.6) ? tc.section : null;
  const zebraFill = zebra && tc ? tc.zebra : null;
  const zebraPhase = rng.int(0, 1);
  const groupValign = rng.chance(0.5) ? 'top' : 'middle';
  const groupBold = rng.chance(0.4);
  const valign = rng.chance(0.7) ? 'middle' : 'top';
  const best = new Map<number, number>(); // data column -> body row index of its best value
  const boldBest = genre === 'scientific' && rng.chance(0.7);
  if (boldBest) {
    dataCols.forEach((cp, k) => {
      if (!cp.nums || !cp.better) return;
      let bi = 0;
      cp.nums.forEach((v, i) => {
        if (cp.better === 'max' ? v > cp.nums![bi]! : v < cp.nums![bi]!) bi = i;
      });
      best.set(k, bi);
    });
  }
  let r = useHr;
  let bodyIndex = 0;
  let gi = 0;
  let inGroup = 0;
  for (let i = 0; i < rows; i++) {
    if (groupsOn && inGroup === 0) {
      inGroup = groupSizes[gi]!;
      const label = plan.groupLabels[gi % plan.groupLabels.length]!;
      if (sections) {
        rowKinds.push('section');
        cell(r, 0, label, { role: 'section', align: 'left', colSpan: nCols, bold: sectionStyle !== 'italic', italic: sectionStyle !== 'bold', fill: sectionFill });
        r++;
      } else {
        cell(r, 0, label, { role: 'stub', align: 'left', rowSpan: inGroup, valign: groupValign, bold: groupBold });
      }
      gi++;
    }
    inGroup--;
    rowKinds.push('body');
    const fill = zebraFill && bodyIndex % 2 === zebraPhase ? zebraFill : null;
    let col = groupCol ? 1 : 0;
    if (stubOn) cell(r, col++, plan.stub[i]!, { role: 'stub', align: 'left', valign, fill, bold: genre === 'scientific' && i === rows - 1 && /Ours|Proposed/.test(plan.stub[i]!) });
    dataCols.forEach((cp, k) => {
      cell(r, col + k, cp.values[i]!, { role: 'body', align: cp.align, valign, fill, bold: best.get(k) === i });
    });
    r++;
    bodyIndex++;
  }

  // Merged body cells: two adjacent data cells of one row become one.
  if (spanProb > 0 && plan.mergedText.length > 0 && dataCols.length >= 2 && rng.chance(spanProb * 0.6)) {
    const bodyRows = rowKinds.map((k, i) => (k === 'body' ? i : -1)).filter((i) => i >= 0);
    const row = rng.pick(bodyRows);
    const k = rng.int(0, dataCols.length - 2);
    const a = cells.findIndex((c) => c.row === row && c.col === lead + k);
    const bIdx = cells.findIndex((c) => c.row === row && c.col === lead + k + 1);
    if (a >= 0 && bIdx >= 0) {
      const ca = cells[a]!;
      ca.colSpan = 2;
      ca.text = rng.pick(plan.mergedText);
      ca.align = 'center';
      ca.bold = false;
      cells.splice(bIdx, 1);
    }
  }

  // Totals.
  if (totals && plan.totals.length > 0) {
    plan.totals.forEach((t) => {
      rowKinds.push('total');
      const tfill = tc && rng.chance(0.25) && t.bold ? tc.light : null;
      if (plan.totalsMode === 'block') {
        const span = Math.max(1, nCols - 1);
        cell(r, 0, t.label, { role: 'total', align: nCols > 1 ? 'right' : 'left', colSpan: span, bold: t.bold, fill: tfill });
        if (nCols > 1) cell(r, span, t.values[0] ?? '', { role: 'total', align: 'decimal', bold: t.bold, fill: tfill });
      } else {
        const span = Math.max(1, lead);
        if (lead > 0) cell(r, 0, t.label, { role: 'total', align: 'left', colSpan: span, bold: t.bold, fill: tfill });
        dataCols.forEach((cp, k) => {
          let text = '';
          if (cp.nums && cp.fmt && cp.agg !== 'none') {
            const s = cp.nums.reduce((a, x) => a + x, 0);
            text = cp.agg === 'sum' ? cp.fmt(s) : cp.fmt(s / cp.nums.length);
            if (lead === 0 && k === 0) text = `${t.label} ${text}`;
          } else if (lead === 0 && k === 0) text = t.label;
          cell(r, lead + k, text, { role: 'total', align: lead === 0 && k === 0 ? 'left' : cp.align, bold: t.bold, fill: tfill });
        });
      }
      r++;
    });
  }

  cells.sort((x, y) => x.row - y.row || x.col - y.col);
  const thin = rng.chance(0.85) ? 1 : 1.5;
  return {
    genre,
    nRows: r,
    nCols,
    headerRows: useHr,
    rowKinds,
    columns,
    cells,
    style: {
      borders,
      theme,
      ruleColour: borders === 'booktabs' || !tc || rng.chance(0.5) ? rng.pick(['#000000', '#222222', '#444444']) : tc.rule,
      ruleWidth: thin,
      thickRuleWidth: rng.pick([1.5, 2, 2]),
      cmidrules: borders === 'booktabs' && useHr === 2 && rng.chance(0.85),
      doubleTotalRule: totals && (genre === 'financial' ? rng.chance(0.6) : genre === 'invoice' || genre === 'report' ? rng.chance(0.15) : false),
      padX: Math.round(padEm * 100) / 100,
      padY: Math.round(rng.uniform(...p.padY) * 100) / 100,
      stretch: Math.round(p.stretch() * 100) / 100,
    },
  };
}
