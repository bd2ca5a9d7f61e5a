import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vietnamYear } from '@vssid/domain';
import { Card, Notice, PageHeader, Select } from '../../design';
import { ApiError } from '../../shared/api';
import { messageOf, SignInNeededNotice } from '../auth';
import type { RegistrationStats, StatsGroupBy } from '@vssid/domain/api/back-office';
import { fetchStats, saveTarget as putTarget, statsCsvUrl } from './api';
import { BarChart } from './bar-chart';
import { UnitAdoptionCard } from './unit-adoption-card';
import '../officer/officer.css';

const thisYear = () => vietnamYear();

/** Statistics for agency admins: per agency or province, as a table and a chart, CSV, targets. */
export function StatsPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear());
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('agency');
  const [stats, setStats] = useState<RegistrationStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchStats({ query: { year, groupBy } }).then((s) => {
      setError(null);
      setStats(s);
    }, setError);
  }, [year, groupBy]);
  useEffect(load, [load]);

  const saveTarget = async (agency: string) => {
    const value = Number(targets[agency]);
    if (!Number.isInteger(value) || value < 0) {
      setSaved(t('stats.targetInvalid'));
      return;
    }
    try {
      await putTarget({ params: { agencyCode: agency, year }, body: { target: value } });
      setSaved(t('stats.targetSaved', { agency }));
      load();
    } catch (e) {
      setSaved(messageOf(t, e));
    }
  };

  const years = Array.from({ length: 6 }, (_, i) => String(thisYear() - i));
  if (error instanceof ApiError && error.status === 401)
    return <SignInNeededNotice>{t('officer.signInNeeded')}</SignInNeededNotice>;
  return (
    <>
      <PageHeader title={t('stats.title')} lead={t('stats.lead')} />
      <div className="officer-filters">
        <Select
          label={t('stats.year')}
          options={years.map((y) => ({ value: y, label: y }))}
          value={String(year)}
          onChange={(v) => {
            setYear(Number(v));
          }}
        />
        <Select
          label={t('stats.groupBy')}
          options={[
            { value: 'agency', label: t('stats.byAgency') },
            { value: 'province', label: t('stats.byProvince') },
          ]}
          value={groupBy}
          onChange={(v) => {
            setGroupBy(v === 'province' ? 'province' : 'agency');
          }}
        />
        {/* A plain link: the CSV comes from the server (with the session cookie), not the app's router. */}
        <a
          className="button button--secondary"
          href={statsCsvUrl(year, groupBy)}
          download
          data-testid="stats-csv"
        >
          {t('stats.downloadCsv')}
        </a>
      </div>
      {error ? (
        <Notice tone="warn">
          {error instanceof ApiError && error.status === 403 ? t('stats.adminsOnly') : messageOf(t, error)}
        </Notice>
      ) : null}
      {saved ? (
        <Notice tone="info" live>
          {saved}
        </Notice>
      ) : null}
      {stats ? (
        <>
          <Card title={t('stats.chartTitle', { year: stats.year })}>
            <BarChart
              rows={stats.rows}
              labels={{
                title: t('stats.chartTitle', { year: stats.year }),
                received: t('stats.received'),
                approved: t('stats.approved'),
                target: t('stats.target'),
              }}
            />
          </Card>
          <Card title={t('stats.tableTitle')}>
            <div className="officer-table-wrap">
              <table className="officer-table" data-testid="stats-table">
                <thead>
                  <tr>
                    <th scope="col">
                      {stats.groupBy === 'agency' ? t('stats.agency') : t('stats.province')}
                    </th>
                    <th scope="col">{t('stats.received')}</th>
                    <th scope="col">{t('stats.approved')}</th>
                    <th scope="col">{t('stats.rejected')}</th>
                    <th scope="col">{t('stats.expired')}</th>
                    <th scope="col">{t('stats.target')}</th>
                    <th scope="col">{t('stats.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">
                        {r.name}
                        <br />
                        <span className="officer-muted">{r.key}</span>
                      </th>
                      <td>{r.received}</td>
                      <td>{r.approved}</td>
                      <td>{r.rejected}</td>
                      <td>{r.expired}</td>
                      <td>
                        {stats.groupBy === 'agency' ? (
                          <form
                            onSubmit={(e) => {
                              e.preventDefault();
                              void saveTarget(r.key);
                            }}
                          >
                            <label className="visually-hidden" htmlFor={`target-${r.key}`}>
                              {t('stats.targetFor', { agency: r.name })}
                            </label>
                            <input
                              id={`target-${r.key}`}
                              type="number"
                              min={0}
                              inputMode="numeric"
                              size={7}
                              value={targets[r.key] ?? (r.target === null ? '' : String(r.target))}
                              onChange={(e) => {
                                setTargets({ ...targets, [r.key]: e.target.value });
                              }}
                            />{' '}
                            <button type="submit" className="button button--secondary">
                              {t('stats.saveTarget')}
                            </button>
                          </form>
                        ) : (
                          (r.target ?? '—')
                        )}
                      </td>
                      <td>{r.progress === null ? '—' : `${r.progress}%`}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('stats.total')}</th>
                    <td>{stats.totals.received}</td>
                    <td>{stats.totals.approved}</td>
                    <td>{stats.totals.rejected}</td>
                    <td>{stats.totals.expired}</td>
                    <td>{stats.totals.target ?? '—'}</td>
                    <td>{stats.totals.progress === null ? '—' : `${stats.totals.progress}%`}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </Card>
        </>
      ) : error ? null : (
        <p aria-busy="true">{t('officer.loading')}</p>
      )}
      <UnitAdoptionCard />
    </>
  );
}
