/**
 * What every parser and validator of the domain returns: a value, or an error with a stable
 * `code` (for translation and tests), the `field` it concerns when there is one, and an English
 * `message` for developers. Domain functions never throw on bad input.
 */
export interface DomainError {
  code: string;
  field?: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** A success carrying `value`. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * A failure with a stable `code` (`<module>.<reason>`, e.g. `bhyt_qr.bad_hex`; every code has a
 * message in the five languages of `i18n/locales/<lang>/errors.json`), an English `message` for
 * developers, and the `field` of the form or payload it concerns, when there is one.
 */
export function err<T = never>(code: string, message: string, field?: string): Result<T> {
  return { ok: false, error: field === undefined ? { code, message } : { code, field, message } };
}
