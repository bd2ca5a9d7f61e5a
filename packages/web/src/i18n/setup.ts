import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, LANGUAGES } from '@vssid/domain/i18n';
import { fetchFeatureCatalog, fetchLanguage, NAMESPACES, startLanguage } from './catalogs';
import { LANGUAGE_STORAGE_KEY } from './language';

/**
 * Resolves once i18next is initialised: the router starts loading a deep link's page before
 * `setupI18n` has run (main.tsx), and the instance has no language nor resource methods until then.
 */
function initialised(): Promise<void> {
  if (i18next.isInitialized) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      i18next.off('initialized', done);
      resolve();
    };
    i18next.on('initialized', done);
  });
}

/** The `support` catalog in the language on screen (the screens of issue 25 await it before showing). */
export async function loadSupportCatalog(): Promise<void> {
  await initialised();
  const language = i18next.language as Language;
  if (i18next.hasResourceBundle(language, 'support')) return;
  i18next.addResourceBundle(language, 'support', await fetchFeatureCatalog(language), true, true);
}

async function loadLanguage(language: Language): Promise<void> {
  // A screen that needed the support catalog may still be on: switch it too.
  if (
    i18next.hasResourceBundle(i18next.language, 'support') &&
    !i18next.hasResourceBundle(language, 'support')
  )
    i18next.addResourceBundle(language, 'support', await fetchFeatureCatalog(language), true, true);
  if (NAMESPACES.every((ns) => i18next.hasResourceBundle(language, ns))) return;
  for (const [ns, bundle] of Object.entries(await fetchLanguage(language))) {
    i18next.addResourceBundle(language, ns, bundle, true, true);
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
  const language = startLanguage();
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
