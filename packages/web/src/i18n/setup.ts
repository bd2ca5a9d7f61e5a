import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, LANGUAGES } from '@vssid/domain/i18n';
import { chooseLanguage, LANGUAGE_STORAGE_KEY } from './language';

/**
 * The shared catalogs of @vssid/domain (`common` is shared with the server, `web` is the app's).
 * Each language's files are their own chunks: only the language on screen is downloaded.
 */
const catalogs = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../../domain/src/i18n/locales/*/{common,web}.json',
);
const NAMESPACES = ['common', 'web'] as const;

type Bundle = Record<string, unknown>;

async function fetchCatalog(language: Language, ns: (typeof NAMESPACES)[number]): Promise<Bundle> {
  const load = catalogs[`../../../domain/src/i18n/locales/${language}/${ns}.json`];
  if (!load) throw new Error(`no ${ns} catalog for ${language}`);
  return (await load()).default;
}

async function fetchLanguage(language: Language): Promise<Record<string, Bundle>> {
  const bundles = await Promise.all(NAMESPACES.map((ns) => fetchCatalog(language, ns)));
  return Object.fromEntries(NAMESPACES.map((ns, i) => [ns, bundles[i] ?? {}]));
}

async function loadLanguage(language: Language): Promise<void> {
  if (NAMESPACES.every((ns) => i18next.hasResourceBundle(language, ns))) return;
  for (const [ns, bundle] of Object.entries(await fetchLanguage(language))) {
    i18next.addResourceBundle(language, ns, bundle, true, true);
  }
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled
  }
}

function remember(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

/** Starts i18next in the language chosen by `chooseLanguage`, with that language's catalogs loaded. */
export async function setupI18n(): Promise<void> {
  const language = chooseLanguage({
    search: window.location.search,
    stored: storedLanguage(),
    browser: navigator.languages,
  });
  const resources = { [language]: await fetchLanguage(language) };
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    // Every key exists in every language (catalogs.test.ts), so no second language is loaded
    // as a fallback.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    load: 'currentOnly',
    ns: [...NAMESPACES],
    defaultNS: 'web',
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
  });
  document.documentElement.lang = language;
}

/** Switches the language (downloading it first, so the screen never shows keys) and remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  remember(language);
}
