-- Issue #25 item 2, what the first cut of tickets lacked: tickets opened without signing in (an OTP
-- to the phone on record), attachments on tickets and replies, and the officers' unread marker.

-- 1. A ticket opened by someone not signed in proves the phone on record with BHXH by an OTP.
ALTER TABLE otp_challenges DROP CONSTRAINT otp_challenges_purpose_check;
ALTER TABLE otp_challenges ADD CONSTRAINT otp_challenges_purpose_check
  CHECK (purpose IN ('new_device', 'staff_sign_in', 'password_change', 'password_reset', 'lookup',
                     'dossier_withdrawal', 'phone_change', 'support_ticket'));

-- How the ticket was opened: in the app (signed in) or with an OTP (`otp_challenge`: the challenge
-- that opened it, so that a retried confirmation answers the same ticket again).
ALTER TABLE tickets ADD COLUMN opened_via text NOT NULL DEFAULT 'app' CHECK (opened_via IN ('app', 'otp'));
ALTER TABLE tickets ADD COLUMN otp_challenge uuid;
-- The language the ticket was opened in: its SMS (an OTP ticket's number and answers) use it.
ALTER TABLE tickets ADD COLUMN language text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en', 'zh', 'ja', 'ko'));
CREATE UNIQUE INDEX tickets_otp_challenge_idx ON tickets (bhxh_code, otp_challenge) WHERE otp_challenge IS NOT NULL;

-- 2. The officers' unread marker: set when the person opens or writes, cleared when an officer of
--    the agency opens or answers the ticket. The count per agency reads the partial index.
ALTER TABLE tickets ADD COLUMN unread_by_officers boolean NOT NULL DEFAULT true;
CREATE INDEX tickets_unread_idx ON tickets (agency_code) WHERE unread_by_officers AND status <> 'closed';

-- 3. Attachments of a ticket (the opening text: message null) or of a message, either side:
--    images re-encoded, PDFs checked by content; the bytes stored by SHA-256 (DATA_DIR/files).
CREATE TABLE ticket_attachments (
  bhxh_code     char(10) NOT NULL,
  ticket_id     bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  message_id    bigint,
  author        text NOT NULL CHECK (author IN ('person', 'officer')),
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'application/pdf')),
  byte_size     integer NOT NULL CHECK (byte_size > 0),
  sha256        char(64) NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bhxh_code, ticket_id, id),
  FOREIGN KEY (bhxh_code, ticket_id) REFERENCES tickets (bhxh_code, id),
  FOREIGN KEY (bhxh_code, ticket_id, message_id) REFERENCES ticket_messages (bhxh_code, ticket_id, id)
);
-- The orphan file clean-up asks which hashes are still referred to.
CREATE INDEX ticket_attachments_sha_idx ON ticket_attachments (sha256);
