import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createTranslator } from '../../i18n';
import { createPostgresTestDatabase, TEST_KEY_ENCRYPTION_KEY } from '../../testing/database';
import { payAtStandIn } from '../../testing/payments';
import { httpPaymentGateway } from './gateway';
import { createPaymentsModule } from './service';
import { startStandInGateway } from './stand-in-gateway';

/**
 * Issue #26 acceptance: "SIGKILL between the gateway's notification and our commit: the payment
 * is credited once after restart and the gateway's retry." The real server runs as a child
 * process (`testing/payment-server-child.ts`: `main.ts` plus a test-only purpose whose `onPaid`
 * writes an outbox row with a fresh key); the stand-in gateway runs in this process on its own
 * listener. To kill the server exactly between the notification and the commit, this test holds
 * the payment's row lock: the server's notification handler waits for it inside its transaction
 * (seen in `pg_stat_activity`), and then the server is SIGKILLed. PostgreSQL only (PGlite belongs
 * to one process, so no second process can hold the lock).
 */
const child = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../testing/payment-server-child.ts',
);
const TMN = 'CRASHTEST';
const SECRET = 'crash-test-merchant-secret-0123456789';
const PAYER = '0100000077';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-pay-crash-'));
const pgDb = await createPostgresTestDatabase();
const processes: ChildProcess[] = [];
afterAll(async () => {
  for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await pgDb.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(proc);
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('is running')) resolve(proc);
    });
    proc.once('exit', (code, signal) => {
      reject(new Error(`server exited (${code ?? signal}) before it ran:\n${out}\n${err}`));
    });
  });
}

describe('a SIGKILL between the gateway’s notification and our commit', () => {
  it(
    'leaves the payment pending, and the gateway’s retry after the restart credits it once',
    { timeout: 150_000 },
    async () => {
      const database = await openDatabase({
        databaseUrl: pgDb.url,
        databaseInMemory: false,
        dataDir,
        databasePoolMax: 2,
      });
      await migrate(database.db);
      await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender, province_code)
              VALUES (${PAYER}, 'Nguyễn Thị Thử', 1980, 'female', '01')`.execute(database.db);

      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const standIn = await startStandInGateway({
        merchant: { tmnCode: TMN, hashSecret: SECRET, ipnUrl: `${base}/api/v1/payments/vnpay/ipn` },
        translator: createTranslator(),
        retryDelaysMs: [1_000, 2_000, 3_000, 5_000, 5_000, 10_000, 10_000, 15_000, 15_000],
      });
      const env = {
        DATABASE_URL: pgDb.url,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: base,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SERVE_WEB: 'false',
        OUTBOX_POLL_MS: '0',
        KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY,
        PAYMENT_GATEWAY_URL: standIn.payUrl,
        PAYMENT_GATEWAY_API_URL: standIn.apiUrl,
        PAYMENT_TMN_CODE: TMN,
        PAYMENT_HASH_SECRET: SECRET,
      };
      const locker = new pg.Client({ connectionString: pgDb.url });
      try {
        const first = await startServer(env);

        // The payment, made as the server's own module makes it (same gateway account).
        const payments = createPaymentsModule({
          db: database.db,
          translator: createTranslator(),
          gateway: httpPaymentGateway({
            payUrl: standIn.payUrl,
            apiUrl: standIn.apiUrl,
            tmnCode: TMN,
            hashSecret: SECRET,
          }),
          publicUrl: base,
        });
        payments.registerPurpose({
          purpose: 'crash_test',
          isPayable: () => Promise.resolve(true),
          onPaid: () => Promise.resolve(),
        });
        const { paymentId, txnRef, payUrl } = await database.db.transaction().execute((trx) =>
          payments.createPayment(trx, {
            purpose: 'crash_test',
            referenceId: 'r1',
            bhxhCode: PAYER,
            amountVnd: 1_485_000,
            orderInfo: 'Gia hạn BHYT hộ gia đình',
            locale: 'vi',
            returnPath: '/',
          }),
        );

        // Hold the payment's row: the server's notification will wait for it inside its transaction.
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query('SELECT 1 FROM payments WHERE id = $1 FOR UPDATE', [paymentId]);
        await payAtStandIn(payUrl, 'success');
        await until(
          'the notification to wait for the row lock',
          async () =>
            (
              await locker.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
              )
            ).rows[0]?.n === 1,
          20_000,
        );
        const exited = new Promise((resolve) => first.once('exit', resolve));
        first.kill('SIGKILL');
        await exited;
        await locker.query('ROLLBACK');

        const state = async () =>
          (
            await sql<{ status: string; refund_due: boolean }>`SELECT status, refund_due FROM payments
            WHERE id = ${paymentId}`.execute(database.db)
          ).rows[0];
        // Nothing of the interrupted notification was committed.
        expect(await state()).toEqual({ status: 'pending', refund_due: false });
        const notes = async () =>
          (
            await sql<{ rsp_code: string }>`SELECT rsp_code FROM payment_notifications
            WHERE txn_ref = ${txnRef} ORDER BY id`.execute(database.db)
          ).rows.map((r) => r.rsp_code);
        expect(await notes()).toEqual([]);

        // Restart on the same database; the gateway retries until it is answered.
        const second = await startServer(env);
        await until(
          'the retried notification to credit the payment',
          async () => (await state())?.status === 'paid',
        );
        await standIn.idle();

        expect(await state()).toEqual({ status: 'paid', refund_due: false });
        expect(await notes()).toEqual(['00']);
        const counted = await sql<{ credited: number; messages: number }>`SELECT
          (SELECT count(*)::int FROM audit_log WHERE action = 'payment.credited' AND target_id = ${paymentId}) AS credited,
          (SELECT count(*)::int FROM outbox WHERE template = 'crash_test_paid') AS messages`.execute(
          database.db,
        );
        expect(counted.rows[0]).toEqual({ credited: 1, messages: 1 });
        expect(standIn.transactions()).toMatchObject([
          { txnRef, transactionStatus: '00', amountVnd: 1_485_000 },
        ]);

        const stopped = new Promise((resolve) => second.once('exit', resolve));
        second.kill('SIGTERM');
        await stopped;
      } finally {
        await locker.end().catch(() => undefined);
        await standIn.close();
        await database.close();
      }
    },
  );
});
