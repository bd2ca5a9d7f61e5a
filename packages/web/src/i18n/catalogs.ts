import type { Language } from '@vssid/domain/i18n';
import { chooseLanguage, LANGUAGE_STORAGE_KEY } from './language';

/**
 * The shared catalogs of @vssid/domain (`common` is shared with the server, `web` is the app's).
 * Each language's files are their own chunks: only the language on screen is downloaded. Apart
 * from i18next (setup.ts) so that boot.ts can start the download before the app has arrived.
 */
const catalogs = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../../domain/src/i18n/locales/*/{common,web}.json',
);
export const NAMESPACES = ['common', 'web'] as const;

type Bundle = Record<string, unknown>;

async function fetchCatalog(language: Language, ns: (typeof NAMESPACES)[number]): Promise<Bundle> {
  const load = catalogs[`../../../domain/src/i18n/locales/${language}/${ns}.json`];
  if (!load) throw new Error(`no ${ns} catalog for ${language}`);
  return (await load()).default;
}

/**
 * The catalogs of screens that are not on the first page (issue 25: the inbox, news, tickets and
 * help screens, `support.json`): their own chunk per language, downloaded with those screens.
 */
const featureCatalogs = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../../domain/src/i18n/locales/*/support.json',
);

export async function fetchFeatureCatalog(language: Language): Promise<Bundle> {
  const load = featureCatalogs[`../../../domain/src/i18n/locales/${language}/support.json`];
  if (!load) throw new Error(`no support catalog for ${language}`);
  return (await load()).default;
}

/** A language's catalogs by namespace (a second call gets the first one's download). */
export async function fetchLanguage(language: Language): Promise<Record<string, Bundle>> {
  const bundles = await Promise.all(NAMESPACES.map((ns) => fetchCatalog(language, ns)));
  return Object.fromEntries(NAMESPACES.map((ns, i) => [ns, bundles[i] ?? {}]));
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled
  }
}

/** The language to start in (`chooseLanguage`), its catalogs' download started. */
export function startLanguage(): Language {
  const language = chooseLanguage({
    search: window.location.search,
    stored: storedLanguage(),
    browser: navigator.languages,
  });
  // A failed download is setupI18n's to report, when it awaits the same modules.
  fetchLanguage(language).catch(() => undefined);
  return language;
}
