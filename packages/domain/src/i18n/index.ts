/**
 * Translation catalogs shared by the server (errors, and later SMS, email, PDF) and the web app.
 * Catalogs live in `locales/<language>/<namespace>.json`; every key exists in every language
 * (checked by `catalogs.test.ts`).
 */
export * from './languages';
export { NAMESPACES, type Namespace, type Catalog, resources } from './resources';
