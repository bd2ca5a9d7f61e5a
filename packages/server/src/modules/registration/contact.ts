import type { Kysely } from 'kysely';
import { LANGUAGES, type Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import {
  findAccountLanguage,
  findPersonContact,
  findSubmitDetails,
  type PersonContact,
} from './contact-repository';
import type { DossierRow } from './repository';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * Who the dossier's messages go to: the person, or for a child the guardian; and in which language.
 * Also where the OTP of a withdrawal goes.
 */
export async function dossierContact(
  trx: Kysely<Database>,
  dossier: DossierRow,
): Promise<{
  phone: string | null;
  email: string | null;
  language: Language;
  person: PersonContact | undefined;
}> {
  const declared = dossier.declared;
  const person = await findPersonContact(trx, dossier.bhxh_code);
  const guardian = dossier.guardian_bhxh_code
    ? await findPersonContact(trx, dossier.guardian_bhxh_code)
    : undefined;
  const guardianAccount = dossier.guardian_bhxh_code
    ? await findAccountLanguage(trx, dossier.guardian_bhxh_code)
    : undefined;
  const submit = await findSubmitDetails(trx, dossier);
  const declaredLanguage = str(submit?.details.language) ?? str(declared.language);
  // ASSUMPTION: the language is the one the form was submitted in (the submit action's
  // details.language, written by the citizen side), else the guardian's account language for
  // a child; Vietnamese otherwise.
  const language: Language =
    declaredLanguage && (LANGUAGES as readonly string[]).includes(declaredLanguage)
      ? (declaredLanguage as Language)
      : ((guardianAccount?.language as Language | undefined) ?? 'vi');
  const phone = str(declared.phone) ?? (dossier.kind === 'child' ? guardian?.phone : person?.phone) ?? null;
  const email = str(declared.email) ?? (dossier.kind === 'child' ? guardian?.email : person?.email) ?? null;
  return { phone, email, language, person };
}
