import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ButtonLink, Card, Notice, PageHeader } from '../../design';
import { PATHS } from '../../shared/paths';
import { vneidStartUrl } from './api';
// The action column (.auth-actions): these pages can be the first a tab opens, before any sign-in screen.
import '../auth/auth.css';

/**
 * `/vneid/no-account`: VNeID vouched for a CCCD that no VssID account has. Explains how to get
 * one (Form 01 in the app or at a BHXH agency) and links there.
 */
export function VneidNoAccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('vneid.noAccount.title')} />
      <Card>
        <Notice tone="info">{t('vneid.noAccount.lead')}</Notice>
        <p>{t('vneid.noAccount.how')}</p>
        <div className="auth-actions">
          <ButtonLink to={PATHS.register} block>
            {t('vneid.noAccount.register')}
          </ButtonLink>
          <ButtonLink to={PATHS.lookup} variant="secondary" block>
            {t('vneid.noAccount.findAgency')}
          </ButtonLink>
          <Link to={PATHS.signIn}>{t('vneid.backToSignIn')}</Link>
        </div>
      </Card>
    </>
  );
}

const REASONS = {
  denied: 'vneid.failed.denied',
  state: 'vneid.failed.expired',
  token: 'vneid.failed.expired',
  id_token: 'vneid.failed.expired',
  unavailable: 'vneid.failed.unavailable',
  disabled: 'vneid.failed.disabled',
  subject: 'vneid.failed.subject',
} as const;

/** `/vneid/failed?reason=`: the VNeID sign-in did not open a session; says why and offers to retry. */
export function VneidFailedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const reason = params.get('reason') ?? '';
  const key = reason in REASONS ? REASONS[reason as keyof typeof REASONS] : 'vneid.failed.expired';
  return (
    <>
      <PageHeader title={t('vneid.failed.title')} />
      <Card>
        <Notice tone="warn">{t(key)}</Notice>
        <div className="auth-actions">
          {reason === 'disabled' ? null : (
            <a className="button button--primary button--block" href={vneidStartUrl(null)}>
              {t('vneid.retry')}
            </a>
          )}
          <Link to={PATHS.signIn}>{t('vneid.backToSignIn')}</Link>
        </div>
      </Card>
    </>
  );
}
