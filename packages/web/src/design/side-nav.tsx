import type { NavItem } from './nav-item';
import { NavList } from './nav-list';

/** The back offices' navigation beside the page; the current item has `aria-current="page"`. */
export function SideNav(props: { label: string; items: readonly NavItem[]; testId?: string }) {
  return <NavList className="side-nav" {...props} />;
}
