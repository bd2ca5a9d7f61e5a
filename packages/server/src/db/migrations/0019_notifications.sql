-- Issue 25: the notifications inbox, policy news written by the new communications staff role,
-- and the campaigns that fan a message (news, greetings) out to millions of persons in batches.

-- The communications role (staff of an agency who write policy news and the help centre).
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('citizen', 'officer', 'agency_admin', 'employer', 'clinic', 'communications'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check
  CHECK (actor_type IN ('citizen', 'officer', 'agency_admin', 'employer', 'clinic', 'communications', 'system', 'anonymous'));

-- Policy news: one row per article, its content in five languages, its audience; every saved
-- state is kept in news_versions (drafts, publish, unpublish).
CREATE TABLE news (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'unpublished')),
  version       integer NOT NULL DEFAULT 1,
  -- { "vi": { "title": "…", "body": "…" }, "en": … }: Vietnamese required, others optional.
  content       jsonb NOT NULL,
  -- { "provinces": ["01"], "groups": ["retirees"], "ageFrom": 60, "ageTo": null }: empty = everyone.
  audience      jsonb NOT NULL,
  created_by    bigint NOT NULL REFERENCES accounts (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX news_author_idx ON news (created_by, updated_at DESC);

CREATE TABLE news_versions (
  news_id     bigint NOT NULL REFERENCES news (id),
  version     integer NOT NULL,
  status      text NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
  content     jsonb NOT NULL,
  audience    jsonb NOT NULL,
  saved_by    bigint NOT NULL REFERENCES accounts (id),
  saved_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (news_id, version)
);

-- A fan-out: one message (a news article, or one greeting occasion of one day) to everyone it is
-- for, account by account in ascending id order. `cursor_account_id` is the last account done:
-- it moves in the same transaction as the batch's inbox rows, so a fan-out killed at any point
-- resumes after the last committed batch, and the unique key of the inbox rows makes a batch
-- written twice harmless.
CREATE TABLE campaigns (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 'news:<id>' or 'greeting:<occasion>:<yyyy-mm-dd>': one campaign per message.
  key                text NOT NULL UNIQUE,
  kind               text NOT NULL CHECK (kind IN ('news', 'greeting')),
  news_id            bigint REFERENCES news (id),
  occasion           text,
  occasion_date      date,
  status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'cancelled')),
  cursor_account_id  bigint NOT NULL DEFAULT 0,
  -- Accounts the fan-out looked at so far, and the ones given the message.
  scanned            bigint NOT NULL DEFAULT 0,
  sent               bigint NOT NULL DEFAULT 0,
  -- Citizen accounts when the campaign started (the progress bar's total: an upper bound of `sent`).
  total              bigint NOT NULL DEFAULT 0,
  created_by         bigint REFERENCES accounts (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz
);
CREATE INDEX campaigns_running_idx ON campaigns (id) WHERE status = 'running';
CREATE INDEX campaigns_news_idx ON campaigns (news_id) WHERE news_id IS NOT NULL;

-- The inbox: one row per account and message, keyed by the account first (distribution key
-- under Citus). The text is not copied: news rows point at the article (shown in the reader's
-- language), greetings and system messages name a template and its parameters.
CREATE TABLE notifications (
  account_id       bigint NOT NULL REFERENCES accounts (id),
  id               bigint GENERATED ALWAYS AS IDENTITY,
  kind             text NOT NULL CHECK (kind IN ('news', 'system', 'greeting')),
  news_id          bigint REFERENCES news (id),
  template         text,
  params           jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- One message per account and cause: 'news:12', 'greeting:tet:2027', 'dossier:…:approved'.
  idempotency_key  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, idempotency_key),
  CHECK ((kind = 'news') = (news_id IS NOT NULL)),
  CHECK (kind = 'news' OR template IS NOT NULL)
);
-- The inbox page: newest first, keyset (created_at, id).
CREATE INDEX notifications_inbox_idx ON notifications (account_id, created_at DESC, id DESC);
-- The unread badge.
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;

-- Web Push (RFC 8030/8291/8292): the devices a person allowed, the categories they want pushed,
-- and the server's VAPID key pair (the private key sealed with the key-encryption key).
CREATE TABLE push_subscriptions (
  account_id   bigint NOT NULL REFERENCES accounts (id),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  endpoint     text NOT NULL CHECK (endpoint ~ '^https?://'),
  p256dh       text NOT NULL,
  auth         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, endpoint)
);
-- The outbox names a subscription by its id alone (its recipient).
CREATE UNIQUE INDEX push_subscriptions_id_idx ON push_subscriptions (id);

-- What a person wants pushed to their devices (the inbox always gets everything). No row: all.
CREATE TABLE notification_preferences (
  account_id  bigint PRIMARY KEY REFERENCES accounts (id),
  news        boolean NOT NULL DEFAULT true,
  system      boolean NOT NULL DEFAULT true,
  greeting    boolean NOT NULL DEFAULT true,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE push_vapid_keys (
  id           smallint PRIMARY KEY CHECK (id = 1),
  public_key   text NOT NULL,
  private_key  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Support tickets (issue 25): keyed by the person first (distribution key under Citus).
CREATE TABLE tickets (
  bhxh_code          char(10) NOT NULL REFERENCES persons (bhxh_code),
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  category           text NOT NULL CHECK (category IN ('account', 'wrong_data', 'benefits', 'services', 'other', 'callback')),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  text               text NOT NULL,
  record_type        text CHECK (record_type IN ('participation', 'card', 'visit', 'benefit')),
  record_id          text,
  -- The responsible agency: the employer's for an employer-reported period, else the person's.
  agency_code        text NOT NULL REFERENCES bhxh_agencies (code),
  phone              text CHECK (phone ~ '^0[0-9]{9}$'),
  opened_by          bigint REFERENCES accounts (id),
  first_answer_due   date NOT NULL,
  resolution_due     date NOT NULL,
  first_answered_at  timestamptz,
  closed_at          timestamptz,
  rating             smallint CHECK (rating BETWEEN 1 AND 5),
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bhxh_code, id),
  CHECK ((record_type IS NULL) = (record_id IS NULL))
);
-- Officers reach a ticket by its id alone.
CREATE UNIQUE INDEX tickets_id_idx ON tickets (id);
-- The agency's queue, most urgent first.
CREATE INDEX tickets_queue_idx ON tickets (agency_code, status, resolution_due);

CREATE TABLE ticket_messages (
  bhxh_code       char(10) NOT NULL,
  ticket_id       bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  author          text NOT NULL CHECK (author IN ('person', 'officer', 'system')),
  author_account  bigint REFERENCES accounts (id),
  text            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bhxh_code, ticket_id, id),
  FOREIGN KEY (bhxh_code, ticket_id) REFERENCES tickets (bhxh_code, id)
);

-- Corrections of a person's records made on a ticket: the value before and after, kept.
CREATE TABLE record_corrections (
  bhxh_code    char(10) NOT NULL,
  ticket_id    bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  record_type  text NOT NULL,
  record_id    text NOT NULL,
  field        text NOT NULL,
  old_value    text NOT NULL,
  new_value    text NOT NULL,
  officer      bigint NOT NULL REFERENCES accounts (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bhxh_code, ticket_id, id),
  FOREIGN KEY (bhxh_code, ticket_id) REFERENCES tickets (bhxh_code, id)
);

-- The help centre (issue 25): questions and guides in five languages, by category, written and
-- published by the communications role; every save is a version. `search_text` is the articles'
-- text in every language, folded (no tone marks, lower case) as the domain's normalizeForSearch
-- folds a query.
CREATE TABLE help_articles (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('faq', 'guide')),
  category      text NOT NULL CHECK (category IN ('account', 'card', 'participation', 'benefits', 'services', 'other')),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'unpublished')),
  version       integer NOT NULL DEFAULT 1,
  content       jsonb NOT NULL,
  images        jsonb NOT NULL DEFAULT '[]'::jsonb,
  search_text   text NOT NULL,
  created_by    bigint NOT NULL REFERENCES accounts (id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX help_articles_published_idx ON help_articles (category, id) WHERE status = 'published';

CREATE TABLE help_article_versions (
  article_id  bigint NOT NULL REFERENCES help_articles (id),
  version     integer NOT NULL,
  status      text NOT NULL,
  content     jsonb NOT NULL,
  images      jsonb NOT NULL,
  saved_by    bigint NOT NULL REFERENCES accounts (id),
  saved_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, version)
);
