import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../design/icons';

const TILES: { to: string; key: string; icon: IconName }[] = [
  { to: '/card', key: 'home.tiles.card', icon: 'card' },
  { to: '/history', key: 'home.tiles.participation', icon: 'history' },
  { to: '/benefits', key: 'home.tiles.benefits', icon: 'benefits' },
  { to: '/medical', key: 'home.tiles.medical', icon: 'medical' },
  { to: '/lookup', key: 'home.tiles.lookup', icon: 'lookup' },
  { to: '/services', key: 'home.tiles.services', icon: 'services' },
  { to: '/support', key: 'home.tiles.support', icon: 'support' },
];

export function HomePage() {
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p>{t('home.lead')}</p>
      </section>
      <h2 className="visually-hidden">{t('home.tilesHeading')}</h2>
      <ul className="tiles">
        {TILES.map((tile) => (
          <li key={tile.to}>
            <Link to={tile.to}>
              <Icon name={tile.icon} />
              <span>{t(tile.key)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
