import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../design';
import { EstimatesSection } from './estimates-section';
import { formatMoney, formatMonth, formatPercent } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';
import { RecordView } from './record-view';
import { ParticipationTimeline } from './timeline';
import {
  type Participation,
  type Period,
  readMyParticipation,
  type Scheme,
  type SchemeSummary,
  SCHEMES,
} from '@vssid/domain/api/records';
import { urlOf } from '../../shared/api-call';
import { fetchMyParticipation, forQuery, participationPdfUrl } from './api';
import { useRecord } from './use-record';

/** A guardian follows a minor child with `?for=<child's BHXH code>` (the link comes from the card). */
export function useForCode(): string | null {
  const [params] = useSearchParams();
  const value = params.get('for');
  return value && /^\d{10}$/.test(value) ? value : null;
}

/** Quá trình tham gia: periods of BHXH, BHTN, BHTNLĐ-BNN and BHYT participation. */
export function HistoryPage() {
  const { t } = useTranslation();
  const forCode = useForCode();
  const query = forQuery(forCode);
  const state = useRecord(urlOf(readMyParticipation, { query }), (signal) =>
    fetchMyParticipation({ query, signal }),
  );
  return (
    <>
      <PageHeader title={t('history.title')} lead={t('history.lead')} />
      <RecordView state={state} signInKey="signInNeeded.history">
        {(data) => <ParticipationView data={data} forCode={forCode} />}
      </RecordView>
      <EstimatesSection forCode={forCode} />
    </>
  );
}

function ParticipationView({ data, forCode }: { data: Participation; forCode: string | null }) {
  const { t } = useTranslation();
  const present = SCHEMES.filter((s) => data.periods.some((p) => p.scheme === s));
  const [chosen, setChosen] = useState<Scheme | null>(null);
  const scheme = chosen && present.includes(chosen) ? chosen : (present[0] ?? null);
  const combined = data.summary.bhxhCombined;
  return (
    <>
      <Card title={t('history.overviewTitle')}>
        <p className="history-total" data-testid="history-combined">
          {t('history.combined', { years: combined.years, months: combined.remainderMonths })}
        </p>
        <ParticipationTimeline periods={data.periods} />
        <a
          className="button button--secondary"
          href={participationPdfUrl(forCode)}
          download
          data-testid="history-pdf"
        >
          {t('history.downloadPdf')}
        </a>
      </Card>
      {present.length === 0 ? (
        <Card>
          <p>{t('history.empty')}</p>
        </Card>
      ) : (
        <>
          <div className="scheme-tabs" role="tablist" aria-label={t('history.tabsLabel')}>
            {present.map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                id={`scheme-tab-${s}`}
                aria-selected={s === scheme}
                aria-controls={`scheme-panel-${s}`}
                tabIndex={s === scheme ? 0 : -1}
                className="scheme-tabs__tab"
                onClick={() => {
                  setChosen(s);
                }}
                onKeyDown={(event) => {
                  // The tabs pattern: arrows move between tabs, Home and End to the ends.
                  const i = present.indexOf(s);
                  const next =
                    event.key === 'ArrowRight'
                      ? present[(i + 1) % present.length]
                      : event.key === 'ArrowLeft'
                        ? present[(i - 1 + present.length) % present.length]
                        : event.key === 'Home'
                          ? present[0]
                          : event.key === 'End'
                            ? present[present.length - 1]
                            : undefined;
                  if (!next) return;
                  event.preventDefault();
                  setChosen(next);
                  document.getElementById(`scheme-tab-${next}`)?.focus();
                }}
              >
                {t(`history.schemesShort.${s}`)}
              </button>
            ))}
          </div>
          {scheme ? (
            <SchemePanel
              scheme={scheme}
              periods={data.periods.filter((p) => p.scheme === scheme)}
              summary={data.summary.schemes.find((x) => x.scheme === scheme)}
            />
          ) : null}
        </>
      )}
    </>
  );
}

function SchemePanel({
  scheme,
  periods,
  summary,
}: {
  scheme: Scheme;
  periods: Period[];
  summary: SchemeSummary | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const newestFirst = [...periods].reverse();
  return (
    <section
      className="card scheme-panel"
      role="tabpanel"
      id={`scheme-panel-${scheme}`}
      aria-labelledby={`scheme-tab-${scheme}`}
      data-testid={`scheme-panel-${scheme}`}
    >
      <h2 className="card__title">{t(`history.schemes.${scheme}`)}</h2>
      {summary ? (
        <dl className="record-facts">
          <div>
            <dt>{t('history.totalLabel')}</dt>
            <dd data-testid="scheme-total">
              {t('history.total', { years: summary.years, months: summary.remainderMonths })}
            </dd>
          </div>
          {summary.owedMonths ? (
            <div className="record-facts__owed">
              <dt>{t('history.owedLabel')}</dt>
              <dd>{t('history.owedMonths', { count: summary.owedMonths })}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      {summary?.owed.length ? (
        <div className="owed-box" data-testid="owed-list">
          <h3>{t('history.owedTitle')}</h3>
          <ul>
            {summary.owed.map((o) => (
              <li key={`${o.from}-${o.unitCode ?? ''}`}>
                {t('history.owedLine', {
                  from: formatMonth(o.from, lang),
                  to: formatMonth(o.to, lang),
                  count: o.months,
                  unit: o.unitName ?? o.unitCode ?? t('history.selfPaid'),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>{t('history.periodsTitle')}</h3>
      <ol className="period-list">
        {newestFirst.map((p) => (
          <li key={p.id} className={p.status === 'owed' ? 'period period--owed' : 'period'}>
            <div className="period__head">
              <strong>
                {formatMonth(p.fromMonth, lang)} – {formatMonth(p.toMonth, lang)}
              </strong>
              <span>{t('history.monthsCount', { count: p.months })}</span>
              {p.status === 'owed' ? (
                <span className="badge badge--owed">{t('history.status.owed')}</span>
              ) : null}
            </div>
            <dl className="period__facts">
              <div>
                <dt>{t('history.unit')}</dt>
                <dd>{p.unitName ?? p.unitCode ?? t('history.selfPaid')}</dd>
              </div>
              {p.position ? (
                <div>
                  <dt>{t('history.position')}</dt>
                  <dd>{p.position}</dd>
                </div>
              ) : null}
              <div>
                <dt>{scheme === 'bhxh_voluntary' ? t('history.income') : t('history.salary')}</dt>
                <dd>{formatMoney(p.salary, lang)}</dd>
              </div>
              <div>
                <dt>{t('history.rate')}</dt>
                <dd>
                  {t('history.rateSplit', {
                    total: formatPercent(p.employeeRateBp + p.employerRateBp, lang),
                    employee: formatPercent(p.employeeRateBp, lang),
                    employer: formatPercent(p.employerRateBp, lang),
                  })}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>

      <h3>{t('history.gapsTitle')}</h3>
      {summary?.gaps.length ? (
        <ul className="gap-list" data-testid="gap-list">
          {summary.gaps.map((g) => (
            <li key={g.from}>
              {t('history.gapLine', {
                from: formatMonth(g.from, lang),
                to: formatMonth(g.to, lang),
                count: g.months,
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('history.noGaps')}</p>
      )}
    </section>
  );
}
