import { describe, expect, it } from 'vitest';
import { birthdayMonthDays, greetingKey, occasionsOn } from './greetings';
import { tetDay } from './working-days';

describe('greeting occasions', () => {
  it('finds Tết from the lunar calendar and the solar holidays, and birthdays every day', () => {
    expect(tetDay(2027)).toBe('2027-02-06');
    expect(occasionsOn('2027-02-06')).toEqual(['tet', 'birthday']);
    expect(occasionsOn('2027-04-30')).toEqual(['reunification', 'birthday']);
    expect(occasionsOn('2027-05-01')).toEqual(['birthday']);
    expect(occasionsOn('2026-09-02')).toEqual(['national_day', 'birthday']);
    expect(occasionsOn('2027-03-08')).toEqual(['womens_day', 'birthday']);
    expect(occasionsOn('2026-10-20')).toEqual(['vietnam_womens_day', 'birthday']);
    expect(occasionsOn('2026-12-07')).toEqual(['birthday']);
  });

  it('greets a person born on 29 February on the 28th in a common year', () => {
    expect(birthdayMonthDays('2027-02-28')).toEqual(['02-28', '02-29']);
    expect(birthdayMonthDays('2028-02-28')).toEqual(['02-28']);
    expect(birthdayMonthDays('2028-02-29')).toEqual(['02-29']);
  });

  it('keys a greeting by occasion and year', () => {
    expect(greetingKey('tet', '2027-02-06')).toBe('greeting:tet:2027');
    expect(greetingKey('birthday', '2026-12-07')).toBe('greeting:birthday:2026');
  });
});
