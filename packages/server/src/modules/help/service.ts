import type { HelpArticle, HelpDraft, ManagedHelp } from '@vssid/domain/api/help';
import { normalizeForSearch } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import {
  findArticle,
  findPublished,
  type HelpRow,
  insertArticle,
  insertArticleVersion,
  listArticles,
  updateArticle,
} from './repository';

const notFound = () => new AppError(404, 'not_found', 'notFound');

/** Every language's title and text, folded: what a query without tone marks is matched against. */
function searchText(content: HelpDraft['content']): string {
  return normalizeForSearch(
    Object.values(content)
      .map((t) => `${t.title} ${t.body}`)
      .join(' '),
  );
}

function shown(row: HelpRow, language: Language): HelpArticle {
  const text = row.content[language] ?? row.content.vi;
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    title: text?.title ?? '',
    body: text?.body ?? '',
    images: row.images,
    updatedAt: row.updated_at.toISOString(),
  };
}

function managed(row: HelpRow): ManagedHelp {
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    status: row.status,
    version: row.version,
    content: row.content as ManagedHelp['content'],
    images: row.images,
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Ranks the matches: words found in the title (in the reader's language) count three times those
 * found in the text; ties go to the newest. The best answers come first (shown before a ticket).
 */
function score(article: HelpArticle, words: string[]): number {
  const title = normalizeForSearch(article.title);
  const body = normalizeForSearch(article.body);
  return words.reduce((s, w) => s + (title.includes(w) ? 3 : 0) + (body.includes(w) ? 1 : 0), 0);
}

/**
 * The help centre (issue 25). Readers: anyone, published articles only. Writers: the
 * communications role (ASSUMPTION: one national help centre, every communications officer may
 * edit every article). Every save, publish and unpublish is a version.
 */
export function createHelpService(deps: { db: Kysely<Database> }) {
  const { db } = deps;

  const save = (
    ctx: CallContext,
    id: string,
    change: (row: HelpRow) => Parameters<typeof updateArticle>[2],
  ) =>
    db.transaction().execute(async (trx) => {
      const me = signedIn(ctx);
      const row = await findArticle(trx, id, true);
      if (!row) throw notFound();
      const saved = await updateArticle(trx, id, change(row));
      await insertArticleVersion(trx, saved, me.accountId);
      return managed(saved);
    });

  return {
    async search(
      ctx: CallContext,
      query: { q?: string | undefined; category?: HelpRow['category'] | undefined; limit: number },
    ): Promise<HelpArticle[]> {
      const words = normalizeForSearch(query.q ?? '')
        .split(' ')
        .filter((w) => w.length > 0)
        .slice(0, 8);
      // Every word must match; a long question of a ticket form is reduced to its longer words.
      const significant = words.length > 3 ? words.filter((w) => w.length > 3) : words;
      const rows = await findPublished(db, { words: significant, category: query.category, limit: 100 });
      return rows
        .map((r) => shown(r, ctx.language))
        .map((a, i) => ({ a, s: score(a, significant), i }))
        .sort((x, y) => y.s - x.s || x.i - y.i)
        .slice(0, query.limit)
        .map((x) => x.a);
    },

    async read(ctx: CallContext, id: string): Promise<HelpArticle> {
      const row = await findArticle(db, id);
      if (row?.status !== 'published') throw notFound();
      return shown(row, ctx.language);
    },

    async list(ctx: CallContext): Promise<ManagedHelp[]> {
      signedIn(ctx);
      return (await listArticles(db)).map(managed);
    },

    create: (ctx: CallContext, draft: HelpDraft) =>
      db.transaction().execute(async (trx) => {
        const me = signedIn(ctx);
        const row = await insertArticle(trx, {
          kind: draft.kind,
          category: draft.category,
          content: draft.content,
          images: draft.images,
          search_text: searchText(draft.content),
          created_by: me.accountId,
        });
        await insertArticleVersion(trx, row, me.accountId);
        return managed(row);
      }),

    update: (ctx: CallContext, id: string, draft: HelpDraft) =>
      save(ctx, id, (row) => ({
        version: row.version + 1,
        kind: draft.kind,
        category: draft.category,
        content: draft.content,
        images: draft.images,
        search_text: searchText(draft.content),
      })),

    setStatus: (ctx: CallContext, id: string, status: 'published' | 'unpublished') =>
      save(ctx, id, (row) => ({
        version: row.version + 1,
        status,
        published_at: status === 'published' ? (row.published_at ?? new Date()) : row.published_at,
      })),
  };
}
