import { TICKET_ATTACHMENTS } from '@vssid/domain/support';
import { useTranslation } from 'react-i18next';
import { Button } from '../../design';
import { useFormat } from '../../i18n/format';
import type { TicketAttachment, TicketDetail } from './api';

/** The translated name of a record's field (participation, card, visit, benefit payment). */
export function useFieldLabel() {
  const { t } = useTranslation('support');
  return (field: string) => t(`tickets.fields.${field}` as 'tickets.fields.salary', { defaultValue: field });
}

/** A ticket's conversation, its files and the corrections made (the value before and after). */
export function TicketConversation({
  detail,
  openFile,
}: {
  detail: TicketDetail;
  /** Fetches a file (the person's or the officer's call) and opens it. */
  openFile: (attachment: TicketAttachment) => void;
}) {
  const { t } = useTranslation('support');
  const f = useFormat();
  const label = useFieldLabel();
  const files = (messageId: string | null) => detail.attachments.filter((a) => a.messageId === messageId);
  return (
    <>
      <p className="ticket__text">{detail.ticket.text}</p>
      <AttachmentList items={files(null)} openFile={openFile} />
      {detail.corrections.length ? (
        <div data-testid="ticket-corrections">
          <h3>{t('tickets.corrections')}</h3>
          <ul>
            {detail.corrections.map((c) => (
              <li key={c.id}>
                {t(`tickets.recordTypes.${c.recordType}`)} · {label(c.field)}: <del>{c.oldValue || '—'}</del>{' '}
                → <strong>{c.newValue}</strong> ({f.date(c.at.slice(0, 10))})
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
            <AttachmentList items={files(m.id)} openFile={openFile} />
          </li>
        ))}
      </ol>
    </>
  );
}

function AttachmentList({
  items,
  openFile,
}: {
  items: TicketAttachment[];
  openFile: (attachment: TicketAttachment) => void;
}) {
  const { t } = useTranslation('support');
  if (!items.length) return null;
  return (
    <ul className="ticket__files" aria-label={t('tickets.attachmentsHeading')} data-testid="ticket-files">
      {items.map((a) => (
        <li key={a.id}>
          <Button
            variant="secondary"
            onClick={() => {
              openFile(a);
            }}
          >
            {t('tickets.attachmentItem', {
              kind: t(
                a.contentType === 'application/pdf' ? 'tickets.fileKinds.pdf' : 'tickets.fileKinds.image',
              ),
              kb: Math.max(1, Math.round(a.byteSize / 1024)),
              who: a.author === 'officer' ? t('tickets.officer') : t('tickets.author.person'),
            })}
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** Opens a fetched file in a new tab (the browser shows a photo, downloads a PDF). */
export function showBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}

/** Picks up to the per-message number of photos or PDFs. */
export function FilePicker({
  files,
  onChange,
  id,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  id: string;
}) {
  const { t } = useTranslation('support');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('tickets.attachments', {
          count: TICKET_ATTACHMENTS.perMessage,
          mb: TICKET_ATTACHMENTS.maxBytes / 1024 / 1024,
        })}
      </label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        multiple
        data-testid={id}
        onChange={(e) => {
          onChange([...(e.target.files ?? [])].slice(0, TICKET_ATTACHMENTS.perMessage));
        }}
      />
      {files.length ? <p className="field__hint">{files.map((f) => f.name).join(', ')}</p> : null}
    </div>
  );
}
