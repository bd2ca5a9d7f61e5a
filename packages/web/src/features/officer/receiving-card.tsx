import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Notice } from '../../design';
import type { AdminAgency } from '@vssid/domain/api/back-office';
import { ApiError } from '../../shared/api';
import { messageOf } from '../auth';
import { fetchAdminAgencies, setReceiving } from './api/dossiers';

/**
 * For an agency admin (issue 20): which agencies of their scope receive registration dossiers, and
 * whether citizens are offered each one now (it receives and an officer sees its queue). The
 * national head office never receives.
 */
export function ReceivingAgenciesCard() {
  const { t } = useTranslation();
  const [agencies, setAgencies] = useState<AdminAgency[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    fetchAdminAgencies({}).then(
      (r) => {
        setAgencies(r.agencies);
      },
      (e: unknown) => {
        setProblem(messageOf(t, e));
      },
    );
  }, [t]);

  const change = async (agency: AdminAgency, receivesDossiers: boolean) => {
    setBusy(agency.code);
    setProblem(null);
    // The box shows the choice at once; the server's answer replaces it (or puts it back on failure).
    const show = (receives: boolean) => {
      setAgencies(
        (old) => old?.map((a) => (a.code === agency.code ? { ...a, receivesDossiers: receives } : a)) ?? null,
      );
    };
    show(receivesDossiers);
    try {
      const changed = await setReceiving({ params: { code: agency.code }, body: { receivesDossiers } });
      setAgencies((old) => old?.map((a) => (a.code === changed.code ? changed : a)) ?? null);
    } catch (e) {
      show(agency.receivesDossiers);
      setProblem(
        e instanceof ApiError ? (e.fieldMessage('receivesDossiers') ?? e.problem.title) : messageOf(t, e),
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('officer.receiving.title')}>
      <p>{t('officer.receiving.lead')}</p>
      {problem ? <Notice tone="warn">{problem}</Notice> : null}
      {agencies === null ? null : (
        <ul className="officer-receiving" data-testid="receiving-agencies">
          {agencies.map((a) => (
            <li key={a.code}>
              <label>
                <input
                  type="checkbox"
                  data-testid={`receiving-${a.code}`}
                  checked={a.receivesDossiers}
                  disabled={a.level === 'central' || busy !== null}
                  onChange={(e) => void change(a, e.target.checked)}
                />{' '}
                <strong>{a.name}</strong>
              </label>
              <br />
              <span className="field__hint">
                {t('officer.receiving.officers', { count: a.officers })}
                {' · '}
                {a.offered
                  ? t('officer.receiving.offered')
                  : a.level === 'central'
                    ? t('officer.receiving.central')
                    : t('officer.receiving.notOffered')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
