import type { Role } from '@vssid/domain/api';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/database';
import type { UnitWorld } from './matrix-units';

/** Tests only: the names and shapes of the route × role matrix's world (`matrix-world.ts`). */

export const PERSONS = {
  A: '0100000001',
  WA: '0100000002',
  GA: '0100000003',
  B: '7900000004',
  WB: '7900000005',
} as const;
export type PersonKey = keyof typeof PERSONS;

/** Who an object belongs to: the keys a caller's scope is compared with. */
export interface Owner {
  account?: string;
  person?: string;
  /** The person is a minor whose guardian is this citizen (a grown child has none here). */
  guardian?: string;
  agency?: string;
  unit?: string;
  clinic?: string;
}

export interface Caller {
  name: string;
  /** null: anonymous. */
  role: Role | null;
  headers: Record<string, string>;
  account?: string;
  person?: string;
  agency?: string;
  unit?: string;
  clinic?: string;
  /** How to open a new session for this caller (after a route that ends sessions). */
  signIn?: () => Promise<Record<string, string>>;
}

interface RequestRef {
  number: string;
  owner: Owner;
  attachment?: { seq: number; position: number };
}

export interface MatrixWorld extends UnitWorld {
  database: DatabaseHandle;
  app: FastifyInstance;
  callers: Caller[];
  /** The owner of each person's objects (records, card, visits). */
  personOwner: Record<PersonKey, Owner>;
  /** Card ids by person (FHIR Coverage ids are `<code>-<id>`). */
  cardId: Record<PersonKey, string>;
  passkeys: { id: string; owner: Owner }[];
  dossiers: { number: string; token: string | null; owner: Owner }[];
  imports: { id: string; owner: Owner }[];
  /** Support tickets of citizens A and B (issue 25). */
  tickets: { id: string; owner: Owner; attachmentId: string }[];
  /**
   * Online service requests (issue #23) of A (01), of A's ward WA filed by A (01) and of B (79):
   * `open` are submitted (an officer may receive them), `withdrawable` are submitted (their citizen
   * may withdraw them), `decided` are approved (A's and B's a BHXH book reissue, whose result PDF
   * exists; WA's a card reissue, a service a guardian may file but without a result document).
   * The decided ones carry a PDF (`attachment`: its step and place).
   */
  requests: Record<'open' | 'withdrawable' | 'decided', RequestRef[]>;
  /**
   * A declaration (issue #27) of each unit, submitted, for citizen A (U1, agency 01) and B (U2,
   * agency 79): the unit's to read; written directly (a filing needs the admin's passkey).
   */
  declarations: { number: string; owner: Owner }[];
  /** Officers (not callers) of each agency, whose status the admins may set. */
  officers: { id: string; owner: Owner }[];
  /** A paid payment of citizens A and B, and a reconciliation difference of each province (issue #26). */
  payments: { id: string; owner: Owner }[];
  paymentDifferences: { id: string; owner: Owner }[];
  agencies: { code: string; owner: Owner }[];
  units: { code: string; owner: Owner }[];
  clinics: { code: string; owner: Owner }[];
  /**
   * Sick-pay claims (issue #27): a worker of each unit with a sick-leave certificate not yet
   * claimed (`claimable`), one claimed (`claimed`, submitted) and one the officer asked a
   * supplement for (`waiting`).
   */
  sickLeave: Record<
    'claimable',
    { bhxhCode: string; maLk: string; owner: Owner; sign: (kind: string, payload: unknown) => unknown }[]
  > &
    Record<'claimed' | 'waiting', { number: string; owner: Owner }[]>;
}

export const CLINIC_OF: Record<string, string> = { '01': '01001', '79': '79001' };
