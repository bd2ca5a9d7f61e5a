import { allContracts, type Contract, pathOf, scopesOf } from '@vssid/domain/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Probe, PROBES } from '../testing/matrix-probes';
import {
  type Caller,
  inScope,
  type MatrixWorld,
  startMatrixWorld,
  stopMatrixWorld,
} from '../testing/matrix-world';

/**
 * Issue #22 item 2: the route × role × foreign-object matrix. EVERY route of the app (every
 * contract of `allContracts()`, which the route-table test holds equal to the server's routes) is
 * called as anonymous and as every role (two citizens, one a guardian; officers and agency admins
 * of two provinces; employer users of two units; clinic users of two clinics), with identifiers
 * of the caller's own objects and of another person's, guardian's, agency's, unit's and clinic's
 * (testing/matrix-probes.ts; a contract without a generator there fails). It fails on:
 * - a 2xx/3xx for anonymous on a route that is not public, or for a role its `access` refuses;
 * - a 2xx/3xx on an object outside the contract's declared `scope` (testing/matrix-world.ts
 *   `inScope`);
 * - any answer ≥ 500, or a 429 (a rate limit hiding the decision) where a decision is due.
 * And it checks that it can fail: every route whose calls name objects answers 2xx to an
 * in-scope caller on their own objects, but the few listed in NEVER_REACHES_OWN.
 */

let world: MatrixWorld | undefined;

beforeAll(async () => {
  world = await startMatrixWorld();
}, 120_000);
afterAll(() => stopMatrixWorld(world));

/**
 * The matrix's positive control: every route whose calls name objects must answer 2xx to an
 * in-scope caller on one of them (else a generator that misses every object would pass forever),
 * but these, whose probes cannot succeed by design.
 */
const NEVER_REACHES_OWN: Record<string, string> = {
  'backOffice.redirectDossier':
    'sent to an agency that does not exist: a success would move the dossier out of scope',
  'registration.submitChildRegistration': 'the probe carries no form or photos: only who may file is tested',
  'registration.startWithdrawal':
    'the probe names a wrong full name: the OTP goes to the dossier phone only on a match',
  'registration.confirmWithdrawal': 'the probe carries no OTP the dossier phone received',
  'services.payMyRequest':
    "the world's requests are card reissues (no payment): who may call is what is tested; paying is in paid-services.int.test.ts",
  'support.correctTicketRecord':
    "the world's tickets name no record (a correction needs a wrong-data ticket): who may call is what is tested",
};

function allowedByAccess(contract: Contract, caller: Caller): boolean {
  if (contract.access === 'public') return true;
  if (caller.role === null) return false;
  if (contract.access === 'session') return true;
  return contract.access.roles.length === 0 || contract.access.roles.includes(caller.role);
}

let keySeq = 0;

function request(contract: Contract, caller: Caller, probe: Probe, remoteAddress: string) {
  const query = new URLSearchParams(probe.query ?? {}).toString();
  const url = pathOf(contract, probe.params ?? {}) + (query ? `?${query}` : '');
  // Every change may require an Idempotency-Key (a fresh one per call): without one, a 400 on the
  // header would hide the access and scope decision the matrix looks at.
  const key: Record<string, string> =
    contract.method === 'GET' ? {} : { 'idempotency-key': `matrix-call-${++keySeq}` };
  const headers: Record<string, string> = {
    'accept-language': 'vi',
    ...key,
    ...caller.headers,
    ...probe.headers,
  };
  const payload =
    probe.payload ??
    (probe.body === undefined || contract.method === 'GET' ? undefined : JSON.stringify(probe.body));
  if (payload !== undefined && probe.payload === undefined) headers['content-type'] = 'application/json';
  return {
    method: contract.method,
    url,
    headers,
    remoteAddress,
    ...(payload !== undefined ? { payload } : {}),
  };
}

describe('the route × role × foreign-object matrix', () => {
  it('has an object generator for every route, and none for a route that is gone', () => {
    const names = new Set(allContracts().map((c) => c.name));
    expect(
      allContracts()
        .filter(({ name }) => !PROBES[name])
        .map(({ name }) => name),
    ).toEqual([]);
    expect(Object.keys(PROBES).filter((name) => !names.has(name))).toEqual([]);
  });

  it('answers no caller outside its access and scope, and never ≥ 500', async () => {
    const w = world as MatrixWorld;
    const violations: string[] = [];
    const reachedOwn = new Set<string>();
    const namesObjects = new Set<string>();
    let calls = 0;
    for (const { name, contract } of allContracts()) {
      const entry = PROBES[name];
      if (!entry) continue;
      const scopes = scopesOf(contract);
      for (const [index, caller] of w.callers.entries()) {
        for (const probe of entry.probes(w)) {
          if (probe.owner) namesObjects.add(name);
          // Each caller from its own address, so that per-address limits count each one apart.
          const req = request(contract, caller, probe, `10.0.0.${index + 1}`);
          const res = await w.app.inject(req);
          calls++;
          const ok = res.statusCode >= 200 && res.statusCode < 400;
          const what = `${name} as ${caller.name}: ${req.method} ${req.url} → ${res.statusCode}`;
          if (res.statusCode >= 500) violations.push(`${what} (server error) ${res.body.slice(0, 200)}`);
          // A rate limit would answer in place of the decision: the world lifts the general ones.
          // The per-object limits of public steps open to anyone (a reset, a withdrawal) may answer.
          const openToAll = contract.access === 'public' && (probe.owner === null || scopes.includes('any'));
          if (res.statusCode === 429 && !openToAll)
            violations.push(`${what} (rate-limited: the matrix saw no decision)`);
          if (!ok) continue;
          if (!allowedByAccess(contract, caller))
            violations.push(`${what} (access ${JSON.stringify(contract.access)})`);
          else if (probe.owner && !inScope(scopes, caller, probe.owner))
            violations.push(
              `${what} (outside scope ${scopes.join('|')}: owner ${JSON.stringify(probe.owner)})`,
            );
          else if (probe.owner) reachedOwn.add(name);
        }
      }
      if (entry.endsSession)
        for (const caller of w.callers) if (caller.signIn) caller.headers = await caller.signIn();
    }
    expect(violations).toEqual([]);
    expect([...namesObjects].filter((name) => !reachedOwn.has(name) && !(name in NEVER_REACHES_OWN))).toEqual(
      [],
    );
    // An exception that now reaches its objects is stale: drop it.
    expect(Object.keys(NEVER_REACHES_OWN).filter((name) => reachedOwn.has(name))).toEqual([]);
    // Every caller and every route was called (two callers of each role and anonymous).
    expect(calls).toBeGreaterThan(allContracts().length * w.callers.length);
  }, 120_000);
});
