import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../design/components';

/** Hỗ trợ 24/7: how to reach the agency. 1900 9068 is BHXH Việt Nam's published hotline. */
export function SupportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('support.title')} lead={t('support.lead')} />
      <Card title={t('support.hotlineTitle')}>
        <p>
          <a href="tel:19009068">1900 9068</a>
        </p>
        <p>{t('support.hotline')}</p>
      </Card>
    </>
  );
}
