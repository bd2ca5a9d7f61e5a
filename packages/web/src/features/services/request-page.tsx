import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { pathOf } from '@vssid/domain/api/contract';
import {
  readMyRequestAttachment,
  requestReceipt,
  requestResult,
  type ServiceRequest,
} from '@vssid/domain/api/services';
import { Button, ButtonLink, Card, Notice, PageHeader } from '../../design';
import { formatMoney } from '@vssid/domain';
import { screenLanguage, useFormat } from '../../i18n/format';
import { urlOf } from '../../shared/api-call';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { base64Of, fetchMyRequest, sendPayment, sendRequestAction } from './api';
import { RequestAttachments } from './attachments';
import { Timeline } from './timeline';
import './services.css';

/**
 * One request: its status, the estimated day of the result ("Dự kiến trả kết quả"), late or paused
 * (waiting for the citizen), its timeline, the receipt PDF; a supplement with photos while the
 * officer waits for one, and withdrawal while it is open; the files sent with it, each opened again.
 */
export function RequestPage() {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const f = useFormat();
  const { number = '' } = useParams();
  const [request, setRequest] = useState<ServiceRequest | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');

  const load = useCallback(() => {
    fetchMyRequest({ params: { number } }).then(setRequest, (e: unknown) => {
      setFailure(messageOf(t, e));
    });
  }, [number, t]);
  useEffect(load, [load]);

  const act = async (action: 'supplement' | 'withdraw') => {
    setFailure(null);
    try {
      const attachments = await Promise.all(
        files.map(async (file) => ({ kind: 'evidence' as const, data: await base64Of(file) })),
      );
      setRequest(
        await sendRequestAction({
          params: { number },
          body: {
            action,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(action === 'supplement' && attachments.length ? { attachments } : {}),
          },
          headers: { 'idempotency-key': crypto.randomUUID() },
        }),
      );
      setFiles([]);
    } catch (e) {
      setFailure(messageOf(t, e));
    }
  };

  /** Voluntary BHXH, household BHYT (issue #26): to the gateway with a new payment. */
  const pay = async () => {
    setFailure(null);
    try {
      const started = await sendPayment({ params: { number } });
      window.location.assign(started.payUrl);
    } catch (e) {
      setFailure(messageOf(t, e));
    }
  };
  const payment = request?.payment;
  const open = request ? ['submitted', 'received', 'supplemented'].includes(request.status) : false;

  if (!request) return failure ? <Notice tone="warn">{failure}</Notice> : <p>{t('services.loading')}</p>;
  return (
    <>
      <PageHeader title={t(`services.types.${request.type}.name`)} lead={request.number} />
      <Card>
        <p data-testid="request-status">
          <strong>{t(`services.status.${request.status}`)}</strong>
        </p>
        <p data-testid="request-due">{t('services.due', { date: f.date(request.dueOn) })}</p>
        {request.late ? (
          <Notice tone="warn">{t('services.lateNotice')}</Notice>
        ) : request.clockStopped && request.status === 'waiting_for_citizen' ? (
          <Notice>{t('services.pausedNotice')}</Notice>
        ) : null}
        {/* Files the server serves: plain links (a router link would look for an app page). */}
        <a
          className="button button--secondary"
          href={pathOf(requestReceipt, { number: request.number })}
          target="_blank"
          rel="noopener"
        >
          {t('services.receipt')}
        </a>
        {request.status === 'approved' && request.type === 'bhxh_book_reissue' ? (
          <a
            className="button button--secondary"
            href={pathOf(requestResult, { number: request.number })}
            target="_blank"
            rel="noopener"
          >
            {t('services.result')}
          </a>
        ) : null}
        <RequestAttachments
          request={request}
          hrefOf={(a) =>
            urlOf(readMyRequestAttachment, {
              params: { number: request.number, seq: a.seq, position: a.position },
            })
          }
        />
      </Card>
      {payment !== undefined ? (
        <Card title={t('services.paid.amount')}>
          {payment ? (
            <p data-testid="request-payment">
              {formatMoney(payment.amountVnd, lang)} ·{' '}
              {t('services.paid.paymentStatus', {
                status: t(`services.paid.paymentStates.${payment.status}`),
              })}
            </p>
          ) : null}
          {open && payment?.status !== 'paid' ? (
            <Button icon="services" onClick={() => void pay()}>
              {t('services.paid.pay', {
                amount: formatMoney(
                  (request.form.quote as { amountVnd?: number } | undefined)?.amountVnd ?? 0,
                  lang,
                ),
              })}
            </Button>
          ) : null}
        </Card>
      ) : null}
      {request.allowedActions.includes('supplement') ? (
        <Card title={t('services.supplement.title')}>
          <p>{request.events.findLast((e) => e.action === 'ask_supplement')?.reasonText}</p>
          <label className="field__label" htmlFor="supplement-files">
            {t('services.form.attachments')}
          </label>
          <input
            id="supplement-files"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            data-testid="supplement-files"
            onChange={(e) => {
              setFiles([...(e.target.files ?? [])].slice(0, 4));
            }}
          />
          <label className="field__label" htmlFor="supplement-note">
            {t('services.supplement.note')}
          </label>
          <textarea
            id="supplement-note"
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
          <Button onClick={() => void act('supplement')} icon="services">
            {t('services.supplement.send')}
          </Button>
        </Card>
      ) : null}
      {failure ? (
        <Notice tone="warn" live>
          {failure}
        </Notice>
      ) : null}
      <Card title={t('services.timeline')}>
        <Timeline events={request.events} />
      </Card>
      {request.allowedActions.includes('withdraw') ? (
        <Button variant="secondary" onClick={() => void act('withdraw')}>
          {t('services.withdraw')}
        </Button>
      ) : null}
      <p>
        <ButtonLink to={PATHS.services} variant="secondary">
          {t('services.back')}
        </ButtonLink>
      </p>
    </>
  );
}
