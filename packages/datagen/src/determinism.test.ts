import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseBhytCardNumber, teCardEndDate, validateCccd } from '@vssid/domain';
import { LOAD_ORDER, nationBatches } from './batches';
import { copyLines, copyValue } from './encode';
import { generateCatalogs } from './catalogs';
import { AS_OF, generatePeople } from './people';

/** One digest per table of what the generator writes (the files `--out` would hold). */
function digest(seed: string, persons: number, batch: number): string {
  const hashes = new Map(LOAD_ORDER.map((t) => [t, createHash('sha256')]));
  for (const [b] of nationBatches(seed, persons, batch))
    for (const t of LOAD_ORDER) if (b[t]?.length) hashes.get(t)?.update(copyLines(t, b[t]));
  return LOAD_ORDER.map((t) => `${t}:${hashes.get(t)?.digest('hex') ?? ''}`).join('\n');
}

describe('the synthetic nation', () => {
  it('is byte-identical for the same seed, whatever the batch size, and different for another seed', () => {
    const a = digest('seed-a', 300, 100);
    expect(digest('seed-a', 300, 100)).toBe(a);
    expect(digest('seed-a', 300, 37)).toBe(a);
    expect(digest('seed-b', 300, 100)).not.toBe(a);
  });

  it('follows the identifier rules', () => {
    const catalogs = generateCatalogs('rules', 500);
    const people = [...generatePeople('rules', 500, catalogs)];
    expect(people).toHaveLength(500);
    const codes = new Set(people.map((p) => p.person.bhxh_code));
    expect(codes.size).toBe(500);
    const byCode = new Map(people.map((p) => [p.person.bhxh_code, p.person]));
    for (const { person, cards, visits, periods } of people) {
      expect(person.bhxh_code).toMatch(/^\d{10}$/);
      if (person.cccd) {
        expect(
          validateCccd(person.cccd, {
            dateOfBirth: person.birth_date ?? String(person.birth_year),
            gender: person.gender,
          }).ok,
        ).toBe(true);
      }
      if (person.phone) expect(person.phone).toMatch(/^0\d{9}$/);
      if (person.guardian_bhxh_code) {
        const guardian = byCode.get(person.guardian_bhxh_code);
        expect(guardian).toBeDefined();
        expect(person.birth_year - (guardian?.birth_year ?? 0)).toBeGreaterThanOrEqual(18);
        expect(2026 - person.birth_year).toBeLessThanOrEqual(18);
      }
      for (const card of cards) {
        const parsed = parseBhytCardNumber(card.card_number);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.value.bhxhCode).toBe(person.bhxh_code);
      }
      for (const v of visits) {
        expect(Number(v.fund_paid)).toBe(Number(v.covered_cost) - Number(v.co_payment));
        expect(String(v.admitted_at) >= '2017-01-01').toBe(true);
      }
      for (const p of periods) expect(p.to_month >= p.from_month).toBe(true);
      // Records made before the 2025 reform name the old units.
      if (person.old_commune_code) expect(person.old_district_code).toMatch(/^\d{3}$/);
    }
    const withHistory = people.filter((p) => p.periods.length > 0).length;
    expect(withHistory / people.length).toBeGreaterThan(0.3);
    expect(people.some((p) => p.periods.some((x) => x.status === 'owed'))).toBe(true);
    expect(people.some((p) => p.benefits.some((b) => b.kind === 'pension'))).toBe(true);
    expect(people.some((p) => p.cards.length > 1)).toBe(true);
  });

  it('ends TE cards on the legal date and continues the child with another card (issue #19)', () => {
    const catalogs = generateCatalogs('children', 2000);
    const people = [...generatePeople('children', 2000, catalogs)];
    let continued = 0;
    let teNow = 0;
    for (const { person, cards } of people) {
      if (!person.birth_date) continue;
      const end = teCardEndDate(person.birth_date);
      expect(end.ok).toBe(true);
      if (!end.ok) continue;
      const byStart = [...cards].sort((a, b) => (a.valid_from < b.valid_from ? -1 : 1));
      for (const [i, card] of byStart.entries()) {
        if (card.object_code !== 'TE') continue;
        // Never past the legal end (at 72 months, or 30 September of that year).
        expect(card.valid_to && card.valid_to <= end.value, `${person.bhxh_code} ${card.valid_to}`).toBe(
          true,
        );
        const next = byStart[i + 1];
        if (next) {
          expect(next.object_code).not.toBe('TE');
          if (card.valid_to === end.value) {
            expect(['HS', 'DT', 'HN', 'CB', 'CN', 'GD']).toContain(next.object_code);
            continued++;
          }
        }
        if (card.status === 'active') teNow++;
      }
      // A child past the legal end on the generator's date holds no TE card in force.
      if (end.value < AS_OF)
        expect(
          cards.some((c) => c.object_code === 'TE' && c.status === 'active' && (c.valid_to ?? '') >= AS_OF),
        ).toBe(false);
    }
    expect(continued).toBeGreaterThan(10);
    expect(teNow).toBeGreaterThan(10);
  });

  it('writes COPY text with escapes and nulls', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d');
    expect(copyValue(true)).toBe('t');
    expect(copyValue({ days: 3 })).toBe('{"days":3}');
  });
});
