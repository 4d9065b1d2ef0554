/**
 * A language's bundled text: self-made sentences and phrases (written for pagesynth, no third-party text), set
 * by the content engine in place of the English genre vocabulary. Every string is plain text in the language's
 * own script, written as a native reader expects to see it in a document.
 */

/** Kinds of running text; a page's genre picks one (scientific → science, invoice → business, legal → legal, ...). */
export type Domain = 'science' | 'business' | 'general' | 'legal' | 'technical';

/** Fixed words a page needs in its language: caption lead-ins, furniture, form and invoice labels. */
export interface Labels {
  figure: string;
  table: string;
  page: string;
  contents: string;
  abstract: string;
  keywords: string;
  references: string;
  chapter: string;
  section: string;
  notes: string;
  date: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  signature: string;
  total: string;
  subtotal: string;
  tax: string;
  quantity: string;
  price: string;
  amount: string;
  description: string;
  invoice: string;
  receipt: string;
  yes: string;
  no: string;
}

export interface Corpus {
  /** Body sentences per domain (at least 12 each), 6–35 words (CJK/Thai: 15–70 characters), each ending in the language's full stop. */
  sentences: Record<Domain, readonly string[]>;
  /** Section-heading phrases, 1–6 words, no final full stop (at least 40). */
  headings: readonly string[];
  /** Document titles, 4–12 words (at least 20). */
  titles: readonly string[];
  /** Caption texts describing a figure or table, without the "Figure 3" lead-in (at least 25). */
  captions: readonly string[];
  /** List-item phrases, 2–10 words (at least 30). */
  items: readonly string[];
  /** Short nouns and noun phrases for table headers, form labels and keys, 1–3 words (at least 60). */
  terms: readonly string[];
  labels: Labels;
}
