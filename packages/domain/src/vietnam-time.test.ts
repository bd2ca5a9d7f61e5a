import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partOfDayInVietnam, startOfVietnamDay } from './vietnam-time';

describe('Vietnam time', () => {
  it('starts the day at midnight UTC+7, also for instants before 1970', () => {
    expect(startOfVietnamDay(new Date('2026-12-06T23:35:00Z')).toISOString()).toBe(
      '2026-12-06T17:00:00.000Z',
    );
    expect(startOfVietnamDay(new Date('2026-12-06T16:59:59Z')).toISOString()).toBe(
      '2026-12-05T17:00:00.000Z',
    );
    expect(startOfVietnamDay(new Date('1969-12-31T20:00:00Z')).toISOString()).toBe(
      '1969-12-31T17:00:00.000Z',
    );
  });

  it('holds every instant within its day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -4e12, max: 4e12 }), (ms) => {
        const start = startOfVietnamDay(new Date(ms)).getTime();
        expect(ms - start).toBeGreaterThanOrEqual(0);
        expect(ms - start).toBeLessThan(86_400_000);
        expect(new Date(start + 7 * 3_600_000).toISOString().slice(11)).toBe('00:00:00.000Z');
      }),
    );
  });

  it('names the part of the day by the hour in Vietnam, not UTC', () => {
    const at = (utc: string) => partOfDayInVietnam(new Date(utc));
    expect(at('2026-12-06T20:59:00Z')).toBe('evening'); // 03:59 in Vietnam
    expect(at('2026-12-06T21:00:00Z')).toBe('morning'); // 04:00
    expect(at('2026-12-07T03:59:00Z')).toBe('morning'); // 10:59
    expect(at('2026-12-07T04:00:00Z')).toBe('noon'); // 11:00
    expect(at('2026-12-07T06:00:00Z')).toBe('afternoon'); // 13:00
    expect(at('2026-12-07T10:59:00Z')).toBe('afternoon'); // 17:59
    expect(at('2026-12-07T11:00:00Z')).toBe('evening'); // 18:00
    expect(at('2026-12-07T16:30:00Z')).toBe('evening'); // 23:30
  });
});
