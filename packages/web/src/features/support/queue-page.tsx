import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { messageOf } from '../auth';
import { fetchAttachment, fetchQueue, fetchTicket, sendAnswer, sendCorrection } from './api';
import { attachmentsOf, ReplyForm } from './my-tickets';
import { useWords } from './record-picker';
import { recordInWords } from './record-words';
import { showBlob, TicketConversation, useFieldLabel } from './ticket-view';
import './support.css';

type Opened = Awaited<ReturnType<typeof fetchTicket>>;
type QueueItem = Awaited<ReturnType<typeof fetchQueue>>['items'][number];
type CorrectField = NonNullable<Opened['record']>['correctable'][number];

/**
 * The officers' ticket queue (issue 25): the tickets of the agency and its local offices, most
 * urgent first, each with its SLA colour; a ticket opened with a purpose (the record it names is
 * read through the audited records access and shown beside it: a participation period, a card,
 * a visit or a benefit payment), answered with files, and the record corrected field by field.
 * Tickets the person opened or wrote to since an officer last looked are marked new.
 */
export function TicketQueuePage() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const label = useFieldLabel();
  const words = useWords();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [purpose, setPurpose] = useState(() => t('tickets.defaultPurpose'));
  const [opened, setOpened] = useState<Opened | null>(null);
  const [field, setField] = useState<CorrectField | ''>('');
  const [value, setValue] = useState('');

  const load = useCallback(() => {
    fetchQueue({ query: {} }).then(
      (a) => {
        setItems(a.items);
      },
      (e: unknown) => {
        setError(e);
      },
    );
  }, []);
  useEffect(load, [load]);

  const run = (action: () => Promise<void>) => {
    setError(null);
    action().then(load, (e: unknown) => {
      setError(e);
    });
  };
  const open = (id: string) => {
    run(async () => {
      setOpened(await fetchTicket({ params: { id }, query: { purpose } }));
    });
  };
  const reopen = async (id: string) => {
    setOpened(await fetchTicket({ params: { id }, query: { purpose } }));
  };
  const correctable = opened?.record?.correctable ?? [];
  const chosen = field && correctable.includes(field) ? field : correctable[0];

  return (
    <>
      <PageHeader title={t('tickets.queue')} lead={t('tickets.queueLead')} />
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      <Field
        label={t('tickets.purpose')}
        value={purpose}
        onChange={(e) => {
          setPurpose(e.target.value);
        }}
      />
      <table className="queue-table" data-testid="ticket-queue">
        <thead>
          <tr>
            <th>{t('tickets.numberHeading')}</th>
            <th>{t('tickets.category')}</th>
            <th>{t('tickets.due')}</th>
            <th>{t('tickets.statusHeading')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.map((ticket) => (
            <tr key={ticket.id}>
              <td>
                <Button
                  variant="secondary"
                  onClick={() => {
                    open(ticket.id);
                  }}
                >
                  {t('tickets.number', { id: ticket.id })}
                </Button>{' '}
                {ticket.unread ? (
                  <span className="ticket__unread" data-testid="ticket-unread">
                    {t('tickets.unread')}
                  </span>
                ) : null}
              </td>
              <td>{t(`tickets.categories.${ticket.category}`)}</td>
              <td>
                <span className={`sla sla--${ticket.sla}`}>{t(`tickets.sla.${ticket.sla}`)}</span>{' '}
                {ticket.resolutionDue}
              </td>
              <td>{t(`tickets.status.${ticket.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 ? <p>{t('tickets.queueEmpty')}</p> : null}
      {opened ? (
        <Card
          title={`${t('tickets.number', { id: opened.detail.ticket.id })} · ${opened.personName} (${opened.bhxhCode})`}
        >
          <div className="grid-2" data-testid="officer-ticket">
            <div>
              <TicketConversation
                detail={opened.detail}
                openFile={(a) => {
                  run(async () => {
                    showBlob(
                      await fetchAttachment({
                        params: { id: opened.detail.ticket.id, attachmentId: a.id },
                        query: { purpose },
                      }),
                    );
                  });
                }}
              />
              <ReplyForm
                label={t('tickets.answer')}
                onSubmit={(text, files) => {
                  run(async () => {
                    await sendAnswer({
                      params: { id: opened.detail.ticket.id },
                      body: { text, close: false, attachments: await attachmentsOf(files) },
                    });
                    await reopen(opened.detail.ticket.id);
                  });
                }}
              />
            </div>
            {opened.record ? (
              <div data-testid="ticket-record">
                <h3>
                  {t('tickets.recordHeading')} · {t(`tickets.recordTypes.${opened.record.type}`)}
                </h3>
                <p className="ticket__record" data-testid="ticket-record-words">
                  {recordInWords(
                    words,
                    opened.record.type,
                    Object.fromEntries(opened.record.fields.map((r) => [r.field, r.value])),
                  )}
                </p>
                <dl>
                  {opened.record.fields.map((r) => (
                    <div key={r.field}>
                      <dt>{label(r.field)}</dt>
                      <dd>{r.value ?? '—'}</dd>
                    </div>
                  ))}
                </dl>
                {chosen ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      run(async () => {
                        await sendCorrection({
                          params: { id: opened.detail.ticket.id },
                          body: { field: chosen, value, purpose },
                        });
                        await reopen(opened.detail.ticket.id);
                      });
                    }}
                  >
                    <Select
                      label={t('tickets.correctField')}
                      value={chosen}
                      testId="correction-field"
                      options={correctable.map((f) => ({ value: f, label: label(f) }))}
                      onChange={(v) => {
                        setField(v as CorrectField);
                      }}
                    />
                    <Field
                      label={t('tickets.correctValue')}
                      hint={t('tickets.correctHint')}
                      value={value}
                      data-testid="correction-value"
                      onChange={(e) => {
                        setValue(e.target.value);
                      }}
                    />
                    <Button type="submit">{t('tickets.correct')}</Button>
                  </form>
                ) : null}
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </>
  );
}
