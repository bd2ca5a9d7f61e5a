import type { DeclarationForm } from '@vssid/domain/api/declarations';
import type { RemovalReason } from '@vssid/domain/declarations';

/** What the declaration form holds while it is filled (strings, as typed). */
export interface DeclarationValues {
  type: 'declaration_600' | 'declaration_600a' | 'declaration_600b';
  noCode: boolean;
  bhxhCode: string;
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  cccd: string;
  addressLine: string;
  provinceCode: string;
  salary: string;
  position: string;
  /** The start (600), end (600a) or change (600b) month, `yyyy-mm`. */
  month: string;
  clinicCode: string;
  reason: RemovalReason;
}

export const EMPTY_VALUES: DeclarationValues = {
  type: 'declaration_600',
  noCode: false,
  bhxhCode: '',
  fullName: '',
  dateOfBirth: '',
  gender: 'female',
  cccd: '',
  addressLine: '',
  provinceCode: '',
  salary: '',
  position: '',
  month: '',
  clinicCode: '',
  reason: 'contract_ended',
};

const money = (text: string) => Number(text.replace(/[^\d]/g, ''));
const trimmed = (text: string) => text.trim();

/**
 * The form as sent and signed: trimmed, numbers as numbers, empty optional fields left out (the
 * server recomputes the signature's challenge from exactly this object).
 */
export function declarationForm(v: DeclarationValues): DeclarationForm {
  if (v.type === 'declaration_600a')
    return { type: v.type, bhxhCode: trimmed(v.bhxhCode), reason: v.reason, endMonth: v.month };
  if (v.type === 'declaration_600b')
    return {
      type: v.type,
      bhxhCode: trimmed(v.bhxhCode),
      fromMonth: v.month,
      ...(v.salary.trim() ? { salary: money(v.salary) } : {}),
      ...(v.position.trim() ? { position: trimmed(v.position) } : {}),
    };
  return {
    type: v.type,
    ...(v.noCode
      ? {
          person: {
            fullName: trimmed(v.fullName),
            dateOfBirth: v.dateOfBirth,
            gender: v.gender,
            cccd: trimmed(v.cccd),
            addressLine: trimmed(v.addressLine),
            provinceCode: trimmed(v.provinceCode),
          },
        }
      : { bhxhCode: trimmed(v.bhxhCode) }),
    salary: money(v.salary),
    position: trimmed(v.position),
    startMonth: v.month,
    ...(v.clinicCode.trim() ? { clinicCode: trimmed(v.clinicCode).toUpperCase() } : {}),
  };
}
