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
import { openStaffSession } from './staff-session';

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
      const { token, device } = await openStaffSession(db, tokens, {
        role: 'officer',
        username: `bench.officer.${code.toLowerCase()}`,
        displayName: `Cán bộ bench ${code}`,
        agencyCode: code,
        unitCode: null,
        passwordHash,
      });
      lines.push(`${code}\t${token}\t${device}`);
    }
    fs.writeFileSync(file, lines.join('\n'));
  } finally {
    await handle.close();
  }
}
