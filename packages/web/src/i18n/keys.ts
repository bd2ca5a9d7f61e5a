import type { ParseKeys } from 'i18next';

/** A key of the `web` catalog (the default namespace), checked by the compiler (see i18next.d.ts). */
export type WebKey = ParseKeys;
