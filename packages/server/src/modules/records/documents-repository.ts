import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * SQL of "Giấy tờ của tôi" (issue 23 item 5): the documents the system made for a person, read
 * where they are (no copy): the receipt of each service request, the book notice of an approved
 * BHXH book reissue, the Form 01 of each registration dossier, and the visit documents. One
 * statement over the person's rows (each branch by `bhxh_code`: the primary keys of
 * `service_requests`, `dossiers` and `visit_documents` start with it), newest first, keyset-paged
 * by (`at`, `id`).
 */

export interface DocumentRow {
  kind: 'request_receipt' | 'book_notice' | 'form01' | 'visit_document';
  id: string;
  at: Date;
  number: string;
  service_type: string | null;
  ma_lk: string | null;
  document_kind: string | null;
  issued_on: string | null;
  clinic_name: string | null;
}

export async function findPersonDocuments(
  db: Kysely<Database>,
  input: {
    bhxhCode: string;
    /** A guardian's read: only the dossiers they filed (the Form 01 route serves them those). */
    dossiersFiledBy?: string | undefined;
    limit: number;
    before?: { at: string; id: string } | undefined;
  },
): Promise<DocumentRow[]> {
  const code = input.bhxhCode;
  const filedBy = input.dossiersFiledBy;
  const before = input.before;
  // A visit document's day counts from 00:00 in Vietnam (UTC+7, no daylight saving).
  const result = await sql<DocumentRow>`
    SELECT kind, id, at, number, service_type, ma_lk, document_kind, issued_on, clinic_name FROM (
      SELECT 'request_receipt' AS kind, 'request_receipt:' || r.number AS id,
          date_trunc('milliseconds', r.submitted_at) AS at, r.number, r.type AS service_type,
          NULL::text AS ma_lk, NULL::text AS document_kind, NULL::text AS issued_on, NULL::text AS clinic_name
        FROM service_requests r
        WHERE r.bhxh_code = ${code} AND r.status <> 'draft'
      UNION ALL
      SELECT 'book_notice', 'book_notice:' || r.number, date_trunc('milliseconds', r.decided_at), r.number,
          r.type, NULL, NULL, NULL, NULL
        FROM service_requests r
        WHERE r.bhxh_code = ${code} AND r.type = 'bhxh_book_reissue' AND r.status = 'approved'
          AND r.decided_at IS NOT NULL
      UNION ALL
      SELECT 'form01', 'form01:' || d.number, date_trunc('milliseconds', d.submitted_at), d.number,
          NULL, NULL, NULL, NULL, NULL
        FROM dossiers d
        WHERE d.bhxh_code = ${code} AND d.status <> 'draft'
          ${filedBy === undefined ? sql`` : sql`AND d.guardian_bhxh_code = ${filedBy}`}
      UNION ALL
      SELECT 'visit_document', 'visit:' || v.ma_lk || ':' || v.kind,
          (v.issued_on::timestamp - interval '7 hours') AT TIME ZONE 'UTC', v.number,
          NULL, v.ma_lk, v.kind, to_char(v.issued_on, 'YYYY-MM-DD'), c.name
        FROM visit_documents v
        JOIN medical_visits m ON m.bhxh_code = v.bhxh_code AND m.ma_lk = v.ma_lk
        LEFT JOIN clinics c ON c.code = m.clinic_code
        WHERE v.bhxh_code = ${code}
    ) docs
    ${
      before
        ? sql`WHERE at < ${before.at}::timestamptz
            OR (at = ${before.at}::timestamptz AND id COLLATE "C" < ${before.id} COLLATE "C")`
        : sql``
    }
    ORDER BY at DESC, id COLLATE "C" DESC
    LIMIT ${input.limit}`.execute(db);
  return result.rows;
}
