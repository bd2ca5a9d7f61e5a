import fc from 'fast-check';

/**
 * Tests only: fast-check arbitraries from the OpenAPI document's JSON schemas (issue #22, the fuzz
 * tier `http/fuzz.int.test.ts`). Each leaf is, by weight, a value its schema allows, a boundary
 * (one past a length or a bound), or a hostile one: NUL bytes, unpaired surrogates, huge strings,
 * injections, wrong types. Objects lose required members and gain unknown ones now and then.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  parameters?: {
    in: 'path' | 'query' | 'header' | 'cookie';
    name: string;
    required?: boolean;
    schema?: JsonSchema;
  }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  'x-access'?: unknown;
}

/** Strings no handler should choke on (findings 4 of issue #22 among them: NUL, lone surrogates). */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDBFF',
  'x'.repeat(100_000),
  'Ệ'.repeat(5_000),
  "' OR 1=1 --",
  '"; DROP TABLE persons; --',
  '../../../etc/passwd',
  '%00',
  '%',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '𝒜🙂👨‍👩‍👧',
  '\u202Eevil',
  '\r\nX-Injected: 1',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  'null',
  'true',
  '[]',
  '{"__proto__":{"polluted":1}}',
  'ｔｅｓｔ',
  '\t\n\v\f',
];

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  -1,
  0,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 63),
  1e308,
  [],
  {},
  [[[[]]]],
  { __proto__: { polluted: 1 } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
];

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_VALUES),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const POISON = ['\u0000', '\uD800', '\uDFFF', 'a\u0000', '\uDBFF'];

function poisoned(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.constantFrom(...POISON), fc.nat()).map(([value, poison, at]) => {
    const text = typeof value === 'string' ? value : '';
    const i = text.length ? at % text.length : 0;
    return text.slice(0, i) + poison + text.slice(i);
  });
}

function resolve(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

function stringValue(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'date')
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.pattern) {
    try {
      // Long minimum lengths (a push key: 80 characters) need long repetitions, else the length
      // filter would reject nearly every value and the sampling never end.
      const size = min <= 8 ? 'small' : min <= 80 ? 'medium' : 'large';
      return fc
        .stringMatching(new RegExp(s.pattern), { size })
        .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
    } catch {
      // A pattern JavaScript cannot read: plain strings.
    }
  }
  return fc.string({ minLength: min, maxLength: max });
}

function boundaryOf(s: JsonSchema): fc.Arbitrary<unknown> | null {
  const values: unknown[] = [];
  if (s.minLength !== undefined && s.minLength > 0) values.push('a'.repeat(s.minLength - 1));
  if (s.maxLength !== undefined) values.push('a'.repeat(s.maxLength), '9'.repeat(s.maxLength + 1));
  if (s.minimum !== undefined) values.push(s.minimum, s.minimum - 1, s.minimum - 0.5);
  if (s.maximum !== undefined) values.push(s.maximum, s.maximum + 1);
  if (s.minItems !== undefined && s.minItems > 0) values.push([]);
  if (s.maxItems !== undefined) values.push(Array.from({ length: s.maxItems + 1 }, () => 'a'));
  return values.length ? fc.constantFrom(...values) : null;
}

/** A value for `schema`: mostly allowed, sometimes a boundary, sometimes hostile. */
export function valueArbitrary(schema: JsonSchema, doc: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const valid = validArbitrary(s, doc, depth);
  const boundary = boundaryOf(s);
  const isString = s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'));
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    // An allowed string with NUL or an unpaired surrogate inside: the one bad thing in it.
    ...(isString ? [{ weight: 2, arbitrary: poisoned(valid) }] : []),
    ...(boundary ? [{ weight: 2, arbitrary: boundary }] : []),
    { weight: 2, arbitrary: hostile },
  );
}

function validArbitrary(s: JsonSchema, doc: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueArbitrary(a, doc, depth + 1)));
  if (s.allOf?.length) return valueArbitrary(s.allOf[0] ?? {}, doc, depth + 1);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary({ ...s, type }, doc, depth)));
  switch (types[0]) {
    case 'string':
      return stringValue(s);
    case 'integer':
      return fc.integer({ min: Math.ceil(s.minimum ?? -1_000_000), max: Math.floor(s.maximum ?? 1_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valueArbitrary(s.items ?? {}, doc, depth + 1), {
            minLength: s.minItems ?? 0,
            maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
          });
    case 'object':
      return objectArbitrary(s, doc, depth);
    case undefined:
    default:
      return s.properties ? objectArbitrary(s, doc, depth) : hostile;
  }
}

function objectArbitrary(s: JsonSchema, doc: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant({});
  const properties = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, p] of Object.entries(properties)) shape[name] = valueArbitrary(p, doc, depth + 1);
  const record = fc.record(shape, { requiredKeys: Object.keys(shape).filter((k) => required.has(k)) });
  // Now and then a required member goes missing or an unknown one comes along.
  return fc
    .tuple(record, fc.integer({ min: 0, max: 9 }), fc.constantFrom(...Object.keys(shape), 'unknown'))
    .map(([value, roll, key]) => {
      const out = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([k]) => roll !== 0 || k !== key),
      );
      if (roll === 1) out.unexpected = '\u0000';
      return out;
    });
}
