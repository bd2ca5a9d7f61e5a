import { type SubmitEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, Select } from '../../design';
import { messageOf } from '../auth';
import {
  addCallback,
  addTicket,
  base64Of,
  changeTicketStatus,
  fetchMyAttachment,
  fetchMyTicket,
  fetchMyTickets,
  type NewTicket,
  rateTicket,
  replyTicket,
  type Ticket,
  type TicketDetail,
} from './api';
import { BestAnswers } from './help-centre';
import { MyRecordInWords, RecordPicker, type RecordRef } from './record-picker';
import { FilePicker, showBlob, TicketConversation } from './ticket-view';
import './support.css';

const CATEGORIES = ['account', 'wrong_data', 'benefits', 'services', 'other'] as const;
type Category = (typeof CATEGORIES)[number];

/** The files picked, as the API takes them (base64 in JSON). */
export async function attachmentsOf(files: File[]): Promise<{ data: string }[] | undefined> {
  return files.length ? Promise.all(files.map(async (f) => ({ data: await base64Of(f) }))) : undefined;
}

/** A signed-in person's tickets: open one (naming the wrong record, with files), ask for a call back, follow them. */
export function MyTickets() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [open, setOpen] = useState<TicketDetail | null>(null);

  const load = useCallback(() => {
    fetchMyTickets({}).then(
      (a) => {
        setTickets(a.items);
      },
      (e: unknown) => {
        setError(e);
      },
    );
  }, []);
  useEffect(load, [load]);

  const run = (action: () => Promise<unknown>, message: string | null) => {
    setError(null);
    action().then(
      () => {
        if (message) setDone(message);
        load();
      },
      (e: unknown) => {
        setError(e);
      },
    );
  };

  const show = (id: string) => {
    run(async () => {
      setOpen(await fetchMyTicket({ params: { id } }));
    }, null);
  };

  return (
    <>
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <NewTicketForm
        onSubmit={(body, files) => {
          run(
            async () => addTicket({ body: { ...body, attachments: await attachmentsOf(files) } }),
            t('tickets.opened'),
          );
        }}
      />
      <CallbackForm
        onSubmit={(phone) => {
          run(() => addCallback({ body: { phone } }), t('tickets.callbackRequested'));
        }}
      />
      <Card title={t('tickets.mine')}>
        {tickets?.length === 0 ? <p>{t('tickets.none')}</p> : null}
        <ul className="tickets" data-testid="my-tickets">
          {tickets?.map((ticket) => (
            <li key={ticket.id}>
              <button
                type="button"
                className="tickets__row"
                onClick={() => {
                  show(ticket.id);
                }}
              >
                <span>
                  {t('tickets.number', { id: ticket.id })} · {t(`tickets.categories.${ticket.category}`)}
                </span>
                <span className="tickets__status">{t(`tickets.status.${ticket.status}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      {open ? (
        <Card title={t('tickets.number', { id: open.ticket.id })}>
          <div data-testid="my-ticket">
            {open.ticket.record ? (
              <MyRecordInWords
                key={`${open.ticket.id}-${String(open.corrections.length)}`}
                record={open.ticket.record}
              />
            ) : null}
            <TicketConversation
              detail={open}
              openFile={(a) => {
                run(async () => {
                  showBlob(await fetchMyAttachment({ params: { id: open.ticket.id, attachmentId: a.id } }));
                }, null);
              }}
            />
            <ReplyForm
              onSubmit={(text, files) => {
                run(async () => {
                  setOpen(
                    await replyTicket({
                      params: { id: open.ticket.id },
                      body: { text, attachments: await attachmentsOf(files) },
                    }),
                  );
                }, null);
              }}
            />
            <div className="news__actions">
              <Button
                variant="secondary"
                onClick={() => {
                  const status = open.ticket.status === 'closed' ? 'open' : 'closed';
                  run(async () => {
                    setOpen(await changeTicketStatus({ params: { id: open.ticket.id }, body: { status } }));
                  }, null);
                }}
              >
                {open.ticket.status === 'closed' ? t('tickets.reopen') : t('tickets.close')}
              </Button>
            </div>
            {open.ticket.status === 'closed' ? (
              <div className="ticket__rating" role="group" aria-label={t('tickets.rate')}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <Button
                    key={n}
                    variant={open.ticket.rating === n ? 'primary' : 'secondary'}
                    onClick={() => {
                      run(async () => {
                        setOpen(await rateTicket({ params: { id: open.ticket.id }, body: { rating: n } }));
                      }, t('tickets.thanks'));
                    }}
                  >
                    {t('tickets.stars', { n })}
                  </Button>
                ))}
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </>
  );
}

function NewTicketForm({ onSubmit }: { onSubmit: (body: NewTicket, files: File[]) => void }) {
  const { t } = useTranslation('support');
  const [category, setCategory] = useState<Category>('account');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [record, setRecord] = useState<RecordRef | null>(null);
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit(
      {
        category,
        text,
        ...(category === 'wrong_data' && record ? { record } : {}),
      },
      files,
    );
    setText('');
    setFiles([]);
  };
  return (
    <Card title={t('tickets.new')}>
      <form onSubmit={submit} data-testid="ticket-form">
        <Select
          label={t('tickets.category')}
          value={category}
          testId="ticket-category"
          options={CATEGORIES.map((c) => ({ value: c, label: t(`tickets.categories.${c}`) }))}
          onChange={(v) => {
            setCategory(v as Category);
          }}
        />
        {category === 'wrong_data' ? <RecordPicker value={record} onChange={setRecord} /> : null}
        <label className="field">
          <span className="field__label">{t('tickets.text')}</span>
          <textarea
            rows={4}
            required
            minLength={5}
            value={text}
            data-testid="ticket-text"
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
        </label>
        <FilePicker id="ticket-files" files={files} onChange={setFiles} />
        {/* Before the ticket goes: the help centre's best answers to what is being written. */}
        <BestAnswers text={text} />
        <Button type="submit">{t('tickets.send')}</Button>
      </form>
    </Card>
  );
}

function CallbackForm({ onSubmit }: { onSubmit: (phone: string) => void }) {
  const { t } = useTranslation('support');
  const [phone, setPhone] = useState('');
  return (
    <Card title={t('tickets.callback')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(phone);
        }}
      >
        <Field
          label={t('tickets.callbackPhone')}
          inputMode="tel"
          value={phone}
          required
          pattern="0[0-9]{9}"
          onChange={(e) => {
            setPhone(e.target.value);
          }}
        />
        <Button type="submit" variant="secondary">
          {t('tickets.callbackSend')}
        </Button>
      </form>
    </Card>
  );
}

export function ReplyForm({
  onSubmit,
  label,
}: {
  onSubmit: (text: string, files: File[]) => void;
  label?: string;
}) {
  const { t } = useTranslation('support');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const id = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text, files);
        setText('');
        setFiles([]);
      }}
    >
      <label className="field">
        <span className="field__label">{label ?? t('tickets.reply')}</span>
        <textarea
          rows={3}
          required
          minLength={5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </label>
      <FilePicker id={`reply-files${id}`} files={files} onChange={setFiles} />
      <Button type="submit">{t('tickets.send')}</Button>
    </form>
  );
}
