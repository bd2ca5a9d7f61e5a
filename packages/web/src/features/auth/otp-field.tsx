import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { type OtpSent, resendOtp } from './api';
import { messageOf, problemNumber } from './errors';
import { formatCountdown, OTP_LENGTH, otpDigits, secondsUntil } from './otp-logic';

/** Re-renders every second while `until` lies ahead; returns the seconds left. */
function useCountdown(until: string): number {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsUntil(until, now);
  const done = left <= 0;
  useEffect(() => {
    if (done) return;
    const tick = () => {
      setNow(Date.now());
    };
    // At once too: after a resend, `now` may be from the last tick of the previous countdown.
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [until, done]);
  return left;
}

/**
 * The OTP input: one numeric field (`autocomplete="one-time-code"`, so phones offer the code from
 * the SMS), where it was sent, how long it stays valid, and a resend button that waits for the
 * server's `resendAt`.
 */
export function OtpField({
  challenge,
  value,
  onChange,
  onResent,
  error,
  autoFocus = true,
}: {
  challenge: OtpSent;
  value: string;
  onChange: (code: string) => void;
  /** The server sent a new code: its new validity and resend times. */
  onResent: (challenge: OtpSent) => void;
  error?: string | null | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  // `otp_resend_too_soon` moves the wait later than the challenge's own resendAt.
  const [tooSoonUntil, setTooSoonUntil] = useState<string | null>(null);
  const [resending, setResending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const resendAt =
    tooSoonUntil && Date.parse(tooSoonUntil) > Date.parse(challenge.resendAt)
      ? tooSoonUntil
      : challenge.resendAt;
  const waitResend = useCountdown(resendAt);
  const validFor = useCountdown(challenge.expiresAt);

  const resend = async () => {
    setResending(true);
    setNotice(null);
    try {
      const next = await resendOtp({ body: { challengeId: challenge.challengeId } });
      onResent({ ...challenge, ...next });
      setNotice(
        next.destination
          ? t('auth.otp.resent', { destination: next.destination })
          : t('auth.otp.resentRegistered'),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'otp_resend_too_soon') {
        const seconds = problemNumber(e, 'retryAfterSeconds') ?? 30;
        setTooSoonUntil(new Date(Date.now() + seconds * 1000).toISOString());
      } else {
        setNotice(messageOf(t, e));
      }
    } finally {
      setResending(false);
    }
  };

  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field otp-field">
      <label className="field__label" htmlFor={id}>
        {t('auth.otp.label')}
      </label>
      <span id={`${id}-hint`} className="field__hint">
        {challenge.destination
          ? t('auth.otp.sentTo', { destination: challenge.destination })
          : t('auth.otp.sentToRegistered')}{' '}
        {validFor > 0
          ? t('auth.otp.validFor', { time: formatCountdown(validFor) })
          : t('auth.otp.expiredHint')}
      </span>
      {error ? (
        <span id={`${id}-error`} className="field__error" role="alert">
          {error}
        </span>
      ) : null}
      <input
        id={id}
        name="otp"
        data-testid="otp-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={OTP_LENGTH + 4}
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => {
          onChange(otpDigits(e.target.value));
        }}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
      />
      <div className="otp-field__resend">
        <span role="status">{notice}</span>
        <button
          type="button"
          className="link-button"
          disabled={waitResend > 0 || resending}
          onClick={() => {
            void resend();
          }}
        >
          {waitResend > 0
            ? t('auth.otp.resendIn', { time: formatCountdown(waitResend) })
            : t('auth.otp.resend')}
        </button>
      </div>
    </div>
  );
}
