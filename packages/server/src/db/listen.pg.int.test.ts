import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/database';
import type { DatabaseHandle } from './database';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** The backends of this test's database whose last statement was a LISTEN or an UNLISTEN. */
async function listeningBackends(): Promise<number[]> {
  const r = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND query ~ '^(UN)?LISTEN ' AND pid <> pg_backend_pid()`.execute(
    database.db,
  );
  return r.rows.map((row) => row.pid);
}

/** A subscriber that keeps what it heard and every state change. */
function recorder() {
  const heard: string[] = [];
  const states: boolean[] = [];
  return {
    heard,
    states,
    onMessage: (p: string) => heard.push(p),
    onState: (live: boolean) => states.push(live),
  };
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const notify = (channel: string, payload: string) =>
  sql`SELECT pg_notify(${channel}, ${payload})`.execute(database.db);

describe('LISTEN on PostgreSQL', () => {
  it('listens to every channel of a handle on one connection and routes each message to its channel', async () => {
    const a = recorder();
    const b = recorder();
    const b2 = recorder();
    const stopA = await database.listen('test_channel_a', a.onMessage, a.onState);
    const stopB = await database.listen('test_channel_b', b.onMessage, b.onState);
    const stopB2 = await database.listen('test_channel_b', b2.onMessage, b2.onState);
    expect([a.states, b.states, b2.states]).toEqual([[true], [true], [true]]);
    expect(await listeningBackends()).toHaveLength(1);

    await notify('test_channel_a', 'one');
    await notify('test_channel_b', 'two');
    await until(() => a.heard.length === 1 && b.heard.length === 1 && b2.heard.length === 1);
    expect([a.heard, b.heard, b2.heard]).toEqual([['one'], ['two'], ['two']]);

    // The last subscriber of a channel leaves: the channel is no longer heard, the others are.
    await stopA();
    expect(a.states).toEqual([true, false]);
    await notify('test_channel_a', 'three');
    await notify('test_channel_b', 'four');
    await until(() => b.heard.length === 2);
    expect(a.heard).toEqual(['one']);
    expect(b2.heard).toEqual(['two', 'four']);

    // The last subscriber of all leaves: the connection closes.
    await stopB();
    expect(await listeningBackends()).toHaveLength(1);
    await stopB2();
    await until(async () => (await listeningBackends()).length === 0);
  });

  it('says when the connection is lost, listens again to every channel after reconnecting, and hears again', async () => {
    const a = recorder();
    const b = recorder();
    const stopA = await database.listen('test_channel_c', a.onMessage, a.onState);
    const stopB = await database.listen('test_channel_d', b.onMessage, b.onState);
    const [pid] = await listeningBackends();
    expect(pid).toBeDefined();

    await sql`SELECT pg_terminate_backend(${pid ?? 0})`.execute(database.db);
    await until(() => a.states.length >= 3 && b.states.length >= 3, 10_000);
    expect(a.states).toEqual([true, false, true]);
    expect(b.states).toEqual([true, false, true]);
    const after = await listeningBackends();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(pid);

    await notify('test_channel_c', 'back');
    await notify('test_channel_d', 'again');
    await until(() => a.heard.length === 1 && b.heard.length === 1);
    expect([a.heard, b.heard]).toEqual([['back'], ['again']]);
    await stopA();
    await stopB();
  });
});
