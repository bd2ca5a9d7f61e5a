import type { Kysely } from 'kysely';
import { fundShare, isBenefitLevel, vietnamToday } from '@vssid/domain';
import type { RecordsBeside } from '@vssid/domain/api/services';
import type { CardStatus } from '@vssid/domain/api/card';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { type CardRow, cardStatus, cardValidTo, findCardsOfPerson } from '../card';
import { readRecords } from '../records/data-access';
import { benefits, participation } from '../records/service';
import { findOpenDossiersOf, findOpenRequestsOf, type RequestRow } from './repository';

/**
 * The person's records an officer sees beside a request (issue 23 item 6): one read through the
 * records' data-access layer, which decides whether the officer may read them (their province, or
 * the open request their agency decides: `basis`) and writes the audit entry the person sees
 * ("who viewed my data": `records.overview.read`, purpose `services.review`, naming the request).
 * Null when the officer's agency may not read them (a decided request of a person who lives in
 * another province): the page shows the request without them.
 */

/** How many of the newest participation periods the page shows. */
const LAST_PERIODS = 5;
const IN_FORCE: ReadonlySet<CardStatus> = new Set(['valid', 'expiring_soon', 'not_yet_valid']);

export async function readRecordsBeside(
  deps: { db: Kysely<Database>; translator: Translator },
  ctx: CallContext,
  request: Pick<RequestRow, 'bhxh_code' | 'number'>,
  now: Date,
): Promise<RecordsBeside | null> {
  const today = vietnamToday(now);
  try {
    return await readRecords(
      deps,
      ctx,
      {
        target: request.bhxh_code,
        purpose: 'services.review',
        today,
        basis: { serviceRequest: request.number },
      },
      'overview',
      async ({ subject }) => {
        const [cardRows, history, paid, requests, dossiers] = await Promise.all([
          findCardsOfPerson(deps.db, subject),
          participation(deps.db, subject),
          benefits(deps.db, subject),
          findOpenRequestsOf(deps.db, subject, request.number),
          findOpenDossiersOf(deps.db, subject),
        ]);
        return {
          cards: currentCards(cardRows, today),
          participation: {
            bhxhCombined: history.summary.bhxhCombined,
            schemes: history.summary.schemes.map((s) => ({
              scheme: s.scheme,
              months: s.months,
              owedMonths: s.owedMonths,
              firstMonth: s.firstMonth,
              lastMonth: s.lastMonth,
            })),
            lastPeriods: [...history.periods]
              .sort((a, b) => compare(b.toMonth, a.toMonth) || compare(b.fromMonth, a.fromMonth))
              .slice(0, LAST_PERIODS)
              .map((p) => ({
                scheme: p.scheme,
                fromMonth: p.fromMonth,
                toMonth: p.toMonth,
                unitName: p.unitName,
                salary: p.salary,
                status: p.status,
              })),
          },
          benefits: paymentsOf(paid, today),
          openRequests: requests.map((r) => ({
            number: r.number,
            type: r.type,
            status: r.status,
            dueOn: r.due_on,
          })),
          openDossiers: dossiers.map((d) => ({
            number: d.number,
            status: d.status,
            agencyCode: d.agency_code,
            submittedAt: new Date(d.submitted_at).toISOString(),
          })),
        };
      },
      () => ({ type: 'service_request', id: request.number }),
    );
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The cards in force or not yet valid; without one, the newest card that was not replaced. */
function currentCards(rows: readonly CardRow[], today: string): RecordsBeside['cards'] {
  const cards = rows.flatMap((row) => {
    if (!row.card_number || !row.object_code || !row.valid_from || row.card_status === 'replaced') return [];
    const level = isBenefitLevel(row.benefit_level) ? row.benefit_level : 4;
    // A change of initial clinic approved for the next period: the new clinic from its day on.
    const switched =
      row.next_clinic_code !== null && row.next_clinic_from !== null && row.next_clinic_from <= today;
    const clinic = switched
      ? { code: row.next_clinic_code, name: row.next_clinic_name }
      : { code: row.clinic_code, name: row.clinic_name };
    return [
      {
        cardNumber: row.card_number,
        objectCode: row.object_code,
        benefitLevel: level,
        fundPercent: fundShare(level).percent,
        clinic: clinic.code && clinic.name ? { code: clinic.code, name: clinic.name } : null,
        nextClinic:
          !switched && row.next_clinic_code && row.next_clinic_name && row.next_clinic_from
            ? { code: row.next_clinic_code, name: row.next_clinic_name, from: row.next_clinic_from }
            : null,
        validFrom: row.valid_from,
        validTo: cardValidTo(row),
        status: cardStatus(row, today),
      },
    ];
  });
  const inForce = cards.filter((c) => IN_FORCE.has(c.status));
  return inForce.length ? inForce : cards.slice(0, 1);
}

/** The monthly benefits now paid, and the payment arrangement in effect today and the next one. */
function paymentsOf(paid: Awaited<ReturnType<typeof benefits>>, today: string): RecordsBeside['benefits'] {
  // Every monthly benefit carries the person's arrangements, newest first.
  const arrangements = paid.monthly[0]?.arrangements ?? [];
  return {
    monthly: paid.monthly.map((m) => ({
      kind: m.kind,
      monthlyAmount: m.monthlyAmount,
      decisionNumber: m.decisionNumber,
      fromMonth: m.fromMonth,
      toMonth: m.toMonth,
      pendingMonths: m.pendingMonths,
    })),
    arrangement: arrangements.find((a) => a.effectiveFrom <= today) ?? null,
    nextArrangement: arrangements.findLast((a) => a.effectiveFrom > today) ?? null,
  };
}
