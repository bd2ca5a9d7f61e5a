import { describe, expect, it } from 'vitest';
import { dateOfBirthOf, isMinor as isMinorOn, vietnamToday } from '@vssid/domain';
import { decodeCursor, encodeCursor } from './service';

/** Card access asks the domain's one minor rule with the stored person (records/access.ts). */
const isMinor = (birthDate: string | null, birthYear: number, today: string) =>
  isMinorOn(dateOfBirthOf({ birth_date: birthDate, birth_year: birthYear }), today);

describe('isMinor (the guardian link ends at 18)', () => {
  it.each([
    ['2008-12-02', '2026-12-01', true],
    ['2008-12-01', '2026-12-01', false],
    ['2008-11-30', '2026-12-01', false],
    // Born on 29 February: still a minor on 28 February of a common year, an adult on 1 March.
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
  ])('born %s, on %s: %s', (birth, today, minor) => {
    expect(isMinor(birth, Number(birth.slice(0, 4)), today)).toBe(minor);
  });

  it('with only the year known, counts from 31 December of that year (the youngest possible)', () => {
    expect(isMinor(null, 2008, '2026-12-30')).toBe(true);
    expect(isMinor(null, 2008, '2026-12-31')).toBe(false);
  });
});

describe('visit cursor', () => {
  it('round-trips, and refuses what this server did not make', () => {
    const c = encodeCursor('2023-11-20T14:00:00', 'LK|003');
    expect(decodeCursor(c)).toEqual({ admittedAt: '2023-11-20T14:00:00', maLk: 'LK|003' });
    expect(decodeCursor('bm90LWEtY3Vyc29y')).toBeNull();
    expect(decodeCursor(Buffer.from('2023-11-20|LK1').toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });
});

describe('vietnamToday', () => {
  it('is the date in Vietnam (UTC+7)', () => {
    expect(vietnamToday(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(vietnamToday(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });
});
