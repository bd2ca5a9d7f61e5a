import { type IsoDateOrYear, lastDayOfMonth, parseIsoDate } from './dates';
import { vietnamToday } from './vietnam-time';
import { parameterAt } from './parameters';
import { err, ok, type Result } from './result';

/**
 * When the card of a child under 6 (object code TE) ends.
 *
 * Luật BHYT 25/2008/QH12, Art. 16 §3 as amended by Luật 46/2014/QH13 (Art. 1 §10): "Đối với trẻ
 * em dưới 6 tuổi thì thẻ bảo hiểm y tế có giá trị sử dụng đến ngày trẻ đủ 72 tháng tuổi. Trường
 * hợp trẻ đủ 72 tháng tuổi mà chưa đến kỳ nhập học thì thẻ bảo hiểm y tế có giá trị sử dụng đến
 * ngày 30 tháng 9 của năm đó." NĐ 146/2018/NĐ-CP, Art. 13 §2 applies it by month of birth, the
 * school intake being in September: a child born from 1 January to 30 September keeps the card to
 * 30 September of the year they reach 72 months; one born after 30 September, to the last day of
 * the month they reach 72 months. (ASSUMPTION: Luật 51/2024/QH15 and the decree that replaced
 * NĐ 146/2018 keep this rule; we found no change to it.) With a year of birth alone, the child is
 * taken as born before 30 September (the earlier end: a clinic must not read a card past it).
 * After it the child is covered as a pupil (HS), by the household (GD) or otherwise. The age and
 * the day of the school intake are the parameter `bhytChildCardEnd` (parameter-table.ts).
 */
export function teCardEndDate(dateOfBirth: IsoDateOrYear): Result<string> {
  const birth = parseIsoDate(dateOfBirth, { allowYearOnly: true });
  if (!birth.ok) return err(birth.error.code, birth.error.message, 'dateOfBirth');
  const yearOnly = birth.value.length === 4;
  const birthYear = Number(birth.value.slice(0, 4));
  const birthMonth = yearOnly ? 1 : Number(birth.value.slice(5, 7));
  // The rule of the parameter table in force when the child was born.
  const { months, untilSchoolIntake } = parameterAt(
    'bhytChildCardEnd',
    yearOnly ? `${birth.value}-01-01` : birth.value,
  );
  // The month the age is reached in (on the same day number, or that month's last day).
  const reached = birthYear * 12 + (birthMonth - 1) + months;
  const [year, month] = [Math.floor(reached / 12), (reached % 12) + 1];
  const monthEnd = lastDayOfMonth(year, month);
  const intake = `${String(year).padStart(4, '0')}-${untilSchoolIntake}`;
  return ok(monthEnd.slice(0, 7) <= intake.slice(0, 7) ? intake : monthEnd);
}

/** The object code of cards for children under 6 (trẻ em dưới 6 tuổi). */
export const CHILD_UNDER_SIX_OBJECT_CODE = 'TE';

/**
 * The last day a card is in force: its own `validTo` (null: open-ended), or, for a TE card, the
 * legal end of `teCardEndDate` when that comes first — cards recorded with a later date (legacy
 * data: a TE card to 31 December of the year the child turns 6 or later) end when the law says.
 */
export function cardEndDate(card: {
  objectCode: string | null;
  validTo: string | null;
  dateOfBirth: IsoDateOrYear | null;
}): string | null {
  if (card.objectCode !== CHILD_UNDER_SIX_OBJECT_CODE || !card.dateOfBirth) return card.validTo;
  const legal = teCardEndDate(card.dateOfBirth);
  if (!legal.ok) return card.validTo;
  return card.validTo === null || legal.value < card.validTo ? legal.value : card.validTo;
}

/** True when the card has ended by `today` (`yyyy-mm-dd`; by default today in Vietnam). */
export function cardHasEnded(
  card: { objectCode: string | null; validTo: string | null; dateOfBirth: IsoDateOrYear | null },
  today: string = vietnamToday(),
): boolean {
  const end = cardEndDate(card);
  return end !== null && end < today;
}
