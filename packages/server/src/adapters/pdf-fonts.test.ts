import fs from 'node:fs';
import { createRequire } from 'node:module';
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources, type Catalog } from '@vssid/domain/i18n';
import { FORM01_TITLE } from '../modules/registration/form01-pdf';
import { pdfFonts, withSharedLayouts } from './pdf-fonts';

const require = createRequire(import.meta.url);
const BE_VIETNAM_PRO = 'be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf';

/** Every string of a catalog subtree, with its `{{params}}` taken out. */
function strings(catalog: Catalog | string | undefined): string[] {
  if (catalog === undefined) return [];
  if (typeof catalog === 'string') return [catalog.replace(/\{\{[^}]+\}\}/g, '')];
  return Object.values(catalog).flatMap(strings);
}

const VIETNAMESE =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';

describe('PDF typefaces', () => {
  it.each(LANGUAGES)(
    '%s: every PDF text and the Vietnamese alphabet have glyphs, regular and bold',
    (language) => {
      const messages = resources[language].messages;
      const texts = [
        ...strings(messages.registration && (messages.registration as Catalog).pdf),
        ...strings(messages.records && (messages.records as Catalog).pdf),
        FORM01_TITLE,
        VIETNAMESE,
        VIETNAMESE.toUpperCase(),
        '0123456789 .,:;()/–-%',
      ];
      expect(texts.length).toBeGreaterThan(20);
      const fonts = pdfFonts(language);
      for (const [weight, font] of Object.entries(fonts)) {
        const missing = new Set<string>();
        for (const text of texts)
          for (const ch of text)
            if (!/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) missing.add(ch);
        expect([...missing].join(''), `${language} ${weight}`).toBe('');
      }
    },
  );
});

describe('shared shaping', () => {
  const texts = ['Họ và tên', 'Nguyễn Thị Hồng Nhung', 'Số CCCD/Hộ chiếu:', 'AVA fi', ''];

  it('shapes as the parsed font does, however often a text comes back', () => {
    const plain = create(fs.readFileSync(require.resolve(`@expo-google-fonts/${BE_VIETNAM_PRO}`)));
    const shared = withSharedLayouts(plain);
    for (let round = 0; round < 3; round++)
      for (const text of texts) {
        const a = plain.layout(text);
        const b = shared.layout(text);
        expect(b.positions).toEqual(a.positions.map((p) => ({ ...p })));
        expect(b.glyphs).toEqual(a.glyphs);
        expect((b as unknown as { advanceWidth: number }).advanceWidth).toBe(
          (a as unknown as { advanceWidth: number }).advanceWidth,
        );
      }
  });

  it('gives every caller its own run, since pdfkit rescales the positions it gets in place', () => {
    const shared = pdfFonts('vi').regular;
    const first = shared.layout('Bảo hiểm xã hội');
    const width = (first as unknown as { advanceWidth: number }).advanceWidth;
    for (const p of first.positions) for (const key of Object.keys(p)) p[key] = (p[key] ?? 0) * 1000;
    first.glyphs.length = 0;
    const again = shared.layout('Bảo hiểm xã hội');
    expect(again.glyphs.length).toBeGreaterThan(0);
    expect((again as unknown as { advanceWidth: number }).advanceWidth).toBe(width);
  });
});

describe('outlines decoded once', () => {
  type ParsedFont = ReturnType<typeof create>;
  /** The glyph ids a text is shaped into (fontkit's glyph objects carry theirs as `id`). */
  const ids = (font: ParsedFont, text: string) =>
    font.layout(text).glyphs.map((g) => (g as { id: number }).id);
  const subsetOf = (font: ParsedFont, glyphs: number[]) => {
    const subset = font.createSubset();
    for (const id of glyphs) subset.includeGlyph(id);
    return Buffer.from(subset.encode());
  };
  // Our fonts draw every Vietnamese letter as one outline; Liberation Sans (pdf.js's standard
  // font, a devDependency) builds accented letters from composites, the case the subsetter's
  // decoding is for.
  const fonts = {
    'Be Vietnam Pro': require.resolve(`@expo-google-fonts/${BE_VIETNAM_PRO}`),
    'Liberation Sans': require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
  };
  const documents = [
    'Nguyễn Thị Hồng Nhung',
    'Đặng Quốc Việt, 12 Lý Thường Kiệt',
    VIETNAMESE,
    'Nguyễn Văn Ẩn',
  ];

  it.each(Object.entries(fonts))(
    '%s subsets to the parsed font’s bytes, document after document',
    (_, file) => {
      const plain = create(fs.readFileSync(file));
      const shared = withSharedLayouts(create(fs.readFileSync(file)));
      for (const text of documents) {
        const glyphs = ids(plain, text);
        expect(subsetOf(shared, glyphs).equals(subsetOf(plain, glyphs)), text).toBe(true);
      }
    },
  );
});
