import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/**
 * Reads on a streaming replica (issue 28 item 3), chosen per request and per statement.
 *
 * The application keeps one Kysely instance. Its pool is `routingPool`: a connection handed to
 * Kysely is taken from the primary's pool, except that a lone `SELECT` (not `FOR UPDATE`/`SHARE`,
 * outside a transaction) run during a request that `allowReplica` marked goes to the replica's pool.
 * Writes, transactions, raw statements other than a plain SELECT and every request not marked stay
 * on the primary, so no module has to know where its reads go, and a write in a marked request
 * (an audit entry) still lands on the primary.
 */

/**
 * Per request: whether its plain reads may go to the replica (set once its caller is known), and
 * the primary's WAL position after the caller's last write, which the replica must have replayed.
 */
interface ReadRoute {
  replica: boolean;
  after: bigint | null;
}

const routes = new AsyncLocalStorage<ReadRoute>();

/** Runs `next` (the rest of the request) with a route that starts on the primary. */
export function withReadRoute(next: () => void): void {
  routes.run({ replica: false, after: null }, next);
}

/**
 * Lets the current request's plain reads go to the replica once it has replayed `after` (the
 * position after the caller's last write; null: no recent write).
 */
export function allowReplica(after: bigint | null): void {
  const route = routes.getStore();
  if (!route) return;
  route.replica = true;
  route.after = after;
}

const PLAIN_SELECT = /^\s*select\b/i;
const LOCKING = /\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i;

/** Whether a statement only reads (a SELECT without row locks). */
export function onlyReads(text: string): boolean {
  return PLAIN_SELECT.test(text) && !LOCKING.test(text);
}

type QueryArgs = [config: unknown, values?: unknown, callback?: unknown];

/**
 * A pool of lazy clients: each one binds to a primary connection at its first statement, unless
 * that statement only reads and the request allows the replica, in which case that statement
 * alone runs on a replica connection. `replicaUsable` says whether the replica is fresh enough
 * (lag, read-your-writes) at that moment.
 */
export function routingPool(
  primary: pg.Pool,
  replica: pg.Pool,
  replicaUsable: (after: bigint | null) => boolean,
) {
  const connect = () => {
    let bound: pg.PoolClient | null = null;
    let binding: Promise<pg.PoolClient> | null = null;
    const bind = () => (binding ??= primary.connect().then((c) => (bound = c)));
    const client = {
      async query(...args: QueryArgs) {
        const [config, values] = args;
        const route = routes.getStore();
        if (
          !binding &&
          route?.replica === true &&
          typeof config === 'string' &&
          onlyReads(config) &&
          replicaUsable(route.after)
        ) {
          const r = await replica.connect();
          try {
            return await r.query(config, values as unknown[]);
          } finally {
            r.release();
          }
        }
        const c = await bind();
        return (c.query as (...a: unknown[]) => unknown)(...args);
      },
      release(destroy?: boolean) {
        const c = bound;
        if (c) c.release(destroy);
        else
          void binding?.then(
            (late) => {
              late.release(destroy);
            },
            () => undefined,
          );
      },
    };
    return Promise.resolve(client);
  };
  return {
    connect,
    end: async () => {
      await Promise.all([primary.end(), replica.end()]);
    },
  };
}

/** An LSN (`16/B374D848`) as a number, for comparisons. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high ?? '0'}`) << 32n) | BigInt(`0x${low ?? '0'}`);
}

/** What the monitor last measured of the replica. */
interface ReplicaLag {
  /** Bytes of WAL the primary has written that the replica has not replayed yet. */
  bytes: number;
  /** How long ago the primary stood where the replica stands now (0: caught up). */
  ms: number;
  /** The replica's replay position. */
  replayed: bigint;
  /** When this was measured (epoch ms); a replica not measured for 2 s is not used. */
  at: number;
}

/**
 * Measures the replica's lag every `intervalMs`: the primary's WAL position and the replica's
 * replay position. Time lag: the primary's positions are remembered with the time they were seen
 * (the last minute of them), and the lag is the age of the oldest one the replica has not reached.
 * `usable(after)`: the replica was measured lately, lags at most `maxLagMs`, and has replayed
 * `after`.
 */
export function replicaMonitor(options: {
  primary: pg.Pool;
  replica: pg.Pool;
  intervalMs: number;
  maxLagMs: number;
}) {
  const seen: { lsn: bigint; at: number }[] = [];
  let lag: ReplicaLag | null = null;
  let running = false;
  const measure = async () => {
    if (running) return;
    running = true;
    try {
      const p = await options.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const r = await options.replica.query<{ lsn: string | null }>(
        'SELECT pg_last_wal_replay_lsn()::text AS lsn',
      );
      const now = Date.now();
      const primaryLsn = lsnValue(p.rows[0]?.lsn ?? '0/0');
      const replayLsn = r.rows[0]?.lsn;
      // Not a replica (promoted, or a primary named by mistake): no replay position.
      if (!replayLsn) {
        lag = null;
        return;
      }
      const replayed = lsnValue(replayLsn);
      const last = seen.at(-1);
      if (!last || last.lsn < primaryLsn) seen.push({ lsn: primaryLsn, at: now });
      for (let first = seen[0]; first && (first.lsn <= replayed || now - first.at > 60_000); first = seen[0])
        seen.shift();
      const behind = primaryLsn > replayed ? primaryLsn - replayed : 0n;
      lag = {
        bytes: Number(behind),
        // Every position seen in the last minute is ahead of the replica: a minute or more.
        ms: behind === 0n ? 0 : seen[0] ? now - seen[0].at : 60_000,
        replayed,
        at: now,
      };
    } catch {
      lag = null;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void measure(), options.intervalMs);
  timer.unref();
  void measure();
  return {
    lag: () => lag,
    usable(after: bigint | null): boolean {
      const l = lag;
      if (!l || Date.now() - l.at > 2000 || l.ms > options.maxLagMs) return false;
      return after === null || l.replayed >= after;
    },
    stop: () => {
      clearInterval(timer);
    },
  };
}
export type ReplicaMonitor = ReturnType<typeof replicaMonitor>;
