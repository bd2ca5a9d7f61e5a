import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { pathOf } from '@vssid/domain/api/contract';
import { paymentReceipt, type PaymentView } from '@vssid/domain/api/payments';
import { Button, ButtonLink, Card, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { fetchMyPayment } from './api';
import './payments.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** While pending: a look every 2 s for a minute, then the person may ask again. */
const POLL_MS = 2_000;
const POLLS = 30;

/**
 * Where the gateway's return leads: the payment's state as the server holds it. The page decides
 * nothing (the gateway's server-to-server notification does): while the payment is pending it
 * asks again every two seconds for a minute. Paid: the e-receipt; refund due when the request was
 * withdrawn meanwhile; failed, cancelled, expired: no money taken.
 */
export function PaymentPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const known = UUID.test(id);
  const [payment, setPayment] = useState<PaymentView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  // Each round polls for a minute; "check again" starts another.
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!known) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const step = (left: number) => {
      fetchMyPayment({ params: { id } }).then(
        (p) => {
          if (stopped) return;
          setPayment(p);
          if (p.status !== 'pending') return;
          if (left > 0)
            timer = setTimeout(() => {
              step(left - 1);
            }, POLL_MS);
          else setGaveUp(true);
        },
        (e: unknown) => {
          if (!stopped) setFailure(messageOf(t, e));
        },
      );
    };
    step(POLLS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, known, round, t]);

  if (!known)
    return (
      <>
        <PageHeader title={t('payments.title')} />
        <Notice tone="warn">{t('payments.unknown')}</Notice>
      </>
    );
  if (!payment)
    return (
      <>
        <PageHeader title={t('payments.title')} />
        {failure ? <Notice tone="warn">{failure}</Notice> : <p>{t('payments.loading')}</p>}
      </>
    );
  return (
    <>
      <PageHeader title={t('payments.title')} lead={payment.orderInfo} />
      <Card>
        <p data-testid="payment-status" data-status={payment.status} aria-live="polite">
          <strong>{t(`payments.status.${payment.status}`)}</strong>
        </p>
        <dl className="payment-facts">
          <dt>{t('payments.amount')}</dt>
          <dd data-testid="payment-amount">{f.money(payment.amountVnd)}</dd>
          <dt>{t('payments.content')}</dt>
          <dd>{payment.orderInfo}</dd>
          <dt>{t('payments.reference')}</dt>
          <dd>{payment.txnRef}</dd>
        </dl>
        {payment.status === 'pending' ? (
          <>
            <p className="muted">{t('payments.pendingHint')}</p>
            {gaveUp ? (
              <>
                <Notice>{t('payments.stillPending')}</Notice>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setGaveUp(false);
                    setRound((r) => r + 1);
                  }}
                >
                  {t('payments.checkAgain')}
                </Button>
              </>
            ) : null}
          </>
        ) : null}
        {payment.status === 'failed' || payment.status === 'cancelled' || payment.status === 'expired' ? (
          <p>{t('payments.failedHint')}</p>
        ) : null}
        {payment.refundDue ? <Notice tone="warn">{t('payments.refundDue')}</Notice> : null}
        {payment.status === 'paid' ? (
          // A file the server serves: a plain link (a router link would look for an app page).
          <a
            className="button button--secondary"
            href={pathOf(paymentReceipt, { id: payment.id })}
            target="_blank"
            rel="noopener"
            data-testid="payment-receipt"
          >
            {t('payments.receipt')}
          </a>
        ) : null}
        <ButtonLink to={payment.returnPath} variant="secondary">
          {t('payments.back')}
        </ButtonLink>
      </Card>
    </>
  );
}
