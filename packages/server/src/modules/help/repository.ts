import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { HelpArticleTable } from '../../db/schema-notifications';

/** The help centre's articles and their versions. */

export type HelpRow = Selectable<HelpArticleTable>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Published articles whose folded text holds every word (already folded), newest first. */
export async function findPublished(
  db: Kysely<Database>,
  options: { words: string[]; category?: HelpRow['category'] | undefined; limit: number },
): Promise<HelpRow[]> {
  let q = db.selectFrom('help_articles').selectAll().where('status', '=', 'published');
  if (options.category) q = q.where('category', '=', options.category);
  for (const w of options.words) q = q.where('search_text', 'like', `%${escapeLike(w)}%`);
  return q.orderBy('id', 'desc').limit(options.limit).execute();
}

export async function findArticle(
  db: Kysely<Database>,
  id: string,
  forUpdate = false,
): Promise<HelpRow | undefined> {
  const q = db.selectFrom('help_articles').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function listArticles(db: Kysely<Database>): Promise<HelpRow[]> {
  return db.selectFrom('help_articles').selectAll().orderBy('updated_at', 'desc').limit(500).execute();
}

export async function insertArticle(
  db: Kysely<Database>,
  row: Pick<HelpRow, 'kind' | 'category' | 'content' | 'images' | 'search_text' | 'created_by'>,
): Promise<HelpRow> {
  return db
    .insertInto('help_articles')
    .values({ ...row, content: JSON.stringify(row.content), images: JSON.stringify(row.images) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateArticle(
  db: Kysely<Database>,
  id: string,
  change: Partial<
    Pick<HelpRow, 'kind' | 'category' | 'content' | 'images' | 'search_text' | 'status' | 'published_at'>
  > & {
    version: number;
  },
): Promise<HelpRow> {
  const { content, images, ...rest } = change;
  return db
    .updateTable('help_articles')
    .set({
      ...rest,
      updated_at: new Date(),
      ...(content ? { content: JSON.stringify(content) } : {}),
      ...(images ? { images: JSON.stringify(images) } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertArticleVersion(
  db: Kysely<Database>,
  row: HelpRow,
  savedBy: string,
): Promise<void> {
  await db
    .insertInto('help_article_versions')
    .values({
      article_id: row.id,
      version: row.version,
      status: row.status,
      content: JSON.stringify(row.content),
      images: JSON.stringify(row.images),
      saved_by: savedBy,
    })
    .execute();
}
