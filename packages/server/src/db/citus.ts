import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/**
 * The Citus step (issue #28 item 5): after the migrations, on a database where the `citus`
 * extension is installed, places every table of the schema:
 *
 * - **distributed by `bhxh_code`, co-located with `persons`**: every table with a `bhxh_code`
 *   column (the person-scoped records), unless the plan below keeps it on the coordinator;
 * - **reference** (a copy on every node): the catalogs the distributed tables join or refer to;
 * - **coordinator** (a Citus local table): the account-scoped tables (those with an `account_id`
 *   column, and `accounts`), and the global tables (outbox, audit log, counters, sequences…).
 *
 * A table the rules do not place fails the step with its name and the reason, and so does a
 * unique key of a distributed table without `bhxh_code`, or a foreign key Citus cannot keep that
 * the plan does not name: a table added later either fits the rules or stops the step (and the
 * Citus test suite) instead of being placed wrongly. The step is idempotent (placed tables are
 * skipped), so every node may run it at start.
 */

/** Catalogs copied to every node: the distributed records join them (cards → clinics, agencies). */
const REFERENCE = new Set(['bhxh_agencies', 'clinics', 'collection_agents', 'employer_units']);

/**
 * Tables kept on the coordinator, and why. Tables with an `account_id` column are added by rule.
 * Account-scoped tables stay together on the coordinator: every authenticated request reads a
 * session and its account by key, the session-end NOTIFY fires where they are written, and at
 * 32 million accounts the set (accounts, sessions, devices, passkeys) fits one node by far.
 */
const COORDINATOR: Record<string, string> = {
  schema_migrations: 'the migrator’s own ledger',
  accounts: 'account-scoped (the accounts of staff have no BHXH code; sign-in looks up by username)',
  refresh_tokens: 'account-scoped (a session’s tokens)',
  outbox: 'global queue: one worker per node takes rows with FOR UPDATE SKIP LOCKED',
  audit_log: 'global hash chain (one ordered chain per partition)',
  audit_chain_heads: 'global hash chain heads',
  rate_counters: 'global counters (rate limits and lockouts shared by every node)',
  lookup_rate_counters: 'global counters of the public look-up',
  lookup_challenges: 'short-lived proofs of work of the public look-up',
  lookup_match_tokens: 'short-lived tokens keyed by a random token, not by person',
  dossier_sequences: 'per-agency number sequences (one row per agency and year)',
  service_request_sequences: 'per-agency number sequences (one row per agency and year)',
  service_request_tallies:
    'per-agency counters of requests by status and type (moved beside the number sequences)',
  registration_targets: 'per-agency yearly targets (a few hundred rows)',
  bulk_imports: 'staff uploads (per agency)',
  bulk_import_rows: 'rows of staff uploads',
  catalog_versions: 'the catalogs’ version counters; their NOTIFY fires on the coordinator',
  card_signing_keys: 'the system’s sealed keys, read once per node',
  token_keys: 'the system’s sealed keys, read once per node',
  clinic_gateway_keys: 'the system’s sealed keys, read once per node',
  push_vapid_keys: 'the system’s sealed keys, read once per node',
  clinic_gateway_credentials: 'per-clinic credentials (tens of thousands of rows)',
  clinic_clerks: 'per-clinic clerks',
  clinic_card_checks:
    'per-clinic log of card checks, keyed by clinic (a check of an unknown card has no person)',
  clinic_visit_files: 'per-clinic visit files keyed by the clinic’s own record number (ma_lk)',
  population_registry: 'the population registry stand-in, keyed by CCCD',
  news: 'staff-edited content',
  news_versions: 'staff-edited content',
  campaigns: 'staff-edited content',
  help_articles: 'staff-edited content',
  help_article_versions: 'staff-edited content',
  // Issue #26: the payments ledger is keyed by the gateway's transaction reference (the
  // notification names only it), with the gateway's notifications, the daily runs and their
  // differences: a global ledger, like the outbox.
  payments: 'keyed by the gateway’s transaction reference (vnp_TxnRef), which alone the IPN names',
  payment_notifications: 'the gateway’s notifications, logged as they come (global)',
  payment_reconciliation_runs: 'one reconciliation run a day (global)',
  payment_differences: 'the officers’ list of a day’s differences (global)',
  // Issue #27: the units' own data, read by unit.
  unit_batches: 'a unit’s batches of pre-filled dossiers (by unit)',
  unit_person_data: 'what a unit completed of its people, read by unit (and its batches)',
  unit_payments: 'the units’ payments ledger (by unit)',
  sick_pay_batches: 'a unit’s 630a batches (by unit; unique batch number)',
  contribution_notice_runs: 'one notice run a month (global)',
  bhxh_code_sequences: 'per-province BHXH code sequences (one row per province)',
};

/**
 * Foreign keys Citus cannot keep (between a distributed table and a coordinator table, or a
 * distributed table referring to another person than its own row's), dropped by the step; the
 * application writes both sides in one transaction. Keyed `table.constraint`.
 */
const DROPPED_FOREIGN_KEYS: Record<string, string> = {
  'persons.persons_guardian_bhxh_code_fkey': 'a guardian is another person, on another shard',
  'dossiers.dossiers_guardian_bhxh_code_fkey': 'a guardian is another person, on another shard',
  'service_requests.service_requests_filed_by_bhxh_code_fkey':
    'the filer is another person, on another shard',
  'accounts.accounts_bhxh_code_fkey': 'coordinator accounts → distributed persons',
  'tickets.tickets_opened_by_fkey': 'distributed tickets → coordinator accounts',
  'ticket_messages.ticket_messages_author_account_fkey': 'distributed messages → coordinator accounts',
  'record_corrections.record_corrections_officer_fkey': 'distributed corrections → coordinator accounts',
  'payments.payments_bhxh_code_fkey': 'coordinator payments → distributed persons',
  'unit_person_data.unit_person_data_bhxh_code_fkey': 'coordinator unit data → distributed persons',
  'sick_pay_claims.sick_pay_claims_batch_id_fkey': 'distributed claims → coordinator batches',
  'guardian_wards.guardian_wards_ward_bhxh_code_fkey':
    'the ward is another person than the guardian whose shard holds the row',
};

/**
 * Look-up tables distributed by their own key, each in its own co-location group: the global
 * keys of person-scoped rows (0029), so that a key is checked on the one shard of its value.
 */
const OWN_KEY: Record<string, string> = { unique_keys: 'value' };

/**
 * Look-up tables of a relation between two persons, keyed by the person who reads it: their
 * `bhxh_code` is that person's, so they are distributed by it and co-located with `persons` (the
 * rule for any `bhxh_code` table; named here for the reason it shows), and a read of the relation
 * from that side goes to one shard.
 */
const PERSON_LOOKUP: Record<string, string> = {
  guardian_wards:
    'look-up of a guardian’s wards, by the guardian’s bhxh_code (0030: the guardian’s card list on one shard)',
};

type Placement = 'distributed' | 'reference' | 'coordinator';

interface TablePlan {
  table: string;
  placement: Placement;
  reason: string;
  /** The distribution column of a distributed table. */
  column?: string;
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
  referenced: string;
  columns: string[];
  referencedColumns: string[];
}

interface UniqueKey {
  table: string;
  name: string;
  columns: string[];
}

/** True when the database has the Citus extension (the engine is a Citus coordinator). */
export async function isCitus(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{
    one: number;
  }>`SELECT 1 AS one FROM pg_extension WHERE extname = 'citus'`.execute(db);
  return rows.length > 0;
}

/** Places every table by the rules above; throws, naming the tables, when some do not fit. */
export function planTables(tables: { table: string; columns: string[] }[]): TablePlan[] {
  const problems: string[] = [];
  const plan: TablePlan[] = [];
  for (const { table, columns } of tables) {
    const coordinatorReason = COORDINATOR[table];
    const ownKey = OWN_KEY[table];
    if (REFERENCE.has(table)) plan.push({ table, placement: 'reference', reason: 'catalog' });
    else if (coordinatorReason) plan.push({ table, placement: 'coordinator', reason: coordinatorReason });
    else if (ownKey)
      plan.push({ table, placement: 'distributed', reason: 'look-up by its own key', column: ownKey });
    else if (columns.includes('bhxh_code'))
      plan.push({
        table,
        placement: 'distributed',
        reason: PERSON_LOOKUP[table] ?? 'person-scoped (bhxh_code)',
        column: 'bhxh_code',
      });
    else if (columns.includes('account_id'))
      plan.push({ table, placement: 'coordinator', reason: 'account-scoped (account_id)' });
    else
      problems.push(
        `${table}: has neither bhxh_code nor account_id and is not in the Citus plan (packages/server/src/db/citus.ts): say whether it is a catalog (reference) or a coordinator table`,
      );
  }
  if (problems.length) throw new Error(`Citus step: tables the plan does not place:\n${problems.join('\n')}`);
  return plan;
}

/** Checks the keys against the plan; returns the foreign keys to drop, or throws naming the rest. */
export function checkKeys(
  plan: TablePlan[],
  uniques: UniqueKey[],
  foreignKeys: ForeignKey[],
): { drop: ForeignKey[] } {
  const placement = new Map(plan.map((p) => [p.table, p.placement]));
  const column = new Map(plan.map((p) => [p.table, p.column]));
  const problems: string[] = [];
  for (const u of uniques) {
    const by = column.get(u.table);
    if (by && !u.columns.includes(by))
      problems.push(
        `${u.table}: unique key ${u.name} (${u.columns.join(', ')}) lacks ${by}: include it, or move the key to a look-up table (unique_keys)`,
      );
  }
  const drop: ForeignKey[] = [];
  for (const fk of foreignKeys) {
    const from = placement.get(fk.table);
    const to = placement.get(fk.referenced);
    const key = `${fk.table}.${fk.name}`;
    const colocated =
      column.get(fk.table) === 'bhxh_code' &&
      column.get(fk.referenced) === 'bhxh_code' &&
      fk.columns.indexOf('bhxh_code') >= 0 &&
      fk.columns.indexOf('bhxh_code') === fk.referencedColumns.indexOf('bhxh_code');
    // A coordinator table's key to a catalog is dropped by rule: kept, it would make Citus take
    // the table (and every table referring to it) into its metadata as a Citus local table, whose
    // every statement then goes through the distributed planner and its limits (no now() in an
    // ON CONFLICT DO UPDATE, no mixing with plain tables in a writing CTE…). The coordinator
    // tables stay plain PostgreSQL tables; the codes they hold are checked by the services.
    if (from === 'coordinator' && to === 'reference') {
      drop.push(fk);
      continue;
    }
    const supported = to === 'reference' || (from === 'coordinator' && to === 'coordinator') || colocated;
    if (supported && !(key in DROPPED_FOREIGN_KEYS)) continue;
    if (!supported && key in DROPPED_FOREIGN_KEYS) drop.push(fk);
    else if (supported)
      problems.push(`${key}: listed as dropped, but Citus keeps it: remove it from the list`);
    else
      problems.push(
        `${key}: ${from ?? '?'} ${fk.table} → ${to ?? '?'} ${fk.referenced} is a foreign key Citus cannot keep`,
      );
  }
  if (problems.length) throw new Error(`Citus step: keys that do not fit the plan:\n${problems.join('\n')}`);
  return { drop };
}

/**
 * Runs the Citus step on a Citus coordinator whose workers are added: places the tables not
 * placed yet. Returns what it did (table → placement).
 */
export function distributeTables(db: Kysely<Database>): Promise<TablePlan[]> {
  // One node at a time (several API nodes starting together): the first places, the others
  // find every table placed.
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      return await placeTables(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}

/** An arbitrary constant: the advisory lock of the Citus step. */
const LOCK_KEY = 7_462_019_028;

async function placeTables(db: Kysely<Database>): Promise<TablePlan[]> {
  const columns = await sql<{ table: string; columns: string[] }>`
    SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p')
    GROUP BY c.relname ORDER BY c.relname`.execute(db);
  const plan = planTables(columns.rows);
  const uniques = await sql<UniqueKey>`
    SELECT t.relname AS table, i.relname AS name,
      array(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k) AS columns
    FROM pg_index x
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indisunique`.execute(db);
  const foreignKeys = await sql<ForeignKey>`
    SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition, r.relname AS referenced,
      array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
      array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS "referencedColumns"
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    JOIN pg_class r ON r.oid = c.confrelid
    WHERE c.contype = 'f'`.execute(db);
  const { drop } = checkKeys(plan, uniques.rows, foreignKeys.rows);
  const placed = new Set(
    (
      await sql<{
        table: string;
      }>`SELECT logicalrelid::regclass::text AS table FROM pg_dist_partition`.execute(db)
    ).rows.map((r) => r.table),
  );
  for (const fk of drop)
    await sql`ALTER TABLE ${sql.id(fk.table)} DROP CONSTRAINT IF EXISTS ${sql.id(fk.name)}`.execute(db);
  const toPlace = plan.filter((p) => !placed.has(p.table));
  // Foreign keys are set aside while the tables move and added back after: a catalog becoming a
  // reference table would otherwise take every table that refers to it (the whole schema) into
  // Citus as coordinator tables, before the person tables could be distributed.
  const moving = new Set(toPlace.map((p) => p.table));
  const kept = foreignKeys.rows.filter(
    (fk) => !drop.includes(fk) && (moving.has(fk.table) || moving.has(fk.referenced)),
  );
  // Referenced before referring, so that added back, each key points at a placed table.
  kept.sort((a, b) => rank(a.table) - rank(b.table));
  await db.connection().execute(async (conn) => {
    for (const fk of kept)
      await sql`ALTER TABLE ${sql.id(fk.table)} DROP CONSTRAINT ${sql.id(fk.name)}`.execute(conn);
    // The catalogs' statement triggers (0010, 0029) go with them to every placement.
    await sql`SET citus.enable_unsafe_triggers = on`.execute(conn);
    for (const p of toPlace.filter((t) => t.placement === 'reference'))
      await sql`SELECT create_reference_table(${p.table})`.execute(conn);
    // `persons` first: the others are co-located with it.
    const distributed = toPlace
      .filter((t) => t.placement === 'distributed')
      .sort((a, b) => Number(b.table === 'persons') - Number(a.table === 'persons'));
    for (const p of distributed)
      await sql`SELECT create_distributed_table(${p.table}, ${p.column ?? 'bhxh_code'}, colocate_with => ${
        p.column === 'bhxh_code' && p.table !== 'persons' ? 'persons' : 'none'
      })`.execute(conn);
    await sql`RESET citus.enable_unsafe_triggers`.execute(conn);
    // Coordinator tables stay plain PostgreSQL tables, outside Citus's metadata (see checkKeys).
    // `catalog_versions` must: the catalogs' triggers update it on the coordinator's placement.
    for (const fk of kept)
      await sql`ALTER TABLE ${sql.id(fk.table)} ADD CONSTRAINT ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(
        conn,
      );
  });
  return plan;
}

/** Adding keys back: those of reference tables, then distributed, then coordinator ones. */
function rank(table: string): number {
  if (REFERENCE.has(table)) return 0;
  if (table in COORDINATOR) return 2;
  return 1;
}
