export { setupI18n, changeLanguage } from './setup';
export { chooseLanguage, documentTitle, LANGUAGE_QUERY_PARAM, LANGUAGE_STORAGE_KEY } from './language';
export type { WebKey } from './keys';
export { LanguageSwitcher } from './language-switcher';
export { screenLanguage, useFormat, type Format } from './format';
