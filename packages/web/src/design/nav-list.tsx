import { NavLink } from 'react-router';
import { Icon } from './icons';
import type { NavItem } from './nav-item';

/** The labelled list of links that TabBar and SideNav share; the current one has `aria-current="page"`. */
export function NavList({
  className,
  label,
  items,
  testId,
}: {
  className: string;
  label: string;
  items: readonly NavItem[];
  testId?: string | undefined;
}) {
  return (
    <nav className={className} aria-label={label} data-testid={testId}>
      <ul>
        {items.map((item) => (
          <li key={item.to} className={item.separated ? `${className}__separator` : undefined}>
            <NavLink to={item.to} end={item.end ?? false}>
              <Icon name={item.icon} />
              <span>{item.label}</span>
              {item.badge && item.badge.count > 0 ? (
                <span className="nav-badge" data-testid="nav-badge">
                  <span aria-hidden="true">{item.badge.count > 99 ? '99+' : item.badge.count}</span>
                  <span className="visually-hidden">{item.badge.label}</span>
                </span>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
