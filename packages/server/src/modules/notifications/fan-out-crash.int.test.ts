import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createPostgresTestDatabase, testEngine } from '../../testing/database';

/**
 * Issue 25, acceptance: greetings exactly once per person and occasion across a SIGKILL in the
 * middle of a fan-out. A child process runs the fan-out of 20 October (Vietnamese Women's Day and
 * the birthdays of the day) on a file-backed database, batch by batch; the test kills it with
 * SIGKILL after a few batches, runs it again to the end, and counts the inbox rows.
 */
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../testing/fan-out-child.ts');
const PERSONS = 400;
const NOW = '2026-10-20T01:30:00Z'; // 08:30 in Hà Nội

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-fanout-'));
const pg = testEngine() === 'postgres' ? await createPostgresTestDatabase() : null;
const dbOptions = { databaseUrl: pg?.url, databaseInMemory: false, dataDir, databasePoolMax: 2 };
afterAll(async () => {
  await pg?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function run(killAfterBatches: number | null) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: pg?.url ?? '',
      FANOUT_NOW: NOW,
      FANOUT_BATCH: '25',
      FANOUT_DELAY_MS: killAfterBatches === null ? '0' : '40',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ out: string; signal: NodeJS.Signals | null; code: number | null }>(
    (resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const batches = out.match(/^batch \d+$/gm)?.length ?? 0;
        if (killAfterBatches !== null && batches >= killAfterBatches) proc.kill('SIGKILL');
      });
      proc.once('error', reject);
      proc.once('exit', (code, signal) => {
        if (code !== 0 && signal !== 'SIGKILL')
          reject(new Error(`fan-out child failed (${code}):\n${out}\n${err}`));
        else resolve({ out, signal, code });
      });
    },
  );
}

describe('the greeting fan-out', () => {
  it(
    'writes every greeting exactly once although the process is SIGKILLed midway',
    { timeout: 120_000 },
    async () => {
      const seed = await openDatabase(dbOptions);
      await migrate(seed.db);
      // Persons of every day of the year; every third one a woman; their citizen accounts.
      await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, province_code)
      SELECT lpad(i::text, 10, '0'), 'Người thử ' || i, d, extract(year FROM d)::int,
             CASE WHEN i % 3 = 0 THEN 'female' ELSE 'male' END, '01'
      FROM generate_series(1, ${PERSONS}::int) AS i,
           LATERAL (SELECT (date '1960-01-01' + (i * 37 % 366) * interval '1 day'
                           + (i % 40) * interval '1 year')::date AS d) AS b`.execute(seed.db);
      await sql`INSERT INTO accounts (role, username, bhxh_code, display_name, password_hash, must_change_password)
      SELECT 'citizen', bhxh_code, bhxh_code, full_name, 'x', false FROM persons`.execute(seed.db);
      const expected = await sql<{ women: string; birthdays: string }>`
      SELECT count(*) FILTER (WHERE gender = 'female') AS women,
             count(*) FILTER (WHERE to_char(birth_date, 'MM-DD') = '10-20') AS birthdays FROM persons`.execute(
        seed.db,
      );
      await seed.close();
      const women = Number(expected.rows[0]?.women);
      const birthdays = Number(expected.rows[0]?.birthdays);
      expect(women).toBeGreaterThan(100);
      expect(birthdays).toBeGreaterThan(0);

      const killed = await run(4);
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.out).not.toContain('finished');

      const mid = await openDatabase(dbOptions);
      const partial = await mid.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      await mid.close();
      // Killed in the middle: some greetings were written, not all.
      expect(Number(partial.n)).toBeGreaterThan(0);
      expect(Number(partial.n)).toBeLessThan(women + birthdays);

      const resumed = await run(null);
      expect(resumed.out).toContain('finished');
      // A third run (a restart after the end) writes nothing more.
      await run(null);

      const check = await openDatabase(dbOptions);
      try {
        const rows = await check.db
          .selectFrom('notifications as n')
          .innerJoin('accounts as a', 'a.id', 'n.account_id')
          .innerJoin('persons as p', 'p.bhxh_code', 'a.bhxh_code')
          .select(['n.account_id', 'n.idempotency_key', 'n.template', 'p.gender', 'p.birth_date'])
          .execute();
        const keys = rows.map((r) => `${r.account_id}|${r.idempotency_key}`);
        expect(new Set(keys).size).toBe(keys.length);
        const womensDay = rows.filter((r) => r.idempotency_key === 'greeting:vietnam_womens_day:2026');
        expect(womensDay).toHaveLength(women);
        expect(womensDay.every((r) => r.gender === 'female')).toBe(true);
        const born = rows.filter((r) => r.idempotency_key === 'greeting:birthday:2026');
        expect(born).toHaveLength(birthdays);
        expect(born.every((r) => String(r.birth_date).slice(5) === '10-20')).toBe(true);
        const campaigns = await check.db.selectFrom('campaigns').selectAll().orderBy('key').execute();
        expect(campaigns.map((c) => [c.key, c.status, Number(c.sent), Number(c.scanned)])).toEqual([
          ['greeting:birthday:2026-10-20', 'done', birthdays, PERSONS],
          ['greeting:vietnam_womens_day:2026-10-20', 'done', women, PERSONS],
        ]);
      } finally {
        await check.close();
      }
    },
  );
});
