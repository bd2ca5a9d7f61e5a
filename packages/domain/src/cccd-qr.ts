import { validateCccd, isCmnd } from './cccd';
import { parseVnDate } from './dates';
import { err, ok, type Result } from './result';
import { normalizeForSearch, toNfc } from './text';

/** What the QR code on a chip citizen ID card (CCCD) says. */
export interface CccdQr {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  address: string;
  issuedOn: string;
}

/**
 * Reads a CCCD QR payload: `CCCD|old CMND|Full name|DOB ddMMyyyy|Nam or Nữ|address|issue date`
 * (7 fields; the old CMND may be empty; domain reference, "CCCD QR"). Fields are trimmed and
 * NFC; `Nam`/`Nữ` are read in any case, precomposed, decomposed or without tone marks (`Nu`). The
 * number must agree with the date of birth and gender (`validateCccd`). A single trailing `|` is
 * tolerated. Errors: `cccd_qr.not_text`, `.field_count`, `.gender`, `.date`, `.old_id`,
 * `.missing`, `.unreadable`, and the `cccd.*` codes of the number (field `idNumber`). Never throws.
 */
export function parseCccdQr(input: unknown): Result<CccdQr> {
  try {
    return parse(input);
  } catch {
    return err('cccd_qr.unreadable', 'the payload could not be read');
  }
}

function parse(input: unknown): Result<CccdQr> {
  if (typeof input !== 'string') return err('cccd_qr.not_text', 'the payload is not text');
  const fields = toNfc(input.trim())
    .split('|')
    .map((s) => s.trim());
  if (fields.length === 8 && fields[7] === '') fields.pop();
  if (fields.length !== 7)
    return err('cccd_qr.field_count', `a CCCD QR has 7 fields, this one ${fields.length}`);
  const [idNumber = '', oldId = '', fullName = '', dob = '', genderText = '', address = '', issued = ''] =
    fields;

  const g = normalizeForSearch(genderText);
  const gender = g === 'nam' ? 'male' : g === 'nu' ? 'female' : null;
  if (!gender) return err('cccd_qr.gender', `gender must be Nam or Nữ, not "${genderText}"`, 'gender');
  const dateOfBirth = parseVnDate(dob);
  if (!dateOfBirth.ok)
    return err('cccd_qr.date', `date of birth: ${dateOfBirth.error.message}`, 'dateOfBirth');
  const id = validateCccd(idNumber, { dateOfBirth: dateOfBirth.value, gender });
  if (!id.ok) return err(id.error.code, id.error.message, 'idNumber');
  if (oldId !== '' && !isCmnd(oldId))
    return err('cccd_qr.old_id', 'the old ID number has 9 or 12 digits', 'oldIdNumber');
  if (fullName === '') return err('cccd_qr.missing', 'the full name is empty', 'fullName');
  if (address === '') return err('cccd_qr.missing', 'the address is empty', 'address');
  const issuedOn = parseVnDate(issued);
  if (!issuedOn.ok) return err('cccd_qr.date', `issue date: ${issuedOn.error.message}`, 'issuedOn');
  if (issuedOn.value < dateOfBirth.value)
    return err('cccd_qr.date', 'the card was issued before its holder was born', 'issuedOn');

  return ok({
    idNumber: id.value,
    oldIdNumber: oldId === '' ? null : oldId,
    fullName,
    dateOfBirth: dateOfBirth.value,
    gender,
    address,
    issuedOn: issuedOn.value,
  });
}
