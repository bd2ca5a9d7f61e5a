-- Accounts, devices, sessions, refresh tokens, OTPs, passkeys, external identities and
-- database-backed rate-limit counters (they must hold across API nodes).

-- One account per insured person (user name = BHXH code) and one per staff member.
CREATE TABLE accounts (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  role                 text NOT NULL CHECK (role IN ('citizen', 'officer', 'agency_admin', 'employer', 'clinic')),
  -- Citizens: their BHXH code. Staff: a user name chosen by the agency admin (lower case).
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  bhxh_code            char(10) UNIQUE REFERENCES persons (bhxh_code),
  agency_code          text REFERENCES bhxh_agencies (code),
  unit_code            text REFERENCES employer_units (code),
  clinic_code          char(5) REFERENCES clinics (code),
  display_name         text NOT NULL,
  phone                text CHECK (phone ~ '^0[0-9]{9}$'),
  email                text,
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  -- An issued password (at approval, or by an admin) must be replaced at the first sign-in.
  must_change_password boolean NOT NULL DEFAULT true,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  -- Growing lockout: consecutive failures and until when the account refuses passwords.
  failed_attempts      integer NOT NULL DEFAULT 0,
  lockouts             integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  language             text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en', 'zh', 'ja', 'ko')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  created_by           bigint REFERENCES accounts (id),
  CHECK ((role = 'citizen') = (bhxh_code IS NOT NULL)),
  CHECK (role NOT IN ('officer', 'agency_admin') OR agency_code IS NOT NULL),
  CHECK (role <> 'employer' OR unit_code IS NOT NULL),
  CHECK (role <> 'clinic' OR clinic_code IS NOT NULL)
);
CREATE INDEX accounts_agency_idx ON accounts (agency_code, role) WHERE agency_code IS NOT NULL;

-- Devices an account has signed in on. A citizen has one current device at a time: signing in
-- on another one needs an OTP and ends the sessions on the others.
CREATE TABLE devices (
  account_id     bigint NOT NULL REFERENCES accounts (id),
  id             uuid NOT NULL,
  label          text NOT NULL,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  -- Set when the device proved the account (OTP, passkey); cleared when another device takes over.
  trusted_at     timestamptz,
  PRIMARY KEY (account_id, id)
);

-- A session is one signed-in device; its refresh tokens form one rotation family.
CREATE TABLE sessions (
  id             uuid PRIMARY KEY,
  account_id     bigint NOT NULL REFERENCES accounts (id),
  device_id      uuid NOT NULL,
  method         text NOT NULL CHECK (method IN ('password', 'otp', 'passkey', 'vneid')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  ended_at       timestamptz,
  end_reason     text CHECK (end_reason IN ('signed_out', 'replaced_by_new_device', 'signed_out_everywhere', 'password_changed', 'reuse_detected', 'expired', 'account_disabled')),
  ip             inet,
  user_agent     text,
  FOREIGN KEY (account_id, device_id) REFERENCES devices (account_id, id)
);
CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE ended_at IS NULL;

-- Refresh tokens, stored as SHA-256 hashes. A token is used once; presenting a used one again
-- means it was stolen or replayed, and ends the whole session (family).
CREATE TABLE refresh_tokens (
  token_hash     bytea PRIMARY KEY,
  session_id     uuid NOT NULL REFERENCES sessions (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  used_at        timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- One-time passwords: 6 digits, hashed, 5 minutes, 5 attempts, a resend cooldown; at most one
-- live OTP per account and purpose (a new one supersedes the old).
CREATE TABLE otp_challenges (
  id                  uuid PRIMARY KEY,
  account_id          bigint REFERENCES accounts (id),
  purpose             text NOT NULL CHECK (purpose IN ('new_device', 'staff_sign_in', 'password_change', 'password_reset', 'lookup')),
  code_hash           bytea NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('sms', 'email')),
  destination         text NOT NULL,
  -- What the challenge, once passed, allows: the device to trust, the session to open.
  context             jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at          timestamptz NOT NULL DEFAULT now(),
  expires_at          timestamptz NOT NULL,
  resend_available_at timestamptz NOT NULL,
  sends               integer NOT NULL DEFAULT 1,
  attempts            integer NOT NULL DEFAULT 0,
  consumed_at         timestamptz,
  superseded_at       timestamptz
);
CREATE UNIQUE INDEX otp_challenges_live_idx ON otp_challenges (account_id, purpose)
  WHERE consumed_at IS NULL AND superseded_at IS NULL;

-- WebAuthn credentials ("Đăng nhập bằng vân tay / khuôn mặt").
CREATE TABLE passkeys (
  id             text PRIMARY KEY,
  account_id     bigint NOT NULL REFERENCES accounts (id),
  public_key     bytea NOT NULL,
  counter        bigint NOT NULL DEFAULT 0,
  transports     text[] NOT NULL DEFAULT '{}',
  device_type    text NOT NULL,
  backed_up      boolean NOT NULL DEFAULT false,
  name           text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_used_at   timestamptz
);
CREATE INDEX passkeys_account_idx ON passkeys (account_id);

-- WebAuthn challenges waiting for their answer (single use, short-lived).
CREATE TABLE webauthn_challenges (
  id             uuid PRIMARY KEY,
  account_id     bigint REFERENCES accounts (id),
  kind           text NOT NULL CHECK (kind IN ('registration', 'authentication')),
  challenge      text NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz
);

-- External identities linked to an account (VNeID: the CCCD as subject).
CREATE TABLE account_identities (
  provider       text NOT NULL,
  subject        text NOT NULL,
  account_id     bigint NOT NULL REFERENCES accounts (id),
  linked_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);

-- Fixed-window counters for limits that must hold across API nodes (sign-in per IP and per
-- account, OTP sends, look-ups). Old windows are deleted by the counter itself.
CREATE TABLE rate_counters (
  key            text NOT NULL,
  window_start   timestamptz NOT NULL,
  count          integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Keys for the access tokens (HS256), shared by all API nodes; the newest signs, all verify.
CREATE TABLE token_keys (
  kid            text PRIMARY KEY,
  secret         bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
