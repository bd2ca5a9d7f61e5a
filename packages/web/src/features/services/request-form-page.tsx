import { type ReactNode, type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  CITIZEN_SERVICE_TYPES,
  type CitizenServiceType,
  isPaidService,
  type PaidServiceType,
} from '@vssid/domain/service-requests';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { ApiError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { base64Of, sendPhoneOtp, sendRequest } from './api';
import { PaidRequestForm } from './paid-form-page';
import { ReceivingAgencyCard, SubmitRow } from './form-parts';
import './services.css';

type Values = Record<string, string>;

const isType = (v: string | undefined): v is CitizenServiceType =>
  (CITIZEN_SERVICE_TYPES as readonly string[]).includes(v ?? '');

/** The form of the chosen value's fields: only what was filled in. */
function formOf(type: Exclude<CitizenServiceType, PaidServiceType>, v: Values): Record<string, unknown> {
  const text = (k: string) => (v[k]?.trim() ? v[k].trim() : undefined);
  const changes = Object.fromEntries(
    (['fullName', 'dateOfBirth', 'gender', 'addressLine'] as const)
      .map((k) => [k, text(k)] as const)
      .filter(([, x]) => x !== undefined),
  );
  switch (type) {
    case 'bhyt_card_reissue':
      return { type, reason: v.reason ?? 'lost', ...(Object.keys(changes).length ? { changes } : {}) };
    case 'bhxh_book_reissue':
      return {
        type,
        reason: v.reason ?? 'lost',
        otherProvinces: v.otherProvinces === 'yes',
        ...(Object.keys(changes).length ? { changes } : {}),
      };
    case 'pension_payment_change':
      return {
        type,
        method: v.method ?? 'cash_post_office',
        ...Object.fromEntries(
          (['provinceCode', 'communeCode', 'bankName', 'accountNumber', 'accountHolder'] as const)
            .map((k) => [k, text(k)] as const)
            .filter(([, x]) => x !== undefined),
        ),
      };
    case 'initial_clinic_change':
      return { type, clinicCode: text('clinicCode') ?? '' };
    case 'etx_info_change': {
      const fields = Object.fromEntries(
        (['phone', 'email', 'addressLine'] as const)
          .map((k) => [k, text(k)] as const)
          .filter(([, x]) => x !== undefined),
      );
      const otp =
        fields.phone && v.challengeId
          ? { phoneOtp: { challengeId: v.challengeId, code: text('otp') ?? '' } }
          : {};
      return { type, ...fields, ...otp };
    }
    case 'etx_stop':
      return { type, ...(text('reasonText') ? { reasonText: text('reasonText') } : {}) };
  }
}

/** The new phone of an e-transaction change: the code sent to it (Form 01, confirmed by OTP). */
function PhoneOtp(props: {
  phone: string;
  challengeId: string | undefined;
  onSent: (challengeId: string) => void;
  input: (k: string, label: string, extra?: { type?: string; hint?: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const send = async () => {
    setFailure(null);
    try {
      const sent = await sendPhoneOtp({ body: { phone: props.phone.trim() } });
      setSentTo(sent.destination);
      props.onSent(sent.challengeId);
    } catch (error) {
      setFailure(messageOf(t, error));
    }
  };
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => void send()}>
        {t('services.form.sendOtp')}
      </Button>
      {sentTo ? <Notice tone="info">{t('services.form.otpSent', { phone: sentTo })}</Notice> : null}
      {failure ? (
        <Notice tone="warn" live>
          {failure}
        </Notice>
      ) : null}
      {props.challengeId
        ? props.input('otp', t('services.form.otp'), { hint: t('services.form.otpHint') })
        : null}
    </>
  );
}

/**
 * Filing one online service: its fields, the receiving agency, photos of the documents (the server
 * re-encodes them), and for a card reissue the child it is for (a guardian). One idempotency key
 * per intended submission: a retried tap finds the same request.
 */
export function RequestFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { type } = useParams();
  const [values, setValues] = useState<Values>({});
  const [agency, setAgency] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  if (!isType(type)) return <Notice tone="warn">{t('services.unknown')}</Notice>;
  // Voluntary BHXH and household BHYT (issue #26): their own form, with the live amount and payment.
  if (isPaidService(type)) return <PaidRequestForm type={type} />;

  const set = (k: string) => (value: string) => {
    setValues((v) => ({ ...v, [k]: value }));
  };
  const input = (k: string, label: string, extra: { type?: string; hint?: string } = {}) => (
    <Field
      label={label}
      value={values[k] ?? ''}
      onChange={(e) => {
        set(k)(e.target.value);
      }}
      data-testid={`service-${k}`}
      {...(errors[`form.${k}`] ? { error: errors[`form.${k}`] } : {})}
      {...extra}
    />
  );

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const attachments = await Promise.all(
        files.map(async (file) => ({ kind: 'evidence' as const, data: await base64Of(file) })),
      );
      const answer = await sendRequest({
        body: {
          form: formOf(type, values) as never,
          agencyCode: agency,
          ...(values.forBhxhCode?.trim() ? { forBhxhCode: values.forBhxhCode.trim() } : {}),
          ...(attachments.length ? { attachments } : {}),
        },
        headers: { 'idempotency-key': key },
      });
      void navigate(`${PATHS.serviceRequests}/${answer.number}`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length)
        setErrors(Object.fromEntries(error.problem.errors.map((x) => [x.field, x.message])));
      setFailure(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  const changeFields = (
    <fieldset className="service-fieldset">
      <legend>{t('services.form.changes')}</legend>
      {input('fullName', t('services.form.fullName'))}
      {input('dateOfBirth', t('services.form.dateOfBirth'), { type: 'date' })}
      {input('addressLine', t('services.form.addressLine'))}
    </fieldset>
  );
  const reasons = [
    { value: 'lost', label: t('services.form.lost') },
    { value: 'damaged', label: t('services.form.damaged') },
  ];

  return (
    <>
      <PageHeader title={t(`services.types.${type}.name`)} lead={t(`services.types.${type}.purpose`)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Card>
          {type === 'bhyt_card_reissue' || type === 'bhxh_book_reissue' ? (
            <>
              <Select
                label={t('services.form.reason')}
                value={values.reason ?? 'lost'}
                onChange={set('reason')}
                options={reasons}
              />
              {changeFields}
            </>
          ) : null}
          {type === 'bhyt_card_reissue'
            ? input('forBhxhCode', t('services.form.forChild'), { hint: t('services.form.forChildHint') })
            : null}
          {type === 'bhxh_book_reissue' ? (
            <Select
              label={t('services.form.otherProvinces')}
              value={values.otherProvinces ?? 'no'}
              onChange={set('otherProvinces')}
              options={[
                { value: 'no', label: t('services.form.no') },
                { value: 'yes', label: t('services.form.yes') },
              ]}
            />
          ) : null}
          {type === 'pension_payment_change' ? (
            <>
              <Select
                label={t('services.form.method')}
                value={values.method ?? 'cash_post_office'}
                onChange={set('method')}
                options={[
                  { value: 'cash_post_office', label: t('services.form.cash') },
                  { value: 'bank_account', label: t('services.form.bank') },
                ]}
              />
              {values.method === 'bank_account' ? (
                <>
                  {input('bankName', t('services.form.bankName'))}
                  {input('accountNumber', t('services.form.accountNumber'))}
                  {input('accountHolder', t('services.form.accountHolder'))}
                </>
              ) : (
                <>
                  {input('provinceCode', t('services.form.provinceCode'))}
                  {input('communeCode', t('services.form.communeCode'))}
                </>
              )}
            </>
          ) : null}
          {type === 'initial_clinic_change' ? input('clinicCode', t('services.form.clinicCode')) : null}
          {type === 'etx_info_change' ? (
            <>
              <p>{t('services.form.etxLead')}</p>
              {input('phone', t('services.form.phone'), { type: 'tel', hint: t('services.form.phoneHint') })}
              {values.phone?.trim() ? (
                <PhoneOtp
                  phone={values.phone}
                  challengeId={values.challengeId}
                  onSent={set('challengeId')}
                  input={input}
                />
              ) : null}
              {errors['form.phoneOtp'] ? <p className="field__error">{errors['form.phoneOtp']}</p> : null}
              {input('email', t('services.form.email'), { type: 'email' })}
              {input('addressLine', t('services.form.addressLine'))}
              {errors.form ? <p className="field__error">{errors.form}</p> : null}
            </>
          ) : null}
          {type === 'etx_stop' ? (
            <>
              <Notice tone="warn">{t('services.form.etxStopWarning')}</Notice>
              {input('reasonText', t('services.form.reasonText'))}
            </>
          ) : null}
          {type === 'etx_info_change' || type === 'etx_stop' ? null : (
            <div className="field">
              <label className="field__label" htmlFor="service-files">
                {t('services.form.attachments')}
              </label>
              <input
                id="service-files"
                type="file"
                accept="image/jpeg,image/png,image/webp,application/pdf"
                multiple
                data-testid="service-files"
                onChange={(e) => {
                  setFiles([...(e.target.files ?? [])].slice(0, 4));
                }}
              />
              {errors.attachments ? <p className="field__error">{errors.attachments}</p> : null}
            </div>
          )}
        </Card>
        <ReceivingAgencyCard value={agency} onChange={setAgency} error={errors.agencyCode} />
        <SubmitRow failure={failure} busy={busy} label={t('services.form.submit')} />
      </form>
    </>
  );
}
