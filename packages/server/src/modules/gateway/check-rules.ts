import type { CardCheckCode } from '@vssid/domain/api/gateway';
import { parseVnDate } from '@vssid/domain/dates';
import { normalizeForSearch } from '@vssid/domain';

/**
 * The result codes of the card check, computed from the data (domain-reference.md "Clinic card
 * check"; the national gateway's `KQNhanLichSuKCB2024`). Pure: the service reads the person, the
 * cards and the clerk, these rules say what the gateway answers.
 */

/** What the clinic typed: a legacy card number, a BHXH code (= a new card's number) or a CCCD. */
export type CheckKey =
  | { kind: 'legacy_card'; number: string; bhxhCode: string }
  | { kind: 'bhxh_code'; bhxhCode: string }
  | { kind: 'cccd'; cccd: string };

export interface CheckInput {
  key: CheckKey;
  fullName: string;
  /** ISO date, or a year alone. */
  birth: string;
  clerkCccd: string;
  clerkName: string;
}

/**
 * Reads the body (205 for a parameter that has not the gateway's format). Shapes: card number
 * `XX Y ZZ NNNNNNNNNN` (QĐ 1351/QĐ-BHXH, amended by QĐ 1018/QĐ-BHXH: 2 letters, 13 digits), a
 * BHXH code (10 digits), a CCCD (12 digits; Circular 59/2021/TT-BCA); `ngaySinh` dd/MM/yyyy or
 * yyyy; the clerk's CCCD 12 digits and name present (CV 1923/BHXH-CNTT, 2024).
 */
export function readCheckInput(body: {
  maThe: string;
  hoTen: string;
  ngaySinh: string;
  hoTenCb: string;
  cccdCb: string;
}): { ok: true; input: CheckInput } | { ok: false; field: string } {
  const code = body.maThe.trim().toUpperCase();
  let key: CheckKey;
  if (/^[A-Z]{2}\d{13}$/.test(code)) key = { kind: 'legacy_card', number: code, bhxhCode: code.slice(5) };
  else if (/^\d{10}$/.test(code)) key = { kind: 'bhxh_code', bhxhCode: code };
  else if (/^\d{12}$/.test(code)) key = { kind: 'cccd', cccd: code };
  else return { ok: false, field: 'maThe' };
  const fullName = body.hoTen.normalize('NFC').trim();
  if (!fullName) return { ok: false, field: 'hoTen' };
  const birth = parseVnDate(body.ngaySinh, { allowYearOnly: true });
  if (!birth.ok) return { ok: false, field: 'ngaySinh' };
  const clerkName = body.hoTenCb.normalize('NFC').trim();
  if (!clerkName) return { ok: false, field: 'hoTenCb' };
  if (!/^\d{12}$/.test(body.cccdCb.trim())) return { ok: false, field: 'cccdCb' };
  return { ok: true, input: { key, fullName, birth: birth.value, clerkCccd: body.cccdCb.trim(), clerkName } };
}

/** Names compared as people read them: case, spacing and Unicode form do not count, diacritics do. */
const nameKey = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi').replace(/\s+/g, ' ').trim();

/** 055: the clerk's name must be the one the clinic registered with that CCCD. */
export function clerkNameMatches(registered: string, given: string): boolean {
  return nameKey(registered) === nameKey(given);
}

/**
 * 000 on an exact name; 061 when the name differs but every word's first letter matches (same
 * number of words, diacritics ignored: a typo inside the words); 060 otherwise.
 * ASSUMPTION: "061 wrong name (first letter right)" read as the initials of every word.
 */
export function nameResult(recorded: string, given: string): '000' | '060' | '061' {
  if (nameKey(recorded) === nameKey(given)) return '000';
  const initials = (s: string) =>
    normalizeForSearch(s)
      .split(' ')
      .map((w) => w.charAt(0))
      .join('');
  return initials(recorded) === initials(given) ? '061' : '060';
}

/** 070 unless the date (or, when either side knows only the year, the year) agrees. */
export function birthMatches(
  person: { birth_date: string | null; birth_year: number },
  given: string,
): boolean {
  if (given.length === 4 || person.birth_date === null)
    return Number(given.slice(0, 4)) === person.birth_year;
  return person.birth_date === given;
}

export interface CardFacts {
  id: string;
  card_number: string;
  object_code: string;
  benefit_level: number;
  valid_from: string;
  valid_to: string | null;
  status: 'active' | 'replaced' | 'revoked' | 'suspended' | 'reduced';
  replaced_by_id: string | null;
  managing_body: 'bhxh' | 'defence' | 'public_security';
  reduced_kind: 'out_of_province' | 'in_province' | 'readded_same_unit' | 'other' | 'stopped' | null;
}

/**
 * 051/052/053 for a legacy card number that is not one of the person's cards: compared with the
 * number the current card has (or would have, for a new-format card: object code, level, the
 * province of the BHXH code, the BHXH code). Object code wrong → 051 (the card code), level
 * (char 3) → 053, province (chars 4–5) → 052; anything else → 051.
 */
export function wrongCardCode(given: string, current: CardFacts, bhxhCode: string): '051' | '052' | '053' {
  const expected =
    current.card_number.length === 15
      ? current.card_number
      : `${current.object_code}${current.benefit_level}${bhxhCode.slice(0, 2)}${bhxhCode}`;
  if (given.slice(0, 2) !== expected.slice(0, 2)) return '051';
  if (given.charAt(2) !== expected.charAt(2)) return '053';
  if (given.slice(3, 5) !== expected.slice(3, 5)) return '052';
  return '051';
}

const REDUCED: Record<NonNullable<CardFacts['reduced_kind']>, CardCheckCode> = {
  out_of_province: '120',
  in_province: '121',
  readded_same_unit: '122',
  other: '123',
  stopped: '124',
};

/**
 * The card's own state on `today`, once the identity matched: revoked 110; reported reduced
 * 120–124; replaced by a new card 003 (the old one expired) or 004 (still valid), or 100 when the
 * new card is missing from the data; expired or not yet valid 010; managed by the Ministry of
 * Defence 001 or of Public Security 002; else 000.
 * ASSUMPTION: a card suspended (tạm dừng) answers 124 ("stopped").
 */
export function cardResult(card: CardFacts, replacement: CardFacts | null, today: string): CardCheckCode {
  if (card.status === 'revoked') return '110';
  if (card.status === 'reduced') return card.reduced_kind ? REDUCED[card.reduced_kind] : '100';
  if (card.status === 'suspended') return '124';
  if (card.status === 'replaced') {
    if (!replacement) return '100';
    return card.valid_to !== null && card.valid_to < today ? '003' : '004';
  }
  if (card.valid_from > today || (card.valid_to !== null && card.valid_to < today)) return '010';
  if (card.managing_body === 'defence') return '001';
  if (card.managing_body === 'public_security') return '002';
  return '000';
}

/** Under 6 on `today` (72 months; Law on Health Insurance Art. 12: children under 6 are covered). */
export function isUnderSix(
  person: { birth_date: string | null; birth_year: number },
  today: string,
): boolean {
  const birth = person.birth_date ?? `${person.birth_year}-01-01`;
  const sixth = `${Number(birth.slice(0, 4)) + 6}${birth.slice(4)}`;
  return sixth > today;
}
