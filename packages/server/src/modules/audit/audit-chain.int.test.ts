import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { migrate, MIGRATIONS_DIR } from '../../db/migrate';
import { createTestDatabase } from '../../testing/database';
import { insertAuditEvent, type NewAuditEvent } from './repository';
import { verifyAuditChains } from './verify';

const event = (i: number, subject: string | null = '0123456789'): NewAuditEvent => ({
  actor_type: 'officer',
  actor_id: `officer-${i}`,
  subject_bhxh_code: subject,
  action: 'dossier.opened',
  target_type: 'dossier',
  target_id: `D${i}`,
  purpose: 'registration.review',
  ip: i % 2 ? '10.0.0.1' : null,
  request_id: `r${i}`,
  details: { n: i, text: 'Nguyễn Văn Ân — 中文', nested: { b: [1, 2.5, null], a: 'x"y' } },
});

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  // Migrations before the chain, entries written then, and then the chain's migration: the
  // existing entries are chained by it.
  const before = await fs.mkdtemp(path.join(os.tmpdir(), 'vssid-migrations-'));
  for (const f of await fs.readdir(MIGRATIONS_DIR))
    if (f.endsWith('.sql') && f < '0016')
      await fs.copyFile(path.join(MIGRATIONS_DIR, f), path.join(before, f));
  await migrate(database.db, before);
  await fs.rm(before, { recursive: true });
  for (let i = 0; i < 5; i++) await insertAuditEvent(database.db, event(i));
  await migrate(database.db);
});
afterAll(() => database.close());

async function ids(where: string): Promise<string[]> {
  const r = await sql<{
    id: string;
  }>`SELECT id::text AS id FROM audit_log WHERE target_id = ${where}`.execute(database.db);
  return r.rows.map((x) => x.id);
}

describe('audit chain', () => {
  it('chains the entries written before the migration and every entry written after, each writer alike', async () => {
    const db = database.db;
    for (let i = 5; i < 40; i++) await insertAuditEvent(db, event(i, i % 3 ? '0123456789' : null));
    // Several entries in one transaction and one statement (the look-up's batch), more than
    // nine in one chain (sequence numbers of two digits are walked in number order).
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('audit_log')
        .values([event(40), event(41, '9999999999'), event(42, null)])
        .execute();
      await insertAuditEvent(trx, event(43));
      await trx
        .insertInto('audit_log')
        .values(Array.from({ length: 12 }, (_, i) => event(60 + i)))
        .execute();
    });
    const result = await verifyAuditChains(db);
    expect(result.entries).toBe(56);
    expect(result.chains).toBe(64);
    expect(result.breaks).toEqual([]);
    expect(result.unchained).toBe(0);
    // A transaction's entries go to one chain, one after the other.
    const chained = await sql<{ p: number; seqs: string[] }>`
      SELECT chain_partition AS p, array_agg(chain_seq::text ORDER BY id) AS seqs FROM audit_log
       WHERE target_id IN ('D40', 'D41', 'D42', 'D43') GROUP BY chain_partition`.execute(db);
    expect(chained.rows).toHaveLength(1);
    expect(chained.rows[0]!.seqs.map(BigInt)).toEqual(
      [0n, 1n, 2n, 3n].map((k) => BigInt(chained.rows[0]!.seqs[0]!) + k),
    );
  });

  it('names the entry whose content was edited, and holds again once it is put back', async () => {
    const db = database.db;
    const [id] = await ids('D12');
    await sql`UPDATE audit_log SET details = details || '{"n": 999}' WHERE id = ${id}`.execute(db);
    let result = await verifyAuditChains(db);
    expect(result.breaks).toHaveLength(1);
    expect(result.breaks[0]).toMatchObject({ entryId: id, problem: 'content_changed' });
    await sql`UPDATE audit_log SET details = details || '{"n": 12}' WHERE id = ${id}`.execute(db);
    await sql`UPDATE audit_log SET purpose = 'curiosity' WHERE id = ${id}`.execute(db);
    result = await verifyAuditChains(db);
    expect(result.breaks).toMatchObject([{ entryId: id, problem: 'content_changed' }]);
    await sql`UPDATE audit_log SET purpose = 'registration.review' WHERE id = ${id}`.execute(db);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
  });

  it('names the entry after a deleted one, and a chain whose last entries were deleted', async () => {
    const db = database.db;
    // D1 and D2 were chained by the migration (id mod 64): neighbours in no chain; D40–D43 share one.
    const [d41] = await ids('D41');
    const [d42] = await ids('D42');
    await sql`DELETE FROM audit_log WHERE id = ${d41}`.execute(db);
    let result = await verifyAuditChains(db);
    expect(result.breaks).toHaveLength(1);
    expect(result.breaks[0]).toMatchObject({ entryId: d42, problem: 'entry_missing' });
    expect(result.breaks[0]!.detail).toContain(`before id ${d42}`);

    const [d43] = await ids('D43');
    const partition = result.breaks[0]!.partition;
    // The chain's last entries: D42, D43 and the twelve after them (D60–D71).
    await sql`DELETE FROM audit_log WHERE id IN (${d42}, ${d43}) OR target_id ~ '^D(6[0-9]|7[01])$'`.execute(
      db,
    );
    result = await verifyAuditChains(db);
    expect(result.breaks).toMatchObject([{ partition, entryId: null, problem: 'head_mismatch' }]);
  });

  it('catches a chain rewritten with recomputed hashes only against an anchor kept outside', async () => {
    const db = database.db;
    // Make the damage above whole again as a forger would: the head set back to the last entry.
    await sql`UPDATE audit_chain_heads h SET last_seq = e.chain_seq, last_hash = e.hash
                FROM (SELECT DISTINCT ON (chain_partition) chain_partition, chain_seq, hash FROM audit_log
                       ORDER BY chain_partition, chain_seq DESC) e
               WHERE e.chain_partition = h.chain_partition`.execute(db);
    const sound = await verifyAuditChains(db);
    expect(sound.breaks).toEqual([]);
    const anchor = sound.anchor;

    // A new entry, then removed, the head set back: the chain alone looks sound.
    await insertAuditEvent(db, event(50));
    const after = (await verifyAuditChains(db)).anchor;
    const [d50] = await ids('D50');
    const p = (
      await sql<{ p: number }>`SELECT chain_partition AS p FROM audit_log WHERE id = ${d50}`.execute(db)
    ).rows[0]!.p;
    await sql`DELETE FROM audit_log WHERE id = ${d50}`.execute(db);
    await sql`UPDATE audit_chain_heads SET last_seq = ${anchor[String(p)]!.seq}::bigint,
                last_hash = decode(${anchor[String(p)]!.hash}, 'hex') WHERE chain_partition = ${p}`.execute(
      db,
    );
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
    expect((await verifyAuditChains(db, anchor)).breaks).toEqual([]);
    const result = await verifyAuditChains(db, after);
    expect(result.breaks).toMatchObject([{ partition: p, problem: 'anchor_mismatch' }]);
  });
});
