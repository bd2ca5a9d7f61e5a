import { isLanguage, type Language, pickLanguage } from '@vssid/domain/i18n';

/** Where an explicit choice from the language switcher is kept (the offline page reads it too). */
export const LANGUAGE_STORAGE_KEY = 'vssid.lang';
/** `?lang=xx`: a one-visit override for deep links and tests; it is not remembered. */
export const LANGUAGE_QUERY_PARAM = 'lang';

interface LanguageSources {
  /** `location.search`, with or without the leading `?`. */
  search: string;
  /** What the switcher stored earlier, if anything. */
  stored: string | null;
  /** `navigator.languages`, most preferred first. */
  browser: readonly string[];
}

/**
 * The language to show: `?lang=xx` > the language chosen before > the first of the browser's
 * languages the app speaks (`zh-TW` → `zh`) > Vietnamese.
 */
export function chooseLanguage({ search, stored, browser }: LanguageSources): Language {
  const fromQuery = new URLSearchParams(search).get(LANGUAGE_QUERY_PARAM);
  if (isLanguage(fromQuery)) return fromQuery;
  if (isLanguage(stored)) return stored;
  // navigator.languages is an ordered list of tags: as an Accept-Language header every entry has
  // q=1, and pickLanguage keeps the first supported one.
  return pickLanguage(browser.filter((tag) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)).join(','));
}

/** `document.title`: the page's title and the app's short name, or the app's full name on its home page. */
export function documentTitle(
  pageTitle: string | undefined,
  app: { name: string; shortName: string },
): string {
  const page = pageTitle?.trim();
  return page ? `${page} – ${app.shortName}` : app.name;
}
