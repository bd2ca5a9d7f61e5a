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
    ['001090123456|012345678|Nguyễn Văn An|01011990|Nam', 'cccd_qr.field_count'],
    ['001090123456', 'cccd_qr.field_count'],
    ['001090123456|012345678', 'cccd_qr.field_count'],
    [sample.replace('|Nam|', '|Male|'), 'cccd_qr.gender'],
    [sample.replace('01011990', '31021990'), 'cccd_qr.date'],
    [sample.replace('|Nam|', '|Nữ|'), 'cccd.gender_mismatch'],
    [sample.replace('01011990', '01011991'), 'cccd.birth_year_mismatch'],
    [sample.replace('001090123456', '00109012345'), 'cccd.format'],
    [sample.replace('012345678', '0123'), 'cccd_qr.old_id'],
    [sample.replace('012345678', 'abc'), 'cccd_qr.old_id'],
    ['001090123456|Nguyễn Văn An|Nam|01011990|Hà Nội|15042021', 'cccd_qr.gender'],
    [sample.replace('Nguyễn Văn An', ''), 'cccd_qr.missing'],
    [sample.replace('15042021', '15041989'), 'cccd_qr.date'],
    [sample.replace('15042021', '31042021'), 'cccd_qr.date'],
    [sample.replace('15042021', '2021'), 'cccd_qr.date'],
    [sample.replace('|Nam|', '||'), 'cccd_qr.gender'],
    [sample.replace('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội', ' '), 'cccd_qr.missing'],
    [sample.replace('001090123456', '003090123456'), 'cccd.province'],
    ['||||||||', 'cccd_qr.field_count'],
    ['|||||||', 'cccd_qr.field_count'],
    ['||||||', 'cccd_qr.field_count'],
    ['hello world', 'cccd_qr.field_count'],
    ['001090123456|012345678|Nguyễn Văn An|Nam|01011990|Hà Nội|15042021', 'cccd_qr.gender'],
    ['001890123456|012345678|Nguyễn Văn An|01011890|Nam|Hà Nội|15042021', 'cccd.birth_year_mismatch'],
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
    ['001090123456|012345678|Nguyễn Văn An|01011990', 'gender'],
    ['001090123456|012345678|Nguyễn Văn An', 'dateOfBirth'],
    ['001090123456|Nguyễn Văn An|01011990|Nam', 'address'],
    ['garbage|', 'idNumber'],
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

/** Text mangled as a wrong reader does: its UTF-8 bytes read as Windows-1252. */
const asCp1252 = (text: string) => new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));

describe('parseCccdQr: the shapes in use (issue #19)', () => {
  const address = 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội';
  it.each<[string, string, Record<string, unknown>]>([
    ['the 7-field legacy CCCD', sample, { issuedOn: '2021-04-15', oldIdNumber: '012345678' }],
    ['6 fields, no issue date', '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội', { issuedOn: null, address: 'Hà Nội' }],
    ['6 fields with an empty old ID', '001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội', { issuedOn: null, oldIdNumber: null }],
    ['no old-ID field (6 fields with the issue date)', `001090123456|Nguyễn Văn An|01011990|Nam|${address}|15042021`, { oldIdNumber: null, fullName: 'Nguyễn Văn An', issuedOn: '2021-04-15' }],
    ['no old-ID field and no issue date', '001090123456|Nguyễn Văn An|01011990|Nam|Hà Nội', { oldIdNumber: null, issuedOn: null }],
    ['an empty issue date', sample.replace('15042021', ''), { issuedOn: null }],
    ['trailing separators', `${sample}|||`, { issuedOn: '2021-04-15' }],
    ['the identity card of 2024 with fields after the issue date', `079203001234||Lê Minh Khôi|05062003|Nam|Phường Sài Gòn, Thành phố Hồ Chí Minh|20082024|20082039|`, { idNumber: '079203001234', issuedOn: '2024-08-20', extraFields: ['20082039'] }],
    ['extra fields kept as read', `${sample}|Nguyễn Văn Bình|Trần Thị Cúc`, { extraFields: ['Nguyễn Văn Bình', 'Trần Thị Cúc'] }],
    ['slashed dates', '001090123456||Nguyễn Văn An|01/01/1990|Nam|Hà Nội|15/04/2021', { dateOfBirth: '1990-01-01', issuedOn: '2021-04-15' }],
    ['a byte-order mark', `\uFEFF${sample}`, { idNumber: '001090123456' }],
    ['a bilingual gender', sample.replace('|Nam|', '|Nam/Male|'), { gender: 'male' }],
    ['a bilingual gender (Nữ/Female)', '001190123456||Trần Thị B|02021990|Nữ/Female|Xã A|01012022', { gender: 'female' }],
    ['a holder whose birth was registered abroad', '840190123456||Nguyễn Thị Mai|03031990|Nữ|Hà Nội|01072024', { idNumber: '840190123456', gender: 'female' }],
  ])('accepts %s', (_label, payload, expected) => {
    expect(parseCccdQr(payload)).toMatchObject({ ok: true, value: expected });
  }); // prettier-ignore

  it('adds neither extra fields nor warnings to a clean 7-field payload', () => {
    const r = parseCccdQr(sample);
    expect(r.ok && Object.keys(r.value).sort()).toEqual([
      'address',
      'dateOfBirth',
      'fullName',
      'gender',
      'idNumber',
      'issuedOn',
      'oldIdNumber',
    ]);
  });

  it('repairs a mojibake name and address, and says so', () => {
    const payload = sample
      .replace('Nguyễn Văn An', asCp1252('Nguyễn Văn An'))
      .replace(address, asCp1252(address));
    expect(parseCccdQr(payload)).toMatchObject({
      ok: true,
      value: {
        fullName: 'Nguyễn Văn An',
        address,
        warnings: [
          { code: 'text.mojibake_repaired', field: 'fullName', original: asCp1252('Nguyễn Văn An') },
          { code: 'text.mojibake_repaired', field: 'address', original: asCp1252(address) },
        ],
      },
    });
  });

  it('repairs the example of the issue ("Nguyá»…n…")', () => {
    expect(parseCccdQr(sample.replace('Nguyễn Văn An', 'Nguyá»…n VÄƒn An'))).toMatchObject({
      ok: true,
      value: { fullName: 'Nguyễn Văn An', warnings: [{ field: 'fullName' }] },
    });
  });

  it('refuses a name mangled beyond repair, naming the field', () => {
    const broken = `${asCp1252('Nguyễn Thắng').replace('»', 'x')}Ã©Ã`;
    expect(parseCccdQr(sample.replace('Nguyễn Văn An', broken))).toMatchObject({
      ok: false,
      error: { code: 'text.mojibake', field: 'fullName' },
    });
  });
});
