import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { LANGUAGES, type Language } from '@vssid/domain/i18n';
import type { EmailSender } from '../adapters/email';
import type { SmsSender } from '../adapters/sms';
import type { Database, OutboxChannel } from '../db/schema';
import { deliverDueMessages, type DeliveryReport, type OutboxRow } from '../modules/outbox/service';
import { type JobCluster, startPeriodicJob } from './periodic';

const SmsPayload = z.object({ text: z.string().min(1) });
const EmailPayload = z.object({
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().optional(),
  attachments: z
    .array(
      z.union([
        z.object({ filename: z.string(), contentType: z.string(), contentBase64: z.string() }),
        // A dossier's stored Form 01 PDF, by number and language (registration/form01-store.ts).
        z.object({
          filename: z.string(),
          contentType: z.string(),
          form01: z.object({ number: z.string(), language: z.enum(LANGUAGES) }),
        }),
      ]),
    )
    .optional(),
});

/**
 * Reads an attachment kept elsewhere (the Form 01 PDF of a dossier), through the delivery pass's
 * transaction `trx`; null when there is no such dossier.
 */
type Form01Reader = (number: string, language: Language, trx: Kysely<Database>) => Promise<Buffer | null>;

export interface OutboxWorker {
  /** One delivery pass (also what the timer runs). */
  runOnce(): Promise<DeliveryReport>;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox: every `pollMs`, the due messages go out through their channel's adapter.
 * A channel with no adapter configured (email without SMTP in production) keeps its messages queued, untouched; for SMS and email the worker says so once at start: they are not taken and failed
 * on every pass, which would count attempts for a configuration and read their payloads for
 * nothing (under a burst of registrations, every Form 01 attachment again and again).
 */
export function startOutboxWorker(options: {
  db: Kysely<Database>;
  sms: SmsSender | null;
  email: EmailSender | null;
  pollMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
  /** The Form 01 PDFs that declaration emails attach by reference. */
  form01?: Form01Reader;
  /** Web Push (issue 25): delivers one push message, through the pass's transaction. */
  push?: (message: OutboxRow, trx: Kysely<Database>) => Promise<void>;
}): OutboxWorker {
  const { sms, email, push } = options;
  const channels: OutboxChannel[] = [];
  if (sms) channels.push('sms');
  if (email) channels.push('email');
  if (push) channels.push('push');
  for (const channel of ['sms', 'email'] as const)
    if (!channels.includes(channel))
      options.log.warn({ channel }, 'no adapter configured for this channel: its messages stay queued');
  const deliver = async (message: OutboxRow, trx: Kysely<Database>) => {
    if (message.channel === 'sms' && sms) {
      const payload = SmsPayload.parse(message.payload);
      await sms.send({ to: message.recipient, text: payload.text, idempotencyKey: message.idempotency_key });
    } else if (message.channel === 'email' && email) {
      const { attachments, ...payload } = EmailPayload.parse(message.payload);
      const resolved = attachments
        ? await Promise.all(
            attachments.map(async (a) => {
              if ('contentBase64' in a) return a;
              const pdf = await options.form01?.(a.form01.number, a.form01.language, trx);
              // Thrown: the message stays queued and is retried (a dossier is never deleted).
              if (!pdf) throw new Error(`attachment of ${a.form01.number} not available`);
              return {
                filename: a.filename,
                contentType: a.contentType,
                contentBase64: pdf.toString('base64'),
              };
            }),
          )
        : undefined;
      await email.send({
        to: message.recipient,
        ...payload,
        ...(resolved ? { attachments: resolved } : {}),
        idempotencyKey: message.idempotency_key,
      });
    } else if (message.channel === 'push' && push) {
      await push(message, trx);
    } else {
      // Not taken by deliverDueMessages (see `channels`); here only if that ever changes.
      throw new Error(`no ${message.channel} adapter configured`);
    }
  };

  const job = startPeriodicJob(
    () =>
      deliverDueMessages(options.db, deliver, { channels }).then((report) => {
        if (report.failed) options.log.warn(report, 'outbox: some messages failed and will be retried');
        return report;
      }),
    {
      intervalMs: options.pollMs,
      log: options.log,
      failure: 'outbox delivery pass failed',
      name: 'outbox',
      cluster: options.cluster,
      exclusive: false,
    },
  );
  return {
    runOnce: () => job.runOnce(),
    async stop() {
      await job.stop();
      options.email?.close();
    },
  };
}
