/**
 * Benchmark identity for the employer portal (issue #27): a unit admin of the unit with the most
 * workers in the statement's month (the data generator's large unit), with a device, an open
 * session and an access token signed with the server's own keys, as `officers.ts` does. Writes
 * one line `unitCode<TAB>accessToken<TAB>deviceId` for the load worker (`{code}` is the unit).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { AccessTokens, hashPassword, type KeySealer, openDatabase } from '@vssid/server';
import { openStaffSession } from './staff-session';

export async function prepareEmployers(
  databaseUrl: string,
  file: string,
  sealer: KeySealer,
  month: string,
): Promise<{ unitCode: string; workers: number }> {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  try {
    const db = handle.db;
    const biggest = await sql<{ unit_code: string; n: string }>`
      SELECT unit_code, count(*) AS n FROM participation_periods
      WHERE scheme = 'bhxh_compulsory' AND unit_code IS NOT NULL
        AND from_month <= ${`${month}-01`}::date AND to_month >= ${`${month}-01`}::date
      GROUP BY unit_code ORDER BY n DESC, unit_code LIMIT 1`.execute(db);
    const unit = biggest.rows[0];
    if (!unit) throw new Error(`no unit has workers in ${month}: load a nation first`);
    const { token, device } = await openStaffSession(db, await AccessTokens.open(db, sealer), {
      role: 'employer',
      username: `bench.unit.${unit.unit_code.toLowerCase()}`,
      displayName: `Quản trị bench ${unit.unit_code}`,
      agencyCode: null,
      unitCode: unit.unit_code,
      passwordHash: await hashPassword(randomUUID()),
    });
    fs.writeFileSync(file, `${unit.unit_code}\t${token}\t${device}`);
    return { unitCode: unit.unit_code, workers: Number(unit.n) };
  } finally {
    await handle.close();
  }
}
