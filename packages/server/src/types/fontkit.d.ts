/** What the server uses of fontkit (pdfkit's font engine, no types of its own). */
declare module 'fontkit' {
  /** A shaped text: its glyphs and their positions (pdfkit reads and rescales these). */
  export interface GlyphRun {
    glyphs: object[];
    positions: Record<string, number>[];
  }
  /** A parsed font: an object pdfkit's registerFont accepts as it is (it has `layout`). */
  export interface Font {
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** A new subset (what pdfkit embeds): glyphs are added by id, then encoded as a font file. */
    createSubset(): { includeGlyph(glyph: number | object): number; encode(): Uint8Array };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
