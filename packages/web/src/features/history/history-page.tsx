import { useTranslation } from 'react-i18next';
import { Notice, PageHeader } from '../../design';

/** Quá trình tham gia: periods of BHXH, BHTN, BHTNLĐ-BNN and BHYT participation. */
export function HistoryPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('history.title')} lead={t('history.lead')} />
      <Notice icon="lock">{t('signInNeeded.history')}</Notice>
    </>
  );
}
