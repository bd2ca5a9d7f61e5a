import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { ApiError } from '../../shared/api';
import { messageOf, SignInNeededNotice } from '../auth';
import { useSession } from '../../app/session';
import {
  type ClinicCredentialStatus,
  fetchClinicCredentials,
  type GatewayCredential,
  postCredentialRotation,
} from './api/clinic-credentials';
import { managesOfficers } from './officers-logic';
import './officer.css';

/**
 * The clinic gateway's credentials, for agency admins (issue #24): find a clinic of the admin's
 * province by code or name, issue or rotate its credential (confirmed: the old password and its
 * tokens stop), and the new password shown once with a copy button and a warning; the list shows
 * each clinic's user name, version and last rotation.
 */
export function ClinicCredentialsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!managesOfficers(session?.account.role))
    return (
      <>
        <PageHeader title={t('officer.gateway.title')} />
        <Notice tone="warn">{t('officer.gateway.adminsOnly')}</Notice>
      </>
    );
  return <CredentialsScreen />;
}

function CredentialsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [query, setQuery] = useState('');
  const [clinics, setClinics] = useState<{ clinics: ClinicCredentialStatus[]; more: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<ClinicCredentialStatus | null>(null);
  const [rotating, setRotating] = useState(false);
  const [issued, setIssued] = useState<(GatewayCredential & { name: string }) | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const load = useCallback((q: string, signal?: AbortSignal) => {
    fetchClinicCredentials({ query: q ? { q } : {}, ...(signal ? { signal } : {}) }).then(
      (answer) => {
        setError(null);
        setClinics(answer);
      },
      (e: unknown) => {
        if (!signal?.aborted) setError(e);
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load('', controller.signal);
    return () => {
      controller.abort();
    };
  }, [load]);

  const search = (e: SubmitEvent) => {
    e.preventDefault();
    load(query.trim());
  };

  const rotate = async () => {
    if (!pending || rotating) return;
    setRotating(true);
    setError(null);
    setCopied(null);
    try {
      const credential = await postCredentialRotation({ params: { clinicCode: pending.clinicCode } });
      setIssued({ ...credential, name: pending.name });
      setPending(null);
      load(query.trim());
    } catch (err) {
      setError(err);
    } finally {
      setRotating(false);
    }
  };

  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.password);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };

  if (error instanceof ApiError && error.status === 401)
    return <SignInNeededNotice>{t('officer.signInNeeded')}</SignInNeededNotice>;

  return (
    <>
      <PageHeader title={t('officer.gateway.title')} lead={t('officer.gateway.lead')} />

      {issued ? (
        <Card title={t('officer.gateway.issuedTitle', { name: issued.name })}>
          <div data-testid="gateway-credential-issued">
            <Notice tone="warn">{t('officer.gateway.onceWarning')}</Notice>
            <dl className="officer-credential">
              <dt>{t('officer.gateway.username')}</dt>
              <dd>
                <code>{issued.username}</code>
              </dd>
              <dt>{t('officer.gateway.password')}</dt>
              <dd>
                <code data-testid="gateway-credential-password">{issued.password}</code>
              </dd>
              <dt>{t('officer.gateway.version')}</dt>
              <dd>{f.number(issued.version)}</dd>
            </dl>
            <div className="officer-actions">
              <Button type="button" onClick={() => void copy()}>
                {t('officer.gateway.copy')}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setIssued(null);
                  setCopied(null);
                }}
              >
                {t('officer.gateway.done')}
              </Button>
            </div>
            {copied ? (
              <Notice tone={copied === 'yes' ? 'ok' : 'warn'} live>
                {t(copied === 'yes' ? 'officer.gateway.copied' : 'officer.gateway.copyFailed')}
              </Notice>
            ) : null}
          </div>
        </Card>
      ) : null}

      <Card title={t('officer.gateway.findTitle')}>
        <form className="officer-search" role="search" onSubmit={search} noValidate>
          <Field
            label={t('officer.gateway.query')}
            hint={t('officer.gateway.queryHint')}
            value={query}
            maxLength={100}
            onChange={(e) => {
              setQuery(e.target.value);
            }}
          />
          <div className="officer-actions">
            <Button type="submit" icon="lookup">
              {t('officer.gateway.find')}
            </Button>
          </div>
        </form>
      </Card>

      {error ? (
        <Notice tone="warn" live>
          {messageOf(t, error)}
        </Notice>
      ) : null}

      {pending ? (
        <Card title={t('officer.gateway.confirmTitle', { name: pending.name })}>
          <p>
            {t(pending.version === null ? 'officer.gateway.confirmIssue' : 'officer.gateway.confirmRotate')}
          </p>
          <div className="officer-actions">
            <Button type="button" onClick={() => void rotate()}>
              {t(pending.version === null ? 'officer.gateway.issue' : 'officer.gateway.rotate')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setPending(null);
              }}
            >
              {t('officer.gateway.cancel')}
            </Button>
          </div>
        </Card>
      ) : null}

      <Card title={t('officer.gateway.listTitle')}>
        {clinics === null ? (
          <p>{t('officer.loading')}</p>
        ) : clinics.clinics.length === 0 ? (
          <p>{t('officer.gateway.empty')}</p>
        ) : (
          <div className="officer-table-wrap">
            <table className="officer-table" data-testid="gateway-credentials-table">
              <thead>
                <tr>
                  <th scope="col">{t('officer.gateway.clinic')}</th>
                  <th scope="col">{t('officer.gateway.username')}</th>
                  <th scope="col">{t('officer.gateway.version')}</th>
                  <th scope="col">{t('officer.gateway.rotatedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('officer.gateway.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {clinics.clinics.map((c) => (
                  <tr key={c.clinicCode} data-clinic={c.clinicCode}>
                    <td>
                      <strong>{c.name}</strong>
                      <br />
                      <small>{c.clinicCode}</small>
                    </td>
                    <td>{c.username ?? t('officer.gateway.notIssued')}</td>
                    <td>{c.version === null ? '—' : f.number(c.version)}</td>
                    <td>{c.rotatedAt ? f.dateTime(c.rotatedAt) : '—'}</td>
                    <td>
                      <Button
                        type="button"
                        variant="secondary"
                        onClick={() => {
                          setPending(c);
                        }}
                      >
                        {t(c.version === null ? 'officer.gateway.issue' : 'officer.gateway.rotate')}
                        <span className="visually-hidden"> {c.name}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {clinics.more ? <p>{t('officer.gateway.more')}</p> : null}
          </div>
        )}
      </Card>
    </>
  );
}
