import { normalizeForSearch } from '../text';

/**
 * Masking of look-up answers (issue "Look-ups": answers resist mining). A public look-up shows
 * only enough for a person to recognise their own record, never the registry data itself.
 */

/**
 * A code or number with all but its first and last `keep` characters replaced by `*`:
 * `0123456712` → `01******12`; `0912345623` → `09******23`. Strings of 2·keep characters or
 * fewer are masked whole, so a short value never shows in full.
 */
export function maskMiddle(value: string, keep = 2): string {
  const chars = Array.from(value);
  if (chars.length <= keep * 2) return '*'.repeat(chars.length);
  return (
    chars.slice(0, keep).join('') +
    '*'.repeat(chars.length - keep * 2) +
    chars.slice(chars.length - keep).join('')
  );
}

/**
 * A full name as initials, in the order written: "Nguyễn Văn An" → "N. V. A.". Initials keep
 * their Vietnamese letter ("Đỗ Thị Ánh" → "Đ. T. Á."), upper case.
 */
export function nameInitials(fullName: string): string {
  return fullName
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => `${Array.from(w)[0]?.toLocaleUpperCase('vi') ?? ''}.`)
    .join(' ');
}

/** The form names are compared in by the look-ups: `normalizeForSearch`, with apostrophes and hyphens dropped. */
export function nameKey(fullName: string): string {
  return normalizeForSearch(fullName)
    .replace(/['’‘`-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
