import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The banner landmark at the top of a shell: the logo and names (a link home) and actions
 * such as the language switcher.
 */
export function TopBar({
  title,
  subtitle,
  homeTo,
  children,
}: {
  title: string;
  subtitle?: string;
  homeTo: string;
  children?: ReactNode;
}) {
  return (
    <header className="top-bar">
      <Link className="top-bar__brand" to={homeTo}>
        <img className="top-bar__logo" src="/logo.svg" alt="" width="36" height="36" />
        <span className="top-bar__names">
          <span className="top-bar__title">{title}</span>
          {subtitle ? <span className="top-bar__subtitle">{subtitle}</span> : null}
        </span>
      </Link>
      {children ? <div className="top-bar__actions">{children}</div> : null}
    </header>
  );
}
