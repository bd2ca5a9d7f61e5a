import { type Kysely, type Selectable, sql } from 'kysely';
import type { DossierStatus } from '@vssid/domain';
import { recordWard } from '../../db/guardian-wards';
import type { Database } from '../../db/schema';
import type { DossierActionTable, DossierFileTable, DossierTable } from '../../db/schema-registration';
import { agencyScope, findPersonContact, type PersonContact } from '../registration';

export { agencyScope, findPersonContact, type PersonContact };

/**
 * SQL of the officers' back office (issue "Registration", point 5): the queue of an agency's
 * dossiers, one dossier in scope, its log and photos. The dossier core (`dossiers.ts`,
 * `repository.ts`) belongs to the registration module (`../registration`); this file only reads, plus the few writes the
 * officer actions need (see `officer-service.ts`).
 */

export type DossierRow = Selectable<DossierTable>;
type DossierActionRow = Selectable<DossierActionTable>;
type DossierFileRow = Selectable<DossierFileTable>;

export interface QueueFilter {
  scope: string[];
  status?: DossierStatus | undefined;
  kind?: DossierRow['kind'] | undefined;
  /** Submitted on or after (inclusive), before (exclusive). */
  from?: Date | undefined;
  to?: Date | undefined;
  /** A dossier number, a 10-digit BHXH code, or words of the name. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

interface QueueRow {
  number: string;
  bhxh_code: string;
  kind: DossierRow['kind'];
  agency_code: string;
  status: DossierStatus;
  submitted_at: Date;
  deadline_at: Date;
  full_name: string;
  delivery: DossierRow['delivery'];
}

/** One page of the queue (newest first) and the number of dossiers matching the filter. */
export async function findQueue(
  db: Kysely<Database>,
  filter: QueueFilter,
): Promise<{ rows: QueueRow[]; total: number }> {
  if (filter.scope.length === 0) return { rows: [], total: 0 };
  let base = db
    .selectFrom('dossiers as d')
    .innerJoin('persons as p', 'p.bhxh_code', 'd.bhxh_code')
    .where('d.agency_code', 'in', filter.scope);
  if (filter.status) base = base.where('d.status', '=', filter.status);
  if (filter.kind) base = base.where('d.kind', '=', filter.kind);
  if (filter.from) base = base.where('d.submitted_at', '>=', filter.from);
  if (filter.to) base = base.where('d.submitted_at', '<', filter.to);
  const q = filter.q?.trim();
  if (q) {
    if (/^\d{10}$/.test(q)) base = base.where('d.bhxh_code', '=', q);
    else if (/^\d{5,}\.GD_/i.test(q)) base = base.where('d.number', '=', q.toUpperCase());
    else {
      // ASSUMPTION: name search is a case-insensitive substring of the registered or declared
      // name, with the diacritics as typed (no accent folding in SQL on both engines).
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) =>
        eb.or([
          eb('p.full_name', 'ilike', pattern),
          eb(sql<string>`d.declared->>'fullName'`, 'ilike', pattern),
          eb(sql<string>`d.declared->>'childFullName'`, 'ilike', pattern),
        ]),
      );
    }
  }
  const [rows, count] = await Promise.all([
    base
      .select([
        'd.number',
        'd.bhxh_code',
        'd.kind',
        'd.agency_code',
        'd.status',
        'd.submitted_at',
        'd.deadline_at',
        'd.delivery',
        'p.full_name',
      ])
      .orderBy('d.submitted_at', 'desc')
      .orderBy('d.number', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

interface DossierCounts {
  /** Submitted, waiting for the signed paper Form 01. */
  awaiting_paper: number;
  /** The paper is in: an officer approves or rejects. */
  awaiting_decision: number;
  /** Waiting for the paper, with the deadline within [dayStart, dayEnd). */
  due_today: number;
}

/** The back office home's counts: the open dossiers of the agencies in scope. */
export async function countOpenDossiers(
  db: Kysely<Database>,
  scope: string[],
  dayStart: Date,
  dayEnd: Date,
): Promise<DossierCounts> {
  if (scope.length === 0) return { awaiting_paper: 0, awaiting_decision: 0, due_today: 0 };
  const row = await db
    .selectFrom('dossiers')
    .where('agency_code', 'in', scope)
    .where('status', 'in', ['submitted', 'paper_received'])
    .select([
      sql<string>`count(*) filter (where status = 'submitted')`.as('awaiting_paper'),
      sql<string>`count(*) filter (where status = 'paper_received')`.as('awaiting_decision'),
      sql<string>`count(*) filter (where status = 'submitted' and deadline_at >= ${dayStart} and deadline_at < ${dayEnd})`.as(
        'due_today',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    awaiting_paper: Number(row.awaiting_paper),
    awaiting_decision: Number(row.awaiting_decision),
    due_today: Number(row.due_today),
  };
}

/** A dossier by number, only when its receiving agency is in scope (else undefined: 404). */
export async function findDossierInScope(
  db: Kysely<Database>,
  number: string,
  scope: string[],
  options: { forUpdate?: boolean } = {},
): Promise<DossierRow | undefined> {
  if (scope.length === 0) return undefined;
  let q = db
    .selectFrom('dossiers')
    .selectAll()
    .where('number', '=', number)
    .where('agency_code', 'in', scope);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findActions(db: Kysely<Database>, dossier: DossierRow): Promise<DossierActionRow[]> {
  return db
    .selectFrom('dossier_actions')
    .selectAll()
    .where('bhxh_code', '=', dossier.bhxh_code)
    .where('dossier_id', '=', dossier.id)
    .orderBy('seq')
    .execute();
}

export function findFiles(db: Kysely<Database>, dossier: DossierRow): Promise<DossierFileRow[]> {
  return db
    .selectFrom('dossier_files')
    .selectAll()
    .where('bhxh_code', '=', dossier.bhxh_code)
    .where('dossier_id', '=', dossier.id)
    .orderBy('kind')
    .execute();
}

/** Display names of the accounts that acted on a dossier (officers), by id. */
export async function findActorNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const numeric = [...new Set(ids.filter((id) => /^\d+$/.test(id)))];
  if (numeric.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', numeric)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export interface RegistryEntry {
  cccd: string;
  full_name: string;
  birth_date: string | null;
  birth_year: number;
  gender: 'male' | 'female';
  address: string;
}

/**
 * The population registry's entry for a CCCD. ASSUMPTION: read directly here for the officer's
 * side-by-side view until the citizen side's population-registry adapter is the one door to it.
 */
export async function findRegistryEntry(
  db: Kysely<Database>,
  cccd: string,
): Promise<RegistryEntry | undefined> {
  const result = await sql<RegistryEntry>`
    SELECT cccd, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_year, gender, address
    FROM population_registry WHERE cccd = ${cccd}`.execute(db);
  return result.rows[0];
}

export async function accountExistsFor(db: Kysely<Database>, bhxhCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb.or([eb('bhxh_code', '=', bhxhCode), eb('username', '=', bhxhCode)]))
    // A closed account (e-transactions stopped) does not block registering again (issue #23).
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Links a child to the guardian who registered them, unless a guardian is already recorded; the
 * link is mirrored in `guardian_wards` (0030) in the caller's transaction.
 */
export async function linkGuardianIfUnset(
  db: Kysely<Database>,
  childCode: string,
  guardianCode: string,
): Promise<boolean> {
  const result = await db
    .updateTable('persons')
    .set({ guardian_bhxh_code: guardianCode })
    .where('bhxh_code', '=', childCode)
    .where('guardian_bhxh_code', 'is', null)
    .executeTakeFirst();
  const linked = Number(result.numUpdatedRows) === 1;
  if (linked) await recordWard(db, guardianCode, childCode);
  return linked;
}
