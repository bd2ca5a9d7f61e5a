import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Card, Notice, PageHeader } from '../../design/components';

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} lead={t('profile.lead')} />
      <Notice>{t('signInNeeded.profile')}</Notice>
      <Card title={t('profile.staffTitle')}>
        <ul className="link-list">
          <li>
            <Link to="/officer">{t('staff.officer.portal')}</Link>
          </li>
          <li>
            <Link to="/employer">{t('staff.employer.portal')}</Link>
          </li>
          <li>
            <Link to="/clinic">{t('staff.clinic.portal')}</Link>
          </li>
        </ul>
      </Card>
    </>
  );
}
