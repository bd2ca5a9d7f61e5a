import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { QueryOf } from '@vssid/domain/api/contract';
import type { RequestQueue, requestQueue } from '@vssid/domain/api/services';
import { SERVICE_TYPES } from '@vssid/domain/service-requests';
import { Field, Notice, PageHeader, Select } from '../../design';
import { useFormat } from '../../i18n/format';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { fetchRequestQueue } from './api/requests';
import './officer.css';

type QueueQuery = QueryOf<typeof requestQueue>;

/**
 * Giải quyết yêu cầu dịch vụ công: one queue for every request type of the agency (and the agencies
 * below it), soonest due first, filtered by type and SLA (due today, overdue), searchable by a
 * request number, a BHXH code or a name; the SLA shown in colour on each row.
 */
export function RequestsQueuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState<RequestQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState(params.get('q') ?? '');
  const key = params.toString();

  useEffect(() => {
    const p = new URLSearchParams(key);
    const type = p.get('type');
    const sla = p.get('sla');
    const slaFilter = sla === 'due_today' ? 'due_today' : sla === 'overdue' ? 'overdue' : undefined;
    const query: QueueQuery = {
      ...(type && (SERVICE_TYPES as readonly string[]).includes(type)
        ? { type: type as (typeof SERVICE_TYPES)[number] }
        : {}),
      ...(slaFilter ? { sla: slaFilter } : {}),
      ...(p.get('q') ? { q: p.get('q') ?? '' } : {}),
    };
    const controller = new AbortController();
    fetchRequestQueue({ query, signal: controller.signal }).then(
      (r) => {
        setError(null);
        setPage(r);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(messageOf(t, e));
      },
    );
    return () => {
      controller.abort();
    };
  }, [key, t]);

  const setParam = (name: string) => (value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(name, value);
    else p.delete(name);
    setParams(p);
  };

  return (
    <>
      <PageHeader title={t('officer.requests.title')} lead={t('officer.requests.lead')} />
      <form
        className="queue-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q')(q.trim());
        }}
      >
        <Select
          label={t('officer.requests.type')}
          value={params.get('type') ?? ''}
          onChange={setParam('type')}
          options={[
            { value: '', label: t('officer.requests.allTypes') },
            ...SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.types.${s}.name`) })),
          ]}
        />
        <Select
          label={t('officer.requests.sla')}
          value={params.get('sla') ?? ''}
          onChange={setParam('sla')}
          options={[
            { value: '', label: t('officer.requests.allSla') },
            { value: 'due_today', label: t('officer.requests.slaNames.due_today') },
            { value: 'overdue', label: t('officer.requests.slaNames.overdue') },
          ]}
        />
        <Field
          label={t('officer.requests.search')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
          }}
        />
      </form>
      {error ? <Notice tone="warn">{error}</Notice> : null}
      {page ? (
        <>
          <p>{t('officer.requests.total', { count: page.total })}</p>
          <table className="queue-table" data-testid="request-queue">
            <thead>
              <tr>
                <th>{t('officer.requests.number')}</th>
                <th>{t('officer.requests.type')}</th>
                <th>{t('officer.requests.person')}</th>
                <th>{t('officer.requests.status')}</th>
                <th>{t('officer.requests.due')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.number}>
                  <td>
                    <Link to={`${PATHS.officerRequests}/${r.number}`}>{r.number}</Link>
                  </td>
                  <td>{t(`services.types.${r.type}.name`)}</td>
                  <td>
                    {r.fullName} ({r.bhxhCode})
                  </td>
                  <td>{t(`services.status.${r.status}`)}</td>
                  <td className={`sla--${r.sla}`}>
                    {f.date(r.dueOn)} · {t(`officer.requests.slaNames.${r.sla}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
