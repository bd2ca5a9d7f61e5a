/**
 * The card API's answers (GET /api/v1/me/cards): what the server sends and the PWA shows, written
 * once for both.
 */

export type CardStatus =
  'valid' | 'expiring_soon' | 'expired' | 'not_yet_valid' | 'replaced' | 'revoked' | 'suspended';

/** A signed card credential as the API hands it out. */
export interface CardCredential {
  /** The numeric QR text (`shc:/…`). */
  qr: string;
  /** The compact JWS inside it. */
  jws: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
}

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
