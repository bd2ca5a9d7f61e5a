import { describe, expect, it } from 'vitest';
import {
  birthMatches,
  cardResult,
  type CardFacts,
  isUnderSix,
  nameResult,
  readCheckInput,
  wrongCardCode,
} from './check-rules';

const body = {
  maThe: '0100010001',
  hoTen: 'Nguyễn Văn An',
  ngaySinh: '12/05/1980',
  hoTenCb: 'Phạm Thu Trang',
  cccdCb: '001085000111',
};
const card: CardFacts = {
  id: '1',
  card_number: '0100010001',
  object_code: 'DN',
  benefit_level: 4,
  valid_from: '2026-01-01',
  valid_to: '2026-12-31',
  status: 'active',
  replaced_by_id: null,
  managing_body: 'bhxh',
  reduced_kind: null,
};

describe('card check rules', () => {
  it('reads the three kinds of code and refuses other shapes, naming the parameter', () => {
    expect(readCheckInput(body)).toMatchObject({
      ok: true,
      input: { key: { kind: 'bhxh_code' }, birth: '1980-05-12' },
    });
    expect(readCheckInput({ ...body, maThe: 'dn4010100010001' })).toMatchObject({
      ok: true,
      input: { key: { kind: 'legacy_card', number: 'DN4010100010001', bhxhCode: '0100010001' } },
    });
    expect(readCheckInput({ ...body, maThe: '001080012345', ngaySinh: '1980' })).toMatchObject({
      ok: true,
      input: { key: { kind: 'cccd' }, birth: '1980' },
    });
    expect(readCheckInput({ ...body, maThe: '01000' })).toEqual({ ok: false, field: 'maThe' });
    expect(readCheckInput({ ...body, ngaySinh: '1980-05-12' })).toEqual({ ok: false, field: 'ngaySinh' });
    expect(readCheckInput({ ...body, hoTenCb: ' ' })).toEqual({ ok: false, field: 'hoTenCb' });
  });

  it('names: exact (case and spacing aside), same initials (061), else 060', () => {
    expect(nameResult('Nguyễn Văn An', '  nguyễn  văn AN ')).toBe('000');
    expect(nameResult('Nguyễn Văn An', 'Nguyen Van Anh')).toBe('061');
    expect(nameResult('Nguyễn Văn An', 'Trần Văn An')).toBe('060');
    expect(nameResult('Nguyễn Văn An', 'Nguyễn An')).toBe('060');
  });

  it('dates of birth: the date, or the year when either side knows only the year', () => {
    expect(birthMatches({ birth_date: '1980-05-12', birth_year: 1980 }, '1980-05-12')).toBe(true);
    expect(birthMatches({ birth_date: '1980-05-12', birth_year: 1980 }, '1980')).toBe(true);
    expect(birthMatches({ birth_date: null, birth_year: 1970 }, '1970-01-01')).toBe(true);
    expect(birthMatches({ birth_date: '1980-05-12', birth_year: 1980 }, '1980-05-13')).toBe(false);
  });

  it('a wrong legacy number: object code 051, level 053, province 052', () => {
    expect(wrongCardCode('HS4010100010001', card, '0100010001')).toBe('051');
    expect(wrongCardCode('DN3010100010001', card, '0100010001')).toBe('053');
    expect(wrongCardCode('DN4790100010001', card, '0100010001')).toBe('052');
  });

  it("the card's state on the day", () => {
    const today = '2026-12-07';
    expect(cardResult(card, null, today)).toBe('000');
    expect(cardResult({ ...card, valid_to: '2026-12-06' }, null, today)).toBe('010');
    expect(cardResult({ ...card, status: 'revoked' }, null, today)).toBe('110');
    expect(cardResult({ ...card, status: 'reduced', reduced_kind: 'in_province' }, null, today)).toBe('121');
    expect(cardResult({ ...card, status: 'replaced' }, null, today)).toBe('100');
    expect(cardResult({ ...card, status: 'replaced', valid_to: '2025-12-31' }, card, today)).toBe('003');
    expect(cardResult({ ...card, status: 'replaced' }, card, today)).toBe('004');
    expect(cardResult({ ...card, managing_body: 'public_security' }, null, today)).toBe('002');
  });

  it('under 6 until the sixth birthday', () => {
    expect(isUnderSix({ birth_date: '2020-12-08', birth_year: 2020 }, '2026-12-07')).toBe(true);
    expect(isUnderSix({ birth_date: '2020-12-07', birth_year: 2020 }, '2026-12-07')).toBe(false);
  });
});
