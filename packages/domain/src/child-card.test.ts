import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardEndDate, cardHasEnded, teCardEndDate } from './child-card';
import { ageOn } from './dates';
import { parameterEntryAt } from './parameters';

describe('the end of a TE card (Luật BHYT Art. 16 §3; NĐ 146/2018/NĐ-CP Art. 13 §2)', () => {
  it.each([
    // Born 1 January – 30 September: 30 September of the year of 72 months (school intake not reached).
    ['2020-02-09', '2026-09-30'], // the example of issue #19
    ['2020-01-01', '2026-09-30'],
    ['2020-09-30', '2026-09-30'],
    ['2020-02-29', '2026-09-30'],
    ['2019-06-15', '2025-09-30'],
    // Born after 30 September: the last day of the month of 72 months (already at school).
    ['2020-10-01', '2026-10-31'],
    ['2019-11-15', '2025-11-30'],
    ['2020-12-31', '2026-12-31'],
    ['2018-11-30', '2024-11-30'],
    // A year of birth alone: taken as born before 30 September.
    ['2020', '2026-09-30'],
  ])('born %s: ends on %s', (birth, end) => {
    expect(teCardEndDate(birth)).toEqual({ ok: true, value: end });
  });

  it('takes the age and the school intake from the parameter table, with their sources', () => {
    const row = parameterEntryAt('bhytChildCardEnd', '2020-02-09');
    expect(row.value).toEqual({ months: 72, untilSchoolIntake: '09-30' });
    expect(row.source).toContain('Art. 16 §3');
    expect(row.source).toContain('NĐ 146/2018/NĐ-CP, Art. 13 §2');
  });

  it('refuses a date of birth that is not one', () => {
    expect(teCardEndDate('2020-02-30')).toMatchObject({ ok: false, error: { field: 'dateOfBirth' } });
    expect(teCardEndDate('09/02/2020')).toMatchObject({ ok: false, error: { code: 'date.bad_format' } });
  });

  it('is never before the 72nd month, and never later than the end of the year of it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }),
        (d) => {
          const birth = d.toISOString().slice(0, 10);
          const end = teCardEndDate(birth);
          expect(end.ok).toBe(true);
          if (!end.ok) return;
          expect(ageOn(birth, end.value)?.totalMonths).toBeGreaterThanOrEqual(72);
          expect(end.value <= `${Number(birth.slice(0, 4)) + 6}-12-31`).toBe(true);
        },
      ),
    );
  });
});

describe('cardEndDate and cardHasEnded', () => {
  const te = { objectCode: 'TE', validTo: '2026-12-31', dateOfBirth: '2020-02-09' };

  it('ends a legacy TE card recorded to 31 December on the legal date', () => {
    expect(cardEndDate(te)).toBe('2026-09-30');
    expect(cardHasEnded(te, '2026-09-30')).toBe(false);
    expect(cardHasEnded(te, '2026-10-01')).toBe(true);
    // The case: 6 years 9 months old on 2026-12-06, the card has ended.
    expect(cardHasEnded(te, '2026-12-06')).toBe(true);
    expect(ageOn('2020-02-09', '2026-12-06')).toEqual({ years: 6, months: 9, totalMonths: 81 });
  });

  it('keeps an earlier recorded end, and an open-ended TE card ends on the legal date', () => {
    expect(cardEndDate({ ...te, validTo: '2025-12-31' })).toBe('2025-12-31');
    expect(cardEndDate({ ...te, validTo: null })).toBe('2026-09-30');
  });

  it('leaves other cards, and TE cards without a date of birth, as recorded', () => {
    expect(cardEndDate({ ...te, objectCode: 'HS' })).toBe('2026-12-31');
    expect(cardEndDate({ ...te, objectCode: 'GD', validTo: null })).toBeNull();
    expect(cardEndDate({ ...te, dateOfBirth: null })).toBe('2026-12-31');
    expect(cardHasEnded({ ...te, objectCode: 'HS' }, '2026-12-06')).toBe(false);
  });

  it('shows a 4-year-old TE card in force', () => {
    expect(
      cardHasEnded({ objectCode: 'TE', validTo: '2026-12-31', dateOfBirth: '2022-03-04' }, '2026-12-06'),
    ).toBe(false);
  });
});
