import { type SubmitEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Link, useSearchParams } from 'react-router';
import { Button, Field, Notice, PageHeader, Select } from '../../design';
import { ApiError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { messageOf, SignInNeededNotice } from '../auth';
import type { OfficerQueue } from '@vssid/domain/api/back-office';
import { fetchQueue } from './api/dossiers';
import { DOSSIER_KINDS, DOSSIER_STATUSES, PAGE_SIZE, type QueueFilter, queueQuery } from './queue-filter';
import './officer.css';

const filterOf = (params: URLSearchParams): QueueFilter => ({
  status: params.get('status') ?? '',
  kind: params.get('kind') ?? '',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
  q: params.get('q') ?? '',
  offset: Math.max(0, Number(params.get('offset') ?? 0) || 0),
});

/** The queue of the agency's dossiers: filters and search in the address, pages of 20 with the total. */
export function QueuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [draft, setDraft] = useState(filter);
  const [page, setPage] = useState<OfficerQueue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = params.toString();

  useEffect(() => {
    const controller = new AbortController();
    fetchQueue({ query: queueQuery(filterOf(new URLSearchParams(key))), signal: controller.signal }).then(
      (p) => {
        setError(null);
        setPage(p);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => {
      controller.abort();
    };
  }, [key]);

  const apply = (next: QueueFilter) => {
    const p = new URLSearchParams();
    for (const k of ['status', 'kind', 'from', 'to', 'q'] as const) if (next[k]) p.set(k, next[k]);
    if (next.offset) p.set('offset', String(next.offset));
    setParams(p);
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    apply({ ...draft, offset: 0 });
  };

  const statusOptions = [
    { value: '', label: t('officer.queue.allStatuses') },
    ...DOSSIER_STATUSES.map((s) => ({ value: s, label: t(`officer.status.${s}`) })),
  ];
  const kindOptions = [
    { value: '', label: t('officer.queue.allKinds') },
    ...DOSSIER_KINDS.map((k) => ({ value: k, label: t(`officer.kind.${k}`) })),
  ];
  const last = page ? Math.min(page.offset + page.items.length, page.total) : 0;

  return (
    <>
      <PageHeader title={t('officer.queue.title')} lead={t('officer.queue.lead')} />
      <form className="officer-filters" onSubmit={submit} role="search" data-testid="queue-filters">
        <Field
          label={t('officer.queue.search')}
          hint={t('officer.queue.searchHint')}
          value={draft.q}
          onChange={(e) => {
            setDraft({ ...draft, q: e.target.value });
          }}
        />
        <Select
          label={t('officer.queue.status')}
          options={statusOptions}
          value={draft.status}
          onChange={(v) => {
            setDraft({ ...draft, status: v });
          }}
        />
        <Select
          label={t('officer.queue.kind')}
          options={kindOptions}
          value={draft.kind}
          onChange={(v) => {
            setDraft({ ...draft, kind: v });
          }}
        />
        <Field
          type="date"
          label={t('officer.queue.from')}
          value={draft.from}
          onChange={(e) => {
            setDraft({ ...draft, from: e.target.value });
          }}
        />
        <Field
          type="date"
          label={t('officer.queue.to')}
          value={draft.to}
          onChange={(e) => {
            setDraft({ ...draft, to: e.target.value });
          }}
        />
        <Button type="submit" icon="lookup">
          {t('officer.queue.apply')}
        </Button>
      </form>
      {error instanceof ApiError && error.status === 401 ? (
        <SignInNeededNotice>{t('officer.signInNeeded')}</SignInNeededNotice>
      ) : error ? (
        <Notice tone="warn">{messageOf(t, error)}</Notice>
      ) : null}
      {page ? (
        <>
          <p aria-live="polite" data-testid="queue-total">
            {page.total === 0
              ? t('officer.queue.empty')
              : t('officer.queue.showing', { first: page.offset + 1, last, total: page.total })}
          </p>
          {page.items.length ? (
            <div className="officer-table-wrap">
              <table className="officer-table" data-testid="queue-table">
                <thead>
                  <tr>
                    <th scope="col">{t('officer.queue.number')}</th>
                    <th scope="col">{t('officer.queue.person')}</th>
                    <th scope="col">{t('officer.queue.kind')}</th>
                    <th scope="col">{t('officer.queue.status')}</th>
                    <th scope="col">{t('officer.queue.submittedAt')}</th>
                    <th scope="col">{t('officer.queue.deadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((d) => (
                    <tr key={d.number}>
                      <td>
                        <Link to={`${PATHS.officer}/dossiers/${encodeURIComponent(d.number)}`}>
                          {d.number}
                        </Link>
                      </td>
                      <td>
                        {d.fullName}
                        <br />
                        <span className="officer-muted">{d.bhxhCode}</span>
                      </td>
                      <td>{t(`officer.kind.${d.kind}`)}</td>
                      <td>
                        <span className={`officer-status officer-status--${d.status}`}>
                          {t(`officer.status.${d.status}`)}
                        </span>
                      </td>
                      <td>{f.dateTime(d.submittedAt)}</td>
                      <td>{f.dateTime(d.deadlineAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <nav className="officer-pager" aria-label={t('officer.queue.pages')}>
            {page.offset > 0 ? (
              <Button
                variant="secondary"
                onClick={() => {
                  apply({ ...filter, offset: Math.max(0, filter.offset - PAGE_SIZE) });
                }}
              >
                {t('officer.queue.previous')}
              </Button>
            ) : null}
            {last < page.total ? (
              <Button
                variant="secondary"
                onClick={() => {
                  apply({ ...filter, offset: filter.offset + PAGE_SIZE });
                }}
              >
                {t('officer.queue.next')}
              </Button>
            ) : null}
          </nav>
        </>
      ) : error ? null : (
        <p aria-busy="true">{t('officer.loading')}</p>
      )}
    </>
  );
}
