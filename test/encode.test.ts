import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PageRenderer } from '../src/pipeline/index.js';
import { compileNetwork, loadNetwork, parseInterventions, samplePageSpec } from '../src/network/index.js';
import { deriveSeed } from '../src/random/index.js';
import { DEFAULT_ENCODE, encodeImage } from '../src/render/index.js';
import { encodesGrey, isColourless } from '../src/render/encode.js';

const W = 320;
const H = 200;

/** An opaque grey page: white with grey "words" and an anti-aliased-looking ramp (every pixel R = G = B). */
function greyPage(): Buffer {
  const px = Buffer.alloc(W * H * 4, 255);
  for (let y = 20; y < H - 20; y += 16)
    for (let x = 16; x < W - 16; x++) {
      const v = (x * 7 + y * 13) % 256;
      if ((x >> 3) % 3 !== 0) px.fill(v, (y * W + x) * 4, (y * W + x) * 4 + 3);
    }
  return px;
}

/** `greyPage` with one pixel given colour at (x, y). */
function withColour(px: Buffer, x: number, y: number): Buffer {
  const c = Buffer.from(px);
  c[(y * W + x) * 4 + 2] = (c[(y * W + x) * 4 + 2]! + 1) % 256;
  return c;
}

async function decode(png: Uint8Array): Promise<{ rgb: Buffer; channels: number }> {
  const meta = await sharp(png).metadata();
  const rgb = await sharp(png).toColourspace('srgb').removeAlpha().raw().toBuffer();
  return { rgb, channels: meta.channels };
}

/** The RGB bytes of RGBA pixels. */
function rgbOf(rgba: Uint8Array): Buffer {
  const out = Buffer.alloc((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) out.set(rgba.subarray(i, i + 3), j);
  return out;
}

describe('encode: grey PNG for pages without colour', () => {
  it('isColourless finds the first coloured pixel anywhere, on aligned and unaligned buffers', () => {
    const page = greyPage();
    expect(isColourless(page)).toBe(true);
    for (const [x, y] of [[0, 0], [W - 1, H - 1], [100, 57]] as const) expect(isColourless(withColour(page, x, y))).toBe(false);
    // Alpha is not looked at.
    const a = Buffer.from(page);
    a[3] = 7;
    expect(isColourless(a)).toBe(true);
    // A view at an odd offset takes the byte path.
    const odd = Buffer.alloc(page.length + 1);
    page.copy(odd, 1);
    expect(isColourless(odd.subarray(1))).toBe(true);
    expect(isColourless(withColour(odd, 0, 50).subarray(1))).toBe(false);
  });

  it('a colourless page is a 1-channel PNG that decodes to the same pixels as its RGB version', async () => {
    const page = greyPage();
    const grey = await encodeImage(page, W, H, DEFAULT_ENCODE);
    const rgb = await encodeImage(page, W, H, { ...DEFAULT_ENCODE, grey: 'never' });
    const g = await decode(grey);
    const r = await decode(rgb);
    expect(g.channels).toBe(1);
    expect(r.channels).toBe(3);
    expect(g.rgb.equals(r.rgb)).toBe(true);
    expect(g.rgb.equals(rgbOf(page))).toBe(true);
    // The grey file is smaller.
    expect(grey.byteLength).toBeLessThan(rgb.byteLength);
    // Decoded as it is, one channel: the grey value of each pixel.
    const raw = await sharp(grey).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect(raw.info.channels).toBe(1);
    for (let i = 0; i < W * H; i += 97) expect(raw.data[i]).toBe(page[i * 4]);
  });

  it('a page with one coloured pixel stays RGB, pixel for pixel', async () => {
    const page = withColour(greyPage(), 200, 100);
    expect(encodesGrey(page, DEFAULT_ENCODE)).toBe(false);
    const png = await encodeImage(page, W, H, DEFAULT_ENCODE);
    const d = await decode(png);
    expect(d.channels).toBe(3);
    expect(d.rgb.equals(rgbOf(page))).toBe(true);
  });

  it('JPEG and grey: never stay RGB; a bad mode is refused naming the field', async () => {
    const page = greyPage();
    expect(encodesGrey(page, { format: 'jpeg' })).toBe(false);
    expect(encodesGrey(page, { format: 'png', grey: 'never' })).toBe(false);
    expect(encodesGrey(page, { format: 'png', grey: 'auto' })).toBe(true);
    expect((await sharp(await encodeImage(page, W, H, { ...DEFAULT_ENCODE, format: 'jpeg' })).metadata()).channels).toBe(3);
    expect(() => encodesGrey(page, { format: 'png', grey: 'always' as never })).toThrow(/grey must be 'auto' or 'never', got "always"/);
  });

  it('the same pixels give the same bytes, grey and RGB', async () => {
    const page = greyPage();
    const a = await encodeImage(page, W, H, DEFAULT_ENCODE);
    const b = await encodeImage(Buffer.from(page), W, H, DEFAULT_ENCODE);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = withColour(page, 3, 3);
    expect(Buffer.from(await encodeImage(c, W, H, DEFAULT_ENCODE)).equals(Buffer.from(await encodeImage(Buffer.from(c), W, H, DEFAULT_ENCODE)))).toBe(true);
  });
});

describe('encode: rendered pages', () => {
  let renderer: PageRenderer;
  let specs: ReturnType<typeof samplePageSpec>[];
  beforeAll(async () => {
    renderer = new PageRenderer();
    const net = compileNetwork((await loadNetwork('default')).def);
    const clean = parseInterventions(['effects.profile=clean'], net);
    specs = Array.from({ length: 8 }, (_, i) => samplePageSpec(net, { index: i, seed: deriveSeed(7, i), interventions: clean }));
  });

  it('each page is grey exactly when its pixels have no colour, decodes to its RGB version, and is the same bytes twice', async () => {
    let grey = 0;
    let colour = 0;
    for (const spec of specs) {
      const drawn = await renderer.draw(structuredClone(spec), { dpi: 150 });
      const page = await renderer.render(structuredClone(spec), DEFAULT_ENCODE);
      const again = await renderer.render(structuredClone(spec), DEFAULT_ENCODE);
      expect(Buffer.from(page.image).equals(Buffer.from(again.image))).toBe(true);
      const d = await decode(page.image);
      const isGrey = isColourless(drawn.rgba);
      expect(d.channels).toBe(isGrey ? 1 : 3);
      expect(d.rgb.equals(rgbOf(drawn.rgba))).toBe(true);
      if (isGrey) grey++;
      else colour++;
    }
    // Both kinds occur among these default pages.
    expect(grey).toBeGreaterThan(0);
    expect(colour).toBeGreaterThan(0);
  });
});
