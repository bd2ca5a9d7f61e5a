import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { ApiError } from '../../shared/api';
import { messageOf, SignInNeededNotice } from '../auth';
import { useSession } from '../../app/session';
import {
  addOfficer,
  changeOfficerStatus,
  fetchOfficers,
  type StaffMember,
  type StaffStatus,
} from './api/officers';
import {
  canChangeStatus,
  EMPTY_OFFICER,
  type FieldMessage,
  managesOfficers,
  nextStatus,
  type OfficerDraft,
  type OfficerField,
  officerFieldErrors,
  toNewOfficer,
} from './officers-logic';
import { ReceivingAgenciesCard } from './receiving-card';
import './officer.css';

/**
 * The officers of the agency, for its admins: the list (user name, name, masked phone, status,
 * created), a form that creates an officer (the initial password goes to their phone by SMS),
 * and disabling or enabling an officer again, each confirmed (disabling ends their sessions).
 */
export function OfficersPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!managesOfficers(session?.account.role))
    return (
      <>
        <PageHeader title={t('officer.accounts.title')} />
        <Notice tone="warn">{t('officer.accounts.adminsOnly')}</Notice>
      </>
    );
  return <OfficersScreen />;
}

function OfficersScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [officers, setOfficers] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<OfficerDraft>(EMPTY_OFFICER);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<OfficerField, FieldMessage>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ officer: StaffMember; phone: string } | null>(null);
  const [pending, setPending] = useState<{ member: StaffMember; status: StaffStatus } | null>(null);
  const [changing, setChanging] = useState(false);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback((signal?: AbortSignal) => {
    fetchOfficers(signal ? { signal } : {}).then(
      (answer) => {
        setError(null);
        setOfficers(answer.officers);
      },
      (e: unknown) => {
        if (!signal?.aborted) setError(e);
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => {
      controller.abort();
    };
  }, [load]);

  const messageFor = (field: OfficerField): string | undefined => {
    const m = fieldErrors[field];
    return m ? ('key' in m ? t(m.key) : m.text) : undefined;
  };
  const edit = (field: OfficerField) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [field]: e.target.value });
  };

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    if (creating) return;
    setCreating(true);
    setCreated(null);
    setDone(null);
    setFormError(null);
    setFieldErrors({});
    try {
      const body = toNewOfficer(draft);
      const officer = await addOfficer({ body });
      // The answer carries no phone: the number the admin typed is the one the SMS went to.
      setCreated({ officer, phone: officer.phoneMasked ?? body.phone });
      setDraft(EMPTY_OFFICER);
      load();
    } catch (err) {
      const byField = officerFieldErrors(err);
      setFieldErrors(byField);
      if (!Object.keys(byField).length) setFormError(messageOf(t, err));
    } finally {
      setCreating(false);
    }
  };

  const changeStatus = async () => {
    if (!pending || changing) return;
    setChanging(true);
    setStatusError(null);
    try {
      await changeOfficerStatus({
        params: { id: pending.member.id },
        body: { status: pending.status },
      });
      setDone(
        t(pending.status === 'disabled' ? 'officer.accounts.disabled' : 'officer.accounts.enabled', {
          name: pending.member.displayName,
        }),
      );
      setPending(null);
      load();
    } catch (err) {
      setStatusError(messageOf(t, err));
    } finally {
      setChanging(false);
    }
  };

  if (error instanceof ApiError && error.status === 401)
    return <SignInNeededNotice>{t('officer.signInNeeded')}</SignInNeededNotice>;

  return (
    <>
      <PageHeader title={t('officer.accounts.title')} lead={t('officer.accounts.lead')} />
      {done ? (
        <Notice tone="ok" live>
          {done}
        </Notice>
      ) : null}

      <Card title={t('officer.accounts.listTitle')}>
        {error ? (
          <Notice tone="warn">
            {error instanceof ApiError && error.status === 403
              ? t('officer.accounts.adminsOnly')
              : messageOf(t, error)}
          </Notice>
        ) : null}
        {officers === null ? (
          error ? null : (
            <p aria-busy="true">{t('officer.loading')}</p>
          )
        ) : officers.length === 0 ? (
          <p>{t('officer.accounts.empty')}</p>
        ) : (
          <div className="officer-table-wrap">
            <table className="officer-table" data-testid="officers-table">
              <thead>
                <tr>
                  <th scope="col">{t('officer.accounts.username')}</th>
                  <th scope="col">{t('officer.accounts.displayName')}</th>
                  <th scope="col">{t('officer.accounts.role')}</th>
                  <th scope="col">{t('officer.accounts.phone')}</th>
                  <th scope="col">{t('officer.accounts.status')}</th>
                  <th scope="col">{t('officer.accounts.createdAt')}</th>
                  <th scope="col">{t('officer.accounts.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {officers.map((o) => (
                  <tr key={o.id} data-testid={`officer-row-${o.username}`}>
                    <td>{o.username}</td>
                    <th scope="row">{o.displayName}</th>
                    <td>
                      {t(
                        o.role === 'agency_admin'
                          ? 'officer.accounts.roleAdmin'
                          : 'officer.accounts.roleOfficer',
                      )}
                    </td>
                    <td>{o.phoneMasked ?? '—'}</td>
                    <td>
                      <span
                        className={`officer-status officer-status--${o.status === 'active' ? 'approved' : 'rejected'}`}
                        data-testid="officer-status"
                      >
                        {t(`officer.accounts.statuses.${o.status}`)}
                      </span>
                    </td>
                    <td>{o.createdAt ? f.dateTime(o.createdAt) : '—'}</td>
                    <td>
                      {!canChangeStatus(o) ? (
                        '—'
                      ) : pending?.member.id === o.id ? (
                        <div
                          className="officer-confirm"
                          role="group"
                          aria-label={t('officer.accounts.confirmTitle')}
                        >
                          <p>
                            {t(
                              pending.status === 'disabled'
                                ? 'officer.accounts.confirmDisable'
                                : 'officer.accounts.confirmEnable',
                              { name: o.displayName, username: o.username },
                            )}
                          </p>
                          {statusError ? <Notice tone="warn">{statusError}</Notice> : null}
                          <div className="officer-actions">
                            <Button onClick={() => void changeStatus()}>
                              {changing ? t('officer.dossier.working') : t('officer.dossier.confirm')}
                            </Button>
                            <Button
                              variant="secondary"
                              onClick={() => {
                                setPending(null);
                                setStatusError(null);
                              }}
                            >
                              {t('officer.dossier.cancel')}
                            </Button>
                          </div>
                        </div>
                      ) : (
                        <Button
                          variant="secondary"
                          onClick={() => {
                            setDone(null);
                            setStatusError(null);
                            setPending({ member: o, status: nextStatus(o.status) });
                          }}
                        >
                          {t(o.status === 'active' ? 'officer.accounts.disable' : 'officer.accounts.enable')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title={t('officer.accounts.createTitle')}>
        <p>{t('officer.accounts.createLead')}</p>
        {created ? (
          <Notice tone="ok" live>
            <span data-testid="officer-created">
              {t('officer.accounts.created', {
                name: created.officer.displayName,
                username: created.officer.username,
                phone: created.phone,
              })}
            </span>
          </Notice>
        ) : null}
        {formError ? (
          <Notice tone="warn" live>
            {formError}
          </Notice>
        ) : null}
        <form className="officer-form" onSubmit={(e) => void create(e)} noValidate data-testid="officer-form">
          <Field
            label={t('officer.accounts.username')}
            hint={t('officer.accounts.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={draft.username}
            onChange={edit('username')}
            error={messageFor('username')}
          />
          <Field
            label={t('officer.accounts.displayName')}
            autoComplete="off"
            value={draft.displayName}
            onChange={edit('displayName')}
            error={messageFor('displayName')}
          />
          <Field
            label={t('officer.accounts.phone')}
            hint={t('officer.accounts.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={draft.phone}
            onChange={edit('phone')}
            error={messageFor('phone')}
          />
          <Field
            label={t('officer.accounts.email')}
            type="email"
            autoComplete="off"
            value={draft.email}
            onChange={edit('email')}
            error={messageFor('email')}
          />
          <div className="officer-actions">
            <Button type="submit" icon="profile">
              {creating ? t('officer.dossier.working') : t('officer.accounts.create')}
            </Button>
          </div>
        </form>
      </Card>

      <ReceivingAgenciesCard />
    </>
  );
}
