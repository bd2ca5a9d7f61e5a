import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BhytQrInput, encodeBhytQr, parseBhytQr, parseBhytQrDetails } from './bhyt-qr';
import { levelsOf } from './bhyt-card-number';
import { encodeHexUtf8 } from './text';

const hex = encodeHexUtf8;
const name = 'Nguyễn Văn Ánh';
const newCard = [
  '0123456789',
  hex(name),
  '01/01/1990',
  '1',
  '-',
  '01 - 028',
  '01/01/2026',
  '31/12/2026',
  '01/01/2026',
  '01012345678901',
  '-',
  '4',
  ' 01/01/2030',
  'a1b2c3d4e5f60718-9abc',
  '1',
  hex('BHXH thành phố Hà Nội'),
  '$',
].join('|');
const legacyCard = [
  'HS4010120878837',
  hex('Trần Thị Bình'),
  '15/06/2008',
  '2',
  hex('Phường Trúc Bạch, Quận Ba Đình, Hà Nội'),
  '01 - C54',
  '01/01/2021',
  '31/12/2021',
  '20/12/2020',
  '$',
].join('|');

describe('parseBhytQr', () => {
  it('reads a full new card', () => {
    expect(parseBhytQr(newCard)).toEqual({
      ok: true,
      value: {
        cardNumber: '0123456789',
        fullName: name,
        dateOfBirth: '1990-01-01',
        gender: 'male',
        address: null,
        registeredClinicCode: '01028',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        issuedOn: '2026-01-01',
        managementCode: '01012345678901',
        guardianName: null,
        fiveYearDate: '2030-01-01',
        issuingPlace: 'BHXH thành phố Hà Nội',
      },
    });
  });

  it('keeps the check string and the unexplained codes apart, as read', () => {
    expect(parseBhytQrDetails(newCard)).toMatchObject({
      ok: true,
      value: { extras: { checkString: 'a1b2c3d4e5f60718-9abc', code11: '4', code14: '1' } },
    });
  });

  it('reads a legacy 15-character card that ends after field 8', () => {
    const r = parseBhytQr(legacyCard);
    expect(r).toMatchObject({
      ok: true,
      value: {
        cardNumber: 'HS4010120878837',
        fullName: 'Trần Thị Bình',
        dateOfBirth: '2008-06-15',
        gender: 'female',
        address: 'Phường Trúc Bạch, Quận Ba Đình, Hà Nội',
        registeredClinicCode: '01C54',
        validFrom: '2021-01-01',
        validTo: '2021-12-31',
        issuedOn: '2020-12-20',
        managementCode: null,
        fiveYearDate: null,
        issuingPlace: null,
      },
    });
  });

  it.each([
    ['upper-case hex', newCard.replace(hex(name), hex(name).toUpperCase())],
    ['no $ terminator', newCard.replace('|$', '')],
    ['trailing newline', `${newCard}\n`],
    ['spaces around fields', newCard.split('|').join(' | ')],
    ['unknown trailing fields', newCard.replace('|$', '|x|y|z|$')],
    ['clinic code without " - "', newCard.replace('01 - 028', '01-028')],
    ['clinic code as printed in 5 characters', newCard.replace('01 - 028', '01028')],
    ['CRLF line end', `${newCard}\r\n`],
    ['a byte-order mark', `\uFEFF${newCard}`],
    ['junk after the $', `${newCard}\nxyz|1|2`],
    ['the name in decomposed Unicode', newCard.replace(hex(name), hex(name.normalize('NFD')))],
  ])('accepts %s', (_label, payload) => {
    const r = parseBhytQr(payload);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.fullName).toBe(name);
      expect(r.value.registeredClinicCode).toBe('01028');
    }
  });

  it('reads a legacy 15-character card with all 14 fields, in lower case', () => {
    const payload = [
      'dn4797912345678',
      hex('Phạm Quỳnh Anh').toUpperCase(),
      '1948',
      '2',
      hex('Số 5 đường Lê Lợi, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh'),
      '79 - 024',
      '01/01/2020',
      '-',
      '15/12/2019',
      '79012345678901',
      '-',
      '4',
      ' 01/01/2021',
      '0a1b2c3d4e5f6071-82a3',
      '$',
    ].join('|');
    expect(parseBhytQrDetails(payload)).toEqual({
      ok: true,
      value: {
        card: {
          cardNumber: 'DN4797912345678',
          fullName: 'Phạm Quỳnh Anh',
          dateOfBirth: '1948',
          gender: 'female',
          address: 'Số 5 đường Lê Lợi, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh',
          registeredClinicCode: '79024',
          validFrom: '2020-01-01',
          validTo: null,
          issuedOn: '2019-12-15',
          managementCode: '79012345678901',
          guardianName: null,
          fiveYearDate: '2021-01-01',
          issuingPlace: null,
        },
        extras: { checkString: '0a1b2c3d4e5f6071-82a3', code11: '4', code14: null },
      },
    });
  });

  it('reads a lower-case clinic code in upper case, and an absent one as null', () => {
    expect(parseBhytQr(newCard.replace('01 - 028', '01 - c54'))).toMatchObject({
      ok: true,
      value: { registeredClinicCode: '01C54' },
    });
    expect(parseBhytQr(newCard.replace('01 - 028', '-'))).toMatchObject({
      ok: true,
      value: { registeredClinicCode: null },
    });
  });

  it('reads a year of birth alone, an open-ended card and a guardian', () => {
    const fields = newCard.split('|');
    fields[2] = '1948';
    fields[7] = '-';
    fields[10] = hex('Lê Thị Mẹ');
    const r = parseBhytQr(fields.join('|'));
    expect(r).toMatchObject({
      ok: true,
      value: { dateOfBirth: '1948', validTo: null, guardianName: 'Lê Thị Mẹ' },
    });
  });

  const broken = (i: number, v: string) => {
    const f = newCard.split('|');
    f[i] = v;
    return f.join('|');
  };
  it.each([
    ['', 'bhyt_qr.format'],
    ['hello world', 'bhyt_qr.format'],
    ['0123456789|aa|01/01/1990|$', 'bhyt_qr.field_count'],
    [broken(0, '12345'), 'bhyt_qr.card_number'],
    [broken(1, 'xyz'), 'bhyt_qr.bad_hex'],
    [broken(1, 'c3'), 'bhyt_qr.bad_hex'],
    [broken(1, '-'), 'bhyt_qr.missing'],
    [broken(2, '31/02/1990'), 'bhyt_qr.date'],
    [broken(3, '3'), 'bhyt_qr.gender'],
    [broken(5, '01 - 0288'), 'bhyt_qr.clinic'],
    [broken(6, '-'), 'bhyt_qr.missing'],
    [broken(7, '01/01/2025'), 'bhyt_qr.validity'],
    [broken(8, '2026-01-01'), 'bhyt_qr.date'],
    [broken(12, '30/02/2030'), 'bhyt_qr.date'],
    [broken(0, 'ZZ4010120878837'), 'bhyt_qr.card_number'],
    [broken(0, '-'), 'bhyt_qr.card_number'],
    [broken(2, '-'), 'bhyt_qr.missing'],
    [broken(2, '1700'), 'bhyt_qr.date'],
    [broken(3, '-'), 'bhyt_qr.gender'],
    [broken(3, 'M'), 'bhyt_qr.gender'],
    [broken(4, '4e6'), 'bhyt_qr.bad_hex'],
    [broken(5, 'C54'), 'bhyt_qr.clinic'],
    [broken(6, '32/01/2026'), 'bhyt_qr.date'],
    [broken(9, '0101-2345678901'), 'bhyt_qr.management_code'],
    [broken(10, 'zz'), 'bhyt_qr.bad_hex'],
    [broken(15, 'ff'), 'bhyt_qr.bad_hex'],
    [legacyCard.replace('|20/12/2020|$', '|$'), 'bhyt_qr.field_count'],
    ['|||||||||$', 'bhyt_qr.card_number'],
    ['$', 'bhyt_qr.format'],
  ])('rejects %j with %s', (payload, code) => {
    const r = parseBhytQr(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it.each([
    [0, 'x', 'cardNumber'],
    [1, 'x', 'fullName'],
    [2, 'x', 'dateOfBirth'],
    [3, '9', 'gender'],
    [4, 'x', 'address'],
    [5, 'x', 'registeredClinicCode'],
    [6, 'x', 'validFrom'],
    [7, 'x', 'validTo'],
    [8, 'x', 'issuedOn'],
    [9, '#', 'managementCode'],
    [10, 'x', 'guardianName'],
    [12, 'x', 'fiveYearDate'],
    [15, 'x', 'issuingPlace'],
  ])('names field %i of the error (%s → %s)', (i, value, field) => {
    expect(parseBhytQr(broken(i, value))).toMatchObject({ ok: false, error: { field } });
  });

  it('refuses what is not text', () => {
    for (const input of [undefined, null, 42, {}, ['0123456789'], new Uint8Array(3)])
      expect(parseBhytQr(input)).toMatchObject({ ok: false, error: { code: 'bhyt_qr.not_text' } });
  });

  it('keeps codes 11 and 14 and the check string as read, without verifying them', () => {
    const fields = newCard.split('|');
    fields[11] = '7';
    fields[13] = 'not-a-check-string';
    fields[14] = '-';
    expect(parseBhytQrDetails(fields.join('|'))).toMatchObject({
      ok: true,
      value: { extras: { checkString: 'not-a-check-string', code11: '7', code14: null } },
    });
  });

  it('never throws and always codes its errors, whatever the input', () => {
    const pieces = fc.constantFrom(
      '|',
      '$',
      '-',
      ' ',
      '0',
      '1',
      '2',
      '/',
      'a',
      'f',
      'C',
      'A',
      '9',
      '\n',
      '01 - 028',
      '01/01/2020',
      '31/02/2020',
      '1990',
      '0123456789',
      'HS4010120878837',
      hex(name),
      hex(name).toUpperCase(),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.array(pieces).map((p) => p.join('')),
          fc.array(pieces, { maxLength: 40 }).map((p) => `${p.join('')}|$`),
          fc.tuple(fc.nat({ max: 16 }), fc.string({ unit: 'binary' })).map(([i, v]) => broken(i, v)),
          fc.anything(),
        ),
        (input) => {
          const r = parseBhytQr(input);
          if (!r.ok) expect(r.error.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Every letter of the Vietnamese alphabet with every tone mark (lower case, NFC: one code point each). */
const VIETNAMESE_LETTERS = Array.from(
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ',
);
const vietnameseWord = fc.oneof(
  fc.constantFrom('Nguyễn', 'Thị', 'Đặng', 'Hồ', 'Phường', 'Xã', 'Ánh', 'Quỳnh', 'số 12', 'Ngõ 3/45'),
  fc
    .array(fc.constantFrom(...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.map((c) => c.toUpperCase())), {
      minLength: 1,
      maxLength: 8,
    })
    .map((letters) => letters.join('')),
);
const vietnameseText = fc.array(vietnameseWord, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const validity = fc
  .tuple(isoDate, nullable(isoDate))
  .map(([a, b]) =>
    b === null ? { validFrom: a, validTo: null } : { validFrom: a < b ? a : b, validTo: a < b ? b : a },
  );
const card: fc.Arbitrary<BhytQrInput> = fc.record({
  cardNumber: fc.oneof(
    fc.stringMatching(/^\d{10}$/),
    fc
      .tuple(
        // A level that fits the object code (the card number parser checks it).
        fc
          .constantFrom('DN', 'HS', 'TE', 'GD', 'HT', 'CK', 'CN')
          .chain((o) => fc.constantFrom(...levelsOf(o)).map((l) => `${o}${l}`)),
        fc.stringMatching(/^\d{12}$/),
      )
      .map(([ol, d]) => `${ol}${d}`),
  ),
  fullName: vietnameseText,
  dateOfBirth: fc.oneof(isoDate, fc.integer({ min: 1900, max: 2099 }).map(String)),
  gender: fc.constantFrom('male' as const, 'female' as const),
  address: nullable(vietnameseText),
  registeredClinicCode: nullable(fc.stringMatching(/^\d{2}[0-9A-Z]{3}$/)),
  validFrom: fc.constant(''),
  validTo: fc.constant(null),
  issuedOn: nullable(isoDate),
  managementCode: nullable(fc.stringMatching(/^\d{14}$/)),
  guardianName: nullable(vietnameseText),
  fiveYearDate: nullable(isoDate),
  issuingPlace: nullable(vietnameseText),
  checkString: nullable(fc.stringMatching(/^[0-9a-f]{16}-[0-9a-f]{4}$/)),
  code11: nullable(fc.stringMatching(/^\d$/)),
  code14: nullable(fc.stringMatching(/^\d$/)),
});
const validCard: fc.Arbitrary<BhytQrInput> = fc.tuple(card, validity).map(([c, v]) => ({ ...c, ...v }));

describe('encodeBhytQr', () => {
  it('writes the 16-field new-card shape', () => {
    const r = parseBhytQrDetails(newCard);
    if (!r.ok) throw new Error('fixture');
    expect(encodeBhytQr({ ...r.value.card, ...r.value.extras })).toBe(
      newCard.replace('| 01/01/2030', '|01/01/2030'),
    );
  });

  it('round-trips: parse(encode(card)) = card', () => {
    fc.assert(
      fc.property(validCard, (c) => {
        const { checkString = null, code11 = null, code14 = null, ...fields } = c;
        expect(parseBhytQrDetails(encodeBhytQr(c))).toEqual({
          ok: true,
          value: { card: fields, extras: { checkString, code11, code14 } },
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('writes lowercase hex, `-` for empty, dd/MM/yyyy dates and a final $', () => {
    fc.assert(
      fc.property(validCard, (c) => {
        const payload = encodeBhytQr(c);
        const fields = payload.split('|');
        expect(fields).toHaveLength(17);
        expect(fields[16]).toBe('$');
        for (const i of [1, 4, 10, 15]) expect(fields[i]).toMatch(/^(?:-|(?:[0-9a-f]{2})+)$/);
        for (const i of [6, 7, 8, 12]) expect(fields[i]).toMatch(/^(?:-|\d{2}\/\d{2}\/\d{4})$/);
        expect(fields[2]).toMatch(/^(?:\d{4}|\d{2}\/\d{2}\/\d{4})$/);
      }),
    );
  });
});

/** A name mangled as a wrong reader does: its UTF-8 bytes read as Windows-1252. */
const asCp1252 = (text: string) => new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));

describe('issue #19 on BHYT QR codes', () => {
  it('refuses a card number whose benefit level does not fit its object code (a DN card at level 5)', () => {
    expect(parseBhytQr(legacyCard.replace('HS4010120878837', 'DN5010120878837'))).toMatchObject({
      ok: false,
      error: { code: 'bhyt_qr.card_number', field: 'cardNumber' },
    });
    expect(parseBhytQr(legacyCard.replace('HS4010120878837', 'DN4010120878837')).ok).toBe(true);
  });

  it('repairs a name and an address written as mojibake, and says so', () => {
    const payload = legacyCard
      .replace(hex('Trần Thị Bình'), hex(asCp1252('Trần Thị Bình')))
      .replace(
        hex('Phường Trúc Bạch, Quận Ba Đình, Hà Nội'),
        hex(asCp1252('Phường Trúc Bạch, Quận Ba Đình, Hà Nội')),
      );
    expect(parseBhytQr(payload)).toMatchObject({
      ok: true,
      value: {
        fullName: 'Trần Thị Bình',
        address: 'Phường Trúc Bạch, Quận Ba Đình, Hà Nội',
        warnings: [
          { code: 'text.mojibake_repaired', field: 'fullName', original: asCp1252('Trần Thị Bình') },
          { code: 'text.mojibake_repaired', field: 'address' },
        ],
      },
    });
  });

  it('repairs the example of the issue ("Nguyá»…n…")', () => {
    const r = parseBhytQr(newCard.replace(hex(name), hex('Nguyá»…n VÄƒn Ã\u0081nh')));
    expect(r).toMatchObject({ ok: true, value: { fullName: 'Nguyễn Văn Ánh' } });
    expect(r.ok && r.value.warnings?.map((w) => w.field)).toEqual(['fullName']);
  });

  it('reads "00/00/yyyy" as a year of birth alone', () => {
    expect(parseBhytQr(newCard.replace('|01/01/1990|', '|00/00/1990|'))).toMatchObject({
      ok: true,
      value: { dateOfBirth: '1990' },
    });
    expect(parseBhytQr(newCard.replace('|01/01/1990|', '|00/01/1990|'))).toMatchObject({
      ok: false,
      error: { code: 'bhyt_qr.date', field: 'dateOfBirth' },
    });
  });

  it('adds no warnings to a clean card', () => {
    const r = parseBhytQr(newCard);
    expect(r.ok && 'warnings' in r.value).toBe(false);
  });

  it('refuses a name mangled beyond repair, naming the field', () => {
    const broken = `${asCp1252('Nguyễn Thắng').replace('»', 'x')}Ã©Ã`;
    expect(parseBhytQr(newCard.replace(hex(name), hex(broken)))).toMatchObject({
      ok: false,
      error: { code: 'text.mojibake', field: 'fullName' },
    });
  });
});
