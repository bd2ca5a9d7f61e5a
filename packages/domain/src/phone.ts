import { err, ok, type Result } from './result';

/**
 * Mobile prefixes in use since the 2018 renumbering (Circular 22/2014/TT-BTTTT as amended):
 * 03x Viettel, 05x Vietnamobile/Gmobile, 07x MobiFone, 08x VinaPhone/Viettel/iTel, 09x all.
 */
const MOBILE = /^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

/**
 * A Vietnamese mobile number in the national form `0XXXXXXXXX`, from what people type:
 * `+84 912 345 678`, `84912345678`, `0912.345.678`, `(091) 234-5678`.
 */
export function normalizeVnPhone(text: string): Result<string> {
  const raw = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(raw)) return err('phone.format', 'a phone number has digits only', 'phone');
  let digits = raw.replace(/\D/g, '');
  if (raw.startsWith('+') && !digits.startsWith('84'))
    return err('phone.country', 'only Vietnamese (+84) numbers are accepted', 'phone');
  if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  if (digits.length !== 10)
    return err('phone.length', 'a mobile number has 10 digits starting with 0', 'phone');
  if (!MOBILE.test(digits))
    return err('phone.prefix', `${digits.slice(0, 3)} is not a Vietnamese mobile prefix`, 'phone');
  return ok(digits);
}

/** `0912345678` → `+84912345678`. */
export function toE164(nationalNumber: string): string {
  return `+84${nationalNumber.replace(/^0/, '')}`;
}
