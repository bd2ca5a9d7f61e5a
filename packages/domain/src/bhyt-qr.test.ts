import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BhytQrInput, encodeBhytQr, parseBhytQr, parseBhytQrDetails } from './bhyt-qr';
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
    ['decomposed clinic code', newCard.replace('01 - 028', '01-028')],
  ])('accepts %s', (_label, payload) => {
    const r = parseBhytQr(payload);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.fullName).toBe(name);
      expect(r.value.registeredClinicCode).toBe('01028');
    }
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
  ])('rejects %j with %s', (payload, code) => {
    const r = parseBhytQr(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('names the field of the error', () => {
    expect(parseBhytQr(broken(3, '9'))).toMatchObject({ ok: false, error: { field: 'gender' } });
    expect(parseBhytQr(broken(2, 'x'))).toMatchObject({ ok: false, error: { field: 'dateOfBirth' } });
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
      '01 - 028',
      '01/01/2020',
      '0123456789',
      hex(name),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.array(pieces).map((p) => p.join('')),
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
const vietnameseText = fc
  .array(
    fc.constantFrom(
      'Nguyễn',
      'Thị',
      'Đặng',
      'Hồ',
      'Phường',
      'Xã',
      'Ánh',
      'Quỳnh',
      'số 12',
      'Lê',
      'Ngõ 3',
      'ư',
      'ỹ',
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((w) => w.join(' '));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const card: fc.Arbitrary<BhytQrInput> = fc.record({
  cardNumber: fc.oneof(
    fc.stringMatching(/^\d{10}$/),
    fc
      .tuple(
        fc.constantFrom('DN', 'HS', 'TE', 'GD', 'HT', 'CK'),
        fc.integer({ min: 1, max: 5 }),
        fc.stringMatching(/^\d{12}$/),
      )
      .map(([o, l, d]) => `${o}${l}${d}`),
  ),
  fullName: vietnameseText,
  dateOfBirth: fc.oneof(isoDate, fc.integer({ min: 1900, max: 2099 }).map(String)),
  gender: fc.constantFrom('male' as const, 'female' as const),
  address: nullable(vietnameseText),
  registeredClinicCode: nullable(fc.stringMatching(/^\d{2}[0-9A-Z]{3}$/)),
  validFrom: fc.constant('2026-01-01'),
  validTo: nullable(fc.constant('2026-12-31')),
  issuedOn: nullable(isoDate),
  managementCode: nullable(fc.stringMatching(/^\d{14}$/)),
  guardianName: nullable(vietnameseText),
  fiveYearDate: nullable(isoDate),
  issuingPlace: nullable(vietnameseText),
  checkString: nullable(fc.stringMatching(/^[0-9a-f]{16}-[0-9a-f]{4}$/)),
  code11: nullable(fc.stringMatching(/^\d$/)),
  code14: nullable(fc.stringMatching(/^\d$/)),
});

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
      fc.property(card, (c) => {
        const { checkString = null, code11 = null, code14 = null, ...fields } = c;
        expect(parseBhytQrDetails(encodeBhytQr(c))).toEqual({
          ok: true,
          value: { card: fields, extras: { checkString, code11, code14 } },
        });
      }),
      { numRuns: 500 },
    );
  });
});
