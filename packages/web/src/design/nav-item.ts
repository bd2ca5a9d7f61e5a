import type { IconName } from './icons';

/** One destination of a TabBar or SideNav. `end`: current only on exactly this path, not below it. */
export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  end?: boolean;
  /** SideNav only: starts a new group, below a separator. */
  separated?: boolean;
}
