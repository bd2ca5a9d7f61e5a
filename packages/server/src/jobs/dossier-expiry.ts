import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { LANGUAGES, type Language } from '@vssid/domain/i18n';
import type { Database } from '../db/schema';
import { AppError } from '../http/problem';
import type { Translator } from '../i18n';
import { appendAction } from '../modules/registration/dossiers';
import { findOverdueDossiers, listDossierActions } from '../modules/registration/repository';
import { enqueueMessage } from '../modules/outbox/service';
import { type JobCluster, startPeriodicJob } from './periodic';

interface DossierExpiryJob {
  /** One pass: expires every submitted dossier whose paper-form deadline is at or before `now`. */
  runOnce(now?: Date): Promise<{ expired: number }>;
  stop(): Promise<void>;
}

/**
 * After 10 days without the signed paper form, a submitted dossier expires (seed: "Sau 10 ngày…
 * hồ sơ sẽ bị hủy"). Every `intervalMs` (0: never; tests call `runOnce`), each overdue dossier gets
 * an `expire` action by the system and an SMS to the person (or the guardian), in one transaction
 * per dossier. Idempotent: the workflow refuses a second `expire` (the status is final), and the SMS
 * has a per-dossier idempotency key; two nodes running the job at once serialize on the row lock.
 */
export function startDossierExpiryJob(options: {
  db: Kysely<Database>;
  translator: Translator;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
  batch?: number;
}): DossierExpiryJob {
  const batch = options.batch ?? 200;
  const expireOne = async (dossier: Awaited<ReturnType<typeof findOverdueDossiers>>[number]) =>
    options.db.transaction().execute(async (trx) => {
      const { dossier: expired } = await appendAction(trx, dossier, 'expire', {
        type: 'system',
        id: 'dossier-expiry',
      });
      const declared = expired.declared as { phone?: unknown; guardianPhone?: unknown };
      const phone =
        typeof declared.phone === 'string'
          ? declared.phone
          : typeof declared.guardianPhone === 'string'
            ? declared.guardianPhone
            : null;
      const log = await listDossierActions(trx, expired.bhxh_code, expired.id);
      const asked = (log.find((a) => a.action === 'submit')?.details as { language?: unknown } | undefined)
        ?.language;
      const language: Language = LANGUAGES.includes(asked as Language) ? (asked as Language) : 'vi';
      if (phone)
        await enqueueMessage(trx, {
          idempotency_key: `registration.expired:${expired.id}:sms`,
          channel: 'sms',
          recipient: phone,
          template: 'registration.sms.expired',
          language,
          payload: {
            text: options.translator.t(language, 'messages:registration.sms.expired', {
              number: expired.number,
            }),
          },
        });
    });

  return startPeriodicJob(
    async (now: Date = new Date()) => {
      let expired = 0;
      for (;;) {
        const due = await findOverdueDossiers(options.db, now, batch);
        let progressed = 0;
        for (const dossier of due) {
          try {
            await expireOne(dossier);
            expired++;
            progressed++;
          } catch (error) {
            // Someone acted first (paper recorded, rejected, another node expired it): nothing to do.
            if (error instanceof AppError && error.code === 'action_not_allowed') continue;
            throw error;
          }
        }
        if (due.length < batch || progressed === 0) break;
      }
      if (expired) options.log.info({ expired }, 'registration dossiers expired');
      return { expired };
    },
    {
      intervalMs: options.intervalMs,
      log: options.log,
      failure: 'dossier expiry pass failed',
      name: 'dossier-expiry',
      cluster: options.cluster,
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The registration dossiers' expiry job (tests call `runOnce`). */
    dossierExpiry: DossierExpiryJob;
  }
}
