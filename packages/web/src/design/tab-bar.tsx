import type { NavItem } from './nav-item';
import { NavList } from './nav-list';

/** The citizen app's bottom navigation: icon and label per tab; the current one has `aria-current="page"`. */
export function TabBar(props: { label: string; items: readonly NavItem[]; testId?: string }) {
  return <NavList className="tab-bar" {...props} />;
}
