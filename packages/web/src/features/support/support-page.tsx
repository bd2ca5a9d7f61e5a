import { useTranslation } from 'react-i18next';
import { ButtonLink, Card, PageHeader } from '../../design';

/** 1900 9068: the published hotline of BHXH Việt Nam. */
const HOTLINE = 'tel:19009068';

/** Hỗ trợ 24/7: how to reach the agency. */
export function SupportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('support.title')} lead={t('support.lead')} />
      <Card title={t('support.hotlineTitle')}>
        <p>{t('support.hotline')}</p>
        <ButtonLink to={HOTLINE} icon="phone" block>
          {t('support.call')}
        </ButtonLink>
      </Card>
    </>
  );
}
