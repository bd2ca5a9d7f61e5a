import { useTranslation } from 'react-i18next';
import { Notice, PageHeader } from '../../design';

/** Sổ khám chữa bệnh: insured medical visits since 2017. */
export function MedicalPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('medical.title')} lead={t('medical.lead')} />
      <Notice icon="lock">{t('signInNeeded.medical')}</Notice>
    </>
  );
}
