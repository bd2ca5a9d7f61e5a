import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Link, useParams } from 'react-router';
import { Button, Card, Notice, PageHeader, Select } from '../../design';
import { ApiError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { messageOf, SignInNeededNotice } from '../auth';
import type { OfficerAction, OfficerDossier } from '@vssid/domain/api/back-office';
import { actOn, fetchDossier } from './api/dossiers';
import { REJECTION_REASONS, type RejectionReason } from './queue-filter';
import { RedirectCard } from './redirect-card';
import './officer.css';

const FILE_ORDER = ['portrait', 'id_front', 'id_back', 'birth_certificate'];

/**
 * One dossier: photos side by side, declared data beside the population registry and the BHXH
 * record (differences highlighted), the actions the status allows (each confirmed; rejection
 * with a reason from the list or written), and the log with who and when. Opening it is audited
 * by the server.
 */
export function DossierPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { number = '' } = useParams();
  const [dossier, setDossier] = useState<OfficerDossier | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<OfficerAction | null>(null);
  const [reason, setReason] = useState<RejectionReason>('paper_form_missing');
  const [reasonText, setReasonText] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The agency the dossier was sent to (it may have left this officer's scope).
  const [redirectedTo, setRedirectedTo] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchDossier({ params: { number } }).then(setDossier, setError);
  }, [number]);
  useEffect(load, [load]);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setActionError(null);
    try {
      const body =
        pending === 'reject'
          ? {
              action: pending,
              reasonCode: reason,
              ...(reasonText.trim() ? { reasonText: reasonText.trim() } : {}),
            }
          : { action: pending };
      const result = await actOn({ params: { number }, body });
      setDone(t(`officer.dossier.done.${pending}`, { status: t(`officer.status.${result.status}`) }));
      setPending(null);
      setReasonText('');
      load();
    } catch (e) {
      setActionError(
        e instanceof ApiError
          ? (e.fieldMessage('reasonText') ?? e.fieldMessage('reasonCode') ?? e.problem.title)
          : messageOf(t, e),
      );
    } finally {
      setBusy(false);
    }
  };

  const shown = (field: string, value: string | null) =>
    value === null
      ? '—'
      : field === 'gender' && (value === 'male' || value === 'female')
        ? t(`officer.gender.${value}`)
        : field === 'dateOfBirth' && /^\d{4}(-\d{2}-\d{2})?$/.test(value)
          ? f.date(value)
          : value;

  if (error instanceof ApiError && error.status === 401)
    return <SignInNeededNotice>{t('officer.signInNeeded')}</SignInNeededNotice>;
  if (error)
    return (
      <>
        <PageHeader title={t('officer.dossier.title', { number })} />
        <Notice tone="warn">
          {error instanceof ApiError && error.status === 404
            ? t('officer.dossier.notFound')
            : messageOf(t, error)}
        </Notice>
        <Link to={`${PATHS.officer}/dossiers`}>{t('officer.dossier.back')}</Link>
      </>
    );
  if (!dossier) return <p aria-busy="true">{t('officer.loading')}</p>;
  if (redirectedTo)
    return (
      <>
        <PageHeader title={t('officer.dossier.title', { number: dossier.number })} />
        <Notice tone="ok" live>
          <span data-testid="redirect-done">
            {t('officer.redirect.done', { number: dossier.number, agency: redirectedTo })}
          </span>
        </Notice>
        <Link to={`${PATHS.officer}/dossiers`}>{t('officer.dossier.back')}</Link>
      </>
    );

  return (
    <>
      <PageHeader
        title={t('officer.dossier.title', { number: dossier.number })}
        lead={t('officer.dossier.lead', {
          status: t(`officer.status.${dossier.status}`),
          kind: t(`officer.kind.${dossier.kind}`),
          deadline: f.dateTime(dossier.deadlineAt),
        })}
      />
      <p>
        <Link to={`${PATHS.officer}/dossiers`}>{t('officer.dossier.back')}</Link>
      </p>
      <p>
        <span data-testid="dossier-status" className={`officer-status officer-status--${dossier.status}`}>
          {t(`officer.status.${dossier.status}`)}
        </span>
      </p>
      {done ? (
        <Notice tone="ok" live>
          {done}
        </Notice>
      ) : null}

      <Card title={t('officer.dossier.photos')}>
        {dossier.files.length ? (
          <div className="officer-photos">
            {[...dossier.files]
              .sort((x, y) => FILE_ORDER.indexOf(x.kind) - FILE_ORDER.indexOf(y.kind))
              .map((f) => (
                <figure key={f.kind}>
                  <img
                    src={f.url}
                    alt={t(`officer.file.${f.kind}`)}
                    width={f.width}
                    height={f.height}
                    loading="lazy"
                  />
                  <figcaption>{t(`officer.file.${f.kind}`)}</figcaption>
                </figure>
              ))}
          </div>
        ) : (
          <p>{t('officer.dossier.noPhotos')}</p>
        )}
      </Card>

      <Card title={t('officer.dossier.compare')}>
        {!dossier.registry.found ? (
          <Notice tone="warn">{t('officer.dossier.registryNotFound')}</Notice>
        ) : null}
        <table className="officer-table" data-testid="comparison">
          <thead>
            <tr>
              <th scope="col">{t('officer.dossier.field')}</th>
              <th scope="col">{t('officer.dossier.declared')}</th>
              <th scope="col">{t('officer.dossier.registry')}</th>
              <th scope="col">{t('officer.dossier.bhxh')}</th>
            </tr>
          </thead>
          <tbody>
            {dossier.comparison.map((c) => (
              <tr key={c.field} className={c.differs ? 'officer-differs' : undefined}>
                <th scope="row">
                  {t(`officer.fields.${c.field}`)}
                  {c.differs ? (
                    <span className="officer-differs__tag">{t('officer.dossier.differs')}</span>
                  ) : null}
                </th>
                <td>{shown(c.field, c.declared)}</td>
                <td>{shown(c.field, c.registry)}</td>
                <td>{shown(c.field, c.bhxh)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card title={t('officer.dossier.actions')}>
        {dossier.allowedActions.length === 0 ? <p>{t('officer.dossier.final')}</p> : null}
        {pending === null ? (
          <div className="officer-actions">
            {dossier.allowedActions.map((a) => (
              <Button
                key={a}
                variant={a === 'reject' ? 'secondary' : 'primary'}
                onClick={() => {
                  setDone(null);
                  setPending(a);
                }}
              >
                {t(`officer.action.${a}`)}
              </Button>
            ))}
          </div>
        ) : (
          <div className="officer-confirm" role="group" aria-label={t('officer.dossier.confirmTitle')}>
            <p>{t(`officer.confirm.${pending}`, { number: dossier.number })}</p>
            {pending === 'reject' ? (
              <>
                <Select
                  label={t('officer.dossier.reason')}
                  options={REJECTION_REASONS.map((r) => ({ value: r, label: t(`officer.reason.${r}`) }))}
                  value={reason}
                  onChange={(v) => {
                    setReason(v as RejectionReason);
                  }}
                />
                <div className="field">
                  <label className="field__label" htmlFor="reason-text">
                    {reason === 'other'
                      ? t('officer.dossier.reasonTextRequired')
                      : t('officer.dossier.reasonText')}
                  </label>
                  <div className="field__control">
                    <textarea
                      id="reason-text"
                      rows={3}
                      maxLength={500}
                      value={reasonText}
                      onChange={(e) => {
                        setReasonText(e.target.value);
                      }}
                    />
                  </div>
                </div>
              </>
            ) : null}
            {actionError ? <Notice tone="warn">{actionError}</Notice> : null}
            <div className="officer-actions">
              <Button onClick={() => void confirm()}>
                {busy ? t('officer.dossier.working') : t('officer.dossier.confirm')}
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setPending(null);
                  setActionError(null);
                }}
              >
                {t('officer.dossier.cancel')}
              </Button>
            </div>
          </div>
        )}
      </Card>

      {dossier.allowedActions.length > 0 ? (
        <RedirectCard number={dossier.number} agencyCode={dossier.agencyCode} onDone={setRedirectedTo} />
      ) : null}

      <Card title={t('officer.dossier.log')}>
        <ol className="officer-log" data-testid="dossier-log">
          {dossier.actions.map((a) => (
            <li key={a.seq}>
              <strong>{t(`officer.logAction.${a.action}`, { defaultValue: a.action })}</strong>
              {' — '}
              {a.actorName ?? t(`officer.actor.${a.actorType}`, { defaultValue: a.actorType })}
              {', '}
              <time dateTime={a.at}>{f.dateTime(a.at)}</time>
              {a.reasonCode ? (
                <>
                  {' — '}
                  {t(`officer.reason.${a.reasonCode}`, { defaultValue: a.reasonCode })}
                  {a.reasonText ? `: ${a.reasonText}` : ''}
                </>
              ) : a.reasonText ? (
                <>
                  {' — '}
                  {a.reasonText}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
