import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon, type IconName } from '../../design';
import { useSession } from '../auth';
import type { WebKey } from '../../i18n';
import { PATHS } from '../../shared/paths';
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

export function HomePage() {
  const { t } = useTranslation();
  const { session, state } = useSession();
  return (
    <>
      <div className="hero">
        <h1>{t('home.title')}</h1>
        <p>{t('home.lead')}</p>
        {/* Not while the session is being asked: the tiles would move up when it goes. */}
        {session || state.status === 'loading' ? null : (
          <p>
            {t('registration.entryLead')}{' '}
            <Link to={PATHS.register} data-testid="home-register">
              {t('registration.entry')}
            </Link>
          </p>
        )}
      </div>
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
