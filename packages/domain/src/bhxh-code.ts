import { err, ok, type Result } from './result';

/**
 * The social insurance code (mã số BHXH): 10 digits, one per person for life, starting with the
 * issuing province's code. No check digit is published, so only the shape can be checked here;
 * existence is checked against the database. Spaces are ignored (`0123 456 789`).
 * Rule: domain reference, "Identifiers" (validate `^\d{10}$` and existence).
 */
export function parseBhxhCode(text: string): Result<string> {
  const code = text.replace(/\s+/g, '');
  if (!/^\d+$/.test(code)) return err('bhxh_code.not_digits', 'a BHXH code has digits only', 'bhxhCode');
  if (code.length !== 10)
    return err('bhxh_code.length', `a BHXH code has 10 digits, not ${code.length}`, 'bhxhCode');
  return ok(code);
}

/** True for exactly 10 digits, already normalized (no spaces): see `parseBhxhCode`. */
export function isBhxhCode(text: string): boolean {
  return /^\d{10}$/.test(text);
}
