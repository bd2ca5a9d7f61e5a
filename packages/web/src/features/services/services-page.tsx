import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Notice, PageHeader } from '../../design';
import { PATHS } from '../../shared/paths';
import { useSession } from '../../app/session';

/** Dịch vụ công: online public services of the agency. */
export function ServicesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      <PageHeader title={t('services.title')} lead={t('services.lead')} />
      {session ? null : <Notice icon="lock">{t('signInNeeded.services')}</Notice>}
      <Card title={t('services.registerTitle')}>
        <p>{t('services.register')}</p>
      </Card>
      <Card title={t('childRegistration.entry')}>
        <p>{t('childRegistration.lead')}</p>
        <Link to={PATHS.registerChild} data-testid="services-register-child">
          {t('childRegistration.entry')}
        </Link>
      </Card>
    </>
  );
}
