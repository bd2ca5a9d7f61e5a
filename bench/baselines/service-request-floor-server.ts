/**
 * Baseline `service request floor`: the least an online service request's submission must do
 * (issue #23), and nothing else, to see whether its budget (0.3 × the db baseline) can be reached
 * on this machine. Fastify reads the scenario's JSON body (the same requests); the person is the
 * access token's `bhxh` claim, read WITHOUT verifying the token; and ONE statement, one round trip in
 * its own implicit transaction, writes what the issue asks a submission to leave behind: the
 * request's number from its agency's yearly counter, its number and idempotency key claimed as
 * unique (the `unique_keys` look-up table of migration 0029, as the server does), the request row,
 * the first entry of its action log, the SMS in the outbox and the audit entry (chained by the
 * database's trigger).
 *
 * Left out, so the floor is if anything too generous: the token's verification and the session
 * check, the idempotency look-up before the write, the zod schema, the person's and the agency's
 * checks, the working-day clock (a constant due day), the e-mail, the inbox notification,
 * translation, the request log.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});

/** Everything of one submission in one statement. */
const SUBMIT = `
WITH counter AS (
  INSERT INTO service_request_sequences (agency_code, year, last_value) VALUES ($2::text, 2026, 1)
  ON CONFLICT (agency_code, year) DO UPDATE SET last_value = service_request_sequences.last_value + 1
  RETURNING 'DVC.' || $2::text || '.2026.' || lpad(last_value::text, greatest(6, length(last_value::text)), '0') AS number
), claimed AS (
  INSERT INTO unique_keys (value, scope, bhxh_code)
  SELECT $1::text || ':' || $5::text, 'service_requests.idempotency_key', $1::text
  UNION ALL SELECT counter.number, 'service_requests.number', $1::text FROM counter
  ON CONFLICT (value, scope) DO NOTHING
  RETURNING scope
), request AS (
  INSERT INTO service_requests (bhxh_code, id, number, type, agency_code, filed_by_bhxh_code, form, status,
                                working_days, running_since, due_on, idempotency_key)
  SELECT $1::text, $3::uuid, counter.number, 'bhxh_book_reissue', $2::text, $1::text,
         $4::jsonb, 'submitted', 10, current_date, current_date + 14, $1::text || ':' || $5::text
    FROM counter
   WHERE (SELECT count(*) FROM claimed) = 2
  RETURNING number
), logged AS (
  INSERT INTO service_request_actions (bhxh_code, request_id, seq, action, actor_type, actor_id)
  SELECT $1::text, $3::uuid, 1, 'submit', 'citizen', $1::text FROM request
), sms AS (
  INSERT INTO outbox (idempotency_key, channel, recipient, template, language, payload)
  SELECT 'floor:' || $3::uuid::text, 'sms', '0900000000', 'services.submitted', 'vi', '{}'::jsonb FROM request
), audited AS (
  INSERT INTO audit_log (actor_type, actor_id, subject_bhxh_code, action, target_type, target_id, details)
  SELECT 'citizen', $1::text, $1::text, 'service_request.submit', 'service_request', $3::uuid::text, '{}'::jsonb
    FROM request
)
SELECT number FROM request`;

/** The `bhxh` claim of a JWT's payload, not verified. */
function personOf(authorization: string | undefined): string {
  const payload = (authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { bhxh: string }).bhxh;
}

const app = Fastify({ logger: false });
app.post<{ Body: { form: Record<string, unknown>; agencyCode: string } }>(
  '/api/v1/me/service-requests',
  async (request, reply) => {
    const id = randomUUID();
    const { rows } = await pool.query<{ number: string }>(SUBMIT, [
      personOf(request.headers.authorization),
      request.body.agencyCode,
      id,
      JSON.stringify(request.body.form),
      // Its own keys: the server's run before it used the scenario's keys.
      `floor-${String(request.headers['idempotency-key'])}`,
    ]);
    // A key already claimed writes nothing (the server answers it from the stored request).
    return reply.code(rows.length ? 201 : 200).send({ id, number: rows[0]?.number, status: 'submitted' });
  },
);
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
