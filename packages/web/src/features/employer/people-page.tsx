import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PersonAccountStatus, UnitPerson } from '@vssid/domain/api/units';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { createBatch, fetchPeople } from './api';
import '../officer/officer.css';

const PAGE = 50;
const STATUSES = ['none', 'ready', 'pending', 'active'] as const;

/**
 * The unit's people (issue #27 item 2): current workers (or a school's students and staff) with
 * their account status; those without an account are completed one by one, then sent together.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<PersonAccountStatus | ''>('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; people: UnitPerson[] } | null>(null);
  const [ready, setReady] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const load = useCallback(() => {
    fetchPeople({
      query: { ...(status ? { status } : {}), ...(q.trim() ? { q: q.trim() } : {}), limit: PAGE, offset },
    }).then((p) => {
      setError(null);
      setPage(p);
    }, setError);
    fetchPeople({ query: { status: 'ready', limit: 1 } }).then((p) => {
      setReady(p.total);
    }, setError);
  }, [status, q, offset]);
  useEffect(load, [load]);

  const send = async () => {
    setSending(true);
    try {
      const batch = await createBatch({});
      await navigate(`${PATHS.employerBatches}/${batch.id}`);
    } catch (err) {
      setError(err);
      setSending(false);
    }
  };

  return (
    <>
      <PageHeader title={t('unit.people.title')} lead={t('unit.people.lead')} />
      <Card title={t('unit.people.sendTitle')}>
        <p>{t('unit.people.sendLead', { n: ready })}</p>
        {ready > 0 ? (
          <Button onClick={() => void send()} icon="dossier">
            {sending ? t('unit.people.sending') : t('unit.people.send', { n: ready })}
          </Button>
        ) : null}
      </Card>
      {error ? <Notice tone="warn">{messageOf(t, error)}</Notice> : null}
      <Card title={t('unit.people.listTitle')}>
        <form
          className="officer-filters"
          onSubmit={(e) => {
            e.preventDefault();
            setOffset(0);
            load();
          }}
        >
          <Select
            label={t('unit.people.status')}
            value={status}
            options={[
              { value: '', label: t('unit.people.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`unit.status.${s}`) })),
            ]}
            onChange={(value) => {
              setOffset(0);
              setStatus(value as PersonAccountStatus | '');
            }}
          />
          <Field
            label={t('unit.people.search')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
            }}
          />
          <Button type="submit" variant="secondary">
            {t('unit.people.find')}
          </Button>
        </form>
        {page ? (
          <>
            <p>{t('unit.people.count', { n: page.total })}</p>
            <div className="officer-table-wrap">
              <table className="officer-table" data-testid="unit-people">
                <thead>
                  <tr>
                    <th scope="col">{t('unit.people.code')}</th>
                    <th scope="col">{t('unit.people.name')}</th>
                    <th scope="col">{t('unit.people.birthYear')}</th>
                    <th scope="col">{t('unit.people.position')}</th>
                    <th scope="col">{t('unit.people.accountStatus')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.people.map((p) => (
                    <tr key={p.bhxhCode}>
                      <td>{p.bhxhCode}</td>
                      <td>
                        <Link to={`${PATHS.employerPeople}/${p.bhxhCode}`}>{p.fullName}</Link>
                      </td>
                      <td>{p.birthYear}</td>
                      <td>{p.position ?? '—'}</td>
                      <td>
                        {t(`unit.status.${p.accountStatus}`)}
                        {p.dossierNumber ? ` (${p.dossierNumber})` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              {offset > 0 ? (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setOffset(Math.max(0, offset - PAGE));
                  }}
                >
                  {t('unit.people.previous')}
                </Button>
              ) : null}{' '}
              {offset + PAGE < page.total ? (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setOffset(offset + PAGE);
                  }}
                >
                  {t('unit.people.next')}
                </Button>
              ) : null}
            </p>
          </>
        ) : error ? null : (
          <p aria-busy="true">{t('officer.loading')}</p>
        )}
      </Card>
    </>
  );
}
