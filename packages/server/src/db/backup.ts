import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Config } from '../config';
import { openDatabase } from './database';

/**
 * Backups of the database (issue #22 item 4), one file each:
 * - PostgreSQL: `pg_dump --format=custom` of the database of DATABASE_URL, restored by
 *   `pg_restore` into an empty database (every table, sequence, function and trigger, the audit
 *   chains and the sealed keys; not roles or server settings);
 * - the embedded database (PGlite): its whole data directory as a gzipped tarball
 *   (`dumpDataDir`), restored as a new data directory (`loadDataDir`). The server must not be
 *   running on the same data directory meanwhile (PGlite is one process's database).
 * A file restores on the engine that made it (assumption: no cross-engine restore; PGlite runs
 * a newer PostgreSQL than pg_dump 15 can read, and its tarball is not a dump).
 */

type DbConfig = Pick<Config, 'databaseUrl' | 'databaseInMemory' | 'dataDir' | 'databasePoolMax'>;

const run = promisify(execFile);

/** A backup file's kind, from its first bytes: pg_dump's custom format or a gzipped tarball. */
export async function backupKind(file: string): Promise<'postgres' | 'pglite' | 'unknown'> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'postgres';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
    return 'unknown';
  } finally {
    await handle.close();
  }
}

/**
 * The directory of PostgreSQL's client programs: PG_BIN when set, else the newest
 * /usr/lib/postgresql/<version>/bin that has them, else the PATH (an empty string).
 */
function postgresBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', 'pg_dump')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  return '';
}

/** The connection for a client program: the URL without its password, which goes in PGPASSWORD (not in `ps`). */
function clientConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Writes a backup of the configured database to `file`; returns the engine it came from. */
export async function backupDatabase(config: DbConfig, file: string): Promise<'postgres' | 'pglite'> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  if (config.databaseUrl) {
    const { dbname, env } = clientConnection(config.databaseUrl);
    await run(
      path.join(postgresBin(), 'pg_dump'),
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`],
      { env },
    );
    return 'postgres';
  }
  const handle = await openDatabase(config);
  try {
    await writeDump(handle.dumpDataDir, file);
  } finally {
    await handle.close();
  }
  return 'pglite';
}

/** The embedded database's tarball of an open handle (the CLI's and the tests' path alike). */
export async function writeDump(dump: (() => Promise<Blob>) | undefined, file: string): Promise<void> {
  if (!dump) throw new Error('not an embedded database');
  const blob = await dump();
  await fs.writeFile(file, Buffer.from(await blob.arrayBuffer()));
}

export class RestoreRefused extends Error {}

/**
 * Restores `file` into the configured database, which must be empty (a PostgreSQL database with
 * no table, an embedded data directory that does not exist or is empty) unless `force`: then a
 * PostgreSQL target's objects are dropped and recreated (`pg_restore --clean`), an embedded data
 * directory is replaced. Refuses a file of the other engine.
 */
export async function restoreDatabase(config: DbConfig, file: string, options: { force?: boolean } = {}) {
  const kind = await backupKind(file);
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (kind === 'unknown')
    throw new RestoreRefused(
      `${file} is not a backup (neither pg_dump's custom format nor a PGlite tarball)`,
    );
  if (kind !== engine)
    throw new RestoreRefused(
      `${file} is a backup of ${kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}; the target is ${engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database'}`,
    );
  if (config.databaseUrl) {
    const tables = await countTables(config);
    if (tables > 0 && !options.force)
      throw new RestoreRefused(
        `the target database has ${tables} tables: restore into an empty database, or pass --force to replace it`,
      );
    const { dbname, env } = clientConnection(config.databaseUrl);
    await run(
      path.join(postgresBin(), 'pg_restore'),
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        ...(tables > 0 ? ['--clean', '--if-exists'] : []),
        `--dbname=${dbname}`,
        file,
      ],
      { env },
    );
    return;
  }
  if (config.databaseInMemory) throw new RestoreRefused('the target is an in-memory database: set DATA_DIR');
  const dir = path.join(config.dataDir, 'pglite');
  const present = await fs.readdir(dir).catch(() => [] as string[]);
  if (present.length > 0 && !options.force)
    throw new RestoreRefused(
      `${dir} is not empty: restore into a new DATA_DIR, or pass --force to replace it`,
    );
  await fs.rm(dir, { recursive: true, force: true });
  const blob = new Blob([await fs.readFile(file)]);
  const handle = await openDatabase(config, { loadDataDir: blob });
  await handle.close();
}

async function countTables(config: DbConfig): Promise<number> {
  const handle = await openDatabase({ ...config, databasePoolMax: 1 });
  try {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname NOT LIKE 'pg_toast%'`.execute(handle.db);
    return r.rows[0]?.n ?? 0;
  } finally {
    await handle.close();
  }
}
