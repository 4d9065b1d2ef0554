#!/usr/bin/env node
// docs/languages.png: one page per script of the default network (--set language=...), region boxes drawn in colour
// by class and word boxes in thin grey; a close-up strip under each page shows its words boxed at full size.
// Usage: npm run build && node scripts/languages-figure.mjs [SEED] [OUT]
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { pageWithBoxes } from './figure-boxes.mjs';
import { defaultKinds, withKindDefaults } from '../dist/kinds/index.js';
import { compileNetwork, loadNetwork, parseInterventions, samplePageSpec } from '../dist/network/index.js';
import { deriveSeed } from '../dist/random/index.js';
import { PageRenderer } from '../dist/pipeline/index.js';

const seed = Number(process.argv[2] ?? 5);
const out = process.argv[3] ?? 'docs/languages.png';
// One language per script (and both Chinese forms).
const LANGS = [['en', 'Latin (en)'], ['vi', 'Vietnamese (vi)'], ['ru', 'Cyrillic (ru)'], ['el', 'Greek (el)'], ['zh', 'Chinese, Simplified (zh)'], ['zh-Hant', 'Chinese, Traditional'], ['ja', 'Japanese (ja)'], ['ko', 'Korean (ko)'], ['ar', 'Arabic (ar)'], ['he', 'Hebrew (he)'], ['hi', 'Devanagari (hi)'], ['th', 'Thai (th)']];
const GENRES = ['scientific', 'report', 'magazine', 'book', 'newspaper', 'report', 'manual', 'invoice', 'scientific', 'legal', 'report', 'manual'];
const loaded = await loadNetwork('default');
const net = compileNetwork(withKindDefaults(loaded.def, defaultKinds));
const renderer = new PageRenderer();
const tiles = [];
for (const [k, [lang, label]] of LANGS.entries()) {
  const spec = samplePageSpec(net, { index: k, seed: deriveSeed(seed, k, lang), interventions: parseInterventions([`language=${lang}`, `template=${GENRES[k]}`, 'watermark=none'], net) });
  const page = await renderer.render(spec, { format: 'png', dpi: 100, pngLevel: 1, jpegQuality: 90 });
  const c = await pageWithBoxes(page, { words: true });
  // Close-up: the first text region with at least two lines, at full size.
  const para = page.regions.find((r) => r.parent === undefined && (r.category === 'Text' || r.category === 'List-item') && r.box.y1 - r.box.y0 > 40 && r.box.x1 - r.box.x0 > 250);
  tiles.push({ label, rtl: lang === 'ar' || lang === 'he', c, para });
}
const cols = 4;
const tw = 420;
const th = 560;
const zh = 110;
const rows = Math.ceil(tiles.length / cols);
const sheet = createCanvas(cols * tw, rows * (th + zh + 26));
const s = sheet.getContext('2d');
s.fillStyle = '#d9d9d9';
s.fillRect(0, 0, sheet.width, sheet.height);
tiles.forEach(({ label, rtl, c, para }, i) => {
  const x = (i % cols) * tw;
  const y = Math.floor(i / cols) * (th + zh + 26);
  const k = Math.min((tw - 12) / c.width, (th - 6) / c.height);
  const w = c.width * k;
  s.drawImage(c, x + (tw - w) / 2, y + 24, w, c.height * k);
  s.fillStyle = '#111111';
  s.font = 'bold 15px "Liberation Sans"';
  s.fillText(label, x + 8, y + 17);
  if (para) {
    const cw = Math.min(para.box.x1 - para.box.x0 + 8, tw - 12);
    const ch = Math.min(para.box.y1 - para.box.y0 + 8, zh - 8);
    s.fillStyle = '#ffffff';
    s.fillRect(x + 6, y + 24 + th, tw - 12, zh - 6);
    // Right-to-left text starts at the right: show the right end.
    s.drawImage(c, rtl ? para.box.x1 + 4 - cw : para.box.x0 - 4, para.box.y0 - 4, cw, ch, x + 6, y + 24 + th, cw, ch);
  }
});
writeFileSync(out, sheet.toBuffer('image/png'));
console.log(`${out}: ${tiles.length} languages`);
