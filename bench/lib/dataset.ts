import pg from 'pg';
import { loadWithCopy } from '@vssid/datagen';
import { distributeTables, migrate, openDatabase, RECOUNT_REQUEST_TALLIES_SQL } from '@vssid/server';
import { sql } from 'kysely';

/**
 * The benchmark database, `vssid_bench` beside `admin`'s: created and migrated when missing, the
 * synthetic nation of `persons` loaded once (kept between runs); its URL.
 */
export async function ensureDataset(
  admin: string,
  persons: number,
  log: (line: string) => void,
  options: { citus?: boolean } = {},
): Promise<string> {
  const url = new URL(admin);
  url.pathname = '/vssid_bench';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'vssid_bench'");
  if (!exists.rowCount) {
    if (options.citus) await createCitusDatabase(client, admin);
    else await client.query('CREATE DATABASE vssid_bench');
  }
  await client.end();
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 1,
  });
  await migrate(handle.db);
  // On Citus: the tables placed (db/citus.ts) before the nation is loaded into them.
  if (options.citus) await distributeTables(handle.db);
  const count = Number(
    (
      await handle.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // The requests' tallies (migration 0032) counted again: the submission's floor server of an
  // earlier run filed requests straight into the table, behind the application's back.
  if (count > 0)
    await handle.db.transaction().execute(async (trx) => {
      for (const statement of RECOUNT_REQUEST_TALLIES_SQL) await sql.raw(statement).execute(trx);
    });
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

/**
 * `vssid_bench` on a Citus cluster: created on the coordinator of `admin` and on each of its
 * workers (Citus does not propagate CREATE DATABASE), with the extension on each and the nodes
 * registered in it.
 */
async function createCitusDatabase(admin: pg.Client, adminUrl: string): Promise<void> {
  const workers = await admin.query<{ nodename: string; nodeport: number }>(
    "SELECT nodename, nodeport FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0",
  );
  const coordinator = new URL(adminUrl);
  const nodes = [
    { host: coordinator.hostname, port: Number(coordinator.port || 5432) },
    ...workers.rows.map((w) => ({ host: w.nodename, port: w.nodeport })),
  ];
  const run = async (host: string, port: number, database: string, statements: string[]) => {
    const url = new URL(adminUrl);
    url.hostname = host;
    url.port = String(port);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  for (const node of nodes) {
    await run(node.host, node.port, 'postgres', ['CREATE DATABASE vssid_bench']);
    await run(node.host, node.port, 'vssid_bench', ['CREATE EXTENSION citus']);
  }
  const [head, ...rest] = nodes;
  if (!head) return;
  await run(head.host, head.port, 'vssid_bench', [
    `SELECT citus_set_coordinator_host('${head.host}', ${head.port})`,
    ...rest.map((w) => `SELECT citus_add_node('${w.host}', ${w.port})`),
  ]);
}
