import fc from 'fast-check';
import { type JsonSchema, type OpenApiDocument, type Operation, valueArbitrary } from './openapi-arbitraries';

/**
 * Tests only: whole requests for one operation of the OpenAPI document (issue #22, the fuzz tier):
 * path, query, headers and body from the operation's schemas (openapi-arbitraries.ts), the caller
 * (an index into the test's callers: anonymous and every role), the language, and now and then a
 * raw hostile part the schemas cannot express: bad percent-encodings in the path and query,
 * invalid JSON, bytes that are not UTF-8, the wrong media type, a body over the limit.
 */

interface FuzzRequest {
  method: string;
  url: string;
  caller: number;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Percent-encoded path or query text; a lone surrogate goes as its (invalid) UTF-8 bytes. */
function encodeValue(value: unknown): string {
  const text =
    typeof value === 'string' ? value : ((JSON.stringify(value) as string | undefined) ?? 'undefined');
  try {
    return encodeURIComponent(text);
  } catch {
    // Unpaired surrogates: encode each UTF-16 unit as the three bytes a careless encoder writes.
    // Code unit by code unit: a surrogate pair stays one character, a lone one becomes bytes.
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += encodeURIComponent(text.slice(i, i + 2));
        i++;
      } else if (unit >= 0xd800 && unit <= 0xdfff)
        out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      else out += encodeURIComponent(text.charAt(i));
    }
    return out;
  }
}

const RAW_PATH_PARTS = ['%', '%zz', '%ED%A0%80', '%C0%AF', '%FF%FE', '%00', '..%2F..%2F', 'a'.repeat(10_000)];
const RAW_QUERY_PARTS = [
  '%=%',
  'a[b][c]=1',
  '__proto__[polluted]=1',
  'x=%E0%A4%A',
  '&&&',
  `q=${'b'.repeat(20_000)}`,
];
const LANGUAGES = ['vi', 'en', 'zh', 'ja', 'ko', 'xx', 'vi;q=abc', '*', ''];

/** Header values must be visible ASCII for the HTTP layer: others become `?`. */
const headerSafe = (value: unknown) =>
  (typeof value === 'string' ? value : ((JSON.stringify(value) as string | undefined) ?? ''))
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 8_000);

const rawBodies: fc.Arbitrary<{ payload: string | Buffer; type: string }> = fc.oneof(
  fc.constantFrom(
    { payload: '{', type: 'application/json' },
    { payload: '', type: 'application/json' },
    { payload: 'null', type: 'application/json' },
    { payload: '[1,2,3]', type: 'application/json' },
    { payload: '{"a":"\\ud800"}', type: 'application/json' },
    { payload: '{"a":"\\u0000"}', type: 'application/json' },
    {
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      type: 'application/json',
    },
    { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
    { payload: 'hello', type: 'text/plain' },
    {
      payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      type: 'multipart/form-data; boundary=x',
    },
    { payload: '--broken', type: 'multipart/form-data' },
    { payload: 'Mã số BHXH,Họ và tên\n\u0000,\uD800\n', type: 'text/csv' },
    { payload: `{"a":"${'x'.repeat(3_000_000)}"}`, type: 'application/json' },
  ),
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => ({ payload: Buffer.from(bytes), type: 'application/octet-stream' })),
);

const rarely = (parts: string[]): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 11, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...parts) },
  );

/** The requests of one operation: `method` and `path` as in the document (`/persons/{bhxhCode}`). */
export function requestArbitrary(
  doc: OpenApiDocument,
  method: string,
  path: string,
  op: Operation,
  callers: number,
): fc.Arbitrary<FuzzRequest> {
  const parameters = (op.parameters ?? []).filter((p) => p.in !== 'cookie');
  const param = (p: (typeof parameters)[number]) =>
    p.required
      ? valueArbitrary(p.schema ?? {}, doc)
      : fc.option(valueArbitrary(p.schema ?? {}, doc), { nil: undefined, freq: 3 });
  const values = fc.tuple(...parameters.map(param));
  const jsonSchema: JsonSchema | undefined = op.requestBody?.content?.['application/json']?.schema;
  const body = fc.oneof(
    {
      weight: 8,
      arbitrary: jsonSchema ? valueArbitrary(jsonSchema, doc).map((v) => ({ json: v })) : fc.constant(null),
    },
    { weight: 2, arbitrary: rawBodies.map((raw) => ({ raw })) },
  );
  return fc
    .record({
      values,
      body,
      caller: fc.nat({ max: callers - 1 }),
      language: fc.constantFrom(...LANGUAGES),
      // One request in twelve carries a raw hostile path or query part.
      rawPath: rarely(RAW_PATH_PARTS),
      rawQuery: rarely(RAW_QUERY_PARTS),
    })
    .map(({ values: given, body: b, caller, language, rawPath, rawQuery }) => {
      let url = path;
      const query: string[] = [];
      const headers: Record<string, string> = { 'accept-language': language };
      parameters.forEach((p, i) => {
        const value = given[i];
        if (p.in === 'path') {
          const text = value === undefined ? '' : encodeValue(value);
          url = url.replace(`{${p.name}}`, rawPath ?? text);
        } else if (value !== undefined) {
          if (p.in === 'query') query.push(`${encodeURIComponent(p.name)}=${encodeValue(value)}`);
          if (p.in === 'header') headers[p.name.toLowerCase()] = headerSafe(value);
        }
      });
      if (rawQuery) query.push(rawQuery);
      if (query.length) url += `?${query.join('&')}`;
      const request: FuzzRequest = { method: method.toUpperCase(), url, caller, headers };
      if (method === 'get') return request;
      if (b && 'raw' in b) {
        headers['content-type'] = b.raw.type;
        request.payload = b.raw.payload;
      } else if (b && b.json !== undefined) {
        headers['content-type'] = 'application/json';
        request.payload = JSON.stringify(b.json);
      }
      return request;
    });
}

/** A request as a failure prints it: long strings cut, so a report stays readable. */
export function describeRequest(r: FuzzRequest, callerName: string): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s);
  const payload =
    r.payload === undefined
      ? ''
      : Buffer.isBuffer(r.payload)
        ? ` body=<bytes ${r.payload.toString('hex').slice(0, 80)}>`
        : ` body=${cut(JSON.stringify(r.payload))}`;
  return `${r.method} ${cut(r.url)} as ${callerName} headers=${cut(JSON.stringify(r.headers))}${payload}`;
}
