import { ApiError, type ApiFieldError } from './api';

/** For tests: the ApiError an answer `application/problem+json` of this status and code becomes. */
export function apiProblem(
  status: number,
  code: string,
  extra: { errors?: ApiFieldError[] } & Record<string, unknown> = {},
): ApiError {
  return new ApiError({ type: `urn:vssid:problem:${code}`, title: code, status, code, ...extra });
}
