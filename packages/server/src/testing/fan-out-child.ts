/**
 * Tests only (fan-out-crash.int.test.ts): a process that runs the greeting fan-out on a database
 * (file-backed PGlite in DATA_DIR, or DATABASE_URL), one small batch at a time, printing
 * `batch <n>` after each committed batch and `finished` at the end, so that the test can SIGKILL
 * it in the middle and check that a second run completes without duplicates or gaps.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../db/database';
import { runFanOut, startGreetings } from '../modules/notifications/fan-out';

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  databaseInMemory: false,
  dataDir: process.env.DATA_DIR ?? '.',
  databasePoolMax: 2,
});
const now = new Date(process.env.FANOUT_NOW ?? Date.now());
const batchSize = Number(process.env.FANOUT_BATCH ?? 20);
const delayMs = Number(process.env.FANOUT_DELAY_MS ?? 0);
await startGreetings(database.db, now);
for (let n = 1; ; n++) {
  const report = await runFanOut(database.db, { batchSize, maxBatches: 1 });
  if (report.batches === 0) break;
  process.stdout.write(`batch ${n}\n`);
  if (delayMs) await sleep(delayMs);
}
await database.close();
process.stdout.write('finished\n');
