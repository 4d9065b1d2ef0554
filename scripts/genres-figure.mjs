#!/usr/bin/env node
// docs/genres.png: one page of each genre of the default network, its region boxes drawn (colour = class).
// Usage: npm run build && node scripts/genres-figure.mjs [SEED] [OUT]
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { COLORS, pageWithBoxes } from './figure-boxes.mjs';
import { defaultKinds, withKindDefaults } from '../dist/kinds/index.js';
import { compileNetwork, genresOf, loadNetwork, parseInterventions, samplePageSpec } from '../dist/network/index.js';
import { deriveSeed } from '../dist/random/index.js';
import { PageRenderer } from '../dist/pipeline/index.js';

const seed = Number(process.argv[2] ?? 3);
const out = process.argv[3] ?? 'docs/genres.png';
const loaded = await loadNetwork('default');
const net = compileNetwork(withKindDefaults(loaded.def, defaultKinds));
const renderer = new PageRenderer();
const tiles = [];
for (const [k, genre] of genresOf(loaded.def).entries()) {
  const spec = samplePageSpec(net, { index: k, seed: deriveSeed(seed, k, genre), interventions: parseInterventions([`template=${genre}`], net) });
  const page = await renderer.render(spec, { format: 'png', dpi: 72, pngLevel: 1, jpegQuality: 90 });
  const c = await pageWithBoxes(page);
  tiles.push({ genre, c });
}
const cols = 6;
const tw = 300;
const th = 400;
const legendH = 46;
const rows = Math.ceil(tiles.length / cols);
const sheet = createCanvas(cols * tw, rows * (th + 22) + legendH);
const s = sheet.getContext('2d');
s.fillStyle = '#d9d9d9';
s.fillRect(0, 0, sheet.width, sheet.height);
tiles.forEach(({ genre, c }, i) => {
  const x = (i % cols) * tw;
  const y = Math.floor(i / cols) * (th + 22);
  const k = Math.min((tw - 10) / c.width, (th - 6) / c.height);
  const w = c.width * k;
  s.drawImage(c, x + (tw - w) / 2, y + 22, w, c.height * k);
  s.fillStyle = '#111111';
  s.font = 'bold 15px "Liberation Sans"';
  s.fillText(genre, x + (tw - w) / 2, y + 16);
});
let lx = 8;
let ly = rows * (th + 22) + 18;
s.font = '13px "Liberation Sans"';
for (const [name, color] of Object.entries(COLORS)) {
  if (name === 'Form' || name === 'Page-footer') continue;
  const label = name === 'Page-header' ? 'Page-header/footer' : name;
  const w = s.measureText(label).width + 30;
  if (lx + w > sheet.width) {
    lx = 8;
    ly += 20;
  }
  s.strokeStyle = color;
  s.lineWidth = 2.5;
  s.strokeRect(lx, ly - 10, 14, 12);
  s.fillStyle = '#111111';
  s.fillText(label, lx + 19, ly);
  lx += w;
}
writeFileSync(out, sheet.toBuffer('image/png'));
console.log(`${out}: ${tiles.length} genres`);
