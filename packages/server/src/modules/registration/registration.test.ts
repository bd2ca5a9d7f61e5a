import { describe, expect, it } from 'vitest';
import { dateOfBirthOf, isMinor as isMinorOn, vietnamToday, vietnamYear } from '@vssid/domain';

/** Child registration asks the domain's one minor rule with the stored person and today in Vietnam. */
const isMinor = (person: { birth_date: string | null; birth_year: number }, at: Date) =>
  isMinorOn(dateOfBirthOf(person), vietnamToday(at));

describe('registration helpers', () => {
  it('counts a minor until the 18th birthday, and in their favour when only the year is known', () => {
    const at = new Date('2026-03-02T12:00:00Z');
    expect(isMinor({ birth_date: '2008-03-03', birth_year: 2008 }, at)).toBe(true);
    expect(isMinor({ birth_date: '2008-03-02', birth_year: 2008 }, at)).toBe(false);
    expect(isMinor({ birth_date: null, birth_year: 2009 }, at)).toBe(true);
    // Changed by #21 item 5: born 2008 (year alone) is a minor until 30 December 2026, as for card
    // access (it was an adult from 1 January 2026 here while the card still showed them as a child).
    expect(isMinor({ birth_date: null, birth_year: 2008 }, at)).toBe(true);
    expect(isMinor({ birth_date: null, birth_year: 2008 }, new Date('2026-12-30T16:59:59Z'))).toBe(true);
    expect(isMinor({ birth_date: null, birth_year: 2008 }, new Date('2026-12-30T17:00:00Z'))).toBe(false);
    expect(isMinor({ birth_date: null, birth_year: 2007 }, at)).toBe(false);
  });

  it("numbers follow Vietnam's calendar (UTC+7)", () => {
    expect(vietnamYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vietnamYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});
