import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** One medical visit as the FHIR ExplanationOfBenefit needs it (times as local Vietnam wall time). */
export interface VisitRow {
  ma_lk: string;
  clinic_code: string;
  clinic_name: string | null;
  card_number: string;
  visit_kind: string;
  route: number;
  admitted_at: string;
  discharged_at: string;
  icd10_main: string;
  icd10_other: string | null;
  diagnosis_out: string | null;
  total_cost: string;
  covered_cost: string;
  co_payment: string;
  fund_paid: string;
}

/** A page of a person's visits, newest first, and how many there are. */
export async function findVisits(
  db: Kysely<Database>,
  bhxhCode: string,
  page: { count: number; offset: number },
): Promise<{ rows: VisitRow[]; total: number }> {
  const rows =
    await sql<VisitRow>`SELECT v.ma_lk, v.clinic_code, cl.name AS clinic_name, v.card_number, v.visit_kind,
      v.route, to_char(v.admitted_at, 'YYYY-MM-DD"T"HH24:MI:SS') AS admitted_at,
      to_char(v.discharged_at, 'YYYY-MM-DD"T"HH24:MI:SS') AS discharged_at,
      v.icd10_main, v.icd10_other, v.diagnosis_out,
      v.total_cost::text AS total_cost, v.covered_cost::text AS covered_cost,
      v.co_payment::text AS co_payment, v.fund_paid::text AS fund_paid
    FROM medical_visits v LEFT JOIN clinics cl ON cl.code = v.clinic_code
    WHERE v.bhxh_code = ${bhxhCode}
    ORDER BY v.admitted_at DESC, v.ma_lk
    LIMIT ${page.count} OFFSET ${page.offset}`.execute(db);
  const total = await sql<{
    n: string;
  }>`SELECT count(*)::text AS n FROM medical_visits WHERE bhxh_code = ${bhxhCode}`.execute(db);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}
