import {
  type BenefitLevel,
  type CardHolder,
  type CardStatus,
  type CardView,
  cardEndDate,
  dateOfBirthOf,
  encodeBhytQr,
  findUnit2025,
  fundShare,
  isBenefitLevel,
  isMinor,
  parameterAt,
  unitAddress,
  vietnamToday,
} from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { type CallContext, signedIn } from '../../context';
import type { Translator } from '../../i18n';
import type { RecordsAccess } from '../records/access';
import { readRecords } from '../records/data-access';
import { type CardRow, findCardOf, findCardsOfFamily } from './repository';
import type { ShcIssuer } from './signer';

export type { CardHolder, CardView };

/** A card expiring within this many days is "expiring soon" (assumption: one month's notice). */
const EXPIRING_SOON_DAYS = 30;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last day the card is in force: as recorded, except that a TE card ends when the law says
 * (`cardEndDate`: at 72 months, or 30 September of that year), even when it was recorded with a
 * later date (issue #19).
 */
export function cardValidTo(
  row: Pick<CardRow, 'object_code' | 'valid_to' | 'birth_date' | 'birth_year'>,
): string | null {
  return cardEndDate({
    objectCode: row.object_code,
    validTo: row.valid_to,
    dateOfBirth: row.birth_date ?? String(row.birth_year),
  });
}

export function cardStatus(row: CardRow, today: string): CardStatus {
  if (row.card_status === 'replaced' || row.card_status === 'revoked' || row.card_status === 'suspended')
    return row.card_status;
  // A card reported reduced (migration 0018) is not in force: shown as suspended.
  if (row.card_status === 'reduced') return 'suspended';
  if (row.valid_from && row.valid_from > today) return 'not_yet_valid';
  const validTo = cardValidTo(row);
  if (validTo && validTo < today) return 'expired';
  if (validTo && validTo <= addDays(today, EXPIRING_SOON_DAYS)) return 'expiring_soon';
  return 'valid';
}

export function addressOf(row: CardRow): string | null {
  const unitCode = row.commune_code ?? row.province_code;
  const unit = unitCode ? findUnit2025(unitCode) : undefined;
  const parts = [row.address_line, unit ? unitAddress(unit) : null].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length ? parts.join(', ') : null;
}

export interface CardService {
  /** The caller's card and those of the minors whose guardian they are (their reads audited). */
  listMine(ctx: CallContext): Promise<CardView[]>;
  /** One person's card for a citizen: their own or their minor child's; anything else 404. */
  readForCitizen(ctx: CallContext, bhxhCode: string): Promise<CardView>;
  /** One person's card for an officer within their agency's scope, audited; anything else 404. */
  readForStaff(ctx: CallContext, bhxhCode: string, purpose: string): Promise<CardView>;
  toView(row: CardRow, relation: CardHolder['relation']): Promise<CardView>;
}

const notFound = () => new AppError(404, 'not_found', 'card.notFound');

/**
 * Who may read a card is the records module's one rule, and every read goes through its
 * data-access layer (records/data-access.ts, `readRecords`): the person; the guardian of a minor;
 * officers and agency admins within their agency's scope, with a purpose. Guardians' and staff
 * reads are audited there (`records.card.read`), the person's own are not. Clinics check cards
 * through the QR codes and employers not at all: everything else is 404, as for a person who
 * does not exist. The person's own read takes one statement (the rule needs no query for it).
 */
export function createCardService(options: {
  db: Kysely<Database>;
  issuer: ShcIssuer;
  translator: Translator;
  now?: () => Date;
}): CardService {
  const { db, issuer, translator } = options;
  const deps = { db, translator };
  const now = options.now ?? (() => new Date());

  const toView = async (row: CardRow, relation: CardHolder['relation']): Promise<CardView> => {
    const at = now();
    const today = vietnamToday(at);
    const holder: CardHolder = {
      bhxhCode: row.bhxh_code,
      fullName: row.full_name,
      dateOfBirth: row.birth_date ?? String(row.birth_year),
      gender: row.gender,
      relation,
    };
    if (
      row.card_id === null ||
      row.card_number === null ||
      row.object_code === null ||
      row.valid_from === null ||
      row.issued_on === null
    )
      return { holder, card: null, retrievedAt: at.toISOString() };
    const level: BenefitLevel = isBenefitLevel(row.benefit_level) ? row.benefit_level : 4;
    const share = fundShare(level);
    const baseSalary = parameterAt('baseSalary', today);
    const status = cardStatus(row, today);
    const validTo = cardValidTo(row);
    const inForce = status === 'valid' || status === 'expiring_soon';
    const fiveYearReached = row.five_year_date !== null && row.five_year_date <= today;
    // A change of initial clinic approved for the next period (issue #23): the new clinic from its day.
    const switched =
      row.next_clinic_code !== null && row.next_clinic_from !== null && row.next_clinic_from <= today;
    const clinic = switched
      ? { code: row.next_clinic_code, name: row.next_clinic_name, address: row.next_clinic_address }
      : { code: row.clinic_code, name: row.clinic_name, address: row.clinic_address };
    const nextClinic =
      !switched && row.next_clinic_code && row.next_clinic_name && row.next_clinic_from
        ? {
            code: row.next_clinic_code,
            name: row.next_clinic_name,
            address: row.next_clinic_address ?? '',
            from: row.next_clinic_from,
          }
        : null;
    const officialQr = encodeBhytQr({
      cardNumber: row.card_number,
      fullName: row.full_name,
      dateOfBirth: holder.dateOfBirth,
      gender: row.gender,
      address: addressOf(row),
      registeredClinicCode: clinic.code,
      validFrom: row.valid_from,
      validTo,
      issuedOn: row.issued_on,
      // The management code (mã quản lý) is not in our records: left empty, as the format allows.
      managementCode: null,
      // The guardian's name is printed on a minor's card.
      guardianName: isMinor(dateOfBirthOf(row), today) ? row.guardian_name : null,
      fiveYearDate: row.five_year_date,
      issuingPlace: row.agency_name,
    });
    const credential = inForce
      ? await issuer.credentialFor(`${row.bhxh_code}:${row.card_id}`, {
          bhxhCode: row.bhxh_code,
          fullName: row.full_name,
          dateOfBirth: holder.dateOfBirth,
          gender: row.gender,
          cardNumber: row.card_number,
          objectCode: row.object_code,
          benefitLevel: level,
          registeredClinicCode: clinic.code,
          validFrom: row.valid_from,
          validTo,
          issuingAgencyName: row.agency_name ?? '',
          status: 'active',
        })
      : null;
    return {
      holder,
      card: {
        id: row.card_id,
        cardNumber: row.card_number,
        objectCode: row.object_code,
        benefitLevel: level,
        benefit: {
          fundPercent: share.percent,
          capOnTechnicalServices: share.capOnTechnicalServices,
          includesOutOfScopeCosts: share.includesOutOfScopeCosts,
          smallVisitFullyPaidBelowVnd: share.fullForSmallVisitsAndCommuneCare
            ? Math.round((baseSalary * parameterAt('bhytSmallVisitBpOfBase', today)) / 10_000)
            : null,
          baseSalaryVnd: baseSalary,
          fiveYearCapVnd:
            share.percent < 100 ? baseSalary * parameterAt('bhytFiveYearCapMonthsOfBase', today) : null,
          fiveYearReached,
        },
        registeredClinic:
          clinic.code && clinic.name
            ? { code: clinic.code, name: clinic.name, address: clinic.address ?? '' }
            : null,
        nextClinic,
        validFrom: row.valid_from,
        validTo,
        fiveYearDate: row.five_year_date,
        issuedOn: row.issued_on,
        issuingAgency: row.agency_code ? { code: row.agency_code, name: row.agency_name ?? '' } : null,
        status,
        officialQr,
        credential,
      },
      retrievedAt: at.toISOString(),
    };
  };

  const relationOf = (access: RecordsAccess): CardHolder['relation'] =>
    access.via === 'self' ? 'self' : access.via === 'guardian' ? 'child' : 'staff';
  const cardTarget = ({ row }: { row: CardRow }) =>
    row.card_id ? { type: 'bhyt_card', id: row.card_id } : undefined;

  const read = async (ctx: CallContext, bhxhCode: string, purpose: string | undefined): Promise<CardView> => {
    const { row, relation } = await readRecords(
      deps,
      ctx,
      { target: bhxhCode, purpose, today: vietnamToday(now()) },
      'card',
      async (access) => {
        const row = await findCardOf(db, access.subject);
        if (!row) throw notFound();
        return { row, relation: relationOf(access) };
      },
      cardTarget,
    );
    return toView(row, relation);
  };

  return {
    toView,
    async listMine(ctx) {
      const principal = signedIn(ctx);
      if (principal.role !== 'citizen' || !principal.bhxhCode) throw notFound();
      const today = vietnamToday(now());
      const rows = await findCardsOfFamily(db, principal.bhxhCode);
      const views: CardView[] = [];
      for (const row of rows) {
        if (row.bhxh_code === principal.bhxhCode) {
          views.push(await toView(row, 'self'));
          continue;
        }
        if (!isMinor(dateOfBirthOf(row), today)) continue;
        // The child's card, by the same rule as any other read, and audited as a guardian's read.
        const child = await readRecords(
          deps,
          ctx,
          { target: row.bhxh_code, today },
          'card',
          async (access) => ({ row, relation: relationOf(access) }),
          cardTarget,
        );
        views.push(await toView(child.row, child.relation));
      }
      return views;
    },
    async readForCitizen(ctx, bhxhCode) {
      if (signedIn(ctx).role !== 'citizen') throw notFound();
      return read(ctx, bhxhCode, undefined);
    },
    async readForStaff(ctx, bhxhCode, purpose) {
      return read(ctx, bhxhCode, purpose);
    },
  };
}
