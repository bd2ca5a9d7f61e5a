import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeHexUtf8,
  encodeHexUtf8,
  looksLikeMojibake,
  normalizeForSearch,
  repairMojibake,
  toNfc,
} from './text';

describe('normalizeForSearch', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    ['  TRẦN   thị   Hồng ', 'tran thi hong'],
    ['Đặng', 'dang'],
    ['Phường Ba Đình', 'phuong ba dinh'],
    ['Nguye\u0302\u0303n', 'nguyen'],
    ['Hồ Chí Minh', 'ho chi minh'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string()),
        (s) => {
          const once = normalizeForSearch(s);
          expect(normalizeForSearch(once)).toBe(once);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('makes precomposed, decomposed and unaccented spellings equal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Array.from('ĐđÂâĂăÊêÔôƠơƯưỄễẪẫỰựỲỳ Nguyễn Đặng')), { maxLength: 20 }),
        (chars) => {
          const s = chars.join('');
          expect(normalizeForSearch(s.normalize('NFD'))).toBe(normalizeForSearch(s));
          expect(normalizeForSearch(s)).toMatch(/^[a-z ]*$/);
        },
      ),
    );
  });
});

describe('hex UTF-8', () => {
  it.each([
    ['4e677579e1bb856e2056c4836e2041', 'Nguyễn Văn A'],
    ['4E677579E1BB856E2056C4836E2041', 'Nguyễn Văn A'],
    ['', ''],
  ])('decodes %s', (hex, text) => {
    expect(decodeHexUtf8(hex)).toEqual({ ok: true, value: text });
  });

  it.each([
    ['abc', 'text.bad_hex'],
    ['a', 'text.bad_hex'],
    ['zz', 'text.bad_hex'],
    ['4e 67', 'text.bad_hex'],
    ['0x4e', 'text.bad_hex'],
    ['c3', 'text.bad_utf8'],
    ['ff', 'text.bad_utf8'],
  ])('rejects %s', (hex, code) => {
    const r = decodeHexUtf8(hex);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('encodes lowercase', () => {
    expect(encodeHexUtf8('Nguyễn Văn A')).toBe('4e677579e1bb856e2056c4836e2041');
    expect(encodeHexUtf8('Nguye\u0302\u0303n')).toBe(encodeHexUtf8('Nguyễn'));
  });

  it('round-trips any text (in NFC)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        expect(decodeHexUtf8(encodeHexUtf8(s))).toEqual({ ok: true, value: toNfc(s) });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-F]*$/)), (s) => {
        const r = decodeHexUtf8(s);
        if (!r.ok) expect(['text.bad_hex', 'text.bad_utf8']).toContain(r.error.code);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Text mangled as a wrong reader mangles it: its UTF-8 bytes read as Windows-1252 or Latin-1. */
const asCp1252 = (s: string) => new TextDecoder('windows-1252').decode(new TextEncoder().encode(s));
const asLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('repairMojibake', () => {
  it.each([
    ['the example of issue #19 (Windows-1252)', 'Nguyá»…n Văn An'.replace('Văn', 'VÄƒn'), 'Nguyễn Văn An'],
    ['Latin-1, with C1 controls', asLatin1('Nguyễn Thị Hoà'), 'Nguyễn Thị Hoà'],
    ['Windows-1252', asCp1252('Trần Đức Thắng'), 'Trần Đức Thắng'],
    ['an address', asCp1252('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội'), 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội'],
    ['mangled twice', asCp1252(asCp1252('Lê Thị Cúc')), 'Lê Thị Cúc'],
    ['upper case', asCp1252('NGUYỄN VĂN ĐỨC'), 'NGUYỄN VĂN ĐỨC'],
  ])('repairs %s', (_label, input, expected) => {
    expect(repairMojibake(input)).toEqual({ ok: true, value: { text: expected, repaired: true } });
  }); // prettier-ignore

  it.each([
    'Nguyễn Văn An',
    'Hà Nội',
    'NGUYEN VAN A',
    'Tâm',
    'Hoà Bình',
    'Hà\u00a0Nội',
    'Ông Bà Án',
    'Đỗ Thị Ánh',
    'José Müller',
    '',
  ])('leaves %j as it is', (input) => {
    expect(repairMojibake(input)).toEqual({ ok: true, value: { text: input, repaired: false } });
  });

  it.each(['Nguyễn Thị Hà', 'TRẦN VĂN Ơ', 'Lê Thị Thạ', 'Phố Hàng Bạc, Hà'])(
    'repairs %j mangled, its trailing no-break space trimmed away',
    (text) => {
      const trimmed = asLatin1(text).trim();
      expect(trimmed.endsWith('\u00a0')).toBe(false);
      expect(repairMojibake(trimmed)).toEqual({ ok: true, value: { text, repaired: true } });
    },
  );

  it('refuses mangled text whose bytes were lost', () => {
    const broken = asCp1252('Nguyễn Thắng').replace('»', 'x');
    expect(repairMojibake(`${broken}Ã©Ã`)).toMatchObject({ ok: false, error: { code: 'text.mojibake' } });
  });

  it('repairs every Vietnamese text mangled once, and never changes one that was not', () => {
    // Every letter is one code point in NFC, so splitting by code point is safe here.
    const letters = Array.from(
      'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ',
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...letters, ...letters.map((l) => l.toUpperCase())), {
          minLength: 1,
          maxLength: 30,
        }),
        (chars) => {
          const text = chars.join('').normalize('NFC');
          expect(repairMojibake(text)).toEqual({ ok: true, value: { text, repaired: false } });
          const mangled = asCp1252(text);
          expect(repairMojibake(mangled)).toMatchObject({ ok: true, value: { text } });
          // A QR field is trimmed, which drops the no-break space (0xA0) ending à, Ạ, Ơ… read as Latin-1
          // (a lone "à" trimmed to "Ã" shows no mark of mojibake left, and stays as it is).
          if (looksLikeMojibake(mangled.trim()))
            expect(repairMojibake(mangled.trim())).toMatchObject({ ok: true, value: { text: text.trim() } });
        },
      ),
    );
  });
});
