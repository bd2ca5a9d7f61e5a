import { sql } from 'kysely';
import { hashPassword, openDatabase, runFanOut } from '@vssid/server';
import { BENCH_PASSWORD } from './accounts';
import { REGISTRATION_RESERVE_DIGIT } from '../scenarios';

/** The policy-news fan-out measured on the dataset (issue 25): time and inbox rows per second. */
export interface FanOutResult {
  accounts: number;
  rows: number;
  seconds: number;
  rows_per_s: number;
  batch_size: number;
}

const BENCH_TITLE = 'Bench: thông báo toàn quốc';

/**
 * Gives every person of the dataset a citizen account (once: later runs find them) but a tenth
 * kept for the registration scenario (BHXH codes ending in REGISTRATION_RESERVE_DIGIT, who
 * register for their account there), takes the
 * previous run's bench article out of the inboxes, then publishes one article for everyone and
 * runs its fan-out to the end in batches of 1,000 accounts, as the server's job does, timed. The
 * inbox rows stay, so the inbox-read scenario reads non-empty inboxes.
 */
export async function measureFanOut(databaseUrl: string): Promise<FanOutResult> {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  const db = handle.db;
  try {
    const hash = await hashPassword(BENCH_PASSWORD);
    await sql`INSERT INTO accounts (role, username, bhxh_code, display_name, password_hash, must_change_password)
      SELECT 'citizen', bhxh_code, bhxh_code, full_name, ${hash}, false FROM persons
      WHERE right(bhxh_code, 1) <> ${REGISTRATION_RESERVE_DIGIT}
      ON CONFLICT DO NOTHING`.execute(db);
    const old = sql`(SELECT id FROM news WHERE content -> 'vi' ->> 'title' = ${BENCH_TITLE})`;
    await sql`DELETE FROM notifications WHERE news_id IN ${old}`.execute(db);
    await sql`DELETE FROM campaigns WHERE news_id IN ${old}`.execute(db);
    await sql`DELETE FROM news_versions WHERE news_id IN ${old}`.execute(db);
    await sql`DELETE FROM news WHERE id IN ${old}`.execute(db);
    const author = await sql<{ id: string }>`SELECT min(id)::text AS id FROM accounts`.execute(db);
    const content = JSON.stringify({ vi: { title: BENCH_TITLE, body: 'Nội dung đo hiệu năng.' } });
    const audience = JSON.stringify({ provinces: [], groups: [], ageFrom: null, ageTo: null });
    const news = await sql<{
      id: string;
    }>`INSERT INTO news (status, content, audience, created_by, published_at)
      VALUES ('published', ${content}::jsonb, ${audience}::jsonb, ${author.rows[0]?.id}::bigint, now())
      RETURNING id::text AS id`.execute(db);
    const accounts = await sql<{ n: string }>`
      INSERT INTO campaigns (key, kind, news_id, total)
      SELECT 'news:' || ${news.rows[0]?.id}, 'news', ${news.rows[0]?.id}::bigint, count(*)
      FROM accounts WHERE role = 'citizen' AND status = 'active'
      RETURNING total::text AS n`.execute(db);
    const batchSize = 1000;
    const started = performance.now();
    const report = await runFanOut(db, { batchSize, maxBatches: Number.MAX_SAFE_INTEGER });
    const seconds = (performance.now() - started) / 1000;
    return {
      accounts: Number(accounts.rows[0]?.n ?? 0),
      rows: report.sent,
      seconds: Math.round(seconds * 10) / 10,
      rows_per_s: Math.round(report.sent / seconds),
      batch_size: batchSize,
    };
  } finally {
    await handle.close();
  }
}
