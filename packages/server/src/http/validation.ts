import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { FieldError } from './problem';

type Issue = z.core.$ZodIssue;

/** A request that does not match its route's zod schema; carries the zod issues to the error handler. */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: Issue[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }
}

/**
 * Validates with the route's zod schema and keeps the raw issues (with the offending input, so a
 * missing field can be told from a wrong one) for translated field errors.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    // One rule for every string of every contract (issue #22 item 4), before the schema: a NUL
    // or an unpaired surrogate never reaches a service (PostgreSQL refuses both: 500s before).
    const bad = badStrings(data);
    if (bad.length) return { error: new RequestValidationError(bad) };
    const result = schema.safeParse(data, { reportInput: true });
    return result.success
      ? { value: result.data }
      : { error: new RequestValidationError(result.error.issues) };
  };

/** PostgreSQL's text and json refuse U+0000; a surrogate without its pair is not Unicode. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isBadString(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/**
 * Every string (and object key) with a NUL or an unpaired surrogate, as zod-shaped issues naming
 * the field. Walks plain objects and arrays, as parsed from JSON, the query, params, headers or
 * multipart fields.
 */
function badStrings(data: unknown, path: PropertyKey[] = [], out: Issue[] = []): Issue[] {
  if (typeof data === 'string') {
    if (isBadString(data)) out.push(invalidCharacters(path, data));
  } else if (Array.isArray(data)) {
    data.forEach((item, i) => badStrings(item, [...path, i], out));
  } else if (data !== null && typeof data === 'object' && !Buffer.isBuffer(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (isBadString(key)) out.push(invalidCharacters(path, key));
      else badStrings(value, [...path, key], out);
    }
  }
  return out;
}

function invalidCharacters(path: PropertyKey[], input: string): Issue {
  return {
    code: 'custom',
    path,
    input,
    message: 'invalid characters',
    params: { reason: INVALID_CHARACTERS },
  };
}

const INVALID_CHARACTERS = 'invalid_characters';

type Translate = (key: string, params: Record<string, unknown>) => string;

/** One translated error per offending field (unknown keys give one each). */
export function toFieldErrors(issues: Issue[], location: string, t: Translate): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = base ? `${base}.${key}` : key;
        out.push({
          in: location,
          field,
          code: 'unknown_field',
          message: t('field.unknownField', { field: label(t, field) }),
        });
      }
      continue;
    }
    const field = base || location;
    const [code, key, params] = describe(issue);
    out.push({ in: location, field, code, message: t(key, { ...params, field: label(t, field) }) });
  }
  return out;
}

function label(t: Translate, field: string): string {
  return t(`fieldNames.${field}`, { defaultValue: field });
}

function describe(issue: Issue): [code: string, key: string, params: Record<string, unknown>] {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? ['required', 'field.required', {}]
        : ['invalid_type', 'field.invalidType', {}];
    case 'too_small':
      return issue.origin === 'string'
        ? ['too_short', 'field.tooShort', { minimum: issue.minimum }]
        : ['too_small', 'field.tooSmall', { minimum: issue.minimum }];
    case 'too_big':
      return issue.origin === 'string'
        ? ['too_long', 'field.tooLong', { maximum: issue.maximum }]
        : ['too_big', 'field.tooBig', { maximum: issue.maximum }];
    case 'invalid_format':
      return ['invalid_format', 'field.invalidFormat', {}];
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return ['invalid_value', 'field.invalidValue', {}];
    case 'custom':
      return issue.params?.['reason'] === INVALID_CHARACTERS
        ? [INVALID_CHARACTERS, 'field.invalidCharacters', {}]
        : ['invalid', 'field.invalid', {}];
    case 'not_multiple_of':
      return ['invalid', 'field.invalid', {}];
    case 'unrecognized_keys':
      return ['unknown_field', 'field.unknownField', {}];
  }
}
