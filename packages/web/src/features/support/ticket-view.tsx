import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { TicketDetail } from './api';

/** A ticket's conversation and the corrections made (the value before and after). */
export function TicketConversation({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation('support');
  const f = useFormat();
  return (
    <>
      <p className="ticket__text">{detail.ticket.text}</p>
      {detail.corrections.length ? (
        <div data-testid="ticket-corrections">
          <h3>{t('tickets.corrections')}</h3>
          <ul>
            {detail.corrections.map((c) => (
              <li key={c.id}>
                {t(`tickets.fields.${c.field as 'fromMonth' | 'toMonth' | 'salary'}`)}:{' '}
                <del>{c.oldValue}</del> → <strong>{c.newValue}</strong> ({f.date(c.at.slice(0, 10))})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="ticket__messages" data-testid="ticket-messages">
        {detail.messages.map((m) => (
          <li key={m.id} className={`ticket__message ticket__message--${m.author}`}>
            <span className="ticket__author">
              {m.author === 'officer'
                ? (m.authorName ?? t('tickets.officer'))
                : t(`tickets.author.${m.author}`)}
            </span>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
