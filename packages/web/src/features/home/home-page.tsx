import { partOfDayInVietnam } from '@vssid/domain/vietnam-time';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ButtonLink, Icon, type IconName } from '../../design';
import { type Session, useSession } from '../../app/session';
import { CardGlance } from '../card';
import type { WebKey } from '../../i18n';
import { PATHS } from '../../shared/paths';
import { useUnread } from '../../shared/unread';
import './home.css';

/** The features of the official app's home screen, in its order. */
const TILES = [
  { to: PATHS.card, key: 'home.tiles.card', icon: 'card' },
  { to: PATHS.history, key: 'home.tiles.participation', icon: 'history' },
  { to: PATHS.benefits, key: 'home.tiles.benefits', icon: 'benefits' },
  { to: PATHS.medical, key: 'home.tiles.medical', icon: 'medical' },
  { to: PATHS.lookup, key: 'home.tiles.lookup', icon: 'lookup' },
  { to: PATHS.services, key: 'home.tiles.services', icon: 'services' },
  { to: PATHS.support, key: 'home.tiles.support', icon: 'support' },
] as const satisfies readonly { to: string; key: WebKey; icon: IconName }[];

/** Anyone: what the app is for, and the two ways in (sign in, register). */
function WelcomeHero({ actions }: { actions: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="hero" data-testid="home-hero">
      <h1>{t('home.title')}</h1>
      <p>{t('home.lead')}</p>
      {actions ? (
        <div className="hero__actions">
          <ButtonLink variant="secondary" to={PATHS.signIn}>
            {t('home.signIn')}
          </ButtonLink>
          <ButtonLink to={PATHS.register}>{t('home.register')}</ButtonLink>
        </div>
      ) : null}
    </section>
  );
}

/** The way to the inbox, with the unread count (issue 25; the count is fetched by the shell). */
function InboxLink() {
  const { t } = useTranslation();
  const unread = useUnread();
  return (
    <Link
      to={PATHS.notifications}
      className="hero__inbox"
      data-testid="home-unread"
      aria-label={t('notifications.badgeLabel', { count: unread })}
    >
      <Icon name="bell" />
      {unread > 0 ? <span className="hero__inbox-count">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}

/** The signed-in person: a greeting for the hour in Vietnam and their name. */
function PersonHero({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <section className="hero hero--person" data-testid="home-hero">
      <div className="hero__top">
        <h1>
          <span className="hero__greeting">{t(`home.greeting.${partOfDayInVietnam(new Date())}`)}</span>{' '}
          <span data-testid="home-person-name">{session.account.displayName}</span>
        </h1>
        {session.account.role === 'citizen' ? <InboxLink /> : null}
      </div>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { session, state } = useSession();
  return (
    <>
      {session ? (
        <PersonHero session={session} />
      ) : (
        // While the session is being asked, no actions: they would flash for a signed-in person.
        <WelcomeHero actions={state.status !== 'loading'} />
      )}
      {/* Staff accounts have no card of their own. */}
      {session?.account.bhxhCode ? <CardGlance /> : null}
      <h2 className="tiles-heading">{t('home.tilesHeading')}</h2>
      <ul className="tiles">
        {TILES.map((tile) => (
          <li key={tile.to}>
            <Link to={tile.to}>
              <span className="tiles__icon">
                <Icon name={tile.icon} />
              </span>
              <span>{t(tile.key)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
