import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { EmailSender } from '../adapters/email';
import type { SmsSender } from '../adapters/sms';
import type { Database } from '../db/schema';
import { deliverDueMessages, type DeliveryReport, type OutboxRow } from '../modules/outbox/service';
import { startPeriodicJob } from './periodic';

const SmsPayload = z.object({ text: z.string().min(1) });
const EmailPayload = z.object({
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().optional(),
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), contentBase64: z.string() }))
    .optional(),
});

export interface OutboxWorker {
  /** One delivery pass (also what the timer runs). */
  runOnce(): Promise<DeliveryReport>;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox: every `pollMs`, the due messages go out through their channel's adapter.
 * A channel with no adapter configured keeps its messages queued (and says so once).
 */
export function startOutboxWorker(options: {
  db: Kysely<Database>;
  sms: SmsSender | null;
  email: EmailSender | null;
  pollMs: number;
  log: FastifyBaseLogger;
}): OutboxWorker {
  const warned = new Set<string>();
  const deliver = async (message: OutboxRow) => {
    switch (message.channel) {
      case 'sms': {
        if (!options.sms) throw unavailable('sms');
        const payload = SmsPayload.parse(message.payload);
        await options.sms.send({
          to: message.recipient,
          text: payload.text,
          idempotencyKey: message.idempotency_key,
        });
        return;
      }
      case 'email': {
        if (!options.email) throw unavailable('email');
        const payload = EmailPayload.parse(message.payload);
        await options.email.send({
          to: message.recipient,
          ...payload,
          idempotencyKey: message.idempotency_key,
        });
        return;
      }
      case 'push':
        throw unavailable('push');
    }
  };
  const unavailable = (channel: string) => {
    if (!warned.has(channel)) {
      warned.add(channel);
      options.log.warn({ channel }, 'no adapter configured for this channel: its messages stay queued');
    }
    return new Error(`no ${channel} adapter configured`);
  };

  const job = startPeriodicJob(
    () =>
      deliverDueMessages(options.db, deliver).then((report) => {
        if (report.failed) options.log.warn(report, 'outbox: some messages failed and will be retried');
        return report;
      }),
    { intervalMs: options.pollMs, log: options.log, failure: 'outbox delivery pass failed' },
  );
  return {
    runOnce: () => job.runOnce(),
    async stop() {
      await job.stop();
      options.email?.close();
    },
  };
}
