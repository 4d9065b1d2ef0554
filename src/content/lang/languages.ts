/**
 * The languages a page can be written in (the network's `language` node, BCP 47 tags), with what the rest of the
 * pipeline needs to know about each: its script (which fonts can draw it), its direction, whether words are
 * separated by spaces, its hyphenation patterns, its faker locale and its Intl locale (numbers, dates, currencies).
 */
import type { Script } from '../../render/font-catalogue.js';
import { UsageError } from '../../errors.js';

export type { Script };

export interface Language {
  /** BCP 47 tag as the network names it. */
  tag: string;
  /** English name. */
  name: string;
  script: Script;
  dir: 'ltr' | 'rtl';
  /**
   * How lines break: 'space' between space-separated words (with hyphenation where `hyphen` is set); 'segment' between
   * the words of ICU's dictionary segmenter (Intl.Segmenter: Chinese, Japanese, Thai), punctuation kept with its word.
   */
  breaks: 'space' | 'segment';
  /** Folder of the `hyphen` package's patterns for this language (undefined: no hyphenation). */
  hyphen?: string;
  /** faker locale module (in @faker-js/faker's exports); undefined: names come from the corpus's own lists. */
  faker?: string;
  /** Intl locale for numbers, dates and currencies. */
  intl: string;
  /** ISO 4217 currency printed on invoices and receipts. */
  currency: string;
}

const L = (tag: string, name: string, script: Script, intl: string, currency: string, more: Partial<Language> = {}): Language => ({
  tag,
  name,
  script,
  dir: 'ltr',
  breaks: 'space',
  intl,
  currency,
  faker: tag,
  ...more,
});

/** Every supported language, in the network's value order. */
export const LANGUAGES: readonly Language[] = [
  L('en', 'English', 'latin', 'en-US', 'USD', { hyphen: 'en-us' }),
  L('de', 'German', 'latin', 'de-DE', 'EUR', { hyphen: 'de' }),
  L('fr', 'French', 'latin', 'fr-FR', 'EUR', { hyphen: 'fr' }),
  L('es', 'Spanish', 'latin', 'es-ES', 'EUR', { hyphen: 'es' }),
  L('pt', 'Portuguese', 'latin', 'pt-PT', 'EUR', { hyphen: 'pt', faker: 'pt_PT' }),
  L('it', 'Italian', 'latin', 'it-IT', 'EUR', { hyphen: 'it' }),
  L('pl', 'Polish', 'latin', 'pl-PL', 'PLN', { hyphen: 'pl' }),
  L('tr', 'Turkish', 'latin', 'tr-TR', 'TRY', { hyphen: 'tr' }),
  L('vi', 'Vietnamese', 'vietnamese', 'vi-VN', 'VND'),
  L('ru', 'Russian', 'cyrillic', 'ru-RU', 'RUB', { hyphen: 'ru' }),
  L('uk', 'Ukrainian', 'cyrillic', 'uk-UA', 'UAH', { hyphen: 'uk' }),
  L('el', 'Greek', 'greek', 'el-GR', 'EUR', { hyphen: 'el-monoton' }),
  L('zh', 'Chinese (Simplified)', 'hans', 'zh-CN', 'CNY', { breaks: 'segment', faker: 'zh_CN' }),
  L('zh-Hant', 'Chinese (Traditional)', 'hant', 'zh-TW', 'TWD', { breaks: 'segment', faker: 'zh_TW' }),
  L('ja', 'Japanese', 'japanese', 'ja-JP', 'JPY', { breaks: 'segment' }),
  L('ko', 'Korean', 'hangul', 'ko-KR', 'KRW'),
  L('ar', 'Arabic', 'arabic', 'ar-EG', 'EGP', { dir: 'rtl' }),
  L('fa', 'Persian', 'arabic', 'fa-IR', 'IRR', { dir: 'rtl' }),
  L('he', 'Hebrew', 'hebrew', 'he-IL', 'ILS', { dir: 'rtl' }),
  L('hi', 'Hindi', 'devanagari', 'hi-IN', 'INR', { faker: 'en_IN' }),
  L('th', 'Thai', 'thai', 'th-TH', 'THB', { breaks: 'segment' }),
];

const BY_TAG = new Map(LANGUAGES.map((l) => [l.tag, l]));

/** Every supported tag, in order. */
export const LANGUAGE_TAGS: readonly string[] = LANGUAGES.map((l) => l.tag);

/**
 * The language of a tag; an unknown tag is a ConfigError listing the known ones.
 * @example language('ar').dir // 'rtl'
 */
export function language(tag: string): Language {
  const l = BY_TAG.get(tag);
  if (!l) throw new UsageError(`unknown language "${tag}"; known: ${LANGUAGE_TAGS.join(', ')}`);
  return l;
}

/** The language a page spec is written in (its `language` value; English when the network has no such node). */
export function languageOf(values: Readonly<Record<string, unknown>>): Language {
  const v = values.language;
  return typeof v === 'string' ? language(v) : BY_TAG.get('en')!;
}
