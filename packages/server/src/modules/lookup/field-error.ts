import type { Language } from '@vssid/domain/i18n';
import type { FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';

/** A field the look-up refuses, with its message in the caller's language. */
export const fieldError = (
  translator: Translator,
  language: Language,
  field: string,
  code: string,
  key: string,
  location = 'body',
): FieldError => ({ in: location, field, code, message: translator.t(language, key, { field }) });
