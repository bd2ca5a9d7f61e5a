import fs from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import type { Database } from './schema';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where an embedded database keeps its files (`memory://` when in memory). */
  location: string;
  close(): Promise<void>;
}

// Bigint columns (identity ids, counts) come back as strings: they may exceed 2^53.
// `date` columns stay text (`yyyy-mm-dd`) instead of becoming local-midnight Date objects.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Opens the database the configuration names: PostgreSQL (>= 15) when `databaseUrl` is set,
 * otherwise an embedded PGlite — file-backed in `<dataDir>/pglite`, or in memory — reached through
 * its node-postgres adapter, so that Kysely, the `pg` driver and every SQL statement are the same
 * on both engines.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseInMemory' | 'dataDir' | 'databasePoolMax'>,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.databasePoolMax });
    // An idle connection the server closes (a restart, a failover, an administrator) is an 'error'
    // on the pool; unheard it would end the process. The pool drops that client and the next query
    // opens a new connection; queries in flight fail on their own and are answered as such.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', location: redactUrl(config.databaseUrl), close: () => db.destroy() };
  }
  const location = config.databaseInMemory ? 'memory://' : path.join(config.dataDir, 'pglite');
  if (!config.databaseInMemory) await fs.mkdir(location, { recursive: true });
  const [{ PGlite }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const pglite = await PGlite.create(location);
  // PGlite is a single connection: one pooled client that is never recycled.
  const pool = new pg.Pool(Object.assign(createPgConfig(pglite), { max: 1, idleTimeoutMillis: 0 }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    location,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
