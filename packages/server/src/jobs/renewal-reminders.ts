import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { formatVnDate, vietnamToday } from '@vssid/domain';
import { isLanguage, type Language } from '@vssid/domain/i18n';
import { shiftDay } from '@vssid/domain/working-days';
import type { Database } from '../db/schema';
import type { Translator } from '../i18n';
import { notify } from '../modules/notifications/inbox-service';
import { enqueueMessage } from '../modules/outbox/service';
import { type JobCluster, startPeriodicJob } from './periodic';
import { findHouseholdCardsEnding, findVoluntaryPeriodsEnding, type RenewalDue } from './repository';

/**
 * Renewal reminders (issue #26, item 4): before a paid voluntary BHXH period or a household BHYT
 * card ends, the person (and the guardian of a ward) gets an SMS through the outbox and a message in
 * the inbox, exactly once per period: both are written with an idempotency key naming the period
 * (`renew:voluntary:<period id>` / `renew:household:<card id>`), so a second pass, or a second node
 * running at the same time, writes nothing again. ASSUMPTION (the issue does not say how long
 * before): `REMINDER_DAYS` = 15 days before the last covered day, checked every six hours.
 */
const REMINDER_DAYS = 15;

interface RenewalJob {
  runOnce(today?: string): Promise<{ reminded: number }>;
  stop(): Promise<void>;
}

const languageOf = (v: string | null): Language => (v && isLanguage(v) ? v : 'vi');

async function sendRenewalReminders(
  db: Kysely<Database>,
  translator: Translator,
  today: string,
): Promise<{ reminded: number }> {
  const until = shiftDay(today, REMINDER_DAYS);
  const due: { kind: 'voluntary' | 'household'; row: RenewalDue }[] = [
    ...(await findVoluntaryPeriodsEnding(db, today, until)).map((row) => ({
      kind: 'voluntary' as const,
      row,
    })),
    ...(await findHouseholdCardsEnding(db, today, until)).map((row) => ({ kind: 'household' as const, row })),
  ];
  let reminded = 0;
  for (const { kind, row } of due) {
    const key = `renew:${kind}:${row.bhxh_code}:${row.id}`;
    const params: Record<string, string> =
      kind === 'voluntary'
        ? { toMonth: formatVnDate(row.ends_on).slice(3) }
        : { name: row.full_name, validTo: formatVnDate(row.ends_on) };
    const template = kind === 'voluntary' ? 'renewVoluntary' : 'renewHousehold';
    const sent = await db.transaction().execute(async (trx) => {
      const recipients = [
        { bhxhCode: row.bhxh_code, phone: row.phone, language: row.language, who: 'holder' },
        ...(row.guardian_bhxh_code
          ? [
              {
                bhxhCode: row.guardian_bhxh_code,
                phone: row.guardian_phone,
                language: row.guardian_language,
                who: 'guardian',
              },
            ]
          : []),
      ];
      let any = false;
      for (const r of recipients) {
        const inbox = await notify(
          trx,
          { bhxhCode: r.bhxhCode },
          { template: `services.${template}`, params, idempotencyKey: `${key}:${r.who}` },
        );
        const language = languageOf(r.language);
        const sms = r.phone
          ? await enqueueMessage(trx, {
              idempotency_key: `${key}:${r.who}:sms`,
              channel: 'sms',
              recipient: r.phone,
              template: `services.${template}`,
              language,
              payload: { text: translator.t(language, `messages:services.sms.${template}`, params) },
            })
          : false;
        any ||= inbox || sms;
      }
      return any;
    });
    if (sent) reminded++;
  }
  return { reminded };
}

export function startRenewalReminderJob(options: {
  db: Kysely<Database>;
  translator: Translator;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
}): RenewalJob {
  const pass = (today: string = vietnamToday()) =>
    sendRenewalReminders(options.db, options.translator, today);
  return startPeriodicJob(pass, {
    intervalMs: options.intervalMs,
    log: options.log,
    failure: 'renewal reminders failed',
    name: 'renewal-reminders',
    cluster: options.cluster,
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    renewalReminders: RenewalJob;
  }
}
