import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, resources } from '@vssid/domain/i18n';

/**
 * The server's translator: one i18next instance over the shared catalogs (no global singleton, so
 * every app built in a test has its own). Used for errors now, and for SMS, email and PDF later.
 */
export interface Translator {
  t(language: Language, key: string, params?: Record<string, unknown>): string;
  fixed(language: Language, namespace?: 'common' | 'errors' | 'messages'): TFunction;
}

export function createTranslator(): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ['common', 'errors', 'messages'],
    defaultNS: 'errors',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    t: (language, key, params) => instance.getFixedT(language)(key, params ?? {}),
    fixed: (language, namespace = 'errors') => instance.getFixedT(language, namespace),
  };
}
