import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { StaffGroup } from '../../shared/paths';
import { fetchVneidStatus, type VneidStatus, vneidStartUrl } from './api';

/**
 * "Đăng nhập bằng tài khoản định danh điện tử VNeID" on the citizen sign-in screen: a plain link
 * (the browser leaves the app for VNeID and comes back through the server's callback, which opens
 * the session). Shown only where the server has VNeID on, and not on the back offices' sign-in.
 */
export function VneidButton({ group }: { group: StaffGroup | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [state, setState] = useState<VneidStatus | null>(null);

  useEffect(() => {
    if (group) return;
    let live = true;
    fetchVneidStatus({})
      .then((answer) => {
        if (live) setState(answer);
      })
      .catch(() => {
        // Offline or an older server: no VNeID button.
      });
    return () => {
      live = false;
    };
  }, [group]);

  if (group) return null;
  // Until the server has answered, the button's room is kept (an empty block of its height), so
  // the cards below do not jump when it appears.
  if (!state)
    return <div className="button button--block" style={{ visibility: 'hidden' }} aria-hidden="true" />;
  if (!state.enabled) return null;
  return (
    <>
      <a className="button button--secondary button--block" href={vneidStartUrl(params.get('next'))}>
        {t('vneid.signIn')}
      </a>
      {state.standIn ? <p className="field__hint">{t('vneid.standIn')}</p> : null}
    </>
  );
}
