import { useTranslation } from 'react-i18next';
import { Card, Notice, PageHeader } from '../../design/components';

export function ServicesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('services.title')} lead={t('services.lead')} />
      <Notice>{t('signInNeeded.services')}</Notice>
      <Card title={t('services.registerTitle')}>
        <p>{t('services.register')}</p>
      </Card>
    </>
  );
}
