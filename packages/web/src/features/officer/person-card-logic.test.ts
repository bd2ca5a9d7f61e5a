import { describe, expect, it } from 'vitest';
import { type ApiFieldError, NetworkError } from '../../shared/api';
import { personCardUrl } from './api/person-card';
import {
  cardQueryServerErrors,
  cardReadFailure,
  checkCardQuery,
  PURPOSE_MAX,
  PURPOSE_MIN,
} from './person-card-logic';
import { apiProblem } from '../../shared/api-testing';

const problem = (status: number, code: string, errors?: ApiFieldError[]) =>
  apiProblem(status, code, errors ? { errors } : {});
const fieldError = (where: string, field: string, code: string): ApiFieldError => ({
  in: where,
  field,
  code,
  message: code,
});

describe('checkCardQuery', () => {
  it('accepts a 10-digit code (spaces dropped) and a trimmed purpose', () => {
    expect(checkCardQuery({ bhxhCode: '0100 008 001', purpose: '  Giải quyết hồ sơ cấp lại thẻ ' })).toEqual({
      ok: true,
      query: { bhxhCode: '0100008001', purpose: 'Giải quyết hồ sơ cấp lại thẻ' },
    });
  });
  it.each(['', '123456789', '01000080011', '01000O8001'])('refuses the code %j', (bhxhCode) => {
    expect(checkCardQuery({ bhxhCode, purpose: 'Đối chiếu hồ sơ' })).toEqual({
      ok: false,
      errors: { bhxhCode: 'officer.card.errors.bhxhCode' },
    });
  });
  it('wants a purpose of 3 to 200 characters once trimmed', () => {
    const code = '0100008001';
    const purposeError = { ok: false, errors: { purpose: 'officer.card.errors.purpose' } };
    expect(checkCardQuery({ bhxhCode: code, purpose: '' })).toEqual(purposeError);
    expect(checkCardQuery({ bhxhCode: code, purpose: `  ${'x'.repeat(PURPOSE_MIN - 1)}  ` })).toEqual(
      purposeError,
    );
    expect(checkCardQuery({ bhxhCode: code, purpose: 'x'.repeat(PURPOSE_MAX + 1) })).toEqual(purposeError);
    expect(checkCardQuery({ bhxhCode: code, purpose: 'x'.repeat(PURPOSE_MIN) }).ok).toBe(true);
    expect(checkCardQuery({ bhxhCode: code, purpose: 'x'.repeat(PURPOSE_MAX) }).ok).toBe(true);
  });
  it('names both fields when both are wrong', () => {
    expect(checkCardQuery({ bhxhCode: '12', purpose: 'a' })).toEqual({
      ok: false,
      errors: { bhxhCode: 'officer.card.errors.bhxhCode', purpose: 'officer.card.errors.purpose' },
    });
  });
});

describe('personCardUrl', () => {
  it('puts the code in the path and the purpose, encoded, in the query string', () => {
    const url = new URL(
      personCardUrl({ bhxhCode: '0100008001', purpose: 'Cấp lại thẻ & đối chiếu?' }),
      'https://app.invalid',
    );
    expect(url.pathname).toBe('/api/v1/officer/cards/0100008001');
    expect([...url.searchParams]).toEqual([['purpose', 'Cấp lại thẻ & đối chiếu?']]);
  });
});

describe('server answers', () => {
  it('puts the server’s field errors (params and querystring) next to the form’s fields', () => {
    const error = problem(400, 'validation', [
      fieldError('params', 'bhxhCode', 'invalid_format'),
      fieldError('querystring', 'purpose', 'too_short'),
      fieldError('querystring', 'other', 'unknown_field'),
    ]);
    expect(cardQueryServerErrors(error)).toEqual({
      bhxhCode: 'officer.card.errors.bhxhCode',
      purpose: 'officer.card.errors.purpose',
    });
    expect(cardReadFailure(error)).toBe('invalid');
  });
  it('tells "not within your agency’s scope" (404) from the other failures', () => {
    expect(cardReadFailure(problem(404, 'not_found'))).toBe('not_in_scope');
    expect(cardReadFailure(problem(401, 'unauthenticated'))).toBe('sign_in');
    expect(cardReadFailure(problem(400, 'malformed_json'))).toBe('other');
    expect(cardReadFailure(problem(403, 'password_change_required'))).toBe('other');
    expect(cardReadFailure(new NetworkError(new Error('offline')))).toBe('other');
    expect(cardQueryServerErrors(new NetworkError(new Error('offline')))).toEqual({});
  });
});
