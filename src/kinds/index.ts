/**
 * The element kinds pagesynth draws. Adding a kind is one module and one line here.
 */
import { code } from './code.js';
import { bigNumber, headline, note, pullQuote, toc } from './editorial.js';
import { equation } from './equation.js';
import { checkbox, formField, keyValues } from './forms.js';
import { barcode, icon, logo, picture, signature, stamp } from './pictures.js';
import { figure } from './figure.js';
import { footnote } from './footnote.js';
import { footer, header, pageNumber } from './furniture.js';
import { list } from './list.js';
import { abstract, paragraph } from './paragraph.js';
import { KindRegistry } from './registry.js';
import { sectionHeader } from './section-header.js';
import { table } from './table.js';
import { title } from './title.js';

/** The bundled kinds, in the order the README lists them. */
export const defaultKinds = new KindRegistry()
  .register(header)
  .register(footer)
  .register(pageNumber)
  .register(title)
  .register(abstract)
  .register(sectionHeader)
  .register(paragraph)
  .register(list)
  .register(table)
  .register(figure)
  .register(equation)
  .register(footnote)
  .register(code)
  .register(keyValues)
  .register(formField)
  .register(checkbox)
  .register(toc)
  .register(note)
  .register(pullQuote)
  .register(bigNumber)
  .register(headline)
  .register(picture)
  .register(logo)
  .register(signature)
  .register(stamp)
  .register(barcode)
  .register(icon);

export { KindRegistry } from './registry.js';
export type { BlockPart, KindModule, Placement, SubRegion } from './types.js';
export { withKindDefaults, checkKinds } from './defaults.js';
