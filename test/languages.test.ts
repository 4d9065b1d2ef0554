/**
 * Every script: font coverage of the text of 15 sampled pages per language (50 in `npm run bench:checks`; no drawing), boxes tight to the ink on
 * rendered pages of every language (regions, lines and words), right-to-left pages mirrored with their words in bidi
 * order, CJK and Thai lines broken between segmenter words with punctuation kept on the right side, localised captions
 * and numbers, hyphenation beyond English, the font rules (script fallback, no synthetic bold, loud missing glyphs)
 * and lazy font loading.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFaker, fillPage, WordWidthCache, type BlockContent, type TextContent } from '../src/content/index.js';
import { mirrorText, visualOrder, wordLevels } from '../src/content/lang/bidi.js';
import { language, LANGUAGE_TAGS, segmentTokens, textSource } from '../src/content/lang/index.js';
import { hyphenPrefixes } from '../src/content/text.js';
import { FontError } from '../src/errors.js';
import { defaultKinds } from '../src/kinds/index.js';
import { localMarker } from '../src/kinds/list.js';
import { compileNetwork, loadNetwork, samplePageSpec, type Network } from '../src/network/index.js';
import { layoutSpec, PageRenderer } from '../src/pipeline/index.js';
import { textContentOf } from '../src/pipeline/text-boxes.js';
import { createRng, deriveSeed } from '../src/random/index.js';
import { layoutTable, mirrorTable, sampleTable } from '../src/content/tables/index.js';
import { checkCoverage, createMeasurer, cssFontOf, DEFAULT_ENCODE, fontInfo, FONTS, fontStack, missingGlyph, resolveFamily } from '../src/render/index.js';
import { FONT_CATALOGUE } from '../src/render/font-catalogue.js';
import { SUB_REGION_KINDS, WORD, type PageSpec, type XYXY } from '../src/types.js';

/**
 * Pages per language of the coverage check: 15 in `npm test`, 50 under PAGESYNTH_FULL_CHECKS=1 (`npm run bench:checks`,
 * bench/checks.config.ts), which also draws 4 pages per language for the ink check instead of 2.
 */
const FULL = process.env.PAGESYNTH_FULL_CHECKS === '1';
const COVERAGE_PAGES = FULL ? 50 : 15;
const INK_PAGES = FULL ? 4 : 2;

let net: Network;
beforeAll(async () => {
  net = compileNetwork((await loadNetwork('default')).def);
});

const specOf = (lang: string, i: number, master = 31): PageSpec => samplePageSpec(net, { index: i, seed: deriveSeed(master, i), interventions: { language: lang, 'effects.profile': 'clean' } });

/** Every string a block's content draws, with the CSS font it is drawn in. */
function strings(c: BlockContent, blockFont: string): Array<[string, string]> {
  const t = textContentOf(c);
  const out: Array<[string, string]> = [];
  if (t) {
    if (t.prefix) out.push([t.prefix.text, t.prefix.font]);
    t.lines.forEach((l, k) => l.words.forEach((w, j) => {
      if (!t.inline?.some((m) => m.line === k && m.word === j)) out.push([w, t.font]);
    }));
    for (const m of t.marks ?? []) out.push([m.text, m.font]);
  }
  if (c.type === 'custom') {
    // Custom content (tables, charts, forms, pictures): every string it holds, checked against the block's font chain.
    const walk = (v: unknown, key: string): void => {
      if (typeof v === 'string') {
        if (!/^(font|bold|hand|color|colour|fill|tint|accent|family|palette|kind|theme|look|style|shape|type|align|valign|role|legend|grid|heatScale|layout|mark)s?$/i.test(key) && !v.startsWith('#')) out.push([v, blockFont]);
      } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'text' || !t) walk(x, k);
    };
    walk(c.data, '');
  }
  return out;
}

describe('languages: font coverage of the text of sampled pages', () => {
  it.each(LANGUAGE_TAGS.map((t) => [t]))(`%s: ${COVERAGE_PAGES} pages, zero missing glyphs`, (tag) => {
    // Widths from character counts instead of canvas measures: the text sampled is what is checked, and this keeps
    // 21 x 50 pages fast (line breaks differ a little from a real render; the words and characters do not).
    const approx = (font: string, text: string) => [...text].length * Number(/([\d.]+)px/.exec(font)?.[1] ?? 12) * 0.55;
    const ctx = { faker: createFaker(), cache: new WordWidthCache(approx) };
    const lang = language(tag);
    let checked = 0;
    for (let i = 0; i < COVERAGE_PAGES; i++) {
      const spec = specOf(tag, i);
      const layout = layoutSpec(spec, 100);
      const contents = fillPage(spec, layout, ctx, FONTS, (k) => defaultKinds.part(k).fill);
      contents.forEach((c, n) => {
        const font = cssFontOf(layout.blocks[n]!.style, lang.script);
        for (const [s, f] of strings(c, font)) {
          const miss = missingGlyph(s, f);
          // expect() only on a miss: its message costs more than the check, over thousands of strings.
          if (miss !== null) expect(miss, `${tag} page ${i} block ${layout.blocks[n]!.kind}: "${s}" in ${f.slice(0, 60)}`).toBeNull();
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(20 * COVERAGE_PAGES);
  });
});

/** "Is (x, y) ink" on a decoded page: anything not pure white. */
async function inkOf(png: Uint8Array) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const ch = info.channels;
  const at = (x: number, y: number) => (y * info.width + x) * ch;
  return {
    ink: (x: number, y: number) => { const o = at(x, y); return data[o] !== 255 || data[o + 1] !== 255 || data[o + 2] !== 255; },
    dark: (x: number, y: number) => { const o = at(x, y); return data[o]! < 160 || data[o + 1]! < 160 || data[o + 2]! < 160; },
    width: info.width,
    height: info.height,
  };
}

describe('languages: boxes tight to the ink in every script', () => {
  let renderer: PageRenderer;
  beforeAll(() => {
    renderer = new PageRenderer();
  });

  it.each(LANGUAGE_TAGS.map((t) => [t]))('%s: regions, lines and words hold their ink, each edge within 2 px', async (tag) => {
    let words = 0;
    for (let i = 0; i < INK_PAGES; i++) {
      // White paper and no decorations, so that every non-white pixel is a block's ink.
      const base = specOf(tag, i, 77);
      const spec = { ...base, values: { ...base.values, paper_color: '#ffffff', watermark: 'none', header_band: false, page_border: false, line_numbers: false, column_rules: false } };
      const page = await renderer.render(spec, DEFAULT_ENCODE);
      const { ink, dark, width, height } = await inkOf(page.image);
      const near = (b: XYXY) => {
        const row = (y: number) => { for (let x = b.x0; x < b.x1; x++) if (ink(x, y)) return true; return false; };
        const col = (x: number) => { for (let y = b.y0; y < b.y1; y++) if (ink(x, y)) return true; return false; };
        const n = (edge: (d: number) => boolean) => [0, 1, 2].some(edge);
        return n((d) => row(b.y0 + d)) && n((d) => row(b.y1 - 1 - d)) && n((d) => col(b.x0 + d)) && n((d) => col(b.x1 - 1 - d));
      };
      const top = page.regions.filter((r) => !SUB_REGION_KINDS.includes(r.kind));
      const covered = new Uint8Array(width * height);
      for (const r of top) for (let y = r.box.y0; y < r.box.y1; y++) covered.fill(1, y * width + r.box.x0, y * width + r.box.x1);
      let stray = 0;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (!covered[y * width + x] && ink(x, y)) stray++;
      expect(stray, `${tag} page ${i}: ink outside every region`).toBe(0);
      // expect() only on a failure: thousands of words a page.
      for (const r of page.regions) if (!near(r.box)) expect(false, `${tag} page ${i}: ${r.kind} ${JSON.stringify(r.box)} "${String(r.attributes?.text ?? '')}" not tight`).toBe(true);
      // Every glyph pixel (dark ink: a tinted note's ground is not a glyph) of a region with words lies in one of them.
      page.regions.forEach((r, k) => {
        const ws = page.regions.filter((w) => w.parent === k && w.kind === WORD);
        // A boxed note's frame or bar is part of its region but no word.
        if (!ws.length || r.kind === 'note') return;
        words += ws.length;
        // The region's pixels that lie in one of its words (a mask: testing every word at every pixel is slow).
        const { x0, y0, x1, y1 } = r.box;
        const bw = x1 - x0;
        const inWord = new Uint8Array(bw * Math.max(0, y1 - y0));
        for (const w of ws) {
          const wx0 = Math.max(w.box.x0, x0) - x0;
          const wx1 = Math.min(w.box.x1, x1) - x0;
          for (let y = Math.max(w.box.y0, y0); y < Math.min(w.box.y1, y1); y++) if (wx1 > wx0) inWord.fill(1, (y - y0) * bw + wx0, (y - y0) * bw + wx1);
        }
        let missed = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (dark(x, y) && !inWord[(y - y0) * bw + x - x0]) missed++;
        expect(missed, `${tag} page ${i}: ink of ${r.kind} ${k} ${JSON.stringify(r.box)} outside its words`).toBe(0);
      });
    }
    expect(words).toBeGreaterThan(100);
  });

  it('renders the same bytes for the same spec in every script', async () => {
    for (const tag of ['ar', 'ja', 'hi', 'th']) {
      const a = await renderer.render(specOf(tag, 5), DEFAULT_ENCODE);
      const b = await new PageRenderer().render(specOf(tag, 5), DEFAULT_ENCODE);
      expect(Buffer.from(a.image).equals(Buffer.from(b.image)), tag).toBe(true);
    }
  });
});

describe('right-to-left text', () => {
  it('resolves word levels and visual order by the bidi algorithm', () => {
    expect(wordLevels(['مرحبا', 'PDF', '2024', 'عالم'])).toEqual([1, 2, 2, 1]);
    expect(visualOrder([1, 1, 1])).toEqual([2, 1, 0]);
    // A Latin run inside Arabic keeps its own order; the sentence reads from the right.
    expect(visualOrder([1, 2, 2, 1])).toEqual([3, 1, 2, 0]);
    expect(visualOrder([0, 0])).toEqual([0, 1]);
  });

  it('mirrors a line in its block: a start-aligned line ends at the right edge, the lead-in goes right', () => {
    const width = (_f: string, s: string) => s.length * 10;
    const c: TextContent = { type: 'text', font: 'f', lines: [{ words: ['אבג', 'דה'], xs: [0, 40], width: 60, justified: false }], lineX: [1], prefix: { text: '•', font: 'f', width: 20 } };
    const m = mirrorText(c, 200, width);
    // Logical span [21, 81] in a 200 px block becomes [119, 179]; the first word (read first) is the rightmost.
    expect(m.lineX[0]).toBe(119);
    expect(m.lines[0]!.xs[0]).toBeGreaterThan(m.lines[0]!.xs[1]!);
    expect(m.prefix!.x).toBe(200 - 1 - 10);
    expect(m.dir).toBe('rtl');
    expect(m.lines[0]!.words).toEqual(['אבג', 'דה']);
  });

  it('mirrors tables on right-to-left pages: the first column is the rightmost, text stays inside its cell', () => {
    const measure = (_f: string, t: string) => t.length * 7;
    const spec = sampleTable(createRng(5), createFaker(), { genre: 'report', rows: 5, cols: 4 });
    const t = layoutTable(spec, { width: 600, fonts: { body: '12px x', header: 'bold 12px x' }, sizePx: 12, lineHeightPx: 16, measure });
    const m = mirrorTable(t);
    expect(m.rtl).toBe(true);
    expect(m.colX).toEqual(t.colX.map((x) => t.width - x).reverse());
    t.cells.forEach((c, k) => {
      const d = m.cells[k]!;
      expect(d.rect.x0).toBeCloseTo(t.width - c.rect.x1, 6);
      expect(d.rect.x1).toBeCloseTo(t.width - c.rect.x0, 6);
      c.lines.forEach((l, j) => {
        const e = d.lines[j]!;
        expect(e.x + e.width).toBeCloseTo(t.width - l.x, 6);
        if (c.col === 0) expect(d.rect.x0).toBeGreaterThan(t.width / 2 - 1);
      });
    });
  });

  it('lays a right-to-left page out mirrored: first column on the right, words drawn right to left', () => {
    const ctx = { faker: createFaker(), cache: new WordWidthCache(createMeasurer()) };
    let checked = 0;
    for (let i = 0; i < 30 && checked < 5; i++) {
      // Hebrew (no extra leading) against English: the same geometry, mirrored.
      const base = specOf('he', i);
      const spec = { ...base, values: { ...base.values, columns: 2, frame_layout: 'flow' } };
      const rtl = layoutSpec(spec, 100);
      const ltr = layoutSpec({ ...spec, values: { ...spec.values, language: 'en' } }, 100);
      if (rtl.blocks.length !== ltr.blocks.length) continue;
      rtl.blocks.forEach((b, k) => {
        const o = ltr.blocks[k]!;
        expect(b.rect.x0).toBeCloseTo(rtl.width - o.rect.x1, 6);
        expect(b.rect.y0).toBe(o.rect.y0);
      });
      const contents = fillPage(spec, rtl, ctx, FONTS, (k) => defaultKinds.part(k).fill);
      contents.forEach((c, n) => {
        const t = textContentOf(c);
        if (!t || rtl.blocks[n]!.kind !== 'paragraph') return;
        expect(t.dir).toBe('rtl');
        const l = t.lines[0]!;
        const levels = wordLevels(l.words);
        // Two Hebrew words in a row: the one read first stands to the right.
        for (let j = 1; j < l.words.length; j++) if (levels[j - 1] === 1 && levels[j] === 1) expect(l.xs[j - 1]!).toBeGreaterThan(l.xs[j]!);
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('line breaking and hyphenation', () => {
  it('breaks CJK and Thai between segmenter words, never before closing or after opening punctuation', () => {
    const cases: Array<[string, string]> = [
      ['ja', '新しい地下鉄の路線が開通し、市の東部に住む人々の移動が便利になった。「本当に」と彼は言った。'],
      ['zh', '报告期内，线上销售渠道在总收入中的占比持续提升。（见表2）'],
      ['th', 'ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ การทดสอบนี้สำคัญ'],
    ];
    for (const [tag, text] of cases) {
      const t = segmentTokens(language(tag), text);
      expect(t.length).toBeGreaterThan(5);
      expect(t.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      for (const w of t) {
        expect(/^[。、，．」）』！？：；]/u.test(w), `${tag}: "${w}" starts with closing punctuation`).toBe(false);
        expect(/[「（『“]$/u.test(w), `${tag}: "${w}" ends with opening punctuation`).toBe(false);
      }
    }
    expect(segmentTokens(language('de'), 'Die  Straße ist lang.')).toEqual(['Die', 'Straße', 'ist', 'lang.']);
  });

  it('hyphenates justified text in other languages with their own patterns', () => {
    expect(hyphenPrefixes('Donaudampfschifffahrt', 'de').length).toBeGreaterThan(2);
    expect(hyphenPrefixes('государственный', 'ru').length).toBeGreaterThan(2);
    expect(hyphenPrefixes('administración', 'es').length).toBeGreaterThan(1);
  });
});

describe('localised text', () => {
  it('captions, page labels and numbers follow the language', () => {
    expect(textSource('ar', 'scientific').numbered('figure', 3)).toBe('الشكل ٣');
    expect(textSource('zh', 'report').numbered('table', 2)).toBe('表 2');
    expect(textSource('de', 'report').numbered('figure', 3)).toBe('Abbildung 3');
    expect(textSource('de', 'report').localize('1,234.50')).toBe('1.234,50');
    expect(textSource('fa', 'report').localize('12')).toBe('۱۲');
    // Amounts in the language's currency, with its minor units.
    expect(textSource('de', 'invoice').localize('$1,204.50')).toBe('1.204,50\u00a0€');
    expect(textSource('ja', 'invoice').localize('$1,204.50')).toBe('￥1,205');
    // List markers: digits and letters of the language.
    const kit = (tag: string) => ({ lang: language(tag), source: textSource(tag, 'report') });
    expect(localMarker('number', 2, kit('ar'))).toBe('٣.');
    expect(localMarker('letter', 2, kit('ru'))).toBe('(в)');
    expect(localMarker('letter', 1, kit('he'))).toBe('(ב)');
    expect(localMarker('roman', 3, kit('zh'))).toBe('4.');
    expect(localMarker('number', 2, kit('en'))).toBe('3.');
    // A repeated English header gets the same replacement every time.
    const s = textSource('fr', 'invoice');
    expect(s.localize('Unit price')).toBe(s.localize('Unit price'));
  });

  it('the default network stays mostly English with a tail of every language; --set language fixes it', () => {
    const n = 2000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = String(samplePageSpec(net, { index: i, seed: deriveSeed(3, i), interventions: {} }).values.language);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect((counts.get('en') ?? 0) / n).toBeGreaterThan(0.6);
    expect((counts.get('en') ?? 0) / n).toBeLessThan(0.75);
    expect(counts.size).toBeGreaterThanOrEqual(18);
    for (let i = 0; i < 20; i++) expect(specOf('ja', i).values.language).toBe('ja');
  });
});

describe('fonts', () => {
  it('has forty-odd families in every class, each family known with its licence', () => {
    expect(FONT_CATALOGUE.length).toBeGreaterThanOrEqual(40);
    for (const cls of ['serif', 'sans', 'slab', 'mono', 'condensed', 'display', 'handwriting'] as const) expect(FONT_CATALOGUE.filter((e) => e.class === cls).length, cls).toBeGreaterThanOrEqual(3);
    for (const e of FONT_CATALOGUE) expect(['OFL-1.1', 'Apache-2.0', 'MIT']).toContain(e.licence);
  });

  it('replaces a family that cannot draw the script by the written rule, and keeps one that can', () => {
    expect(resolveFamily('roboto', 'cyrillic')).toBe('roboto');
    const ar = resolveFamily('merriweather', 'arabic');
    expect(fontInfo(ar).scripts).toContain('arabic');
    expect(['serif', 'slab', 'display']).toContain(fontInfo(ar).class);
    expect(fontInfo(resolveFamily('roboto', 'hans')).scripts).toContain('hans');
    // The choice varies with the Latin family (a hash of its key), so pages still differ in face.
    const picks = new Set(['roboto', 'lato', 'inter', 'open-sans', 'fira-sans', 'work-sans'].map((k) => resolveFamily(k, 'arabic')));
    expect(picks.size).toBeGreaterThan(1);
  });

  it('draws a family without bold or italic upright and regular, never synthesised', () => {
    expect(fontInfo('bebas-neue').bold).toBe(false);
    expect(cssFontOf({ family: 'bebas-neue', sizePx: 12, bold: true, italic: true }, 'latin')).not.toMatch(/bold|italic/);
    expect(cssFontOf({ family: 'roboto', sizePx: 12, bold: true, italic: false }, 'latin')).toMatch(/^bold 12\.00px "ps roboto latin"/);
  });

  it('fails loudly on a character no font of the chain draws, naming the language, font and code point', () => {
    const latin = `12px ${fontStack('liberation-serif', 'latin')}`;
    expect(missingGlyph('naïve Łódź', latin)).toBeNull();
    expect(missingGlyph('日本', latin)).toBe('日');
    expect(() => checkCoverage('see 日本', latin, 'en')).toThrow(FontError);
    expect(() => checkCoverage('see 日本', latin, 'en')).toThrow(/language en.*U\+65E5/);
    expect(() => fontInfo('comic-sans')).toThrow(/unknown font family "comic-sans"/);
  });

  it('loads fonts lazily: English pages register no CJK, Arabic or Thai faces', () => {
    // A fresh process (the canvas font registry is one per process, common to its threads).
    const url = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
    const code = `
      const { PageRenderer } = await import(${url('../dist/pipeline/index.js')});
      const { compileNetwork, loadNetwork, samplePageSpec } = await import(${url('../dist/network/index.js')});
      const { deriveSeed } = await import(${url('../dist/random/index.js')});
      const { GlobalFonts } = await import('@napi-rs/canvas');
      const net = compileNetwork((await loadNetwork('default')).def);
      const r = new PageRenderer();
      for (let i = 0; i < 8; i++) await r.render(samplePageSpec(net, { index: i, seed: deriveSeed(9, i), interventions: { language: 'en' } }), { format: 'png', dpi: 72 });
      console.log(JSON.stringify(GlobalFonts.families.map((f) => f.family)));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: join(__dirname, '..') });
    expect(r.status, r.stderr).toBe(0);
    const names = JSON.parse(r.stdout.trim().split('\n').pop()!) as string[];
    expect(names.some((n) => n.startsWith('ps '))).toBe(true);
    expect(names.filter((n) => /^ps (noto-(sans|serif)-(sc|tc|jp|kr|arabic|thai|hebrew|devanagari)|biz-udpmincho|noto-naskh)/.test(n))).toEqual([]);
  });
});
