import { parseBhytQr } from '@vssid/domain';
import { parseCccdQr } from '@vssid/domain';
import { formatVnDate } from '@vssid/domain/dates';

/** What a scanned or typed text gives the check form. */
type ReadCode =
  | { kind: 'shc' }
  | {
      kind: 'code';
      maThe: string;
      hoTen?: string;
      ngaySinh?: string;
      source: 'typed' | 'bhyt_qr' | 'cccd_qr';
    }
  | { kind: 'invalid' };

/**
 * Reads what the clerk scanned or typed: a signed card `shc:/…` (checked offline on the verify
 * page), a BHYT card QR or a CCCD QR (domain-reference.md "QR payloads to read": the card code or
 * the CCCD, with the name and date of birth), or a typed card number (15 characters), BHXH code
 * (10 digits) or CCCD (12 digits).
 */
export function readCode(text: string): ReadCode {
  const t = text.trim();
  if (/^shc:\//i.test(t)) return { kind: 'shc' };
  const compact = t.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{13}$|^\d{10}$|^\d{12}$/.test(compact))
    return { kind: 'code', maThe: compact, source: 'typed' };
  if (!t.includes('|')) return { kind: 'invalid' };
  const cccd = parseCccdQr(t);
  if (cccd.ok)
    return {
      kind: 'code',
      maThe: cccd.value.idNumber,
      hoTen: cccd.value.fullName,
      ngaySinh: formatVnDate(cccd.value.dateOfBirth),
      source: 'cccd_qr',
    };
  const bhyt = parseBhytQr(t);
  if (bhyt.ok)
    return {
      kind: 'code',
      maThe: bhyt.value.cardNumber,
      hoTen: bhyt.value.fullName,
      ngaySinh: formatVnDate(bhyt.value.dateOfBirth),
      source: 'bhyt_qr',
    };
  return { kind: 'invalid' };
}
