import pg from 'pg';
import { loadWithCopy } from '@vssid/datagen';
import { migrate, openDatabase } from '@vssid/server';

/**
 * The benchmark database, `vssid_bench` beside `admin`'s: created and migrated when missing, the
 * synthetic nation of `persons` loaded once (kept between runs); its URL.
 */
export async function ensureDataset(
  admin: string,
  persons: number,
  log: (line: string) => void,
): Promise<string> {
  const url = new URL(admin);
  url.pathname = '/vssid_bench';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'vssid_bench'");
  if (!exists.rowCount) await client.query('CREATE DATABASE vssid_bench');
  await client.end();
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 1,
  });
  await migrate(handle.db);
  const count = Number(
    (
      await handle.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await handle.close();
  if (count === persons) return url.toString();
  if (count !== 0)
    throw new Error(
      `the benchmark database holds ${count} persons, not ${persons}: drop vssid_bench (or bench/.cache) to reload`,
    );
  log(`loading ${persons} persons (once; kept in the benchmark database)…`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const report = await loadWithCopy(pool, {
    seed: 'vssid',
    persons,
    onProgress: (p) => {
      if (p.persons % 100_000 === 0) log(`  ${p.persons} persons, ${p.rows} rows`);
    },
  });
  await pool.end();
  log(`loaded ${report.rows} rows in ${Math.round(report.elapsedMs / 1000)} s`);
  return url.toString();
}
