import { useTranslation } from 'react-i18next';
import { Card } from '../../design';
import { fetchSignIns, messageOf } from '../auth';
import { useFormat } from '../../i18n/format';
import { useLoad } from './use-load';

const loadRecent = () => fetchSignIns({ query: { limit: 10 } });

/** The last sign-ins to the account, failed ones included, so a person can spot someone else's. */
export function SignInHistoryCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const { state } = useLoad(loadRecent);
  return (
    <Card title={t('profile.history.title')}>
      <div data-testid="sign-in-history">
        {state.status === 'loading' ? <p role="status">{t('auth.checking')}</p> : null}
        {state.status === 'failed' ? <p className="form-error">{messageOf(t, state.error)}</p> : null}
        {state.status === 'done' && state.data.events.length === 0 ? (
          <p>{t('profile.history.none')}</p>
        ) : null}
        {state.status === 'done' && state.data.events.length > 0 ? (
          <ul className="plain-list">
            {state.data.events.map((event, i) => (
              <li key={`${event.at}-${i}`}>
                <span>
                  <strong>{f.dateTime(event.at)}</strong>{' '}
                  <span className={event.outcome === 'success' ? 'tag' : 'tag tag--warn'}>
                    {t(`profile.history.outcomes.${event.outcome}`)}
                  </span>
                  <span className="plain-list__meta">
                    {t(`profile.history.methods.${event.method}`)}
                    {event.deviceLabel ? ` · ${event.deviceLabel}` : ''}
                    {event.ip ? ` · ${t('profile.history.ip', { ip: event.ip })}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}
