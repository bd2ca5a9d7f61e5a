import type { Language } from '@vssid/domain/i18n';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Tables of migration 0019 (issue 25: the inbox, policy news and their fan-out). */
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

/** Support tickets (migration 0019, issue 25). */
export interface SupportTables {
  tickets: TicketTable;
  ticket_messages: TicketMessageTable;
  record_corrections: RecordCorrectionTable;
  ticket_attachments: TicketAttachmentTable;
}

export interface TicketTable {
  bhxh_code: string;
  id: Generated<string>;
  category: 'account' | 'wrong_data' | 'benefits' | 'services' | 'other' | 'callback';
  status: ColumnType<'open' | 'answered' | 'closed', 'open' | undefined, 'open' | 'answered' | 'closed'>;
  text: string;
  record_type: 'participation' | 'card' | 'visit' | 'benefit' | null;
  record_id: string | null;
  agency_code: string;
  phone: string | null;
  opened_by: string | null;
  first_answer_due: string;
  resolution_due: string;
  first_answered_at: ColumnType<Date | null, never, Date | null>;
  closed_at: ColumnType<Date | null, never, Date | null>;
  rating: ColumnType<number | null, never, number>;
  created_at: ColumnType<Date, never, never>;
  /** Migration 0021: opened in the app (signed in) or with an OTP, and that OTP's challenge. */
  opened_via: ColumnType<'app' | 'otp', 'app' | 'otp' | undefined, never>;
  otp_challenge: ColumnType<string | null, string | null | undefined, never>;
  language: ColumnType<Language, Language | undefined, never>;
  /** Migration 0021: the person opened or wrote to it since an officer last opened or answered it. */
  unread_by_officers: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Migration 0021: files of a ticket (message null) or of a message, stored by SHA-256. */
export interface TicketAttachmentTable {
  bhxh_code: string;
  ticket_id: string;
  id: Generated<string>;
  message_id: string | null;
  author: 'person' | 'officer';
  content_type: 'image/jpeg' | 'application/pdf';
  byte_size: number;
  sha256: string;
  created_at: ColumnType<Date, never, never>;
}

export interface TicketMessageTable {
  bhxh_code: string;
  ticket_id: string;
  id: Generated<string>;
  author: 'person' | 'officer' | 'system';
  author_account: string | null;
  text: string;
  created_at: ColumnType<Date, never, never>;
}

export interface RecordCorrectionTable {
  bhxh_code: string;
  ticket_id: string;
  id: Generated<string>;
  record_type: string;
  record_id: string;
  field: string;
  old_value: string;
  new_value: string;
  officer: string;
  created_at: ColumnType<Date, never, never>;
}

/** The help centre (migration 0019, issue 25). */
export interface HelpTables {
  help_articles: HelpArticleTable;
  help_article_versions: HelpArticleVersionTable;
}

type HelpText = Record<string, { title: string; body: string } | undefined>;

export interface HelpArticleTable {
  id: Generated<string>;
  kind: 'faq' | 'guide';
  category: 'account' | 'card' | 'participation' | 'benefits' | 'services' | 'other';
  status: ColumnType<NewsStatus, NewsStatus | undefined, NewsStatus>;
  version: ColumnType<number, number | undefined, number>;
  content: JSONColumnType<HelpText>;
  images: JSONColumnType<string[]>;
  search_text: string;
  created_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface HelpArticleVersionTable {
  article_id: string;
  version: number;
  status: NewsStatus;
  content: JSONColumnType<HelpText>;
  images: JSONColumnType<string[]>;
  saved_by: string;
  saved_at: ColumnType<Date, never, never>;
}
