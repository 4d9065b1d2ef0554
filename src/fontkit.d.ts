/** The part of fontkit pagesynth uses: opening a font file and reading the code points its cmap maps. */
declare module 'fontkit' {
  export interface Font {
    characterSet: number[];
    familyName: string;
  }
  export function openSync(path: string): Font;
}
