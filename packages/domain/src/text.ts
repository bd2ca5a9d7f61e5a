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

/**
 * Windows-1252 characters of the bytes 0x80–0x9F (the rest of 0x00–0xFF are Latin-1 and map to
 * themselves). UTF-8 read as Windows-1252 turns these bytes into these characters.
 */
const CP1252_HIGH: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
  '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
  '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}; // prettier-ignore

/** A character standing for a UTF-8 continuation byte (0x80–0xBF) once read as Latin-1/Windows-1252. */
const CONTINUATION = '[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
/** A UTF-8 lead byte (0xC2–0xF4) read as Latin-1, followed by a continuation byte: the mark of mojibake. */
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}`, 'g');

/** The bytes a text would have had before being read as Windows-1252, or null if it cannot be. */
function cp1252Bytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  let i = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const byte = code <= 0xff ? code : CP1252_HIGH[ch];
    if (byte === undefined) return null;
    bytes[i++] = byte;
  }
  return bytes.subarray(0, i);
}

const mojibakeMarks = (text: string) => text.match(MOJIBAKE)?.length ?? 0;

/** True when a text looks like UTF-8 read as Latin-1 or Windows-1252 ("Nguyá»…n" for "Nguyễn"). */
export function looksLikeMojibake(text: string): boolean {
  return mojibakeMarks(text) > 0;
}

/** One word (no ASCII space) repaired, left as it is, or null when mangled beyond repair. */
function repairWord(word: string): string | null {
  let current = word;
  for (let round = 0; round < 3 && looksLikeMojibake(current); round++) {
    const bytes = cp1252Bytes(current);
    if (!bytes) return current; // letters outside Windows-1252 (ễ, ư, đ): not mangled text
    try {
      current = utf8.decode(bytes);
    } catch {
      // Not UTF-8 once turned back into bytes: a real Latin-1 word ("Hà" + a no-break space), or
      // mangled text whose bytes were lost. Two or more marks make the second far likelier.
      return round === 0 && mojibakeMarks(current) < 2 ? current : null;
    }
  }
  return current;
}

/** A continuation byte's character (C1 control or Windows-1252 0x80–0x9F) against a letter. */
const RESIDUE = new RegExp(
  `\\p{L}[\\u0080-\\u009F€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|[\\u0080-\\u009F€‚ƒ„…†‡ˆ‰‹‘’“”•–—˜™›]\\p{L}`,
  'u',
);

/** A word ending in a UTF-8 lead byte, alone or with one continuation byte, read as Latin-1. */
const CUT_SHORT = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}?$`);

/**
 * The last word of a field: trimming the field drops a trailing no-break space, which is the last
 * byte (0xA0) of à, Ạ, Ơ, Ỡ… read as Latin-1 ("Nguyễn Thị Hà" → "Nguyá»…n Thá»‹ HÃ\u00A0" → "HÃ").
 * When the word ends cut short like that, the byte is put back if it makes the word whole.
 */
function repairLastWord(word: string): string | null {
  const plain = repairWord(word);
  if (!CUT_SHORT.test(word)) return plain;
  const completed = repairWord(`${word}\u00A0`);
  return completed !== null && !completed.endsWith('\u00A0') && !looksLikeMojibake(completed)
    ? completed
    : plain;
}

/**
 * Repairs mojibake: UTF-8 bytes that were read as Latin-1 or Windows-1252 and written again as
 * UTF-8 ("Nguyá»…n VÄƒn" → "Nguyễn Văn"; issue #19, item 4). Each word is turned back into the
 * bytes it was read from and decoded as UTF-8, again for text mangled twice. Real Vietnamese is
 * left as it is (`repaired: false`): it has no lead byte followed by a continuation byte, and its
 * letters outside Windows-1252 (ễ, ư, đ) cannot be turned into bytes. A word with two or more marks
 * that does not decode is `text.mojibake`: mangled beyond repair. Output is NFC.
 */
export function repairMojibake(text: string): Result<{ text: string; repaired: boolean }> {
  if (!looksLikeMojibake(text)) return ok({ text, repaired: false });
  const parts = text.split(/( +)/);
  const last = parts.findLastIndex((part) => part.trim() !== '');
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    const word = i === last ? repairLastWord(part) : repairWord(part);
    // In a text that is mojibake, a word left as it was but holding a continuation byte's character
    // against a letter ("Nguyáx…n": a byte was lost) is mangled too, not a real word.
    if (word === null || (word === part && RESIDUE.test(part)))
      return err('text.mojibake', 'the text is UTF-8 read as Latin-1 and cannot be repaired');
    out.push(word);
  }
  const repaired = toNfc(out.join(''));
  return ok({ text: repaired, repaired: repaired !== toNfc(text) });
}

/** A field whose text was repaired on reading: shown to the person so they can check it. */
export interface TextRepair {
  code: 'text.mojibake_repaired';
  field: string;
  /** The text as it was read. */
  original: string;
}

/**
 * A text field of a QR payload with its mojibake repaired; the repair is noted in `warnings`, and
 * text mangled beyond repair is `text.mojibake` naming the field (see `repairMojibake`).
 */
export function repairTextField(text: string, field: string, warnings: TextRepair[]): Result<string> {
  const r = repairMojibake(text);
  if (!r.ok) return err(r.error.code, `${field}: ${r.error.message}`, field);
  if (r.value.repaired) warnings.push({ code: 'text.mojibake_repaired', field, original: text });
  return ok(r.value.text);
}
