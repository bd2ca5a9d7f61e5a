import 'i18next';
import type common from '../../../domain/src/i18n/locales/vi/common.json';
import type web from '../../../domain/src/i18n/locales/vi/web.json';
import type support from '../../../domain/src/i18n/locales/vi/support.json';

/**
 * Translation keys are checked by the compiler against the Vietnamese catalogs (the reference
 * language; every other language has the same keys, which catalogs.test.ts checks).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'web';
    resources: { common: typeof common; web: typeof web; support: typeof support };
  }
}
