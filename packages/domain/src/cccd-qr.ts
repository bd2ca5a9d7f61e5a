import { validateCccd, isCmnd } from './cccd';
import { parseVnDate } from './dates';
import { err, ok, type Result } from './result';
import { normalizeForSearch, repairTextField, type TextRepair, toNfc } from './text';

/** What the QR code on a chip citizen ID card (CCCD) or an identity card (thẻ căn cước) says. */
export interface CccdQr {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  address: string;
  /** Null when the payload has no issue date (the 6-field shape). */
  issuedOn: string | null;
  /** Fields after the issue date, as read (new cards and some readers add some); only when present. */
  extraFields?: string[];
  /** Text fields repaired on reading (mojibake), only when there are some: for the clerk to check. */
  warnings?: TextRepair[];
}

/** The fields in order, named as the errors name them. */
const FIELDS = [
  'idNumber',
  'oldIdNumber',
  'fullName',
  'dateOfBirth',
  'gender',
  'address',
  'issuedOn',
] as const;

/**
 * Reads the QR payload of a chip CCCD (from 2021) or of the identity card issued from 1 July 2024
 * (thẻ căn cước, Luật Căn cước 2023): `|`-separated `number|old CMND|Full name|DOB ddMMyyyy|Nam or
 * Nữ|address|issue date ddMMyyyy` (domain reference, "CCCD QR"). Shapes in use are accepted
 * (issue #19): the 7 fields; 6 fields without the issue date; no old-CMND field at all (the second
 * field is then the name); fields after the issue date (kept in `extraFields`); trailing
 * separators. The old CMND may be empty. Fields are trimmed and NFC; dates `ddMMyyyy` or
 * `dd/MM/yyyy`; `Nam`/`Nữ` in any case, precomposed, decomposed or without tone marks (`Nu`).
 * Mojibake in the name or address is repaired and reported in `warnings` (`repairMojibake`). The
 * number must agree with the date of birth and gender (`validateCccd`). Errors, each naming its
 * field: `cccd_qr.not_text`, `.field_count` (fewer fields than a card has, naming the first
 * missing one), `.gender`, `.date`, `.old_id`, `.missing`, `.unreadable`, `text.mojibake`, and the
 * `cccd.*` codes of the number (field `idNumber`). Never throws.
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
  const fields = toNfc(input.replace(/^\uFEFF/, '').trim())
    .split('|')
    .map((s) => s.trim());
  while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  if (fields.length < 2 || fields.every((f) => f === ''))
    return err('cccd_qr.field_count', 'not a CCCD QR payload (no | separated fields)', 'idNumber');
  // Without an old-CMND field the second field is the name (it has letters) and the third the date
  // of birth; anything else in the second field is read as a (bad) old CMND.
  const hasOldId = !(
    /\p{L}/u.test(fields[1] ?? '') && /^(?:\d{8}|\d{1,2}\/\d{1,2}\/\d{4})$/.test(fields[2] ?? '')
  );
  const named = hasOldId ? fields : [fields[0] ?? '', '', ...fields.slice(1)];
  const required = 6; // up to the address; the issue date may be absent
  if (named.length < required) {
    const missing = FIELDS[named.length] ?? 'address';
    return err(
      'cccd_qr.field_count',
      `a CCCD QR has the number, old ID, name, birth date, gender, address and issue date; this one stops before the ${missing}`,
      missing,
    );
  }
  const [idNumber = '', oldId = '', rawName = '', dob = '', genderText = '', rawAddress = '', issued] = named;
  const extraFields = named.slice(7);

  // Bilingual cards may write "Nam/Male", "Nữ/Female": the Vietnamese word comes first.
  const g = normalizeForSearch(genderText.split('/')[0] ?? '');
  const gender = g === 'nam' ? 'male' : g === 'nu' ? 'female' : null;
  if (!gender) return err('cccd_qr.gender', `gender must be Nam or Nữ, not "${genderText}"`, 'gender');
  const dateOfBirth = parseVnDate(dob);
  if (!dateOfBirth.ok)
    return err('cccd_qr.date', `date of birth: ${dateOfBirth.error.message}`, 'dateOfBirth');
  const id = validateCccd(idNumber, { dateOfBirth: dateOfBirth.value, gender });
  if (!id.ok) return err(id.error.code, id.error.message, 'idNumber');
  if (oldId !== '' && !isCmnd(oldId))
    return err('cccd_qr.old_id', 'the old ID number has 9 or 12 digits', 'oldIdNumber');
  if (rawName === '') return err('cccd_qr.missing', 'the full name is empty', 'fullName');
  if (rawAddress === '') return err('cccd_qr.missing', 'the address is empty', 'address');
  const warnings: TextRepair[] = [];
  const fullName = repairTextField(rawName, 'fullName', warnings);
  if (!fullName.ok) return fullName;
  const address = repairTextField(rawAddress, 'address', warnings);
  if (!address.ok) return address;
  let issuedOn: string | null = null;
  if (issued !== undefined && issued !== '') {
    const d = parseVnDate(issued);
    if (!d.ok) return err('cccd_qr.date', `issue date: ${d.error.message}`, 'issuedOn');
    if (d.value < dateOfBirth.value)
      return err('cccd_qr.date', 'the card was issued before its holder was born', 'issuedOn');
    issuedOn = d.value;
  }

  return ok({
    idNumber: id.value,
    oldIdNumber: oldId === '' ? null : oldId,
    fullName: fullName.value,
    dateOfBirth: dateOfBirth.value,
    gender,
    address: address.value,
    issuedOn,
    ...(extraFields.length ? { extraFields } : {}),
    ...(warnings.length ? { warnings } : {}),
  });
}
