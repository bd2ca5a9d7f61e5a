import { err, ok, type Result } from './result';

/**
 * Unicode NFC, the form every stored and compared text takes: Vietnamese arrives both
 * precomposed (`ễ`, U+1EC5) and decomposed (`e` + U+0302 + U+0303) from keyboards and scanners.
 */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * The form Vietnamese text is searched in: tone marks and other diacritics removed, `đ` → `d`,
 * case-folded, spaces collapsed and trimmed. "Nguyễn Văn Đức" → "nguyen van duc". Idempotent.
 * Rule: domain reference, "Administrative units": search must match without tone marks
 * (`Nguyen` finds `Nguyễn`, `d` finds `đ`). `đ` has no decomposition in Unicode, hence the
 * explicit mapping.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const HEX = /^(?:[0-9a-f]{2})*$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * Text written as the hexadecimal of its UTF-8 bytes, upper or lower case, returned in NFC.
 * Rule: domain reference, "BHYT card QR": text fields are UTF-8 bytes written as hex. Odd length
 * or a non-hex character gives `text.bad_hex`; bytes that are not UTF-8 give `text.bad_utf8`.
 */
export function decodeHexUtf8(hex: string): Result<string> {
  if (!HEX.test(hex)) return err('text.bad_hex', 'not an even-length hexadecimal string');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  try {
    return ok(toNfc(utf8.decode(bytes)));
  } catch {
    return err('text.bad_utf8', 'the bytes are not valid UTF-8');
  }
}

/**
 * The lowercase hexadecimal of the text's UTF-8 bytes (NFC first), as the BHYT card QR writes its
 * text fields (domain reference, "BHYT card QR").
 */
export function encodeHexUtf8(text: string): string {
  let out = '';
  for (const byte of encoder.encode(toNfc(text))) out += byte.toString(16).padStart(2, '0');
  return out;
}
