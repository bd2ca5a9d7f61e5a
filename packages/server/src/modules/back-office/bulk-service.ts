import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BULK_MAX_ROWS } from '@vssid/domain/api/back-office';
import { normalizeForSearch, normalizeVnPhone } from '@vssid/domain';
import { type CallContext, type Principal, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { createDossier, isUniqueViolation } from '../registration';
import { BulkParseError, type BulkRowData, detectFormat, parseBulkFile } from './bulk-parse';
import { agencyScope } from '../registration';
import {
  countImportRows,
  countProcessedRow,
  findBlocking,
  findEmployerUnit,
  findImportInScope,
  findRowFacts,
  insertImport,
  listImportRows,
  listPendingRows,
  setImportStatus,
  setRowDossier,
  setRowErrors,
} from './bulk-repository';

/**
 * Bulk lists (issue "Registration", point 6): an officer imports a unit's or school's list, sees
 * per-row validation, then creates pre-filled `draft` dossiers of kind `bulk` (one per valid
 * row), which the people complete or the officer completes with the unit. Creation goes row by
 * row, each row's dossier and the import's `processed` counter in one transaction, so a progress
 * bar polling the import sees real progress and a crash or a retry resumes where it stopped
 * (rows that already have a dossier number are skipped; the dossier's idempotency key is
 * `bulk:<import>:<row>`).
 */

const BATCH_LOOKUP = 500;

type RowErrorCode =
  | 'bhxh_code_format'
  | 'bhxh_code_unknown'
  | 'name_required'
  | 'name_mismatch'
  | 'phone_format'
  | 'email_format'
  | 'duplicate_in_file'
  | 'account_exists'
  | 'open_dossier';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const notFound = () => new AppError(404, 'not_found', 'notFound');

export type BulkService = ReturnType<typeof createBulkService>;

export function createBulkService(deps: { db: Kysely<Database>; translator: Translator }) {
  const { db, translator } = deps;

  async function loadInScope(principal: Principal, id: string) {
    const scope = principal.agencyCode ? await agencyScope(db, principal.agencyCode) : [];
    if (scope.length === 0) throw notFound();
    const row = await findImportInScope(db, id, scope);
    if (!row) throw notFound();
    return row;
  }

  /** Per-row checks against the file itself and the database (persons, accounts, open dossiers). */
  async function validate(rows: { rowNumber: number; data: BulkRowData }[]) {
    const codes = [...new Set(rows.map((r) => r.data.bhxhCode).filter((c) => /^\d{10}$/.test(c)))];
    const persons = new Map<string, string>();
    const accounts = new Set<string>();
    const open = new Set<string>();
    for (let i = 0; i < codes.length; i += BATCH_LOOKUP) {
      const chunk = codes.slice(i, i + BATCH_LOOKUP);
      const { persons: p, accounts: a, open: d } = await findRowFacts(db, chunk);
      for (const r of p) persons.set(r.bhxh_code, r.full_name);
      for (const r of a) if (r.bhxh_code) accounts.add(r.bhxh_code);
      for (const r of d) open.add(r.bhxh_code);
    }
    const seen = new Map<string, number>();
    for (const r of rows) seen.set(r.data.bhxhCode, (seen.get(r.data.bhxhCode) ?? 0) + 1);
    return rows.map((r) => {
      const errors: { field: string; code: RowErrorCode }[] = [];
      const { bhxhCode, fullName, phone, email } = r.data;
      const data = { ...r.data };
      if (!/^\d{10}$/.test(bhxhCode)) errors.push({ field: 'bhxhCode', code: 'bhxh_code_format' });
      else if (!persons.has(bhxhCode)) errors.push({ field: 'bhxhCode', code: 'bhxh_code_unknown' });
      if ((seen.get(bhxhCode) ?? 0) > 1 && bhxhCode !== '')
        errors.push({ field: 'bhxhCode', code: 'duplicate_in_file' });
      if (!fullName) errors.push({ field: 'fullName', code: 'name_required' });
      else if (
        persons.has(bhxhCode) &&
        normalizeForSearch(persons.get(bhxhCode) ?? '') !== normalizeForSearch(fullName)
      )
        // ASSUMPTION: names match without tone marks and case (lists from units are often typed
        // without diacritics); any other difference is an error for the officer to resolve.
        errors.push({ field: 'fullName', code: 'name_mismatch' });
      const normalized = normalizeVnPhone(phone);
      if (!normalized.ok) errors.push({ field: 'phone', code: 'phone_format' });
      else data.phone = normalized.value;
      if (email && !EMAIL.test(email)) errors.push({ field: 'email', code: 'email_format' });
      if (accounts.has(bhxhCode)) errors.push({ field: 'bhxhCode', code: 'account_exists' });
      else if (open.has(bhxhCode)) errors.push({ field: 'bhxhCode', code: 'open_dossier' });
      return { rowNumber: r.rowNumber, data, errors };
    });
  }

  function describe(
    row: {
      id: string;
      file_name: string;
      status: string;
      total_rows: number;
      processed: number;
      unit_code: string | null;
      agency_code: string;
      created_at: Date;
    },
    counts: { errorRows: number; created: number },
  ) {
    return {
      id: row.id,
      fileName: row.file_name,
      agencyCode: row.agency_code,
      unitCode: row.unit_code,
      status: row.status as 'validating' | 'validated' | 'creating' | 'done' | 'failed',
      totalRows: row.total_rows,
      validRows: row.total_rows - counts.errorRows,
      errorRows: counts.errorRows,
      processed: row.processed,
      created: counts.created,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  return {
    async importFile(
      ctx: CallContext,
      input: { fileName: string; unitCode?: string | undefined; bytes: Buffer },
    ) {
      const principal = signedIn(ctx);
      if (!principal.agencyCode) throw notFound();
      if (input.bytes.length === 0)
        throw new AppError(400, 'bulk_file_missing', 'registration.officer.bulkFileMissing');
      const format = detectFormat(input.bytes, input.fileName);
      if (!format) throw new AppError(415, 'bulk_file_type', 'registration.officer.bulkFileType');
      let parsed;
      try {
        parsed = await parseBulkFile(input.bytes, format, BULK_MAX_ROWS);
      } catch (error) {
        if (!(error instanceof BulkParseError)) throw error;
        const key = {
          unreadable: 'bulkUnreadable',
          empty: 'bulkEmpty',
          missing_columns: 'bulkMissingColumns',
          too_many_rows: 'bulkTooManyRows',
        }[error.kind];
        throw new AppError(422, `bulk_${error.kind}`, `registration.officer.${key}`, error.detail);
      }
      if (input.unitCode) {
        const unit = await findEmployerUnit(db, input.unitCode);
        if (!unit)
          throw new AppError(400, 'validation_failed', 'validation', {}, [
            {
              in: 'querystring',
              field: 'unitCode',
              code: 'not_found',
              message: translator.t(ctx.language, 'notFound'),
            },
          ]);
      }
      const validated = await validate(parsed);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await insertImport(
          trx,
          {
            id,
            agencyCode: principal.agencyCode as string,
            unitCode: input.unitCode ?? null,
            fileName: input.fileName.slice(0, 200),
            createdBy: principal.accountId,
            totalRows: validated.length,
          },
          validated.map((r) => ({ rowNumber: r.rowNumber, data: { ...r.data }, errors: r.errors })),
        );
        await auditService.record(trx, {
          actor_type: principal.role,
          actor_id: principal.accountId,
          subject_bhxh_code: null,
          action: 'bulk_import.created',
          target_type: 'bulk_import',
          target_id: id,
          purpose: 'registration.bulk',
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: { rows: validated.length, format, unitCode: input.unitCode ?? null },
        });
      });
      return this.get(ctx, id, { onlyErrors: false, limit: 100, offset: 0 });
    },

    async get(ctx: CallContext, id: string, page: { onlyErrors: boolean; limit: number; offset: number }) {
      const row = await loadInScope(signedIn(ctx), id);
      const rows = await listImportRows(db, id, page);
      return {
        ...describe(row, await countImportRows(db, id)),
        rows: rows.map((r) => ({
          rowNumber: r.row_number,
          data: r.data as unknown as BulkRowData,
          errors: (r.errors as { field: string; code: string }[]).map((e) => ({
            field: e.field,
            code: e.code,
            message: translator.t(ctx.language, `registration.officer.bulkRow.${e.code}`),
          })),
          dossierNumber: r.dossier_number,
        })),
      };
    },

    /**
     * Creates the draft dossiers of the valid rows not yet created. Runs to the end in this
     * request; the web app polls `get` meanwhile for the progress bar. A row that became invalid
     * since validation (an account or an open dossier appeared) gets that error instead.
     */
    async create(ctx: CallContext, id: string) {
      const principal = signedIn(ctx);
      const imp = await loadInScope(principal, id);
      if (imp.status !== 'validated' && imp.status !== 'creating')
        throw new AppError(409, 'bulk_state', 'registration.officer.bulkState', { status: imp.status });
      await setImportStatus(db, id, 'creating');
      const pending = await listPendingRows(db, id);
      for (const row of pending) {
        const data = row.data as unknown as BulkRowData;
        try {
          await db.transaction().execute(async (trx) => {
            const blocked: RowErrorCode | null = await findBlocking(trx, data.bhxhCode);
            if (blocked) {
              await setRowErrors(trx, id, row.row_number, [{ field: 'bhxhCode', code: blocked }]);
            } else {
              const dossier = await createDossier(trx, {
                bhxh_code: data.bhxhCode,
                kind: 'bulk',
                agency_code: imp.agency_code,
                guardian_bhxh_code: null,
                declared: {
                  bhxhCode: data.bhxhCode,
                  fullName: data.fullName,
                  phone: data.phone,
                  ...(data.email ? { email: data.email } : {}),
                  agencyCode: imp.agency_code,
                  ...(imp.unit_code ? { unitCode: imp.unit_code } : {}),
                },
                registry_check: {},
                delivery: 'counter',
                idempotency_key: `bulk:${id}:${row.row_number}`,
                bulk_import_id: id,
              });
              await setRowDossier(trx, id, row.row_number, dossier.number);
            }
            await countProcessedRow(trx, id);
          });
        } catch (error) {
          // Another request created this person's open dossier between the check and the insert.
          if (!isUniqueViolation(error)) throw error;
          await setRowErrors(db, id, row.row_number, [{ field: 'bhxhCode', code: 'open_dossier' }]);
        }
      }
      // Drafts have an empty log: the person's (or the officer's) submit appends the first action.
      await setImportStatus(db, id, 'done');
      await auditService.record(db, {
        actor_type: principal.role,
        actor_id: principal.accountId,
        subject_bhxh_code: null,
        action: 'bulk_import.dossiers_created',
        target_type: 'bulk_import',
        target_id: id,
        purpose: 'registration.bulk',
        ip: ctx.client.ip,
        request_id: ctx.requestId,
        details: { rows: pending.length },
      });
      return this.get(ctx, id, { onlyErrors: true, limit: 100, offset: 0 });
    },
  };
}
