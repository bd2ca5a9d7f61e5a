import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Card, PageHeader } from '../../design';
import { PATHS } from '../../shared/paths';
import { formatDate } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';
import { type DocumentKind, type MedicalVisit, readMyMedicalVisit } from '@vssid/domain/api/records';
import { urlOf } from '../../shared/api-call';
import { fetchMyMedicalVisit, forQuery, RecordView, useForCode, useRecord, withFor } from '../history';
import { CostFacts } from './cost-facts';

const CONTENT_KEYS = ['days', 'from', 'outcome', 'advice', 'children', 'method', 'after_days'] as const;
type ContentKey = (typeof CONTENT_KEYS)[number];
const isContentKey = (k: string): k is ContentKey => (CONTENT_KEYS as readonly string[]).includes(k);

/** One visit with its documents (giấy ra viện, giấy nghỉ ốm, giấy chứng sinh, giấy hẹn tái khám…). */
export function MedicalVisitPage() {
  const { t } = useTranslation();
  const { maLk = '' } = useParams();
  const forCode = useForCode();
  const input = { params: { maLk }, query: forQuery(forCode) };
  const state = useRecord(urlOf(readMyMedicalVisit, input), (signal) =>
    fetchMyMedicalVisit({ ...input, signal }),
  );
  return (
    <>
      <PageHeader title={t('medical.visitTitle')} />
      <p>
        <Link to={withFor(PATHS.medical, forCode)}>{t('medical.back')}</Link>
      </p>
      <RecordView state={state} signInKey="signInNeeded.medical">
        {(v) => <VisitView visit={v} />}
      </RecordView>
    </>
  );
}

function VisitView({ visit: v }: { visit: MedicalVisit }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  return (
    <>
      <Card title={v.clinicName}>
        <dl className="record-facts">
          <div>
            <dt>{t('medical.setting.label')}</dt>
            <dd>{t(`medical.setting.${v.setting}`)}</dd>
          </div>
          <div>
            <dt>{t('medical.admitted')}</dt>
            <dd>{formatDate(v.admittedAt, lang)}</dd>
          </div>
          <div>
            <dt>{t('medical.discharged')}</dt>
            <dd>{formatDate(v.dischargedAt, lang)}</dd>
          </div>
          {v.treatmentDays ? (
            <div>
              <dt>{t('medical.treatmentDays')}</dt>
              <dd>{v.treatmentDays}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('medical.diagnosis')}</dt>
            <dd data-testid="visit-icd">
              {v.icd10Main.code}
              {v.icd10Main.name ? ` · ${v.icd10Main.name}` : ''}
            </dd>
          </div>
          {v.icd10Other.length ? (
            <div>
              <dt>{t('medical.otherDiagnoses')}</dt>
              <dd>{v.icd10Other.map((c) => (c.name ? `${c.code} · ${c.name}` : c.code)).join('; ')}</dd>
            </div>
          ) : null}
          <CostFacts visit={v} />
          <div>
            <dt>{t('medical.card')}</dt>
            <dd>{v.cardNumber}</dd>
          </div>
        </dl>
      </Card>
      <Card title={t('medical.documentsTitle')}>
        {v.documents.length === 0 ? (
          <p>{t('medical.noDocuments')}</p>
        ) : (
          <ul className="record-list" data-testid="visit-documents">
            {v.documents.map((d) => (
              <li key={d.kind}>
                <h3>{t(`medical.documents.${d.kind satisfies DocumentKind}`)}</h3>
                <dl className="period__facts">
                  <div>
                    <dt>{t('medical.documentNumber')}</dt>
                    <dd>{d.number}</dd>
                  </div>
                  <div>
                    <dt>{t('medical.issuedOn')}</dt>
                    <dd>{formatDate(d.issuedOn, lang)}</dd>
                  </div>
                  {Object.entries(d.content).map(([key, value]) => (
                    <div key={key}>
                      <dt>{isContentKey(key) ? t(`medical.content.${key}`) : key}</dt>
                      <dd>
                        {typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
                          ? formatDate(value, lang)
                          : String(value)}
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
