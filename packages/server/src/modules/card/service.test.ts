import { describe, expect, it } from 'vitest';
import type { CardRow } from './repository';
import { cardStatus, isMinor, vietnamToday } from './service';

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

describe('minority', () => {
  it('ends on the 18th birthday', () => {
    const child = row({ birth_date: '2008-12-02', birth_year: 2008 });
    expect(isMinor(child, '2026-12-01')).toBe(true);
    expect(isMinor(child, '2026-12-02')).toBe(false);
  });

  it('with only a year of birth, lasts until 31 December of the 18th year (the rule of records/access.ts)', () => {
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
