/** The one function of fontkit (pdfkit's font engine, no types of its own) the server uses. */
declare module 'fontkit' {
  /** A parsed font: an object pdfkit's registerFont accepts as it is (it has `layout`). */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
