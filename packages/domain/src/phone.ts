import { err, ok, type Result } from './result';

/**
 * Mobile prefixes in use since 11-digit numbers moved to 10 digits in 2018 (numbering plan of
 * Circular 22/2014/TT-BTTTT as amended; conversion by QĐ 798/QĐ-BTTTT, 2018): 03x Viettel,
 * 05x Vietnamobile/Gmobile, 07x MobiFone, 08x VinaPhone/Viettel/MobiFone/iTel, 09x all. Only the
 * allocated ranges (032-039, 052/056/058/059, 070/076-079, 081-089, 090-099); an unallocated
 * prefix such as 030 or 050 is refused. These sources are not in the domain reference: if a real
 * subscriber range is missing, widen the pattern here.
 */
const MOBILE = /^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

/**
 * A Vietnamese mobile number in the national form `0XXXXXXXXX`, from what people type:
 * `+84 912 345 678`, `84912345678`, `0084 912 345 678`, `+84 (0) 912 345 678`, `0912.345.678`,
 * `(091) 234-5678`. Rule: domain reference, "Identifiers" (10 digits starting with 0, or +84
 * without the 0), with the mobile prefixes above.
 */
export function normalizeVnPhone(text: string): Result<string> {
  const raw = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(raw)) return err('phone.format', 'a phone number has digits only', 'phone');
  const international = raw.startsWith('+') || raw.startsWith('00');
  let digits = raw.replace(/\D/g, '');
  if (raw.startsWith('00')) digits = digits.slice(2);
  const withCountryCode =
    digits.startsWith('84') && (digits.length === 11 || (digits.length === 12 && digits[2] === '0'));
  if (international || withCountryCode) {
    if (!digits.startsWith('84'))
      return err('phone.country', 'only Vietnamese (+84) numbers are accepted', 'phone');
    const rest = digits.slice(2);
    digits = rest.startsWith('0') ? rest : `0${rest}`;
  }
  if (digits.length !== 10)
    return err('phone.length', 'a mobile number has 10 digits starting with 0', 'phone');
  if (!MOBILE.test(digits))
    return err('phone.prefix', `${digits.slice(0, 3)} is not a Vietnamese mobile prefix`, 'phone');
  return ok(digits);
}

/**
 * The E.164 form of a national number, as SMS gateways want it: `0912345678` → `+84912345678`
 * (ITU-T E.164; Vietnam's country code 84, national prefix 0 dropped).
 */
export function toE164(nationalNumber: string): string {
  return `+84${nationalNumber.replace(/^0/, '')}`;
}
