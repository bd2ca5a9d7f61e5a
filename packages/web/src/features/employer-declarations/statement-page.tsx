import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitStatement } from '@vssid/domain/api/declarations';
import { FUNDS } from '@vssid/domain/declarations';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import { Card, Field, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { fetchStatement, statementPdfUrl, statementXlsxUrl } from './api/statement';
import './employer-declarations.css';

/**
 * Thông báo kết quả đóng BHXH (C12-TS, issue #27 item 4): the unit's month — workers, salary
 * fund, due per fund at the rates in force, carried over, paid, late-payment interest, owed —
 * with the PDF and the spreadsheet of the same month.
 */
export function StatementPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [month, setMonth] = useState(vietnamToday().slice(0, 7));
  const [statement, setStatement] = useState<UnitStatement | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    const controller = new AbortController();
    fetchStatement({ params: { month }, signal: controller.signal }).then(
      (s) => {
        setError(null);
        setStatement(s);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setStatement(null);
        setError(messageOf(t, e));
      },
    );
    return () => {
      controller.abort();
    };
  }, [month, t]);

  const s = statement;
  return (
    <>
      <PageHeader
        title={t('employerDeclarations.statement.title')}
        lead={t('employerDeclarations.statement.lead')}
      />
      <Field
        label={t('employerDeclarations.statement.month')}
        type="month"
        value={month}
        onChange={(e) => {
          setMonth(e.target.value);
        }}
      />
      {error ? <Notice tone="warn">{error}</Notice> : null}
      {s ? (
        <Card>
          <p>
            <strong>{s.unit.name}</strong> ({s.unit.code}) · {f.month(s.month)}
          </p>
          <dl className="statement-summary">
            <dt>{t('employerDeclarations.statement.people')}</dt>
            <dd data-testid="statement-people">{f.number(s.people)}</dd>
            <dt>{t('employerDeclarations.statement.salaryFund')}</dt>
            <dd>{f.money(s.salaryFund)}</dd>
          </dl>
          <table className="declarations-table">
            <thead>
              <tr>
                <th>{t('employerDeclarations.statement.fund')}</th>
                <th>{t('employerDeclarations.statement.rate')}</th>
                <th>{t('employerDeclarations.statement.due')}</th>
                <th>{t('employerDeclarations.statement.owed')}</th>
              </tr>
            </thead>
            <tbody>
              {FUNDS.map((fund) => (
                <tr key={fund}>
                  <td>{t(`employerDeclarations.funds.${fund}`)}</td>
                  <td>{f.percent(s.rates[fund])}</td>
                  <td>{f.money(s.due[fund])}</td>
                  <td>{f.money(s.owedByFund[fund])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="statement-summary">
            <dt>{t('employerDeclarations.statement.dueTotal')}</dt>
            <dd>{f.money(s.dueTotal)}</dd>
            <dt>{t('employerDeclarations.statement.opening')}</dt>
            <dd>{f.money(s.opening)}</dd>
            <dt>{t('employerDeclarations.statement.paid')}</dt>
            <dd>{f.money(s.paid)}</dd>
            <dt>{t('employerDeclarations.statement.interest')}</dt>
            <dd>{f.money(s.interest)}</dd>
            <dt>{t('employerDeclarations.statement.closing')}</dt>
            <dd data-testid="statement-closing">{f.money(s.closing)}</dd>
          </dl>
          {s.unpaidMonths.length > 0 ? (
            <p>
              {t('employerDeclarations.statement.unpaid', {
                months: s.unpaidMonths.map((m) => f.month(m.month)).join(', '),
              })}
            </p>
          ) : null}
          <p className="declaration-form__hint">
            {t('employerDeclarations.statement.sources')}: {s.rates.source}; {s.interestRule.source}
          </p>
          <p className="statement-files">
            <a href={statementPdfUrl(s.month)}>{t('employerDeclarations.statement.pdf')}</a>{' '}
            <a href={statementXlsxUrl(s.month)}>{t('employerDeclarations.statement.xlsx')}</a>
          </p>
        </Card>
      ) : null}
    </>
  );
}
