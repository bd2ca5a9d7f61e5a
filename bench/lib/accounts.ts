/**
 * Benchmark identities: citizen accounts for sampled persons (one shared argon2id hash of a known
 * password: hashing is what the `signin` scenario measures, not what setting up should cost),
 * each with a trusted device (so sign-in needs no OTP, as on a person's own phone) and an open
 * session whose access token the authenticated scenarios send. Written straight into the
 * database the server uses, as `signInAs` does in tests; tokens are signed with the server's own
 * keys (token_keys), so the server verifies them as any other.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { AccessTokens, hashPassword, type KeySealer, openDatabase } from '@vssid/server';

export const BENCH_PASSWORD = 'Bench-Mat-Khau-2026';

/** A device id per person, stable across runs (UUID v4 shape from a hash of the code). */
function deviceFor(code: string): string {
  const h = createHash('sha256').update(`bench-device:${code}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Makes sure every code has an account, a trusted device and an open session, and writes the
 * lines `code<TAB>accessToken<TAB>deviceId<TAB>agency` that the load worker reads. Call right before the
 * authenticated scenarios: access tokens live 10 minutes.
 */
export async function prepareCitizens(
  databaseUrl: string,
  codes: string[],
  file: string,
  sealer: KeySealer,
): Promise<void> {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  try {
    const db = handle.db;
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    for (let i = 0; i < codes.length; i += 1000) {
      const batch = codes.slice(i, i + 1000);
      await db
        .insertInto('accounts')
        .columns(['role', 'username', 'bhxh_code', 'display_name', 'password_hash', 'must_change_password'])
        .expression(
          db
            .selectFrom('persons')
            .select([
              sql.lit('citizen').as('role'),
              'bhxh_code as username',
              'bhxh_code',
              'full_name as display_name',
              sql.val(passwordHash).as('password_hash'),
              sql.lit(false).as('must_change_password'),
            ])
            .where('bhxh_code', 'in', batch),
        )
        .onConflict((oc) =>
          oc
            .column('username')
            // A literal: a bound parameter matches no partial index (accounts_username_open_idx).
            .where(sql<boolean>`status <> 'closed'`)
            .doUpdateSet({ password_hash: passwordHash, locked_until: null, failed_attempts: 0 }),
        )
        .execute();
    }
    const accounts = await db
      .selectFrom('accounts')
      .leftJoin('persons', 'persons.bhxh_code', 'accounts.bhxh_code')
      .select(['accounts.id', 'accounts.bhxh_code', 'accounts.display_name', 'persons.province_code'])
      .where('accounts.bhxh_code', 'in', codes)
      .where('accounts.role', '=', 'citizen')
      .where('accounts.status', '<>', 'closed')
      .execute();
    const tokens = await AccessTokens.open(db, sealer);
    const lines: string[] = [];
    const expires = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < accounts.length; i += 1000) {
      const batch = accounts.slice(i, i + 1000);
      const devices = batch.map((a) => ({
        account_id: a.id,
        id: deviceFor(a.bhxh_code ?? ''),
        label: 'bench',
        trusted_at: new Date(),
      }));
      await db
        .insertInto('devices')
        .values(devices)
        .onConflict((oc) => oc.columns(['account_id', 'id']).doUpdateSet({ trusted_at: new Date() }))
        .execute();
      const sessions = batch.map((a) => ({
        id: randomUUID(),
        account_id: a.id,
        device_id: deviceFor(a.bhxh_code ?? ''),
        method: 'password' as const,
        expires_at: expires,
      }));
      await db.insertInto('sessions').values(sessions).execute();
      for (const [j, a] of batch.entries()) {
        const token = await tokens.sign({
          accountId: a.id,
          sessionId: sessions[j]?.id ?? '',
          role: 'citizen',
          bhxhCode: a.bhxh_code,
          agencyCode: null,
          unitCode: null,
          clinicCode: null,
          displayName: a.display_name,
          mustChangePassword: false,
        });
        // The fourth field: the office of the person's 2025 province (Hà Nội's without one), where
        // their online service requests go.
        lines.push(
          `${a.bhxh_code ?? ''}\t${token}\t${deviceFor(a.bhxh_code ?? '')}\t${a.province_code ?? '01'}`,
        );
      }
    }
    fs.writeFileSync(file, lines.join('\n'));
  } finally {
    await handle.close();
  }
}
