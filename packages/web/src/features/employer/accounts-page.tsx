import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyUnit, UnitAccount } from '@vssid/domain/api/units';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { ApiError } from '../../shared/api';
import { useDraft } from '../../shared/draft';
import { messageOf } from '../auth';
import { AddPasskeyButton } from '../passkeys';
import { checkSignature, createStaff, fetchAccounts, fetchMyUnit, setStaffStatus } from './api';
import { signSubmission } from './sign-submission';
import '../officer/officer.css';

/**
 * The unit's accounts (issue #27 item 1): its admin and staff. The admin creates staff (the
 * initial password goes to their phone by SMS), disables and re-enables them, and registers the
 * device-bound passkey that signs the unit's submissions (item 6), which they can check here.
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<MyUnit | null>(null);
  const [accounts, setAccounts] = useState<UnitAccount[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { draft, setDraft, bind } = useDraft({ username: '', displayName: '', phone: '', email: '' });

  const load = useCallback(() => {
    fetchMyUnit({}).then(setUnit, setError);
    fetchAccounts({}).then((a) => {
      setAccounts(a.accounts);
    }, setError);
  }, []);
  useEffect(load, [load]);

  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const created = await createStaff({
        body: {
          username: draft.username,
          displayName: draft.displayName,
          phone: draft.phone.trim(),
          ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
        },
      });
      setNotice(t('unit.accounts.created', { username: created.username }));
      setDraft({ username: '', displayName: '', phone: '', email: '' });
      load();
    } catch (err) {
      setError(err);
    }
  };

  const toggle = async (account: UnitAccount) => {
    setError(null);
    try {
      await setStaffStatus({
        params: { id: account.id },
        body: { status: account.status === 'active' ? 'disabled' : 'active' },
      });
      load();
    } catch (err) {
      setError(err);
    }
  };

  const check = async () => {
    setError(null);
    setNotice(null);
    const payload = { text: t('unit.signing.testText', { unit: unit?.code ?? '' }) };
    try {
      const signature = await signSubmission('signature-check', payload);
      await checkSignature({ body: { payload, signature } });
      setNotice(t('unit.signing.ok'));
    } catch (err) {
      setError(err);
    }
  };

  const admin = unit?.unitAdmin === true;
  return (
    <>
      <PageHeader title={t('unit.accounts.title')} lead={t('unit.accounts.lead')} />
      {error ? <Notice tone="warn">{messageOf(t, error)}</Notice> : null}
      {notice ? (
        <Notice tone="ok" live>
          {notice}
        </Notice>
      ) : null}
      <Card title={t('unit.accounts.listTitle')}>
        {accounts ? (
          <div className="officer-table-wrap">
            <table className="officer-table" data-testid="unit-accounts">
              <thead>
                <tr>
                  <th scope="col">{t('unit.accounts.username')}</th>
                  <th scope="col">{t('unit.accounts.name')}</th>
                  <th scope="col">{t('unit.accounts.role')}</th>
                  <th scope="col">{t('unit.accounts.status')}</th>
                  {admin ? <th scope="col">{t('unit.accounts.action')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id}>
                    <td>{a.username}</td>
                    <td>{a.displayName}</td>
                    <td>{a.unitAdmin ? t('unit.accounts.admin') : t('unit.accounts.staff')}</td>
                    <td>{t(`unit.accounts.${a.status}`)}</td>
                    {admin ? (
                      <td>
                        {a.unitAdmin ? null : (
                          <Button variant="secondary" onClick={() => void toggle(a)}>
                            {a.status === 'active' ? t('unit.accounts.disable') : t('unit.accounts.enable')}
                          </Button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p aria-busy="true">{t('officer.loading')}</p>
        )}
      </Card>
      {admin ? (
        <div className="grid-2">
          <Card title={t('unit.accounts.newTitle')}>
            <form onSubmit={(e) => void create(e)} data-testid="unit-new-staff">
              <Field
                label={t('unit.accounts.username')}
                required
                error={fieldError('username')}
                {...bind('username')}
              />
              <Field
                label={t('unit.accounts.name')}
                required
                error={fieldError('displayName')}
                {...bind('displayName')}
              />
              <Field
                label={t('unit.person.phone')}
                type="tel"
                required
                error={fieldError('phone')}
                {...bind('phone')}
              />
              <Field
                label={t('unit.person.email')}
                type="email"
                error={fieldError('email')}
                {...bind('email')}
              />
              <Button type="submit" icon="profile">
                {t('unit.accounts.create')}
              </Button>
            </form>
          </Card>
          <Card title={t('unit.signing.title')}>
            <p>{t('unit.signing.lead')}</p>
            <AddPasskeyButton onAdded={load} />
            <p>
              <Button variant="secondary" onClick={() => void check()}>
                {t('unit.signing.check')}
              </Button>
            </p>
          </Card>
        </div>
      ) : null}
    </>
  );
}
