import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language, LANGUAGES } from '@vssid/domain/i18n';

/**
 * The app's translations: the shared catalogs of @vssid/domain, one language loaded at a time
 * (each language's JSON is its own chunk).
 */
const catalogs = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../../domain/src/i18n/locales/*/{common,web}.json',
);
const STORAGE_KEY = 'vssid.lang';

async function loadLanguage(language: Language): Promise<void> {
  for (const ns of ['common', 'web'] as const) {
    if (i18next.hasResourceBundle(language, ns)) continue;
    const load = catalogs[`../../../domain/src/i18n/locales/${language}/${ns}.json`];
    if (!load) throw new Error(`no ${ns} catalog for ${language}`);
    i18next.addResourceBundle(language, ns, (await load()).default, true, true);
  }
}

/**
 * The language to start in: `?lang=xx` (deep links, tests) > the one chosen before > the
 * browser's languages > Vietnamese.
 */
export function initialLanguage(search: string, stored: string | null, browser: readonly string[]): Language {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLanguage(fromQuery)) return fromQuery;
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

function remember(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18next.t('common:appName');
}

export async function setupI18n(): Promise<typeof i18next> {
  const language = initialLanguage(window.location.search, storedLanguage(), navigator.languages);
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ['common', 'web'],
    defaultNS: 'web',
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  await loadLanguage(language);
  if (language !== DEFAULT_LANGUAGE) await loadLanguage(DEFAULT_LANGUAGE);
  await i18next.changeLanguage(language);
  remember(language);
  applyToDocument(language);
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  remember(language);
  applyToDocument(language);
}
