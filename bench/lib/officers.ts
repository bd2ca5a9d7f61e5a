/**
 * Benchmark identities for the officers' back office: one officer per sampled agency (those that
 * received the most dossiers, so the queue has rows to page through), each with a device, an open
 * session and an access token signed with the server's own keys, as `accounts.ts` does for
 * citizens. Writes lines `agencyCode<TAB>accessToken<TAB>deviceId` for the load worker
 * (`{code}` is then the agency code).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { AccessTokens, hashPassword, type KeySealer, openDatabase } from '@vssid/server';

export async function prepareOfficers(
  databaseUrl: string,
  file: string,
  sealer: KeySealer,
  agencies = 50,
): Promise<void> {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  try {
    const db = handle.db;
    const busiest = await sql<{ code: string }>`
      SELECT code FROM (
        (SELECT agency_code AS code, count(*) AS n FROM dossiers GROUP BY agency_code ORDER BY n DESC LIMIT ${agencies})
        UNION ALL
        (SELECT code, 0 AS n FROM bhxh_agencies WHERE level = 'province' ORDER BY code LIMIT ${agencies})
      ) s GROUP BY code ORDER BY max(n) DESC, code LIMIT ${agencies}`.execute(db);
    const passwordHash = await hashPassword(randomUUID());
    const tokens = await AccessTokens.open(db, sealer);
    const lines: string[] = [];
    for (const { code } of busiest.rows) {
      const username = `bench.officer.${code.toLowerCase()}`;
      const account = await db
        .insertInto('accounts')
        .values({
          role: 'officer',
          username,
          agency_code: code,
          display_name: `Cán bộ bench ${code}`,
          password_hash: passwordHash,
          must_change_password: false,
        })
        .onConflict((oc) =>
          oc
            .column('username')
            .where(sql<boolean>`status <> 'closed'`)
            .doUpdateSet({ must_change_password: false }),
        )
        .returning(['id', 'display_name'])
        .executeTakeFirstOrThrow();
      const device = randomUUID();
      await db.insertInto('devices').values({ account_id: account.id, id: device, label: 'bench' }).execute();
      const sessionId = randomUUID();
      await db
        .insertInto('sessions')
        .values({
          id: sessionId,
          account_id: account.id,
          device_id: device,
          method: 'password',
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .execute();
      const token = await tokens.sign({
        accountId: account.id,
        sessionId,
        role: 'officer',
        bhxhCode: null,
        agencyCode: code,
        unitCode: null,
        clinicCode: null,
        displayName: account.display_name,
        mustChangePassword: false,
      });
      lines.push(`${code}\t${token}\t${device}`);
    }
    fs.writeFileSync(file, lines.join('\n'));
  } finally {
    await handle.close();
  }
}
