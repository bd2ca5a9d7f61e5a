/**
 * The one error type of the API. Thrown anywhere, turned into `application/problem+json`
 * (RFC 9457) by the single error handler, with its message translated into the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable, machine-readable code (e.g. `not_found`), also the problem `type` suffix. */
    readonly code: string,
    /** Key in the `errors` catalog. */
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    /** RFC 9457 extension members sent beside the standard ones (`retryAfterSeconds`, `reason`…). */
    readonly extensions: Record<string, string | number | boolean> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export interface FieldError {
  /** Where the field is: body, querystring, params or headers. */
  in: string;
  /** Dotted path of the field, e.g. `contact.phone`. */
  field: string;
  code: string;
  message: string;
}

export { type Problem } from '@vssid/domain/api';

export const problemType = (code: string) => `urn:vssid:problem:${code}`;

/**
 * 400 for a page cursor this server did not make (edited, truncated, from another list): the
 * `cursor` query field, with the list to be reloaded from its start.
 */
export function invalidCursor(message: string): AppError {
  return new AppError(400, 'validation_failed', 'validation', {}, [
    { in: 'querystring', field: 'cursor', code: 'invalid', message },
  ]);
}
