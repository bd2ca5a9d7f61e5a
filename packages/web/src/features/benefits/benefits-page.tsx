import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../design';
import { formatDate, formatMoney, formatMonth } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';
import { type Benefit, type MonthlyBenefit, readMyBenefits } from '@vssid/domain/api/records';
import { urlOf } from '../../shared/api-call';
import { fetchMyBenefits, forQuery, RecordView, useForCode, useRecord } from '../history';
import './benefits.css';

type Kind = Benefit['kind'];
const KINDS: readonly Kind[] = ['pension', 'one_time', 'sickness', 'maternity', 'unemployment', 'tnld_bnn'];
/** Months shown before "earlier months" (a year). */
const RECENT_MONTHS = 12;

/**
 * Thông tin hưởng: a pension or other monthly benefit as its monthly amount with the months paid
 * and pending; the other benefits by type, newest first, with decisions and paid dates.
 */
export function BenefitsPage() {
  const { t } = useTranslation();
  const forCode = useForCode();
  const query = forQuery(forCode);
  const state = useRecord(urlOf(readMyBenefits, { query }), (signal) => fetchMyBenefits({ query, signal }));
  return (
    <>
      <PageHeader title={t('benefits.title')} lead={t('benefits.lead')} />
      <RecordView state={state} signInKey="signInNeeded.benefits">
        {(data) =>
          data.items.length === 0 && data.monthly.length === 0 ? (
            <Card>
              <p data-testid="benefits-empty">{t('benefits.empty')}</p>
            </Card>
          ) : (
            <>
              {data.monthly.map((m) => (
                <MonthlyBenefitCard key={m.kind} benefit={m} />
              ))}
              {KINDS.filter((k) => data.items.some((b) => b.kind === k)).map((kind) => (
                <BenefitGroup key={kind} kind={kind} items={data.items.filter((b) => b.kind === kind)} />
              ))}
            </>
          )
        }
      </RecordView>
    </>
  );
}

function BenefitGroup({ kind, items }: { kind: Kind; items: Benefit[] }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const total = items.reduce((n, b) => n + b.amount, 0);
  return (
    <Card title={t(`benefits.kinds.${kind}`)}>
      <p className="muted">
        {t('benefits.groupTotal', { count: items.length, amount: formatMoney(total, lang) })}
      </p>
      <ol className="record-list" data-testid={`benefits-${kind}`}>
        {items.map((b) => (
          <li key={b.id}>
            <dl className="period__facts">
              <div>
                <dt>{t('benefits.period')}</dt>
                <dd>
                  {formatDate(b.periodFrom, lang)} – {formatDate(b.periodTo, lang)}
                </dd>
              </div>
              <div>
                <dt>{t('benefits.amount')}</dt>
                <dd>
                  <strong>{formatMoney(b.amount, lang)}</strong>
                </dd>
              </div>
              <div>
                <dt>{t('benefits.decision')}</dt>
                <dd>{b.decisionNumber}</dd>
              </div>
              <div>
                <dt>{t('benefits.paidOn')}</dt>
                <dd>{b.paidOn ? formatDate(b.paidOn, lang) : t('benefits.notPaidYet')}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function MonthlyBenefitCard({ benefit }: { benefit: MonthlyBenefit }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const recent = benefit.months.slice(0, RECENT_MONTHS);
  const earlier = benefit.months.slice(RECENT_MONTHS);
  const row = (m: MonthlyBenefit['months'][number]) => (
    <tr key={m.id} className={m.status === 'pending' ? 'benefit-month--pending' : undefined}>
      <th scope="row">{formatMonth(m.month, lang)}</th>
      <td>{formatMoney(m.amount, lang)}</td>
      <td>
        {m.status === 'paid' && m.paidOn
          ? t('benefits.monthly.paidOn', { date: formatDate(m.paidOn, lang) })
          : t('benefits.monthly.pending')}
        {m.paidVia ? ` · ${t(`benefits.arrangement.${m.paidVia}`)}` : null}
      </td>
    </tr>
  );
  const table = (months: MonthlyBenefit['months']) => (
    <table className="benefit-months">
      <thead>
        <tr>
          <th scope="col">{t('benefits.monthly.month')}</th>
          <th scope="col">{t('benefits.amount')}</th>
          <th scope="col">{t('benefits.monthly.status')}</th>
        </tr>
      </thead>
      <tbody>{months.map(row)}</tbody>
    </table>
  );
  return (
    <Card title={t(`benefits.kinds.${benefit.kind}`)}>
      <div data-testid={`benefits-${benefit.kind}`}>
        <p>
          {t('benefits.monthly.amount')}{' '}
          <strong data-testid="monthly-amount">{formatMoney(benefit.monthlyAmount, lang)}</strong>
        </p>
        <p className="muted">
          {t('benefits.monthly.since', {
            month: formatMonth(benefit.fromMonth, lang),
            decision: benefit.decisionNumber,
          })}
        </p>
        <p className="muted">
          {t('benefits.monthly.counts', { paid: benefit.paidMonths, pending: benefit.pendingMonths })}
        </p>
        {benefit.arrangements.map((a) => (
          <p key={a.effectiveFrom} data-testid="payment-arrangement">
            {t('benefits.arrangement.from', { date: formatDate(a.effectiveFrom, lang) })}{' '}
            <strong>{t(`benefits.arrangement.${a.method}`)}</strong>
            {a.method === 'bank_account'
              ? ` — ${t('benefits.arrangement.bank', { bank: a.bankName ?? '', ending: a.accountEnding ?? '' })}`
              : a.provinceCode
                ? ` — ${t('benefits.arrangement.place', { province: a.provinceCode, commune: a.communeCode ?? '' })}`
                : null}
          </p>
        ))}
        {table(recent)}
        {earlier.length ? (
          <details>
            <summary>{t('benefits.monthly.earlier', { count: earlier.length })}</summary>
            {table(earlier)}
          </details>
        ) : null}
      </div>
    </Card>
  );
}
