import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import type { StaffGroup } from '../../shared/paths';

export const VNEID_API = '/api/v1/auth/vneid';

/** Where the browser goes to sign in with VNeID, coming back to `next` (the server keeps it inside the app). */
export function vneidStartUrl(next: string | null): string {
  return `${VNEID_API}/start${next ? `?next=${encodeURIComponent(next)}` : ''}`;
}

/**
 * "Đăng nhập bằng tài khoản định danh điện tử VNeID" on the citizen sign-in screen: a plain link
 * (the browser leaves the app for VNeID and comes back through the server's callback, which opens
 * the session). Shown only where the server has VNeID on, and not on the back offices' sign-in.
 */
export function VneidButton({ group }: { group: StaffGroup | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [state, setState] = useState<{ enabled: boolean; standIn: boolean } | null>(null);

  useEffect(() => {
    if (group) return;
    let live = true;
    api<{ enabled: boolean; standIn: boolean }>(VNEID_API)
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
