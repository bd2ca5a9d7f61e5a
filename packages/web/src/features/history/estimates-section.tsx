import { useTranslation } from 'react-i18next';
import { Card, Notice } from '../../design';
import { formatMoney, formatMonth, formatNumber, formatPercent } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';
import { RecordView } from './record-view';
import { type Estimates, readMyEstimates } from '@vssid/domain/api/records';
import { urlOf } from '../../shared/api-call';
import { fetchMyEstimates, forQuery } from './api';
import { useRecord } from './use-record';

/**
 * Ước tính: the monthly pension and one-time BHXH computed from the person's own history by the
 * domain calculators, with the inputs used and the rule applied (with its legal source). Always
 * marked as an estimate, never a decision.
 */
export function EstimatesSection({ forCode }: { forCode: string | null }) {
  const { t } = useTranslation();
  const query = forQuery(forCode);
  const state = useRecord(urlOf(readMyEstimates, { query }), (signal) => fetchMyEstimates({ query, signal }));
  return (
    <section aria-labelledby="estimates-title" data-testid="estimates">
      <h2 id="estimates-title" className="section-title">
        {t('estimates.title')}
      </h2>
      <RecordView state={state} signInKey="signInNeeded.history">
        {(data) => <EstimatesView data={data} />}
      </RecordView>
    </section>
  );
}

function EstimatesView({ data }: { data: Estimates }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const { inputs, pension, oneTime } = data;
  return (
    <>
      <Notice tone="warn">{t('estimates.notDecision')}</Notice>
      <Card title={t('estimates.inputsTitle')}>
        <dl className="record-facts">
          <div>
            <dt>{t('estimates.contribution')}</dt>
            <dd>
              {t('history.total', {
                years: inputs.contributionYears,
                months: inputs.contributionRemainderMonths,
              })}
            </dd>
          </div>
          <div>
            <dt>{t('estimates.averageSalary')}</dt>
            <dd>{formatMoney(inputs.averageSalary, lang)}</dd>
          </div>
          {inputs.firstContributionMonth && inputs.lastContributionMonth ? (
            <div>
              <dt>{t('estimates.span')}</dt>
              <dd>
                {formatMonth(inputs.firstContributionMonth, lang)} –{' '}
                {formatMonth(inputs.lastContributionMonth, lang)}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('estimates.rulesDate')}</dt>
            <dd>{inputs.rulesDate}</dd>
          </div>
        </dl>
        <p className="muted">{t('estimates.inputsNote')}</p>
      </Card>

      <Card title={t('estimates.pensionTitle')}>
        {pension.eligible ? (
          <p className="estimate-amount" data-testid="pension-amount">
            {t('estimates.pensionAmount', {
              amount: formatMoney(pension.monthlyAmount, lang),
              rate: formatPercent(pension.rateBp, lang),
            })}
          </p>
        ) : (
          <p data-testid="pension-not-eligible">
            {pension.reason === 'pension.under_minimum_years'
              ? t('estimates.pensionUnderMinimum')
              : t('estimates.pensionNotEligible')}
          </p>
        )}
        {pension.lumpSumOnRetirement ? (
          <p>{t('estimates.lumpSum', { amount: formatMoney(pension.lumpSumOnRetirement, lang) })}</p>
        ) : null}
        <p>{t('estimates.yearsCounted', { years: pension.yearsCounted })}</p>
        <RuleFacts rules={pension.ruleApplied} source={pension.source} />
      </Card>

      <Card title={t('estimates.oneTimeTitle')}>
        <p className="estimate-amount" data-testid="one-time-amount">
          {t('estimates.oneTimeAmount', {
            amount: formatMoney(oneTime.amount, lang),
            months: formatNumber(oneTime.benefitMonths, lang),
          })}
        </p>
        <ul>
          {oneTime.periods.map((p) => (
            <li key={p.from}>
              {t('estimates.oneTimePeriod', {
                from: p.from.slice(0, 4),
                months: p.months,
                years: formatNumber(p.yearsCounted, lang),
                perYear: formatNumber(p.monthsPerYear, lang),
              })}
            </li>
          ))}
        </ul>
        <p>
          {oneTime.eligibility.eligible ? t('estimates.oneTimeEligible') : t('estimates.oneTimeNotEligible')}
          {oneTime.eligibility.unconfirmed ? ` ${t('estimates.unconfirmed')}` : ''}
        </p>
        <RuleFacts rules={oneTime.ruleApplied} source={oneTime.source} />
      </Card>
    </>
  );
}

function RuleFacts({ rules, source }: { rules: string[]; source: string }) {
  const { t } = useTranslation();
  return (
    <dl className="record-facts record-facts--rule">
      <div>
        <dt>{t('estimates.rule')}</dt>
        <dd>
          <code>{rules.join(', ')}</code>
        </dd>
      </div>
      <div>
        <dt>{t('estimates.source')}</dt>
        <dd>{source}</dd>
      </div>
    </dl>
  );
}
