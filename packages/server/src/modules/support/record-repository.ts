import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * The records a wrong-data ticket names and the officer corrects (issue 25): a health insurance
 * card, a medical visit (by its MA_LK), a benefit payment. Participation periods are in
 * repository.ts (`findPeriod`). Each read is the person's own row (by BHXH code first), locked
 * for a correction when `forUpdate`.
 */

export async function findCard(db: Kysely<Database>, bhxhCode: string, id: string, forUpdate = false) {
  const q = db
    .selectFrom('bhyt_cards')
    .select([
      'id',
      'card_number',
      'registered_clinic_code',
      'valid_from',
      'valid_to',
      'benefit_level',
      'status',
    ])
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function findVisit(db: Kysely<Database>, bhxhCode: string, maLk: string, forUpdate = false) {
  const q = db
    .selectFrom('medical_visits')
    .select([
      'ma_lk',
      'clinic_code',
      'icd10_main',
      'diagnosis_in',
      'diagnosis_out',
      sql<string>`to_char(admitted_at, 'YYYY-MM-DD')`.as('admitted_on'),
      sql<string>`to_char(discharged_at, 'YYYY-MM-DD')`.as('discharged_on'),
      sql<string>`to_char(admitted_at, 'HH24:MI:SS')`.as('admitted_time'),
      sql<string>`to_char(discharged_at, 'HH24:MI:SS')`.as('discharged_time'),
    ])
    .where('bhxh_code', '=', bhxhCode)
    .where('ma_lk', '=', maLk);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function findBenefit(db: Kysely<Database>, bhxhCode: string, id: string, forUpdate = false) {
  const q = db
    .selectFrom('benefit_payments')
    .select(['id', 'kind', 'period_from', 'period_to', 'amount', 'decision_number'])
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function clinicExists(db: Kysely<Database>, code: string): Promise<boolean> {
  return !!(await db.selectFrom('clinics').select('code').where('code', '=', code).executeTakeFirst());
}

/** One corrected value, by record type and field (the service has checked both and the value). */
export type RecordChange =
  | { type: 'participation'; field: 'fromMonth' | 'toMonth'; value: string }
  | { type: 'participation'; field: 'salary'; value: number }
  | { type: 'card'; field: 'validFrom' | 'validTo' | 'registeredClinicCode'; value: string }
  | { type: 'card'; field: 'benefitLevel'; value: number }
  | { type: 'visit'; field: 'diagnosisIn' | 'diagnosisOut' | 'admittedOn' | 'dischargedOn'; value: string }
  | { type: 'benefit'; field: 'periodFrom' | 'periodTo'; value: string }
  | { type: 'benefit'; field: 'amount'; value: number };

/** Writes one corrected value of the person's record. */
export async function updateRecordField(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
  change: RecordChange,
): Promise<void> {
  const day = (v: string) => sql<string>`${v}::date`;
  switch (change.type) {
    case 'participation': {
      const set =
        change.field === 'salary'
          ? { salary: change.value }
          : { [change.field === 'fromMonth' ? 'from_month' : 'to_month']: day(`${change.value}-01`) };
      await db
        .updateTable('participation_periods')
        .set(set)
        .where('bhxh_code', '=', bhxhCode)
        .where('id', '=', id)
        .execute();
      return;
    }
    case 'card': {
      const set =
        change.field === 'benefitLevel'
          ? { benefit_level: change.value }
          : change.field === 'registeredClinicCode'
            ? { registered_clinic_code: change.value }
            : { [change.field === 'validFrom' ? 'valid_from' : 'valid_to']: day(change.value) };
      await db
        .updateTable('bhyt_cards')
        .set(set)
        .where('bhxh_code', '=', bhxhCode)
        .where('id', '=', id)
        .execute();
      return;
    }
    case 'visit': {
      // A day changes the date and keeps the time of day of the admission or discharge.
      const set =
        change.field === 'diagnosisIn'
          ? { diagnosis_in: change.value }
          : change.field === 'diagnosisOut'
            ? { diagnosis_out: change.value }
            : change.field === 'admittedOn'
              ? { admitted_at: sql<Date>`${change.value}::date + admitted_at::time` }
              : { discharged_at: sql<Date>`${change.value}::date + discharged_at::time` };
      await db
        .updateTable('medical_visits')
        .set(set)
        .where('bhxh_code', '=', bhxhCode)
        .where('ma_lk', '=', id)
        .execute();
      return;
    }
    case 'benefit': {
      const set =
        change.field === 'amount'
          ? { amount: change.value }
          : { [change.field === 'periodFrom' ? 'period_from' : 'period_to']: day(change.value) };
      await db
        .updateTable('benefit_payments')
        .set(set)
        .where('bhxh_code', '=', bhxhCode)
        .where('id', '=', id)
        .execute();
      return;
    }
  }
}
