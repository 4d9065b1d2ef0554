// Shared by the docs figure scripts: the colour of each class, and a rendered page drawn with its region boxes.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export const COLORS = { Title: '#e6194b', Text: '#4363d8', 'Section-header': '#f58231', 'List-item': '#3cb44b', Table: '#911eb4', Picture: '#f032e6', Caption: '#9a6324', Formula: '#469990', Footnote: '#808000', 'Page-header': '#808080', 'Page-footer': '#808080', Code: '#42d4f4', 'Key-Value Region': '#1b5e20', 'Checkbox-Selected': '#800000', 'Checkbox-Unselected': '#fabed4', 'Document Index': '#000075', Form: '#000000' };

/** A canvas with the rendered page and its top-level region boxes (colour = class); `words` also draws word boxes in grey. */
export async function pageWithBoxes(page, { words = false } = {}) {
  const img = await loadImage(Buffer.from(page.image));
  const c = createCanvas(page.width, page.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const stroke = (r, color, width) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.strokeRect(r.box.x0 - 0.5, r.box.y0 - 0.5, r.box.x1 - r.box.x0 + 1, r.box.y1 - r.box.y0 + 1);
  };
  if (words) for (const r of page.regions) if (r.kind === 'word') stroke(r, 'rgba(120,120,120,0.55)', 0.6);
  for (const r of page.regions) if (r.parent === undefined) stroke(r, COLORS[r.category] ?? '#000000', 1.5);
  return c;
}
