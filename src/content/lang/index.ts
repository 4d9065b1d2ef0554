export { LANGUAGES, LANGUAGE_TAGS, language, languageOf, type Language, type Script } from './languages.js';
export { textSource, fakerFor, segmentTokens, localiseNumber, type TextSource, type SentenceMode } from './source.js';
export type { Corpus, Domain, Labels } from './types.js';
