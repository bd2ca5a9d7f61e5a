import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** An arbitrary constant: the advisory lock that serializes concurrent migrators (several nodes starting). */
const LOCK_KEY = 7_462_019_001;

/** The migration files, in order. Names are `NNNN_words.sql`; numbers are unique and contiguous. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const [i, file] of files.entries()) {
    const m = NAME.exec(file);
    if (!m) throw new Error(`Migration file name ${file} is not NNNN_words.sql`);
    if (Number(m[1]) !== i + 1)
      throw new Error(`Migration ${file} breaks the sequence: expected ${String(i + 1).padStart(4, '0')}`);
    const text = await fs.readFile(path.join(dir, file), 'utf8');
    migrations.push({ id: file.replace(/\.sql$/, ''), sql: text, checksum: sha256(text) });
  }
  return migrations;
}

interface MigrateResult {
  applied: string[];
  total: number;
}

/**
 * Applies the migrations not applied yet, each in its own transaction, recorded in
 * `schema_migrations`. Forward-only: a landed migration whose file changed stops the start.
 * A session-level advisory lock makes concurrent starts apply each migration once.
 */
export async function migrate(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const migrations = await readMigrations(dir);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        id text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(conn);
      const done = new Map(
        (await conn.selectFrom('schema_migrations').select(['id', 'checksum']).execute()).map((r) => [
          r.id,
          r.checksum,
        ]),
      );
      for (const id of done.keys()) {
        if (!migrations.some((m) => m.id === id))
          throw new Error(`Migration ${id} was applied but its file is gone`);
      }
      const applied: string[] = [];
      for (const m of migrations) {
        const checksum = done.get(m.id);
        if (checksum !== undefined) {
          if (checksum !== m.checksum)
            throw new Error(`Migration ${m.id} was edited after it was applied; add a new migration instead`);
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await trx.insertInto('schema_migrations').values({ id: m.id, checksum: m.checksum }).execute();
        });
        applied.push(m.id);
      }
      return { applied, total: migrations.length };
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}
