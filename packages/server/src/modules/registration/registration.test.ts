import { describe, expect, it } from 'vitest';
import { vietnamYear } from './dossiers';
import { isMinor } from './submit-service';

describe('registration helpers', () => {
  it('counts a minor until the 18th birthday, and in their favour when only the year is known', () => {
    const at = new Date('2026-03-02T12:00:00Z');
    expect(isMinor({ birth_date: '2008-03-03', birth_year: 2008 }, at)).toBe(true);
    expect(isMinor({ birth_date: '2008-03-02', birth_year: 2008 }, at)).toBe(false);
    expect(isMinor({ birth_date: null, birth_year: 2009 }, at)).toBe(true);
    expect(isMinor({ birth_date: null, birth_year: 2008 }, at)).toBe(false);
  });

  it("numbers follow Vietnam's calendar (UTC+7)", () => {
    expect(vietnamYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vietnamYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});
