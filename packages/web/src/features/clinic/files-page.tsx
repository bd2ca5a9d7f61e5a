import type { Clerk } from '@vssid/domain/api/gateway';
import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { deleteClerk, fetchClerks, fetchVisitFiles, postClerk } from './api';
import './clinic.css';

type VisitFile = Awaited<ReturnType<typeof fetchVisitFiles>>['files'][number];

/** The visit files the clinic sent through the gateway, with their status and the errors to fix. */
export function ClinicFilesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [files, setFiles] = useState<VisitFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchVisitFiles({})
      .then((r) => {
        setFiles(r.files);
      })
      .catch((err: unknown) => {
        setError(messageOf(t, err));
      });
  }, [t]);
  return (
    <div data-testid="clinic-files-page">
      <PageHeader title={t('clinicGateway.files.title')} lead={t('clinicGateway.files.lead')} />
      {error ? <Notice tone="warn">{error}</Notice> : null}
      <Card>
        {files?.length === 0 ? <p>{t('clinicGateway.files.empty')}</p> : null}
        {files?.length ? (
          <div className="clinic-table-wrap">
            <table className="clinic-table" data-testid="clinic-files">
              <thead>
                <tr>
                  <th>{t('clinicGateway.files.maLk')}</th>
                  <th>{t('clinicGateway.files.receivedAt')}</th>
                  <th>{t('clinicGateway.files.tables')}</th>
                  <th>{t('clinicGateway.files.status')}</th>
                </tr>
              </thead>
              <tbody>
                {files.map((v) => (
                  <tr key={v.maLk}>
                    <td>{v.maLk}</td>
                    <td>{f.dateTime(v.receivedAt)}</td>
                    <td>{v.fileTypes.join(', ')}</td>
                    <td>
                      {t(`clinicGateway.files.statuses.${v.status}`)}
                      {v.errors.length ? (
                        <ul>
                          {v.errors.map((e) => (
                            <li key={`${e.file}.${e.field}.${e.code}`}>
                              {e.file} {e.field}: {e.message}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
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

/** The clinic's clerks who may check cards (their name and CCCD travel with every check). */
export function ClinicClerksPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [clerks, setClerks] = useState<Clerk[]>([]);
  const [cccd, setCccd] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ cccd?: string; fullName?: string; other?: string }>({});
  const load = useCallback(async () => {
    setClerks((await fetchClerks({})).clerks);
  }, []);
  useEffect(() => {
    fetchClerks({})
      .then((r) => {
        setClerks(r.clerks);
      })
      .catch((err: unknown) => {
        setErrors({ other: messageOf(t, err) });
      });
  }, [t]);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const local = {
      ...(/^\d{12}$/.test(cccd.trim()) ? {} : { cccd: t('clinicGateway.clerks.cccdInvalid') }),
      ...(name.trim().length >= 2 ? {} : { fullName: t('clinicGateway.clerks.nameRequired') }),
    };
    setErrors(local);
    if (local.cccd || local.fullName) return;
    try {
      await postClerk({ body: { cccd: cccd.trim(), fullName: name } });
      setCccd('');
      setName('');
      await load();
    } catch (err) {
      setErrors({ other: messageOf(t, err) });
    }
  };

  return (
    <>
      <PageHeader title={t('clinicGateway.clerks.title')} lead={t('clinicGateway.clerks.lead')} />
      <Card>
        <form
          className="clinic-form"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="clinic-clerk-form"
        >
          <Field
            label={t('clinicGateway.clerks.cccd')}
            inputMode="numeric"
            maxLength={12}
            value={cccd}
            onChange={(e) => {
              setCccd(e.target.value);
            }}
            error={errors.cccd}
          />
          <Field
            label={t('clinicGateway.clerks.name')}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
            }}
            error={errors.fullName}
          />
          <div className="clinic-actions">
            <Button type="submit" icon="profile">
              {t('clinicGateway.clerks.add')}
            </Button>
          </div>
        </form>
      </Card>
      {errors.other ? <Notice tone="warn">{errors.other}</Notice> : null}
      <Card>
        {clerks.length === 0 ? (
          <p>{t('clinicGateway.clerks.empty')}</p>
        ) : (
          <table className="clinic-table" data-testid="clinic-clerks">
            <thead>
              <tr>
                <th>{t('clinicGateway.clerks.name')}</th>
                <th>{t('clinicGateway.clerks.cccd')}</th>
                <th>{t('clinicGateway.clerks.since')}</th>
                <th>
                  <span className="visually-hidden">{t('clinicGateway.clerks.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clerks.map((c) => (
                <tr key={c.cccd}>
                  <td>{c.fullName}</td>
                  <td>{c.cccd}</td>
                  <td>{f.date(c.registeredAt)}</td>
                  <td>
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() => {
                        void deleteClerk({ params: { cccd: c.cccd } }).then(load);
                      }}
                    >
                      {t('clinicGateway.clerks.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
