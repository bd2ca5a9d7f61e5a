import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Icon, type IconName, Notice, PageHeader } from '../../design';
import { LanguageSwitcher } from '../../i18n';
import { PATHS, type StaffGroup } from '../../shared/paths';
import { DataAccessSection } from '../history';

const PORTALS = [
  { group: 'officer', icon: 'dossier' },
  { group: 'employer', icon: 'building' },
  { group: 'clinic', icon: 'clinic' },
] as const satisfies readonly { group: StaffGroup; icon: IconName }[];

/** Cá nhân: account and settings; the way into the back offices for staff. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} lead={t('profile.lead')} />
      <Notice icon="lock">{t('signInNeeded.profile')}</Notice>
      <Card title={t('profile.settingsTitle')}>
        <LanguageSwitcher hideLabel={false} hint={t('profile.languageHint')} testId="profile-language" />
      </Card>
      <Card title={t('profile.staffTitle')}>
        <ul className="link-list">
          {PORTALS.map(({ group, icon }) => (
            <li key={group}>
              <Link to={PATHS[group]}>
                <Icon name={icon} />
                {t(`staff.${group}.title`)}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      <DataAccessSection />
    </>
  );
}
