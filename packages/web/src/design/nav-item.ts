import type { IconName } from './icons';

/** One destination of a TabBar or SideNav. `end`: current only on exactly this path, not below it. */
export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  end?: boolean;
  /** A count shown on the item (unread messages), with the sentence a screen reader says for it. */
  badge?: { count: number; label: string } | undefined;
  /** SideNav only: starts a new group, below a separator. */
  separated?: boolean;
}
