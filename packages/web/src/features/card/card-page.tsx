import { useTranslation } from 'react-i18next';
import { Card, Notice, PageHeader } from '../../design/components';

export function CardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('card.title')} lead={t('card.lead')} />
      <Notice>{t('signInNeeded.card')}</Notice>
      <Card title={t('card.atClinicTitle')}>
        <p>{t('card.atClinic')}</p>
      </Card>
    </>
  );
}
