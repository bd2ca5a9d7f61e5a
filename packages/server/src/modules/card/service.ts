import {
  type BenefitLevel,
  encodeBhytQr,
  findUnit2025,
  fundShare,
  isBenefitLevel,
  newProvinceForOldProvince,
  parameterAt,
  unitAddress,
} from '@vssid/domain';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { auditService } from '../audit/service';
import type { Principal } from '../auth/guard';
import {
  type CardRow,
  findAgencyScope,
  findCardOf,
  findCardsOfFamily,
  findCardsOfPerson,
} from './repository';
import type { CardCredential, ShcIssuer } from './signer';

export type CardStatus =
  'valid' | 'expiring_soon' | 'expired' | 'not_yet_valid' | 'replaced' | 'revoked' | 'suspended';

/** A card expiring within this many days is "expiring soon" (assumption: one month's notice). */
export const EXPIRING_SOON_DAYS = 30;
/** Adulthood: a guardian follows a child until their 18th birthday (Luật Trẻ em / Bộ luật Dân sự). */
export const ADULT_AGE = 18;

export interface CardHolder {
  bhxhCode: string;
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  /** Who the caller is to this person. */
  relation: 'self' | 'child' | 'staff';
}

export interface CardView {
  holder: CardHolder;
  card: null | {
    id: string;
    cardNumber: string;
    objectCode: string;
    benefitLevel: number;
    benefit: {
      /** Share of covered costs the fund pays on the correct route. */
      fundPercent: number;
      capOnTechnicalServices: boolean;
      includesOutOfScopeCosts: boolean;
      /** Levels 3–4: a visit costing less than this (15 % of the base salary) is paid in full. */
      smallVisitFullyPaidBelowVnd: number | null;
      baseSalaryVnd: number;
      /** After 5 consecutive years: co-payments above this in a year are waived. */
      fiveYearCapVnd: number | null;
      fiveYearReached: boolean;
    };
    registeredClinic: { code: string; name: string; address: string } | null;
    validFrom: string;
    validTo: string | null;
    fiveYearDate: string | null;
    issuedOn: string;
    issuingAgency: { code: string; name: string } | null;
    status: CardStatus;
    /** The payload of the official QR code printed on new cards (`encodeBhytQr`). */
    officialQr: string;
    /** The signed credential (SMART Health Card); null when the card is not in force. */
    credential: CardCredential | null;
  };
  /** When the server read this (the screen's "last updated"). */
  retrievedAt: string;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** Today's date in Vietnam (UTC+7), `yyyy-mm-dd`. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Age-based minority. When only the year of birth is known the person is taken to be born on
 * 1 January (assumption: the guardian's access ends at the earliest date it could).
 */
export function isMinor(row: Pick<CardRow, 'birth_date' | 'birth_year'>, today: string): boolean {
  const birth = row.birth_date ?? `${String(row.birth_year).padStart(4, '0')}-01-01`;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age < ADULT_AGE;
}

export function cardStatus(row: CardRow, today: string): CardStatus {
  if (row.card_status === 'replaced' || row.card_status === 'revoked' || row.card_status === 'suspended')
    return row.card_status;
  if (row.valid_from && row.valid_from > today) return 'not_yet_valid';
  if (row.valid_to && row.valid_to < today) return 'expired';
  if (row.valid_to && row.valid_to <= addDays(today, EXPIRING_SOON_DAYS)) return 'expiring_soon';
  return 'valid';
}

/** The person's 2025 province (the pre-2025 one mapped forward when that is all that was recorded). */
function provinceOf(row: CardRow): string | null {
  if (row.province_code) return row.province_code;
  if (row.old_province_code) return newProvinceForOldProvince(row.old_province_code)?.code ?? null;
  return null;
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
  /** The caller's card and those of the minors whose guardian they are. */
  listMine(principal: Principal): Promise<CardView[]>;
  /** One person's card for a citizen: their own or their minor child's; anything else 404. */
  readForCitizen(principal: Principal, bhxhCode: string): Promise<CardView>;
  /** One person's card for an officer within their agency's scope, audited; anything else 404. */
  readForStaff(
    principal: Principal,
    bhxhCode: string,
    purpose: string,
    request: FastifyRequest,
  ): Promise<CardView>;
  /**
   * For FHIR: the person's cards (or only `cardId`) when this caller may read them (same rules;
   * a staff read is audited with `purpose`), or null. `rows` holds the person even without cards.
   */
  accessibleCards(
    principal: Principal,
    bhxhCode: string,
    access: { cardId?: string; purpose: string; request: FastifyRequest; action: string },
  ): Promise<{ person: CardRow; cards: CardRow[]; relation: CardHolder['relation'] } | null>;
  toView(row: CardRow, relation: CardHolder['relation']): Promise<CardView>;
}

const notFound = () => new AppError(404, 'not_found', 'card.notFound');

/**
 * Who may read a card (README "Access to records"): the person; the guardian of a minor
 * (persons.guardian_bhxh_code, under 18 today); officers and agency admins within their agency's
 * scope (a central agency: everyone; a provincial or local office: persons whose 2025 province is
 * the agency's), each read audited with its purpose. Clinics check cards through the QR codes
 * and employers not at all: everything else is 404, as for a person who does not exist.
 */
export function createCardService(options: {
  db: Kysely<Database>;
  issuer: ShcIssuer;
  now?: () => Date;
}): CardService {
  const { db, issuer } = options;
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
    const inForce = status === 'valid' || status === 'expiring_soon';
    const fiveYearReached = row.five_year_date !== null && row.five_year_date <= today;
    const officialQr = encodeBhytQr({
      cardNumber: row.card_number,
      fullName: row.full_name,
      dateOfBirth: holder.dateOfBirth,
      gender: row.gender,
      address: addressOf(row),
      registeredClinicCode: row.clinic_code,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      issuedOn: row.issued_on,
      // The management code (mã quản lý) is not in our records: left empty, as the format allows.
      managementCode: null,
      // The guardian's name is printed on a minor's card.
      guardianName: isMinor(row, today) ? row.guardian_name : null,
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
          registeredClinicCode: row.clinic_code,
          validFrom: row.valid_from,
          validTo: row.valid_to,
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
          row.clinic_code && row.clinic_name
            ? { code: row.clinic_code, name: row.clinic_name, address: row.clinic_address ?? '' }
            : null,
        validFrom: row.valid_from,
        validTo: row.valid_to,
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

  const citizenRelation = (principal: Principal, row: CardRow): 'self' | 'child' | null => {
    if (principal.role !== 'citizen' || !principal.bhxhCode) return null;
    if (row.bhxh_code === principal.bhxhCode) return 'self';
    if (row.guardian_bhxh_code === principal.bhxhCode && isMinor(row, vietnamToday(now()))) return 'child';
    return null;
  };

  const staffMayRead = async (principal: Principal, row: CardRow): Promise<boolean> => {
    if ((principal.role !== 'officer' && principal.role !== 'agency_admin') || !principal.agencyCode)
      return false;
    const agency = await findAgencyScope(db, principal.agencyCode);
    if (!agency) return false;
    return agency.level === 'central' || provinceOf(row) === agency.province_code;
  };

  const audit = (
    principal: Principal,
    row: CardRow,
    action: string,
    purpose: string,
    request: FastifyRequest,
    targetId: string | null,
  ) =>
    auditService.record(db, {
      actor_type: principal.role,
      actor_id: principal.accountId,
      subject_bhxh_code: row.bhxh_code,
      action,
      target_type: 'bhyt_card',
      target_id: targetId,
      purpose,
      ip: request.ip,
      request_id: request.id,
      details: { agencyCode: principal.agencyCode },
    });

  const accessibleCards: CardService['accessibleCards'] = async (principal, bhxhCode, access) => {
    const person = await findCardOf(db, bhxhCode);
    if (!person) return null;
    let relation: CardHolder['relation'] | null = citizenRelation(principal, person);
    if (!relation && (await staffMayRead(principal, person))) relation = 'staff';
    if (!relation) return null;
    const cards =
      access.cardId === undefined && person.card_id === null
        ? []
        : await findCardsOfPerson(db, bhxhCode, access.cardId);
    if (relation === 'staff')
      await audit(principal, person, access.action, access.purpose, access.request, access.cardId ?? null);
    return { person, cards, relation };
  };

  return {
    toView,
    accessibleCards,
    async listMine(principal) {
      if (principal.role !== 'citizen' || !principal.bhxhCode) throw notFound();
      const rows = await findCardsOfFamily(db, principal.bhxhCode);
      const views: CardView[] = [];
      for (const row of rows) {
        const relation = citizenRelation(principal, row);
        if (relation) views.push(await toView(row, relation));
      }
      return views;
    },
    async readForCitizen(principal, bhxhCode) {
      if (principal.role !== 'citizen') throw notFound();
      const row = await findCardOf(db, bhxhCode);
      const relation = row ? citizenRelation(principal, row) : null;
      if (!row || !relation) throw notFound();
      return toView(row, relation);
    },
    async readForStaff(principal, bhxhCode, purpose, request) {
      const row = await findCardOf(db, bhxhCode);
      if (!row || !(await staffMayRead(principal, row))) throw notFound();
      await audit(principal, row, 'records.card.read', purpose, request, row.card_id);
      return toView(row, 'staff');
    },
  };
}
