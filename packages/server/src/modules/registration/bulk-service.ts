import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { normalizeForSearch, normalizeVnPhone, OPEN_DOSSIER_STATUSES } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import type { Principal } from '../auth/guard';
import { createDossier, isUniqueViolation } from './dossiers';
import { BulkParseError, type BulkRowData, detectFormat, parseBulkFile } from './bulk-parse';
import { agencyScope } from './officer-repository';

/**
 * Bulk lists (issue "Registration", point 6): an officer imports a unit's or school's list, sees
 * per-row validation, then creates pre-filled `draft` dossiers of kind `bulk` (one per valid
 * row), which the people complete or the officer completes with the unit. Creation goes row by
 * row, each row's dossier and the import's `processed` counter in one transaction, so a progress
 * bar polling the import sees real progress and a crash or a retry resumes where it stopped
 * (rows that already have a dossier number are skipped; the dossier's idempotency key is
 * `bulk:<import>:<row>`).
 */

export const BULK_MAX_ROWS = 5000;
const BATCH_LOOKUP = 500;

export type RowErrorCode =
  | 'bhxh_code_format'
  | 'bhxh_code_unknown'
  | 'name_required'
  | 'name_mismatch'
  | 'phone_format'
  | 'email_format'
  | 'duplicate_in_file'
  | 'account_exists'
  | 'open_dossier';

interface Ctx {
  ip: string;
  requestId: string;
  language: Language;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const notFound = () => new AppError(404, 'not_found', 'notFound');

export type BulkService = ReturnType<typeof createBulkService>;

export function createBulkService(deps: { db: Kysely<Database>; translator: Translator }) {
  const { db, translator } = deps;

  async function loadInScope(principal: Principal, id: string) {
    const scope = principal.agencyCode ? await agencyScope(db, principal.agencyCode) : [];
    if (scope.length === 0) throw notFound();
    const row = await db
      .selectFrom('bulk_imports')
      .selectAll()
      .where('id', '=', id)
      .where('agency_code', 'in', scope)
      .executeTakeFirst();
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
      const [p, a, d] = await Promise.all([
        db.selectFrom('persons').select(['bhxh_code', 'full_name']).where('bhxh_code', 'in', chunk).execute(),
        db.selectFrom('accounts').select('bhxh_code').where('bhxh_code', 'in', chunk).execute(),
        db
          .selectFrom('dossiers')
          .select('bhxh_code')
          .where('bhxh_code', 'in', chunk)
          .where('status', 'in', [...OPEN_DOSSIER_STATUSES])
          .execute(),
      ]);
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

  async function counts(id: string) {
    const rows = await db
      .selectFrom('bulk_import_rows')
      .select((eb) => eb.fn.countAll<string>().as('all'))
      .where('import_id', '=', id)
      .where((eb) => eb(eb.fn('jsonb_array_length', ['errors']), '>', 0))
      .executeTakeFirstOrThrow();
    const created = await db
      .selectFrom('bulk_import_rows')
      .select((eb) => eb.fn.count<string>('dossier_number').as('n'))
      .where('import_id', '=', id)
      .executeTakeFirstOrThrow();
    return { errorRows: Number(rows.all), created: Number(created.n) };
  }

  return {
    async importFile(
      principal: Principal,
      input: { fileName: string; unitCode?: string | undefined; bytes: Buffer },
      ctx: Ctx,
    ) {
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
        const unit = await db
          .selectFrom('employer_units')
          .select('code')
          .where('code', '=', input.unitCode)
          .executeTakeFirst();
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
        await trx
          .insertInto('bulk_imports')
          .values({
            id,
            agency_code: principal.agencyCode as string,
            unit_code: input.unitCode ?? null,
            file_name: input.fileName.slice(0, 200),
            created_by: principal.accountId,
            total_rows: validated.length,
            processed: 0,
            status: 'validated',
          })
          .execute();
        for (let i = 0; i < validated.length; i += 500)
          await trx
            .insertInto('bulk_import_rows')
            .values(
              validated.slice(i, i + 500).map((r) => ({
                import_id: id,
                row_number: r.rowNumber,
                data: { ...r.data },
                errors: jsonArray(r.errors),
              })),
            )
            .execute();
        await auditService.record(trx, {
          actor_type: principal.role,
          actor_id: principal.accountId,
          subject_bhxh_code: null,
          action: 'bulk_import.created',
          target_type: 'bulk_import',
          target_id: id,
          purpose: 'registration.bulk',
          ip: ctx.ip,
          request_id: ctx.requestId,
          details: { rows: validated.length, format, unitCode: input.unitCode ?? null },
        });
      });
      return this.get(principal, id, { onlyErrors: false, limit: 100, offset: 0 }, ctx);
    },

    async get(
      principal: Principal,
      id: string,
      page: { onlyErrors: boolean; limit: number; offset: number },
      ctx: Ctx,
    ) {
      const row = await loadInScope(principal, id);
      let q = db.selectFrom('bulk_import_rows').selectAll().where('import_id', '=', id);
      if (page.onlyErrors) q = q.where((eb) => eb(eb.fn('jsonb_array_length', ['errors']), '>', 0));
      const rows = await q.orderBy('row_number').limit(page.limit).offset(page.offset).execute();
      return {
        ...describe(row, await counts(id)),
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
    async create(principal: Principal, id: string, ctx: Ctx) {
      const imp = await loadInScope(principal, id);
      if (imp.status !== 'validated' && imp.status !== 'creating')
        throw new AppError(409, 'bulk_state', 'registration.officer.bulkState', { status: imp.status });
      await db.updateTable('bulk_imports').set({ status: 'creating' }).where('id', '=', id).execute();
      const pending = await db
        .selectFrom('bulk_import_rows')
        .selectAll()
        .where('import_id', '=', id)
        .where('dossier_number', 'is', null)
        .where((eb) => eb(eb.fn('jsonb_array_length', ['errors']), '=', 0))
        .orderBy('row_number')
        .execute();
      for (const row of pending) {
        const data = row.data as unknown as BulkRowData;
        try {
          await db.transaction().execute(async (trx) => {
            const blocked = await blockedReason(trx, data.bhxhCode);
            if (blocked) {
              await trx
                .updateTable('bulk_import_rows')
                .set({ errors: jsonArray([{ field: 'bhxhCode', code: blocked }]) })
                .where('import_id', '=', id)
                .where('row_number', '=', row.row_number)
                .execute();
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
              await trx
                .updateTable('bulk_import_rows')
                .set({ dossier_number: dossier.number })
                .where('import_id', '=', id)
                .where('row_number', '=', row.row_number)
                .execute();
            }
            await trx
              .updateTable('bulk_imports')
              .set((eb) => ({ processed: eb('processed', '+', 1) }))
              .where('id', '=', id)
              .execute();
          });
        } catch (error) {
          // Another request created this person's open dossier between the check and the insert.
          if (!isUniqueViolation(error)) throw error;
          await db
            .updateTable('bulk_import_rows')
            .set({ errors: jsonArray([{ field: 'bhxhCode', code: 'open_dossier' }]) })
            .where('import_id', '=', id)
            .where('row_number', '=', row.row_number)
            .execute();
        }
      }
      // Drafts have an empty log: the person's (or the officer's) submit appends the first action.
      await db.updateTable('bulk_imports').set({ status: 'done' }).where('id', '=', id).execute();
      await auditService.record(db, {
        actor_type: principal.role,
        actor_id: principal.accountId,
        subject_bhxh_code: null,
        action: 'bulk_import.dossiers_created',
        target_type: 'bulk_import',
        target_id: id,
        purpose: 'registration.bulk',
        ip: ctx.ip,
        request_id: ctx.requestId,
        details: { rows: pending.length },
      });
      return this.get(principal, id, { onlyErrors: true, limit: 100, offset: 0 }, ctx);
    },
  };
}

async function blockedReason(trx: Kysely<Database>, bhxhCode: string): Promise<RowErrorCode | null> {
  const account = await trx
    .selectFrom('accounts')
    .select('id')
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
  if (account) return 'account_exists';
  const open = await trx
    .selectFrom('dossiers')
    .select('number')
    .where('bhxh_code', '=', bhxhCode)
    .where('status', 'in', [...OPEN_DOSSIER_STATUSES])
    .executeTakeFirst();
  return open ? 'open_dossier' : null;
}

/** A JSON array parameter (node-postgres would send a JS array as a PostgreSQL array). */
const jsonArray = (value: unknown[]) => sql<unknown[]>`${JSON.stringify(value)}::jsonb`;
