import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { messageOf } from '../auth';
import { fetchQueue, fetchTicket, sendAnswer, sendCorrection, type Ticket } from './api';
import { ReplyForm } from './my-tickets';
import { TicketConversation } from './ticket-view';
import './support.css';

type Opened = Awaited<ReturnType<typeof fetchTicket>>;
const FIELDS = ['fromMonth', 'toMonth', 'salary'] as const;

/**
 * The officers' ticket queue (issue 25): the tickets of the agency and its local offices, most
 * urgent first, each with its SLA colour; a ticket opened with a purpose (the record it names is
 * read through the audited records access and shown beside it), answered, closed, and for a
 * wrong participation period, corrected.
 */
export function TicketQueuePage() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const [items, setItems] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [purpose, setPurpose] = useState(() => t('tickets.defaultPurpose'));
  const [opened, setOpened] = useState<Opened | null>(null);
  const [field, setField] = useState<(typeof FIELDS)[number]>('fromMonth');
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
                </Button>
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
              <TicketConversation detail={opened.detail} />
              <ReplyForm
                label={t('tickets.answer')}
                onSubmit={(text) => {
                  run(async () => {
                    await sendAnswer({
                      params: { id: opened.detail.ticket.id },
                      body: { text, close: false },
                    });
                    await reopen(opened.detail.ticket.id);
                  });
                }}
              />
            </div>
            {opened.record ? (
              <div data-testid="ticket-record">
                <h3>{t('tickets.recordHeading')}</h3>
                <dl>
                  <dt>{t('tickets.fields.fromMonth')}</dt>
                  <dd>{opened.record.fromMonth}</dd>
                  <dt>{t('tickets.fields.toMonth')}</dt>
                  <dd>{opened.record.toMonth}</dd>
                  <dt>{t('tickets.fields.salary')}</dt>
                  <dd>{opened.record.salary}</dd>
                  <dt>{t('tickets.unit')}</dt>
                  <dd>{opened.record.unitCode ?? '—'}</dd>
                </dl>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    run(async () => {
                      await sendCorrection({
                        params: { id: opened.detail.ticket.id },
                        body: { field, value, purpose },
                      });
                      await reopen(opened.detail.ticket.id);
                    });
                  }}
                >
                  <Select
                    label={t('tickets.correctField')}
                    value={field}
                    testId="correction-field"
                    options={FIELDS.map((f) => ({ value: f, label: t(`tickets.fields.${f}`) }))}
                    onChange={(v) => {
                      setField(v as (typeof FIELDS)[number]);
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
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </>
  );
}
