import { useTranslation } from 'react-i18next';
import type { ServiceRequest } from '@vssid/domain/api/services';
import { useFormat } from '../../i18n/format';

type RequestAttachment = ServiceRequest['attachments'][number];

/**
 * A request's files, each a link to the file the server serves (its own headers decide: a photo
 * opens in a new tab, a PDF is downloaded), named by its type, the step it came with and its size.
 * `hrefOf` gives the caller's route: the person's, or the officer's with the purpose of the read.
 */
export function RequestAttachments({
  request,
  hrefOf,
}: {
  request: Pick<ServiceRequest, 'attachments' | 'events'>;
  hrefOf: (attachment: RequestAttachment) => string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!request.attachments.length) return null;
  const stepOf = (seq: number) => request.events.find((e) => e.seq === seq);
  return (
    <>
      <h3 className="request-files__title">{t('services.attachments.heading')}</h3>
      <ul className="request-files" data-testid="request-files">
        {request.attachments.map((a, i) => {
          const step = stepOf(a.seq);
          const pdf = a.contentType === 'application/pdf';
          return (
            <li key={`${a.seq}-${a.position}`}>
              <a
                href={hrefOf(a)}
                target="_blank"
                rel="noopener"
                data-testid={`request-file-${a.seq}-${a.position}`}
              >
                {t('services.attachments.item', {
                  kind: t(pdf ? 'services.attachments.pdf' : 'services.attachments.image'),
                  n: i + 1,
                  kb: Math.max(1, Math.round(a.byteSize / 1024)),
                })}
              </a>
              {step ? (
                <span className="service-list__meta">
                  {' · '}
                  {t(`services.actions.${step.action}`, { defaultValue: step.action })} ·{' '}
                  {f.dateTime(step.at)}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
