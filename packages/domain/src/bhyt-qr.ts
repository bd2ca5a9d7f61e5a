import { formatVnDate, type IsoDateOrYear, parseVnDate } from './dates';
import { parseBhytCardNumber } from './bhyt-card-number';
import { err, ok, type Result } from './result';
import { decodeHexUtf8, encodeHexUtf8, repairTextField, type TextRepair } from './text';

/** What a BHYT card's QR code says (domain reference, "BHYT card QR"). */
export interface BhytQr {
  /** 15-character legacy card number or 10-digit BHXH code (new cards), upper case. */
  cardNumber: string;
  fullName: string;
  dateOfBirth: IsoDateOrYear;
  gender: 'male' | 'female';
  address: string | null;
  /** 5 characters, e.g. `01C54` (printed `01 - C54`). */
  registeredClinicCode: string | null;
  validFrom: string;
  /** Null when open-ended. */
  validTo: string | null;
  issuedOn: string | null;
  managementCode: string | null;
  guardianName: string | null;
  /** The date 5 consecutive years of participation are reached. */
  fiveYearDate: string | null;
  issuingPlace: string | null;
  /**
   * Text fields repaired on reading (mojibake: UTF-8 read as Latin-1 before it was written; issue
   * #19): present only when there are some, so the clerk can check them against the card.
   */
  warnings?: TextRepair[];
}

/** The fields kept as read but not interpreted: their meaning or algorithm is not public. */
export interface BhytQrExtras {
  /** Field 13 (16 hex + `-` + 4 hex): its algorithm is not public, so it is not verified. */
  checkString: string | null;
  /** Fields 11 and 14: one-digit codes whose meaning is not confirmed. */
  code11: string | null;
  code14: string | null;
}

const EMPTY = '-';
const CLINIC = /^(\d{2})\s*-?\s*([0-9A-Za-z]{3})$/;

/**
 * Reads a BHYT card QR payload: `|`-separated fields ending in `$` (domain reference, "BHYT card
 * QR": 0 card code, 1 name hex, 2 birth date or year, 3 gender 1/2, 4 address hex, 5 clinic
 * `01 - 028`, 6-8 valid from / valid to (`-` open-ended) / issued, 9 management code, 10 guardian
 * hex, 11 code, 12 five-year date, 13 check string, 14 code, 15 issuing place hex). Accepts legacy
 * 15-character cards that end after field 8 (`|$`), full 16-field new cards, upper- or lower-case
 * hex, `-` for empty, stray spaces around fields, a missing `$` or a trailing newline, and unknown
 * trailing fields. Dates come out ISO (`yyyy` for a year of birth alone), text NFC, the clinic as
 * its 5-character code (`01C54`). Errors (with the field): `bhyt_qr.not_text`, `.format`,
 * `.field_count` (fewer than 9), `.card_number`, `.bad_hex`, `.missing`, `.date`, `.gender`,
 * `.clinic`, `.validity`, `.management_code`, `.unreadable`. Never throws, whatever the input.
 */
export function parseBhytQr(input: unknown): Result<BhytQr> {
  const r = parseBhytQrDetails(input);
  return r.ok ? ok(r.value.card) : r;
}

/**
 * `parseBhytQr` plus the fields kept as read: the check string of field 13 (its algorithm is not
 * public, so it is kept and not verified) and the one-digit codes of fields 11 and 14 (meaning
 * unconfirmed), per the domain reference, "BHYT card QR". Never throws.
 */
export function parseBhytQrDetails(input: unknown): Result<{ card: BhytQr; extras: BhytQrExtras }> {
  try {
    return parse(input);
  } catch {
    return err('bhyt_qr.unreadable', 'the payload could not be read');
  }
}

function parse(input: unknown): Result<{ card: BhytQr; extras: BhytQrExtras }> {
  if (typeof input !== 'string') return err('bhyt_qr.not_text', 'the payload is not text');
  let text = input.trim();
  const end = text.indexOf('$');
  if (end >= 0) text = text.slice(0, end);
  text = text.trim();
  if (text.endsWith('|')) text = text.slice(0, -1);
  if (!text.includes('|')) return err('bhyt_qr.format', 'not a BHYT QR payload (no | separators)');
  const f = text.split('|').map((s) => s.trim());
  if (f.length < 9)
    return err('bhyt_qr.field_count', `a BHYT QR has at least 9 fields, this one ${f.length}`);
  const field = (i: number): string | null => {
    const v = f[i];
    return v === undefined || v === '' || v === EMPTY ? null : v;
  };

  const card = parseBhytCardNumber(f[0] ?? '');
  if (!card.ok) return err('bhyt_qr.card_number', card.error.message, 'cardNumber');
  const cardNumber = (f[0] ?? '').replace(/[\s-]+/g, '').toUpperCase();

  const warnings: TextRepair[] = [];
  const hexField = (value: string | null, name: string) => readHexField(value, name, warnings);
  const fullName = hexField(field(1), 'fullName');
  if (!fullName.ok) return fullName;
  if (fullName.value === null || fullName.value.trim() === '')
    return err('bhyt_qr.missing', 'the full name is empty', 'fullName');

  const dob = field(2);
  if (dob === null) return err('bhyt_qr.missing', 'the date of birth is empty', 'dateOfBirth');
  // "00/00/yyyy": day and month unknown, as records of people with only a year of birth write it.
  const dateOfBirth = parseVnDate(dob.replace(/^0?0\/0?0\/(\d{4})$/, '$1'), { allowYearOnly: true });
  if (!dateOfBirth.ok) return err('bhyt_qr.date', dateOfBirth.error.message, 'dateOfBirth');

  const genderCode = field(3);
  if (genderCode !== '1' && genderCode !== '2')
    return err('bhyt_qr.gender', `gender must be 1 or 2, not ${genderCode ?? 'empty'}`, 'gender');

  const address = hexField(field(4), 'address');
  if (!address.ok) return address;

  let registeredClinicCode: string | null = null;
  const clinic = field(5);
  if (clinic !== null) {
    const m = CLINIC.exec(clinic);
    if (!m)
      return err(
        'bhyt_qr.clinic',
        `"${clinic}" is not a clinic code like "01 - 028"`,
        'registeredClinicCode',
      );
    registeredClinicCode = `${m[1] ?? ''}${(m[2] ?? '').toUpperCase()}`;
  }

  const validFrom = dateField(field(6), 'validFrom', true);
  if (!validFrom.ok) return validFrom;
  const validTo = dateField(field(7), 'validTo', false);
  if (!validTo.ok) return validTo;
  if (validFrom.value && validTo.value && validTo.value < validFrom.value) {
    return err('bhyt_qr.validity', 'the card ends before it starts', 'validTo');
  }
  const issuedOn = dateField(field(8), 'issuedOn', false);
  if (!issuedOn.ok) return issuedOn;

  const managementCode = field(9);
  if (managementCode !== null && !/^[0-9A-Za-z]+$/.test(managementCode)) {
    return err(
      'bhyt_qr.management_code',
      'the management code has letters and digits only',
      'managementCode',
    );
  }
  const guardianName = hexField(field(10), 'guardianName');
  if (!guardianName.ok) return guardianName;
  const fiveYearDate = dateField(field(12), 'fiveYearDate', false);
  if (!fiveYearDate.ok) return fiveYearDate;
  const issuingPlace = hexField(field(15), 'issuingPlace');
  if (!issuingPlace.ok) return issuingPlace;

  return ok({
    card: {
      cardNumber,
      fullName: fullName.value,
      dateOfBirth: dateOfBirth.value,
      gender: genderCode === '1' ? 'male' : 'female',
      address: address.value,
      registeredClinicCode,
      validFrom: validFrom.value ?? '',
      validTo: validTo.value,
      issuedOn: issuedOn.value,
      managementCode,
      guardianName: guardianName.value,
      fiveYearDate: fiveYearDate.value,
      issuingPlace: issuingPlace.value,
      ...(warnings.length ? { warnings } : {}),
    },
    extras: { checkString: field(13), code11: field(11), code14: field(14) },
  });
}

/** A hex text field, decoded, trimmed and, when it is mojibake, repaired (noted in `warnings`). */
function readHexField(value: string | null, name: string, warnings: TextRepair[]): Result<string | null> {
  if (value === null) return ok(null);
  const decoded = decodeHexUtf8(value);
  if (!decoded.ok) return err('bhyt_qr.bad_hex', `${name}: ${decoded.error.message}`, name);
  return repairTextField(decoded.value.trim(), name, warnings);
}

function dateField(value: string | null, name: string, required: boolean): Result<string | null> {
  if (value === null) return required ? err('bhyt_qr.missing', `${name} is empty`, name) : ok(null);
  const d = parseVnDate(value);
  return d.ok ? ok(d.value) : err('bhyt_qr.date', `${name}: ${d.error.message}`, name);
}

/** The card as input to `encodeBhytQr` (the optional extras default to empty). */
export type BhytQrInput = BhytQr & Partial<BhytQrExtras>;

/**
 * Writes the full 16-field new-card payload, terminated by `$`, that clinics' scanners read
 * (domain reference, "BHYT card QR"): text fields as lowercase UTF-8 hex of their NFC form, dates
 * `dd/MM/yyyy` (a year alone as `yyyy`), the clinic as `01 - 028`, `-` for empty. For any valid
 * card (trimmed NFC text, real dates, upper-case card number),
 * `parseBhytQrDetails(encodeBhytQr(card))` gives the card back.
 */
export function encodeBhytQr(card: BhytQrInput): string {
  const text = (v: string | null | undefined) => (v ? encodeHexUtf8(v) : EMPTY);
  const date = (v: string | null | undefined) => (v ? formatVnDate(v) : EMPTY);
  const raw = (v: string | null | undefined) => (v ? v : EMPTY);
  const clinic = card.registeredClinicCode
    ? `${card.registeredClinicCode.slice(0, 2)} - ${card.registeredClinicCode.slice(2)}`
    : EMPTY;
  return [
    card.cardNumber,
    text(card.fullName),
    date(card.dateOfBirth),
    card.gender === 'male' ? '1' : '2',
    text(card.address),
    clinic,
    date(card.validFrom),
    date(card.validTo),
    date(card.issuedOn),
    raw(card.managementCode),
    text(card.guardianName),
    raw(card.code11),
    date(card.fiveYearDate),
    raw(card.checkString),
    raw(card.code14),
    text(card.issuingPlace),
    '$',
  ].join('|');
}
