import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listMyDocuments, type PersonDocument, type PersonDocuments } from '@vssid/domain/api/documents';
import { Card, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { urlOf } from '../../shared/api-call';
import { MorePagesButton, useMorePages } from '../../shared/more-pages';
import { PATHS } from '../../shared/paths';
import { forQuery, RecordView, useForCode, useRecord, withFor } from '../history';
import { fetchMyDocuments } from './api';
import { PaymentReceipts } from '../payments';

const PAGE = 20;

/**
 * Giấy tờ của tôi: the documents the system made for the person (or, with `?for=`, a minor child
 * whose guardian they are), newest first: request receipts and BHXH book notices, Form 01
 * declarations — each a PDF from the route that serves it — and medical visit documents, linked
 * to their visit. The first page is kept for offline use, as on the history screens.
 */
export function DocumentsPage() {
  const { t } = useTranslation();
  const forCode = useForCode();
  const query = { limit: PAGE, ...forQuery(forCode) };
  const state = useRecord(urlOf(listMyDocuments, { query }), (signal) => fetchMyDocuments({ query, signal }));
  return (
    <>
      <PageHeader title={t('documents.title')} lead={t('documents.lead')} />
      <RecordView state={state} signInKey="signInNeeded.documents">
        {(first) => <DocumentList first={first} forCode={forCode} />}
      </RecordView>
      {/* Issue #26: the e-receipts of the person's own payments. */}
      {forCode ? null : <PaymentReceipts />}
    </>
  );
}

function DocumentList({ first, forCode }: { first: PersonDocuments; forCode: string | null }) {
  const { t } = useTranslation();
  // Later pages are fetched on demand and not kept offline (the first page is).
  const more = useMorePages(first.nextCursor, (cursor) =>
    fetchMyDocuments({ query: { limit: PAGE, cursor, ...forQuery(forCode) } }),
  );
  const items = [...first.items, ...more.items];
  if (items.length === 0)
    return (
      <Card>
        <p data-testid="documents-empty">{t('documents.empty')}</p>
      </Card>
    );
  return (
    <>
      <ol className="record-list" data-testid="document-list">
        {items.map((d) => (
          <DocumentItem key={d.id} doc={d} forCode={forCode} />
        ))}
      </ol>
      <MorePagesButton more={more} label={t('documents.more')} failedLabel={t('documents.moreFailed')} />
    </>
  );
}

function DocumentItem({ doc, forCode }: { doc: PersonDocument; forCode: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const title = doc.visit ? t(`medical.documents.${doc.visit.kind}`) : t(`documents.kinds.${doc.kind}`);
  return (
    <li data-testid={`document-${doc.kind}`}>
      <div className="period__head">
        <strong>{title}</strong>
      </div>
      <p className="muted">
        {doc.serviceType ? `${t(`services.types.${doc.serviceType}.name`)} · ` : ''}
        {doc.visit?.clinicName ? `${doc.visit.clinicName} · ` : ''}
        {t('documents.number', { number: doc.number })} ·{' '}
        {t('documents.issued', { date: doc.visit ? f.date(doc.visit.issuedOn) : f.date(doc.at) })}
      </p>
      {doc.href ? (
        <a className="button button--secondary" href={doc.href} target="_blank" rel="noopener">
          {t('documents.download')}
        </a>
      ) : doc.visit ? (
        <Link
          className="button button--secondary"
          to={withFor(`${PATHS.medical}/${encodeURIComponent(doc.visit.maLk)}`, forCode)}
        >
          {t('documents.openVisit')}
        </Link>
      ) : null}
    </li>
  );
}
