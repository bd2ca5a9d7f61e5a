import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Tables of migration 0020 (issue 25: the inbox, policy news and their fan-out). */
export interface NotificationTables {
  news: NewsTable;
  news_versions: NewsVersionTable;
  campaigns: CampaignTable;
  notifications: NotificationTable;
  push_subscriptions: PushSubscriptionTable;
  notification_preferences: NotificationPreferenceTable;
  push_vapid_keys: PushVapidKeyTable;
}

export type NewsStatus = 'draft' | 'published' | 'unpublished';

export interface NewsTable {
  id: Generated<string>;
  status: ColumnType<NewsStatus, NewsStatus | undefined, NewsStatus>;
  version: ColumnType<number, number | undefined, number>;
  content: JSONColumnType<Record<string, { title: string; body: string } | undefined>>;
  audience: JSONColumnType<{
    provinces: string[];
    groups: string[];
    ageFrom: number | null;
    ageTo: number | null;
  }>;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface NewsVersionTable {
  news_id: string;
  version: number;
  status: NewsStatus;
  content: NewsTable['content'];
  audience: NewsTable['audience'];
  saved_by: string;
  saved_at: ColumnType<Date, never, never>;
}

export interface CampaignTable {
  id: Generated<string>;
  key: string;
  kind: 'news' | 'greeting';
  news_id: string | null;
  occasion: string | null;
  occasion_date: string | null;
  status: ColumnType<
    'running' | 'done' | 'cancelled',
    'running' | undefined,
    'running' | 'done' | 'cancelled'
  >;
  cursor_account_id: ColumnType<string, string | undefined, string>;
  scanned: ColumnType<string, string | undefined, string>;
  sent: ColumnType<string, string | undefined, string>;
  total: ColumnType<string, string | number | undefined, string>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
  finished_at: ColumnType<Date | null, never, Date | null>;
}

export interface NotificationTable {
  account_id: string;
  id: Generated<string>;
  kind: 'news' | 'system' | 'greeting';
  news_id: string | null;
  template: string | null;
  params: JSONColumnType<Record<string, string | number>, string | undefined, never>;
  idempotency_key: string;
  created_at: ColumnType<Date, never, never>;
  read_at: ColumnType<Date | null, never, Date>;
}

export interface PushSubscriptionTable {
  account_id: string;
  id: Generated<string>;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: ColumnType<Date, never, never>;
}

export interface NotificationPreferenceTable {
  account_id: string;
  news: boolean;
  system: boolean;
  greeting: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PushVapidKeyTable {
  id: number;
  public_key: string;
  private_key: Buffer;
  created_at: ColumnType<Date, never, never>;
}
