import { parseIsoDate, yearOf } from './dates';
import { err, ok, type Result } from './result';

/**
 * Province codes of birth registration used in the first 3 digits of a CCCD number
 * (Circular 07/2016/TT-BCA, annex; Circular 59/2021/TT-BCA): the 63 pre-2025 provinces, each the
 * 3-digit form of the province's 2-digit administrative code (001 Hà Nội, 079 Hồ Chí Minh, 096 Cà
 * Mau). Numbers keep the province of birth registration as issued, so the old codes stay valid
 * after the 2025 merger into 34 provinces. A test checks this list against the pre-2025
 * administrative-unit data.
 */
export const CCCD_PROVINCE_CODES = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
] as const; // prettier-ignore

/**
 * Where the holder's birth was registered, from the first 3 digits (Circular 07/2016/TT-BCA, Art. 7
 * §1 as amended by Circular 59/2021/TT-BCA, Art. 7: "mã tỉnh, thành phố trực thuộc trung ương hoặc
 * mã quốc gia nơi công dân đăng ký khai sinh"): a province code of the annex, or, for a citizen
 * whose birth was registered abroad, the code of that country.
 */
export type CccdBirthRegistration =
  { kind: 'province'; provinceCode: string } | { kind: 'abroad'; countryCode: string };

export interface CccdParts {
  /** The province of birth registration; null when the birth was registered abroad. */
  provinceCode: string | null;
  birthRegistration: CccdBirthRegistration;
  gender: 'male' | 'female';
  /** First year of the century the holder was born in: 1900, 2000, 2100, 2200 or 2300. */
  century: number;
  birthYearSuffix: string;
  birthYear: number;
  serial: string;
}

/**
 * Gender and century digit (Circular 07/2016/TT-BCA, Art. 7 §2; domain reference, "Identifiers"):
 * 0/1 male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399.
 * Even is male, odd female. (An earlier version read 8/9 as the 1800s: the circular has no code for
 * births before 1900.)
 */
const CENTURY_BY_DIGIT: Readonly<Record<string, readonly [number, 'male' | 'female']>> = {
  '0': [1900, 'male'],
  '1': [1900, 'female'],
  '2': [2000, 'male'],
  '3': [2000, 'female'],
  '4': [2100, 'male'],
  '5': [2100, 'female'],
  '6': [2200, 'male'],
  '7': [2200, 'female'],
  '8': [2300, 'male'],
  '9': [2300, 'female'],
};

/**
 * The digit that encodes gender and century of birth (Circular 07/2016/TT-BCA, Art. 7 §2): 0/1
 * male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399. Years
 * outside 1900–2399 have no code and are given the 1900s digit (callers pass real birth years).
 */
export function cccdGenderCenturyDigit(gender: 'male' | 'female', birthYear: number): string {
  const century = Math.floor(birthYear / 100) * 100;
  const base = { 1900: 0, 2000: 2, 2100: 4, 2200: 6, 2300: 8 }[century] ?? 0;
  return String(base + (gender === 'female' ? 1 : 0));
}

/**
 * True when the first 3 digits are read as the country code of a birth registered abroad. The
 * province codes of the annex are all below 100 (001–096); Circular 59/2021/TT-BCA gives citizens
 * whose birth was registered abroad the code of the country instead. ASSUMPTION: the circular's
 * list of country codes could not be found, so every code from 100 to 999 is read as a country
 * code; a code below 100 that is not a province (000, 003, …) is refused.
 */
function isAbroadCode(code: string): boolean {
  return /^[1-9]\d{2}$/.test(code);
}

/**
 * Splits a 12-digit CCCD number (số định danh cá nhân, also on the thẻ căn cước of Luật Căn cước
 * 2023) into what it encodes (Circular 07/2016/TT-BCA, Art. 7, as amended by Circular
 * 59/2021/TT-BCA; domain reference, "Identifiers"): where the birth was registered (a province, or
 * a country for births registered abroad; 3 digits), gender and century (1 digit), last two digits
 * of the birth year, 6-digit serial. Spaces, dots and hyphens are ignored.
 */
export function describeCccd(number: string): Result<CccdParts> {
  const n = number.replace(/[\s.-]+/g, '');
  if (!/^\d{12}$/.test(n)) return err('cccd.format', 'a CCCD number has 12 digits', 'idNumber');
  const code = n.slice(0, 3);
  let birthRegistration: CccdBirthRegistration;
  if ((CCCD_PROVINCE_CODES as readonly string[]).includes(code))
    birthRegistration = { kind: 'province', provinceCode: code };
  else if (isAbroadCode(code)) birthRegistration = { kind: 'abroad', countryCode: code };
  else return err('cccd.province', `${code} is not a province or country code`, 'idNumber');
  const [century, gender] = CENTURY_BY_DIGIT[n.charAt(3)] ?? [1900, 'male'];
  const birthYearSuffix = n.slice(4, 6);
  return ok({
    provinceCode: birthRegistration.kind === 'province' ? code : null,
    birthRegistration,
    gender,
    century,
    birthYearSuffix,
    birthYear: century + Number(birthYearSuffix),
    serial: n.slice(6),
  });
}

/**
 * Checks a CCCD number and, when given, that it agrees with the holder's date of birth (ISO
 * `yyyy-mm-dd` or a year `yyyy`) and gender: "a declared CCCD must agree with the declared date of
 * birth and gender" (domain reference, "Identifiers"; Circular 07/2016/TT-BCA, Art. 7). Errors:
 * `cccd.format`, `cccd.province`, `cccd.gender_mismatch`, `cccd.birth_year_mismatch`, and the
 * `date.*` codes (field `dateOfBirth`) when the date given is not a date. Returns the number
 * without spaces.
 */
export function validateCccd(
  number: string,
  person: { dateOfBirth?: string | null; gender?: 'male' | 'female' | null } = {},
): Result<string> {
  const parts = describeCccd(number);
  if (!parts.ok) return parts;
  if (person.gender && person.gender !== parts.value.gender) {
    return err('cccd.gender_mismatch', `the number is of a ${parts.value.gender} holder`, 'idNumber');
  }
  if (person.dateOfBirth) {
    const dob = parseIsoDate(person.dateOfBirth, { allowYearOnly: true });
    if (!dob.ok) return err(dob.error.code, `date of birth: ${dob.error.message}`, 'dateOfBirth');
    if (yearOf(dob.value) !== parts.value.birthYear) {
      return err(
        'cccd.birth_year_mismatch',
        `the number is of a holder born in ${parts.value.birthYear}`,
        'idNumber',
      );
    }
  }
  return ok(number.replace(/[\s.-]+/g, ''));
}

/**
 * An old identity card (CMND) number: 9 digits, or 12 for the later CMND (domain reference,
 * Glossary: "old ID card (9 or 12 digits)"). Digits only, no spaces.
 */
export function isCmnd(number: string): boolean {
  return /^(\d{9}|\d{12})$/.test(number);
}
