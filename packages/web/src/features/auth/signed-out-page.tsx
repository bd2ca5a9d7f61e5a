import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ButtonLink, Card, Notice, PageHeader } from '../../design';
import { isSessionEndReason, safeNext, signInPath, useSession } from '../../app/session';

/**
 * `/signed-out?reason=`: this device's session was ended by the server, and why — above all
 * "another device signed in with your account", which the old device learns by polling `/session`.
 */
export function SignedOutPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { state, acknowledgeEnd } = useSession();
  const given = params.get('reason');
  const reason = isSessionEndReason(given) ? given : 'expired';
  const next = safeNext(params.get('next'));
  const ended = state.status === 'ended';
  useEffect(() => {
    if (ended) acknowledgeEnd();
  }, [ended, acknowledgeEnd]);

  return (
    <>
      <PageHeader title={t('auth.signedOut.title')} />
      <Card>
        <div data-testid="signed-out" data-reason={reason}>
          <Notice tone="warn">{t(`auth.signedOut.reasons.${reason}`)}</Notice>
        </div>
        {reason === 'replaced_by_new_device' || reason === 'reuse_detected' ? (
          <p>{t('auth.signedOut.notYou')}</p>
        ) : null}
        <ButtonLink to={signInPath(next)} block>
          {t('auth.signedOut.again')}
        </ButtonLink>
      </Card>
    </>
  );
}
