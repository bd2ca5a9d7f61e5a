/** Baseline `db`: Fastify doing one primary-key SELECT on the persons table through `pg`. */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});
const app = Fastify({ logger: false });
app.get<{ Params: { code: string } }>('/person/:code', async (request, reply) => {
  const { rows } = await pool.query('SELECT * FROM persons WHERE bhxh_code = $1', [request.params.code]);
  if (!rows[0]) return reply.status(404).send({ code: 'not_found' });
  return rows[0];
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
