import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { RequestType, ServiceRequestStatus } from '@vssid/domain/service-requests';
import { reusableQuery } from '../../db/reusable-query';
import type { Database } from '../../db/schema';

/**
 * The officers' queue of online service requests (issue 23): the requests of the scope's
 * agencies, soonest due first, with the person's name, and how many there are.
 */

interface RequestQueueFilter {
  scope: string[];
  /** On Citus: one UNION ALL branch per agency instead of the LATERAL join (see below). */
  distributed?: boolean;
  statuses: readonly ServiceRequestStatus[];
  type?: RequestType | undefined;
  /** Running requests due on this day (due_today) or before it (overdue). */
  due?: { on: string } | { before: string } | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** A row of the queue's page; from the one-statement path its times come as JSON text. */
interface QueueRowJson {
  number: string;
  type: RequestType;
  bhxh_code: string;
  full_name: string;
  agency_code: string;
  status: ServiceRequestStatus;
  submitted_at: Date | string;
  due_on: string;
  running_since: string | null;
}

const COLUMNS = [
  'r.number',
  'r.type',
  'r.bhxh_code',
  'p.full_name',
  'r.agency_code',
  'r.status',
  'r.submitted_at',
  'r.due_on',
  'r.running_since',
] as const;

/**
 * The scope's agency codes as an array the planner does not see into, `(SELECT $n::text[])`: each
 * custom plan of the page then costs the same whatever the scope, so PostgreSQL keeps the generic
 * plan of the named prepared statement after its five first calls. With the array in view, a
 * connection whose first calls had smaller scopes than the generic plan's guess (ten agencies)
 * re-planned the page on every call (0.36 ms; a sixth of the calls on the 1M bench).
 */
function scopeCodes(scope: string[]): RawBuilder<string[]> {
  return sql<string[]>`(SELECT ${sql.val(scope)}::text[])::text[]`;
}

/** What narrows the requests besides the scope; `type` and `day` may be reusableQuery's stand-ins. */
interface Narrowing {
  statuses: readonly ServiceRequestStatus[];
  type?: RequestType | undefined;
  due?: { kind: 'on' | 'before'; day: string } | undefined;
}

/**
 * The conditions of a narrowing on the requests under `alias`. The statuses are literals (the
 * domain's values, never the caller's text): the server's named prepared statements get a generic
 * plan after a few runs, and only literal statuses let that plan prove the partial index of the
 * open requests (migration 0023); with bound ones it sorted each agency's rows (64 ms against
 * 1.2 ms on the 1M bench).
 */
function conditions(alias: string, n: Narrowing): RawBuilder<boolean>[] {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const out = [sql<boolean>`${col('status')} IN (${sql.join(n.statuses.map((s) => sql.lit(s)))})`];
  if (n.type !== undefined) out.push(sql<boolean>`${col('type')} = ${n.type}`);
  if (n.due) {
    out.push(sql<boolean>`${col('running_since')} IS NOT NULL`);
    out.push(
      n.due.kind === 'on'
        ? sql<boolean>`${col('due_on')} = ${n.due.day}`
        : sql<boolean>`${col('due_on')} < ${n.due.day}`,
    );
  }
  return out;
}

/**
 * Each agency's requests in due order, the first `perAgency` of each: with the open statuses,
 * one range of the partial index (0023) per agency, so a province's queue is some tens of rows
 * read, not every open request of its offices sorted (a million-person nation: a seq scan of the
 * requests, 670 ms p95 under load).
 */
function firstOfAgency(
  db: Kysely<Database>,
  code: string | RawBuilder<string>,
  n: Narrowing,
  perAgency: number,
) {
  return conditions('s', n)
    .reduce(
      (q, c) => q.where(c),
      db.selectFrom('service_requests as s').selectAll('s').where('s.agency_code', '=', code),
    )
    .orderBy('s.due_on')
    .orderBy('s.submitted_at')
    .limit(sql.lit(perAgency));
}

/**
 * How many of each agency's first requests a page reads: at least `offset + limit`, rounded up to
 * 20 × 2^k. A literal, not a parameter: with `LIMIT $n` the generic plan of the named prepared
 * statement is costed as reading a tenth of each agency's rows, so PostgreSQL re-planned the page
 * on every call (0.36 ms of its 0.8 ms on the 1M bench); rounded, so that deep pages make a few
 * statement texts, not one per offset.
 */
function perAgencyRows(filter: Pick<RequestQueueFilter, 'limit' | 'offset'>): number {
  let rows = 20;
  while (rows < filter.offset + filter.limit) rows *= 2;
  return rows;
}

/**
 * How many requests of the scope a narrowing without a due day holds: the sum of their tallies
 * (migration 0032, moved with every request in its own transaction) — a few rows per agency
 * instead of counting a province's open requests on every page.
 */
function tallied(db: Kysely<Database>, scope: string[], n: Narrowing) {
  let q = db
    .selectFrom('service_request_tallies as t')
    .where(sql<boolean>`t.agency_code = ANY(${scopeCodes(scope)})`)
    .where(sql<boolean>`t.status IN (${sql.join(n.statuses.map((s) => sql.lit(s)))})`);
  if (n.type !== undefined) q = q.where(sql<boolean>`t.type = ${n.type}`);
  return q.select(sql<string>`coalesce(sum(t.n), 0)`.as('n'));
}

/** The requests of the scope counted one by one (a due day or a search: no tally holds them). */
function counted(db: Kysely<Database>, scope: string[], n: Narrowing) {
  return conditions('r', n).reduce(
    (q, c) => q.where(c),
    db.selectFrom('service_requests as r').where(sql<boolean>`r.agency_code = ANY(${scopeCodes(scope)})`),
  );
}

/**
 * The first page without a search text, on one node: one LATERAL join over the scope's codes (a
 * province: 15 agencies, planned in about 1 ms), and the page and the total in ONE statement: one
 * round trip and one pooled connection a page. Built and compiled once per shape (statuses, type
 * or not, due day or not, rows read per agency): the page is the officers' most frequent read.
 */
const onePage = reusableQuery(
  (
    db,
    shape: {
      statuses: readonly ServiceRequestStatus[];
      typed: boolean;
      due: 'on' | 'before' | null;
      perAgency: number;
    },
    v: {
      scope: string[];
      type: RequestType | undefined;
      day: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    const n: Narrowing = {
      statuses: shape.statuses,
      ...(shape.typed ? { type: v.type } : {}),
      ...(shape.due ? { due: { kind: shape.due, day: v.day as string } } : {}),
    };
    const page = db
      .selectFrom(sql<{ code: string }>`(SELECT unnest(${scopeCodes(v.scope)}) AS code)`.as('a'))
      .innerJoinLateral(
        () => firstOfAgency(db, sql.ref<string>('a.code'), n, shape.perAgency).as('r'),
        (join) => join.onTrue(),
      )
      .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
      .select(COLUMNS)
      .orderBy('r.due_on')
      .orderBy('r.submitted_at')
      .limit(v.limit)
      .offset(v.offset);
    const total = n.due
      ? counted(db, v.scope, n).select((e) => e.fn.countAll<string>().as('n'))
      : tallied(db, v.scope, n);
    return db.selectNoFrom((eb) => [
      eb
        .selectFrom(page.as('page'))
        .select(
          sql<QueueRowJson[] | null>`json_agg(page ORDER BY page.due_on, page.submitted_at)`.as('items'),
        )
        .as('items'),
      total.as('n'),
    ]);
  },
);

/** The officers' queue: requests of the scope's agencies, soonest due first, with the person's name. */
export async function findRequestQueue(db: Kysely<Database>, filter: RequestQueueFilter) {
  if (filter.scope.length === 0) return { rows: [], total: 0 };
  const n: Narrowing = {
    statuses: filter.statuses,
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.due
      ? {
          due:
            'on' in filter.due
              ? { kind: 'on', day: filter.due.on }
              : { kind: 'before', day: filter.due.before },
        }
      : {}),
  };
  const q = filter.q;
  if (!q && !filter.distributed) {
    const shape = {
      statuses: filter.statuses,
      typed: filter.type !== undefined,
      due: n.due?.kind ?? null,
      perAgency: perAgencyRows(filter),
    };
    const [one] = await onePage(db, shape, {
      scope: filter.scope,
      type: filter.type,
      day: n.due?.day,
      limit: filter.limit,
      offset: filter.offset,
    });
    return { rows: one?.items ?? [], total: Number(one?.n ?? 0) };
  }
  const page = q
    ? (() => {
        const matches = /^\d{10}$/.test(q)
          ? sql<boolean>`r.bhxh_code = ${q}`
          : q.startsWith('DVC.')
            ? sql<boolean>`r.number = ${q}`
            : sql<boolean>`lower(p.full_name) LIKE ${`%${q.toLocaleLowerCase('vi')}%`}`;
        return counted(db, filter.scope, n)
          .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
          .where(matches)
          .select(COLUMNS)
          .orderBy('r.due_on')
          .orderBy('r.submitted_at')
          .limit(filter.limit)
          .offset(filter.offset);
      })()
    : firstOfEach(db, filter.scope, n, filter);
  const total = q
    ? (() => {
        const base = counted(db, filter.scope, n);
        if (/^\d{10}$/.test(q)) return base.where('r.bhxh_code', '=', q);
        if (q.startsWith('DVC.')) return base.where('r.number', '=', q);
        // The total needs the persons only for a search by name.
        return base
          .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
          .where(sql<boolean>`lower(p.full_name) LIKE ${`%${q.toLocaleLowerCase('vi')}%`}`);
      })().select((eb) => eb.fn.countAll<string>().as('n'))
    : n.due
      ? counted(db, filter.scope, n).select((eb) => eb.fn.countAll<string>().as('n'))
      : tallied(db, filter.scope, n);
  const [rows, count] = await Promise.all([page.execute(), total.executeTakeFirstOrThrow()]);
  return { rows: rows as QueueRowJson[], total: Number(count.n) };
}

/**
 * On Citus: Citus cannot plan a LATERAL join with a LIMIT inside over a distributed table (issue
 * #28), so one UNION ALL branch per agency instead. PostgreSQL plans that about ten times slower
 * (a province's 15 branches: about 10 ms), so only on Citus.
 */
function firstOfEach(
  db: Kysely<Database>,
  scope: string[],
  n: Narrowing,
  filter: Pick<RequestQueueFilter, 'limit' | 'offset'>,
) {
  const [first, ...rest] = scope as [string, ...string[]];
  const branch = (code: string) =>
    db.selectFrom(firstOfAgency(db, code, n, perAgencyRows(filter)).as('b')).selectAll('b');
  const merged = rest.reduce((union, code) => union.unionAll(branch(code)), branch(first));
  return db
    .selectFrom(merged.as('r'))
    .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
    .select(COLUMNS)
    .orderBy('r.due_on')
    .orderBy('r.submitted_at')
    .limit(filter.limit)
    .offset(filter.offset);
}
