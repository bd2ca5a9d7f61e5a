import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitAdoptionRow } from '@vssid/domain/api/units';
import { Button, Card, Field, Notice } from '../../design';
import { ApiError } from '../../shared/api';
import { useDraft } from '../../shared/draft';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { createUnitAdminAccount, fetchUnitAdoption } from './api';

/**
 * Issue #27 for the agency's admins: adoption (accounts ÷ current employees) per unit of the
 * agency and those below it, and the creation of a unit's admin account (unit code, tax code).
 */
export function UnitAdoptionCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<{ total: number; units: UnitAdoptionRow[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { draft, setDraft, bind } = useDraft({
    unitCode: '',
    taxCode: '',
    username: '',
    displayName: '',
    phone: '',
  });

  const load = useCallback(() => {
    fetchUnitAdoption({ query: q.trim() ? { q: q.trim() } : {} }).then(setRows, setError);
  }, [q]);
  useEffect(load, [load]);

  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const unit = draft.unitCode.trim().toUpperCase();
    try {
      const created = await createUnitAdminAccount({
        params: { unitCode: unit },
        body: {
          taxCode: draft.taxCode,
          username: draft.username,
          displayName: draft.displayName,
          phone: draft.phone.trim(),
        },
      });
      setNotice(t('unit.agency.created', { username: created.username, unit }));
      setDraft({ unitCode: '', taxCode: '', username: '', displayName: '', phone: '' });
      load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <Card title={t('unit.agency.title')}>
        <p>{t('unit.agency.lead')}</p>
        <form
          className="officer-filters"
          onSubmit={(e) => {
            e.preventDefault();
            load();
          }}
        >
          <Field
            label={t('unit.agency.search')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
            }}
          />
          <Button type="submit" variant="secondary">
            {t('unit.agency.find')}
          </Button>
        </form>
        {rows ? (
          <div className="officer-table-wrap">
            <table className="officer-table" data-testid="unit-adoption-table">
              <thead>
                <tr>
                  <th scope="col">{t('unit.agency.unit')}</th>
                  <th scope="col">{t('unit.agency.admins')}</th>
                  <th scope="col">{t('unit.agency.people')}</th>
                  <th scope="col">{t('unit.agency.accounts')}</th>
                  <th scope="col">{t('unit.agency.pending')}</th>
                  <th scope="col">{t('unit.agency.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.units.map((u) => (
                  <tr key={u.unitCode}>
                    <td>
                      {u.unitCode} · {u.name}
                    </td>
                    <td>{format.number(u.admins)}</td>
                    <td>{format.number(u.people)}</td>
                    <td>{format.number(u.accounts)}</td>
                    <td>{format.number(u.pending)}</td>
                    <td>{format.percent(Math.round(u.rate * 10_000))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <Card title={t('unit.agency.createTitle')}>
        {error ? <Notice tone="warn">{messageOf(t, error)}</Notice> : null}
        {notice ? (
          <Notice tone="ok" live>
            {notice}
          </Notice>
        ) : null}
        <form onSubmit={(e) => void create(e)} data-testid="unit-admin-form">
          <Field label={t('unit.agency.unitCode')} required {...bind('unitCode')} />
          <Field
            label={t('unit.agency.taxCode')}
            required
            error={fieldError('taxCode')}
            {...bind('taxCode')}
          />
          <Field
            label={t('unit.agency.username')}
            required
            error={fieldError('username')}
            {...bind('username')}
          />
          <Field
            label={t('unit.agency.name')}
            required
            error={fieldError('displayName')}
            {...bind('displayName')}
          />
          <Field
            label={t('unit.agency.phone')}
            type="tel"
            required
            error={fieldError('phone')}
            {...bind('phone')}
          />
          <Button type="submit" icon="profile">
            {t('unit.agency.create')}
          </Button>
        </form>
      </Card>
    </>
  );
}
