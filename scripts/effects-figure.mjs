#!/usr/bin/env node
// docs/effects.png: one page through each effect (heavy level), its region boxes drawn (colour = class) and, after
// geometric effects, the segmentation polygons (green); orange boxes are crowds (src/effects/boxes.ts). Each tile shows
// the page's top half at full resolution scaled down, so noise and blur stay visible.
// Usage: npm run build && node scripts/effects-figure.mjs [SEED] [OUT]
import { writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import sharp from 'sharp';
import { COLORS } from './figure-boxes.mjs';
import { defaultEffects } from '../dist/effects/index.js';
import { compileNetwork, loadNetwork, parseInterventions, samplePageSpec } from '../dist/network/index.js';
import { createRng, deriveSeed } from '../dist/random/index.js';
import { PageRenderer } from '../dist/pipeline/index.js';

const seed = Number(process.argv[2] ?? 6);
const out = process.argv[3] ?? 'docs/effects.png';
const net = compileNetwork((await loadNetwork('default')).def);
const renderer = new PageRenderer();
const spec = samplePageSpec(net, { index: 0, seed: deriveSeed(seed, 0), interventions: parseInterventions(['template=report', 'language=en', 'page_size=a4', 'effects.profile=clean'], net) });
const drawn = await renderer.draw(spec, { dpi: 150 });

async function tile(label, image, regions) {
  const png = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
  const c = createCanvas(image.width, image.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(await loadImage(png), 0, 0);
  for (const r of regions) {
    if (r.parent !== undefined) continue;
    if (r.polygon) {
      ctx.strokeStyle = '#00a000';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (let i = 0; i < r.polygon.length; i += 2) (i ? ctx.lineTo : ctx.moveTo).call(ctx, r.polygon[i], r.polygon[i + 1]);
      ctx.closePath();
      ctx.stroke();
    }
    ctx.strokeStyle = r.crowd ? '#ff9900' : (COLORS[r.category] ?? '#000000');
    ctx.lineWidth = 2;
    ctx.strokeRect(r.box.x0 - 0.5, r.box.y0 - 0.5, r.box.x1 - r.box.x0 + 1, r.box.y1 - r.box.y0 + 1);
  }
  return { label, c };
}

const tiles = [await tile('clean', { width: drawn.width, height: drawn.height, data: drawn.rgba }, drawn.regions)];
for (const e of defaultEffects.list()) {
  const params = e.sample(createRng(seed).fork(`effect:${e.name}`), 'heavy');
  const r = await renderer.applyEffects(drawn, 150, [{ name: e.name, level: 'heavy', params }]);
  tiles.push(await tile(e.name, r.image, r.regions));
}
const cols = 4, tw = 450, th = 330, head = 20;
const rows = Math.ceil(tiles.length / cols);
const sheet = createCanvas(cols * tw, rows * (th + head));
const s = sheet.getContext('2d');
s.fillStyle = '#d9d9d9';
s.fillRect(0, 0, sheet.width, sheet.height);
tiles.forEach(({ label, c }, i) => {
  const x = (i % cols) * tw, y = Math.floor(i / cols) * (th + head);
  // The page's top half, scaled to the tile.
  const sw = c.width, sh = Math.round(c.height * 0.5);
  const k = Math.min((tw - 8) / sw, (th - 4) / sh);
  const crop = createCanvas(Math.round(sw * k), Math.round(sh * k));
  const cc = crop.getContext('2d');
  cc.scale(k, k);
  cc.drawImage(c, 0, 0);
  s.drawImage(crop, x + 4, y + head);
  s.fillStyle = '#111111';
  s.font = 'bold 14px "Liberation Sans"';
  s.fillText(label, x + 6, y + 15);
});
writeFileSync(out, sheet.toBuffer('image/png'));
console.log(`wrote ${out} (${tiles.length} tiles)`);
