import { describe, expect, it } from 'vitest';
import { checkKeys, planTables } from './citus';

const fk = (
  table: string,
  name: string,
  referenced: string,
  columns: string[],
  referencedColumns: string[],
) => ({
  table,
  name,
  definition: '',
  referenced,
  columns,
  referencedColumns,
});

describe('the Citus plan', () => {
  it('distributes by bhxh_code, keeps account-scoped tables on the coordinator, copies catalogs', () => {
    const plan = planTables([
      { table: 'persons', columns: ['bhxh_code', 'cccd'] },
      { table: 'sick_pay_claims', columns: ['bhxh_code', 'id'] },
      { table: 'device_tokens', columns: ['account_id', 'id'] },
      { table: 'clinics', columns: ['code'] },
      { table: 'outbox', columns: ['id'] },
      { table: 'unique_keys', columns: ['value', 'scope', 'bhxh_code'] },
    ]);
    expect(plan.map((p) => [p.table, p.placement, p.column])).toEqual([
      ['persons', 'distributed', 'bhxh_code'],
      ['sick_pay_claims', 'distributed', 'bhxh_code'],
      ['device_tokens', 'coordinator', undefined],
      ['clinics', 'reference', undefined],
      ['outbox', 'coordinator', undefined],
      ['unique_keys', 'distributed', 'value'],
    ]);
  });

  it("co-locates the guardian's look-up of wards with persons by the guardian's code (0030)", () => {
    const plan = planTables([
      { table: 'persons', columns: ['bhxh_code', 'guardian_bhxh_code'] },
      { table: 'guardian_wards', columns: ['bhxh_code', 'ward_bhxh_code'] },
    ]);
    expect(plan[1]).toMatchObject({ table: 'guardian_wards', placement: 'distributed', column: 'bhxh_code' });
    expect(plan[1]?.reason).toMatch(/guardian’s wards/);
    const keys = [
      fk('guardian_wards', 'guardian_wards_bhxh_code_fkey', 'persons', ['bhxh_code'], ['bhxh_code']),
      fk(
        'guardian_wards',
        'guardian_wards_ward_bhxh_code_fkey',
        'persons',
        ['ward_bhxh_code'],
        ['bhxh_code'],
      ),
    ];
    // The guardian's key is co-located and kept; the ward's crosses shards and is dropped.
    expect(checkKeys(plan, [], keys).drop.map((k) => k.name)).toEqual(['guardian_wards_ward_bhxh_code_fkey']);
  });

  it('stops at a table added later that it cannot place, naming it', () => {
    expect(() =>
      planTables([
        { table: 'persons', columns: ['bhxh_code'] },
        { table: 'payment_batches', columns: ['id', 'agency_code'] },
      ]),
    ).toThrow(/payment_batches: has neither bhxh_code nor account_id/);
  });

  it('stops at a unique key of a distributed table without its distribution column', () => {
    const plan = planTables([
      { table: 'persons', columns: ['bhxh_code'] },
      { table: 'sick_pay_claims', columns: ['bhxh_code', 'number'] },
    ]);
    expect(() =>
      checkKeys(
        plan,
        [{ table: 'sick_pay_claims', name: 'sick_pay_claims_number_key', columns: ['number'] }],
        [],
      ),
    ).toThrow(/sick_pay_claims: unique key sick_pay_claims_number_key \(number\) lacks bhxh_code/);
    expect(() =>
      checkKeys(
        plan,
        [{ table: 'sick_pay_claims', name: 'sick_pay_claims_pkey', columns: ['bhxh_code', 'number'] }],
        [],
      ),
    ).not.toThrow();
  });

  it('keeps co-located and catalog keys, drops the listed and coordinator→catalog ones, stops at others', () => {
    const plan = planTables([
      { table: 'persons', columns: ['bhxh_code', 'guardian_bhxh_code'] },
      { table: 'bhyt_cards', columns: ['bhxh_code', 'id'] },
      { table: 'clinics', columns: ['code'] },
      { table: 'accounts', columns: ['id', 'bhxh_code', 'clinic_code'] },
      { table: 'sick_pay_claims', columns: ['bhxh_code', 'id', 'other_bhxh_code'] },
    ]);
    const keys = [
      fk('bhyt_cards', 'bhyt_cards_bhxh_code_fkey', 'persons', ['bhxh_code'], ['bhxh_code']),
      fk('bhyt_cards', 'bhyt_cards_clinic_fkey', 'clinics', ['clinic'], ['code']),
      fk('persons', 'persons_guardian_bhxh_code_fkey', 'persons', ['guardian_bhxh_code'], ['bhxh_code']),
      fk('accounts', 'accounts_clinic_code_fkey', 'clinics', ['clinic_code'], ['code']),
    ];
    expect(checkKeys(plan, [], keys).drop.map((k) => k.name)).toEqual([
      'persons_guardian_bhxh_code_fkey',
      'accounts_clinic_code_fkey',
    ]);
    expect(() =>
      checkKeys(plan, [], [fk('sick_pay_claims', 'x_fkey', 'persons', ['other_bhxh_code'], ['bhxh_code'])]),
    ).toThrow(
      /sick_pay_claims.x_fkey: distributed sick_pay_claims → distributed persons is a foreign key Citus cannot keep/,
    );
  });
});
