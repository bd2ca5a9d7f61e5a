import type { MyRegistration } from '@vssid/domain/api/registration';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { type CursorPage, MorePagesButton, useMorePages } from '../../shared/more-pages';
import { fetchMyRegistrations } from './api';

/* ---- the dossiers already sent ------------------------------------------------------------------ */

const MINE_PAGE = 20;
const minePage = (cursor?: string) =>
  fetchMyRegistrations({ query: { limit: MINE_PAGE, ...(cursor ? { cursor } : {}) } });

/** A signed-in citizen's dossiers (their own and their children's): number, status, deadline, the declaration. */
export function MyRegistrations() {
  const [first, setFirst] = useState<CursorPage<MyRegistration> | null>(null);
  useEffect(() => {
    let live = true;
    minePage()
      .then((page) => {
        if (live) setFirst(page);
      })
      .catch(() => {
        if (live) setFirst({ items: [], nextCursor: null });
      });
    return () => {
      live = false;
    };
  }, []);
  if (!first?.items.length) return null;
  return <MyRegistrationList first={first} />;
}

/** The first page, then "Xem thêm" for the older dossiers, newest first. */
function MyRegistrationList({ first }: { first: CursorPage<MyRegistration> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const more = useMorePages(first.nextCursor, minePage);
  return (
    <section className="card" data-testid="my-registrations">
      <h2 className="card__title">{t('registration.mine.title')}</h2>
      <ul className="registration-mine">
        {[...first.items, ...more.items].map((item) => (
          <li key={item.number}>
            <strong>{item.fullName}</strong> · {item.number}
            <br />
            {t(`registration.status.${item.status}`)}
            {item.status === 'submitted'
              ? ` · ${t('registration.mine.deadline', { date: f.date(item.deadlineAt) })}`
              : ''}
            <br />
            <a href={item.form01Url} target="_blank" rel="noopener">
              {t('registration.result.view')}
            </a>
          </li>
        ))}
      </ul>
      <MorePagesButton
        more={more}
        label={t('registration.mine.more')}
        failedLabel={t('registration.mine.moreFailed')}
      />
    </section>
  );
}
