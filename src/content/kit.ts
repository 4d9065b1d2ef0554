/**
 * The toolkit a kind's filler works with: the block's own random stream and seeded faker, its fonts, the shared
 * word-width cache, and builders for common content (wrapped text with a bold lead-in). `fillPage` makes one per
 * block and hands it to the block kind's part.
 */
import type { Faker } from '@faker-js/faker';
import type { LayoutBlock, PageLayout, TextStyle } from '../layout/index.js';
import type { Rng } from '../random/index.js';
import { createRng, deriveSeed } from '../random/index.js';
import type { PageSpec } from '../types.js';
import type { BlockContent, TextContent } from './fill.js';
import type { TextLine, WordWidthCache } from './text.js';
import { seededFaker } from './text.js';
import { fakerFor } from './lang/source.js';
import { languageOf, type Language, type Script } from './lang/languages.js';
import { textSource, type TextSource } from './lang/source.js';

/** What content generation needs from its thread: a faker to re-seed and a word-width cache. */
export interface ContentContext {
  faker: Faker;
  cache: WordWidthCache;
}

/**
 * How content names fonts without depending on canvas: render/fonts.ts's FONTS implements it (a family's CSS family
 * list for a script, and the CSS font of a style with the written bold/italic fallback rule).
 */
export interface FontResolver {
  css(style: Pick<TextStyle, 'family' | 'sizePx' | 'bold' | 'italic'>, script: Script): string;
  stack(key: string, script: Script): string;
}

export function cssFont(style: Pick<TextStyle, 'family' | 'sizePx' | 'bold' | 'italic'>, fonts: FontResolver, script: Script = 'latin'): string {
  return fonts.css(style, script);
}

export function alignX(align: TextStyle['align'], width: number, lineWidth: number): number {
  if (align === 'center') return Math.max(0, (width - lineWidth) / 2);
  if (align === 'right') return Math.max(0, width - lineWidth);
  return 0;
}

/** One block's filling toolkit. */
export interface FillKit {
  spec: PageSpec;
  /** The whole page's layout (a paragraph looks up the footnotes it refers to). */
  page: PageLayout;
  block: LayoutBlock;
  /** The block's own stream (split paragraphs share their element's stream). */
  rng: Rng;
  /** Faker seeded from `rng`. */
  f: Faker;
  cache: WordWidthCache;
  /** The CSS family list (quoted, comma-separated) of a family key for the page's script. */
  stackOf: (key: string) => string;
  /** CSS font of the block's style, and its bold variant. */
  font: string;
  boldFont: string;
  /** Usable width: the block's width less a pixel each side. */
  width: number;
  /** Genre of the page (`template` node). */
  genre: string;
  /** Language of the page (`language` node; English without one). */
  lang: Language;
  /** Where the words come from: the page's language and genre (headings, sentences, captions, labels, numbers). */
  source: TextSource;
  /** A CSS font for a variant of the block's style. */
  fontOf(style: Partial<TextStyle>): string;
  /** Text content from wrapped lines, aligned as the block's style says, with an optional lead-in. */
  text(lines: TextLine[], prefix?: TextContent['prefix']): TextContent;
  /** A bold lead-in ("Figure 3:", "2.1") with the space after it. */
  prefixOf(s: string, font?: string): NonNullable<TextContent['prefix']>;
}

function blockRng(spec: PageSpec, b: LayoutBlock, n: number): Rng {
  // Split paragraphs share the element's stream; everything else gets its own.
  const key = b.kind === 'paragraph' ? `p${b.element}` : `${b.kind}:${b.element}:${n}`;
  return createRng(deriveSeed(spec.seed, 0, `content:${key}`));
}

/** Makes the toolkit for block `n` of a page. */
export function fillKit(spec: PageSpec, page: PageLayout, n: number, ctx: ContentContext, fonts: FontResolver): FillKit {
  const b = page.blocks[n]!;
  const rng = blockRng(spec, b, n);
  const lang = languageOf(spec.values);
  const f = seededFaker(lang.tag === 'en' ? ctx.faker : fakerFor(lang), rng);
  const fontOf = (s: Partial<TextStyle>) => fonts.css({ ...b.style, ...s }, lang.script);
  const font = fontOf({});
  const boldFont = fontOf({ bold: true });
  const width = b.rect.x1 - b.rect.x0 - 2; // keep a pixel clear of the clip on both sides
  const cache = ctx.cache;
  const genre = typeof spec.values.template === 'string' ? spec.values.template : 'scientific';
  const source = textSource(lang.tag, genre);
  return {
    spec,
    page,
    block: b,
    rng,
    f,
    cache,
    stackOf: (key) => fonts.stack(key, lang.script),
    font,
    boldFont,
    width,
    genre,
    lang,
    source,
    fontOf,
    text: (lines, prefix) => ({
      type: 'text',
      font,
      lines,
      prefix,
      lineX: lines.map((l, k) => alignX(b.style.align, width, l.width + (k === 0 && prefix ? prefix.width : 0)) + 1),
    }),
    prefixOf: (s, pf = boldFont) => ({ text: s, font: pf, width: cache.width(pf, s) + cache.width(font, ' ') }),
  };
}

/** A filler returning content for one block, looked up by block kind. */
export type BlockFiller = (b: LayoutBlock, kit: FillKit) => BlockContent;
