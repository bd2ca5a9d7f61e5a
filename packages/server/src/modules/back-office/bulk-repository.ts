import { type Kysely, sql } from 'kysely';
import { OPEN_DOSSIER_STATUSES } from '@vssid/domain';
import type { Database } from '../../db/schema';

/** SQL of the bulk lists (`bulk-service.ts`): imports, their rows, and the checks of a row. */

/** An import, if it belongs to one of the agencies of `scope`. */
export function findImportInScope(db: Kysely<Database>, id: string, scope: readonly string[]) {
  return db
    .selectFrom('bulk_imports')
    .selectAll()
    .where('id', '=', id)
    .where('agency_code', 'in', scope)
    .executeTakeFirst();
}

/** Of these BHXH codes: the persons (with their names), those with an account, those with an open dossier. */
export async function findRowFacts(db: Kysely<Database>, codes: string[]) {
  const [persons, accounts, open] = await Promise.all([
    db.selectFrom('persons').select(['bhxh_code', 'full_name']).where('bhxh_code', 'in', codes).execute(),
    db
      .selectFrom('accounts')
      .select('bhxh_code')
      .where('bhxh_code', 'in', codes)
      .where('status', '<>', 'closed')
      .execute(),
    db
      .selectFrom('dossiers')
      .select('bhxh_code')
      .where('bhxh_code', 'in', codes)
      .where('status', 'in', [...OPEN_DOSSIER_STATUSES])
      .execute(),
  ]);
  return { persons, accounts, open };
}

/** The rows of an import in error, and those with a dossier. */
export async function countImportRows(db: Kysely<Database>, id: string) {
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

export function findEmployerUnit(db: Kysely<Database>, code: string) {
  return db.selectFrom('employer_units').select('code').where('code', '=', code).executeTakeFirst();
}

interface NewImport {
  id: string;
  agencyCode: string;
  unitCode: string | null;
  fileName: string;
  createdBy: string;
  totalRows: number;
}

/** A validated import and its rows (in batches of 500). */
export async function insertImport(
  trx: Kysely<Database>,
  imp: NewImport,
  rows: { rowNumber: number; data: Record<string, string>; errors: unknown[] }[],
): Promise<void> {
  await trx
    .insertInto('bulk_imports')
    .values({
      id: imp.id,
      agency_code: imp.agencyCode,
      unit_code: imp.unitCode,
      file_name: imp.fileName,
      created_by: imp.createdBy,
      total_rows: imp.totalRows,
      processed: 0,
      status: 'validated',
    })
    .execute();
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('bulk_import_rows')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          import_id: imp.id,
          row_number: r.rowNumber,
          data: { ...r.data },
          errors: jsonArray(r.errors),
        })),
      )
      .execute();
}

/** A page of an import's rows (all, or those in error), in file order. */
export function listImportRows(
  db: Kysely<Database>,
  id: string,
  page: { onlyErrors: boolean; limit: number; offset: number },
) {
  let q = db.selectFrom('bulk_import_rows').selectAll().where('import_id', '=', id);
  if (page.onlyErrors) q = q.where((eb) => eb(eb.fn('jsonb_array_length', ['errors']), '>', 0));
  return q.orderBy('row_number').limit(page.limit).offset(page.offset).execute();
}

export async function setImportStatus(
  db: Kysely<Database>,
  id: string,
  status: 'creating' | 'done',
): Promise<void> {
  await db.updateTable('bulk_imports').set({ status }).where('id', '=', id).execute();
}

/** The valid rows of an import without a dossier yet, in file order. */
export function listPendingRows(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('bulk_import_rows')
    .selectAll()
    .where('import_id', '=', id)
    .where('dossier_number', 'is', null)
    .where((eb) => eb(eb.fn('jsonb_array_length', ['errors']), '=', 0))
    .orderBy('row_number')
    .execute();
}

export async function setRowErrors(
  db: Kysely<Database>,
  id: string,
  rowNumber: number,
  errors: unknown[],
): Promise<void> {
  await db
    .updateTable('bulk_import_rows')
    .set({ errors: jsonArray(errors) })
    .where('import_id', '=', id)
    .where('row_number', '=', rowNumber)
    .execute();
}

export async function setRowDossier(
  db: Kysely<Database>,
  id: string,
  rowNumber: number,
  dossierNumber: string,
): Promise<void> {
  await db
    .updateTable('bulk_import_rows')
    .set({ dossier_number: dossierNumber })
    .where('import_id', '=', id)
    .where('row_number', '=', rowNumber)
    .execute();
}

/** One more row handled (the progress bar). */
export async function countProcessedRow(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('bulk_imports')
    .set((eb) => ({ processed: eb('processed', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Whether the person of a BHXH code has an account, or else an open dossier. */
export async function findBlocking(
  db: Kysely<Database>,
  bhxhCode: string,
): Promise<'account_exists' | 'open_dossier' | null> {
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('bhxh_code', '=', bhxhCode)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  if (account) return 'account_exists';
  const open = await db
    .selectFrom('dossiers')
    .select('number')
    .where('bhxh_code', '=', bhxhCode)
    .where('status', 'in', [...OPEN_DOSSIER_STATUSES])
    .executeTakeFirst();
  return open ? 'open_dossier' : null;
}

/** A JSON array parameter (node-postgres would send a JS array as a PostgreSQL array). */
const jsonArray = (value: unknown[]) => sql<unknown[]>`${JSON.stringify(value)}::jsonb`;
