import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { enqueueMessage } from '../modules/outbox/service';
import { createTestDatabase, testConfig } from '../testing/database';
import { startSmtp } from '../testing/smtp';

/** A real HTTP SMS gateway on loopback that records what it receives and can be told to fail. */
async function startGateway() {
  const received: { headers: Record<string, unknown>; body: unknown }[] = [];
  let failNext = 0;
  const gateway = Fastify({ logger: false });
  gateway.post('/sms', async (request, reply) => {
    if (failNext > 0) {
      failNext--;
      return reply.status(503).send({ error: 'busy' });
    }
    received.push({ headers: request.headers, body: request.body });
    return { accepted: true };
  });
  await gateway.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}/sms`,
    received,
    failOnce: () => {
      failNext = 1;
    },
    close: () => gateway.close(),
  };
}

/** A real SMTP server on loopback that keeps the raw messages. */
let database: DatabaseHandle;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startGateway();
  smtp = await startSmtp();
});
afterAll(async () => {
  await gateway.close();
  await smtp.close();
  await database.close();
});

describe('outbox delivery', () => {
  it('sends SMS through the HTTP gateway with the idempotency key, and retries a failure later', async () => {
    const app = await buildApp(
      testConfig({ SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'secret-token' }),
      { database },
    );
    try {
      await enqueueMessage(app.database.db, {
        idempotency_key: 'otp:0912345678:1',
        channel: 'sms',
        recipient: '0912345678',
        template: 'otp',
        language: 'vi',
        payload: { text: 'Mã xác thực VssID của bạn là 123456.' },
      });
      gateway.failOnce();
      expect(await app.outbox.runOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(gateway.received).toHaveLength(0);
      await app.database.db
        .updateTable('outbox')
        .set({ available_at: new Date(Date.now() - 1000) })
        .execute();
      expect(await app.outbox.runOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(gateway.received).toEqual([
        {
          headers: expect.objectContaining({
            'idempotency-key': 'otp:0912345678:1',
            authorization: 'Bearer secret-token',
          }) as unknown,
          body: { to: '+84912345678', text: 'Mã xác thực VssID của bạn là 123456.', id: 'otp:0912345678:1' },
        },
      ]);
      expect(await app.outbox.runOnce()).toEqual({ delivered: 0, failed: 0 });
    } finally {
      await app.close();
    }
  });

  it('sends email through a real SMTP server, with a Message-ID made from the idempotency key', async () => {
    const app = await buildApp(testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'VssID <no-reply@vssid.test>' }), {
      database,
    });
    try {
      await enqueueMessage(app.database.db, {
        idempotency_key: 'dossier:00001.GD_2026_001:submitted',
        channel: 'email',
        recipient: 'an.nguyen@example.com',
        template: 'dossier-submitted',
        language: 'vi',
        payload: {
          subject: 'Tờ khai đăng ký giao dịch điện tử',
          text: 'Bạn đã nộp hồ sơ số 00001.GD_2026_001.',
        },
      });
      expect(await app.outbox.runOnce()).toMatchObject({ delivered: 1 });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]?.to).toEqual(['an.nguyen@example.com']);
      expect(smtp.mails[0]?.raw).toMatch(/Message-ID: <dossier_00001\.GD_2026_001_submitted@/i);
      expect(smtp.mails[0]?.raw).toMatch(/Subject: =\?UTF-8\?/);
    } finally {
      await app.close();
    }
  });

  it('keeps messages queued when no adapter is configured for their channel', async () => {
    const app = await buildApp(testConfig(), { database });
    try {
      await enqueueMessage(app.database.db, {
        idempotency_key: 'queued:1',
        channel: 'sms',
        recipient: '0987654321',
        template: 'otp',
        language: 'vi',
        payload: { text: 'x' },
      });
      // Not taken at all: no attempt counted for a configuration, nothing to retry.
      expect(await app.outbox.runOnce()).toEqual({ delivered: 0, failed: 0 });
      const row = await app.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('idempotency_key', '=', 'queued:1')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ delivered_at: null, attempts: 0, last_error: null });
    } finally {
      await app.close();
    }
  });
});

describe('development inbox', () => {
  it('lists the messages sent, newest first, by recipient, and delivers to itself', async () => {
    const app = await buildApp(testConfig({ DEMO: 'true', DEV_INBOX: 'true' }), { database });
    try {
      for (const n of [1, 2]) {
        await enqueueMessage(app.database.db, {
          idempotency_key: `inbox:${n}`,
          channel: 'sms',
          recipient: '0977000111',
          template: 'otp',
          language: 'vi',
          payload: { text: `Mã xác thực ${n}` },
        });
      }
      await app.outbox.runOnce();
      const res = await app.inject({ url: '/dev/inbox/messages?recipient=0977000111' });
      expect(res.statusCode).toBe(200);
      const { messages } = res.json<{
        messages: { payload: { text: string }; deliveredAt: string | null }[];
      }>();
      expect(messages.map((m) => m.payload.text)).toEqual(['Mã xác thực 2', 'Mã xác thực 1']);
      expect(messages.every((m) => m.deliveredAt !== null)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('does not exist unless enabled', async () => {
    const app = await buildApp(testConfig(), { database });
    try {
      expect((await app.inject({ url: '/dev/inbox/messages' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
