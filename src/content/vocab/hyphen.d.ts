/** Types for the parts of the `hyphen` package (CommonJS, no bundled types) that pagesynth uses. */
declare module 'hyphen/en/index.js' {
  interface HyphenOptions {
    /** Inserted at each break point; default U+00AD (soft hyphen). */
    hyphenChar?: string;
    /** Words shorter than this are left alone; default 5. */
    minWordLength?: number;
    exceptions?: string[];
  }
  const hyphen: {
    hyphenateSync(text: string, options?: HyphenOptions): string;
    hyphenate(text: string, options?: HyphenOptions): Promise<string>;
  };
  export = hyphen;
}
