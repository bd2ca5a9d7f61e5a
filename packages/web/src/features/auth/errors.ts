import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../../shared/api';

/** A number the server put beside a problem (`attemptsLeft`, `retryAfterSeconds`), if it did. */
export function problemNumber(error: ApiError, name: string): number | null {
  const value = error.problem[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The sentence to show for a failed call: offline, the server's translated title, or a generic one. */
export function messageOf(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t('auth.errors.network');
  if (error instanceof ApiError) return error.problem.title;
  return t('auth.errors.unexpected');
}

/** What went wrong with an OTP, and whether the person must start over (a new code cannot help). */
interface OtpProblem {
  message: string;
  /** The challenge is used up (too many attempts): start the whole step again. */
  restart: boolean;
  /** The code expired: asking for a new one helps. */
  expired: boolean;
}

/** Translated OTP errors (`otp_invalid` with attempts left, `otp_expired`, `otp_attempts_exceeded`); null if not one. */
export function otpProblemOf(t: TFunction, error: unknown): OtpProblem | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case 'otp_invalid': {
      const attempts = problemNumber(error, 'attemptsLeft');
      return {
        message: attempts === null ? t('auth.otp.invalid') : t('auth.otp.invalidAttempts', { attempts }),
        restart: false,
        expired: false,
      };
    }
    case 'otp_expired':
      return { message: t('auth.otp.expired'), restart: false, expired: true };
    case 'otp_attempts_exceeded':
      return { message: t('auth.otp.exceeded'), restart: true, expired: false };
    default:
      return null;
  }
}
