import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import type { InboxMessage } from '@vssid/domain/api/dev-inbox';
import { ApiError, NetworkError } from '../../shared/api';
import { fetchInboxMessages } from './api';
import { messageSubject, messageText, newestFirst, splitCodes } from './inbox-logic';
import './dev-inbox.css';

/** How often the inbox asks for new messages while auto-refresh is on. */
const REFRESH_MS = 3000;

type InboxState =
  | { status: 'loading' }
  | { status: 'ready'; messages: InboxMessage[]; at: Date }
  /** The server has no inbox (DEV_INBOX off, as in production). */
  | { status: 'unavailable' }
  | { status: 'failed'; message: string };

async function fetchInbox(recipient: string, networkMessage: string): Promise<InboxState> {
  try {
    const { messages } = await fetchInboxMessages({
      // The route accepts a recipient filter of 3 characters or more.
      query: { limit: 50, ...(recipient.trim().length >= 3 ? { recipient: recipient.trim() } : {}) },
    });
    return { status: 'ready', messages: newestFirst(messages), at: new Date() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { status: 'unavailable' };
    if (error instanceof ApiError) return { status: 'failed', message: error.problem.title };
    if (error instanceof NetworkError) return { status: 'failed', message: networkMessage };
    throw error;
  }
}

function MessageText({ text }: { text: string }) {
  return (
    <p className="inbox-item__text">
      {splitCodes(text).map((part, i) => (part.code ? <mark key={i}>{part.text}</mark> : part.text))}
    </p>
  );
}

/**
 * `/dev-inbox`: the SMS and emails the system "sent" on a development machine, newest first, so
 * OTPs and issued passwords can be read. It reads `/dev/inbox/messages`, which exists only with
 * DEV_INBOX on; elsewhere the page says the inbox is not available. (A page of the PWA rather than
 * server-rendered HTML: it shares the design system, the language switcher and the web catalog;
 * its path is outside `/dev/`, which belongs to the server, the dev proxy and the service worker.)
 */
export function DevInboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [state, setState] = useState<InboxState>({ status: 'loading' });
  const [recipient, setRecipient] = useState('');
  const [auto, setAuto] = useState(true);
  const unavailable = state.status === 'unavailable';

  const networkMessage = t('auth.errors.network');
  const load = useCallback(() => fetchInbox(recipient, networkMessage), [recipient, networkMessage]);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      void load().then((next) => {
        if (live) setState(next);
      });
    };
    refresh();
    // Auto-refresh stops once the server said it has no inbox.
    const timer = auto && !unavailable ? window.setInterval(refresh, REFRESH_MS) : undefined;
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [auto, unavailable, load]);

  const time = f.dateTime;

  if (unavailable) {
    return (
      <>
        <PageHeader title={t('devInbox.title')} />
        <div data-testid="dev-inbox-unavailable">
          <Notice tone="warn">{t('devInbox.unavailable')}</Notice>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('devInbox.title')} lead={t('devInbox.lead')} />
      <Notice tone="warn">{t('devInbox.warning')}</Notice>
      <div className="inbox-controls">
        <Field
          label={t('devInbox.recipient')}
          hint={t('devInbox.recipientHint')}
          type="search"
          value={recipient}
          onChange={(e) => {
            setRecipient(e.target.value);
          }}
        />
        <label className="inbox-auto">
          <input
            type="checkbox"
            checked={auto}
            onChange={(e) => {
              setAuto(e.target.checked);
            }}
          />
          {t('devInbox.autoRefresh')}
        </label>
        <Button variant="secondary" onClick={() => void load().then(setState)}>
          {t('devInbox.refresh')}
        </Button>
      </div>
      {state.status === 'loading' ? <p role="status">{t('auth.checking')}</p> : null}
      {state.status === 'failed' ? <p className="form-error">{state.message}</p> : null}
      {state.status === 'ready' ? (
        <>
          <p className="field__hint" role="status">
            {t('devInbox.count', { messages: state.messages.length, at: time(state.at.toISOString()) })}
          </p>
          {state.messages.length === 0 ? <p>{t('devInbox.empty')}</p> : null}
          <ul className="inbox-list" data-testid="dev-inbox">
            {state.messages.map((message) => {
              const subject = messageSubject(message);
              return (
                <li key={message.id} data-channel={message.channel} data-recipient={message.recipient}>
                  <Card>
                    <div className="inbox-item__head">
                      <span className="inbox-item__channel">{t(`devInbox.channels.${message.channel}`)}</span>
                      <span className="inbox-item__recipient">{message.recipient}</span>
                      <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
                      <span>
                        {message.template} · {message.language}
                      </span>
                      <span>{message.deliveredAt ? t('devInbox.delivered') : t('devInbox.pending')}</span>
                    </div>
                    {subject ? <p className="inbox-item__recipient">{subject}</p> : null}
                    <MessageText text={messageText(message)} />
                  </Card>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}
