import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { openDatabase } from '../db/database';
import { createPostgresTestDatabase } from '../testing/database';
import { type JobCluster, startPeriodicJob } from './periodic';

/**
 * Issue 28: a periodic job on several API nodes runs once per tick. Three "nodes" here are three
 * handles (pools of their own) on one PostgreSQL database, each with the job's timer.
 */
let drop: () => Promise<void>;
let nodes: DatabaseHandle[];

beforeAll(async () => {
  const created = await createPostgresTestDatabase();
  drop = created.drop;
  nodes = await Promise.all(
    [1, 2, 3].map(() =>
      openDatabase({ databaseUrl: created.url, databaseInMemory: false, dataDir: '.', databasePoolMax: 3 }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  await drop();
});

describe('periodic jobs across nodes', () => {
  it('runs each tick once across three nodes; the others count a skip', async () => {
    const outcomes: string[] = [];
    const log = pino({ level: 'silent' });
    const jobs = nodes.map((node) => {
      const cluster: JobCluster = {
        db: node.db,
        record: (_job, outcome) => outcomes.push(outcome),
      };
      return startPeriodicJob(async () => undefined, {
        intervalMs: 1000,
        log,
        failure: 'test pass failed',
        name: 'test-tick',
        cluster,
      });
    });
    // Wait for three ticks to be counted by every node, then stop.
    const end = Date.now() + 10_000;
    while (outcomes.length < 9 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(jobs.map((j) => j.stop()));
    const counted = outcomes.slice(0, 9);
    expect(counted.filter((o) => o === 'ran')).toHaveLength(3);
    expect(counted.filter((o) => o === 'skipped')).toHaveLength(6);
  });

  it('runs every pass where no database holds the ticks (one node on the embedded database)', async () => {
    let passes = 0;
    const job = startPeriodicJob(
      async () => {
        passes++;
      },
      {
        intervalMs: 200,
        log: pino({ level: 'silent' }),
        failure: 'test pass failed',
        name: 'single',
        cluster: { db: null, record: () => undefined },
      },
    );
    await new Promise((r) => setTimeout(r, 1100));
    await job.stop();
    expect(passes).toBeGreaterThanOrEqual(4);
  });
});
