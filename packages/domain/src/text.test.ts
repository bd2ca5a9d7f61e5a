import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHexUtf8, encodeHexUtf8, normalizeForSearch, toNfc } from './text';

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
