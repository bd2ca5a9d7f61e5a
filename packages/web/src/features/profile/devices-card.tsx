import { useTranslation } from 'react-i18next';
import { Card } from '../../design';
import { fetchDevices, messageOf } from '../auth';
import { useFormat } from '../../i18n/format';
import { useLoad } from './use-load';

/** The devices signed in to the account (one at a time for citizens: a new one replaces the old). */
const loadDevices = () => fetchDevices({});

export function DevicesCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const { state } = useLoad(loadDevices);
  return (
    <Card title={t('profile.devices.title')}>
      <div data-testid="devices-card">
        <p className="field__hint">{t('profile.devices.lead')}</p>
        {state.status === 'loading' ? <p role="status">{t('auth.checking')}</p> : null}
        {state.status === 'failed' ? <p className="form-error">{messageOf(t, state.error)}</p> : null}
        {state.status === 'done' ? (
          <ul className="plain-list">
            {state.data.devices.map((device) => (
              <li key={device.id}>
                <span>
                  <strong>{device.label}</strong>{' '}
                  {device.current ? <span className="tag">{t('profile.devices.current')}</span> : null}
                  <span className="plain-list__meta">
                    {t('profile.devices.lastSeen', { at: f.dateTime(device.lastSeenAt) })}
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
