import { NavLink } from 'react-router';
import { Icon } from './icons';
import type { NavItem } from './nav-item';

/** The citizen app's bottom navigation: icon and label per tab; the current one has `aria-current="page"`. */
export function TabBar({
  label,
  items,
  testId,
}: {
  label: string;
  items: readonly NavItem[];
  testId?: string;
}) {
  return (
    <nav className="tab-bar" aria-label={label} data-testid={testId}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
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
