import { createHash } from 'node:crypto';
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
  /**
   * Subscribes to a PostgreSQL notification channel (`LISTEN`). `onState(true)` once listening,
   * `onState(false)` when the subscription is lost (a notification sent meanwhile is missed; the
   * subscriber must re-read what it relies on when it comes back). PostgreSQL: a dedicated
   * connection that reconnects with backoff. PGlite: in process, never lost. Resolves with the
   * unsubscribe function after the first attempt; close() also ends every subscription.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (live: boolean) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

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
    pool.on('connect', prepareRepeatedStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = config.databaseUrl;
    const subscriptions = subscriptionSet();
    return {
      db,
      engine: 'postgres',
      location: redactUrl(url),
      listen: async (channel, onMessage, onState) =>
        subscriptions.track(await pgListener(url, channel, onMessage, onState)),
      close: async () => {
        await subscriptions.endAll();
        await db.destroy();
      },
    };
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
  pool.on('connect', prepareRepeatedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const subscriptions = subscriptionSet();
  return {
    db,
    engine: 'pglite',
    location,
    listen: async (channel, onMessage, onState) => {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const stop = await pglite.listen(channel, onMessage);
      onState(true);
      return subscriptions.track(async () => {
        onState(false);
        await stop();
      });
    },
    close: async () => {
      await subscriptions.endAll();
      await db.destroy();
      await pglite.close();
    },
  };
}

/** A handle's subscriptions: each ends once, by its unsubscribe function or by close(). */
function subscriptionSet() {
  const live = new Set<() => Promise<void>>();
  return {
    track(stop: () => Promise<void>): () => Promise<void> {
      const unsubscribe = async () => {
        if (!live.delete(unsubscribe)) return;
        await stop();
      };
      live.add(unsubscribe);
      return unsubscribe;
    },
    endAll: () => Promise.all([...live].map((unsubscribe) => unsubscribe())),
  };
}

/** Statement texts given a name, at most this many per process (past it, statements run unnamed). */
const MAX_PREPARED = 2000;
const statementNames = new Map<string, string>();

/**
 * Prepared statements for every parameterised statement the application repeats. Kysely sends
 * each query unnamed, so PostgreSQL parses and plans it again on every execution: for the joins
 * of the hot reads (the card: person, current card, clinic, agency, guardian) planning costs more
 * than running them. Named, a statement is parsed once per connection, and after five executions
 * PostgreSQL keeps a generic plan when it is as good as the custom ones (the usual case for
 * key look-ups). Statement texts come from the code (values travel as parameters), so they are
 * few; the cap bounds memory should some code build texts from data.
 */
function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      let name = statementNames.get(config);
      if (!name && statementNames.size < MAX_PREPARED) {
        name = `vssid_${createHash('sha1').update(config).digest('hex').slice(0, 20)}`;
        statementNames.set(config, name);
      }
      if (name) return query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
}

/**
 * LISTEN on a dedicated PostgreSQL connection, reconnecting with a growing delay (250 ms to 5 s)
 * when it is lost; `onState` tells when notifications may have been missed.
 */
async function pgListener(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onState: (live: boolean) => void,
): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = 250;
  const retry = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
    delay = Math.min(delay * 2, 5000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    c.on('notification', (m) => {
      if (m.channel === channel) onMessage(m.payload ?? '');
    });
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      onState(false);
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      await c.end().catch(() => undefined);
      retry();
      return;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    delay = 250;
    onState(true);
  };
  await connect();
  return async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    if (c) {
      onState(false);
      await c.end().catch(() => undefined);
    }
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
