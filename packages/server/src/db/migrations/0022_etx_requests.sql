-- Issue #23: adjusting one's e-transaction information and stopping e-transactions (Form 01,
-- TT/QĐ on e-transactions) become request types of the online services engine.
--
-- 1. The two request types.
ALTER TABLE service_requests DROP CONSTRAINT service_requests_type_check;
ALTER TABLE service_requests ADD CONSTRAINT service_requests_type_check
  CHECK (type IN ('bhyt_card_reissue', 'bhxh_book_reissue', 'pension_payment_change', 'initial_clinic_change',
                  'etx_info_change', 'etx_stop'));

-- 2. The new phone is confirmed by an OTP sent to that phone (a phone OTP: the account's own
--    phone is the old one).
ALTER TABLE otp_challenges DROP CONSTRAINT otp_challenges_purpose_check;
ALTER TABLE otp_challenges ADD CONSTRAINT otp_challenges_purpose_check
  CHECK (purpose IN ('new_device', 'staff_sign_in', 'password_change', 'password_reset', 'lookup',
                     'dossier_withdrawal', 'phone_change'));

-- 3. A closed account (stopping e-transactions): kept with its history ("records kept"), but it
--    no longer holds the person's user name or BHXH code, so that the person can register again
--    (a new account). The uniqueness holds among the accounts that are not closed.
ALTER TABLE accounts DROP CONSTRAINT accounts_status_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active', 'disabled', 'closed'));
ALTER TABLE accounts ADD COLUMN closed_at timestamptz;
ALTER TABLE accounts DROP CONSTRAINT accounts_username_key;
ALTER TABLE accounts DROP CONSTRAINT accounts_bhxh_code_key;
CREATE UNIQUE INDEX accounts_username_open_idx ON accounts (username) WHERE status <> 'closed';
CREATE UNIQUE INDEX accounts_bhxh_code_open_idx ON accounts (bhxh_code) WHERE status <> 'closed';

-- 4. Why the sessions of a closed account ended.
ALTER TABLE sessions DROP CONSTRAINT sessions_end_reason_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_end_reason_check
  CHECK (end_reason IN ('signed_out', 'replaced_by_new_device', 'signed_out_everywhere', 'password_changed',
                        'reuse_detected', 'expired', 'account_disabled', 'account_closed'));
