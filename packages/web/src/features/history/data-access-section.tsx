import { useTranslation } from 'react-i18next';
import { Card } from '../../design';
import { useFormat } from '../../i18n/format';
import { RecordView } from './record-view';
import type { DataAccessEntry } from './types';
import { useRecord } from './use-record';

interface DataAccess {
  bhxhCode: string;
  items: DataAccessEntry[];
  nextBefore: string | null;
}

/** The part of a records action (`records.participation.read`) that names what was read. */
function whatOf(action: string): string {
  return /^records\.([a-z_]+)\.read$/.exec(action)?.[1] ?? 'other';
}

const ACTORS = ['officer', 'agency_admin', 'employer', 'clinic'] as const;
/** The staff role of an entry (the list holds staff reads only; unknown kinds read as officers). */
const actorOf = (type: string): (typeof ACTORS)[number] => ACTORS.find((a) => a === type) ?? 'officer';

const WHATS = [
  'participation',
  'participation_pdf',
  'benefits',
  'medical_visits',
  'medical_visit',
  'estimates',
  'card',
  'fhir',
] as const;
const knownWhat = (what: string) => WHATS.find((w) => w === what);

/**
 * Ai đã xem dữ liệu của tôi: every staff read of the person's records (who, agency, when, for
 * what), from the audit log, newest first. A section of the profile page.
 */
export function DataAccessSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const state = useRecord<DataAccess>('/api/v1/me/data-access?limit=50');
  return (
    <Card title={t('dataAccess.title')}>
      <p className="muted">{t('dataAccess.lead')}</p>
      <RecordView state={state} signInKey="signInNeeded.profile">
        {(data) =>
          data.items.length === 0 ? (
            <p data-testid="data-access-empty">{t('dataAccess.empty')}</p>
          ) : (
            <ol className="access-list" data-testid="data-access-list">
              {data.items.map((e) => {
                const what = knownWhat(whatOf(e.action));
                return (
                  <li key={e.id}>
                    <div className="access-list__head">
                      <strong>{e.actorName ?? t(`dataAccess.actor.${actorOf(e.actorType)}`)}</strong>
                      <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                    </div>
                    {(e.agencyName ?? e.agencyCode) ? <div>{e.agencyName ?? e.agencyCode}</div> : null}
                    <div>
                      {t('dataAccess.read', {
                        what: what ? t(`dataAccess.what.${what}`) : e.action,
                      })}
                    </div>
                    {e.purpose ? (
                      <div className="muted">{t('dataAccess.purpose', { purpose: e.purpose })}</div>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )
        }
      </RecordView>
    </Card>
  );
}
