import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { NewAuditEvent } from '../audit/service';
import type {
  AccountTable,
  OtpChallengeTable,
  OtpPurpose,
  SessionEndReason,
  SessionTable,
} from '../../db/schema-auth';

export type AccountRow = Selectable<AccountTable>;
export type OtpRow = Selectable<OtpChallengeTable>;
type SessionRow = Selectable<SessionTable>;

// ------------------------------------------------------------------ token keys

export function findTokenKeys(db: Kysely<Database>) {
  return db.selectFrom('token_keys').select(['kid', 'secret']).orderBy('created_at', 'desc').execute();
}

export async function insertTokenKey(db: Kysely<Database>, key: { kid: string; secret: Buffer }) {
  await db.insertInto('token_keys').values(key).execute();
}

/** Replaces a secret stored in the clear by its sealed form (only if it is still the clear one). */
export async function sealTokenKey(db: Kysely<Database>, kid: string, clear: Buffer, sealed: Buffer) {
  await db
    .updateTable('token_keys')
    .set({ secret: sealed })
    .where('kid', '=', kid)
    .where('secret', '=', clear)
    .execute();
}

// ------------------------------------------------------------------ accounts

export function findAccountByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<AccountRow | undefined> {
  // A closed account (e-transactions stopped, issue #23) keeps its user name but signs in no more.
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
}

export function findAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAccount(
  db: Kysely<Database>,
  account: Insertable<AccountTable>,
): Promise<AccountRow> {
  return db.insertInto('accounts').values(account).returningAll().executeTakeFirstOrThrow();
}

export async function updateAccount(
  db: Kysely<Database>,
  id: string,
  changes: Partial<
    Pick<
      AccountRow,
      | 'failed_attempts'
      | 'lockouts'
      | 'locked_until'
      | 'password_hash'
      | 'password_changed_at'
      | 'must_change_password'
      | 'status'
      | 'language'
      | 'phone'
      | 'email'
      | 'closed_at'
    >
  >,
): Promise<void> {
  await db.updateTable('accounts').set(changes).where('id', '=', id).execute();
}

export function findStaffOfAgency(db: Kysely<Database>, agencyCode: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'role', 'status', 'phone', 'email', 'created_at'])
    .where('agency_code', '=', agencyCode)
    .where('role', 'in', ['officer', 'agency_admin', 'communications'])
    .orderBy('username')
    .execute();
}

export function findPersonForAccount(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'full_name', 'phone', 'email', 'birth_date', 'birth_year'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

// ------------------------------------------------------------------ devices

export async function upsertDevice(
  db: Kysely<Database>,
  device: { account_id: string; id: string; label: string },
): Promise<{ trusted: boolean }> {
  const row = await db
    .insertInto('devices')
    .values(device)
    .onConflict((oc) =>
      oc.columns(['account_id', 'id']).doUpdateSet({ last_seen_at: sql<Date>`now()`, label: device.label }),
    )
    .returning('trusted_at')
    .executeTakeFirstOrThrow();
  return { trusted: row.trusted_at !== null };
}

export function findDevices(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('devices')
    .select(['id', 'label', 'last_seen_at', 'trusted_at'])
    .where('account_id', '=', accountId)
    .orderBy('last_seen_at', 'desc')
    .limit(20)
    .execute();
}

// ------------------------------------------------------------------ sessions

export function findSession(db: Kysely<Database>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ends the account's open sessions (but `except`), returning their ids. */
export async function endSessionsOfAccount(
  db: Kysely<Database>,
  accountId: string,
  reason: SessionEndReason,
  except?: string,
): Promise<string[]> {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: sql<Date>`now()`, end_reason: reason })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null);
  if (except) q = q.where('id', '<>', except);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

export async function endSession(
  db: Kysely<Database>,
  id: string,
  reason: SessionEndReason,
): Promise<boolean> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: sql<Date>`now()`, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function touchSession(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

// ------------------------------------------------------------------ refresh tokens

export async function insertRefreshToken(db: Kysely<Database>, tokenHash: Buffer, sessionId: string) {
  await db.insertInto('refresh_tokens').values({ token_hash: tokenHash, session_id: sessionId }).execute();
}

export function findRefreshToken(db: Kysely<Database>, tokenHash: Buffer) {
  return db
    .selectFrom('refresh_tokens')
    .select(['session_id', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the token used, only if it was unused: false when another request used it first. */
export async function useRefreshToken(db: Kysely<Database>, tokenHash: Buffer): Promise<boolean> {
  const rows = await db
    .updateTable('refresh_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .returning('session_id')
    .execute();
  return rows.length > 0;
}

// ------------------------------------------------------------------ OTP

/** Marks the live challenges of a purpose superseded: an account's, or (no account) a binding's. */
function supersedeLive(db: Kysely<Database>, purpose: OtpPurpose) {
  return db
    .updateTable('otp_challenges')
    .set({ superseded_at: sql<Date>`now()` })
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('superseded_at', 'is', null);
}

export async function supersedeLiveOtps(db: Kysely<Database>, accountId: string, purpose: OtpPurpose) {
  await supersedeLive(db, purpose).where('account_id', '=', accountId).execute();
}

/** Phone OTPs (no account) of this purpose still live for the same `binding` (what they act on). */
export async function supersedeLivePhoneOtps(db: Kysely<Database>, purpose: OtpPurpose, binding: string) {
  await supersedeLive(db, purpose)
    .where('account_id', 'is', null)
    .where(sql<string>`context->>'binding'`, '=', binding)
    .execute();
}

export async function insertOtp(db: Kysely<Database>, otp: Insertable<OtpChallengeTable>): Promise<void> {
  await db.insertInto('otp_challenges').values(otp).execute();
}

/** The challenge, locked for this transaction (attempts are counted exactly under concurrency). */
export function lockOtp(db: Kysely<Database>, id: string): Promise<OtpRow | undefined> {
  return db.selectFrom('otp_challenges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The account a challenge was sent for (null: none, or no such challenge). */
export async function findOtpAccountId(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('otp_challenges')
    .select('account_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.account_id ?? null;
}

export async function updateOtp(
  db: Kysely<Database>,
  id: string,
  changes: Partial<
    Pick<OtpRow, 'attempts' | 'consumed_at' | 'code_hash' | 'expires_at' | 'resend_available_at' | 'sends'>
  >,
) {
  await db.updateTable('otp_challenges').set(changes).where('id', '=', id).execute();
}

// ------------------------------------------------------------------ rate counters

/**
 * Counts one hit on each key in the fixed window starting at `windowStart` and returns the
 * counts after it, in one statement. Windows older than a day are removed now and then.
 */
export async function hitCounters(
  db: Kysely<Database>,
  keys: string[],
  windowStart: Date,
): Promise<Map<string, number>> {
  const rows = await db
    .insertInto('rate_counters')
    .values(keys.map((key) => ({ key, window_start: windowStart, count: 1 })))
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_counters.count + 1` }),
    )
    .returning(['key', 'count'])
    .execute();
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** The counts of these keys in the window starting at `windowStart`, without counting a hit. */
export async function readCounters(
  db: Kysely<Database>,
  keys: string[],
  windowStart: Date,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('rate_counters')
    .select(['key', 'count'])
    .where('key', 'in', keys)
    .where('window_start', '=', windowStart)
    .execute();
  return new Map(rows.map((r) => [r.key, r.count]));
}

export async function deleteOldCounters(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_start', '<', before).execute();
}

// ------------------------------------------------------------------ opening a session, in one statement

/**
 * Opens a session in one statement (one round trip, atomic): the device is recorded and trusted,
 * for an exclusive (citizen) account every other device loses its trust and every other session
 * ends as `replaced_by_new_device`, the session and its first refresh token are written. Returns
 * the ids of the sessions it ended. The foreign keys of the new rows are checked at the end of the
 * statement, when the device and session rows written beside them exist.
 */
export async function openSessionRows(
  db: Kysely<Database>,
  s: {
    accountId: string;
    deviceId: string;
    deviceLabel: string;
    exclusive: boolean;
    sessionId: string;
    method: SessionTable['method'];
    expiresAt: Date;
    ip: string | null;
    userAgent: string;
    refreshHash: Buffer;
    /** The audit entry of the sign-in; `details` get `replacedSessions`, counted by the statement. */
    audit: NewAuditEvent;
  },
): Promise<string[]> {
  const a = s.audit;
  const result = await sql<{ id: string }>`
    WITH device AS (
      INSERT INTO devices (account_id, id, label, trusted_at)
      VALUES (${s.accountId}, ${s.deviceId}, ${s.deviceLabel}, now())
      ON CONFLICT (account_id, id) DO UPDATE SET last_seen_at = now(), label = EXCLUDED.label, trusted_at = now()
      RETURNING id
    ), others AS (
      UPDATE devices SET trusted_at = NULL
       WHERE ${s.exclusive} AND account_id = ${s.accountId} AND id <> ${s.deviceId} AND trusted_at IS NOT NULL
    ), ended AS (
      UPDATE sessions SET ended_at = now(), end_reason = 'replaced_by_new_device'
       WHERE ${s.exclusive} AND account_id = ${s.accountId} AND ended_at IS NULL
      RETURNING id
    ), opened AS (
      INSERT INTO sessions (id, account_id, device_id, method, expires_at, ip, user_agent)
      SELECT ${s.sessionId}, ${s.accountId}, device.id, ${s.method}, ${s.expiresAt}, ${s.ip}::inet, ${s.userAgent} FROM device
      RETURNING id
    ), token AS (
      INSERT INTO refresh_tokens (token_hash, session_id) SELECT ${s.refreshHash}, opened.id FROM opened
    ), audit AS (
      INSERT INTO audit_log (actor_type, actor_id, subject_bhxh_code, action, target_type, target_id, purpose, ip, request_id, details)
      SELECT ${a.actor_type}, ${a.actor_id ?? null}, ${a.subject_bhxh_code ?? null}, ${a.action}, ${a.target_type ?? null},
             ${a.target_id ?? null}, ${a.purpose ?? null}, ${a.ip ?? null}::inet, ${a.request_id ?? null},
             ${JSON.stringify(a.details ?? {})}::jsonb || jsonb_build_object('replacedSessions', (SELECT count(*) FROM ended))
        FROM opened
    )
    SELECT id::text AS id FROM ended`.execute(db);
  return result.rows.map((r) => r.id);
}

/**
 * The account of this user name and whether this device is trusted for it, counting the sign-in
 * attempt in the rate counters `keys` (window `windowStart`) in the same statement: one round trip.
 * Returns the counters' new values; `account` is undefined for an unknown user name.
 */
export async function findAccountForSignIn(
  db: Kysely<Database>,
  username: string,
  deviceId: string,
  counters: { keys: readonly string[]; windowStart: Date },
  failures: { keys: readonly string[]; windowStart: Date },
): Promise<{
  account: (AccountRow & { device_trusted: boolean }) | undefined;
  counts: Map<string, number>;
  failures: Map<string, number>;
}> {
  const result = await sql<
    Partial<AccountRow> & {
      device_trusted: boolean | null;
      hits: Record<string, number> | null;
      failures: Record<string, number> | null;
    }
  >`
    WITH hits AS (
      INSERT INTO rate_counters (key, window_start, count)
      SELECT k, ${counters.windowStart}, 1 FROM unnest(${sql.val([...counters.keys])}::text[]) AS k
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1
      RETURNING key, count
    )
    SELECT a.*, d.trusted_at IS NOT NULL AS device_trusted,
           (SELECT json_object_agg(key, count) FROM hits) AS hits,
           (SELECT json_object_agg(key, count) FROM rate_counters
             WHERE key = ANY(${sql.val([...failures.keys])}::text[])
               AND window_start = ${failures.windowStart}) AS failures
      FROM (SELECT 1) AS one
      -- The literal predicate: only then can the planner use the partial unique index of the open
      -- accounts' user names (a closed account keeps its name and signs in no more; issue #23).
      LEFT JOIN accounts a ON a.username = ${username} AND a.status <> 'closed'
      LEFT JOIN devices d ON d.account_id = a.id AND d.id = ${deviceId}`.execute(db);
  const row = result.rows[0];
  const counts = new Map(Object.entries(row?.hits ?? {}));
  const failed = new Map(Object.entries(row?.failures ?? {}));
  if (!row?.id) return { account: undefined, counts, failures: failed };
  const { hits: _hits, failures: _failures, ...account } = row;
  return {
    account: { ...(account as AccountRow), device_trusted: account.device_trusted === true },
    counts,
    failures: failed,
  };
}

/**
 * Closing an account (e-transactions stopped, issue #23): its passkeys and its VNeID link go (it
 * can be used to sign in no more); the account row, its sessions and its history stay.
 */
export async function removeSignInMeansOfAccount(trx: Kysely<Database>, accountId: string): Promise<void> {
  await trx.deleteFrom('passkeys').where('account_id', '=', accountId).execute();
  await trx.deleteFrom('account_identities').where('account_id', '=', accountId).execute();
}
