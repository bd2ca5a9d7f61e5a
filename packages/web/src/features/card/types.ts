/** The card API's answers (GET /api/v1/me/cards), as the server's CardView schema says. */
export type CardStatus =
  'valid' | 'expiring_soon' | 'expired' | 'not_yet_valid' | 'replaced' | 'revoked' | 'suspended';

export interface CardCredential {
  qr: string;
  jws: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
}

export interface CardView {
  holder: {
    bhxhCode: string;
    fullName: string;
    dateOfBirth: string;
    gender: 'male' | 'female';
    relation: 'self' | 'child' | 'staff';
  };
  card: null | {
    id: string;
    cardNumber: string;
    objectCode: string;
    benefitLevel: number;
    benefit: {
      fundPercent: number;
      capOnTechnicalServices: boolean;
      includesOutOfScopeCosts: boolean;
      smallVisitFullyPaidBelowVnd: number | null;
      baseSalaryVnd: number;
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
    officialQr: string;
    credential: CardCredential | null;
  };
  retrievedAt: string;
}

export interface CardsAnswer {
  cards: CardView[];
}
