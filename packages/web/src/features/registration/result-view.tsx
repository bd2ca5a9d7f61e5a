import type { RegistrationReceived, RegistrationResult } from '@vssid/domain/api/registration';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Notice } from '../../design';
import { useFormat } from '../../i18n/format';
import { WithdrawPending } from './withdraw-pending';

/* ---- the answer ---------------------------------------------------------------------------- */

/**
 * A self registration's answer (issue #22 item 1): received, and the result sent by SMS to the
 * phone on record with BHXH (its last digits; none on record: the counter). What the SMS may say
 * (the dossier number and its Form 01 link, "you already have an account", "your dossier is still
 * being processed") is listed, with the ways on: sign in, or withdraw a pending dossier.
 */
export function ReceivedView({
  received,
  bhxhCode,
  fullName,
}: {
  received: RegistrationReceived;
  bhxhCode: string;
  fullName: string;
}) {
  const { t } = useTranslation();
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  return (
    <div className="registration-result" data-testid="registration-result">
      <Notice tone="ok" icon="shield" live>
        <span data-testid="registration-received">
          {received.destination
            ? t('registration.received.sent', { destination: received.destination })
            : t('registration.received.noPhone')}
        </span>
      </Notice>
      <p>{t('registration.received.outcomes')}</p>
      <ul>
        <li>{t('registration.received.created')}</li>
        <li>{t('registration.received.account')}</li>
        <li>{t('registration.received.pending')}</li>
      </ul>
      {withdrawn ? (
        <Notice icon="dossier" live>
          <span data-testid="registration-withdrawn">
            {t('registration.withdraw.done', { number: withdrawn })}
          </span>
        </Notice>
      ) : withdrawing ? (
        <WithdrawPending bhxhCode={bhxhCode} fullName={fullName} onWithdrawn={setWithdrawn} />
      ) : (
        <button
          type="button"
          className="button button--secondary"
          data-testid="registration-withdraw-offer"
          onClick={() => {
            setWithdrawing(true);
          }}
        >
          {t('registration.received.withdraw')}
        </button>
      )}
    </div>
  );
}

/** The dossier number, the deadline, and "Xem tờ khai" / download / share. */
export function ResultView({ result }: { result: RegistrationResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [now] = useState(() => Date.now());
  const deadline = f.date(result.deadlineAt);
  const days = Math.max(0, Math.ceil((new Date(result.deadlineAt).getTime() - now) / 86_400_000));
  const download = `${result.form01Url}&download=1`;
  const [shareError, setShareError] = useState<string | null>(null);
  const share = async () => {
    try {
      const absolute = new URL(result.form01Url, window.location.origin).toString();
      const response = await fetch(result.form01Url);
      const file = new File([await response.blob()], `to-khai-01-${result.number}.pdf`, {
        type: 'application/pdf',
      });
      if (navigator.canShare({ files: [file] }))
        await navigator.share({ files: [file], title: result.number });
      else await navigator.share({ url: absolute, title: result.number });
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError'))
        setShareError(t('registration.result.shareFailed'));
    }
  };
  return (
    <div className="registration-result" data-testid="registration-result">
      <Notice tone="ok" icon="shield" live>
        {t('registration.result.received')}
      </Notice>
      <dl className="registration-review">
        <dt>{t('registration.result.number')}</dt>
        <dd data-testid="registration-number">{result.number}</dd>
        <dt>{t('registration.result.agency')}</dt>
        <dd>
          {result.agency.name}
          <br />
          <span className="field__hint">{result.agency.address}</span>
        </dd>
        <dt>{t('registration.result.deadline')}</dt>
        <dd data-testid="registration-deadline">
          {t('registration.result.deadlineValue', { date: deadline, days })}
        </dd>
        <dt>{t('registration.result.delivery')}</dt>
        <dd>
          {t(result.delivery === 'counter' ? 'registration.delivery.counter' : 'registration.delivery.post')}
        </dd>
      </dl>
      {result.registryCheck.outcome !== 'not_applicable' ? (
        <Notice tone={result.registryCheck.outcome === 'match' ? 'info' : 'warn'}>
          {t(`registration.result.registry.${result.registryCheck.outcome}`, {
            fields: result.registryCheck.fields
              .map((f) => t(`registration.result.registryField.${f as 'fullName'}`))
              .join(', '),
          })}
        </Notice>
      ) : null}
      <p>{t('registration.result.next')}</p>
      <div className="registration-actions">
        <a
          className="button button--primary"
          href={result.form01Url}
          target="_blank"
          rel="noopener"
          data-testid="registration-view"
        >
          {t('registration.result.view')}
        </a>
        <a
          className="button button--secondary"
          href={download}
          download={`to-khai-01-${result.number}.pdf`}
          data-testid="registration-download"
        >
          {t('registration.result.download')}
        </a>
        {'share' in navigator ? (
          <Button variant="secondary" onClick={() => void share()}>
            {t('registration.result.share')}
          </Button>
        ) : null}
      </div>
      {shareError ? <Notice tone="warn">{shareError}</Notice> : null}
    </div>
  );
}
