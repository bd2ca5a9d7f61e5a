import { useTranslation } from 'react-i18next';
import { screenLanguage, type WebKey } from '../../i18n';
import { formatDistance, mapLinks, placeGroups } from './lookup-logic';
import type { LookupPlace } from '@vssid/domain/api/lookup';
import type { DirectoryAnswer, DirectoryItem, DirectoryKind } from './lookup-kinds';

function levelText(
  // A plain signature: the full TFunction type of a ternary of keys grows too deep for the compiler.
  t: (key: WebKey) => string,
  kind: DirectoryKind,
  item: DirectoryItem,
): string | null {
  if (kind === 'agencies' && 'level' in item)
    return item.level === 'central'
      ? t('lookup.levels.agency.central')
      : item.level === 'province'
        ? t('lookup.levels.agency.province')
        : t('lookup.levels.agency.local');
  if (kind === 'clinics' && 'level' in item)
    return item.level === 'central'
      ? t('lookup.levels.clinic.central')
      : item.level === 'province'
        ? t('lookup.levels.clinic.province')
        : item.level === 'district'
          ? t('lookup.levels.clinic.district')
          : t('lookup.levels.clinic.commune');
  if (kind === 'agents' && 'kind' in item)
    return item.kind === 'post_office'
      ? t('lookup.agentKinds.postOffice')
      : item.kind === 'commune_agent'
        ? t('lookup.agentKinds.communeAgent')
        : item.kind === 'bank'
          ? t('lookup.agentKinds.bank')
          : t('lookup.agentKinds.other');
  return null;
}

/** "xã/phường", "tỉnh cũ"…: what a place typed named. */
function placeKindText(t: (key: WebKey) => string, kind: LookupPlace['kind']): string {
  switch (kind) {
    case 'province':
      return t('lookup.results.placeKind.province');
    case 'commune':
      return t('lookup.results.placeKind.commune');
    case 'oldProvince':
      return t('lookup.results.placeKind.oldProvince');
    case 'oldDistrict':
      return t('lookup.results.placeKind.oldDistrict');
    case 'oldCommune':
      return t('lookup.results.placeKind.oldCommune');
  }
}

/** One page of a directory: the places understood, the items, and the pages. */
export function DirectoryResults({
  kind,
  answer,
  onPage,
}: {
  kind: DirectoryKind;
  answer: DirectoryAnswer;
  onPage: ((page: number) => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language || 'vi';
  return (
    <div className="lookup-results" data-testid={`lookup-results-${kind}`}>
      {'places' in answer && answer.places.length ? (
        <p className="lookup-results__places">
          {t('lookup.results.placesUnderstood')}{' '}
          {placeGroups(answer.places).map((g, i) => {
            const provinces = g.provinceNames.join(', ');
            const where =
              g.kind === 'province'
                ? ''
                : g.kind === 'commune'
                  ? `, ${provinces}`
                  : `, ${t('lookup.results.placeNowIn', { province: provinces })}`;
            return (
              <span key={`${g.kind}:${g.name}:${provinces}`} data-testid="lookup-place">
                {i > 0 ? '; ' : ''}
                {g.kind.startsWith('old') ? <span lang="vi">{g.name}</span> : g.name}
                {` (${placeKindText(t, g.kind)}${where})`}
                {g.units.length ? `: ${g.units.join(', ')}` : null}
              </span>
            );
          })}
        </p>
      ) : null}
      {'widenedToProvince' in answer && answer.widenedToProvince ? (
        <p className="lookup-results__note">{t('lookup.results.widened')}</p>
      ) : null}
      <p className="lookup-results__count">
        {answer.total === 0
          ? t('lookup.results.none')
          : t('lookup.results.count', { total: answer.total, page: answer.page, pages: answer.pages })}
      </p>
      <ol className="lookup-list">
        {answer.items.map((item) => {
          const level = levelText(t, kind, item);
          const position = 'latitude' in item ? item : null;
          const maps =
            position?.latitude != null && position.longitude != null
              ? mapLinks(position.latitude, position.longitude, item.name)
              : null;
          return (
            <li key={item.code} className="lookup-item" data-testid="lookup-item">
              <h3 className="lookup-item__name" lang="vi">
                {item.name}
              </h3>
              <p className="lookup-item__meta">
                {level ? <span>{level}</span> : null}
                {kind === 'clinics' && 'issuesSickLeave' in item && item.issuesSickLeave ? (
                  <span>{t('lookup.results.sickLeave')}</span>
                ) : null}
                <span>
                  {t('lookup.results.code')}: {item.code}
                </span>
                {position?.distanceKm != null ? (
                  <span className="lookup-item__distance" data-testid="lookup-distance">
                    {t('lookup.results.distance', {
                      distance: formatDistance(position.distanceKm, screenLanguage(language)),
                    })}
                  </span>
                ) : null}
              </p>
              <dl className="lookup-item__details">
                {'taxCode' in item && item.taxCode ? (
                  <>
                    <dt>{t('lookup.results.taxCode')}</dt>
                    <dd>{item.taxCode}</dd>
                  </>
                ) : null}
                <dt>{t('lookup.results.address')}</dt>
                <dd lang="vi">{item.address}</dd>
                {'representativeName' in item && item.representativeName ? (
                  <>
                    <dt>{t('lookup.results.representative')}</dt>
                    <dd lang="vi">{item.representativeName}</dd>
                  </>
                ) : null}
                {item.phone ? (
                  <>
                    <dt>{t('lookup.results.phone')}</dt>
                    <dd>
                      <a href={`tel:${item.phone}`}>{item.phone}</a>
                    </dd>
                  </>
                ) : null}
                {'email' in item && item.email ? (
                  <>
                    <dt>{t('lookup.results.email')}</dt>
                    <dd>
                      <a href={`mailto:${item.email}`}>{item.email}</a>
                    </dd>
                  </>
                ) : null}
                {'openingHours' in item && item.openingHours ? (
                  <>
                    <dt>{t('lookup.results.hours')}</dt>
                    <dd lang="vi">{item.openingHours}</dd>
                  </>
                ) : null}
              </dl>
              {maps ? (
                <p className="lookup-item__maps">
                  <a href={maps.web} target="_blank" rel="noopener noreferrer" data-testid="lookup-map-link">
                    {t('lookup.results.openMap')}
                  </a>
                  <a href={maps.geo}>{t('lookup.results.openMapApp')}</a>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {onPage && answer.pages > 1 ? (
        <nav className="lookup-pages" aria-label={t('lookup.results.pages')}>
          <button
            type="button"
            className="button button--secondary"
            disabled={answer.page <= 1}
            onClick={() => {
              onPage(answer.page - 1);
            }}
          >
            {t('lookup.results.previous')}
          </button>
          <span>{t('lookup.results.pageOf', { page: answer.page, pages: answer.pages })}</span>
          <button
            type="button"
            className="button button--secondary"
            disabled={answer.page >= answer.pages}
            onClick={() => {
              onPage(answer.page + 1);
            }}
          >
            {t('lookup.results.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
