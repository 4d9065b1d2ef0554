/**
 * The report page: one self-contained HTML document (inline CSS, inline script, inline JSON data, inline SVG
 * charts). A Content-Security-Policy forbids every network request: images may come only from the report's
 * own folder, the run's images (file: URLs) and data: URIs.
 */
import type { ExperimentResult } from '../experiment.js';
import type { CompareReport, FeatureTest } from '../layout-stats/index.js';
import { CLIENT_JS } from './client.js';
import type { RunRecord } from './load.js';
import type { ClassCount, GroupCount, Histogram, PageSample, RunCounts } from './stats.js';
import { esc, groupedBarsSvg, histogramSvg, horizontalBarsSvg, pctLabel, type Series } from './svg.js';

/** Marks a folder as a pagesynth report, so a later run may replace it (and nothing else). */
export const GENERATOR = 'pagesynth report';

/** One page of the gallery as the page script sees it. */
export interface PageData {
  id: number;
  file: string;
  w: number;
  h: number;
  /** Thumbnail, relative to the report folder. */
  thumb: string;
  /** Full image, relative to the report folder (URL-encoded). */
  full: string;
  genre: string;
  language: string;
  profile?: string;
  /** [category id, x, y, w, h] per box (COCO pixels). */
  boxes: Array<[number, number, number, number, number]>;
}

export interface EmbeddedPlot {
  name: string;
  dataUri: string;
}

export interface ReportModel {
  runName: string;
  /** The run folder, relative to the report folder (as text, for people). */
  runPath: string;
  generated: string;
  record?: RunRecord;
  notes: string[];
  counts: RunCounts;
  histograms: Histogram[];
  sample: PageSample;
  pages: PageData[];
  compare?: { file: string; report: CompareReport; plots: EmbeddedPlot[] };
  experiment?: { file: string; result: ExperimentResult & { seconds?: number }; plots: EmbeddedPlot[] };
}

const CSP = ["default-src 'none'", "img-src 'self' file: data:", "style-src 'unsafe-inline'", "script-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'"].join('; ');

const CSS = `
:root{--fg:#1d2330;--mut:#5b6475;--line:#dde1e8;--bg:#f6f7f9;--card:#fff;--acc:#2957c4;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;font-size:14px;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}[hidden]{display:none!important}body{margin:0}body.modal{overflow:hidden}
header{padding:14px 22px 10px;background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:16px 0 8px}
.sub{color:var(--mut);margin:0;line-height:1.5}.sub b{color:var(--fg);font-weight:600}
nav{margin-top:8px;display:flex;gap:14px;flex-wrap:wrap}nav a{color:var(--acc);text-decoration:none}nav a:hover{text-decoration:underline}
.layout{display:flex;align-items:flex-start}
aside{position:sticky;top:0;width:250px;flex:none;max-height:100vh;overflow:auto;padding:14px 6px 14px 18px}
aside h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--mut);margin:4px 0 8px}
main{flex:1;min-width:0;padding:14px 22px 40px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin-bottom:18px}
.note{color:var(--mut);margin:0 0 10px}.warn{color:#8a5300;background:#fff6e0;border:1px solid #f0d9a8;border-radius:6px;padding:6px 10px;margin:8px 0 0}
ul.toggles{list-style:none;margin:0 0 12px;padding:0}ul.toggles li{margin:0}
ul.toggles label{display:flex;align-items:center;gap:7px;padding:3px 4px;border-radius:4px;cursor:pointer;user-select:none}
ul.toggles label:hover{background:#f0f2f6}ul.toggles .name{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
ul.toggles .count{font-variant-numeric:tabular-nums;color:var(--mut)}ul.toggles li.zero{opacity:.55}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;flex:none;border:1px solid rgba(0,0,0,.15)}
.btns{display:flex;gap:6px;margin-bottom:8px}
button,select{font:inherit;font-size:13px;border:1px solid #c6ccd6;background:#fff;border-radius:5px;padding:3px 9px;cursor:pointer;color:var(--fg)}
button:hover:not(:disabled){background:#eef2fb;border-color:#9fb0d6}button:disabled{opacity:.45;cursor:default}
.filters label{display:block;margin-bottom:8px;color:var(--mut);font-size:12px}.filters select{display:block;width:100%;margin-top:2px}
.totals{font-size:12px;color:var(--mut);line-height:1.6}
.pager{display:flex;align-items:center;gap:8px;margin:6px 0 12px;flex-wrap:wrap}.pager .info{color:var(--mut)}
#grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:14px}
figure.card{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;overflow:hidden;cursor:zoom-in;transition:box-shadow .15s}
figure.card:hover,figure.card:focus{box-shadow:0 2px 10px rgba(20,40,90,.18);outline:none}
.frame{position:relative;background:#eee}.frame img{display:block;width:100%;height:100%}
svg.boxes{position:absolute;left:0;top:0;width:100%;height:100%;overflow:visible;pointer-events:none}
#v-svg.boxes{pointer-events:auto}
.box{fill-opacity:.10;stroke-width:1.5;vector-effect:non-scaling-stroke}
#v-svg .box{stroke-width:2}#v-svg .box:hover{fill-opacity:.28}
figcaption{font-size:12px;padding:5px 7px;color:var(--mut);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
figcaption b{color:var(--fg);font-weight:600}
table{border-collapse:collapse;font-size:13px;margin:4px 0 10px}th,td{padding:4px 10px;border-bottom:1px solid #eceff3;text-align:left;vertical-align:top}
th{font-weight:600;color:var(--mut);background:#fafbfc}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
.legend{display:flex;gap:12px;flex-wrap:wrap;font-size:12px;color:var(--mut);margin:2px 0 8px}.legend .sw{margin-right:4px;vertical-align:-1px}
tr.total td{font-weight:600;border-top:1px solid #c9ced8}
.bar{display:inline-block;height:9px;border-radius:2px;background:var(--acc);vertical-align:middle}
.tables{display:flex;flex-wrap:wrap;gap:10px 34px;align-items:flex-start}
.charts{display:flex;flex-wrap:wrap;gap:14px}
svg.chart{background:#fff;font-size:11px;max-width:100%;height:auto}svg.chart .ct{font-size:12.5px;font-weight:600;fill:var(--fg)}
svg.chart .cn,svg.chart .tick{fill:#4a5263}svg.chart .axis{stroke:#7d8595;stroke-width:1}svg.chart .grid{stroke:#e6e9ef;stroke-width:1}
svg.chart .hit{pointer-events:all}
img.plot{max-width:100%;border:1px solid var(--line);border-radius:4px;background:#fff}
details{margin:8px 0}summary{cursor:pointer;color:var(--acc)}
.kv{display:grid;grid-template-columns:max-content auto;gap:3px 14px;margin:6px 0 10px}.kv dt{color:var(--mut)}.kv dd{margin:0}
#viewer{position:fixed;inset:0;background:rgba(18,22,30,.96);display:flex;flex-direction:column;z-index:10}
#viewer[hidden]{display:none}
.vbar{display:flex;align-items:center;gap:8px;padding:8px 12px;background:#1e2430;color:#e8ebf1}
.vbar button{background:#2d3545;color:#e8ebf1;border-color:#445068}.vbar button:hover:not(:disabled){background:#3a4559}
#v-title{font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}#v-zoom{min-width:46px;text-align:center;font-variant-numeric:tabular-nums}
.spacer{flex:1}
#v-wrap{flex:1;overflow:auto;display:flex;padding:8px;cursor:grab}#v-wrap.drag{cursor:grabbing}
#v-stage{position:relative;margin:auto;flex:none;background:#fff center/100% 100% no-repeat;box-shadow:0 0 0 1px #000,0 4px 30px rgba(0,0,0,.5)}
#v-img{display:block;width:100%;height:100%;user-select:none;-webkit-user-drag:none}
#v-info{padding:6px 12px;background:#1e2430;color:#b9c0cd;font-size:12px;display:flex;gap:12px;flex-wrap:wrap}
#v-info .sw{margin-right:4px;vertical-align:-1px}#v-info .msg{color:#ffcf7a}
`;

const n0 = (x: number) => x.toLocaleString('en-US');
/** A figure for tables: 3 decimals, '–' for null / non-finite. */
function f3(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (x !== 0 && Math.abs(x) < 0.001) return x.toExponential(2);
  return x.toFixed(3);
}
const pv = (p: number | null | undefined) => (p === null || p === undefined || !Number.isFinite(p) ? '–' : p < 1e-4 ? '<1e-4' : p.toFixed(4));
const pct1 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : (100 * v).toFixed(1));
const signed = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`);

/** Per-category CSS: box colours and the rules the class toggles switch on (`body.hide-<id>`). */
function categoryCss(classes: readonly ClassCount[]): string {
  return classes
    .map((c) => `.box[data-cat="${c.id}"]{stroke:${c.colour};fill:${c.colour}}body.hide-${c.id} .box[data-cat="${c.id}"]{display:none}body.hide-${c.id} .vcount[data-cat="${c.id}"]{opacity:.45;text-decoration:line-through}`)
    .join('\n');
}

function classToggles(classes: readonly ClassCount[]): string {
  const items = classes.map(
    (c) =>
      `<li${c.boxes === 0 ? ' class="zero"' : ''}><label title="${esc(`${c.name}: ${c.boxes} boxes on ${c.pages} pages`)}"><input type="checkbox" class="cls-toggle" data-cat="${c.id}" checked><span class="sw" style="background:${c.colour}"></span><span class="name">${esc(c.name)}</span><span class="count" data-cat="${c.id}">${n0(c.boxes)}</span></label></li>`,
  );
  return `<div class="btns"><button type="button" id="cls-all">Show all</button><button type="button" id="cls-none">Hide all</button></div><ul class="toggles" id="class-toggles">${items.join('')}</ul>`;
}

function classTable(counts: RunCounts): string {
  const max = Math.max(1, ...counts.classes.map((c) => c.boxes));
  const anyCrowd = counts.classes.some((c) => c.crowd > 0);
  const rows = counts.classes.map(
    (c) =>
      `<tr data-cat="${c.id}"><td><span class="sw" style="background:${c.colour}"></span> ${esc(c.name)}</td><td class="num boxes">${n0(c.boxes)}</td>${anyCrowd ? `<td class="num">${n0(c.crowd)}</td>` : ''}<td class="num">${counts.boxes ? pctLabel(c.boxes / counts.boxes) : '–'}</td><td class="num">${n0(c.pages)}</td><td class="num">${counts.pages ? (c.boxes / counts.pages).toFixed(2) : '–'}</td><td><span class="bar" style="width:${Math.round((120 * c.boxes) / max)}px;background:${c.colour}"></span></td></tr>`,
  );
  return `<table id="class-counts"><thead><tr><th>class</th><th class="num">boxes</th>${anyCrowd ? '<th class="num">iscrowd</th>' : ''}<th class="num">share</th><th class="num">pages with it</th><th class="num">per page</th><th></th></tr></thead><tbody>${rows.join('')}<tr class="total"><td>all classes</td><td class="num" id="total-boxes">${n0(counts.boxes)}</td>${anyCrowd ? `<td class="num">${n0(counts.classes.reduce((s, c) => s + c.crowd, 0))}</td>` : ''}<td class="num">100%</td><td class="num">${n0(counts.pages)}</td><td class="num">${counts.pages ? (counts.boxes / counts.pages).toFixed(2) : '–'}</td><td></td></tr></tbody></table>`;
}

function groupTable(id: string, title: string, groups: readonly GroupCount[], pages: number): string {
  const max = Math.max(1, ...groups.map((g) => g.pages));
  const rows = groups.map(
    (g) => `<tr data-value="${esc(g.value)}"><td>${esc(g.value)}</td><td class="num pages">${n0(g.pages)}</td><td class="num">${pages ? pctLabel(g.pages / pages) : '–'}</td><td class="num">${n0(g.boxes)}</td><td class="num">${g.pages ? (g.boxes / g.pages).toFixed(1) : '–'}</td><td><span class="bar" style="width:${Math.round((90 * g.pages) / max)}px"></span></td></tr>`,
  );
  return `<div><h3>${esc(title)}</h3><table id="${id}"><thead><tr><th>${esc(title.toLowerCase())}</th><th class="num">pages</th><th class="num">share</th><th class="num">boxes</th><th class="num">boxes/page</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function sizesSection(h: readonly Histogram[], classes: readonly ClassCount[]): string {
  const sets = [`<div class="charts hist-set" data-k="all">${h.map((x) => histogramSvg(x, classes)).join('')}</div>`];
  classes.forEach((c, k) => {
    if (c.boxes) sets.push(`<div class="charts hist-set" data-k="${k}" hidden>${h.map((x) => histogramSvg(x, classes, k)).join('')}</div>`);
  });
  const options = [`<option value="all">all classes (stacked by class)</option>`, ...classes.flatMap((c, k) => (c.boxes ? [`<option value="${k}">${esc(c.name)} (${n0(c.boxes)})</option>`] : []))];
  return `<section id="sizes"><h2>Box sizes</h2><p class="note">Every box of the run. Width and height as shares of the page's width and height (20 bins); area as a share of the page's area on a log scale (4 bins a decade; the first bin holds everything smaller). Hover a bar for its count.</p><p><label>Class: <select id="size-class">${options.join('')}</select></label></p>${sets.join('')}</section>`;
}

function kv(pairs: Array<[string, string | undefined]>): string {
  return `<dl class="kv">${pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('')}</dl>`;
}

const GROUP_COLOURS: Record<string, string> = { count: '#4363d8', size: '#3cb44b', shape: '#f58231', position: '#911eb4', page: '#808000', presence: '#9a6324' };

function plotsHtml(plots: readonly EmbeddedPlot[]): string {
  return plots.map((p) => `<figure style="margin:10px 0"><img class="plot" src="${p.dataUri}" alt="${esc(p.name)}"><figcaption>${esc(p.name)}</figcaption></figure>`).join('');
}

function summaryCells(s: FeatureTest['real']): string {
  return s && s.n ? `${f3(s.mean)} ± ${f3(s.sd)} <span class="note">[${f3(s.p05)}, ${f3(s.p95)}]</span>` : '–';
}

function compareSection(c: NonNullable<ReportModel['compare']>): string {
  const r = c.report;
  const L: string[] = [`<section id="compare"><h2>Real vs synthetic layouts (compare)</h2><p class="note">From <code>${esc(c.file)}</code> (labels ${esc(r.profile)}): real <code>${esc(r.real.source)}</code> ${n0(r.real.pages)} pages, ${n0(r.real.boxes)} boxes; synthetic <code>${esc(r.synthetic.source)}</code> ${n0(r.synthetic.pages)} pages, ${n0(r.synthetic.boxes)} boxes.</p>`];
  const d = r.distinguishability;
  const ds = r.distinguishabilityStructure;
  L.push('<div class="tables"><div><h3>Headline</h3><table id="compare-headline"><thead><tr><th>figure</th><th class="num">value</th></tr></thead><tbody>');
  const head: Array<[string, string]> = [
    [`mean KS, per-class count and size features (ks.countSize, ${r.ks.countSizeFeatures} features)`, f3(r.ks.countSize)],
    [`mean KS, all continuous and count features (ks.mean, ${r.ks.features} features)`, f3(r.ks.mean)],
    ['distinguishability ROC AUC (0.5 = indistinguishable)', `${f3(d.auc)} ± ${f3(d.sd)}`],
    ['distinguishability AUC, network-decided features only', `${f3(ds.auc)} ± ${f3(ds.sd)}`],
    ['chi-squared tests with p < 0.05', `${r.chi2.significant} of ${r.chi2.tests}`],
    ['correlation matrix, mean absolute difference', f3(r.correlation.meanAbsDiff)],
    ['synthetic pages flagged as copies of a real page', String(r.privacy.flagged.length)],
  ];
  for (const [k, v] of head) L.push(`<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`);
  L.push('</tbody></table></div>');
  L.push('<div><h3>Layout quality</h3><table id="compare-quality"><thead><tr><th>metric</th><th class="num">real</th><th class="num">synthetic</th></tr></thead><tbody>');
  const q = r.quality;
  const e3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toExponential(3));
  for (const [k, v] of Object.entries({ Alignment: q.alignment, Density: q.density, Overlap: q.overlap, 'Overlap rate': q.overlapRate })) {
    if (v) L.push(`<tr><td>${esc(k)}</td><td class="num">${e3(v.real)}</td><td class="num">${e3(v.synthetic)}</td></tr>`);
  }
  L.push('</tbody></table>');
  if (d.topFeatures?.length) {
    L.push('<h3>Features that separate the sets most</h3><table><thead><tr><th>feature</th><th class="num">univariate AUC</th></tr></thead><tbody>');
    for (const t of d.topFeatures) L.push(`<tr><td>${esc(t.feature)}</td><td class="num">${f3(t.auc)}</td></tr>`);
    L.push('</tbody></table>');
  }
  L.push('</div></div>');
  // Charts from the numbers: KS D per feature (largest first) and mean count per page of each class.
  const tested = r.univariate.filter((t) => t.ks && t.ks.d !== null && Number.isFinite(t.ks.d));
  const top = [...tested].sort((a, b) => b.ks!.d - a.ks!.d).slice(0, 30);
  const charts: string[] = [];
  if (top.length) {
    charts.push(
      horizontalBarsSvg(
        `KS D per feature (largest ${top.length} of ${tested.length}; * p < 0.05)`,
        top.map((t) => ({ label: t.feature, value: t.ks!.d, colour: GROUP_COLOURS[t.group] ?? '#777', note: typeof t.ks!.p === 'number' && t.ks!.p < 0.05 ? '*' : '', title: `${t.feature} (${t.group}): D ${f3(t.ks!.d)}, p ${pv(t.ks!.p)}` })),
        { max: 1, format: (v) => v.toFixed(2) },
      ),
    );
  }
  const counts = r.univariate.filter((t) => t.feature.startsWith('count.') && (t.real.n || t.synthetic.n));
  if (counts.length) {
    const groups = counts.map((t) => t.feature.slice(6));
    const series: Series[] = [
      { name: `real (${r.real.pages} pages)`, colour: '#4e79a7', values: counts.map((t) => t.real.mean) },
      { name: `synthetic (${r.synthetic.pages} pages)`, colour: '#f28e2b', values: counts.map((t) => t.synthetic.mean) },
    ];
    charts.push(groupedBarsSvg('Boxes per page, mean by class', groups, series, { format: (v) => String(+v.toFixed(2)), yLabel: 'boxes / page' }));
  }
  if (charts.length) {
    const groupsUsed = [...new Set(top.map((t) => t.group))];
    const legend = groupsUsed.length ? `<div class="legend">KS bars by feature group: ${groupsUsed.map((g) => `<span><span class="sw" style="background:${GROUP_COLOURS[g] ?? '#777'}"></span>${esc(g)}</span>`).join('')}</div>` : '';
    L.push(`<h3>Plots from the numbers</h3>${legend}<div class="charts">${charts.join('')}</div>`);
  }
  if (c.plots.length) L.push(`<h3>Plots written by compare</h3>${plotsHtml(c.plots)}`);
  const cont = r.univariate.filter((t) => t.kind !== 'categorical');
  L.push(`<details><summary>All ${cont.length} count and continuous features</summary><table id="compare-features"><thead><tr><th>feature</th><th class="num">n real / syn</th><th>real mean ± sd [p5, p95]</th><th>synthetic mean ± sd [p5, p95]</th><th class="num">KS D</th><th class="num">KS p</th><th class="num">χ² p</th></tr></thead><tbody>`);
  for (const t of cont) {
    L.push(`<tr><td>${esc(t.feature)}</td><td class="num">${t.real.n} / ${t.synthetic.n}</td><td>${summaryCells(t.real)}</td><td>${summaryCells(t.synthetic)}</td><td class="num">${t.ks ? f3(t.ks.d) : '–'}</td><td class="num">${t.ks ? pv(t.ks.p) : '–'}</td><td class="num">${t.chi2 && t.chi2.df > 0 ? pv(t.chi2.p) : '–'}</td></tr>`);
  }
  L.push('</tbody></table></details>');
  const cat = r.univariate.filter((t) => t.kind === 'categorical' && t.shares);
  if (cat.length) {
    L.push(`<details><summary>${cat.length} categorical features</summary><table><thead><tr><th>feature</th><th>values</th><th>real shares</th><th>synthetic shares</th><th class="num">χ² p</th></tr></thead><tbody>`);
    for (const t of cat) L.push(`<tr><td>${esc(t.feature)}</td><td>${esc(t.shares!.values.join(' / '))}</td><td>${t.shares!.real.map(f3).join(' / ')}</td><td>${t.shares!.synthetic.map(f3).join(' / ')}</td><td class="num">${t.chi2 && t.chi2.df > 0 ? pv(t.chi2.p) : '–'}</td></tr>`);
    L.push('</tbody></table></details>');
  }
  if (r.notes?.length) L.push(`<details><summary>Notes</summary><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></details>`);
  L.push('</section>');
  return L.join('');
}

const ARM_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

function experimentSection(x: NonNullable<ReportModel['experiment']>): string {
  const r = x.result;
  const arms = r.arms;
  const L: string[] = [`<section id="experiment"><h2>Detector experiment: real vs synthetic training</h2><p class="note">From <code>${esc(x.file)}</code> (labels ${esc(r.labels)}, seed ${r.seed}${r.seconds !== undefined ? `, ${r.seconds} s` : ''}). Real pages split by document: ${r.realTrainPages} train pages (${r.realTrainDocuments} documents), ${r.realTestPages} test pages (${r.realTestDocuments} documents); ${r.syntheticPages} synthetic pages. F1 in % at IoU ≥ 0.5 and score ≥ 0.5; "–": the test set has no box of that class.</p>`];
  const head = ['class', ...arms.map((a) => a.name), 'gap, same size', 'gap, all'];
  L.push(`<div style="overflow-x:auto"><table id="experiment-f1"><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
  const row = (cells: string[], cls = '') => L.push(`<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c, i) => `<td${i ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`);
  for (const c of r.classes) row([esc(c), ...arms.map((a) => pct1(a.f1[c])), signed(r.gap[c]?.sameSize), signed(r.gap[c]?.all)]);
  row(['macro F1', ...arms.map((a) => pct1(a.macroF1)), signed(r.gapMacro.sameSize), signed(r.gapMacro.all)], 'total');
  row(['micro F1', ...arms.map((a) => pct1(a.microF1)), '', '']);
  row(['AP50', ...arms.map((a) => pct1(a.AP50)), '', '']);
  row(['train pages (real + synthetic)', ...arms.map((a) => `${a.trainReal} + ${a.trainSynthetic}`), '', '']);
  row(['test pages', ...arms.map((a) => `${a.testPages} ${esc(a.testedOn)}`), '', '']);
  L.push('</tbody></table></div>');
  const groups = [...r.classes.filter((c) => arms.some((a) => a.f1[c] !== null && a.f1[c] !== undefined)), 'macro F1'];
  const series: Series[] = arms.map((a, i) => ({ name: a.name, colour: ARM_COLOURS[i % ARM_COLOURS.length]!, values: groups.map((g) => (g === 'macro F1' ? a.macroF1 : (a.f1[g] ?? null))) }));
  L.push(`<div class="charts">${groupedBarsSvg('F1 per class and training set', groups, series, { max: 1, format: (v) => v.toFixed(1), yLabel: 'F1' })}</div>`);
  if (x.plots.length) L.push(`<details><summary>The chart experiment wrote (${x.plots.map((p) => esc(p.name)).join(', ')})</summary>${plotsHtml(x.plots)}</details>`);
  L.push('</section>');
  return L.join('');
}

/** Filter options of the gallery. */
function optionList(values: Iterable<string>): string {
  return [...new Set(values)].sort().map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
}

/** Inline JSON that cannot end its script element early. */
function jsonScript(id: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${id}">${json}</script>`;
}

/** An ISO timestamp as 'YYYY-MM-DD HH:MM UTC' (other text unchanged). */
function when(s: string | undefined): string | undefined {
  const m = s ? /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(\.\d+)?)?Z$/.exec(s) : null;
  return m ? `${m[1]} ${m[2]} UTC` : s;
}

/** The whole report page. */
export function reportHtml(m: ReportModel): string {
  const c = m.counts;
  const id = m.record?.identity ?? {};
  const str = (v: unknown) => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? undefined : String(v));
  const runFacts = [
    `<b>${n0(c.pages)}</b> pages`,
    `<b>${n0(c.boxes)}</b> boxes`,
    `<b>${c.classes.length}</b> classes`,
    ...(str(id.labels) ? [`labels <b>${esc(str(id.labels)!)}</b>`] : []),
    ...(str(id.template) ? [`network <b>${esc(str(id.template)!)}</b>`] : []),
    ...(str(id.seed) ? [`seed <b>${esc(str(id.seed)!)}</b>`] : []),
    ...(str(id.dpi) ? [`${esc(str(id.dpi)!)} dpi`] : []),
    ...(str(id.set) ? [`--set ${esc(str(id.set)!)}`] : []),
  ];
  const data = {
    categories: c.classes.map((k) => ({ id: k.id, name: k.name, colour: k.colour, boxes: k.boxes })),
    pages: m.pages,
    sample: { shown: m.pages.length, total: c.pages, sampled: m.sample.sampled },
  };
  const genres = c.genre;
  const sections: string[] = [];
  sections.push(`<section id="gallery"><h2>Pages</h2><p class="note" id="sample-note">Showing ${esc(m.sample.description)}. Boxes are drawn over each page in their class colour; click a page to open it large (wheel or +/− to zoom, drag to pan, ←/→ for the previous/next page).</p><div class="pager"></div><div id="grid"></div><div class="pager"></div><noscript><p class="warn">The gallery needs JavaScript.</p></noscript></section>`);
  sections.push(
    `<section id="counts"><h2>Counts</h2><p class="note">Over all ${n0(c.pages)} pages of the run (classes from annotations.json; genre = the network's <code>template</code> node, language and effects profile from specs.jsonl).</p><div class="tables"><div><h3>Classes</h3>${classTable(c)}</div>${groupTable('genre-counts', 'Genre', genres, c.pages)}${groupTable('language-counts', 'Language', c.language, c.pages)}${c.profile.length ? groupTable('profile-counts', 'Effects profile', c.profile, c.pages) : ''}</div></section>`,
  );
  sections.push(sizesSection(m.histograms, c.classes));
  if (m.compare) sections.push(compareSection(m.compare));
  if (m.experiment) sections.push(experimentSection(m.experiment));
  const nav = [['gallery', 'Pages'], ['counts', 'Counts'], ['sizes', 'Box sizes'], ...(m.compare ? [['compare', 'Compare']] : []), ...(m.experiment ? [['experiment', 'Experiment']] : [])];
  const rec = m.record;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="${GENERATOR}">
<title>${esc(`pagesynth report: ${m.runName}`)}</title>
<style>${CSS}
${categoryCss(c.classes)}</style></head>
<body>
<header><h1>pagesynth report: ${esc(m.runName)}</h1>
<p class="sub">${runFacts.join(' · ')}</p>
<p class="sub">run <code>${esc(m.runPath)}</code>${rec?.finished ? ` · finished ${esc(when(rec.finished)!)}` : ''} · report made ${esc(m.generated)}</p>
${m.notes.map((n) => `<p class="warn">${esc(n)}</p>`).join('')}
<nav>${nav.map(([h, t]) => `<a href="#${h}">${t}</a>`).join('')}</nav></header>
<div class="layout"><aside><h2>Classes</h2>${classToggles(c.classes)}
<div class="totals">${n0(c.boxes)} boxes on ${n0(c.pages)} pages (whole run)</div>
<h2 style="margin-top:16px">Gallery filter</h2><div class="filters"><label>Genre<select id="f-genre"><option value="">all genres</option>${optionList(m.pages.map((p) => p.genre))}</select></label><label>Language<select id="f-language"><option value="">all languages</option>${optionList(m.pages.map((p) => p.language))}</select></label></div>
${kv([
  ['status', rec?.status],
  ['started', when(rec?.started)],
  ['pagesynth', str(rec?.versions?.pagesynth)],
  ['format', str(id.format)],
])}</aside>
<main>${sections.join('\n')}</main></div>
<div id="viewer" hidden role="dialog" aria-modal="true" aria-label="Page viewer"><div class="vbar"><button type="button" id="v-prev" title="Previous page (←)">‹ Prev</button><button type="button" id="v-next" title="Next page (→)">Next ›</button><span id="v-title"></span><span class="spacer"></span><button type="button" id="v-out" title="Zoom out (−)">−</button><span id="v-zoom">100%</span><button type="button" id="v-in" title="Zoom in (+)">+</button><button type="button" id="v-fit" title="Toggle fit / 100% (0 / 1)">100%</button><button type="button" id="v-close" title="Close (Esc)">✕ Close</button></div><div id="v-wrap"><div id="v-stage"><img id="v-img" alt=""></div></div><div id="v-info"></div></div>
${jsonScript('report-data', data)}
<script>${CLIENT_JS}</script>
</body></html>
`;
}
