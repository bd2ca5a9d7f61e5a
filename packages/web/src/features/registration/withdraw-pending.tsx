import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Notice } from '../../design';
import { api, ApiError, NetworkError } from '../../shared/api';

interface OtpSent {
  number: string;
  challengeId: string;
  destination: string;
}

/**
 * The way out of "đang có hồ sơ … chờ xử lý" (issue 20): "Rút hồ sơ" sends an OTP to the phone of
 * the pending dossier (the person has no account yet: the BHXH code and name identify them), the
 * code withdraws it, and the person may send their form again.
 */
export function WithdrawPending({
  bhxhCode,
  fullName,
  number,
  onWithdrawn,
}: {
  bhxhCode: string;
  fullName: string;
  /** The pending dossier's number, as the refusal named it. */
  number: string;
  onWithdrawn: (number: string) => void;
}) {
  const { t } = useTranslation();
  const [sent, setSent] = useState<OtpSent | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? (error.fieldMessage('code') ?? error.problem.title)
          : error instanceof NetworkError
            ? t('registration.errors.network')
            : t('registration.errors.unexpected'),
      );
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      setSent(
        await api<OtpSent>('/api/v1/registrations/withdrawals', {
          method: 'POST',
          body: { bhxhCode, fullName },
        }),
      );
      setCode('');
    });

  const confirm = () =>
    run(async () => {
      if (!sent) return;
      const done = await api<{ number: string }>('/api/v1/registrations/withdrawals/confirm', {
        method: 'POST',
        body: { bhxhCode, challengeId: sent.challengeId, code: code.trim() },
      });
      onWithdrawn(done.number);
    });

  return (
    <div className="registration-withdraw" data-testid="registration-withdraw">
      <Notice icon="dossier">{t('registration.withdraw.offer', { number: sent?.number ?? number })}</Notice>
      {sent ? (
        <>
          <p className="field__hint">{t('registration.withdraw.sent', { destination: sent.destination })}</p>
          <Field
            label={t('registration.withdraw.code')}
            data-testid="registration-withdraw-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => {
              setCode(e.target.value.replace(/\D/g, ''));
            }}
          />
          <div className="registration-actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void start()}
            >
              {t('registration.withdraw.resend')}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="registration-withdraw-confirm"
              disabled={busy || code.length !== 6}
              onClick={() => void confirm()}
            >
              {t('registration.withdraw.confirm')}
            </button>
          </div>
        </>
      ) : (
        <button
          type="button"
          className="button button--primary"
          data-testid="registration-withdraw-start"
          disabled={busy}
          onClick={() => void start()}
        >
          {t('registration.withdraw.start')}
        </button>
      )}
      {problem ? (
        <Notice tone="warn" live>
          {problem}
        </Notice>
      ) : null}
    </div>
  );
}
