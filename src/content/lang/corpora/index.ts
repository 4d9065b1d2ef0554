/** The bundled corpora, by language tag (English uses the genre vocabularies in content/vocab instead). */
import type { Corpus } from '../types.js';
import { corpus as ar } from './ar.js';
import { corpus as de } from './de.js';
import { corpus as el } from './el.js';
import { corpus as es } from './es.js';
import { corpus as fa } from './fa.js';
import { corpus as fr } from './fr.js';
import { corpus as he } from './he.js';
import { corpus as hi } from './hi.js';
import { corpus as it } from './it.js';
import { corpus as ja } from './ja.js';
import { corpus as ko } from './ko.js';
import { corpus as pl } from './pl.js';
import { corpus as pt } from './pt.js';
import { corpus as ru } from './ru.js';
import { corpus as th } from './th.js';
import { corpus as tr } from './tr.js';
import { corpus as uk } from './uk.js';
import { corpus as vi } from './vi.js';
import { corpus as zh } from './zh.js';
import { corpus as zhHant } from './zh-Hant.js';

export const CORPORA: Readonly<Record<string, Corpus>> = { ar, de, el, es, fa, fr, he, hi, it, ja, ko, pl, pt, ru, th, tr, uk, vi, zh, 'zh-Hant': zhHant };
