import { type SubmitEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  formatDate,
  formatMoney,
  formatMonth,
  formatPercent,
  SUPPORT_GROUPS,
  VOLUNTARY_PAYMENT_MODES,
} from '@vssid/domain';
import type { ServiceQuote } from '@vssid/domain/api/services';
import { HOUSEHOLD_RELATIONS, type PaidServiceType } from '@vssid/domain/service-requests';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { screenLanguage } from '../../i18n/format';
import { ApiError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { fetchQuote, sendRequest } from './api';
import { ReceivingAgencyCard, SubmitRow } from './form-parts';
import './services.css';

interface Member {
  bhxhCode: string;
  cardNumber: string;
  fullName: string;
  dateOfBirth: string;
  relation: string;
}
const emptyMember = (relation: string): Member => ({
  bhxhCode: '',
  cardNumber: '',
  fullName: '',
  dateOfBirth: '',
  relation,
});

/** The form as the API takes it: only what was filled in. */
function formOf(type: PaidServiceType, v: Record<string, string>, members: Member[]) {
  if (type === 'voluntary_si_register')
    return {
      type,
      chosenIncome: Number((v.chosenIncome ?? '').replace(/\D/g, '') || 0),
      supportGroup: (v.supportGroup ?? 'other') as (typeof SUPPORT_GROUPS)[number],
      mode: (v.mode ?? 'monthly') as (typeof VOLUNTARY_PAYMENT_MODES)[number],
      ...(v.mode === 'advance_years' ? { years: Number(v.years ?? 2) } : {}),
    };
  return {
    type,
    months: Number(v.months ?? 12),
    members: members.map((m) => ({
      ...(m.bhxhCode.trim() ? { bhxhCode: m.bhxhCode.trim() } : {}),
      ...(m.cardNumber.trim() ? { cardNumber: m.cardNumber.trim().toUpperCase() } : {}),
      fullName: m.fullName,
      dateOfBirth: m.dateOfBirth,
      relation: m.relation as (typeof HOUSEHOLD_RELATIONS)[number],
    })),
  };
}

/**
 * Voluntary BHXH (602e) and household BHYT (issue #26): the fields, the live amount from the quote
 * endpoint (the same domain functions as the filing), the receiving agency, then "submit and pay":
 * the request page carries the pay button to the gateway and the payment's state.
 */
export function PaidRequestForm({ type }: { type: PaidServiceType }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<string, string>>({});
  const [members, setMembers] = useState<Member[]>([emptyMember('head')]);
  const [agency, setAgency] = useState('');
  const [quote, setQuote] = useState<ServiceQuote | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const form = formOf(type, values, members);
  const formKey = JSON.stringify(form);

  const showProblem = (error: unknown) => {
    if (error instanceof ApiError && error.problem.errors?.length)
      setErrors(Object.fromEntries(error.problem.errors.map((x) => [x.field, x.message])));
    setFailure(messageOf(t, error));
  };

  // The live amount: asked again (after a short pause) whenever the form changes.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setErrors({});
      setFailure(null);
      fetchQuote({ body: { form: JSON.parse(formKey) as never }, signal: controller.signal })
        .then(setQuote)
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setQuote(null);
          showProblem(error);
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form's text is the dependency
  }, [formKey]);

  const set = (k: string) => (value: string) => {
    setValues((v) => ({ ...v, [k]: value }));
  };
  const setMember = (i: number, k: keyof Member) => (value: string) => {
    setMembers((all) => all.map((m, j) => (j === i ? { ...m, [k]: value } : m)));
  };
  const fieldError = (f: string) => (errors[f] ? { error: errors[f] } : {});

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const answer = await sendRequest({
        body: { form, agencyCode: agency },
        headers: { 'idempotency-key': key },
      });
      // Straight to the gateway with the payment the filing created; the request page otherwise.
      if (answer.payment?.payUrl) window.location.assign(answer.payment.payUrl);
      else void navigate(`${PATHS.serviceRequests}/${answer.number}`);
    } catch (error) {
      showProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const money = (n: number) => formatMoney(n, lang);
  const v = quote?.voluntary;
  const h = quote?.household;

  return (
    <>
      <PageHeader title={t(`services.types.${type}.name`)} lead={t(`services.types.${type}.purpose`)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {type === 'voluntary_si_register' ? (
          <Card>
            <Field
              label={t('services.paid.income')}
              inputMode="numeric"
              value={values.chosenIncome ?? ''}
              onChange={(e) => {
                set('chosenIncome')(e.target.value);
              }}
              data-testid="paid-income"
              {...(v
                ? {
                    hint: t('services.paid.incomeHint', {
                      min: money(v.minimumIncome),
                      max: money(v.maximumIncome),
                    }),
                  }
                : {})}
              {...fieldError('form.chosenIncome')}
            />
            <Select
              label={t('services.paid.group')}
              value={values.supportGroup ?? 'other'}
              onChange={set('supportGroup')}
              testId="paid-group"
              options={SUPPORT_GROUPS.map((g) => ({ value: g, label: t(`services.paid.groups.${g}`) }))}
            />
            <Select
              label={t('services.paid.mode')}
              value={values.mode ?? 'monthly'}
              onChange={set('mode')}
              testId="paid-mode"
              options={VOLUNTARY_PAYMENT_MODES.map((m) => ({
                value: m,
                label: t(`services.paid.modes.${m}`),
              }))}
            />
            {values.mode === 'advance_years' ? (
              <Select
                label={t('services.paid.years')}
                value={values.years ?? '2'}
                onChange={set('years')}
                options={['2', '3', '4', '5'].map((y) => ({ value: y, label: y }))}
              />
            ) : null}
          </Card>
        ) : (
          <>
            <Card>
              <Select
                label={t('services.paid.months')}
                value={values.months ?? '12'}
                onChange={set('months')}
                testId="paid-months"
                options={['3', '6', '12'].map((m) => ({
                  value: m,
                  label: t('services.paid.monthsOption', { count: Number(m) }),
                }))}
              />
            </Card>
            {members.map((m, i) => {
              const line = h?.members[i];
              const at = `form.members.${i}`;
              return (
                <Card key={i} title={t('services.paid.member', { n: i + 1 })}>
                  <div data-testid={`paid-member-${i}`}>
                    <Field
                      label={t('services.paid.bhxhCode')}
                      inputMode="numeric"
                      value={m.bhxhCode}
                      onChange={(e) => {
                        setMember(i, 'bhxhCode')(e.target.value);
                      }}
                      data-testid={`paid-member-${i}-code`}
                      {...fieldError(`${at}.bhxhCode`)}
                    />
                    <Field
                      label={t('services.paid.cardNumber')}
                      value={m.cardNumber}
                      onChange={(e) => {
                        setMember(i, 'cardNumber')(e.target.value);
                      }}
                      {...fieldError(`${at}.cardNumber`)}
                    />
                    <Field
                      label={t('services.paid.fullName')}
                      value={m.fullName}
                      onChange={(e) => {
                        setMember(i, 'fullName')(e.target.value);
                      }}
                      data-testid={`paid-member-${i}-name`}
                      {...fieldError(`${at}.fullName`)}
                    />
                    <Field
                      label={t('services.paid.dateOfBirth')}
                      type="date"
                      value={m.dateOfBirth}
                      onChange={(e) => {
                        setMember(i, 'dateOfBirth')(e.target.value);
                      }}
                      data-testid={`paid-member-${i}-birth`}
                      {...fieldError(`${at}.dateOfBirth`)}
                    />
                    <Select
                      label={t('services.paid.relation')}
                      value={m.relation}
                      onChange={setMember(i, 'relation')}
                      testId={`paid-member-${i}-relation`}
                      options={HOUSEHOLD_RELATIONS.map((r) => ({
                        value: r,
                        label: t(`services.paid.relations.${r}`),
                      }))}
                    />
                    {line?.status === 'pays' && line.card ? (
                      <p className="muted" data-testid={`paid-member-${i}-amount`}>
                        {t('services.paid.pays', {
                          amount: money(line.total),
                          position: line.position ?? 0,
                          share: formatPercent(line.shareBp ?? 0, lang),
                        })}
                        <br />
                        {t('services.paid.cardValidity', {
                          from: formatDate(line.card.validFrom, lang),
                          to: formatDate(line.card.validTo, lang),
                        })}
                        <br />
                        {t(`services.paid.continuity.${line.card.continuity}`)}
                      </p>
                    ) : null}
                    {line?.status === 'excluded' && line.excludedReason ? (
                      <Notice tone="info">
                        {t(`services.paid.excluded.${line.excludedReason.code}`, {
                          objectCode: line.excludedReason.objectCode,
                          validTo: line.excludedReason.validTo
                            ? formatDate(line.excludedReason.validTo, lang)
                            : '',
                        })}
                      </Notice>
                    ) : null}
                    {members.length > 1 ? (
                      <Button
                        type="button"
                        variant="secondary"
                        onClick={() => {
                          setMembers((all) => all.filter((_, j) => j !== i));
                        }}
                      >
                        {t('services.paid.removeMember', { n: i + 1 })}
                      </Button>
                    ) : null}
                  </div>
                </Card>
              );
            })}
            {members.length < 20 ? (
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setMembers((all) => [...all, emptyMember('child')]);
                }}
              >
                {t('services.paid.addMember')}
              </Button>
            ) : null}
          </>
        )}
        <Card title={t('services.paid.amount')}>
          <div aria-live="polite" data-testid="paid-quote">
            {!quote ? <p className="muted">{t('services.paid.quoteLoading')}</p> : null}
            {v ? (
              <>
                <p>
                  <strong>{t(`services.paid.kind.${v.kind}`)}</strong> ·{' '}
                  {t('services.paid.period', {
                    from: formatMonth(v.fromMonth, lang),
                    to: formatMonth(v.toMonth, lang),
                    months: v.months,
                  })}
                </p>
                <p>
                  {t('services.paid.contribution')}: {money(v.totals.contribution)} ·{' '}
                  {t('services.paid.support')}: {money(v.totals.stateSupport)}
                </p>
                <p className="muted">{t('services.paid.supportedMonths', { count: v.supportedMonths })}</p>
                {v.supportMonthsLeft !== null ? (
                  <p className="muted">{t('services.paid.supportLeft', { count: v.supportMonthsLeft })}</p>
                ) : null}
                {values.mode === 'advance_years' ? (
                  <Notice tone="info">{t('services.paid.noDiscount')}</Notice>
                ) : null}
              </>
            ) : null}
            {quote ? (
              <p className="paid-total">
                {t('services.paid.total')}:{' '}
                <strong data-testid="paid-amount">{money(quote.amountVnd)}</strong>
              </p>
            ) : null}
          </div>
        </Card>
        <ReceivingAgencyCard value={agency} onChange={setAgency} error={errors.agencyCode} />
        <SubmitRow failure={failure} busy={busy} label={t('services.paid.submit')} />
      </form>
    </>
  );
}
