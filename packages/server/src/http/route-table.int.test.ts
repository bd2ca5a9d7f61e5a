import { allContracts } from '@vssid/domain/api';
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
