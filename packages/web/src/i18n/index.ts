export { loadSupportCatalog, setupI18n } from './setup';
export { documentTitle } from './language';
export type { WebKey } from './keys';
export { LanguageSwitcher } from './language-switcher';
export { screenLanguage } from './format';
