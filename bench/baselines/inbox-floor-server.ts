/**
 * Baseline `inbox floor`: the least the inbox's first page must do (issue #25), and nothing else,
 * to see whether its budget (p95 20 ms under the scenario's load) can be reached on this machine.
 * The account is the access token's subject, read WITHOUT verifying the token; ONE statement, one
 * round trip, reads the page (20 newest, keyset index, a news row shown only while its article is
 * published, its content joined) and the unread count (partial index); the answer is the rows as
 * they come.
 *
 * Left out, so the floor is if anything too generous: the token's verification and the session
 * check, zod (query and answer), the messages' translation and parameters, the cursor.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});

const INBOX = `
SELECT (SELECT coalesce(json_agg(page), '[]') FROM (
          SELECT n.id, n.kind, n.template, n.params, n.created_at, n.read_at, w.content AS news_content
            FROM notifications n LEFT JOIN news w ON w.id = n.news_id
           WHERE n.account_id = $1
             AND (n.news_id IS NULL OR EXISTS (SELECT 1 FROM news x WHERE x.id = n.news_id AND x.status = 'published'))
           ORDER BY n.created_at DESC, n.id DESC LIMIT 21) page) AS items,
       (SELECT count(*) FROM notifications n
         WHERE n.account_id = $1 AND n.read_at IS NULL
           AND (n.news_id IS NULL OR EXISTS (SELECT 1 FROM news x WHERE x.id = n.news_id AND x.status = 'published'))) AS unread`;

/** The subject of a JWT's payload, not verified. */
function accountOf(authorization: string | undefined): string {
  const payload = (authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string }).sub;
}

const app = Fastify({ logger: false });
app.get('/api/v1/me/notifications', async (request) => {
  const { rows } = await pool.query<{ items: unknown[]; unread: string }>(INBOX, [
    accountOf(request.headers.authorization),
  ]);
  return { items: (rows[0]?.items ?? []).slice(0, 20), unread: Number(rows[0]?.unread ?? 0) };
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
