import { encodeHexUtf8 } from '@vssid/domain';
import { describe, expect, it } from 'vitest';
import { readCode } from './read-code';

describe('readCode', () => {
  it('typed codes: card number, BHXH code, CCCD', () => {
    expect(readCode(' dn4010100010001 ')).toEqual({
      kind: 'code',
      maThe: 'DN4010100010001',
      source: 'typed',
    });
    expect(readCode('0100010001')).toMatchObject({ kind: 'code', maThe: '0100010001' });
    expect(readCode('001080012345')).toMatchObject({ kind: 'code', maThe: '001080012345' });
  });

  it('a CCCD QR gives the CCCD, the name and the date of birth', () => {
    expect(readCode('001080012345|012345678|Nguyễn Văn An|12051980|Nam|Hà Nội|15042021')).toEqual({
      kind: 'code',
      maThe: '001080012345',
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '12/05/1980',
      source: 'cccd_qr',
    });
  });

  it('a BHYT QR gives the card code, the name and the date of birth', () => {
    const qr = `0100010001|${encodeHexUtf8('Nguyễn Văn An')}|12/05/1980|1|-|01 - C54|01/01/2026|31/12/2026|01/01/2026|-|-|4|01/01/2024|0123456789abcdef-0123|4|-$`;
    expect(readCode(qr)).toMatchObject({
      kind: 'code',
      maThe: '0100010001',
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '12/05/1980',
    });
  });

  it('a signed card goes to the offline check; anything else is unreadable', () => {
    expect(readCode('shc:/567629')).toEqual({ kind: 'shc' });
    expect(readCode('xin chào')).toEqual({ kind: 'invalid' });
    expect(readCode('12345')).toEqual({ kind: 'invalid' });
  });
});
