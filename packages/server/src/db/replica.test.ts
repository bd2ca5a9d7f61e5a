import { describe, expect, it } from 'vitest';
import { lsnValue, onlyReads } from './replica';

describe('replica routing', () => {
  it('sends only plain SELECTs to the replica: no row locks, no writes, no transaction control', () => {
    expect(onlyReads('select "bhxh_code" from "persons" where "bhxh_code" = $1')).toBe(true);
    expect(onlyReads('  SELECT 1')).toBe(true);
    expect(onlyReads('select * from "outbox" limit $1 for update skip locked')).toBe(false);
    expect(onlyReads('select * from "news" where "id" = $1 for share')).toBe(false);
    expect(onlyReads('select * from "x" for no key update')).toBe(false);
    expect(onlyReads('insert into "audit_log" ("a") values ($1)')).toBe(false);
    expect(onlyReads('with moved as (update "cards" set "x" = 1 returning *) select * from moved')).toBe(
      false,
    );
    expect(onlyReads('begin')).toBe(false);
  });

  it('orders WAL positions as PostgreSQL does (high word, then low word)', () => {
    expect(lsnValue('0/3256DE0')).toBe(0x3256de0n);
    expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
  });
});
