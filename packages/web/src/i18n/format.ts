import {
  type DateInput,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
} from '@vssid/domain/format';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@vssid/domain/i18n';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The screen's language as one of the five (i18next keeps it as a string). */
export function screenLanguage(language: string | undefined): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * The domain's formatter (`@vssid/domain` format.ts, the one for every screen, message and PDF)
 * bound to the screen's language: `const f = useFormat(); f.date(iso)`.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  return useMemo(
    () => ({
      lang,
      date: (input: DateInput) => formatDate(input, lang),
      dateTime: (input: DateInput) => formatDateTime(input, lang),
      month: (input: string) => formatMonth(input, lang),
      money: (amount: number) => formatMoney(amount, lang),
      number: (value: number, maxFractionDigits?: number) => formatNumber(value, lang, maxFractionDigits),
      percent: (basisPoints: number) => formatPercent(basisPoints, lang),
    }),
    [lang],
  );
}
