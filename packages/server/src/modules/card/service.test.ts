import { describe, expect, it } from 'vitest';
import type { CardRow } from './repository';
import { dateOfBirthOf, isMinor as isMinorOn, vietnamToday } from '@vssid/domain';
import { cardStatus, cardValidTo } from './service';

const row = (over: Partial<CardRow>): CardRow =>
  ({
    card_status: 'active',
    valid_from: '2026-01-01',
    valid_to: '2026-12-31',
    birth_date: null,
    birth_year: 1990,
    ...over,
  }) as CardRow;

describe('card status', () => {
  it.each([
    ['2026-06-01', {}, 'valid'],
    ['2026-12-01', {}, 'expiring_soon'],
    ['2026-12-31', {}, 'expiring_soon'],
    ['2027-01-01', {}, 'expired'],
    ['2025-12-31', {}, 'not_yet_valid'],
    ['2026-06-01', { valid_to: null }, 'valid'],
    ['2026-06-01', { card_status: 'replaced' as const }, 'replaced'],
    ['2026-06-01', { card_status: 'revoked' as const }, 'revoked'],
    ['2026-06-01', { card_status: 'suspended' as const }, 'suspended'],
  ])('on %s, %j is %s', (today, over, status) => {
    expect(cardStatus(row(over), today)).toBe(status);
  });
});

describe('TE cards end when the law says (issue #19)', () => {
  // Born 2020-02-09: 72 months on 2026-02-09, before the school intake, so the card ends 2026-09-30.
  const te = row({ object_code: 'TE', birth_date: '2020-02-09', birth_year: 2020, valid_to: '2026-12-31' });

  it.each([
    ['2026-06-01', 'valid'],
    ['2026-09-15', 'expiring_soon'],
    ['2026-09-30', 'expiring_soon'],
    ['2026-10-01', 'expired'],
    ['2026-12-06', 'expired'],
  ])('on %s a TE card recorded to 31 December is %s', (today, status) => {
    expect(cardStatus(te, today)).toBe(status);
  });

  it('gives the legal end as the card end, and leaves other cards as recorded', () => {
    expect(cardValidTo(te)).toBe('2026-09-30');
    expect(cardValidTo({ ...te, object_code: 'HS' })).toBe('2026-12-31');
    expect(cardStatus({ ...te, object_code: 'HS' }, '2026-12-06')).toBe('expiring_soon');
  });
});

/** The card module asks the domain's one minor rule with the card row's birth (card/service.ts). */
const isMinor = (r: CardRow, today: string) => isMinorOn(dateOfBirthOf(r), today);

describe('minority', () => {
  it('ends on the 18th birthday', () => {
    const child = row({ birth_date: '2008-12-02', birth_year: 2008 });
    expect(isMinor(child, '2026-12-01')).toBe(true);
    expect(isMinor(child, '2026-12-02')).toBe(false);
  });

  it('with only a year of birth, lasts until 31 December of the 18th year (the rule of domain/dates.ts)', () => {
    const child = row({ birth_date: null, birth_year: 2008 });
    expect(isMinor(child, '2026-12-30')).toBe(true);
    expect(isMinor(child, '2026-12-31')).toBe(false);
  });
});

describe('the date in Vietnam', () => {
  it('is UTC+7', () => {
    expect(vietnamToday(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(vietnamToday(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });
});
