import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../design/components';

export type StaffGroup = 'officer' | 'employer' | 'clinic';

/** The landing page of a back office: what it is for and who may use it. */
export function StaffHomePage({ group }: { group: StaffGroup }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`staff.${group}.title`)} lead={t(`staff.${group}.lead`)} />
      <Card title={t('staff.whoTitle')}>
        <p>{t(`staff.${group}.who`)}</p>
      </Card>
    </>
  );
}
