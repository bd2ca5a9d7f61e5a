import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, Notice } from '../../design';
import type { WebKey } from '../../i18n';
import { PATHS } from '../../shared/paths';
import type { OfficerSummary } from '@vssid/domain/api/back-office';
import { fetchSummary } from './api/dossiers';
import './officer.css';

/** Each count, its words, and the queue it opens. */
const COUNTS = [
  { key: 'awaitingDecision', label: 'staff.officer.summary.awaitingDecision', status: 'paper_received' },
  { key: 'awaitingPaper', label: 'staff.officer.summary.awaitingPaper', status: 'submitted' },
  { key: 'dueToday', label: 'staff.officer.summary.dueToday', status: 'submitted' },
] as const satisfies readonly { key: keyof OfficerSummary; label: WebKey; status: string }[];

/** The officers' home: the scope's dossiers waiting for them, each count opening its queue. */
export function DossierSummaryCard() {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<OfficerSummary | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSummary({ signal: controller.signal }).then(
      (s) => {
        setFailed(false);
        setSummary(s);
      },
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => {
      controller.abort();
    };
  }, [attempt]);

  return (
    <Card title={t('staff.officer.summary.title')}>
      {failed ? (
        <Notice tone="warn" live>
          <p>{t('staff.officer.summary.failed')}</p>
          <Button
            variant="secondary"
            onClick={() => {
              setAttempt((n) => n + 1);
            }}
          >
            {t('history.state.retry')}
          </Button>
        </Notice>
      ) : summary ? (
        <ul className="officer-summary" data-testid="officer-summary">
          {COUNTS.map((c) => (
            <li key={c.key}>
              <span className="officer-summary__count" data-testid={`officer-summary-${c.key}`}>
                {summary[c.key]}
              </span>
              <span>{t(c.label)}</span>
              <Link to={`${PATHS.officerDossiers}?status=${c.status}`}>
                {t('staff.officer.summary.open')}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p aria-busy="true">{t('staff.officer.summary.loading')}</p>
      )}
    </Card>
  );
}
