/**
 * The characters pages of a script can hold: every bundled corpus of a language written in it, the faker locale data
 * those languages draw names, places and dates from, and ASCII. Fonts use it to load only the parts of a CJK family
 * (fontsource splits them into a hundred unicode-range files) that such pages can need; the coverage check still
 * guards every string drawn.
 */
import { allLocales, type LocaleDefinition } from '@faker-js/faker';
import { CORPORA } from './corpora/index.js';
import { LANGUAGES, type Script } from './languages.js';

const cache = new Map<Script, Set<number>>();

/**
 * Code points that text of `script` can contain.
 * @example scriptCharset('hans').has('中'.codePointAt(0)!) // true
 */
export function scriptCharset(script: Script): Set<number> {
  let s = cache.get(script);
  if (s) return s;
  s = new Set<number>();
  for (let c = 0x20; c < 0x7f; c++) s.add(c);
  for (const l of LANGUAGES) {
    if (l.script !== script) continue;
    const parts: unknown[] = [CORPORA[l.tag]];
    const loc = l.faker ? (allLocales as Record<string, LocaleDefinition>)[l.faker] : undefined;
    if (loc) parts.push(loc);
    for (const ch of JSON.stringify(parts)) s.add(ch.codePointAt(0)!);
  }
  cache.set(script, s);
  return s;
}
