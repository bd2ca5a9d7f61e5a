import { useTranslation } from 'react-i18next';
import { Notice, PageHeader } from '../../design/components';

/** Quá trình tham gia: participation in BHXH, BHTN, BHTNLĐ-BNN and BHYT. */
export function HistoryPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('history.title')} lead={t('history.lead')} />
      <Notice>{t('signInNeeded.history')}</Notice>
    </>
  );
}

/** Thông tin hưởng: benefits received. */
export function BenefitsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('benefits.title')} lead={t('benefits.lead')} />
      <Notice>{t('signInNeeded.benefits')}</Notice>
    </>
  );
}

/** Sổ khám chữa bệnh: medical visits since 2017. */
export function MedicalPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('medical.title')} lead={t('medical.lead')} />
      <Notice>{t('signInNeeded.medical')}</Notice>
    </>
  );
}
