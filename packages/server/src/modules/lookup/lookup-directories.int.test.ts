import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { communes2025, haversineKm } from '@vssid/domain';
import type { DatabaseHandle } from '../../db/database';
import { Catalog, UnitWordIndex } from './catalogs';
import { lookupWords } from './keys';
import { loadAgents, loadUnitIndex, searchUnits, unitsByCode } from './repository';
import { clinic, startLookupNodes, stopLookupNodes } from './test-fixtures';

/** The directories: agencies, clinics, employer units, collection agents, administrative units. */

let database: DatabaseHandle;
let app: FastifyInstance;
/** A second API node on the same database: limits must hold across nodes. */
let otherNode: FastifyInstance;

beforeAll(async () => {
  ({ database, app, otherNode } = await startLookupNodes());
});
afterAll(async () => {
  await stopLookupNodes({ database, app, otherNode });
});

interface DirectoryPage<T> {
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  places?: {
    code: string;
    kind: string;
    name: string;
    provinceName: string;
    matchedOld: { name: string } | null;
  }[];
  widenedToProvince?: boolean;
  items: T[];
}
type Item = {
  code: string;
  name: string;
  distanceKm: number | null;
  provinceName: string;
  communeName: string | null;
};

const get = async <T = Item>(url: string, language = 'vi') => {
  const res = await app.inject({ url, headers: { 'accept-language': language } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DirectoryPage<T>>();
};

describe('BHXH agencies', () => {
  it('by province, central and provincial offices first, paginated', async () => {
    const all = await get('/api/v1/lookup/agencies?province=01');
    expect(all.items.map((a) => a.code)).toEqual(['VN', '01', '0101', '0102']);
    expect(all).toMatchObject({ total: 4, page: 1, pages: 1 });
    const second = await get('/api/v1/lookup/agencies?province=01&pageSize=3&page=2');
    expect(second.items.map((a) => a.code)).toEqual(['0102']);
    expect(second).toMatchObject({ total: 4, pages: 2 });
    const beyond = await get('/api/v1/lookup/agencies?province=01&pageSize=3&page=5');
    expect(beyond).toMatchObject({ items: [], total: 4 });
  });

  it('by commune, widening to the province where the commune has no office', async () => {
    const here = await get('/api/v1/lookup/agencies?commune=00070');
    expect(here.items.map((a) => a.code)).toEqual(['0101']);
    expect(here.widenedToProvince).toBe(false);
    const none = await get('/api/v1/lookup/agencies?commune=00008');
    expect(none.widenedToProvince).toBe(true);
    expect(none.items.map((a) => a.code)).toEqual(['VN', '01', '0101', '0102']);
  });

  it('finds the new unit by an old district or commune name', async () => {
    const byOldDistrict = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('Quận Đống Đa')}`);
    expect(byOldDistrict.places?.length).toBeGreaterThan(1);
    expect(byOldDistrict.places?.every((p) => p.matchedOld?.name === 'Quận Đống Đa')).toBe(true);
    expect(byOldDistrict.places?.map((p) => p.code)).toContain('00199');
    expect(byOldDistrict.items.map((a) => a.code)).toContain('0102');
    const byOldCommune = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('phuong truc bach')}`);
    expect(byOldCommune.places).toMatchObject([
      { code: '00004', name: 'Ba Đình', matchedOld: { name: 'Phường Trúc Bạch' } },
    ]);
    expect(byOldCommune.items.map((a) => a.code)).toEqual(['01']);
  });

  it.each([
    // An old province before a commune of its name: Bình Dương is in Hồ Chí Minh since 2025 (not
    // Xã Bình Dương of Gia Lai); Hà Tây in Hà Nội since 2008 (not Xã Hà Tây).
    ['Bình Dương', '79', 'Tỉnh Bình Dương', ['79']],
    ['binh duong', '79', 'Tỉnh Bình Dương', ['79']],
    ['Hà Tây', '01', 'Tỉnh Hà Tây', ['VN', '01', '0101', '0102']],
    ['tinh ha tay', '01', 'Tỉnh Hà Tây', ['VN', '01', '0101', '0102']],
  ])(
    '%s: the old province, only its land in the province it is now in',
    async (place, code, old, offices) => {
      const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent(place)}`);
      expect(found.places).toMatchObject([{ code, kind: 'oldProvince', matchedOld: { name: old } }]);
      // No office sits in the old province's land in these rows, so the province's are listed; an
      // office of the rest of the province (Hoàn Kiếm, 0101, in old Hà Nội) would be listed otherwise.
      expect(found.widenedToProvince).toBe(true);
      expect(found.items.map((a) => a.code)).toEqual(offices);
    },
  );

  it('an old province narrows the search to its land', async () => {
    // A clinic in Phường Hà Đông (old Hà Tây's land) beside the fixture's, all in old Hà Nội's.
    const haDong = communes2025('01').find((c) => c.name === 'Hà Đông')!.code;
    const db = database.db;
    await db
      .insertInto('clinics')
      .values(clinic('01009', 'Bệnh viện Đa khoa Hà Đông', 'province', haDong, true, true, 20.97, 105.78))
      .execute();
    const clinicsOf = async (place: string) =>
      (await get(`/api/v1/lookup/clinics?place=${encodeURIComponent(place)}`)).items.map((c) => c.code);
    try {
      // (A node's catalog follows a change once its announcement arrives.)
      await vi.waitFor(async () => {
        expect(await clinicsOf('Hà Nội')).toEqual(expect.arrayContaining(['01003', '01009']));
      });
      expect(await clinicsOf('Hà Tây')).toEqual(['01009']);
    } finally {
      await db.deleteFrom('clinics').where('code', '=', '01009').execute();
      await vi.waitFor(async () => {
        expect(await clinicsOf('Hà Nội')).not.toContain('01009');
      });
    }
  });

  it.each(['Thị xã Hà Đông', 'TX Hà Đông', 'Thành phố Hà Đông', 'ha dong'])(
    '%s: the old district, with its kind and province',
    async (place) => {
      const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent(place)}`);
      expect(found.places?.length).toBeGreaterThan(1);
      expect(found.places?.[0]).toMatchObject({ name: 'Hà Đông', provinceName: 'Hà Nội' });
      for (const p of found.places ?? [])
        expect(p).toMatchObject({ kind: 'oldDistrict', matchedOld: { name: 'Quận Hà Đông' } });
    },
  );

  it('a province split before 2008 is in each province it went into', async () => {
    const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('Sông Bé')}`);
    expect(found.places).toMatchObject([
      { code: '75', kind: 'oldProvince', matchedOld: { name: 'Tỉnh Sông Bé' } },
      { code: '79', kind: 'oldProvince', matchedOld: { name: 'Tỉnh Sông Bé' } },
    ]);
  });

  it('a commune typed with its type is that commune', async () => {
    const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('Xã Bình Dương')}`);
    expect(found.places).toMatchObject([{ kind: 'commune', name: 'Bình Dương', provinceName: 'Gia Lai' }]);
  });

  it('nearest to a position, with the distance', async () => {
    const [lat, lng] = [21.0285, 105.8542];
    const near = await get(`/api/v1/lookup/agencies?lat=${lat}&lng=${lng}&pageSize=3`);
    expect(near.items.map((a) => a.code)).toEqual(['0101', 'VN', '01']);
    expect(near.items[0]!.distanceKm).toBeCloseTo(haversineKm(lat, lng, 21.028, 105.852), 1);
    const distances = near.items.map((a) => a.distanceKm!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(near.total).toBe(5);
  });

  it('names units in English for English readers, in Vietnamese otherwise', async () => {
    const en = await get('/api/v1/lookup/agencies?commune=00070', 'en');
    expect(en.items[0]).toMatchObject({ provinceName: 'Hanoi', communeName: 'Hoan Kiem' });
    const ko = await get('/api/v1/lookup/agencies?commune=00070', 'ko');
    expect(ko.items[0]).toMatchObject({
      provinceName: 'Hà Nội',
      communeName: 'Hoàn Kiếm',
      name: 'Bảo hiểm xã hội cơ sở Hoàn Kiếm',
    });
  });

  it('refuses unknown units and half a position, naming the field', async () => {
    const res = await app.inject({ url: '/api/v1/lookup/agencies?province=99' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      errors: [{ in: 'querystring', field: 'province', code: 'unknown_unit' }],
    });
    const half = await app.inject({ url: '/api/v1/lookup/agencies?lat=21' });
    expect(half.statusCode).toBe(400);
    expect(half.json()).toMatchObject({ errors: [{ field: 'lng' }] });
    const mismatch = await app.inject({ url: '/api/v1/lookup/agencies?province=79&commune=00070' });
    expect(mismatch.json()).toMatchObject({ errors: [{ field: 'commune' }] });
  });
});

describe('contracted clinics', () => {
  type Clinic = Item & { level: string; issuesSickLeave: boolean };
  it('by province in level order, contracted ones only', async () => {
    const all = await get<Clinic>('/api/v1/lookup/clinics?province=01');
    expect(all.items.map((c) => c.code)).toEqual(['01001', '01002', '01005', '01003']);
  });

  it('by level, name without tone marks, code, commune, and the ones issuing sick-leave certificates', async () => {
    expect((await get<Clinic>('/api/v1/lookup/clinics?level=district')).items.map((c) => c.code)).toEqual([
      '01005',
    ]);
    expect((await get<Clinic>('/api/v1/lookup/clinics?q=bach%20mai')).items.map((c) => c.code)).toEqual([
      '01001',
    ]);
    expect((await get<Clinic>('/api/v1/lookup/clinics?q=xanh%20pon')).items.map((c) => c.code)).toEqual([
      '01002',
    ]);
    expect((await get<Clinic>('/api/v1/lookup/clinics?q=01003')).items.map((c) => c.code)).toEqual(['01003']);
    expect((await get<Clinic>('/api/v1/lookup/clinics?commune=00070')).items.map((c) => c.code)).toEqual([
      '01003',
    ]);
    const sick = await get<Clinic>('/api/v1/lookup/clinics?province=01&sickLeave=true');
    expect(sick.items.map((c) => c.code)).toEqual(['01001', '01002', '01005']);
    expect(sick.items.every((c) => c.issuesSickLeave)).toBe(true);
  });

  it('nearest first', async () => {
    const near = await get<Clinic>('/api/v1/lookup/clinics?lat=21.019&lng=105.802&pageSize=2');
    expect(near.items.map((c) => c.code)).toEqual(['01005', '01002']);
    expect(near.items[0]!.distanceKm).toBe(0);
  });
});

describe('employer units', () => {
  type Unit = Item & {
    taxCode: string;
    representativeName: string;
    phone: string;
    email: string;
    address: string;
  };
  it('by tax code, with address, representative, phone and email', async () => {
    const res = await get<Unit>('/api/v1/lookup/units?taxCode=0101234567');
    expect(res.items).toEqual([
      expect.objectContaining({
        code: 'TA0001',
        taxCode: '0101234567',
        name: 'Công ty TNHH Minh Phát',
        address: 'Số 3, Phường Láng, Thành phố Hà Nội',
        representativeName: 'Nguyễn Thị Hoa',
        phone: '02437771234',
        email: 'ta0001@example.vn',
      }),
    ]);
  });

  it('by the words of the name, in name order', async () => {
    const res = await get<Unit>('/api/v1/lookup/units?q=minh%20phat');
    expect(res.items.map((u) => u.code)).toEqual(['TA0002', 'TA0001']);
    expect((await get<Unit>('/api/v1/lookup/units?q=DONG%20A')).items.map((u) => u.code)).toEqual(['TA0003']);
    const none = await app.inject({ url: '/api/v1/lookup/units' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'lookup_query_needed', errors: [{ field: 'q' }] });
  });
});

describe('collection agents', () => {
  it('by province and commune, and nearest', async () => {
    expect((await get('/api/v1/lookup/agents?province=01')).items.map((a) => a.code)).toEqual([
      'DL010001',
      'DL010002',
    ]);
    expect((await get('/api/v1/lookup/agents?commune=00199')).items.map((a) => a.code)).toEqual(['DL010002']);
    const near = await get('/api/v1/lookup/agents?lat=21.018&lng=105.801');
    expect(near.items.map((a) => a.code)).toEqual(['DL010002', 'DL010001']);
    const byOldName = await get(`/api/v1/lookup/agents?place=${encodeURIComponent('Quận Hoàn Kiếm')}`);
    expect(byOldName.items.map((a) => a.code)).toContain('DL010001');
  });
});

describe('administrative units', () => {
  it('lists the 2025 provinces and the communes of one', async () => {
    const provinces = await app.inject({ url: '/api/v1/lookup/provinces' });
    expect(provinces.json<{ items: unknown[] }>().items).toHaveLength(34);
    const communes = await app.inject({ url: '/api/v1/lookup/provinces/01/communes' });
    expect(communes.json<{ items: { code: string; name: string }[] }>().items[0]).toEqual({
      code: '00004',
      name: 'Phường Ba Đình',
    });
    expect((await app.inject({ url: '/api/v1/lookup/provinces/99/communes' })).statusCode).toBe(404);
  });
});

describe('the directories held in memory', () => {
  type Clinic = Item & { level: string; issuesSickLeave: boolean };
  const codes = async (node: FastifyInstance, url: string) => {
    const res = await node.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DirectoryPage<Clinic>>().items.map((c) => c.code);
  };

  it('answer every committed change on every node, however it was written, once it is announced', async () => {
    const url = '/api/v1/lookup/clinics?commune=00199';
    // Both nodes are subscribed to the announcements: a change shows as soon as it has arrived.
    const eventually = (node: FastifyInstance, u: string) =>
      expect.poll(() => codes(node, u), { timeout: 5000, interval: 20 });
    expect(await codes(app, url)).toEqual(['01005']);
    expect(await codes(otherNode, url)).toEqual(['01005']);
    // Written with SQL, outside the API: the trigger moves the version and announces it all the same.
    await sql`INSERT INTO clinics (code, name, level, address, province_code, commune_code, issues_sick_leave)
      VALUES ('01006', 'Bệnh viện Đa khoa Láng Hạ', 'province', 'Số 6, Phường Láng', '01', '00199', true)`.execute(
      database.db,
    );
    await eventually(app, url).toEqual(['01006', '01005']);
    await eventually(otherNode, url).toEqual(['01006', '01005']);
    await sql`UPDATE clinics SET bhyt_contracted = false WHERE code = '01005'`.execute(database.db);
    await eventually(otherNode, url).toEqual(['01006']);
    await eventually(app, `/api/v1/lookup/clinics?q=lang%20ha`).toEqual(['01006']);
    await sql`UPDATE clinics SET name = 'Bệnh viện Thanh Nhàn' WHERE code = '01006'`.execute(database.db);
    await eventually(app, `/api/v1/lookup/clinics?q=lang%20ha`).toEqual([]);
    expect(await codes(app, `/api/v1/lookup/clinics?q=thanh%20nhan`)).toEqual(['01006']);
    await sql`DELETE FROM clinics WHERE code = '01006'`.execute(database.db);
    await sql`UPDATE clinics SET bhyt_contracted = true WHERE code = '01005'`.execute(database.db);
    await eventually(app, url).toEqual(['01005']);
    await eventually(otherNode, url).toEqual(['01005']);
  });

  it('trust their copy while subscribed until a change is announced, and check every search otherwise', async () => {
    const catalog = new Catalog('collection_agents', loadAgents);
    const phone = async () =>
      (await catalog.search(database.db, { provinceCode: '01', limit: 20, offset: 0 })).rows.find(
        (r) => r.code === 'DL010002',
      )?.phone;
    catalog.setLive(true);
    const before = await phone();
    await sql`UPDATE collection_agents SET phone = '02438888888' WHERE code = 'DL010002'`.execute(
      database.db,
    );
    expect(await phone()).toBe(before); // no announcement reached this copy: no query was made
    catalog.changed();
    expect(await phone()).toBe('02438888888');
    // The subscription lost: every search reads the version, changes show at once.
    catalog.setLive(false);
    await sql`UPDATE collection_agents SET phone = '02437777777' WHERE code = 'DL010002'`.execute(
      database.db,
    );
    expect(await phone()).toBe('02437777777');
  });

  it('are loaded once per change, however many searches ask at the same time', async () => {
    let loads = 0;
    const catalog = new Catalog('collection_agents', (db) => {
      loads += 1;
      return loadAgents(db);
    });
    const search = () => catalog.search(database.db, { provinceCode: '01', limit: 20, offset: 0 });
    const first = await Promise.all(Array.from({ length: 10 }, search));
    expect(loads).toBe(1);
    expect(first.every((p) => p.total === 2)).toBe(true);
    await search();
    expect(loads).toBe(1);
    await sql`UPDATE collection_agents SET phone = '02439999999' WHERE code = 'DL010001'`.execute(
      database.db,
    );
    const after = await Promise.all(Array.from({ length: 10 }, search));
    expect(loads).toBe(2);
    expect(after[0]!.rows.find((r) => r.code === 'DL010001')?.phone).toBe('02439999999');
  });
});

describe('the employer units word index', () => {
  it('answers what the SQL search answers, and nothing while it is behind the database', async () => {
    const index = new UnitWordIndex(loadUnitIndex, unitsByCode, 0);
    const sqlPage = (q: string, province?: string, offset = 0, limit = 20) =>
      searchUnits(database.db, { words: lookupWords(q), provinceCode: province, limit, offset });
    const indexPage = (q: string, province?: string, offset = 0, limit = 20) =>
      index.search(database.db, { words: lookupWords(q), provinceCode: province, limit, offset });
    expect(await indexPage('minh phat')).toBeNull(); // nothing held yet: SQL answers, a build starts
    await index.settled();
    await sql`INSERT INTO employer_units (code, tax_code, name, kind, address, province_code, managing_agency)
      VALUES ('TA0004', '0104444444', 'Hợp tác xã Minh Minh Phát', 'cooperative', 'Số 4, Phường Láng', '79', '01'),
             ('TA0005', NULL, 'Công ty TNHH Phát Minh', 'enterprise', 'Số 5, Phường Láng', '01', '01')`.execute(
      database.db,
    );
    expect(await indexPage('minh phat')).toBeNull(); // the insert moved the version
    await index.settled();
    for (const [q, province, offset, limit] of [
      ['minh phat', undefined, 0, 20],
      ['minh phat', undefined, 1, 2],
      ['minh phat', '79', 0, 20],
      ['minh', undefined, 3, 20],
      ['cong ty', undefined, 0, 1],
      ['dong a', undefined, 0, 20],
      ['khong co', undefined, 0, 20],
    ] as const) {
      const expected = await sqlPage(q, province, offset, limit);
      expect(await indexPage(q, province, offset, limit), `${q} ${province} ${offset}`).toEqual(expected);
    }
    // A word twice in a name counts the unit once.
    expect((await indexPage('minh'))?.total).toBe((await sqlPage('minh')).total);
    expect((await indexPage('minh phat'))?.rows.map((r) => r.code)).toEqual([
      'TA0002',
      'TA0001',
      'TA0005',
      'TA0004',
    ]);
    await sql`DELETE FROM employer_units WHERE code IN ('TA0004', 'TA0005')`.execute(database.db);
    expect(await indexPage('minh phat')).toBeNull();
    const units = await get('/api/v1/lookup/units?q=minh%20phat');
    expect(units.items.map((u) => u.code)).toEqual(['TA0002', 'TA0001']);
  });

  it('answers a page with no query while subscribed and nothing was announced, its rows held', async () => {
    const index = new UnitWordIndex(loadUnitIndex, unitsByCode, 0, 2);
    index.setLive(true);
    const page = async (q: string) =>
      index.search(database.db, { words: lookupWords(q), limit: 20, offset: 0 });
    expect(await page('minh')).toBeNull();
    await index.settled();
    const first = await page('minh');
    expect(first?.rows.map((r) => r.code)).toEqual(['TA0002', 'TA0001']);
    await sql`UPDATE employer_units SET phone = '02436666666' WHERE code = 'TA0001'`.execute(database.db);
    // Not announced to this index: its held rows answer, with no query.
    expect((await page('minh'))?.rows.find((r) => r.code === 'TA0001')?.phone).toBe(first?.rows[1]?.phone);
    index.changed();
    expect(await page('minh')).toBeNull(); // the version moved: SQL answers, the index is rebuilt
    await index.settled();
    expect((await page('minh'))?.rows.find((r) => r.code === 'TA0001')?.phone).toBe('02436666666');
    // At most two rows held: a page of three still answers, reading what is not held.
    expect((await page('cong ty'))?.rows.map((r) => r.code)).toEqual(
      (await searchUnits(database.db, { words: ['cong', 'ty'], limit: 20, offset: 0 })).rows.map(
        (r) => r.code,
      ),
    );
  });

  it('is rebuilt at most once per interval', async () => {
    let loads = 0;
    const index = new UnitWordIndex(
      (db) => {
        loads += 1;
        return loadUnitIndex(db);
      },
      unitsByCode,
      60_000,
    );
    const search = () => index.search(database.db, { words: ['minh'], limit: 20, offset: 0 });
    expect(await search()).toBeNull();
    await index.settled();
    expect((await search())?.total).toBe(2);
    await sql`UPDATE employer_units SET phone = '02437770000' WHERE code = 'TA0001'`.execute(database.db);
    expect(await search()).toBeNull();
    await index.settled();
    expect(await search()).toBeNull(); // still behind: the next rebuild waits for the interval
    expect(loads).toBe(1);
  });
});
