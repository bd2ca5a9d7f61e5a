/**
 * npm run datagen -- --persons 1000000 --database-url postgres://… [--seed vssid] [--batch 5000]
 * npm run datagen -- --persons 300 --out ./nation   (COPY text files, e.g. to compare two runs)
 *
 * Generates a deterministic synthetic nation (the same seed always gives byte-identical output)
 * and streams it into PostgreSQL with COPY, showing progress; the database is migrated first and
 * must hold no persons yet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate, openDatabase } from '@vssid/server';
import { LOAD_ORDER, nationBatches } from './batches';
import { copyLines } from './encode';
import { loadWithCopy } from './load';
import { MAX_PERSONS } from './people';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '2000' },
    seed: { type: 'string', default: 'vssid' },
    'database-url': { type: 'string' },
    out: { type: 'string' },
    batch: { type: 'string', default: '5000' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`datagen: ${message}`);
  process.exit(2);
}

if (values.help) {
  console.log(
    'npm run datagen -- --persons N (--database-url postgres://… | --out DIR) [--seed S] [--batch N]',
  );
  process.exit(0);
}
const persons = Number(values.persons);
if (!Number.isInteger(persons) || persons < 1 || persons > MAX_PERSONS)
  fail(`--persons must be a whole number from 1 to ${MAX_PERSONS}`);
const batch = Number(values.batch);
if (!Number.isInteger(batch) || batch < 100) fail('--batch must be a whole number of at least 100');
const seed = values.seed;
const url = values['database-url'] ?? process.env.DATABASE_URL;

const number = new Intl.NumberFormat('en-US');
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
let lastLine = 0;
function progress(done: number, rows: number, elapsedMs: number): void {
  const share = done / persons;
  const rate = elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
  const eta = share > 0 ? (elapsedMs / share) * (1 - share) : 0;
  const width = 30;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '-');
  const line = `[${bar}] ${(share * 100).toFixed(1).padStart(5)}%  ${number.format(done)}/${number.format(persons)} persons  ${number.format(Math.round(rate))} rows/s  ETA ${duration(eta)}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (Date.now() - lastLine > 5000 || done === persons) {
    lastLine = Date.now();
    process.stderr.write(`${line}\n`);
  }
}

if (values.out) {
  const dir = path.resolve(values.out);
  fs.mkdirSync(dir, { recursive: true });
  const files = new Map(LOAD_ORDER.map((t) => [t, fs.openSync(path.join(dir, `${t}.tsv`), 'w')]));
  const started = Date.now();
  let rows = 0;
  for (const [b, info] of nationBatches(seed, persons, batch)) {
    for (const table of LOAD_ORDER) {
      const list = b[table];
      const fd = files.get(table);
      if (list?.length && fd !== undefined) fs.writeSync(fd, copyLines(table, list));
    }
    rows += info.rows;
    progress(info.personsSoFar, rows, Date.now() - started);
  }
  for (const fd of files.values()) fs.closeSync(fd);
  process.stderr.write(
    `\n${number.format(rows)} rows written to ${dir} in ${duration(Date.now() - started)}\n`,
  );
} else {
  if (!url) fail('give --database-url postgres://… (or DATABASE_URL), or --out DIR');
  const handle = await openDatabase({
    databaseUrl: url,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  const migrated = await migrate(handle.db);
  if (migrated.applied.length) console.error(`migrated: ${migrated.applied.join(', ')}`);
  await handle.close();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const report = await loadWithCopy(pool, {
      seed,
      persons,
      batchPersons: batch,
      onProgress: (p) => {
        progress(p.persons, p.rows, p.elapsedMs);
      },
    });
    const size = await pool.query<{ size: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    process.stderr.write('\n');
    console.log(
      `Loaded ${number.format(report.persons)} persons, ${number.format(report.rows)} rows in ${duration(report.elapsedMs)} (${number.format(Math.round((report.rows * 1000) / report.elapsedMs))} rows/s); database size ${size.rows[0]?.size ?? '?'}.`,
    );
    for (const [table, n] of Object.entries(report.rowsByTable))
      console.log(`  ${table.padEnd(22)} ${number.format(n).padStart(12)}`);
  } finally {
    await pool.end();
  }
}
