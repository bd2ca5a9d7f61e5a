-- Issue 20, item 1: registration always reaches an officer.
-- An agency says whether it receives registration dossiers (Form 01). The national head office
-- ("Bảo hiểm xã hội Việt Nam") does not: it has no counter for them. A citizen is offered, and
-- may file to, only an agency that receives AND has at least one active officer whose scope (the
-- agency or one above it) covers it; that second half is read from `accounts` at query time.
ALTER TABLE bhxh_agencies ADD COLUMN receives_dossiers boolean NOT NULL DEFAULT true;
UPDATE bhxh_agencies SET receives_dossiers = false WHERE level = 'central';

-- Withdrawing a pending dossier is proved with an OTP sent to the dossier's phone (the person has
-- no account yet: the challenge is bound to the dossier through its context, not to an account).
ALTER TABLE otp_challenges DROP CONSTRAINT otp_challenges_purpose_check;
ALTER TABLE otp_challenges ADD CONSTRAINT otp_challenges_purpose_check
  CHECK (purpose IN ('new_device', 'staff_sign_in', 'password_change', 'password_reset', 'lookup', 'dossier_withdrawal'));
