import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { NewsStatus, NewsTable, NewsVersionTable } from '../../db/schema-notifications';

/** Policy news and their versions. */

export type NewsRow = Selectable<NewsTable>;
type NewsVersionRow = Selectable<NewsVersionTable>;

export async function listNewsRows(db: Kysely<Database>, limit: number): Promise<NewsRow[]> {
  return db
    .selectFrom('news')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findNews(
  db: Kysely<Database>,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<NewsRow | undefined> {
  const q = db.selectFrom('news').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function listNewsVersions(db: Kysely<Database>, id: string): Promise<NewsVersionRow[]> {
  return db
    .selectFrom('news_versions')
    .selectAll()
    .where('news_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertNews(
  db: Kysely<Database>,
  row: { content: NewsRow['content']; audience: NewsRow['audience']; createdBy: string },
): Promise<NewsRow> {
  return db
    .insertInto('news')
    .values({
      content: JSON.stringify(row.content),
      audience: JSON.stringify(row.audience),
      created_by: row.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateNewsRow(
  db: Kysely<Database>,
  id: string,
  change: {
    version: number;
    status: NewsStatus;
    content?: NewsRow['content'];
    audience?: NewsRow['audience'];
    publishedAt?: Date | null;
  },
): Promise<NewsRow> {
  return db
    .updateTable('news')
    .set({
      version: change.version,
      status: change.status,
      updated_at: new Date(),
      ...(change.content ? { content: JSON.stringify(change.content) } : {}),
      ...(change.audience ? { audience: JSON.stringify(change.audience) } : {}),
      ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Keeps the state an article was saved in (every save, publish and unpublish is a version). */
export async function insertNewsVersion(db: Kysely<Database>, row: NewsRow, savedBy: string): Promise<void> {
  await db
    .insertInto('news_versions')
    .values({
      news_id: row.id,
      version: row.version,
      status: row.status,
      content: JSON.stringify(row.content),
      audience: JSON.stringify(row.audience),
      saved_by: savedBy,
    })
    .execute();
}
