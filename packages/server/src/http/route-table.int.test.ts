import { allContracts, ROLES, SCOPES, scopesOf } from '@vssid/domain/api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase, testConfig } from '../testing/database';

/**
 * Issue #21 item 1: the server's route table and the domain's contracts are the same list. Every
 * route (bar the API's own documentation and the web app's files) was declared from a contract,
 * and every contract is served, with its method and path.
 */

/**
 * Routes that are not calls of this API: its documentation, the PWA's files and deep links, CORS
 * preflights, and the VNeID stand-in (another system's OpenID provider, mounted in demo mode).
 */
const NOT_API = [
  /^GET \/api\/docs(\/|$)/,
  /^GET \/api\/openapi\.json$/,
  /^GET \/(\*|assets\/\*)?$/,
  /^OPTIONS \*$/,
  /^(GET|POST) \/dev\/vneid\/\*$/,
];

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  // Demo mode registers the development inbox and the VNeID stand-in: every route there is.
  app = await buildApp(testConfig({ DEMO: 'true', DEV_INBOX: 'true' }), { database });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const key = (method: string, url: string) => `${method} ${url}`;

describe('the route table and the contracts', () => {
  it('declares every route of the server from a contract', () => {
    const stray = app.routeTable
      .filter((r) => r.contract === undefined)
      .map((r) => key(r.method, r.url))
      .filter((k) => !NOT_API.some((re) => re.test(k)));
    expect(stray).toEqual([]);
  });

  it('serves every contract, at its method and path', () => {
    const served = new Set(
      app.routeTable.filter((r) => r.contract).map((r) => key(r.method, r.url.replace(/\/$/, '') || '/')),
    );
    const missing = allContracts()
      .filter(({ contract }) => !served.has(key(contract.method, contract.path)))
      .map(({ name, contract }) => `${name}: ${key(contract.method, contract.path)}`);
    expect(missing).toEqual([]);
  });

  it('has one contract per method and path, and one route per contract', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const { name, contract } of allContracts()) {
      const k = key(contract.method, contract.path);
      const other = seen.get(k);
      if (other) twice.push(`${other} and ${name}: ${k}`);
      seen.set(k, name);
    }
    expect(twice).toEqual([]);
    const routed = app.routeTable.filter((r) => r.contract).map((r) => r.contract);
    expect(new Set(routed).size).toBe(routed.length);
  });
});

describe('who may call each route, and which objects it reaches (issue #22)', () => {
  // The type makes `scope` required; this holds the declarations that reach the server at run time.
  it('every contract declares its access and a non-empty scope of known kinds', () => {
    const wrong = allContracts()
      .filter(({ contract }) => {
        const access = contract.access as unknown;
        const accessOk =
          access === 'public' ||
          access === 'session' ||
          (typeof access === 'object' &&
            access !== null &&
            Array.isArray((access as { roles?: unknown }).roles) &&
            (access as { roles: unknown[] }).roles.every((r) => (ROLES as readonly unknown[]).includes(r)));
        const scope = (contract as { scope?: unknown }).scope;
        if (!accessOk || scope === undefined) return true;
        const scopes = scopesOf(contract);
        return scopes.length === 0 || !scopes.every((s) => SCOPES.includes(s));
      })
      .map(({ name }) => name);
    expect(wrong).toEqual([]);
  });

  it('names them in the OpenAPI document (x-access, x-scope) for every operation', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { 'x-access'?: unknown; 'x-scope'?: unknown }>>;
    }>();
    const missing: string[] = [];
    for (const { name, contract } of allContracts()) {
      const path = contract.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[path]?.[contract.method.toLowerCase()];
      if (!op) {
        missing.push(`${name}: no operation`);
        continue;
      }
      if (JSON.stringify(op['x-access']) !== JSON.stringify(contract.access))
        missing.push(`${name} x-access`);
      if (JSON.stringify(op['x-scope']) !== JSON.stringify(scopesOf(contract)))
        missing.push(`${name} x-scope`);
    }
    expect(missing).toEqual([]);
  });
});
