import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';
import { Button } from '../design/components';

/** Tells the person when a new version is ready (prompt mode: it waits for their consent) or the app works offline. */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();

  if (needRefresh) {
    return (
      <div className="update-banner" role="status">
        <p>{t('update.available')}</p>
        <Button onClick={() => void updateServiceWorker(true)}>{t('update.reload')}</Button>
        <Button
          variant="secondary"
          onClick={() => {
            setNeedRefresh(false);
          }}
        >
          {t('update.later')}
        </Button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="update-banner" role="status">
        <p>{t('update.offlineReady')}</p>
        <Button
          variant="secondary"
          onClick={() => {
            setOfflineReady(false);
          }}
        >
          {t('update.close')}
        </Button>
      </div>
    );
  }
  return null;
}
