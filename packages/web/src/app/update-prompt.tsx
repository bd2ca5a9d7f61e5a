import { useEffect } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';
import { Button } from '../design';

/** How long the "ready offline" notice stays (it can be closed sooner). */
const OFFLINE_READY_MS = 8_000;

/**
 * The service worker's news (registerType "prompt"): a waiting update is installed only when the
 * person agrees; when the app is first cached, a short notice says it now works offline and
 * leaves by itself. Both sit in the page's flow above the content (the shells put this first in
 * `<main>`), so they never cover a button or a result.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();

  useEffect(() => {
    if (!offlineReady) return;
    const timer = window.setTimeout(() => {
      setOfflineReady(false);
    }, OFFLINE_READY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [offlineReady, setOfflineReady]);

  // The region stays in the page so that screen readers announce what appears in it.
  return (
    <div role="status" aria-live="polite" data-testid="update-prompt">
      {needRefresh ? (
        <div className="banner">
          <p>{t('update.available')}</p>
          <div className="banner__actions">
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
        </div>
      ) : offlineReady ? (
        <div className="banner" data-testid="offline-ready">
          <p>{t('update.offlineReady')}</p>
          <div className="banner__actions">
            <Button
              variant="secondary"
              onClick={() => {
                setOfflineReady(false);
              }}
            >
              {t('update.close')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
