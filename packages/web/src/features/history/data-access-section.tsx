import { type AuditAction, isAuditAction, isAuditPurpose } from '@vssid/domain';
import { useTranslation } from 'react-i18next';
import { Card } from '../../design';
import { useFormat } from '../../i18n/format';
import { urlOf } from '../../shared/api-call';
import { MorePagesButton, useMorePages } from '../../shared/more-pages';
import { RecordView } from './record-view';
import { type DataAccess, type DataAccessEntry, listMyDataAccess } from '@vssid/domain/api/records';
import { fetchMyDataAccess } from './api';
import { useRecord } from './use-record';

/** Audit entries a page (the API's largest). */
const PAGE = 200;

const ACTORS = ['officer', 'agency_admin', 'employer', 'clinic'] as const;
/** The staff role of an entry (the list holds staff entries only; unknown kinds read as officers). */
const actorOf = (type: string): (typeof ACTORS)[number] => ACTORS.find((a) => a === type) ?? 'officer';

const FILES = ['portrait', 'id_front', 'id_back', 'birth_certificate'] as const;
const fileOf = (kind: string | null) => FILES.find((f) => f === kind);

/**
 * Ai đã xem dữ liệu của tôi: every piece of staff work on the person's data (who, which agency or
 * clinic, when, what and why), newest first, in the screen's words: actions and purposes are
 * codes translated from the catalogs, an officer's own words are quoted. One approval is one
 * entry; its steps (the opening, each photo read, the paper step) unfold under "details".
 * A section of the profile page.
 */
export function DataAccessSection() {
  const { t } = useTranslation();
  const state = useRecord(urlOf(listMyDataAccess, { query: { limit: PAGE } }), (signal) =>
    fetchMyDataAccess({ query: { limit: PAGE }, signal }),
  );
  return (
    <Card title={t('dataAccess.title')}>
      <p className="muted">{t('dataAccess.lead')}</p>
      <RecordView state={state} signInKey="signInNeeded.profile">
        {(data) =>
          data.items.length === 0 ? (
            <p data-testid="data-access-empty">{t('dataAccess.empty')}</p>
          ) : (
            <AccessList first={data} />
          )
        }
      </RecordView>
    </Card>
  );
}

/** The first page, then "Xem thêm" for older entries (fetched on demand, not kept offline). */
function AccessList({ first }: { first: DataAccess }) {
  const { t } = useTranslation();
  const more = useMorePages(first.nextBefore, (before) =>
    fetchMyDataAccess({ query: { limit: PAGE, before } }).then((page) => ({
      items: page.items,
      nextCursor: page.nextBefore,
    })),
  );
  return (
    <>
      <ol className="access-list" data-testid="data-access-list">
        {[...first.items, ...more.items].map((e) => (
          <AccessEntry key={e.id} entry={e} />
        ))}
      </ol>
      <MorePagesButton more={more} label={t('dataAccess.more')} failedLabel={t('dataAccess.moreFailed')} />
    </>
  );
}

function AccessEntry({ entry: e }: { entry: DataAccessEntry }) {
  const { t } = useTranslation();
  const f = useFormat();
  const actionText = (action: string) =>
    isAuditAction(action)
      ? t(`dataAccess.actions.${action satisfies AuditAction}`)
      : t('dataAccess.unknownAction');
  const stepText = (step: DataAccessEntry['steps'][number]) => {
    const file = fileOf(step.file);
    return file
      ? t('dataAccess.withFile', { action: actionText(step.action), file: t(`officer.file.${file}`) })
      : actionText(step.action);
  };
  const clinicCheck = e.steps.find((s) => s.action === 'records.card_check.read');
  return (
    <li data-testid="data-access-entry">
      <div className="access-list__head">
        <strong>{e.actorName ?? t(`dataAccess.actor.${actorOf(e.actorType)}`)}</strong>
        <time dateTime={e.at}>{f.dateTime(e.at)}</time>
      </div>
      <div className="muted">
        {e.actorName ? `${t(`dataAccess.actor.${actorOf(e.actorType)}`)} · ` : ''}
        {e.organization ? (e.organization.name ?? e.organization.code) : ''}
      </div>
      {clinicCheck && e.organization?.kind === 'clinic' ? (
        // The clinic gateway (issue #24): "Bệnh viện Bạch Mai đã kiểm tra thẻ của bạn lúc …".
        <div data-testid="data-access-clinic-check">
          {t('dataAccess.clinicChecked', {
            clinic: e.organization.name ?? e.organization.code,
            time: f.dateTime(clinicCheck.at),
          })}
        </div>
      ) : null}
      <div>
        {e.targetType === 'dossier'
          ? `${actionText(e.action)}${e.targetId ? ` · ${t('dataAccess.dossier', { number: e.targetId })}` : ''}`
          : // Reads for one purpose: what was read, each once, in the order read.
            [...new Set(e.steps.map((s) => s.action))].map(actionText).join(' · ')}
      </div>
      {isAuditPurpose(e.purposeCode) ? (
        <div className="muted">
          {t('dataAccess.purpose', { purpose: t(`dataAccess.purposes.${e.purposeCode}`) })}
        </div>
      ) : e.purposeStated ? (
        <div className="muted">{t('dataAccess.statedPurpose', { purpose: e.purposeStated })}</div>
      ) : null}
      {e.steps.length > 1 ? (
        <details className="access-list__steps">
          <summary>{t('dataAccess.steps', { count: e.steps.length })}</summary>
          <ol>
            {e.steps.map((s) => (
              <li key={s.id}>
                <time dateTime={s.at}>{f.dateTime(s.at)}</time> {stepText(s)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}
