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
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
