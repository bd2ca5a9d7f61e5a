import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyUnit } from '@vssid/domain/api/units';
import { ButtonLink, Card, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { PATHS } from '../../shared/paths';
import { useSession } from '../../app/session';
import { messageOf } from '../auth';
import { fetchMyUnit } from './api';
import { AdoptionBar } from './adoption-bar';

/**
 * The unit's home (issue #27): the unit, its adoption (accounts ÷ people) and the work waiting:
 * people to complete, completed people to send.
 */
export function EmployerHomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const [unit, setUnit] = useState<MyUnit | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    fetchMyUnit({}).then(setUnit, setError);
  }, []);
  if (error) return <Notice tone="warn">{messageOf(t, error)}</Notice>;
  if (!unit) return <p aria-busy="true">{t('officer.loading')}</p>;
  const a = unit.adoption;
  const missing = a.people - a.accounts - a.pending - a.ready;
  return (
    <>
      <PageHeader
        title={unit.name}
        lead={t('unit.home.lead', { code: unit.code, agency: unit.managingAgency.name })}
      />
      {session ? (
        <p data-testid="staff-signed-in-as">{t('staff.signedInAs', { name: session.account.displayName })}</p>
      ) : null}
      <div className="grid-2">
        <Card title={t('unit.adoption.title')}>
          <AdoptionBar adoption={a} />
          <ul className="checklist" data-testid="unit-adoption">
            <li>{t('unit.adoption.people', { n: format.number(a.people) })}</li>
            <li>{t('unit.adoption.accounts', { n: format.number(a.accounts) })}</li>
            <li>{t('unit.adoption.pending', { n: format.number(a.pending) })}</li>
            <li>{t('unit.adoption.ready', { n: format.number(a.ready) })}</li>
            <li>{t('unit.adoption.missing', { n: format.number(Math.max(0, missing)) })}</li>
          </ul>
          <ButtonLink to={PATHS.employerPeople} icon="profile">
            {t('unit.people.title')}
          </ButtonLink>
        </Card>
        <Card title={t('unit.home.unitTitle')}>
          <dl className="unit-facts">
            <dt>{t('unit.home.code')}</dt>
            <dd>{unit.code}</dd>
            <dt>{t('unit.home.taxCode')}</dt>
            <dd>{unit.taxCode ?? '—'}</dd>
            <dt>{t('unit.home.address')}</dt>
            <dd>{unit.address}</dd>
            <dt>{t('unit.home.role')}</dt>
            <dd>{unit.unitAdmin ? t('unit.accounts.admin') : t('unit.accounts.staff')}</dd>
          </dl>
          <ButtonLink to={PATHS.employerAccounts} icon="building" variant="secondary">
            {t('unit.accounts.title')}
          </ButtonLink>
        </Card>
      </div>
      {/* Issue #27 items 3–5: the declarations (600/600a/600b), the C12-TS notice and the sick-pay
          claims (630a) add their cards here. */}
    </>
  );
}
