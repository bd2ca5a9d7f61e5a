import { vietnamToday } from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { type CardRow, findCardOf, findCardsOfPerson } from '../card';
import { readRecords } from '../records/data-access';
import { findVisits, type VisitRow } from './repository';

/**
 * The records FHIR exposes, read through the records data-access layer (records/data-access.ts):
 * the same rule as every records read (the person, the guardian of a minor, officers within
 * scope), and a guardian's or staff read audited as `records.fhir.read` with its purpose (the
 * `X-Purpose-Of-Use` header, required of staff). Whatever the caller may not see is 404.
 */
export interface FhirService {
  /** The person with their current card. */
  patient(ctx: CallContext, bhxhCode: string, purpose: string | undefined): Promise<CardRow>;
  /** One card of the person (undefined: no such card, after the read is audited). */
  coverage(
    ctx: CallContext,
    bhxhCode: string,
    cardId: string,
    purpose: string | undefined,
  ): Promise<CardRow | undefined>;
  /** The person's cards, newest first. */
  coverages(ctx: CallContext, bhxhCode: string, purpose: string | undefined): Promise<CardRow[]>;
  /** A page of the person's visits, newest first, and how many there are. */
  visits(
    ctx: CallContext,
    bhxhCode: string,
    page: { count: number; offset: number },
    purpose: string | undefined,
  ): Promise<{ rows: VisitRow[]; total: number }>;
}

const notFound = () => new AppError(404, 'not_found', 'card.notFound');

export function createFhirService(options: {
  db: Kysely<Database>;
  translator: Translator;
  now?: () => Date;
}): FhirService {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const deps = { db, translator: options.translator };
  // Staff without a purpose: 400 naming the header (records/access.ts), as on the REST routes.
  const request = (target: string, purpose: string | undefined) => ({
    target,
    purpose,
    purposeField: { in: 'headers', field: 'x-purpose-of-use' },
    today: vietnamToday(now()),
  });
  /** The person (404 when unknown). */
  const personOf = async (subject: string) => {
    const person = await findCardOf(db, subject);
    if (!person) throw notFound();
    return person;
  };

  return {
    patient: (ctx, bhxhCode, purpose) =>
      readRecords(deps, ctx, request(bhxhCode, purpose), 'fhir', (access) => personOf(access.subject)),
    coverage: (ctx, bhxhCode, cardId, purpose) =>
      readRecords(
        deps,
        ctx,
        request(bhxhCode, purpose),
        'fhir',
        async (access) => {
          await personOf(access.subject);
          return (await findCardsOfPerson(db, access.subject, cardId))[0];
        },
        () => ({ type: 'bhyt_card', id: cardId }),
      ),
    coverages: (ctx, bhxhCode, purpose) =>
      readRecords(deps, ctx, request(bhxhCode, purpose), 'fhir', async (access) => {
        const person = await personOf(access.subject);
        return person.card_id === null ? [] : findCardsOfPerson(db, access.subject);
      }),
    visits: (ctx, bhxhCode, page, purpose) =>
      readRecords(deps, ctx, request(bhxhCode, purpose), 'fhir', async (access) => {
        await personOf(access.subject);
        return findVisits(db, access.subject, page);
      }),
  };
}
