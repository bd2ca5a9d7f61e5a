import type { Kysely } from 'kysely';
import { pathOf } from '@vssid/domain/api';
import { DOCUMENT_KINDS } from '@vssid/domain/api/records';
import type { PersonDocument } from '@vssid/domain/api/documents';
import { readForm01Pdf } from '@vssid/domain/api/registration';
import { requestReceipt, requestResult } from '@vssid/domain/api/services';
import { SERVICE_TYPES, type ServiceType } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import type { RecordsAccess } from './access';
import { type DocumentRow, findPersonDocuments } from './documents-repository';

/**
 * Giấy tờ của tôi (issue 23 item 5): the person's documents, newest first, each pointing at the
 * route that already serves it (the request's receipt or result, the dossier's Form 01) or, for a
 * visit document, at its visit. Read through the data-access layer by the routes (records.ts
 * `readRecords`, what `documents`): the person, or the guardian of a minor (audited).
 */

/** Opaque keyset cursor: base64url of `at|id`. */
const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');

/** The cursor's parts, or null when it is not one this server made. */
export function decodeDocumentCursor(cursor: string): { at: string; id: string } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([a-z0-9_]+:.{1,120})$/.exec(text);
  if (!m?.[1] || !m[2] || Number.isNaN(Date.parse(m[1]))) return null;
  return { at: m[1], id: m[2] };
}

const isServiceType = (v: string | null): v is ServiceType =>
  v !== null && (SERVICE_TYPES as readonly string[]).includes(v);
const isVisitDocumentKind = (v: string | null): v is (typeof DOCUMENT_KINDS)[number] =>
  v !== null && (DOCUMENT_KINDS as readonly string[]).includes(v);

function documentOf(row: DocumentRow): PersonDocument {
  const at = new Date(row.at).toISOString();
  const base = { id: row.id, kind: row.kind, at, number: row.number, serviceType: null, visit: null };
  switch (row.kind) {
    case 'request_receipt':
    case 'book_notice':
      return {
        ...base,
        serviceType: isServiceType(row.service_type) ? row.service_type : null,
        href: pathOf(row.kind === 'request_receipt' ? requestReceipt : requestResult, { number: row.number }),
      };
    case 'form01':
      return { ...base, href: pathOf(readForm01Pdf, { number: row.number }) };
    case 'visit_document':
      return {
        ...base,
        visit:
          row.ma_lk && isVisitDocumentKind(row.document_kind) && row.issued_on
            ? {
                maLk: row.ma_lk,
                kind: row.document_kind,
                issuedOn: row.issued_on,
                clinicName: row.clinic_name,
              }
            : null,
        href: null,
      };
  }
}

export async function personDocuments(
  db: Kysely<Database>,
  access: Pick<RecordsAccess, 'subject' | 'via' | 'principal'>,
  page: { limit: number; before?: { at: string; id: string } | undefined },
) {
  const rows = await findPersonDocuments(db, {
    bhxhCode: access.subject,
    dossiersFiledBy: access.via === 'guardian' ? (access.principal.bhxhCode ?? '') : undefined,
    limit: page.limit + 1,
    before: page.before,
  });
  const items = rows.slice(0, page.limit).map(documentOf);
  const last = items[items.length - 1];
  return {
    bhxhCode: access.subject,
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
