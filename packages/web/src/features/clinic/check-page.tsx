import type { Clerk, ScreenCheck } from '@vssid/domain/api/gateway';
import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { useFormat } from '../../i18n/format';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { fetchClerks, fetchTodayChecks, postCardCheck } from './api';
import { qrFromImage } from './qr-from-image';
import { readCode } from './read-code';
import './clinic.css';

type TodayCheck = Awaited<ReturnType<typeof fetchTodayChecks>>['checks'][number];

/**
 * The clinic's card check (issue #24): scan or type a BHYT QR, a CCCD QR, a card number, a BHXH
 * code or a CCCD; the result in words (valid or not and why, the benefit level and percentage, the
 * registered clinic's name, validity, the 5-year date); today's checks below. A signed card
 * (`shc:/`) is checked offline on the verify page, as before.
 */
export function ClinicCheckPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [birth, setBirth] = useState('');
  const [clerk, setClerk] = useState('');
  const [clerks, setClerks] = useState<Clerk[]>([]);
  const [today, setToday] = useState<TodayCheck[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [shc, setShc] = useState(false);
  const [result, setResult] = useState<ScreenCheck | null>(null);
  const [busy, setBusy] = useState(false);

  const loadToday = useCallback(async () => {
    try {
      setToday((await fetchTodayChecks({})).checks);
    } catch {
      // The list is a convenience: the check itself still works.
    }
  }, []);
  useEffect(() => {
    void fetchClerks({})
      .then((r) => {
        setClerks(r.clerks);
        setClerk((c) => c || (r.clerks[0]?.cccd ?? ''));
      })
      .catch(() => undefined);
    fetchTodayChecks({})
      .then((r) => {
        setToday(r.checks);
      })
      .catch(() => undefined);
  }, []);

  /** A scan or a paste: fill the code, and the name and date of birth a QR carries. */
  const onCode = (text: string) => {
    setCode(text);
    setShc(false);
    const read = readCode(text);
    if (read.kind === 'shc') setShc(true);
    if (read.kind === 'code' && read.source !== 'typed') {
      setCode(read.maThe);
      if (read.hoTen) setName(read.hoTen);
      if (read.ngaySinh) setBirth(read.ngaySinh);
    }
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy) return;
    const read = readCode(code);
    if (read.kind !== 'code') {
      setError(read.kind === 'shc' ? null : t('clinicGateway.check.unreadable'));
      setShc(read.kind === 'shc');
      return;
    }
    if (!clerk) {
      setError(t('clinicGateway.check.noClerk'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setResult(
        await postCardCheck({ body: { maThe: read.maThe, hoTen: name, ngaySinh: birth, cccdCb: clerk } }),
      );
      void loadToday();
    } catch (err) {
      setError(messageOf(t, err));
    } finally {
      setBusy(false);
    }
  };

  const r = result?.result;
  return (
    <>
      <PageHeader title={t('clinicGateway.check.title')} lead={t('clinicGateway.check.lead')} />
      <Card>
        <form className="clinic-form" onSubmit={(e) => void submit(e)} noValidate data-testid="clinic-check">
          <Field
            label={t('clinicGateway.check.code')}
            hint={t('clinicGateway.check.codeHint')}
            autoComplete="off"
            value={code}
            onChange={(e) => {
              onCode(e.target.value);
            }}
            data-testid="clinic-code"
          />
          <label className="field">
            <span className="field__label">{t('clinicGateway.check.picture')}</span>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              data-testid="clinic-picture"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                void qrFromImage(file)
                  .then((text) => {
                    if (text) onCode(text);
                    else setError(t('clinicGateway.check.unreadable'));
                  })
                  .catch(() => {
                    setError(t('clinicGateway.check.unreadable'));
                  });
              }}
            />
          </label>
          <Field
            label={t('clinicGateway.check.name')}
            autoComplete="off"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
          <Field
            label={t('clinicGateway.check.birth')}
            hint={t('clinicGateway.check.birthHint')}
            autoComplete="off"
            value={birth}
            onChange={(e) => {
              setBirth(e.target.value);
            }}
          />
          <Select
            label={t('clinicGateway.check.clerk')}
            options={clerks.map((c) => ({ value: c.cccd, label: `${c.fullName} (${c.cccd})` }))}
            value={clerk}
            onChange={setClerk}
          />
          <div className="clinic-actions">
            <Button type="submit" icon="card">
              {t('clinicGateway.check.submit')}
            </Button>
          </div>
        </form>
      </Card>
      {shc ? (
        <Notice tone="info" live>
          {t('clinicGateway.check.signed')} <Link to={PATHS.clinicVerify}>{t('clinicVerify.nav')}</Link>
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="warn" live>
          <span data-testid="clinic-check-error">{error}</span>
        </Notice>
      ) : null}
      {result && r ? (
        <Card>
          <div className="clinic-result" data-valid={result.valid} data-testid="clinic-check-result">
            <p className="clinic-result__verdict">
              <strong>
                {result.valid ? t('clinicGateway.check.valid') : t('clinicGateway.check.invalid')}
              </strong>{' '}
              <span>
                {r.ghiChu} ({r.maKetQua})
              </span>
            </p>
            {r.hoTen ? (
              <dl className="clinic-result__facts">
                <dt>{t('clinicGateway.check.holder')}</dt>
                <dd>
                  {r.hoTen} · {r.ngaySinh} · {r.gioiTinh}
                </dd>
                <dt>{t('clinicGateway.check.card')}</dt>
                <dd>
                  {r.maThe} ({t('clinicGateway.check.bhxh')} {r.maSoBHXH})
                </dd>
                {result.benefitLevel !== null && result.fundPercent !== null ? (
                  <>
                    <dt>{t('clinicGateway.check.benefit')}</dt>
                    <dd>
                      {t('clinicGateway.check.level', {
                        level: result.benefitLevel,
                        percent: f.percent(result.fundPercent * 100),
                      })}
                    </dd>
                  </>
                ) : null}
                <dt>{t('clinicGateway.check.clinic')}</dt>
                <dd>
                  {result.registeredClinicName ?? r.maDKBD} ({r.maDKBD})
                </dd>
                <dt>{t('clinicGateway.check.validity')}</dt>
                <dd>
                  {r.gtTheTu} – {r.gtTheDen ?? '…'}
                </dd>
                {r.ngayDu5Nam ? (
                  <>
                    <dt>{t('clinicGateway.check.fiveYears')}</dt>
                    <dd>{r.ngayDu5Nam}</dd>
                  </>
                ) : null}
                {r.maTheMoi ? (
                  <>
                    <dt>{t('clinicGateway.check.newCard')}</dt>
                    <dd>
                      {r.maTheMoi} · {r.gtTheTuMoi} – {r.gtTheDenMoi ?? '…'} · {r.tenDKBDMoi}
                    </dd>
                  </>
                ) : null}
              </dl>
            ) : null}
          </div>
        </Card>
      ) : null}
      <Card>
        <h2 className="clinic-heading">{t('clinicGateway.today.title')}</h2>
        {today.length === 0 ? (
          <p>{t('clinicGateway.today.empty')}</p>
        ) : (
          <div className="clinic-table-wrap">
            <table className="clinic-table" data-testid="clinic-today">
              <thead>
                <tr>
                  <th>{t('clinicGateway.today.at')}</th>
                  <th>{t('clinicGateway.today.code')}</th>
                  <th>{t('clinicGateway.today.result')}</th>
                  <th>{t('clinicGateway.today.clerk')}</th>
                </tr>
              </thead>
              <tbody>
                {today.map((c) => (
                  <tr key={`${c.at}-${c.code}`}>
                    <td>{f.dateTime(c.at)}</td>
                    <td>{c.code}</td>
                    <td>{c.resultCode}</td>
                    <td>{c.clerkName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
