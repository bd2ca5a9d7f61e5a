/**
 * Baseline `request queue floor`: the least an officer's first page of the online service requests
 * must do (issue #23), and nothing else, to see whether its budget (p95 50 ms under the scenario's
 * load) can be reached on this machine. The officer's agency is the access token's `agency`
 * claim, read WITHOUT verifying the token; the agencies it covers (itself and those below it) are
 * kept in memory after the first read, as the server does; ONE statement, one round trip, reads
 * the page (each agency's open requests in due order through the partial index, the first 20
 * merged, the person's name joined) and the total of open requests; the answer is the rows as
 * they come.
 *
 * Left out, so the floor is if anything too generous: the token's verification and the session
 * check, zod (query and answer), the SLA colours, translation, the request log.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});

const OPEN = ['submitted', 'received', 'waiting_for_citizen', 'supplemented'];

const SCOPE = `
WITH RECURSIVE tree AS (
  SELECT code FROM bhxh_agencies WHERE code = $1
  UNION ALL SELECT a.code FROM bhxh_agencies a JOIN tree t ON a.parent_code = t.code
) SELECT array_agg(code) AS codes FROM tree`;

const PAGE = `
SELECT (SELECT coalesce(json_agg(page), '[]') FROM (
          SELECT r.number, r.type, r.bhxh_code, p.full_name, r.agency_code, r.status, r.submitted_at,
                 r.due_on, r.running_since
            FROM unnest($1::text[]) AS a(code)
            CROSS JOIN LATERAL (
              SELECT * FROM service_requests s
               WHERE s.agency_code = a.code AND s.status = ANY($2::text[])
               ORDER BY s.due_on, s.submitted_at LIMIT 20) r
            JOIN persons p ON p.bhxh_code = r.bhxh_code
           ORDER BY r.due_on, r.submitted_at LIMIT 20) page) AS items,
       (SELECT count(*) FROM service_requests r
         WHERE r.agency_code = ANY($1::text[]) AND r.status = ANY($2::text[])) AS total`;

const scopes = new Map<string, Promise<string[]>>();
function scopeOf(agency: string): Promise<string[]> {
  let codes = scopes.get(agency);
  if (!codes) {
    codes = pool.query<{ codes: string[] }>(SCOPE, [agency]).then((r) => r.rows[0]?.codes ?? []);
    scopes.set(agency, codes);
  }
  return codes;
}

/** The `agency` claim of a JWT's payload, not verified. */
function agencyOf(authorization: string | undefined): string {
  const payload = (authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { agency: string }).agency;
}

const app = Fastify({ logger: false });
app.get('/api/v1/officer/service-requests', async (request) => {
  const scope = await scopeOf(agencyOf(request.headers.authorization));
  const { rows } = await pool.query<{ items: unknown[]; total: string }>(PAGE, [scope, OPEN]);
  return { total: Number(rows[0]?.total ?? 0), items: rows[0]?.items ?? [] };
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
