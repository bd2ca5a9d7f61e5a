-- Look-ups (issue "Look-ups"): search keys and indexes for the public searches, and the state
-- that must hold across API nodes (proof-of-work challenges, per-IP counters, match tokens).

-- The search key of a name: tone marks and other combining marks removed (NFD), đ → d, ASCII
-- lower case, apostrophes dropped, every other run of non-alphanumerics a single space, trimmed.
-- "Bệnh viện Đa khoa Xanh-Pôn" → "benh vien da khoa xanh pon". The server computes the same key
-- in TypeScript (modules/lookup/keys.ts; a test checks both agree on both engines). Built-in
-- functions only: no unaccent or pg_trgm, which the embedded database (PGlite) does not load.
CREATE FUNCTION lookup_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN btrim(
    regexp_replace(
      regexp_replace(
        lower(regexp_replace(translate(normalize(t, NFD), 'đĐ', 'dd'), '[\u0300-\u036f]', '', 'g')),
        '[''’‘`]', '', 'g'),
      '[^a-z0-9]+', ' ', 'g'));

-- The words of a name's key, for "every word of the query is in the name" searches with a GIN
-- index (array containment is built in; no trigram extension needed).
CREATE FUNCTION lookup_words(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN string_to_array(lookup_key(t), ' ');

CREATE INDEX bhxh_agencies_words_idx ON bhxh_agencies USING gin (lookup_words(name));
CREATE INDEX clinics_words_idx ON clinics USING gin (lookup_words(name));
CREATE INDEX clinics_sick_leave_idx ON clinics (province_code) WHERE issues_sick_leave;
CREATE INDEX employer_units_words_idx ON employer_units USING gin (lookup_words(name));
CREATE INDEX collection_agents_words_idx ON collection_agents USING gin (lookup_words(name));

-- BHXH code look-up by name: most people type their name right, so the first question is an
-- index lookup of (birth year, province, name key); only when nothing matches exactly are the
-- candidates (everyone born that year in that province: a few hundred to a few thousand people
-- in a 1M nation) read from the same index alone and compared in TypeScript with one typo allowed.
CREATE INDEX persons_lookup_idx ON persons (birth_year, province_code, lookup_key(full_name))
  INCLUDE (bhxh_code, full_name, birth_date, gender, commune_code, old_commune_code);
-- People recorded only with pre-2025 units (the generator gives everyone a 2025 unit; the schema
-- allows the old units alone).
CREATE INDEX persons_lookup_old_idx ON persons (birth_year, old_province_code, lookup_key(full_name))
  INCLUDE (bhxh_code, full_name, birth_date, gender, commune_code, old_commune_code)
  WHERE province_code IS NULL;
-- Look-up by CCCD uses the unique index on persons.cccd; by CMND, persons_old_cmnd_idx.

-- Proof-of-work challenges: single use (deleted when used), short-lived.
CREATE TABLE lookup_challenges (
  id          uuid PRIMARY KEY,
  salt        text NOT NULL CHECK (salt ~ '^[0-9a-f]{32}$'),
  bits        smallint NOT NULL CHECK (bits BETWEEN 0 AND 32),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX lookup_challenges_expiry_idx ON lookup_challenges (expires_at);

-- Fixed-window counters for the per-IP and per-person limits, shared by every API node.
CREATE TABLE lookup_rate_counters (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  window_end    timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX lookup_rate_counters_end_idx ON lookup_rate_counters (window_end);

-- What a masked answer's opaque token stands for: the person it matched, for "send the code by
-- SMS". Short-lived; not a person-scoped table (keyed by the token, kept on the coordinator when
-- distributed).
CREATE TABLE lookup_match_tokens (
  token        text PRIMARY KEY CHECK (token ~ '^[A-Za-z0-9_-]{20,64}$'),
  bhxh_code    char(10) NOT NULL CHECK (bhxh_code ~ '^[0-9]{10}$'),
  expires_at   timestamptz NOT NULL,
  sms_sent_at  timestamptz
);
CREATE INDEX lookup_match_tokens_expiry_idx ON lookup_match_tokens (expires_at);
