import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { UnitBatch } from '@vssid/domain/api/units';
import { Card, Notice, PageHeader } from '../../design';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { fetchBatch, runBatch } from './api';
import '../officer/officer.css';

const POLL_MS = 700;

/**
 * A batch of the unit's people sent for registration (issue #27 item 2): the page asks the
 * server to make the dossiers (one person at a time, resumable) and polls the batch for the
 * progress bar meanwhile; each person ends with a dossier number or the reason there is none.
 */
export function BatchPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [batch, setBatch] = useState<UnitBatch | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    const timer = window.setInterval(() => {
      fetchBatch({ params: { id } }).then(
        (b) => {
          if (live) setBatch((old) => (old && old.processed > b.processed ? old : b));
        },
        () => undefined,
      );
    }, POLL_MS);
    fetchBatch({ params: { id } })
      .then((b) => {
        if (live) setBatch(b);
        return b.status === 'running' ? runBatch({ params: { id } }) : b;
      })
      .then(
        (b) => {
          if (live) setBatch(b);
        },
        (err: unknown) => {
          if (live) setError(err);
        },
      )
      .finally(() => {
        window.clearInterval(timer);
      });
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [id]);

  return (
    <>
      <PageHeader title={t('unit.batch.title')} lead={t('unit.batch.lead')} />
      {error ? <Notice tone="warn">{messageOf(t, error)}</Notice> : null}
      {batch ? (
        <Card title={t('unit.batch.progressTitle')}>
          <label htmlFor="unit-batch-progress">
            {t('unit.batch.progress', { done: batch.processed, total: batch.total })}
          </label>
          <progress
            id="unit-batch-progress"
            className="officer-progress"
            max={Math.max(1, batch.total)}
            value={batch.processed}
          />
          {batch.status === 'done' ? (
            <Notice tone="ok" live>
              <span data-testid="unit-batch-done">{t('unit.batch.done', { n: batch.created })}</span>{' '}
              <Link to={PATHS.employerPeople}>{t('unit.person.back')}</Link>
            </Notice>
          ) : null}
          <div className="officer-table-wrap">
            <table className="officer-table" data-testid="unit-batch-people">
              <thead>
                <tr>
                  <th scope="col">{t('unit.people.code')}</th>
                  <th scope="col">{t('unit.people.name')}</th>
                  <th scope="col">{t('unit.batch.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {batch.people.map((p) => (
                  <tr key={p.bhxhCode} className={p.error ? 'officer-differs' : undefined}>
                    <td>{p.bhxhCode}</td>
                    <td>{p.fullName}</td>
                    <td>
                      {p.dossierNumber
                        ? t('unit.batch.dossier', { number: p.dossierNumber })
                        : (p.error?.message ?? t('unit.batch.waiting'))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : error ? null : (
        <p aria-busy="true">{t('officer.loading')}</p>
      )}
    </>
  );
}
