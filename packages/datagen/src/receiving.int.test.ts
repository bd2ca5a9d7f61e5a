import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provinces2025 } from '@vssid/domain';
import { buildApp, type DatabaseHandle, ensureDemoAccounts } from '@vssid/server';
import { createTestDatabase, testConfig } from '@vssid/server/testing';
import { ensureDemoData } from './demo';

/**
 * Issue 20, item 1, over the demo nation (`npm start`'s data and accounts): every agency the
 * registration form offers a citizen, in every province, has an active officer able to see its
 * queue (an officer of the agency or of an agency above it: the queue's scope follows
 * `parent_code` downwards), and the national head office is never offered. The officers' scope is
 * computed here from the catalog, independently of the server's query.
 */
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({}), { database });
  await ensureDemoData(database.db);
  await ensureDemoAccounts(database.db, 'http://localhost:3000');
}, 300_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the demo nation', () => {
  it('offers in every province only agencies that an active officer can see, never the national head office', async () => {
    const agencies = await database.db
      .selectFrom('bhxh_agencies')
      .select(['code', 'parent_code', 'level'])
      .execute();
    const parentOf = new Map(agencies.map((a) => [a.code, a.parent_code]));
    const officers = await database.db
      .selectFrom('accounts')
      .select('agency_code')
      .where('role', '=', 'officer')
      .where('status', '=', 'active')
      .execute();
    const officerAgencies = new Set(officers.map((o) => o.agency_code));
    /** The agency and those above it: an officer of any of them sees its queue. */
    const coveredBy = (code: string) => {
      const chain: string[] = [];
      for (let c: string | null | undefined = code; c; c = parentOf.get(c)) chain.push(c);
      return chain;
    };

    let offeredCount = 0;
    for (const province of provinces2025()) {
      const res = await app.inject({
        url: `/api/v1/registrations/agencies?province=${province.code}&limit=50`,
      });
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { code: string; provinceCode: string }[] }>().items;
      // Every province has somewhere to file.
      expect(items.length, `province ${province.code}`).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.provinceCode).toBe(province.code);
        expect(item.code).not.toBe('VN');
        expect(
          coveredBy(item.code).some((c) => officerAgencies.has(c)),
          `agency ${item.code} is offered but no officer sees its queue`,
        ).toBe(true);
      }
      offeredCount += items.length;
    }
    // Every receiving agency of the catalog is offered (each province's office and its local offices).
    expect(offeredCount).toBe(agencies.filter((a) => a.level !== 'central').length);
  });
});

describe('the demo sign-ins of issue #26', () => {
  it('include a household card holder and an adult who may register for voluntary BHXH, both found by the services', async () => {
    const lines = await ensureDemoAccounts(database.db, 'http://localhost:3000');
    const codeOf = (label: string) =>
      lines
        .find((l) => l.includes(label))
        ?.trim()
        .split(/\s+/)
        .pop() ?? '';
    const holder = codeOf('household BHYT card to renew');
    const volunteer = codeOf('may register for voluntary BHXH');
    expect(holder).toMatch(/^\d{10}$/);
    expect(volunteer).toMatch(/^\d{10}$/);
    const card = await database.db
      .selectFrom('bhyt_cards')
      .select('object_code')
      .where('bhxh_code', '=', holder)
      .where('object_code', '=', 'GD')
      .executeTakeFirst();
    expect(card?.object_code).toBe('GD');
    const compulsoryNow = await database.db
      .selectFrom('participation_periods')
      .select('id')
      .where('bhxh_code', '=', volunteer)
      .where('scheme', '=', 'bhxh_compulsory')
      .where('to_month', '>=', `${new Date().toISOString().slice(0, 7)}-01`)
      .executeTakeFirst();
    expect(compulsoryNow).toBeUndefined();
  });
});

describe('the demo unit (issue #27)', () => {
  it('has an admin whose unit has current workers, some of them without an account', async () => {
    const admin = await database.db
      .selectFrom('accounts')
      .select(['unit_code', 'unit_admin', 'status'])
      .where('username', '=', 'donvi.demo')
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ unit_admin: true, status: 'active' });
    const people = await database.db
      .selectFrom('participation_periods as p')
      .leftJoin('accounts as a', 'a.bhxh_code', 'p.bhxh_code')
      .select((eb) => [
        eb.fn.count<string>('p.bhxh_code').distinct().as('people'),
        eb.fn.count<string>('a.bhxh_code').distinct().as('accounts'),
      ])
      .where('p.unit_code', '=', admin.unit_code)
      .where('p.to_month', '>=', '2026-09-01')
      .executeTakeFirstOrThrow();
    expect(Number(people.people)).toBeGreaterThan(1);
    expect(Number(people.accounts)).toBeLessThan(Number(people.people));
  });
});
