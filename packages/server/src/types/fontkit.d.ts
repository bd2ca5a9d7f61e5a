/** What the server uses of fontkit (pdfkit's font engine, no types of its own). */
declare module 'fontkit' {
  /** A parsed font: an object pdfkit's registerFont accepts as it is (it has `layout`). */
  export interface Font {
    layout(text: string): unknown;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
