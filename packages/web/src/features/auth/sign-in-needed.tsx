import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Notice } from '../../design';
import { signInPath } from '../../app/session';

/**
 * For a page that got a 401: its own sentence ("Đăng nhập để xem thẻ BHYT của bạn.") and a link
 * to `/sign-in?next=<this page>`, so the person comes back here once signed in.
 */
export function SignInNeededNotice({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname, search, hash } = useLocation();
  return (
    <Notice icon="lock">
      <p>{children}</p>
      <Link to={signInPath(pathname + search + hash)}>{t('signInNeeded.action')}</Link>
    </Notice>
  );
}
