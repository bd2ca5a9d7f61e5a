import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { readRequestAttachment } from '@vssid/domain/api/services';
import { REQUEST_REJECTION_REASONS } from '@vssid/domain/service-requests';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { urlOf } from '../../shared/api-call';
import { RequestAttachments, RequestTimeline } from '../services';
import { actOnServiceRequest, fetchRequest } from './api/requests';
import { RecordsBesideCard } from './records-beside';
import './officer.css';

type OfficerRequest = Awaited<ReturnType<typeof fetchRequest>>;
type Action = 'receive' | 'ask_supplement' | 'approve' | 'reject';

/**
 * A request for the officer: the form as filed beside the person and their records (card,
 * participation, benefits, other open requests and dossiers: audited reads), the
 * estimated day and SLA, its timeline, and the actions its status allows (receive, ask for a
 * supplement, approve — the result applied to the records —, reject with a reason). Each file
 * attached opens (a photo in a new tab, a PDF downloaded), the read audited with the purpose of
 * processing the request.
 */
export function ServiceRequestPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { number = '' } = useParams();
  const [request, setRequest] = useState<OfficerRequest | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [reasonText, setReasonText] = useState('');

  const load = useCallback(() => {
    fetchRequest({ params: { number } }).then(setRequest, (e: unknown) => {
      setFailure(messageOf(t, e));
    });
  }, [number, t]);
  useEffect(load, [load]);

  const act = async (action: Action) => {
    setFailure(null);
    try {
      await actOnServiceRequest({
        params: { number },
        body: {
          action,
          ...(action === 'reject' && reasonCode
            ? { reasonCode: reasonCode as (typeof REQUEST_REJECTION_REASONS)[number] }
            : {}),
          ...(reasonText.trim() ? { reasonText: reasonText.trim() } : {}),
        },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      setReasonText('');
      load();
    } catch (e) {
      setFailure(messageOf(t, e));
    }
  };

  if (!request) return failure ? <Notice tone="warn">{failure}</Notice> : <p>{t('services.loading')}</p>;
  const allowed = request.allowedActions;
  return (
    <>
      <PageHeader title={t(`services.types.${request.type}.name`)} lead={request.number} />
      <div className="grid-2">
        <Card title={t('officer.requests.request')}>
          <p data-testid="officer-request-status">
            <strong>{t(`services.status.${request.status}`)}</strong>
          </p>
          <p>{t('services.due', { date: f.date(request.dueOn) })}</p>
          {request.late ? <Notice tone="warn">{t('services.late')}</Notice> : null}
          {request.payment !== undefined ? (
            <p data-testid="officer-request-payment">
              {request.payment
                ? `${f.money(request.payment.amountVnd)} · ${t('services.paid.paymentStatus', {
                    status: t(`services.paid.paymentStates.${request.payment.status}`),
                  })}`
                : t('services.paid.paymentStatus', { status: t('services.paid.paymentStates.pending') })}
            </p>
          ) : null}
          <pre className="request-form">{JSON.stringify(request.form, null, 2)}</pre>
          <p>{t('officer.requests.attachments', { count: request.attachments.length })}</p>
          <RequestAttachments
            request={request}
            hrefOf={(a) =>
              urlOf(readRequestAttachment, {
                params: { number: request.number, seq: a.seq, position: a.position },
                // The page has no purpose of its own: the read is for processing the request.
                query: { purpose: t('dataAccess.purposes.services.review') },
              })
            }
          />
        </Card>
        <div>
          <Card title={t('officer.requests.person')}>
            <dl className="service-facts">
              <dt>{t('services.form.fullName')}</dt>
              <dd>{request.person.fullName}</dd>
              <dt>{t('services.form.dateOfBirth')}</dt>
              <dd>{f.date(request.person.dateOfBirth)}</dd>
              <dt>{t('services.form.addressLine')}</dt>
              <dd>{request.person.addressLine ?? '—'}</dd>
              <dt>BHXH</dt>
              <dd>{request.bhxhCode}</dd>
            </dl>
          </Card>
          <RecordsBesideCard records={request.records} />
        </div>
      </div>
      {allowed.length ? (
        <Card title={t('officer.requests.actions')}>
          {allowed.includes('reject') ? (
            <Select
              label={t('officer.requests.reason')}
              value={reasonCode}
              onChange={setReasonCode}
              options={[
                { value: '', label: '—' },
                ...REQUEST_REJECTION_REASONS.map((r) => ({ value: r, label: t(`services.reasons.${r}`) })),
              ]}
            />
          ) : null}
          <Field
            label={t('officer.requests.reasonText')}
            value={reasonText}
            data-testid="officer-request-text"
            onChange={(e) => {
              setReasonText(e.target.value);
            }}
          />
          <div className="actions">
            {(['receive', 'ask_supplement', 'approve', 'reject'] as const)
              .filter((a) => allowed.includes(a))
              .map((a) => (
                <Button
                  key={a}
                  onClick={() => void act(a)}
                  variant={a === 'reject' ? 'secondary' : 'primary'}
                >
                  {t(`services.actions.${a}`)}
                </Button>
              ))}
          </div>
        </Card>
      ) : null}
      {failure ? (
        <Notice tone="warn" live>
          {failure}
        </Notice>
      ) : null}
      <Card title={t('services.timeline')}>
        <RequestTimeline events={request.events} />
      </Card>
    </>
  );
}
