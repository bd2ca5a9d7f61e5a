import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, PageHeader } from '../../design';
import { MorePagesButton, useMorePages } from '../../shared/more-pages';
import { PATHS } from '../../shared/paths';
import { formatDate } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';
import { listMyMedicalVisits, type MedicalVisits } from '@vssid/domain/api/records';
import { urlOf } from '../../shared/api-call';
import { fetchMyMedicalVisits, forQuery, RecordView, useForCode, useRecord, withFor } from '../history';
import { CostFacts } from './cost-facts';

const PAGE = 20;

/** Sổ khám chữa bệnh: insured medical visits since 2017, newest first. */
export function MedicalPage() {
  const { t } = useTranslation();
  const forCode = useForCode();
  const query = { limit: PAGE, ...forQuery(forCode) };
  const state = useRecord(urlOf(listMyMedicalVisits, { query }), (signal) =>
    fetchMyMedicalVisits({ query, signal }),
  );
  return (
    <>
      <PageHeader title={t('medical.title')} lead={t('medical.lead')} />
      <RecordView state={state} signInKey="signInNeeded.medical">
        {(first) => <VisitList first={first} forCode={forCode} />}
      </RecordView>
    </>
  );
}

function VisitList({ first, forCode }: { first: MedicalVisits; forCode: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  // Later pages are fetched on demand and not kept offline (the first page is).
  const more = useMorePages(first.nextCursor, (cursor) =>
    fetchMyMedicalVisits({ query: { limit: PAGE, cursor, ...forQuery(forCode) } }),
  );
  const items = [...first.items, ...more.items];
  if (items.length === 0)
    return (
      <Card>
        <p data-testid="medical-empty">{t('medical.empty')}</p>
      </Card>
    );
  return (
    <>
      <ol className="record-list" data-testid="visit-list">
        {items.map((v) => (
          <li key={v.maLk}>
            <div className="period__head">
              <Link to={withFor(`${PATHS.medical}/${encodeURIComponent(v.maLk)}`, forCode)}>
                <strong>{v.clinicName}</strong>
              </Link>
              <span className="badge">{t(`medical.setting.${v.setting}`)}</span>
            </div>
            <dl className="period__facts">
              <div>
                <dt>{t('medical.dates')}</dt>
                <dd>
                  {formatDate(v.admittedAt, lang)}
                  {v.dischargedAt.slice(0, 10) !== v.admittedAt.slice(0, 10)
                    ? ` – ${formatDate(v.dischargedAt, lang)}`
                    : ''}
                </dd>
              </div>
              <div>
                <dt>{t('medical.diagnosis')}</dt>
                <dd>
                  <abbr title={v.icd10Main.name ?? undefined}>{v.icd10Main.code}</abbr>
                  {v.icd10Main.name ? ` · ${v.icd10Main.name}` : ''}
                </dd>
              </div>
              <CostFacts visit={v} />
            </dl>
            {v.documentCount ? (
              <p className="muted">{t('medical.documentCount', { count: v.documentCount })}</p>
            ) : null}
          </li>
        ))}
      </ol>
      <MorePagesButton more={more} label={t('medical.more')} failedLabel={t('medical.moreFailed')} />
    </>
  );
}
