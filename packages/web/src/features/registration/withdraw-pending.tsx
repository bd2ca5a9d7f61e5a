import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Notice } from '../../design';
import type { WithdrawalOtpSent as OtpSent } from '@vssid/domain/api/registration';
import { ApiError, NetworkError } from '../../shared/api';
import { askWithdrawal, confirmWithdrawalCode } from './api';

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
  /**
   * The pending dossier's number, as a refusal named it (a guardian's form); unknown after a self
   * registration, whose answer does not say whether a dossier is pending (issue #22 item 1).
   */
  number?: string;
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
      setSent(await askWithdrawal({ body: { bhxhCode, fullName } }));
      setCode('');
    });

  const confirm = () =>
    run(async () => {
      if (!sent) return;
      const done = await confirmWithdrawalCode({
        body: { bhxhCode, challengeId: sent.challengeId, code: code.trim() },
      });
      onWithdrawn(done.number);
    });

  return (
    <div className="registration-withdraw" data-testid="registration-withdraw">
      <Notice icon="dossier">
        {number ? t('registration.withdraw.offer', { number }) : t('registration.withdraw.offerAny')}
      </Notice>
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

/** The dossier number in a `dossier_pending` refusal's title. */
const DOSSIER_NUMBER_IN_TEXT = /\d{5,}\.GD_\d{4}_[0-9A-Z]+/;

/** A form's pending dossier: the one a refusal named (offered for withdrawal), then the one withdrawn. */
export function usePendingDossier() {
  const [pending, setPending] = useState<string | null>(null);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  return {
    pending,
    withdrawn,
    /** Notes the dossier a `dossier_pending` refusal names; other errors change nothing. */
    refused: (error: unknown) => {
      if (error instanceof ApiError && error.code === 'dossier_pending')
        setPending(DOSSIER_NUMBER_IN_TEXT.exec(error.problem.title)?.[0] ?? '');
    },
    done: (number: string) => {
      setPending(null);
      setWithdrawn(number);
    },
  };
}

/** "Rút hồ sơ" while a refusal names a pending dossier, then the notice that it was withdrawn. */
export function PendingDossier({
  state,
  bhxhCode,
  fullName,
  onWithdrawn,
}: {
  state: ReturnType<typeof usePendingDossier>;
  bhxhCode: string;
  fullName: string;
  /** After the withdrawal: the form may be sent again. */
  onWithdrawn: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {state.pending !== null ? (
        <WithdrawPending
          bhxhCode={bhxhCode}
          fullName={fullName}
          number={state.pending}
          onWithdrawn={(number) => {
            state.done(number);
            onWithdrawn();
          }}
        />
      ) : null}
      {state.withdrawn ? (
        <Notice icon="dossier" live>
          <span data-testid="registration-withdrawn">
            {t('registration.withdraw.done', { number: state.withdrawn })}
          </span>
        </Notice>
      ) : null}
    </>
  );
}
