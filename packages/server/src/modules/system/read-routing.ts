import type { FastifyInstance } from 'fastify';
import { allowReplica, lsnValue, withReadRoute } from '../../db/replica';
import type { Config } from '../../config';
import type { DatabaseHandle } from '../../db/database';
import { currentWalLsn } from './repository';

/**
 * The reads that may be answered from the streaming replica (issue 28 item 3): a person's history
 * (participation, benefits, visits, estimates, their PDFs), the card, and the look-up of one's own
 * BHXH code. GET only; everything else (sign-in, sessions, workflows, the audit trail the person
 * reads, the clinic gateway) reads the primary. The directories (agencies, clinics, units,
 * agents, places) are answered from each node's memory, reloaded when the primary announces a
 * change (modules/lookup/catalogs.ts): they stay on the primary, so that a reload never reads a
 * replica that has not replayed the change it was told of.
 */
const REPLICA_READS = [
  /^\/api\/v1\/me\/cards(\/|$)/,
  /^\/api\/v1\/officer\/cards\//,
  /^\/api\/v1\/(me|persons\/[^/]+)\/(participation|benefits|medical-visits|estimates)(\.pdf)?(\/|$)/,
  /^\/api\/v1\/lookup\/bhxh-code\/mine$/,
];

/** The cookie (browsers) and header (other clients) carrying "my last write is at LSN, until T". */
const READ_AFTER = 'vssid_read_after';
const READ_AFTER_HEADER = 'x-read-after';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const STAMP = /^([0-9A-F]{1,8}\/[0-9A-F]{1,8})@(\d{13})$/;

/**
 * Read-your-writes: after a successful write, the answer carries the primary's WAL position (a
 * cookie, and the `X-Read-After` header for clients without cookies, which send it back), valid
 * `readYourWritesMs`. While it is valid, that client's replica-eligible reads go to the replica only
 * once the replica has replayed past it, to the primary before. Every node reads the same stamp, so
 * it holds whichever node answers next. After the bound the replica answers whatever its lag
 * (itself bounded by `maxLagMs`, beyond which every read goes to the primary).
 */
export function registerReadRouting(
  app: FastifyInstance,
  database: DatabaseHandle,
  replica: NonNullable<Config['replica']>,
  secureCookies: boolean,
): void {
  app.addHook('onRequest', (_request, _reply, done) => {
    withReadRoute(done);
  });
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET') return;
    const path = request.url.split('?')[0] ?? '';
    if (!REPLICA_READS.some((r) => r.test(path))) return;
    const given = request.headers[READ_AFTER_HEADER];
    const stamp = STAMP.exec(
      (typeof given === 'string' ? given : undefined) ?? request.cookies[READ_AFTER] ?? '',
    );
    const after = stamp && Number(stamp[2]) > Date.now() ? lsnValue(stamp[1] ?? '0/0') : null;
    allowReplica(after);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!UNSAFE.has(request.method) || reply.statusCode >= 400) return payload;
    let lsn: string;
    try {
      lsn = await currentWalLsn(database.db);
    } catch (error) {
      // The write is done: its answer stands. Without a stamp, this client's next reads may lag by
      // up to REPLICA_MAX_LAG_MS.
      request.log.warn({ err: error }, 'read-your-writes: the WAL position could not be read');
      return payload;
    }
    const value = `${lsn}@${Date.now() + replica.readYourWritesMs}`;
    void reply.header(READ_AFTER_HEADER, value);
    void reply.setCookie(READ_AFTER, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: Math.ceil(replica.readYourWritesMs / 1000),
    });
    return payload;
  });
}
