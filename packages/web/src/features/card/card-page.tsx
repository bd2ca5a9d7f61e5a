import { useTranslation } from 'react-i18next';
import { Card, Notice, PageHeader } from '../../design';

/** Thẻ BHYT: the health insurance card (and the children's), shown at the clinic. */
export function CardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('card.title')} lead={t('card.lead')} />
      <Notice icon="lock">{t('signInNeeded.card')}</Notice>
      <Card title={t('card.atClinicTitle')}>
        <p>{t('card.atClinic')}</p>
      </Card>
    </>
  );
}
