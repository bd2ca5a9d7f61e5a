// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declaration travels with this file into every project that compiles it (e2e, scripts, bench)
/// <reference path="../types/fontkit.d.ts" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font, type GlyphRun } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Language } from '@vssid/domain/i18n';

const require = createRequire(import.meta.url);
const file = (spec: string) => require.resolve(`@expo-google-fonts/${spec}`);

/**
 * The typeface of a PDF by the reader's language. Be Vietnam Pro is drawn for Vietnamese, so
 * every diacritic (ắ, ệ, ữ…) renders; it has no CJK glyphs, so Chinese, Japanese and Korean
 * documents use Noto Sans SC, JP and KR, which carry the whole Vietnamese alphabet as well (the
 * names, addresses and agencies in a document stay Vietnamese; `pdf-fonts.test.ts` checks the
 * coverage of every translated PDF text and of the Vietnamese letters).
 */
const FAMILIES = {
  latin: {
    regular: 'be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
    bold: 'be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
  },
  zh: {
    regular: 'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: 'noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
  ja: {
    regular: 'noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
    bold: 'noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
  },
  ko: {
    regular: 'noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
    bold: 'noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
  },
} as const;
type Family = keyof typeof FAMILIES;

const familyOf = (language: Language): Family =>
  language === 'zh' || language === 'ja' || language === 'ko' ? language : 'latin';

const parsed = new Map<Family, { regular: Font; bold: Font }>();

/** The parsed `regular` and `bold` fonts a document in `language` is set in (parsed once per process). */
export function pdfFonts(language: Language): { regular: Font; bold: Font } {
  const family = familyOf(language);
  let fonts = parsed.get(family);
  if (!fonts) {
    const files = FAMILIES[family];
    fonts = {
      regular: withSharedLayouts(create(fs.readFileSync(file(files.regular)))),
      bold: withSharedLayouts(create(fs.readFileSync(file(files.bold)))),
    };
    parsed.set(family, fonts);
  }
  return fonts;
}

/** Shaped words kept per font, at most this many (then the cache starts again). */
const LAYOUT_CACHE_SIZE = 20_000;

/**
 * The font, with its shaping (`layout`) and its glyphs' outlines (`getGlyph`, see decodedOnce)
 * remembered across documents. pdfkit shapes every word it measures or draws, and keeps the
 * result for one document only; the labels of a form are the same in every document, and shaping
 * was about a third of a Form 01's CPU. Each call gets its own
 * copy of the glyph run, because pdfkit scales the positions of the run it is given in place.
 * Only the default features are remembered (pdfkit passes none unless a text asks for some).
 */
export function withSharedLayouts(font: Font): Font {
  const cache = new Map<string, GlyphRun>();
  const layout = (text: string, features?: Parameters<Font['layout']>[1]): GlyphRun => {
    if (features !== undefined) return font.layout(text, features);
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_SIZE) cache.clear();
      run = font.layout(text);
      cache.set(text, run);
    }
    // The same class (its advanceWidth is a getter over the positions), its own arrays.
    const copy = Object.create(Object.getPrototypeOf(run) as object) as GlyphRun;
    return Object.assign(copy, run, {
      glyphs: run.glyphs.slice(),
      positions: run.positions.map((p) => ({ ...p })),
    });
  };
  return Object.create(font, { layout: { value: layout }, getGlyph: { value: decodedOnce(font) } }) as Font;
}

/** What the font-wide memo below reads of a fontkit glyph and of its font (fontkit 2). */
interface DecodableGlyph {
  _decode(): unknown;
}

/**
 * `getGlyph` with each glyph's outline decoded once per process. pdfkit subsets the font for
 * every document, and fontkit's subsetter decodes every glyph it copies (points and flags) only to
 * learn whether it is a composite: half the subset's CPU, the same work for the same letters in
 * every document (a Form 01: 8.4 -> 4.9 ms of CPU). fontkit keeps the glyph objects per font already; this keeps what their
 * `_decode` returned, which nothing changes afterwards for a font without variations (a variable
 * font moves the points in `_decode` for its current instance, so it keeps fontkit's own).
 */
function decodedOnce(font: Font): (id: number, characters?: number[]) => unknown {
  const base = font as unknown as {
    getGlyph(this: Font, id: number, characters?: number[]): DecodableGlyph | null;
    _variationProcessor?: unknown;
  };
  const memoized = new WeakSet<DecodableGlyph>();
  return function getGlyph(this: Font, id, characters) {
    const glyph = base.getGlyph.call(this, id, characters);
    if (glyph && !base._variationProcessor && !memoized.has(glyph)) {
      const decoded = glyph._decode();
      glyph._decode = () => decoded;
      memoized.add(glyph);
    }
    return glyph;
  };
}

/**
 * A new A4 PDF in `language`'s typeface: the document, with `regular` and `bold` registered, and
 * its bytes once `end()` is called. The TTF files are parsed once per process (the CJK ones on
 * first use) and the parsed fonts shared by every document: pdfkit takes a parsed fontkit font as
 * well as a file, and subsets it per document; given the file, it would parse it again for each
 * document (measured on a Form 01: 24–39 ms of CPU per document before, 13–16 ms after). No
 * default font: pdfkit would otherwise load and parse Helvetica's metrics for every document,
 * though every text is set in the registered fonts.
 */
export function openPdf(
  language: Language,
  options: { margin: number; info: PDFKit.DocumentInfo },
): { pdf: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const pdf = new PDFDocument({ size: 'A4', ...options, font: null as unknown as string });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    pdf.on('error', reject);
  });
  const fonts = pdfFonts(language);
  // @types/pdfkit lists files and buffers only; pdfkit itself accepts any font with `layout`.
  pdf.registerFont('regular', fonts.regular as unknown as Buffer);
  pdf.registerFont('bold', fonts.bold as unknown as Buffer);
  return { pdf, done };
}
