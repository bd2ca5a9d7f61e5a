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
    ['an empty old CMND', sample.replace('|012345678|', '||'), { oldIdNumber: null }],
    [
      'Nữ, decomposed',
      '001190123456||Trần Thị B|02021990|Nu\u0303|Xã A|01012022',
      { gender: 'female', fullName: 'Trần Thị B' },
    ],
    ['NỮ upper case', '001190123456||Trần Thị B|02021990|NỮ|Xã A|01012022', { gender: 'female' }],
    ['a trailing separator', `${sample}|`, { idNumber: '001090123456' }],
    ['a 12-digit old ID', sample.replace('012345678', '012345678901'), { oldIdNumber: '012345678901' }],
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
  ])('rejects %j (%s)', (payload, code) => {
    expect(parseCccdQr(payload)).toMatchObject({ ok: false, error: { code } });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .array(fc.constantFrom('|', '001090123456', 'Nam', 'Nữ', '01011990', 'x', ''))
            .map((a) => a.join('')),
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
