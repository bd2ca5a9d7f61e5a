import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { keySealer } from '../adapters/key-sealer';
import { loadConfig, type Config } from '../config';
import { distributeTables } from '../db/citus';
import { type DatabaseHandle, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';

/**
 * A fresh, empty database for one test file, on the engine the test project names
 * (`TEST_ENGINE`): an in-memory PGlite, or a new database created on the PostgreSQL server of
 * `TEST_DATABASE_URL` and dropped again by `close()`.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testEngine() === 'pglite')
    return openDatabase({ databaseInMemory: true, databaseUrl: undefined, dataDir: '.', databasePoolMax: 1 });
  const created =
    testEngine() === 'citus' ? await createCitusTestDatabase() : await createPostgresTestDatabase();
  const handle = await openDatabase({
    databaseUrl: created.url,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 5,
  });
  if (testEngine() === 'citus') {
    // The schema, then the Citus step, as `npm run db:citus` does (buildApp's migrate then finds
    // nothing to apply).
    await migrate(handle.db);
    await distributeTables(handle.db);
  }
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

/** A new, empty database on the server of `TEST_DATABASE_URL`, with a function that drops it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const name = `vssid_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A new database on the Citus cluster of `TEST_DATABASE_URL` (its coordinator's admin database,
 * where the workers are added): created on the coordinator and on every worker (Citus does not
 * propagate CREATE DATABASE), with the extension on each, the coordinator and the workers
 * registered in it. Dropped on every node again.
 */
async function createCitusTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_ENGINE=citus needs TEST_DATABASE_URL (a Citus coordinator)');
  const name = `vssid_test_${randomBytes(6).toString('hex')}`;
  const on = async <T extends pg.QueryResultRow>(url: string, statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(statement)).rows;
    } finally {
      await client.end();
    }
  };
  const at = (host: string, port: number, database: string) => {
    const url = new URL(adminUrl);
    url.hostname = host;
    url.port = String(port);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const workers = await on<{ nodename: string; nodeport: number }>(
    adminUrl,
    "SELECT nodename, nodeport FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0 ORDER BY nodeport",
  );
  if (workers.length === 0) throw new Error(`${adminUrl} has no Citus workers (scripts/citus.sh start)`);
  const admin = new URL(adminUrl);
  const coordinator = { host: admin.hostname, port: Number(admin.port || 5432) };
  const nodes = [coordinator, ...workers.map((w) => ({ host: w.nodename, port: w.nodeport }))];
  for (const node of nodes) {
    await on(at(node.host, node.port, 'postgres'), `CREATE DATABASE ${name}`);
    await on(at(node.host, node.port, name), 'CREATE EXTENSION citus');
  }
  const url = at(coordinator.host, coordinator.port, name);
  await on(url, `SELECT citus_set_coordinator_host('${coordinator.host}', ${coordinator.port})`);
  // Registering a worker connects to its new database and syncs Citus's metadata there; once in
  // some runs of the suite that connection failed ("failure on connection marked as essential")
  // with the cluster just started and two files setting up at once. Up to three attempts; a
  // third failure is the error. (citus_add_node does nothing for a node already added.)
  for (const w of nodes.slice(1)) {
    for (let attempt = 1; ; attempt++) {
      try {
        await on(url, `SELECT citus_add_node('${w.host}', ${w.port})`);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }
  return {
    url,
    drop: async () => {
      for (const node of nodes)
        await on(at(node.host, node.port, 'postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export function testEngine(): 'pglite' | 'postgres' | 'citus' {
  const engine = process.env.TEST_ENGINE;
  return engine === 'postgres' || engine === 'citus' ? engine : 'pglite';
}

/** The key-encryption key of test configurations (a test key, public: never a deployment's). */
export const TEST_KEY_ENCRYPTION_KEY = 'dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';

/** The sealer of test configurations' databases (key stores built outside an app). */
export const testKeySealer = () => keySealer(Buffer.from(TEST_KEY_ENCRYPTION_KEY, 'base64'));

/** Configuration for tests: quiet, no web app, in-memory unless a database is passed to buildApp. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_IN_MEMORY: 'true',
    SERVE_WEB: 'false',
    // Tests deliver the outbox themselves (app.outbox.runOnce()).
    OUTBOX_POLL_MS: '0',
    // One key-encryption key for every node a test builds on one database.
    KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY,
    // Proofs of work the tests solve (registration, sign-in after failures): small; the
    // look-up's per-IP limit out of the way of tests that submit many registrations.
    LOOKUP_POW_BITS: '4',
    LOOKUP_RATE_LIMIT_MAX: '100000',
    ...env,
  });
}
