/**
 * Milliseconds per effect on A4 pages at 150 dpi (1240 x 1754), warm, against Augraphy's own benchmark on a 2-core
 * machine (Augraphy 8.2 README, Tobacco3482 resumes): an effect whose Augraphy counterpart needs more than 50 ms should
 * be at least ten times faster here, and none slower than its counterpart.
 */
import { defaultEffects, type OnLevel } from '../effects/index.js';
import { compileNetwork, loadNetwork, parseInterventions, samplePageSpec } from '../network/index.js';
import { PageRenderer, type DrawnPage } from '../pipeline/index.js';
import { createRng, deriveSeed } from '../random/index.js';

export interface EffectBench {
  name: string;
  stage: string;
  geometric: boolean;
  /** Median milliseconds of the image transform, and of carrying the boxes (geometric and erasing effects). */
  imageMs: number;
  boxesMs: number;
  augraphy?: { name: string; ms: number; limitMs: number; ok: boolean };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs every effect `runs` times at `level` over four clean A4 pages of different genres. */
export async function benchEffects(level: OnLevel = 'medium', runs = 9): Promise<EffectBench[]> {
  const net = compileNetwork((await loadNetwork('default')).def);
  const renderer = new PageRenderer();
  const pages: DrawnPage[] = [];
  for (const [i, t] of [[1, 'report'], [2, 'invoice'], [3, 'scientific'], [4, 'magazine']] as const) {
    const spec = samplePageSpec(net, { index: i, seed: deriveSeed(11, i), interventions: parseInterventions([`template=${t}`, 'language=en', 'page_size=a4', 'effects.profile=clean'], net) });
    pages.push(await renderer.draw(spec, { dpi: 150 }));
  }
  const out: EffectBench[] = [];
  for (const e of defaultEffects.list()) {
    const image: number[] = [], boxes: number[] = [];
    for (let k = 0; k < runs + 2; k++) {
      const params = e.sample(createRng(k).fork(`effect:${e.name}`), level);
      const r = await renderer.applyEffects(pages[k % pages.length]!, 150, [{ name: e.name, level, params }]);
      if (k < 2) continue; // warm-up
      image.push(r.timings[e.name]!);
      boxes.push(r.timings.boxes ?? 0);
    }
    const imageMs = median(image);
    const row: EffectBench = { name: e.name, stage: e.stage, geometric: e.geometric, imageMs, boxesMs: median(boxes) };
    if (e.augraphy) {
      const ms = 1000 / e.augraphy.imagesPerSecond;
      const limitMs = ms > 50 ? ms / 10 : ms;
      row.augraphy = { name: e.augraphy.name, ms, limitMs, ok: imageMs <= limitMs };
    }
    out.push(row);
  }
  return out;
}
