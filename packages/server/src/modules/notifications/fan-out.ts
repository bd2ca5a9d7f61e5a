import {
  GREETING_HOUR,
  OCCASION_AUDIENCE,
  birthdayMonthDays,
  greetingKey,
  occasionsOn,
  type GreetingOccasion,
  GREETING_OCCASIONS,
} from '@vssid/domain/greetings';
import { VIETNAM_UTC_OFFSET_MS, vietnamToday } from '@vssid/domain/vietnam-time';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import {
  fanOutBatch,
  findRunningCampaignIds,
  insertCampaign,
  lockRunningCampaign,
  setCampaignStatus,
  type CampaignRow,
  type Targeting,
} from './campaign-repository';
import { findNews } from './news-repository';
import { enqueuePushes } from './push-repository';

/**
 * The national fan-out (issue 25): a message for millions is written to the inboxes in batches of
 * accounts, one transaction each (the inbox rows, the cursor and the counts together), never as
 * one transaction. A fan-out killed at any moment resumes after its last committed batch; the
 * unique (account, key) of the inbox rows makes a greeting exactly once per person and occasion
 * even if two campaigns of the same occasion ran.
 */

export interface BatchReport {
  campaigns: number;
  batches: number;
  scanned: number;
  sent: number;
}

const isOccasion = (v: string | null): v is GreetingOccasion =>
  v !== null && (GREETING_OCCASIONS as readonly string[]).includes(v);

/** What a campaign writes and to whom; null when it has nothing more to do (its article was taken down). */
async function planOf(
  db: Kysely<Database>,
  campaign: CampaignRow,
): Promise<{ message: Parameters<typeof fanOutBatch>[2]; targeting: Targeting } | null> {
  if (campaign.kind === 'news' && campaign.news_id) {
    const news = await findNews(db, campaign.news_id);
    if (news?.status !== 'published') return null;
    return {
      message: { kind: 'news', newsId: news.id, template: null, key: `news:${news.id}` },
      // The ages and current participation are counted on the day the article was published.
      targeting: { ...news.audience, day: vietnamToday(news.published_at ?? campaign.created_at) },
    };
  }
  if (campaign.kind === 'greeting' && isOccasion(campaign.occasion) && campaign.occasion_date) {
    const day = campaign.occasion_date;
    const audience = OCCASION_AUDIENCE[campaign.occasion];
    return {
      message: {
        kind: 'greeting',
        newsId: null,
        template: `notifications.greetings.${campaign.occasion}`,
        key: greetingKey(campaign.occasion, day),
      },
      targeting: {
        provinces: [],
        groups: [],
        ageFrom: null,
        ageTo: null,
        day,
        ...(audience === 'women' ? { women: true } : {}),
        ...(audience === 'birthday' ? { birthdays: birthdayMonthDays(day) } : {}),
      },
    };
  }
  return null;
}

/**
 * One batch of one campaign, in its own transaction under the campaign's row lock (a node already
 * doing a batch of it: skipped). Null when the campaign is not running or is locked.
 */
async function runCampaignBatch(
  db: Kysely<Database>,
  campaignId: string,
  size: number,
): Promise<{ scanned: number; sent: number; done: boolean } | null> {
  return db.transaction().execute(async (trx) => {
    const campaign = await lockRunningCampaign(trx, campaignId);
    if (!campaign) return null;
    const plan = await planOf(trx, campaign);
    if (!plan) {
      await setCampaignStatus(trx, campaign.id, 'cancelled');
      return { scanned: 0, sent: 0, done: true };
    }
    const batch = await fanOutBatch(trx, campaign, plan.message, plan.targeting, size);
    // The devices of those reached, in the same transaction (the outbox delivers at its own rate).
    await enqueuePushes(trx, batch.rows, plan.message.kind, plan.message.key);
    return { scanned: batch.scanned, sent: batch.sent, done: batch.done };
  });
}

/**
 * Runs the running campaigns, oldest first, for at most `maxBatches` batches of `batchSize`
 * accounts in all (the per-pass budget that the job derives from the channel's rate).
 */
export async function runFanOut(
  db: Kysely<Database>,
  options: { batchSize: number; maxBatches: number },
): Promise<BatchReport> {
  const report: BatchReport = { campaigns: 0, batches: 0, scanned: 0, sent: 0 };
  for (const id of await findRunningCampaignIds(db)) {
    report.campaigns++;
    while (report.batches < options.maxBatches) {
      const batch = await runCampaignBatch(db, id, options.batchSize);
      if (!batch) break;
      report.batches++;
      report.scanned += batch.scanned;
      report.sent += batch.sent;
      if (batch.done) break;
    }
    if (report.batches >= options.maxBatches) break;
  }
  return report;
}

/**
 * Starts the greeting campaigns of Vietnam's day at `now` once it is the civil hour (08:00): one
 * per occasion and day, by its unique key, so every node and every pass may call this.
 * Returns the occasions started (or found started).
 */
export async function startGreetings(db: Kysely<Database>, now: Date): Promise<GreetingOccasion[]> {
  const hour = new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS).getUTCHours();
  if (hour < GREETING_HOUR) return [];
  const day = vietnamToday(now);
  const occasions = occasionsOn(day);
  for (const occasion of occasions)
    await insertCampaign(db, {
      key: `greeting:${occasion}:${day}`,
      kind: 'greeting',
      occasion,
      occasionDate: day,
    });
  return occasions;
}
