import type { SickLeaveCertificate, SickPayClaim } from '@vssid/domain/api/sick-pay';
import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { signSubmission, type SubmissionAssertion } from '../employer';
import { fetchCertificates, fetchClaim, fetchClaims, postBatch, postSupplement } from './api';
import './sick-pay.css';

const idOf = (c: Pick<SickLeaveCertificate, 'bhxhCode' | 'maLk'>) => `${c.bhxhCode}/${c.maLk}`;

/**
 * The unit's sick-leave certificates not yet claimed and its claims (dossier 630a): choose
 * certificates, mark heavy work, and send them in one batch signed with the unit admin's passkey;
 * then follow each claim, and answer an officer who asks for a supplement.
 */
export function SickLeavePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [certificates, setCertificates] = useState<SickLeaveCertificate[] | null>(null);
  const [claims, setClaims] = useState<SickPayClaim[] | null>(null);
  const [selected, setSelected] = useState<Record<string, boolean>>({});
  const [heavy, setHeavy] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    Promise.all([fetchCertificates({}), fetchClaims({})])
      .then(([c, l]) => {
        setCertificates(c.items);
        setClaims(l.items);
      })
      .catch((err: unknown) => {
        setError(messageOf(t, err));
      });
  }, [t]);
  useEffect(load, [load]);

  const chosen = (certificates ?? []).filter((c) => selected[idOf(c)]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen.length || busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const payload = {
        claims: chosen.map((c) => ({
          bhxhCode: c.bhxhCode,
          maLk: c.maLk,
          heavyWork: heavy[idOf(c)] ?? false,
        })),
      };
      const signature: SubmissionAssertion = await signSubmission('630a', payload);
      const batch = await postBatch({
        body: { ...payload, signature },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      setDone(t('employerSickPay.submitted', { number: batch.batchNumber }));
      setSelected({});
      load();
    } catch (err) {
      setError(messageOf(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="employer-sick-leave-page">
      <PageHeader title={t('employerSickPay.title')} lead={t('employerSickPay.lead')} />
      {error ? (
        <Notice tone="warn" live>
          {error}
        </Notice>
      ) : null}
      {done ? (
        <Notice tone="ok" live>
          {done}
        </Notice>
      ) : null}
      <Card title={t('employerSickPay.certificates')}>
        {certificates === null && !error ? <p>{t('employerSickPay.loading')}</p> : null}
        {certificates?.length === 0 ? <p>{t('employerSickPay.none')}</p> : null}
        {certificates?.length ? (
          <form onSubmit={(e) => void submit(e)}>
            <div className="sick-pay-table-wrap">
              <table className="sick-pay-table" data-testid="sick-leave-certificates">
                <thead>
                  <tr>
                    <th aria-hidden="true" />
                    <th>{t('employerSickPay.worker')}</th>
                    <th>{t('employerSickPay.certificate')}</th>
                    <th>{t('employerSickPay.leave')}</th>
                    <th>{t('employerSickPay.clinic')}</th>
                    <th>{t('employerSickPay.heavyWork')}</th>
                    <th>{t('employerSickPay.estimate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {certificates.map((c) => (
                    <tr key={idOf(c)}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('employerSickPay.select', { name: c.fullName, number: c.number })}
                          checked={selected[idOf(c)] ?? false}
                          onChange={(e) => {
                            setSelected((s) => ({ ...s, [idOf(c)]: e.target.checked }));
                          }}
                        />
                      </td>
                      <td>
                        {c.fullName}
                        <small>{c.bhxhCode}</small>
                      </td>
                      <td>
                        {c.number}
                        <small>{f.date(c.issuedOn)}</small>
                      </td>
                      <td>
                        {f.date(c.from)} – {f.date(c.to)}
                        {c.estimate ? (
                          <small>
                            {t('employerSickPay.workingDays')}: {f.number(c.estimate.workingDays)}
                          </small>
                        ) : null}
                      </td>
                      <td>
                        {c.clinicName}
                        <small>{c.doctor ?? ''}</small>
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('employerSickPay.heavyWork')}: ${c.fullName}`}
                          checked={heavy[idOf(c)] ?? false}
                          onChange={(e) => {
                            setHeavy((s) => ({ ...s, [idOf(c)]: e.target.checked }));
                          }}
                        />
                      </td>
                      <td>
                        {c.estimate ? (
                          <>
                            {f.money(c.estimate.amount)}
                            <small>
                              {t('employerSickPay.estimateDays', {
                                paid: f.number(c.estimate.paidDays),
                                days: f.number(c.estimate.workingDays),
                              })}
                            </small>
                          </>
                        ) : (
                          t('employerSickPay.noSalary')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="sick-pay-rule">{t('employerSickPay.rule')}</p>
            <div className="sick-pay-actions">
              <Button type="submit" icon="services">
                {busy
                  ? t('employerSickPay.submitting')
                  : t('employerSickPay.submit', { count: chosen.length })}
              </Button>
            </div>
          </form>
        ) : null}
      </Card>
      <Card title={t('employerSickPay.claims')}>
        {claims?.length === 0 ? <p>{t('employerSickPay.noClaims')}</p> : null}
        {claims?.length ? (
          <div className="sick-pay-table-wrap">
            <table className="sick-pay-table" data-testid="sick-pay-claims">
              <thead>
                <tr>
                  <th>{t('employerSickPay.batch')}</th>
                  <th>{t('employerSickPay.request')}</th>
                  <th>{t('employerSickPay.worker')}</th>
                  <th>{t('employerSickPay.leave')}</th>
                  <th>{t('employerSickPay.status')}</th>
                  <th>{t('employerSickPay.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {claims.map((c) => (
                  <tr key={c.number}>
                    <td>
                      {c.batchNumber}
                      <small>{f.dateTime(c.signedAt)}</small>
                    </td>
                    <td>{c.number}</td>
                    <td>
                      {c.fullName}
                      <small>{c.certificateNumber}</small>
                    </td>
                    <td>
                      {f.date(c.from)} – {f.date(c.to)}
                    </td>
                    <td>
                      {t(`services.status.${c.status}`)}
                      {c.status === 'waiting_for_citizen' ? (
                        <Supplement number={c.number} onDone={load} />
                      ) : null}
                    </td>
                    <td>{c.amount === null ? t('employerSickPay.pending') : f.money(c.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

/** What the officer asked for, and the unit's answer (a note). */
function Supplement({ number, onDone }: { number: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchClaim({ params: { number } })
      .then((d) => {
        const last = d.events.filter((e) => e.action === 'ask_supplement').at(-1);
        setAsked(last?.reasonText ?? null);
      })
      .catch((err: unknown) => {
        setError(messageOf(t, err));
      });
  }, [number, t]);
  async function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await postSupplement({
        params: { number },
        body: { note },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      onDone();
    } catch (err) {
      setError(messageOf(t, err));
    }
  }
  return (
    <form onSubmit={(e) => void send(e)}>
      <p>
        {t('employerSickPay.supplementAsked')}
        {asked ? `: ${asked}` : ''}
      </p>
      <Field
        label={t('employerSickPay.supplementNote', { number })}
        value={note}
        maxLength={500}
        required
        error={error ?? undefined}
        onChange={(e) => {
          setNote(e.target.value);
        }}
      />
      <Button type="submit" variant="secondary">
        {t('employerSickPay.sendSupplement')}
      </Button>
    </form>
  );
}
