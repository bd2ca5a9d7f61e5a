import { err, ok, type Result } from './result';

export const PASSWORD_MIN_LENGTH = 8;
/** A bound on work per sign-in (hashing a megabyte-long "password" is a denial of service). */
export const PASSWORD_MAX_LENGTH = 128;
/** Days after which a person is reminded to change a password. */
export const PASSWORD_REMINDER_DAYS = 180;

/**
 * Passwords seen most often in leaked lists, worldwide and in Vietnam (lower case). A short list
 * on purpose: it stops the guesses attackers try first; length does the rest.
 */
const COMMON = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '11111111', '00000000', '88888888', '66666666', '99999999',
  '87654321', '123123123', '12341234', '11223344', '147258369', '123456a@', '123456aa', 'a1234567', 'abc12345',
  'abcd1234', 'password', 'password1', 'password123', 'passw0rd', 'qwertyui', 'qwerty123', 'iloveyou', 'sunshine',
  'princess', 'football', 'baseball', 'superman', 'whatever', 'trustno1', 'zaq12wsx', '1qaz2wsx', 'asdfghjk',
  'matkhau', 'matkhau1', 'matkhau123', 'matkhaumoi', 'anhyeuem', 'anhyeuem1', 'emyeuanh', 'yeuemnhieu', 'vietnam1',
  'vietnam123', 'hanoi123', 'saigon123', 'bhxh1234', 'vssid123', 'baohiem1', 'baohiemxahoi', 'doimatkhau', 'khongbiet',
]); // prettier-ignore

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface PasswordContext {
  bhxhCode?: string | null;
  phone?: string | null;
  /** ISO `yyyy-mm-dd` (or `yyyy`). */
  dateOfBirth?: string | null;
}

/** The forms a date of birth is typed in: 17051990, 17/05/1990, 1990-05-17, 19900517, 170590. */
function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [, y = '', mo = '', d = ''] = m;
  return [
    `${d}${mo}${y}`,
    `${d}/${mo}/${y}`,
    `${d}-${mo}-${y}`,
    `${y}${mo}${d}`,
    `${y}-${mo}-${d}`,
    `${d}${mo}${y.slice(2)}`,
    `${d}.${mo}.${y}`,
  ];
}

/**
 * Checks a new password (issue "Sign-in"): at least 8 characters (at most 128), not the BHXH
 * code, the phone number or the date of birth (in any usual form, alone or as most of it), and
 * not a common password. The message is English for developers; the code is translated.
 */
export function checkPasswordPolicy(password: string, context: PasswordContext = {}): Result<string> {
  const field = 'password';
  // Characters as people see them (graphemes): "ắ" is one whether precomposed or not.
  const length = [...graphemes.segment(password)].length;
  if (length < PASSWORD_MIN_LENGTH)
    return err('password.too_short', `at least ${PASSWORD_MIN_LENGTH} characters`, field);
  if (length > PASSWORD_MAX_LENGTH)
    return err('password.too_long', `at most ${PASSWORD_MAX_LENGTH} characters`, field);
  const lower = password.toLowerCase().normalize('NFC');
  const digits = password.replace(/\D/g, '');
  const mostlyDigits = digits.length >= password.length - 2;
  const containsIdentifier = (id: string | null | undefined) =>
    !!id && id.length >= 6 && (lower.includes(id) || (mostlyDigits && digits.includes(id)));
  if (containsIdentifier(context.bhxhCode))
    return err('password.contains_bhxh_code', 'must not contain the BHXH code', field);
  const phone = context.phone?.replace(/\D/g, '');
  if (containsIdentifier(phone) || containsIdentifier(phone?.replace(/^0/, '84')))
    return err('password.contains_phone', 'must not contain the phone number', field);
  if (
    context.dateOfBirth &&
    dateForms(context.dateOfBirth).some((f) => lower.includes(f) && f.length >= lower.length - 3)
  ) {
    return err('password.is_birth_date', 'must not be the date of birth', field);
  }
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || isSequence(lower))
    return err('password.common', 'too common or too easy to guess', field);
  return ok(password);
}

/** 12345678, abcdefgh, 98765432: runs of consecutive characters. */
function isSequence(text: string): boolean {
  if (text.length < 2) return false;
  const step = text.charCodeAt(1) - text.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < text.length; i++)
    if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** Whether a password last changed at `changedAt` (ISO) is due for a reminder at `now`. */
export function passwordReminderDue(changedAt: string, now: string): boolean {
  return Date.parse(now) - Date.parse(changedAt) >= PASSWORD_REMINDER_DAYS * 86_400_000;
}
