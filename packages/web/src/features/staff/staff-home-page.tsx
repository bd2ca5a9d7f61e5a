import { useTranslation } from 'react-i18next';
import { Card, Notice, PageHeader } from '../../design';
import type { WebKey } from '../../i18n';
import type { StaffGroup } from '../../shared/paths';

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

/** The landing page of a back office: what it is for and who may use it. */
export function StaffHomePage({ group }: { group: StaffGroup }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`staff.${group}.title`)} lead={t(`staff.${group}.lead`)} />
      <Notice icon="lock">{t(`staff.${group}.signIn`)}</Notice>
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
