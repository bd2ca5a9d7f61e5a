import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Notice, Select } from '../../design';
import { ApiError } from '../../shared/api';
import { fetchProvinces } from '../lookup/api';
import { messageOf } from '../auth';
import { fetchReceivingAgencies, redirectTo } from './api/dossiers';

/**
 * Redirecting a dossier (issue 20): another agency that receives dossiers and has an officer, of
 * any province, and the reason; the server logs it in the dossier's action log, audits it and
 * tells the person by SMS. `onDone` gets the new agency's name.
 */
export function RedirectCard({
  number,
  agencyCode,
  onDone,
}: {
  number: string;
  /** The dossier's agency now (not a choice). */
  agencyCode: string;
  onDone: (agencyName: string) => void;
}) {
  const { t } = useTranslation();
  const [provinces, setProvinces] = useState<{ code: string; name: string }[]>([]);
  const [province, setProvince] = useState('');
  const [agencies, setAgencies] = useState<{ code: string; name: string }[]>([]);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    fetchProvinces({}).then(
      (r) => {
        setProvinces(r.items);
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!province) return;
    let live = true;
    fetchReceivingAgencies({ query: { province, limit: 50 } }).then(
      (r) => {
        if (live) setAgencies(r.items.filter((a) => a.code !== agencyCode));
      },
      () => {
        if (live) setAgencies([]);
      },
    );
    return () => {
      live = false;
    };
  }, [province, agencyCode]);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await redirectTo({ params: { number }, body: { agencyCode: target, reasonText: reason.trim() } });
      onDone(agencies.find((a) => a.code === target)?.name ?? target);
    } catch (e) {
      setProblem(
        e instanceof ApiError
          ? (e.fieldMessage('agencyCode') ?? e.fieldMessage('reasonText') ?? e.problem.title)
          : messageOf(t, e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('officer.redirect.title')}>
      <p>{t('officer.redirect.lead')}</p>
      <Select
        label={t('officer.redirect.province')}
        testId="redirect-province"
        value={province}
        onChange={(v) => {
          setProvince(v);
          setTarget('');
        }}
        options={[
          { value: '', label: t('officer.redirect.choose') },
          ...provinces.map((p) => ({ value: p.code, label: p.name })),
        ]}
      />
      <Select
        label={t('officer.redirect.agency')}
        testId="redirect-agency"
        value={target}
        onChange={setTarget}
        options={[
          { value: '', label: t('officer.redirect.choose') },
          ...agencies.map((a) => ({ value: a.code, label: a.name })),
        ]}
      />
      <div className="field">
        <label className="field__label" htmlFor="redirect-reason">
          {t('officer.redirect.reason')}
        </label>
        <div className="field__control">
          <textarea
            id="redirect-reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </div>
      </div>
      {problem ? <Notice tone="warn">{problem}</Notice> : null}
      <div className="officer-actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="redirect-submit"
          disabled={busy || !target || reason.trim().length < 3}
          onClick={() => void submit()}
        >
          {busy ? t('officer.dossier.working') : t('officer.redirect.submit')}
        </button>
      </div>
    </Card>
  );
}
