import { type SyntheticEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Declaration, DeclarationForm } from '@vssid/domain/api/declarations';
import { REMOVAL_REASONS } from '@vssid/domain/declarations';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { signSubmission } from '../employer';
import { fetchDeclarations, sendDeclaration } from './api/declarations';
import { declarationForm, type DeclarationValues, EMPTY_VALUES } from './declaration-form';
import './employer-declarations.css';

type Listed = Awaited<ReturnType<typeof fetchDeclarations>>['items'][number];

/**
 * Khai báo lao động (issue #27 item 3): the unit's declarations — a new worker (600, with the
 * TK1-TS personal data when they have no BHXH code), a worker leaving (600a), a salary or
 * position change (600b) — each signed by the unit admin's passkey before it is sent, and the
 * list of the unit's declarations with their status in the agency's queue.
 */
export function DeclarationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [values, setValues] = useState<DeclarationValues>(EMPTY_VALUES);
  const [items, setItems] = useState<Listed[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Declaration | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  const load = useCallback(
    (signal?: AbortSignal) =>
      fetchDeclarations({ query: { limit: 50, offset: 0 }, ...(signal ? { signal } : {}) }).then(
        (r) => {
          setItems(r.items);
        },
        (e: unknown) => {
          if (!signal?.aborted) setError(messageOf(t, e));
        },
      ),
    [t],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => {
      controller.abort();
    };
  }, [load]);

  const set = (name: keyof DeclarationValues) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
  };
  const input = (name: keyof DeclarationValues) => ({
    value: String(values[name]),
    onChange: (e: { target: { value: string } }) => {
      set(name)(e.target.value);
    },
  });

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setError(null);
    setSent(null);
    const form: DeclarationForm = declarationForm(values);
    setBusy(true);
    try {
      const signature = await signSubmission(form.type.replace('declaration_', ''), form);
      const result = await sendDeclaration({
        body: { form, signature },
        headers: { 'idempotency-key': key },
      });
      setSent(result);
      setKey(crypto.randomUUID());
      setValues(EMPTY_VALUES);
      await load();
    } catch (caught) {
      setError(
        caught instanceof DOMException ? t('employerDeclarations.signCancelled') : messageOf(t, caught),
      );
    } finally {
      setBusy(false);
    }
  }

  const type = values.type;
  return (
    <>
      <PageHeader title={t('employerDeclarations.title')} lead={t('employerDeclarations.lead')} />
      <Card>
        <form
          className="declaration-form"
          data-testid="declaration-form"
          onSubmit={(e) => void submit(e)}
          noValidate
        >
          <Select
            label={t('employerDeclarations.type')}
            value={type}
            onChange={(v) => {
              setValues({ ...EMPTY_VALUES, type: v as DeclarationValues['type'] });
            }}
            options={(['declaration_600', 'declaration_600a', 'declaration_600b'] as const).map((v) => ({
              value: v,
              label: t(`services.types.${v}.name`),
            }))}
          />
          {type === 'declaration_600' ? (
            <label className="declaration-form__check">
              <input
                type="checkbox"
                checked={values.noCode}
                onChange={(e) => {
                  setValues((v) => ({ ...v, noCode: e.target.checked }));
                }}
              />{' '}
              {t('employerDeclarations.noCode')}
            </label>
          ) : null}
          {type !== 'declaration_600' || !values.noCode ? (
            <Field label={t('employerDeclarations.bhxhCode')} inputMode="numeric" {...input('bhxhCode')} />
          ) : (
            <fieldset className="declaration-form__tk1">
              <legend>{t('employerDeclarations.tk1ts')}</legend>
              <Field label={t('employerDeclarations.fullName')} {...input('fullName')} />
              <Field label={t('employerDeclarations.dateOfBirth')} type="date" {...input('dateOfBirth')} />
              <Select
                label={t('employerDeclarations.gender')}
                value={values.gender}
                onChange={set('gender')}
                options={[
                  { value: 'female', label: t('employerDeclarations.female') },
                  { value: 'male', label: t('employerDeclarations.male') },
                ]}
              />
              <Field label={t('employerDeclarations.cccd')} inputMode="numeric" {...input('cccd')} />
              <Field label={t('employerDeclarations.addressLine')} {...input('addressLine')} />
              <Field
                label={t('employerDeclarations.provinceCode')}
                inputMode="numeric"
                {...input('provinceCode')}
              />
            </fieldset>
          )}
          {type === 'declaration_600' ? (
            <>
              <Field label={t('employerDeclarations.salary')} inputMode="numeric" {...input('salary')} />
              <Field label={t('employerDeclarations.position')} {...input('position')} />
              <Field label={t('employerDeclarations.startMonth')} type="month" {...input('month')} />
              <Field
                label={t('employerDeclarations.clinicCode')}
                hint={t('employerDeclarations.clinicHint')}
                {...input('clinicCode')}
              />
            </>
          ) : null}
          {type === 'declaration_600a' ? (
            <>
              <Select
                label={t('employerDeclarations.reason')}
                value={values.reason}
                onChange={set('reason')}
                options={REMOVAL_REASONS.map((r) => ({
                  value: r,
                  label: t(`employerDeclarations.reasons.${r}`),
                }))}
              />
              <Field label={t('employerDeclarations.endMonth')} type="month" {...input('month')} />
            </>
          ) : null}
          {type === 'declaration_600b' ? (
            <>
              <Field label={t('employerDeclarations.fromMonth')} type="month" {...input('month')} />
              <Field label={t('employerDeclarations.newSalary')} inputMode="numeric" {...input('salary')} />
              <Field label={t('employerDeclarations.newPosition')} {...input('position')} />
            </>
          ) : null}
          <p className="declaration-form__hint">{t('employerDeclarations.signHint')}</p>
          <Button type="submit">
            {busy ? t('employerDeclarations.sending') : t('employerDeclarations.submit')}
          </Button>
        </form>
        {error ? <Notice tone="warn">{error}</Notice> : null}
        {sent ? (
          <Notice tone="ok" live>
            {t('employerDeclarations.sent', { number: sent.number, code: sent.bhxhCode })}
            {sent.late ? ` ${t('employerDeclarations.late')}` : ''}
          </Notice>
        ) : null}
      </Card>
      <h2>{t('employerDeclarations.listTitle')}</h2>
      {items === null ? (
        <p>{t('employerDeclarations.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('employerDeclarations.empty')}</p>
      ) : (
        <table className="declarations-table">
          <thead>
            <tr>
              <th>{t('employerDeclarations.number')}</th>
              <th>{t('employerDeclarations.type')}</th>
              <th>{t('employerDeclarations.worker')}</th>
              <th>{t('employerDeclarations.status')}</th>
              <th>{t('employerDeclarations.submittedAt')}</th>
              <th>{t('employerDeclarations.dueOn')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.number}>
                <td>{d.number}</td>
                <td>{t(`services.types.${d.type}.name`)}</td>
                <td>
                  {d.fullName} ({d.bhxhCode})
                </td>
                <td data-testid="declaration-status">{t(`services.status.${d.status}`)}</td>
                <td>{f.dateTime(d.submittedAt)}</td>
                <td>{f.date(d.dueOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
