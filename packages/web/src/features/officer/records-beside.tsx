import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordsBeside } from '@vssid/domain/api/services';
import { Card, Notice } from '../../design';
import { useFormat } from '../../i18n/format';
import { PATHS } from '../../shared/paths';

type Arrangement = NonNullable<RecordsBeside['benefits']['arrangement']>;

/**
 * Beside a request, what the officer needs to decide it: the person's current card(s), their
 * participation (totals and the latest periods), the monthly benefits with how they are paid, and
 * their other open requests and dossiers. The server reads them through the records' data-access
 * layer (the person sees the read); null when the agency may no longer read them.
 */
export function RecordsBesideCard({ records }: { records: RecordsBeside | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!records)
    return (
      <Card title={t('officer.requests.records.title')}>
        <Notice tone="warn">{t('officer.requests.records.unavailable')}</Notice>
      </Card>
    );
  const { cards, participation, benefits } = records;
  const combined = participation.bhxhCombined;
  return (
    <Card title={t('officer.requests.records.title')}>
      <h3>{t('officer.requests.records.cards')}</h3>
      {cards.length === 0 ? (
        <p>{t('officer.requests.records.noCard')}</p>
      ) : (
        <ul className="service-list" data-testid="officer-request-cards">
          {cards.map((c) => (
            <li key={c.cardNumber + c.validFrom}>
              <strong>
                {c.cardNumber} ({c.objectCode})
              </strong>
              <span>{t(`card.status.${c.status}`)}</span>
              <span className="service-list__meta">
                {t('officer.requests.records.benefit', { level: c.benefitLevel, percent: c.fundPercent })}
              </span>
              <span className="service-list__meta">
                {t('officer.requests.records.clinic')}:{' '}
                {c.clinic ? `${c.clinic.name} (${c.clinic.code})` : '—'}
                {c.nextClinic
                  ? ` · ${t('officer.requests.records.nextClinic', {
                      date: f.date(c.nextClinic.from),
                      clinic: `${c.nextClinic.name} (${c.nextClinic.code})`,
                    })}`
                  : ''}
              </span>
              <span className="service-list__meta">
                {t('officer.requests.records.validity')}: {f.date(c.validFrom)} –{' '}
                {c.validTo ? f.date(c.validTo) : t('officer.requests.records.openEnded')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('officer.requests.records.participation')}</h3>
      <p data-testid="officer-request-participation">
        {t('history.combined', { years: combined.years, months: combined.remainderMonths })}
      </p>
      {participation.schemes.length === 0 ? (
        <p>{t('officer.requests.records.noPeriods')}</p>
      ) : (
        <ul className="service-list">
          {participation.schemes.map((s) => (
            <li key={s.scheme}>
              <strong>{t(`history.schemes.${s.scheme}`)}</strong>
              <span className="service-list__meta">
                {t('officer.requests.records.scheme', {
                  months: s.months,
                  owed: s.owedMonths,
                  first: s.firstMonth ? f.month(s.firstMonth) : '—',
                  last: s.lastMonth ? f.month(s.lastMonth) : '—',
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {participation.lastPeriods.length ? (
        <>
          <h4>{t('officer.requests.records.lastPeriods')}</h4>
          <ul className="service-list">
            {participation.lastPeriods.map((p) => (
              <li key={`${p.scheme}-${p.fromMonth}-${p.toMonth}-${p.unitName ?? ''}`}>
                <span>
                  {f.month(p.fromMonth)} – {f.month(p.toMonth)} · {t(`history.schemes.${p.scheme}`)}
                  {p.status === 'owed' ? (
                    <strong className="service-late"> · {t('officer.requests.records.owed')}</strong>
                  ) : null}
                </span>
                <span className="service-list__meta">
                  {p.unitName ? `${p.unitName} · ` : ''}
                  {f.money(p.salary)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>{t('officer.requests.records.benefits')}</h3>
      {benefits.monthly.length === 0 ? (
        <p>{t('officer.requests.records.noMonthly')}</p>
      ) : (
        <ul className="service-list" data-testid="officer-request-benefits">
          {benefits.monthly.map((m) => (
            <li key={m.kind}>
              <strong>{t(`benefits.kinds.${m.kind}`)}</strong>
              <span className="service-list__meta">
                {t('officer.requests.records.monthly', {
                  amount: f.money(m.monthlyAmount),
                  from: f.month(m.fromMonth),
                  to: f.month(m.toMonth),
                  decision: m.decisionNumber,
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <dl className="service-facts">
        <dt>{t('officer.requests.records.arrangement')}</dt>
        <dd>
          {benefits.arrangement ? (
            <ArrangementText arrangement={benefits.arrangement} />
          ) : (
            t('officer.requests.records.noArrangement')
          )}
        </dd>
        {benefits.nextArrangement ? (
          <>
            <dt>{t('officer.requests.records.nextArrangement')}</dt>
            <dd>
              <ArrangementText arrangement={benefits.nextArrangement} />
            </dd>
          </>
        ) : null}
      </dl>

      <h3>{t('officer.requests.records.openRequests')}</h3>
      {records.openRequests.length === 0 ? (
        <p>{t('officer.requests.records.none')}</p>
      ) : (
        <ul className="service-list">
          {records.openRequests.map((r) => (
            <li key={r.number}>
              <Link to={`${PATHS.officerRequests}/${r.number}`}>
                {t(`services.types.${r.type}.name`)} · {r.number}
              </Link>
              <span className="service-list__meta">
                {t(`services.status.${r.status}`)} · {t('services.due', { date: f.date(r.dueOn) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('officer.requests.records.openDossiers')}</h3>
      {records.openDossiers.length === 0 ? (
        <p>{t('officer.requests.records.none')}</p>
      ) : (
        <ul className="service-list">
          {records.openDossiers.map((d) => (
            <li key={d.number}>
              <Link to={`${PATHS.officerDossiers}/${d.number}`}>{d.number}</Link>
              <span className="service-list__meta">
                {t(`registration.status.${d.status}`)} · {d.agencyCode} · {f.date(d.submittedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ArrangementText({ arrangement: a }: { arrangement: Arrangement }) {
  const { t } = useTranslation();
  const f = useFormat();
  const where =
    a.method === 'bank_account'
      ? t('benefits.arrangement.bank', { bank: a.bankName ?? '—', ending: a.accountEnding ?? '—' })
      : t('benefits.arrangement.place', { province: a.provinceCode ?? '—', commune: a.communeCode ?? '—' });
  return (
    <>
      {t('benefits.arrangement.from', { date: f.date(a.effectiveFrom) })}{' '}
      {t(`benefits.arrangement.${a.method}`)} ({where})
    </>
  );
}
