import { useTranslation } from 'react-i18next';
import type { ServiceRequest } from '@vssid/domain/api/services';
import { useFormat } from '../../i18n/format';

/** A request's log as a timeline: each step, when, and the reason or the supplement asked for. */
export function Timeline({ events }: { events: ServiceRequest['events'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ol className="service-timeline" data-testid="request-timeline">
      {events.map((e) => (
        <li key={e.seq}>
          <strong>{t(`services.actions.${e.action}`, { defaultValue: e.action })}</strong> ·{' '}
          {f.dateTime(e.at)}
          {e.reasonCode ? (
            <div>{t(`services.reasons.${e.reasonCode}`, { defaultValue: e.reasonCode })}</div>
          ) : null}
          {e.reasonText ? <div>{e.reasonText}</div> : null}
        </li>
      ))}
    </ol>
  );
}
