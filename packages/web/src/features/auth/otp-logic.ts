/**
 * The pure rules of the OTP screens: a code's digits and the countdown to its resend. No React,
 * no fetch: unit-tested in otp-logic.test.ts.
 */

/** Whole seconds from `now` until `iso` (0 once it has passed). */
export function secondsUntil(iso: string, now: number): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** 75 → "1:15", 5 → "0:05". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What a person types as an OTP, reduced to its digits (pasted "123 456" or "１２３４５６" included). */
export function otpDigits(input: string): string {
  return input.normalize('NFKC').replace(/\D/g, '').slice(0, OTP_LENGTH);
}

export const OTP_LENGTH = 6;
