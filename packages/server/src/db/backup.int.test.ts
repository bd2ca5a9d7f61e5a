import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { vietnamToday } from '@vssid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { verifyAuditChains } from '../modules/audit/verify';
import { FAMILY, insertFamily } from '../modules/card/test-fixtures';
import { CHILD, OTHER, getAs, type Headers, startRecordsWorld } from '../modules/records/test-fixtures';
import { signInAs } from '../testing/auth';
import { createPostgresTestDatabase, testConfig, testEngine } from '../testing/database';
import { backupDatabase, backupKind, restoreDatabase, RestoreRefused, writeDump } from './backup';
import { type DatabaseHandle, openDatabase } from './database';

/**
 * A backup restored into a fresh database serves the same card and histories (issue #22 item 4),
 * on the engine of the test project: pg_dump/pg_restore on PostgreSQL, the data directory's
 * tarball on the embedded database.
 */

const engine = testEngine();
const cleanups: (() => Promise<unknown>)[] = [];
let dir: string;

/** An empty database of this engine, and the configuration that names it. */
async function emptyDatabase(): Promise<{ config: Parameters<typeof openDatabase>[0] }> {
  if (engine === 'postgres') {
    const created = await createPostgresTestDatabase();
    cleanups.push(created.drop);
    return {
      config: { databaseUrl: created.url, databaseInMemory: false, dataDir: '.', databasePoolMax: 5 },
    };
  }
  const dataDir = await fs.mkdtemp(path.join(dir, 'data-'));
  return { config: { databaseUrl: undefined, databaseInMemory: false, dataDir, databasePoolMax: 1 } };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vssid-backup-'));
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * Drops what differs at every reading whatever the database: the moment of reading and the card
 * credential's fresh signature and validity (its key id stays).
 */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'retrievedAt')
        .map(([k, v]) => [k, k === 'credential' && v ? { kid: (v as { kid: string }).kid } : stable(v)]),
    );
  return value;
}

/** The answers compared before and after: the card, the card keys and the histories. */
async function answers(app: Awaited<ReturnType<typeof buildApp>>, parent: Headers, adult: Headers) {
  const json = async (url: string, headers: Headers) => {
    const res = await getAs(app, url, headers);
    expect(res.statusCode, url).toBe(200);
    return stable(res.json()) as Record<string, unknown>;
  };
  return {
    cards: (await json('/api/v1/me/cards', parent)).cards as unknown[],
    jwks: await json('/.well-known/jwks.json', parent),
    participation: await json('/api/v1/me/participation', adult),
    benefits: await json('/api/v1/me/benefits', adult),
    visits: await json('/api/v1/me/medical-visits', adult),
    estimates: await json('/api/v1/me/estimates', adult),
    childParticipation: await json(`/api/v1/persons/${CHILD}/participation`, adult),
  };
}

describe(`backup and restore (${engine})`, () => {
  it(
    'restores into a fresh database that serves the same card and histories, and refuses a non-empty target',
    { timeout: 120_000 },
    async () => {
      const source = await emptyDatabase();
      const sourceDb: DatabaseHandle = await openDatabase(source.config);
      const world = await startRecordsWorld(sourceDb);
      await insertFamily(sourceDb.db, vietnamToday(new Date()));
      const parent = (await signInAs(world.app, { role: 'citizen', bhxhCode: FAMILY.parent })).headers;
      const before = await answers(world.app, parent, world.adult);
      expect(before.cards.length).toBeGreaterThan(0);
      expect((before.participation as { periods: unknown[] }).periods.length).toBeGreaterThan(0);
      const entries = (await verifyAuditChains(sourceDb.db)).entries;
      expect(entries).toBeGreaterThan(0);

      const file = path.join(dir, engine === 'postgres' ? 'backup.pgdump' : 'backup.pglite.tar.gz');
      if (engine === 'postgres') await backupDatabase(source.config, file);
      else await writeDump(sourceDb.dumpDataDir, file);
      await world.app.close();
      await sourceDb.close();
      expect(await backupKind(file)).toBe(engine);

      const target = await emptyDatabase();
      await restoreDatabase(target.config, file);
      const restored = await openDatabase(target.config);
      cleanups.push(() => restored.close());
      const app = await buildApp(testConfig(), { database: restored });
      cleanups.push(() => app.close());
      // The sessions, the signing keys and the audit chains came along: the same callers, the same answers.
      expect(await answers(app, parent, world.adult)).toEqual(before);
      const chains = await verifyAuditChains(restored.db);
      expect(chains.breaks).toEqual([]);
      expect(chains.entries).toBeGreaterThanOrEqual(entries);
      // A new sign-in on the restored database works too.
      const other = (await signInAs(app, { role: 'citizen', bhxhCode: OTHER })).headers;
      expect((await getAs(app, '/api/v1/me/participation', other)).statusCode).toBe(200);

      // The target is no longer empty: a second restore is refused (the embedded database while
      // the app holds it, too), and nothing changed.
      await expect(restoreDatabase(target.config, file)).rejects.toBeInstanceOf(RestoreRefused);
      expect(await answers(app, parent, world.adult)).toEqual(before);
    },
  );
});
