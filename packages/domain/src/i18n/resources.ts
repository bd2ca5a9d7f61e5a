import type { Language } from './languages';
import viCommon from './locales/vi/common.json';
import enCommon from './locales/en/common.json';
import zhCommon from './locales/zh/common.json';
import jaCommon from './locales/ja/common.json';
import koCommon from './locales/ko/common.json';
import viErrors from './locales/vi/errors.json';
import enErrors from './locales/en/errors.json';
import zhErrors from './locales/zh/errors.json';
import jaErrors from './locales/ja/errors.json';
import koErrors from './locales/ko/errors.json';
import viMessages from './locales/vi/messages.json';
import enMessages from './locales/en/messages.json';
import zhMessages from './locales/zh/messages.json';
import jaMessages from './locales/ja/messages.json';
import koMessages from './locales/ko/messages.json';

/**
 * Namespaces: `common` (names, languages, shared words), `errors` (API and form errors),
 * `messages` (SMS, email and PDF texts the server sends), `web` (screens; loaded by the web app one
 * language at a time, not bundled here), `support` (the inbox, news, tickets and help screens of
 * issue 25: loaded by the web app with those screens, so the home page does not download them).
 */
export const NAMESPACES = ['common', 'errors', 'messages', 'web', 'support'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export interface Catalog {
  [key: string]: string | Catalog;
}

/** Catalogs the server needs, for every language. The web app loads its own lazily. */
export const resources: Record<Language, { common: Catalog; errors: Catalog; messages: Catalog }> = {
  vi: { common: viCommon, errors: viErrors, messages: viMessages },
  en: { common: enCommon, errors: enErrors, messages: enMessages },
  zh: { common: zhCommon, errors: zhErrors, messages: zhMessages },
  ja: { common: jaCommon, errors: jaErrors, messages: jaMessages },
  ko: { common: koCommon, errors: koErrors, messages: koMessages },
};
