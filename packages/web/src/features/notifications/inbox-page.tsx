import { vietnamToday } from '@vssid/domain/vietnam-time';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { setUnread } from '../../shared/unread';
import { messageOf } from '../auth';
import { fetchInbox, type Notification, readAllNotifications, readNotification } from './api/inbox';
import { PushSettings } from './push-settings';
import './notifications.css';

/**
 * The person's inbox (issue 25): policy news, system messages and greetings, newest first, twenty
 * at a time ("more" loads the older ones); opening a message marks it read; "mark all read".
 */
export function InboxPage() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const f = useFormat();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unread, setCount] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);

  const count = useCallback((n: number) => {
    setCount(n);
    setUnread(n);
  }, []);

  const load = useCallback(
    (after: string | null, signal?: AbortSignal) => {
      fetchInbox({ query: after ? { cursor: after } : {}, ...(signal ? { signal } : {}) }).then(
        (page) => {
          setError(null);
          setItems((old) => (after && old ? [...old, ...page.items] : page.items));
          setCursor(page.nextCursor);
          count(page.unread);
        },
        (e: unknown) => {
          if (!signal?.aborted) setError(e);
        },
      );
    },
    [count],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(null, controller.signal);
    return () => {
      controller.abort();
    };
  }, [load]);

  const openMessage = (n: Notification) => {
    setOpen(open === n.id ? null : n.id);
    if (n.read) return;
    readNotification({ params: { id: n.id } }).then(
      () => {
        setItems((old) => old?.map((m) => (m.id === n.id ? { ...m, read: true } : m)) ?? old);
        count(Math.max(0, unread - 1));
      },
      (e: unknown) => {
        setError(e);
      },
    );
  };

  const readAll = () => {
    readAllNotifications({}).then(
      () => {
        setItems((old) => old?.map((m) => ({ ...m, read: true })) ?? old);
        count(0);
      },
      (e: unknown) => {
        setError(e);
      },
    );
  };

  return (
    <>
      <PageHeader title={t('notifications.title')} lead={t('notifications.lead')} />
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      {items === null && !error ? <p>{t('notifications.loading')}</p> : null}
      {items?.length === 0 ? <p data-testid="inbox-empty">{t('notifications.empty')}</p> : null}
      {items?.length ? (
        <Card title={t('notifications.unread', { count: unread })}>
          {unread > 0 ? (
            <Button variant="secondary" onClick={readAll}>
              {t('notifications.markAllRead')}
            </Button>
          ) : null}
          <ul className="inbox" data-testid="inbox">
            {items.map((n) => (
              <li key={n.id} className={n.read ? 'inbox__item' : 'inbox__item inbox__item--unread'}>
                <button
                  type="button"
                  className="inbox__head"
                  aria-expanded={open === n.id}
                  onClick={() => {
                    openMessage(n);
                  }}
                >
                  <span className="inbox__kind">{t(`notifications.kinds.${n.kind}`)}</span>
                  <span className="inbox__title">{n.title}</span>
                  <span className="inbox__date">{f.date(vietnamToday(new Date(n.createdAt)))}</span>
                  {n.read ? null : <span className="visually-hidden">{t('notifications.new')}</span>}
                </button>
                {open === n.id ? (
                  <div className="inbox__body">
                    {n.imageUrl ? <img src={n.imageUrl} alt="" width={320} height={160} /> : null}
                    <p>{n.body}</p>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {cursor ? (
            <Button
              variant="secondary"
              onClick={() => {
                load(cursor);
              }}
            >
              {t('notifications.more')}
            </Button>
          ) : null}
        </Card>
      ) : null}
      <PushSettings />
    </>
  );
}
