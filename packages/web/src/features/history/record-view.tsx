import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Button, Notice } from '../../design';
import { useFormat } from '../../i18n/format';
import type { WebKey } from '../../i18n/keys';
import type { RecordState } from './use-record';
import './history.css';

/** The sign-in screen (PATHS.signIn of the sign-in feature; spelled out so this file stands alone). */
const SIGN_IN = '/sign-in';

/**
 * The states around a record screen's data: loading, signed out (a link to sign in and come
 * back), not found, offline without a saved copy, an error with a retry, and — when the data is
 * the saved copy — a notice saying it is shown offline and when it was last updated.
 */
export function RecordView<T>({
  state,
  signInKey,
  children,
}: {
  state: RecordState<T> & { reload: () => void };
  signInKey: WebKey;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { pathname, search } = useLocation();
  switch (state.status) {
    case 'loading':
      return <p className="record-loading">{t('history.state.loading')}</p>;
    case 'signedOut':
      return (
        <Notice icon="lock">
          <p>{t(signInKey)}</p>
          <Link to={`${SIGN_IN}?next=${encodeURIComponent(pathname + search)}`}>
            {t('history.state.signIn')}
          </Link>
        </Notice>
      );
    case 'notFound':
      return <Notice tone="warn">{t('history.state.notFound')}</Notice>;
    case 'offline':
    case 'error':
      return (
        <Notice tone="warn" live>
          <p>{state.status === 'offline' ? t('history.state.offlineNoCopy') : t('history.state.error')}</p>
          <Button variant="secondary" onClick={state.reload}>
            {t('history.state.retry')}
          </Button>
        </Notice>
      );
    case 'ready':
      return (
        <>
          {state.offline ? (
            <Notice tone="warn" live>
              <p>{t('history.state.offlineCopy', { date: f.dateTime(state.savedAt) })}</p>
              <Button variant="secondary" onClick={state.reload}>
                {t('history.state.retry')}
              </Button>
            </Notice>
          ) : null}
          {children(state.data)}
        </>
      );
  }
}
