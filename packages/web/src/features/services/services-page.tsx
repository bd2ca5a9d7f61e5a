import { useTranslation } from 'react-i18next';
import { Card, Notice, PageHeader } from '../../design';

/** Dịch vụ công: online public services of the agency. */
export function ServicesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('services.title')} lead={t('services.lead')} />
      <Notice icon="lock">{t('signInNeeded.services')}</Notice>
      <Card title={t('services.registerTitle')}>
        <p>{t('services.register')}</p>
      </Card>
    </>
  );
}
