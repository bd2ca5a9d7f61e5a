import type { FanOut, News, NewsDraft } from '@vssid/domain/api/notifications';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import {
  findCampaignOfNews,
  findCampaignsOfNews,
  insertCampaign,
  setCampaignStatus,
  type CampaignRow,
} from './campaign-repository';
import {
  findNews,
  insertNews,
  insertNewsVersion,
  listNewsRows,
  listNewsVersions,
  type NewsRow,
  updateNewsRow,
} from './news-repository';

/**
 * Policy news written by the communications role (issue 25; CV 2578/BHXH-TT §2.1: "thông tin về
 * chính sách mới"). Every save, publish and unpublish is a new version, kept. Publishing starts the
 * article's one fan-out campaign (`news:<id>`); unpublishing takes the article out of every inbox
 * (the inbox shows news rows only while their article is published) and stops a running fan-out;
 * publishing again resumes it where it stopped. ASSUMPTION: every communications officer may edit
 * every article (one national newsroom); the articles are national, targeted by their audience.
 */

const notFound = () => new AppError(404, 'not_found', 'notFound');

function fanOutOf(c: CampaignRow | undefined): FanOut | null {
  return c
    ? { status: c.status, scanned: Number(c.scanned), sent: Number(c.sent), total: Number(c.total) }
    : null;
}

function view(row: NewsRow, campaign: CampaignRow | undefined): News {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    content: row.content as News['content'],
    audience: row.audience as News['audience'],
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    fanOut: fanOutOf(campaign),
  };
}

export function createNewsService(deps: { db: Kysely<Database> }) {
  const { db } = deps;

  return {
    async list(ctx: CallContext): Promise<News[]> {
      signedIn(ctx);
      const rows = await listNewsRows(db, 200);
      const campaigns = await findCampaignsOfNews(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        view(
          r,
          campaigns.find((c) => c.news_id === r.id),
        ),
      );
    },

    async get(ctx: CallContext, id: string) {
      signedIn(ctx);
      const row = await findNews(db, id);
      if (!row) throw notFound();
      const versions = await listNewsVersions(db, id);
      return {
        news: view(row, await findCampaignOfNews(db, id)),
        versions: versions.map((v) => ({
          version: v.version,
          status: v.status,
          content: v.content as News['content'],
          audience: v.audience as News['audience'],
          savedBy: v.saved_by,
          savedAt: v.saved_at.toISOString(),
        })),
      };
    },

    async create(ctx: CallContext, draft: NewsDraft): Promise<News> {
      const me = signedIn(ctx);
      return db.transaction().execute(async (trx) => {
        const row = await insertNews(trx, { ...draft, createdBy: me.accountId });
        await insertNewsVersion(trx, row, me.accountId);
        return view(row, undefined);
      });
    },

    async update(ctx: CallContext, id: string, draft: NewsDraft): Promise<News> {
      const me = signedIn(ctx);
      return db.transaction().execute(async (trx) => {
        const row = await findNews(trx, id, { forUpdate: true });
        if (!row) throw notFound();
        if (row.status === 'published') throw new AppError(409, 'news_published', 'news.published');
        const saved = await updateNewsRow(trx, id, {
          version: row.version + 1,
          status: row.status,
          content: draft.content,
          audience: draft.audience,
        });
        await insertNewsVersion(trx, saved, me.accountId);
        return view(saved, await findCampaignOfNews(trx, id));
      });
    },

    /**
     * Publishes (idempotent: publishing a published article changes nothing). The first publish
     * creates the fan-out; after an unpublish the same fan-out resumes (a person is given an
     * article once: its inbox row, by key `news:<id>`, reappears rather than doubling). ASSUMPTION:
     * an audience edited while unpublished applies to the persons the fan-out has not reached yet.
     */
    async publish(ctx: CallContext, id: string): Promise<News> {
      const me = signedIn(ctx);
      return db.transaction().execute(async (trx) => {
        const row = await findNews(trx, id, { forUpdate: true });
        if (!row) throw notFound();
        if (row.status === 'published') return view(row, await findCampaignOfNews(trx, id));
        const saved = await updateNewsRow(trx, id, {
          version: row.version + 1,
          status: 'published',
          publishedAt: row.published_at ?? new Date(),
        });
        await insertNewsVersion(trx, saved, me.accountId);
        const campaign = await insertCampaign(trx, {
          key: `news:${id}`,
          kind: 'news',
          newsId: id,
          createdBy: me.accountId,
        });
        if (campaign.status === 'cancelled') await setCampaignStatus(trx, campaign.id, 'running');
        return view(saved, await findCampaignOfNews(trx, id));
      });
    },

    async unpublish(ctx: CallContext, id: string): Promise<News> {
      const me = signedIn(ctx);
      return db.transaction().execute(async (trx) => {
        const row = await findNews(trx, id, { forUpdate: true });
        if (!row) throw notFound();
        if (row.status !== 'published') return view(row, await findCampaignOfNews(trx, id));
        const saved = await updateNewsRow(trx, id, { version: row.version + 1, status: 'unpublished' });
        await insertNewsVersion(trx, saved, me.accountId);
        const campaign = await findCampaignOfNews(trx, id);
        if (campaign) await setCampaignStatus(trx, campaign.id, 'cancelled');
        return view(saved, await findCampaignOfNews(trx, id));
      });
    },
  };
}
