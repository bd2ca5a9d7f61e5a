import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCccdQr } from './cccd-qr';

const sample =
  '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội|15042021';

describe('parseCccdQr', () => {
  it('reads the seven fields', () => {
    expect(parseCccdQr(sample)).toEqual({
      ok: true,
      value: {
        idNumber: '001090123456',
        oldIdNumber: '012345678',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-01-01',
        gender: 'male',
        address: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội',
        issuedOn: '2021-04-15',
      },
    });
  });

  it.each([
    [
      'the example of the domain reference',
      '001090123456|012345678|NGUYEN VAN A|01011990|Nam|Phường X, Tỉnh Y|15042021',
      { fullName: 'NGUYEN VAN A', address: 'Phường X, Tỉnh Y', gender: 'male', dateOfBirth: '1990-01-01' },
    ],
    ['an empty old CMND', sample.replace('|012345678|', '||'), { oldIdNumber: null }],
    [
      'Nữ, decomposed',
      '001190123456||Trần Thị B|02021990|Nu\u0303|Xã A|01012022',
      { gender: 'female', fullName: 'Trần Thị B' },
    ],
    ['NỮ upper case', '001190123456||Trần Thị B|02021990|NỮ|Xã A|01012022', { gender: 'female' }],
    ['a trailing separator', `${sample}|`, { idNumber: '001090123456' }],
    ['a 12-digit old ID', sample.replace('012345678', '012345678901'), { oldIdNumber: '012345678901' }],
    ['Nu without tone marks', '001190123456||Trần Thị B|02021990|nu|Xã A|01012022', { gender: 'female' }],
    ['NAM upper case', sample.replace('|Nam|', '|NAM|'), { gender: 'male' }],
    [
      'the whole payload decomposed (NFD)',
      sample.normalize('NFD'),
      { fullName: 'Nguyễn Văn An', address: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội' },
    ],
    [
      'spaces around fields and a trailing newline',
      `${sample.split('|').join(' | ')}\n`,
      { idNumber: '001090123456', fullName: 'Nguyễn Văn An', issuedOn: '2021-04-15' },
    ],
    [
      'a holder born in the 2000s',
      '079304000001||Lê Thị Cúc|29022004|Nữ|Phường Bến Nghé, TP Hồ Chí Minh|10102021',
      { dateOfBirth: '2004-02-29', gender: 'female', idNumber: '079304000001' },
    ],
  ])('accepts %s', (_label, payload, expected) => {
    expect(parseCccdQr(payload)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['', 'cccd_qr.field_count'],
    ['001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội', 'cccd_qr.field_count'],
    [`${sample}|extra`, 'cccd_qr.field_count'],
    [sample.replace('|Nam|', '|Male|'), 'cccd_qr.gender'],
    [sample.replace('01011990', '31021990'), 'cccd_qr.date'],
    [sample.replace('|Nam|', '|Nữ|'), 'cccd.gender_mismatch'],
    [sample.replace('01011990', '01011991'), 'cccd.birth_year_mismatch'],
    [sample.replace('001090123456', '00109012345'), 'cccd.format'],
    [sample.replace('012345678', '0123'), 'cccd_qr.old_id'],
    [sample.replace('Nguyễn Văn An', ''), 'cccd_qr.missing'],
    [sample.replace('15042021', '15041989'), 'cccd_qr.date'],
    [sample.replace('15042021', '31042021'), 'cccd_qr.date'],
    [sample.replace('15042021', ''), 'cccd_qr.date'],
    [sample.replace('|Nam|', '||'), 'cccd_qr.gender'],
    [sample.replace('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội', ' '), 'cccd_qr.missing'],
    [sample.replace('001090123456', '003090123456'), 'cccd.province'],
    ['||||||||', 'cccd_qr.field_count'],
    ['|||||||', 'cccd_qr.gender'],
    ['||||||', 'cccd_qr.gender'],
  ])('rejects %j (%s)', (payload, code) => {
    expect(parseCccdQr(payload)).toMatchObject({ ok: false, error: { code } });
  });

  it.each([
    [sample.replace('|Nam|', '|Male|'), 'gender'],
    [sample.replace('01011990', '31021990'), 'dateOfBirth'],
    [sample.replace('|Nam|', '|Nữ|'), 'idNumber'],
    [sample.replace('012345678', '0123'), 'oldIdNumber'],
    [sample.replace('Nguyễn Văn An', ''), 'fullName'],
    [sample.replace('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội', ''), 'address'],
    [sample.replace('15042021', 'x'), 'issuedOn'],
  ])('names the field of the error in %j (%s)', (payload, field) => {
    expect(parseCccdQr(payload)).toMatchObject({ ok: false, error: { field } });
  });

  it('refuses what is not text', () => {
    for (const input of [undefined, null, 7, {}, [sample]])
      expect(parseCccdQr(input)).toMatchObject({ ok: false, error: { code: 'cccd_qr.not_text' } });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc
            .array(fc.constantFrom('|', '001090123456', 'Nam', 'Nữ', '01011990', 'x', ''))
            .map((a) => a.join('')),
          fc.tuple(fc.nat({ max: 7 }), fc.string({ unit: 'binary' })).map(([i, v]) =>
            sample
              .split('|')
              .map((f, j) => (j === i ? v : f))
              .join('|'),
          ),
          fc.anything(),
        ),
        (input) => {
          const r = parseCccdQr(input);
          if (!r.ok) expect(r.error.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
