/**
 * The design system: tokens (tokens.css) and a few accessible components styled by them
 * (components.css). No UI library; every control has a label, every state a visible focus ring.
 */
export { Button, ButtonLink } from './button';
export { Card } from './card';
export { Field, Select } from './field';
export { Icon, type IconName } from './icons';
export type { NavItem } from './nav-item';
export { Notice } from './notice';
export { PageHeader } from './page-header';
export { SideNav } from './side-nav';
export { SkipLink } from './skip-link';
export { TabBar } from './tab-bar';
export { TopBar } from './top-bar';
