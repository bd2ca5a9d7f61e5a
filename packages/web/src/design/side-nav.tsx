import { NavLink } from 'react-router';
import { Icon } from './icons';
import type { NavItem } from './nav-item';

/** The back offices' navigation beside the page; the current item has `aria-current="page"`. */
export function SideNav({
  label,
  items,
  testId,
}: {
  label: string;
  items: readonly NavItem[];
  testId?: string;
}) {
  return (
    <nav className="side-nav" aria-label={label} data-testid={testId}>
      <ul>
        {items.map((item) => (
          <li key={item.to} className={item.separated ? 'side-nav__separator' : undefined}>
            <NavLink to={item.to} end={item.end ?? false}>
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
