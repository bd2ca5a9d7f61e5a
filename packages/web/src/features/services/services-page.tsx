import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Catalogue } from '@vssid/domain/api/services';
import { ButtonLink, Card, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { PATHS } from '../../shared/paths';
import { useSession } from '../../app/session';
import { MyRegistrations } from '../registration';
import { fetchCatalogue, fetchMyRequests } from './api';
import './services.css';

type MyRequests = Awaited<ReturnType<typeof fetchMyRequests>>;

/**
 * Dịch vụ công: the catalogue of online public services (purpose, who may use it, documents, fee,
 * processing time with its legal source) and "Hồ sơ của tôi", every request with its status and
 * estimated day, late ones marked; the child account registration stays in the same list.
 */
export function ServicesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { session } = useSession();
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [mine, setMine] = useState<MyRequests | null>(null);

  useEffect(() => {
    let live = true;
    fetchCatalogue({})
      .then((c) => {
        if (live) setCatalogue(c);
      })
      .catch(() => undefined);
    if (session)
      fetchMyRequests({})
        .then((m) => {
          if (live) setMine(m);
        })
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session]);

  return (
    <>
      <PageHeader title={t('services.title')} lead={t('services.lead')} />
      {session ? null : <Notice icon="lock">{t('signInNeeded.services')}</Notice>}
      {session && mine ? (
        <Card title={t('services.mine.title')}>
          <ButtonLink to={PATHS.documents} variant="secondary" icon="services">
            {t('documents.title')}
          </ButtonLink>
          {mine.items.length === 0 ? (
            <p>{t('services.mine.empty')}</p>
          ) : (
            <ul className="service-list" data-testid="my-requests">
              {mine.items.map((r) => (
                <li key={r.number}>
                  <Link to={`${PATHS.serviceRequests}/${r.number}`}>
                    {t(`services.types.${r.type}.name`)} · {r.number}
                  </Link>
                  <span className="service-list__meta">
                    {t(`services.status.${r.status}`)} · {t('services.due', { date: f.date(r.dueOn) })}
                    {r.late ? <strong className="service-late"> · {t('services.late')}</strong> : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
      {/* Hồ sơ của tôi also lists the registration dossiers (one's own and one's children's). */}
      {session ? <MyRegistrations /> : null}
      {catalogue?.services.map((s) => (
        <Card key={s.type} title={t(`services.types.${s.type}.name`)}>
          <p>{t(`services.types.${s.type}.purpose`)}</p>
          <dl className="service-facts">
            <dt>{t('services.facts.who')}</dt>
            <dd>{t(`services.types.${s.type}.who`)}</dd>
            <dt>{t('services.facts.documents')}</dt>
            <dd>{t(`services.types.${s.type}.documents`)}</dd>
            <dt>{t('services.facts.fee')}</dt>
            <dd>{s.fee === 0 ? t('services.facts.free') : f.money(s.fee)}</dd>
            <dt>{t('services.facts.time')}</dt>
            <dd>
              {s.workingDays.plain === s.workingDays.withChanges
                ? t('services.facts.days', { count: s.workingDays.plain })
                : t('services.facts.daysRange', {
                    plain: s.workingDays.plain,
                    changed: s.workingDays.withChanges,
                  })}{' '}
              <small>({s.source})</small>
            </dd>
          </dl>
          {session ? (
            <ButtonLink to={`${PATHS.serviceForm}/${s.type}`} icon="services">
              {t('services.file')}
            </ButtonLink>
          ) : null}
        </Card>
      ))}
      <Card title={t('services.registerTitle')}>
        <p>{t('services.register')}</p>
      </Card>
      <Card title={t('childRegistration.entry')}>
        <p>{t('childRegistration.lead')}</p>
        <Link to={PATHS.registerChild} data-testid="services-register-child">
          {t('childRegistration.entry')}
        </Link>
      </Card>
    </>
  );
}
