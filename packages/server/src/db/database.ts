import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { replicaMonitor, routingPool, type ReplicaMonitor } from './replica';
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
   * subscriber must re-read what it relies on when it comes back). PostgreSQL: one dedicated
   * connection per handle for every channel, reconnecting with backoff. PGlite: in process, never
   * lost. Resolves with the unsubscribe function after the first attempt; close() also ends
   * every subscription.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (live: boolean) => void,
  ): Promise<() => Promise<void>>;
  /**
   * Runs `work` on a database handle whose connection is a session of its own (the migrations'
   * session-level lock): through `directDatabaseUrl` when the pool goes through a pooler in
   * transaction mode, else the handle's own database.
   */
  session<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** The connection pools, for the metrics: connections open, idle, and callers waiting. */
  pools(): { name: string; total: number; idle: number; waiting: number }[];
  /** The streaming replica's lag monitor, when a replica is configured (db/replica.ts). */
  replica: ReplicaMonitor | null;
  /**
   * True on a Citus coordinator (set by the app after its migrations, db/citus.ts): the few
   * statements Citus cannot plan take another form there (the officers' request queue).
   */
  distributed?: boolean;
  close(): Promise<void>;
  /** The embedded database only: its data directory as a gzipped tarball (a backup, db/backup.ts). */
  dumpDataDir?: () => Promise<Blob>;
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
  config: Pick<Config, 'databaseUrl' | 'databaseInMemory' | 'dataDir' | 'databasePoolMax'> &
    Partial<Pick<Config, 'directDatabaseUrl' | 'databasePreparedStatements' | 'replica'>>,
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const prepared = config.databasePreparedStatements ?? true;
    const openPool = (url: string, max: number) => {
      const pool = new pg.Pool({ connectionString: url, max });
      // An idle connection the server closes (a restart, a failover, an administrator) is an 'error'
      // on the pool; unheard it would end the process. The pool drops that client and the next query
      // opens a new connection; queries in flight fail on their own and are answered as such.
      pool.on('error', () => undefined);
      // A connection lost while lent out but between queries (a transaction waiting on its code, when
      // the primary dies: issue 28's failover) is an 'error' on the client, which the pool does not
      // hear then: heard here, the client is no longer queryable, its next query fails and the pool
      // drops it on release instead of the process ending.
      pool.on('connect', (client) => client.on('error', () => undefined));
      if (prepared) pool.on('connect', prepareRepeatedStatements);
      return pool;
    };
    const pool = openPool(config.databaseUrl, config.databasePoolMax);
    const replicaPool = config.replica ? openPool(config.replica.url, config.databasePoolMax) : null;
    const monitor =
      replicaPool && config.replica
        ? replicaMonitor({
            primary: pool,
            replica: replicaPool,
            intervalMs: 250,
            maxLagMs: config.replica.maxLagMs,
          })
        : null;
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool:
          replicaPool && monitor
            ? (routingPool(pool, replicaPool, (after) => monitor.usable(after)) as unknown as pg.Pool)
            : pool,
      }),
    });
    // LISTEN needs a session: straight to PostgreSQL when the pool goes through PgBouncer.
    const direct = config.directDatabaseUrl ?? config.databaseUrl;
    const subscriptions = subscriptionSet();
    const listen = pgListeners(direct);
    return {
      db,
      engine: 'postgres',
      location: redactUrl(config.databaseUrl),
      listen: async (channel, onMessage, onState) =>
        subscriptions.track(await listen(channel, onMessage, onState)),
      session: async (work) => {
        if (!config.directDatabaseUrl) return work(db);
        const own = new Kysely<Database>({
          dialect: new PostgresDialect({ pool: openPool(config.directDatabaseUrl, 1) }),
        });
        try {
          return await work(own);
        } finally {
          await own.destroy();
        }
      },
      pools: () =>
        [{ name: 'primary', pool }, ...(replicaPool ? [{ name: 'replica', pool: replicaPool }] : [])].map(
          ({ name, pool: p }) => ({
            name,
            total: p.totalCount,
            idle: p.idleCount,
            waiting: p.waitingCount,
          }),
        ),
      replica: monitor,
      close: async () => {
        monitor?.stop();
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
  // `loadDataDir`: a backup restored into a new data directory (db/backup.ts).
  const pglite = await PGlite.create(
    location,
    options.loadDataDir ? { loadDataDir: options.loadDataDir } : {},
  );
  // PGlite is a single connection: one pooled client that is never recycled.
  const pool = new pg.Pool(Object.assign(createPgConfig(pglite), { max: 1, idleTimeoutMillis: 0 }));
  pool.on('connect', prepareRepeatedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const subscriptions = subscriptionSet();
  return {
    db,
    engine: 'pglite',
    location,
    session: (work) => work(db),
    pools: () => [
      { name: 'primary', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
    ],
    replica: null,
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
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
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
 * Every LISTEN of a handle on one dedicated PostgreSQL connection. A NOTIFY signals every
 * listening backend of the database, whatever channels it listens to (the channel is only matched
 * when the backend reads the queue), so each connection listening on a node costs a backend wake-up
 * at every session end: one connection per node for all channels instead of one per channel.
 * Reconnects with a growing delay (250 ms to 5 s) while anyone is subscribed; `onState(false)` tells
 * each subscriber when notifications may have been missed, `onState(true)` when its channel is
 * listened to again. The connection closes when the last subscriber leaves.
 */
function pgListeners(url: string) {
  interface Subscriber {
    channel: string;
    onMessage: (payload: string) => void;
    onState: (live: boolean) => void;
    live: boolean;
  }
  const subscribers = new Set<Subscriber>();
  /** The connected client, and the channels LISTENed on it. */
  let client: pg.Client | null = null;
  const listening = new Set<string>();
  let connecting: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let delay = 250;

  const setLive = (s: Subscriber, live: boolean) => {
    if (s.live === live) return;
    s.live = live;
    s.onState(live);
  };
  const retry = () => {
    if (timer || subscribers.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, 5000);
  };
  /** LISTENs each channel somebody waits for (also those subscribed meanwhile), then says so. */
  const listenAll = async (c: pg.Client) => {
    for (;;) {
      const missing = [...new Set([...subscribers].map((s) => s.channel))].filter((ch) => !listening.has(ch));
      if (!missing.length) break;
      for (const channel of missing) {
        await c.query(`LISTEN ${channel}`);
        listening.add(channel);
      }
    }
    if (client !== c) return;
    for (const s of subscribers) if (listening.has(s.channel)) setLive(s, true);
  };
  const disconnect = async () => {
    const c = client;
    client = null;
    listening.clear();
    await c?.end().catch(() => undefined);
  };
  const connect = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (connecting) return connecting;
    if (client) return Promise.resolve();
    connecting = (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => undefined);
      c.on('notification', (m) => {
        for (const s of subscribers) if (s.channel === m.channel) s.onMessage(m.payload ?? '');
      });
      c.on('end', () => {
        if (client !== c) return;
        client = null;
        listening.clear();
        for (const s of subscribers) setLive(s, false);
        retry();
      });
      try {
        await c.connect();
        client = c;
        await listenAll(c);
      } catch {
        if (client === c) await disconnect();
        else await c.end().catch(() => undefined);
        retry();
        return;
      }
      delay = 250;
      if (subscribers.size === 0) await disconnect();
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return async function listen(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (live: boolean) => void,
  ): Promise<() => Promise<void>> {
    if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
    const s: Subscriber = { channel, onMessage, onState, live: false };
    subscribers.add(s);
    // A connection being opened LISTENs this channel too; a lost one is retried on its timer.
    if (client && !connecting) await listenAll(client).catch(() => undefined);
    else if (!timer) await connect();
    return async () => {
      if (!subscribers.delete(s)) return;
      setLive(s, false);
      await connecting?.catch(() => undefined);
      if (subscribers.size === 0) {
        clearTimeout(timer);
        timer = undefined;
        await disconnect();
      } else if (client && ![...subscribers].some((o) => o.channel === channel)) {
        listening.delete(channel);
        await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
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
