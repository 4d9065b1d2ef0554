/**
 * The MathJax engine, loaded lazily: the first call in a thread (main or worker) loads mathjax-full's TeX
 * input and SVG output (fontCache 'none', so every glyph is an inline `<path d>`) and keeps them for that
 * thread. mathjax-full v3 is CommonJS; it is loaded with `createRequire` so that `typeset()` stays synchronous.
 */
import { createRequire } from 'node:module';

/** A node of MathJax's lite DOM, as much of it as this module reads. */
export interface LiteNode {
  kind: string;
  attributes?: Record<string, unknown>;
  children?: LiteNode[];
  /** Text nodes (`kind === '#text'`) only. */
  value?: string;
}

interface Engine {
  convert(tex: string, display: boolean): LiteNode;
}

let engine: Engine | undefined;
let initMs: number | undefined;

/** TeX packages: base + AMS (matrices, cases, aligned, \mathbb, \operatorname) + \boldsymbol. Undefined macros are errors. */
const PACKAGES = ['base', 'ams', 'boldsymbol'];

function load(): Engine {
  const t0 = performance.now();
  const require = createRequire(import.meta.url);
  const { mathjax } = require('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
  require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
  require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  require('mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {
    InputJax: new TeX({ packages: PACKAGES }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  const e: Engine = {
    convert(tex: string, display: boolean): LiteNode {
      return doc.convert(tex, { display, em: 16, ex: 8, containerWidth: 1280 }) as LiteNode;
    },
  };
  initMs = performance.now() - t0;
  return e;
}

/** This thread's engine, created on first use. */
export function mathjaxEngine(): Engine {
  engine ??= load();
  return engine;
}

/** Milliseconds this thread spent loading MathJax, or undefined if it has not been loaded yet. */
export function mathjaxInitMs(): number | undefined {
  return initMs;
}
