import { ProblemSchema } from '@vssid/domain/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../testing/openapi-arbitraries';
import { describeRequest, type FuzzRequest, requestArbitrary } from '../testing/openapi-requests';
import { type MatrixWorld, startMatrixWorld, stopMatrixWorld } from '../testing/matrix-world';

/**
 * Issue #22 item 2: the fuzz tier. Requests generated with fast-check from the OpenAPI document
 * the server serves (`GET /api/openapi.json`), for EVERY operation in it (a new route is fuzzed
 * without a line here): valid, boundary and hostile values in the path, query, headers and body
 * (testing/openapi-arbitraries.ts, openapi-requests.ts), as anonymous and as every role of the
 * matrix's world, on its real objects. It asserts that no answer is ≥ 500 and that every error
 * answer is `application/problem+json` with the problem shape and its status (the FHIR API's
 * errors are FHIR `OperationOutcome`s, `application/fhir+json`, as FHIR R4 says).
 *
 * Seeded and reproducible: `FUZZ_SEED` (default below) and `FUZZ_RUNS` (requests per operation).
 * A failure lists each failing request (method, URL, caller, headers, body) with its answer.
 * At least 5,000 requests on each engine (about 10 s of requests on PGlite, less on PostgreSQL, on
 * the 2-core machine; the world's set-up, shared with the matrix, takes longer).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const MIN_TOTAL = 5_000;

let world: MatrixWorld | undefined;
let doc: OpenApiDocument;

beforeAll(async () => {
  world = await startMatrixWorld();
  doc = (await world.app.inject({ url: '/api/openapi.json' })).json<OpenApiDocument>();
}, 120_000);
afterAll(() => stopMatrixWorld(world));

/**
 * Findings 4 and 5 of issue #22 (NUL bytes and unpaired surrogates → 500; router-level errors —
 * bad URL encoding, 414 — as plain JSON, not problem+json) are fixed on another branch (h22a).
 * Until it is merged their failures are counted apart, by their signature, and printed; once
 * merged, set `FUZZ_FINDINGS_4_5=fixed` (or drop the switch): the test then fails on them like on
 * any other; and while the switch is open and none are left, it fails, so it cannot be forgotten.
 */
const FINDINGS_4_5_OPEN = process.env.FUZZ_FINDINGS_4_5 !== 'fixed';

/** NUL or an unpaired surrogate sent: raw, JSON-escaped, or percent-encoded. */
const ESCAPED_NUL_OR_SURROGATE = /%00|%ED%[AB][0-9A-F]|\\u0000|\\ud[89a-f][0-9a-f]{2}/i;
const hasNulOrSurrogate = (text: string) =>
  ESCAPED_NUL_OR_SURROGATE.test(text) ||
  text.includes(String.fromCharCode(0)) ||
  /[\uD800-\uDFFF]/.test(text);

/** Whether a failure is finding 4 or 5 of issue #22 (see FINDINGS_4_5_OPEN). */
function isFinding4or5(r: FuzzRequest, status: number, body: string): boolean {
  const sent = `${r.url} ${typeof r.payload === 'string' ? r.payload : ''}`;
  if (status >= 500) return hasNulOrSurrogate(sent);
  return /"code":"FST_ERR_(BAD_URL|MAX_PARAM_LENGTH|[A-Z_]*HEADER[A-Z_]*)"/.test(body);
}

interface Failure {
  /** `<status> <METHOD> <path of the document>`. */
  operation: string;
  request: string;
  status: number;
  answer: string;
}

/** What is wrong with an answer, or null. */
function check(url: string, status: number, contentType: string, body: string): string | null {
  if (status >= 500) return 'server error';
  if (status < 400) return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'error answer is not JSON';
  }
  if (url.startsWith('/fhir/')) {
    const fhir =
      contentType.startsWith('application/fhir+json') || contentType.startsWith('application/problem+json');
    const shaped =
      (json as { resourceType?: unknown }).resourceType === 'OperationOutcome' ||
      ProblemSchema.safeParse(json).success;
    return fhir && shaped ? null : 'FHIR error is neither an OperationOutcome nor a problem';
  }
  if (!contentType.startsWith('application/problem+json'))
    return `error answer is ${contentType || 'untyped'}`;
  const parsed = ProblemSchema.safeParse(json);
  if (!parsed.success) return 'error answer lacks the problem shape';
  if (parsed.data.status !== status) return `problem says status ${parsed.data.status}`;
  return null;
}

describe('the fuzz tier, generated from the OpenAPI document', () => {
  it('covers every operation of the document', () => {
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(operations).toBeGreaterThan(80);
  });

  it('answers every generated request below 500, every error as problem+json', async () => {
    const w = world as MatrixWorld;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const perOperation = Number(process.env.FUZZ_RUNS ?? Math.ceil(MIN_TOTAL / operations.length));
    const failures: Failure[] = [];
    const known: Failure[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const [index, { path, method, op }] of operations.entries()) {
      const requests = fc.sample(requestArbitrary(doc, method, path, op, w.callers.length), {
        seed: SEED + index,
        numRuns: perOperation,
      });
      for (const r of requests) {
        const caller = w.callers[r.caller] ?? w.callers[0];
        if (!caller) continue;
        const res = await w.app.inject({
          method: r.method as 'GET',
          url: r.url,
          headers: { ...r.headers, ...caller.headers },
          remoteAddress: `10.1.${index % 250}.${r.caller + 1}`,
          ...(r.payload !== undefined ? { payload: r.payload } : {}),
        });
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const wrong = check(r.url, res.statusCode, res.headers['content-type'] ?? '', res.body);
        if (wrong && FINDINGS_4_5_OPEN && isFinding4or5(r, res.statusCode, res.body))
          known.push({
            operation: `${res.statusCode} ${r.method} ${path}`,
            request: describeRequest(r, caller.name),
            status: res.statusCode,
            answer: `${wrong}: ${res.body.slice(0, 200)}`,
          });
        else if (wrong)
          failures.push({
            operation: `${res.statusCode} ${r.method} ${path}`,
            request: describeRequest(r, caller.name),
            status: res.statusCode,
            answer: `${wrong}: ${res.body.slice(0, 300)}`,
          });
      }
      // A call may have ended a caller's session (sign-out): every caller signs in again.
      if (path.startsWith('/api/v1/auth/'))
        for (const c of w.callers) if (c.signIn) c.headers = await c.signIn();
    }
    if (known.length) {
      const byOperation = new Map<string, number>();
      for (const f of known) byOperation.set(f.operation, (byOperation.get(f.operation) ?? 0) + 1);
      console.warn(
        `fuzz (seed ${SEED}): ${known.length} answers of findings 4/5 (branch h22a), by status and operation:\n${[
          ...byOperation,
        ]
          .map(([k, n]) => `  ${n} × ${k}`)
          .join('\n')}\ne.g.\n${known
          .slice(0, 5)
          .map((f) => `${f.status} ${f.request}\n    → ${f.answer}`)
          .join('\n')}`,
      );
    }
    if (FINDINGS_4_5_OPEN)
      expect(known.length, 'findings 4/5 are fixed: set FINDINGS_4_5_OPEN to false').toBeGreaterThan(0);
    if (failures.length)
      console.error(
        `fuzz (seed ${SEED}): ${failures.length} failing requests\n${failures.map((f) => `${f.status} ${f.request}\n    → ${f.answer}`).join('\n')}`,
      );
    expect(failures.map((f) => `${f.status} ${f.request} → ${f.answer}`)).toEqual([]);
    if (process.env.FUZZ_RUNS === undefined) expect(sent).toBeGreaterThanOrEqual(MIN_TOTAL);
    // The generated requests reach the handlers, not only the validation (about a fifth succeed).
    const succeeded = [...statuses].filter(([status]) => status < 400).reduce((n, [, count]) => n + count, 0);
    expect(succeeded, JSON.stringify([...statuses].sort(([a], [b]) => a - b))).toBeGreaterThan(sent * 0.1);
  }, 240_000);
});
