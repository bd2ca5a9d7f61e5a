import { useTranslation } from 'react-i18next';
import { Notice, PageHeader } from '../../design';

/** Thông tin hưởng: benefits received. */
export function BenefitsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('benefits.title')} lead={t('benefits.lead')} />
      <Notice icon="lock">{t('signInNeeded.benefits')}</Notice>
    </>
  );
}
