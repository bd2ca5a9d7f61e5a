/**
 * Why a session ended: the server's `sessions.end_reason`, the `reason` of a `401 session_ended`
 * answer, and what the app tells the person (one list for all three).
 */
export const SESSION_END_REASONS = [
  'signed_out',
  'replaced_by_new_device',
  'signed_out_everywhere',
  'password_changed',
  'reuse_detected',
  'expired',
  'account_disabled',
  /** The person stopped using e-transactions (an approved request, issue #23). */
  'account_closed',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
