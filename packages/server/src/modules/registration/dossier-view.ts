import { timingSafeEqual } from 'node:crypto';
import type { Form01Document } from './form01-pdf';
import type { DossierCursor, DossierRow } from './repository';

/** How a stored dossier is shown: its list cursor, its access token, what its Form 01 PDF shows. */

/** Opaque cursor of a citizen's dossier list: base64url of `submittedAt|id`. */
export const encodeDossierCursor = (cursor: DossierCursor) =>
  Buffer.from(`${cursor.submittedAt}|${cursor.id}`, 'utf8').toString('base64url');

/** The cursor's parts, or null when it is not one this server made. */
export function decodeDossierCursor(cursor: string): DossierCursor | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
      text,
    );
  if (!m?.[1] || !m[2]) return null;
  // A real instant (not 2026-02-30): the database would refuse it with an error, not a 400.
  const at = new Date(m[1]);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 19) !== m[1].slice(0, 19)) return null;
  return { submittedAt: m[1], id: m[2] };
}

/** Compares an access token in constant time (it is a bearer secret). */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the PDF shows, from the stored dossier (self, bulk or child). */
export function documentOf(dossier: DossierRow, agency: { name: string; address: string }): Form01Document {
  const d = dossier.declared;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const gender = d.gender === 'male' || d.gender === 'female' ? d.gender : null;
  if (dossier.kind === 'child')
    return {
      number: dossier.number,
      kind: 'child',
      submittedAt: dossier.submitted_at,
      deadlineAt: dossier.deadline_at,
      delivery: dossier.delivery,
      agency,
      person: {
        fullName: str(d.childFullName) ?? '',
        bhxhCode: dossier.bhxh_code,
        idNumber: null,
        dateOfBirth: str(d.dateOfBirth),
        gender,
        address: null,
        phone: null,
        email: null,
      },
      guardian: {
        fullName: str(d.guardianName) ?? '',
        bhxhCode: dossier.guardian_bhxh_code ?? '',
        phone: str(d.guardianPhone),
      },
    };
  const address = d.address as { provinceCode?: string; communeCode?: string; line?: string } | undefined;
  return {
    number: dossier.number,
    kind: dossier.kind,
    submittedAt: dossier.submitted_at,
    deadlineAt: dossier.deadline_at,
    delivery: dossier.delivery,
    agency,
    person: {
      fullName: str(d.fullName) ?? '',
      bhxhCode: dossier.bhxh_code,
      idNumber: str(d.idNumber),
      dateOfBirth: str(d.dateOfBirth),
      gender,
      address:
        address?.provinceCode && address.communeCode && address.line
          ? { provinceCode: address.provinceCode, communeCode: address.communeCode, line: address.line }
          : null,
      phone: str(d.phone),
      email: str(d.email),
    },
    guardian: null,
  };
}
