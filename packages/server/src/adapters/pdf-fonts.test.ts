import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources, type Catalog } from '@vssid/domain/i18n';
import { FORM01_TITLE } from '../modules/registration/form01-pdf';
import { pdfFonts } from './pdf-fonts';

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
