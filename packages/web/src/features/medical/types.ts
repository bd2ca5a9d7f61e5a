export interface Icd {
  code: string;
  name: string | null;
}

export interface Visit {
  maLk: string;
  clinicCode: string;
  clinicName: string;
  cardNumber: string;
  visitKind: string;
  setting: 'outpatient' | 'inpatient';
  route: number;
  admittedAt: string;
  dischargedAt: string;
  treatmentDays: number;
  diagnosis: string | null;
  icd10Main: Icd;
  icd10Other: Icd[];
  outcome: number | null;
  totalCost: number;
  coveredCost: number;
  fundPaid: number;
  coPayment: number;
}

export interface VisitPage {
  bhxhCode: string;
  items: (Visit & { documentCount: number })[];
  nextCursor: string | null;
}

export type DocumentKind =
  'discharge' | 'birth_certificate' | 'pregnancy_rest' | 'sick_leave' | 'referral' | 'revisit';

export interface VisitDetail extends Visit {
  bhxhCode: string;
  documents: { kind: DocumentKind; number: string; issuedOn: string; content: Record<string, unknown> }[];
}
