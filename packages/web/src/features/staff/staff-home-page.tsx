import { useTranslation } from 'react-i18next';
import { ButtonLink, Card, PageHeader } from '../../design';
import type { WebKey } from '../../i18n';
import { PATHS, type StaffGroup } from '../../shared/paths';
import { useSession } from '../../app/session';
import { DossierSummaryCard } from '../officer';

/** What each back office is for, task by task (catalog keys). */
const TASKS = {
  officer: [
    'staff.officer.tasks.receive',
    'staff.officer.tasks.check',
    'staff.officer.tasks.decide',
    'staff.officer.tasks.requests',
  ],
  employer: ['staff.employer.tasks.people', 'staff.employer.tasks.contacts', 'staff.employer.tasks.lists'],
  clinic: ['staff.clinic.tasks.check', 'staff.clinic.tasks.validity', 'staff.clinic.tasks.visits'],
} as const satisfies Record<StaffGroup, readonly WebKey[]>;

/**
 * The landing page of a back office, behind its sign-in (RequireStaff): who is working, what
 * waits for them (the officers' dossier counts; the clinic's card check), and what it is for.
 */
export function StaffHomePage({ group }: { group: StaffGroup }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      <PageHeader title={t(`staff.${group}.title`)} lead={t(`staff.${group}.lead`)} />
      {session ? (
        <p data-testid="staff-signed-in-as">{t('staff.signedInAs', { name: session.account.displayName })}</p>
      ) : null}
      {group === 'officer' && session?.account.role === 'communications' ? (
        <Card title={t('news.title')}>
          <p>{t('news.lead')}</p>
          <ButtonLink to={PATHS.officerNews} icon="support">
            {t('news.nav')}
          </ButtonLink>
        </Card>
      ) : null}
      {group === 'officer' && session?.account.role !== 'communications' ? <DossierSummaryCard /> : null}
      {group === 'officer' && session?.account.role !== 'communications' ? (
        <Card title={t('staff.officer.tasks.requests')}>
          <ButtonLink to={PATHS.officerRequests} icon="services">
            {t('officer.requests.title')}
          </ButtonLink>
        </Card>
      ) : null}
      {group === 'clinic' ? (
        <Card title={t('clinicVerify.nav')}>
          <p>{t('staff.clinic.next')}</p>
          <ButtonLink to={PATHS.clinicVerify} icon="card">
            {t('clinicVerify.nav')}
          </ButtonLink>
        </Card>
      ) : null}
      <div className="grid-2">
        <Card title={t('staff.tasksTitle')}>
          <ul className="checklist">
            {TASKS[group].map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </Card>
        <Card title={t('staff.whoTitle')}>
          <p>{t(`staff.${group}.who`)}</p>
        </Card>
      </div>
    </>
  );
}
